"""Benchmark the PDF renderer: pages and time per sample package, against WeasyPrint alone.

    python benchmarks/pdf_render.py [--project .] [--lang en] [--repeat 3] [--package ID]...

For every package it measures
  1. `render_pdfs` (print HTML from the model, hash, WeasyPrint with the PDF/UA options, cache and
     copy into the site) on a cold cache, and
  2. WeasyPrint alone on the same saved HTML: `weasyprint.HTML(string=html, base_url=...).write_pdf()`,
and prints pages, seconds and pages per second of both, and their ratio (aim: within 10%).
Both are warmed up first and run in alternating order; times are the median of the runs, in
wall-clock seconds and in CPU seconds of this process (steadier on a busy machine).
The project is copied to a temporary folder, so its build/pdf-cache and site/ are left alone.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import weasyprint

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.check import load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.editions.view import load_edition
from generator.render.pdf import render_package_html, render_pdfs
from generator.render.pdf.engine import PDF_OPTIONS
from generator.render.pdf.theme import PrintTheme
from generator.source.address import public_address
from generator.source.project import Project


def copy_project(source: Path, destination: Path) -> Project:
    for name in ("content", "changepackages", "theme"):
        if (source / name).is_dir():
            shutil.copytree(source / name, destination / name)
    if (source / "mkdocs.yml").is_file():
        shutil.copy2(source / "mkdocs.yml", destination / "mkdocs.yml")
    return Project(destination)


class Timer:
    """Wall-clock and CPU seconds of a block."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.times = (time.perf_counter() - self.wall, time.process_time() - self.cpu)


def warm_up(base_url: str) -> None:
    """Load WeasyPrint's lazy parts (stylesheets, Pango, fonts) before anything is timed."""
    html = '<html><head><link rel="stylesheet" href="print.css"></head><body><h1>Warm-up</h1><p>x</p></body></html>'
    weasyprint.HTML(string=html, base_url=base_url).write_pdf()
    weasyprint.HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")


def row(name: str, pages: int, mine: list[float], bare: list[float]) -> None:
    print(
        f"{name:<26} {pages:>5} {mine[0]:>11.2f} {mine[1]:>7.2f} {bare[0]:>12.2f} {bare[1]:>7.2f}"
        f" {bare[0] / mine[0]:>6.2f} {bare[1] / mine[1]:>9.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--lang", default=None, help="language (default: the source language)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the median is kept")
    parser.add_argument("--package", action="append", help="only these packages")
    parser.add_argument(
        "--same-options", action="store_true", help="give WeasyPrint alone the PDF/UA options of changekit too"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="changekit-bench-") as folder:
        project = copy_project(args.project.resolve(), Path(folder) / "project")
        kb = load_knowledge_base(project, Diagnostics())
        lang = args.lang or kb.source_language
        edition = load_edition(kb, lang, project, Diagnostics())
        theme = PrintTheme.locate(project)
        site_url = public_address(project, None, Diagnostics())
        packages = [p for p in kb.packages if not args.package or p.id in args.package]
        print(f"WeasyPrint {weasyprint.__version__}, language {lang}, median of {args.repeat} run(s)\n")
        warm_up(theme.base_url)
        options = PDF_OPTIONS if args.same_options else {}
        print(f"WeasyPrint alone with {options or 'its default options'}")
        header = ("package", "pages", "changekit s", "cpu s", "weasyprint s", "cpu s", "ratio", "cpu ratio")
        print("{:<26} {:>5} {:>11} {:>7} {:>12} {:>7} {:>6} {:>9}".format(*header))
        totals = [0.0] * 5
        for package in packages:
            html = render_package_html(kb, edition, package, site_url=site_url)
            ours: list[tuple[float, float]] = []
            alone: list[tuple[float, float]] = []
            pages = 0
            for run in range(args.repeat):
                for step in ("ours", "alone") if run % 2 == 0 else ("alone", "ours"):
                    if step == "ours":
                        shutil.rmtree(project.build, ignore_errors=True)  # a cold cache: render for real
                        with Timer() as timer:
                            results = render_pdfs(
                                kb,
                                {lang: edition},
                                project,
                                Path(folder) / "site",
                                [package.id],
                                [lang],
                                site_url=site_url,
                            )
                        pages = results[0].pages
                        ours.append(timer.times)
                    else:
                        with Timer() as timer:
                            weasyprint.HTML(string=html, base_url=theme.base_url).write_pdf(**options)
                        alone.append(timer.times)
            mine = [statistics.median(t[i] for t in ours) for i in (0, 1)]
            bare = [statistics.median(t[i] for t in alone) for i in (0, 1)]
            row(package.id, pages, mine, bare)
            for i, value in enumerate((pages, *mine, *bare)):
                totals[i] += value
        row("all", int(totals[0]), totals[1:3], totals[3:5])
        print("\nratio = pages/s of render_pdfs ÷ pages/s of WeasyPrint alone (1.00 = no overhead; aim ≥ 0.90)")


if __name__ == "__main__":
    main()
