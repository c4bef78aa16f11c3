"""Benchmark: the sample's workbook read by `xlsxcells` and by openpyxl, cold (the first read in a
fresh process: the reader's imports included, as `validate` pays them) and warm (in process),
best of N; and a workbook of 7,680 rows (`data_files.py`'s shape) read warm both ways.

Run: python benchmarks/xlsx_read.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.data_files import rows, write_xlsx
from generator.diagnostics import Diagnostics
from generator.source.datafiles import read_xlsx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "data" / "usf-quinta-das-camelias.xlsx"
COLD = """
import time
from pathlib import Path
from generator.diagnostics import Diagnostics
from generator.source.datafiles import read_xlsx
started = time.perf_counter()
read_xlsx(Path({path!r}), "book.xlsx", Diagnostics(), fast={fast})
print(time.perf_counter() - started)
"""


def cold(path: Path, fast: bool, repeat: int) -> float:
    """The first read in a fresh process: the reader's imports (openpyxl's or zipfile's and
    ElementTree's) included, not the datafiles module's own."""
    code = COLD.format(path=str(path), fast=fast)
    return min(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(repeat)
    )


def warm(path: Path, fast: bool, repeat: int) -> float:
    read_xlsx(path, "book.xlsx", Diagnostics(), fast=fast)  # imports done
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        read_xlsx(path, "book.xlsx", Diagnostics(), fast=fast)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        large = Path(folder) / "teams.xlsx"
        write_xlsx(large, rows(160, 24))
        for label, path in (("sample workbook", SAMPLE), ("7,680 rows", large)):
            for fast in (True, False):
                reader = "xlsxcells" if fast else "openpyxl"
                first = f"cold {ms(cold(path, fast, args.repeat))}, " if path == SAMPLE else ""
                print(f"{label}, {reader}: {first}warm {ms(warm(path, fast, args.repeat))}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


if __name__ == "__main__":
    main()
