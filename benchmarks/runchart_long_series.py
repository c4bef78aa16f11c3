"""Time the run-chart computations on long series: both rule sets, placement in time, words, drawing.

    python benchmarks/runchart_long_series.py [--sizes 1000,10000,50000,100000] [--repeat 3]

Each series is a seeded random walk around 50 with a step down after the first fifth (so that
shifts, trends, astronomical points and the whole-series rules all have work to do), daily
periods from 1900-01-01, a baseline of 20 points and one annotated change. Prints, per size, the
best of ``repeat`` runs of: the crossings limit alone, ``read_series`` (IHI + Anhøj rules and
placement), ``reading_text`` (the words) and ``render_run_chart`` (the SVG), and the growth
exponent between consecutive sizes (1 = linear).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.charts.reading import reading_text
from generator.charts.runchart import Annotation, RunChartText, render_run_chart
from generator.charts.signals import Point, anhoej_crossings_limit
from generator.charts.verdict import read_series


def series(count: int) -> list[Point]:
    rng = random.Random(count)
    start, level, points = dt.date(1900, 1, 1), 50.0, []
    for i in range(count):
        level += rng.gauss(0, 0.5) - (8 if i == count // 5 else 0)
        points.append(Point((start + dt.timedelta(days=i)).isoformat(), round(level + rng.gauss(0, 2), 2)))
    return points


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def measure(count: int, repeat: int) -> dict[str, float]:
    points = series(count)
    change = points[count // 5].period
    found = read_series(points, baseline=20, direction="decrease", first_change=change)
    text = RunChartText("t", "d", "Median", "Target", "Baseline", "Minutes")
    notes = [Annotation(change, "The change")]
    return {
        "crossings limit": best(repeat, lambda: anhoej_crossings_limit(count)),
        "rules + placement": best(
            repeat, lambda: read_series(points, baseline=20, direction="decrease", first_change=change)
        ),
        "words": best(
            repeat, lambda: reading_text(found, gettext=str, format_period=str, format_value=lambda v: f"{v:g}")
        ),
        "drawing": best(
            repeat,
            lambda: render_run_chart(
                points,
                found.analyses[0],
                target=40,
                annotations=notes,
                text=text,
                format_period=str,
                format_value=lambda v: f"{v:g}",
                element_id="rc",
            ),
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,20000,40000,50000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {size: measure(size, args.repeat) for size in sizes}
    columns = list(next(iter(results.values())))
    print("| points | " + " | ".join(f"{c} (s)" for c in columns) + " | total (s) | growth exponent |")
    print("|---:|" + "---:|" * (len(columns) + 2))
    previous: tuple[int, float] | None = None
    for size, row in results.items():
        total = sum(row.values())
        growth = f"{math.log(total / previous[1]) / math.log(size / previous[0]):.2f}" if previous else ""
        cells = " | ".join(f"{row[c]:.3f}" for c in columns)
        print(f"| {size:,} | {cells} | {total:.3f} | {growth} |")
        previous = (size, total)


if __name__ == "__main__":
    main()
