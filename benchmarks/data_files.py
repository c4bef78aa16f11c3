"""Time reading result data from spreadsheets at collaborative scale: N teams × 4 measures × M months.

    python benchmarks/data_files.py [--teams 160] [--months 24] [--repeat 3]

Builds a project in a temporary folder (the minimal test fixture with N generated team stories,
their series left to the data files), writes the same rows once as CSV and once as an Excel
workbook, and times reading the file alone and the whole load + validate + link, plus the
measure pages' results across teams (one team's reading per series, the aggregate).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from generator.check import load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.render.results import measure_results
from generator.source.datafiles import load_data_files
from generator.source.project import Project

ROOT = Path(__file__).resolve().parent.parent
MEASURES = ("falls-rate", "assessment-within-6h")
HEADER = ["story", "measure", "period", "value", "numerator", "denominator", "note"]


def make_project(folder: Path, teams: int) -> Project:
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", folder)
    project = Project(folder)
    stories = project.topics / "falls" / "stories"
    template = (stories / "ward-7.yaml").read_text()
    head = template[: template.index("results:")]
    (stories / "ward-7.yaml").unlink()
    for n in range(1, teams + 1):
        text = head.replace("id: ward-7", f"id: team-{n}").replace("Ward 7, Hospital de Teste", f"Team {n}")
        (stories / f"team-{n}.yaml").write_text(text + "results:\n  - measure: falls-rate\n    baseline: 6\n")
    return project


def rows(teams: int, months: int) -> list[list[object]]:
    out: list[list[object]] = []
    for n in range(1, teams + 1):
        for m in range(months):
            period = f"{2025 + m // 12}-{m % 12 + 1:02d}"
            days = 900 + (n * 37 + m * 11) % 400
            falls = 4 + (n + m) % 7 - (2 if m > months // 2 else 0)
            out.append([f"falls/team-{n}", "falls-rate", period, None, falls, days, None])
            assessed = 60 + (n * 3 + m) % 35
            out.append([f"falls/team-{n}", "assessment-within-6h", period, None, assessed, 100, None])
    return out


def write_csv(path: Path, table: list[list[object]]) -> None:
    lines = [",".join(HEADER)] + [",".join("" if v is None else str(v) for v in row) for row in table]
    path.write_text("\n".join(lines) + "\n")


def write_xlsx(path: Path, table: list[list[object]]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Data")
    sheet.append(HEADER)
    for row in table:
        sheet.append(row)
    book.save(path)


def timed(action: object, repeat: int) -> float:
    assert callable(action)
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teams", type=int, default=160)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    table = rows(args.teams, args.months)
    print(f"{args.teams} teams × {len(MEASURES)} measures × {args.months} months = {len(table):,} rows")
    for kind, write in (("csv", write_csv), ("xlsx", write_xlsx)):
        measure_one(kind, write, table, args.teams, args.repeat)


def measure_one(
    kind: str, write: Callable[[Path, list[list[object]]], None], table: list[list[object]], teams: int, repeat: int
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "project", teams)
        project.data.mkdir()
        path = project.data / f"data.{kind}"
        write(path, table)
        read = timed(lambda: load_data_files(project, Diagnostics()), repeat)
        load = timed(lambda: load_knowledge_base(project, Diagnostics()), repeat)
        kb = load_knowledge_base(project, Diagnostics())
        across = timed(lambda: [measure_results(kb, f"falls/{m}") for m in MEASURES], repeat)
        size = path.stat().st_size / 1000
        print(
            f"{kind:5} {size:8.0f} kB  read {read * 1000:7.0f} ms  load+validate+link {load * 1000:7.0f} ms  "
            f"results across teams (2 measures) {across * 1000:6.0f} ms"
        )


if __name__ == "__main__":
    main()
