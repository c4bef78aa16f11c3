"""Benchmark: `changekit validate` on the sample content, in process, best of N: load + validate + link,
and the whole command's work (`check_project`: also the catalogs and the translation checks).

Run: python benchmarks/validate_sample.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from generator.check import check_project, load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.source.project import Project

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        kb = load_knowledge_base(Project(ROOT), Diagnostics(), strict=True)
        times.append(time.perf_counter() - started)
    whole = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        check_project(Project(ROOT), Diagnostics(), strict=True)
        whole.append(time.perf_counter() - started)
    items = sum(len(t.items) for t in kb.topics)
    print(f"validate sample: {len(kb.topics)} topics, {items} items, {len(kb.packages)} packages")
    print(
        f"load + validate + link: best {ms(min(times))}, median {ms(statistics.median(times))} over {args.repeat} runs"
    )
    print(f"whole validate (check_project): best {ms(min(whole))}, median {ms(statistics.median(whole))}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


if __name__ == "__main__":
    main()
