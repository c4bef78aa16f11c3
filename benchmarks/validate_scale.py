"""Benchmark: `changekit validate` alone, as its own process, on the sample and on 3-, 15- and 30-topic copies.

    python benchmarks/validate_scale.py [--sizes 3,15,30] [--repeat 5] [--tree PATH]

The copies are made as `benchmarks/scale.py` makes them (the sample's topics and catalogs under
new ids, in a temporary folder). Each run is `python -m generator --project COPY validate` with
PYTHONPATH set to ``--tree`` (default: this checkout), so two checkouts compare on the same
copies. Wall time and CPU time (user + system of the child) include start-up and imports; the
best and the median of ``--repeat`` runs are printed.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import ROOT, child_environment, copy_project


def run_once(tree: Path, project: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one `validate` process."""
    env = child_environment(tree)
    command = [sys.executable, "-m", "generator", "--project", str(project), "validate"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=tree, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="3,15,30")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose generator runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="changekit-validate-") as temporary:
        projects = {"sample": ROOT}
        for size in (int(s) for s in args.sizes.split(",") if s):
            projects[f"{size} topics"] = Path(temporary) / str(size)
            copy_project(projects[f"{size} topics"], size)
        print(f"| {args.tree} | wall best | wall median | CPU best | CPU median |")
        print("|---|---|---|---|---|")
        for label, project in projects.items():
            runs = [run_once(args.tree.resolve(), project) for _ in range(args.repeat)]
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            print(
                f"| {label} | {min(walls):.2f} s | {statistics.median(walls):.2f} s "
                f"| {min(cpus):.2f} s | {statistics.median(cpus):.2f} s |"
            )


if __name__ == "__main__":
    main()
