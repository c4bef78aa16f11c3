"""Peak memory of a whole `changekit build`, PDF workers included: the process tree, sampled.

    python benchmarks/tree_memory.py [--topics 3] [--interval 0.1] [-- BUILD OPTIONS]

build_memory.py follows the build's own process stage by stage; the PDFs render in worker
processes it does not see. This script runs `python -m generator build` (cold: a fresh copy of the
sample with ``--topics`` topics, benchmarks/scale.py's copy) and reads, every ``--interval``
seconds, the memory of the build and all its descendants from /proc. It prints the peak of their
sum as RSS (shared library pages counted in every process) and as PSS (shared pages divided among
the processes that share them: the fairer total), the parent's peak RSS, the largest worker's
peak RSS, and the most processes alive at once."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import ROOT, child_environment, copy_project

KIB = 1024
MIB = 1024 * 1024


@dataclass
class Peaks:
    rss_total: int = 0
    pss_total: int = 0
    parent_rss: int = 0
    child_rss: int = 0
    processes: int = 0
    children: dict[int, str] = field(default_factory=dict)


def parents() -> dict[int, int]:
    """Every process's parent, from /proc/PID/stat."""
    found: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                found[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            continue
    return found


def tree(root: int) -> list[int]:
    """``root`` and its descendants."""
    by_parent: dict[int, list[int]] = {}
    for pid, parent in parents().items():
        by_parent.setdefault(parent, []).append(pid)
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(by_parent.get(pid, []))
    return found


def rollup(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes, or zeros for a process gone meanwhile."""
    values = {"Rss:": 0, "Pss:": 0}
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as smaps:
            for line in smaps:
                key, _, rest = line.partition(" ")
                if key in values:
                    values[key] = int(rest.split()[0]) * KIB
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return values["Rss:"], values["Pss:"]


def command_name(pid: int) -> str:
    """What a process runs, shortened: the program, and for Python what it was started with."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            words = [word.decode("utf-8", "replace") for word in cmdline.read().split(b"\0") if word]
    except (FileNotFoundError, ProcessLookupError):
        return "?"
    if not words:
        return "?"
    name = Path(words[0]).name
    if name.startswith("python") and len(words) > 1:
        return " ".join([name, *words[1:3]])[:80]
    return name


def sample(root: int, peaks: Peaks) -> None:
    rss_total = pss_total = 0
    pids = tree(root)
    for pid in pids:
        rss, pss = rollup(pid)
        rss_total += rss
        pss_total += pss
        if pid == root:
            peaks.parent_rss = max(peaks.parent_rss, rss)
        else:
            peaks.children.setdefault(pid, command_name(pid))
            peaks.child_rss = max(peaks.child_rss, rss)
    peaks.rss_total = max(peaks.rss_total, rss_total)
    peaks.pss_total = max(peaks.pss_total, pss_total)
    peaks.processes = max(peaks.processes, len(pids))


def measure(project: Path, options: list[str], interval: float) -> tuple[Peaks, float, str]:
    command = [sys.executable, "-m", "generator", "--project", str(project), "build", *options]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=child_environment(ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peaks = Peaks()
    while process.poll() is None:
        sample(process.pid, peaks)
        time.sleep(interval)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode != 0:
        sys.exit(f"the build failed ({process.returncode}):\n{output}")
    return peaks, time.perf_counter() - started, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", type=int, default=3)
    parser.add_argument("--interval", type=float, default=0.1)
    parser.add_argument("options", nargs="*", help="options for `changekit build` (after --)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="changekit-tree-memory-") as temp:
        project = Path(temp) / "project"
        copy_project(project, args.topics)
        peaks, seconds, output = measure(project, args.options, args.interval)
    summary = [line for line in output.splitlines() if line.startswith("Built ")]
    print(summary[-1] if summary else output.strip().splitlines()[-1])
    print(f"topics: {args.topics}, wall {seconds:.1f} s, sampled every {args.interval} s")
    print(f"peak, whole tree: {peaks.pss_total / MIB:.0f} MiB PSS, {peaks.rss_total / MIB:.0f} MiB RSS")
    print(f"peak RSS, the build's process: {peaks.parent_rss / MIB:.0f} MiB")
    print(f"peak RSS, largest child process: {peaks.child_rss / MIB:.0f} MiB")
    for name, count in Counter(peaks.children.values()).most_common():
        print(f"  child processes: {count} × {name}")
    print(f"most processes at once: {peaks.processes}")


if __name__ == "__main__":
    main()
