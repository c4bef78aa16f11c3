"""How many processes render PDFs: one per core the build may use, no more than free memory holds."""

from __future__ import annotations

import math
import os
from pathlib import Path

MIB = 1024 * 1024
# A worker's peak RSS: 380 MiB on the sample's largest package (benchmarks/tree_memory.py), with room.
WORKER_MEMORY = 512 * MIB
UNLIMITED = 1 << 60  # cgroup v1 writes "no limit" as a number near 2**63


def pdf_workers(jobs: int, root: Path = Path("/")) -> int:
    """Processes for ``jobs`` PDFs: at most one per usable core and one per WORKER_MEMORY available,
    at least one. ``root`` is where /proc and /sys are (tests give a fake tree)."""
    memory = available_memory(root)
    by_memory = jobs if memory is None else memory // WORKER_MEMORY
    return max(1, min(jobs, usable_cpus(root), by_memory))


def usable_cpus(root: Path = Path("/")) -> int:
    """The cores this process may run on (its affinity), fewer when a container's CPU quota says so."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    quota = cpu_quota(root)
    return max(1, min(count, quota)) if quota is not None else max(1, count)


def cpu_quota(root: Path) -> int | None:
    """Cores allowed by the cgroup's CPU quota (v2 cpu.max, v1 cfs quota/period), rounded up; None: no quota."""
    quotas = []
    for folder in cgroup_folders(root):
        words = read(folder / "cpu.max").split()
        if len(words) == 2 and words[0].isdigit() and words[1].isdigit() and int(words[1]) > 0:
            quotas.append(math.ceil(int(words[0]) / int(words[1])))
    v1 = root / "sys/fs/cgroup/cpu"
    quota, period = number(read(v1 / "cpu.cfs_quota_us")), number(read(v1 / "cpu.cfs_period_us"))
    if quota is not None and period and quota > 0:
        quotas.append(math.ceil(quota / period))
    return max(1, min(quotas)) if quotas else None


def available_memory(root: Path = Path("/")) -> int | None:
    """Bytes the workers may still use: the system's MemAvailable, less when a cgroup limit is nearer."""
    room = []
    for line in read(root / "proc/meminfo").splitlines():
        name, _, value = line.partition(":")
        words = value.split()
        if name == "MemAvailable" and words and words[0].isdigit():
            room.append(int(words[0]) * 1024)
    limits = [(folder / "memory.max", folder / "memory.current") for folder in cgroup_folders(root)]
    v1 = root / "sys/fs/cgroup/memory"
    limits.append((v1 / "memory.limit_in_bytes", v1 / "memory.usage_in_bytes"))
    for limit_file, usage_file in limits:
        limit, usage = number(read(limit_file)), number(read(usage_file))
        if limit is not None and limit < UNLIMITED:
            room.append(max(0, limit - (usage or 0)))
    return min(room) if room else None


def cgroup_folders(root: Path) -> list[Path]:
    """The cgroup v2 folders that limit this process: its own (from /proc/self/cgroup) and its parents."""
    base = root / "sys/fs/cgroup"
    folders = [base]
    for line in read(root / "proc/self/cgroup").splitlines():
        if line.startswith("0::/"):
            path = base / line.removeprefix("0::/").strip()
            while path != base and base in path.parents:
                folders.append(path)
                path = path.parent
    return folders


def read(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""


def number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() else None
