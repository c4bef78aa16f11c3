"""Time `changekit build` on a project (default: the sample content): generator stages vs MkDocs.

    python benchmarks/build_site.py [--project PATH] [--pdf] [--repeat N]

Builds into a copy of the project, so the working tree's build/ and site/ are left alone.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from pathlib import Path

from generator.build import MKDOCS_STAGES, PDF_STAGES, build_site
from generator.diagnostics import Diagnostics
from generator.source.project import Project

ROOT = Path(__file__).resolve().parent.parent


def copy_project(source: Path, destination: Path) -> Project:
    """Content and packages of ``source``; its theme/ and mkdocs.yml, or the repository's (test fixtures)."""
    for name in ("content", "changepackages"):
        shutil.copytree(source / name, destination / name)
    shutil.copytree(source / "theme" if (source / "theme").is_dir() else ROOT / "theme", destination / "theme")
    mkdocs_yml = source / "mkdocs.yml" if (source / "mkdocs.yml").is_file() else ROOT / "mkdocs.yml"
    shutil.copy2(mkdocs_yml, destination / "mkdocs.yml")
    return Project(destination)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--pdf", action="store_true", help="also render the PDFs")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(args.project, Path(tmp) / "project")
        for _ in range(args.repeat):
            timings: dict[str, float] = {}
            result = build_site(project, Diagnostics(), pdf=args.pdf, timings=timings)
            runs.append(timings)
    stages = list(runs[0])
    print(f"{args.project}: {sum(result.pages.values())} pages, languages {', '.join(result.languages)}")
    print(f"{'stage':<20} {'median s':>9}")
    for name in stages:
        print(f"{name:<20} {statistics.median(run[name] for run in runs):>9.2f}")
    others = (*MKDOCS_STAGES, *PDF_STAGES)
    generator = statistics.median(sum(t for n, t in run.items() if n not in others) for run in runs)
    mkdocs = statistics.median(sum(t for n, t in run.items() if n in MKDOCS_STAGES) for run in runs)
    print(f"{'generator (total)':<20} {generator:>9.2f}")
    print(f"{'MkDocs (total)':<20} {mkdocs:>9.2f}")


if __name__ == "__main__":
    main()
