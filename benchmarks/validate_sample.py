"""Benchmark: `changekit validate` on the sample content (load + validate + link), best of N.

Run: python benchmarks/validate_sample.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from generator.build import load_knowledge_base
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
    items = sum(len(t.items) for t in kb.topics)
    print(f"validate sample: {len(kb.topics)} topics, {items} items, {len(kb.packages)} packages")
    print(f"best {min(times) * 1000:.0f} ms, median {statistics.median(times) * 1000:.0f} ms over {args.repeat} runs")


if __name__ == "__main__":
    main()
