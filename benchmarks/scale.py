"""Scale benchmark: the sample copied to 3, 15 and 30 topics; validate, cold build, no-change rebuild.

    python benchmarks/scale.py [--sizes 3,15,30] [--pdf] [--results benchmarks/RESULTS.md --label after]

Each size is a fresh copy of the project in a temporary folder: the sample's topics and their
translation catalogs copied under new ids (`<topic>-2`, `<topic>-3`, …; every copy fully
translated), the change packages as they are. Every command runs as its own process
(`python -m generator …`), so wall time and peak memory (max RSS) include start-up and imports.
`--pdf` also times a cold build with the PDFs and a no-change rebuild of site and PDFs at the
smallest size. With `--results` the table replaces (or appends) the section `--label` in that file.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"generator (?P<generator>[\d.]+) s, MkDocs (?P<mkdocs>[\d.]+) s")


@dataclass
class Run:
    """One command: wall seconds, peak memory (MiB), its stderr."""

    seconds: float
    peak_mib: float
    output: str

    def share(self, name: str) -> float | None:
        match = SUMMARY.search(self.output)
        return float(match[name]) if match else None


@dataclass
class SiteStats:
    pages: int
    median_html: int
    largest_html: int
    site_bytes: int


@dataclass
class Size:
    topics: int
    runs: dict[str, Run] = field(default_factory=dict)
    site: SiteStats | None = None
    rewritten: dict[str, str] = field(default_factory=dict)


def copy_project(destination: Path, topics: int) -> None:
    """The sample with its topics copied until there are ``topics`` of them."""
    for name in ("content", "changepackages", "theme"):
        shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    originals = sorted(p.name for p in (ROOT / "content" / "topics").iterdir() if p.is_dir())
    copy = 2
    while len(originals) * (copy - 1) < topics:
        for original in originals[: topics - len(originals) * (copy - 1)]:
            copy_topic(destination, original, f"{original}-{copy}")
        copy += 1


def copy_topic(project: Path, original: str, new: str) -> None:
    """One topic under a new id, with its catalogs (contexts and source references renamed)."""
    topics = project / "content" / "topics"
    shutil.copytree(topics / original, topics / new)
    topic_yaml = topics / new / "topic.yaml"
    topic_yaml.write_text(re.sub(rf"(?m)^id: {original}$", f"id: {new}", topic_yaml.read_text("utf-8")), "utf-8")
    for catalog in (project / "content" / "translations").glob(f"*/{original}.po*"):
        text = catalog.read_text("utf-8")
        text = text.replace(f'msgctxt "{original}/', f'msgctxt "{new}/')
        text = text.replace(f"content/topics/{original}/", f"content/topics/{new}/")
        catalog.with_name(catalog.name.replace(original, new, 1)).write_text(text, "utf-8")
    copy_data(project / "content" / "data", original, new)


def copy_data(data: Path, original: str, new: str) -> None:
    """The topic's rows in the data files (CSV and Excel), under the new topic id, as new files."""
    for path in sorted(data.glob("*")) if data.is_dir() else []:
        if path.suffix == ".csv":
            lines = path.read_text("utf-8").splitlines(keepends=True)
            rows = [line.replace(f"{original}/", f"{new}/", 1) for line in lines[1:] if line.startswith(f"{original}/")]
            if rows:
                (data / f"{new}-{path.name}").write_text(lines[0] + "".join(rows), "utf-8")
        elif path.suffix == ".xlsx":
            copy_workbook(path, data / f"{new}-{path.name}", original, new)


def copy_workbook(source: Path, destination: Path, original: str, new: str) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(source)
    found = False
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2):
            if isinstance(row[0].value, str) and row[0].value.startswith(f"{original}/"):
                row[0].value = row[0].value.replace(f"{original}/", f"{new}/", 1)
                found = True
    if found:
        workbook.save(destination)


def child_environment(tree: Path) -> dict[str, str]:
    """The environment of a measured command: Changekit from ``tree``, and bytecode cached as on a
    user's machine (a shell with PYTHONDONTWRITEBYTECODE would recompile every module at every run)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPATH": str(tree)}


def run(project: Path, *args: str) -> Run:
    """`python -m generator --project PROJECT ARGS`, timed; its peak RSS from wait4."""
    env = child_environment(ROOT)
    command = [sys.executable, "-m", "generator", "--project", str(project), *args]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        output = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{output}")
    return Run(seconds, usage.ru_maxrss / 1024, output)


def site_stats(site: Path) -> SiteStats:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sorted(p.stat().st_size for p in files if p.name == "index.html")
    return SiteStats(len(pages), int(statistics.median(pages)), pages[-1], sum(p.stat().st_size for p in files))


def snapshot(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's (inode, mtime): a file rewritten, even with the same bytes, changes one of them."""
    return {str(p.relative_to(site)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}


def rewritten(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> str:
    changed = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
    return f"{changed} of {len(after)} files"


def measure(size: int, pdf: bool) -> Size:
    result = Size(size)
    with tempfile.TemporaryDirectory(prefix=f"scale-{size}-") as tmp:
        project = Path(tmp)
        copy_project(project, size)
        result.runs["validate"] = run(project, "validate")
        result.runs["build"] = run(project, "build", "--no-pdf")
        result.site = site_stats(project / "site")
        before = snapshot(project / "site")
        result.runs["rebuild"] = run(project, "build", "--no-pdf")
        result.rewritten["rebuild"] = rewritten(before, snapshot(project / "site"))
        if pdf:
            result.runs["build+pdf"] = run(project, "build")
            before = snapshot(project / "site")
            result.runs["rebuild+pdf"] = run(project, "build")
            result.rewritten["rebuild+pdf"] = rewritten(before, snapshot(project / "site"))
    print(f"{size} topics: " + ", ".join(f"{k} {v.seconds:.1f} s" for k, v in result.runs.items()), file=sys.stderr)
    return result


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB" if n < 10 * 1024 * 1024 else f"{n / 1024 / 1024:,.0f} MB"


def table(sizes: list[Size]) -> list[str]:
    first = sizes[0]
    head = ["", *(f"{s.topics} topics" for s in sizes), f"ratio {sizes[-1].topics}/{first.topics}"]
    rows: list[tuple[str, list[float | None], str]] = []

    def add(label: str, values: list[float | None], unit: str) -> None:
        rows.append((label, values, unit))

    stats = [s.site for s in sizes if s.site]
    add("pages", [float(s.pages) for s in stats], "n")
    add("`validate`, wall", [s.runs["validate"].seconds for s in sizes], "s")
    add("`build --no-pdf`, wall", [s.runs["build"].seconds for s in sizes], "s")
    add("… of which generator", [s.runs["build"].share("generator") for s in sizes], "s")
    add("… of which MkDocs", [s.runs["build"].share("mkdocs") for s in sizes], "s")
    add("no-change `build --no-pdf`, wall", [s.runs["rebuild"].seconds for s in sizes], "s")
    add("median page HTML", [float(s.median_html) for s in stats], "b")
    add("largest page HTML", [float(s.largest_html) for s in stats], "b")
    add("site on disk", [float(s.site_bytes) for s in stats], "b")
    add("peak memory, build", [s.runs["build"].peak_mib for s in sizes], "m")
    add("peak memory, validate", [s.runs["validate"].peak_mib for s in sizes], "m")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, values, unit in rows:
        cells = [format_value(v, unit) for v in values]
        ratio = f"{values[-1] / values[0]:.1f}×" if values[0] and values[-1] is not None else ""
        lines.append("| " + " | ".join([label, *cells, ratio]) + " |")
    lines.append(
        "| no-change rebuild rewrote in `site/` | " + " | ".join(s.rewritten["rebuild"] for s in sizes) + " | |"
    )
    return lines


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return {"n": f"{value:,.0f}", "s": f"{value:.2f} s", "b": kb(value), "m": f"{value:,.0f} MiB"}[unit]


def pdf_lines(size: Size) -> list[str]:
    if "build+pdf" not in size.runs:
        return []
    cold, again = size.runs["build+pdf"], size.runs["rebuild+pdf"]
    site = size.runs["build"].seconds
    return [
        "",
        f"With the PDFs, {size.topics} topics: cold `build` {cold.seconds:.1f} s; no-change `build` "
        f"{again.seconds:.2f} s = {again.seconds / site:.0%} of the cold site build ({site:.1f} s); "
        f"it rewrote {size.rewritten['rebuild+pdf']} in `site/`.",
    ]


def machine() -> str:
    import material
    import mkdocs

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"Material {getattr(material, '__version__', '?')}"
    )


def report(label: str, sizes: list[Size], loads: tuple[str, str], elapsed: float) -> str:
    lines = [
        f"## Scale — {label}",
        "",
        f"`python benchmarks/scale.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {machine()}. "
        f"Load average (1 min) {loads[0]} at the start, {loads[1]} at the end (the machine is shared: "
        f"compare ratios within one run). Whole run {elapsed / 60:.0f} min.",
        "",
        *table(sizes),
        *pdf_lines(sizes[0]),
        "",
    ]
    return "\n".join(lines)


def write_section(path: Path, label: str, text: str) -> None:
    """Replace the section `## Scale — label` (up to the next `## `) or append it."""
    current = path.read_text("utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"(?ms)^## Scale — {re.escape(label)}\n.*?(?=^## |\Z)")
    updated = (
        pattern.sub(lambda _: text + "\n", current) if pattern.search(current) else current.rstrip() + "\n\n" + text
    )
    path.write_text(updated, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="3,15,30", help="topic counts, comma-separated (default 3,15,30)")
    parser.add_argument("--pdf", action="store_true", help="also time builds with PDFs at the smallest size")
    parser.add_argument("--results", type=Path, help="write the table into this Markdown file")
    parser.add_argument("--label", default="latest", help="section name in --results")
    args = parser.parse_args()
    started, load = time.perf_counter(), f"{os.getloadavg()[0]:.1f}"
    sizes = [measure(int(n), args.pdf and i == 0) for i, n in enumerate(args.sizes.split(","))]
    text = report(args.label, sizes, (load, f"{os.getloadavg()[0]:.1f}"), time.perf_counter() - started)
    print(text)
    if args.results:
        write_section(args.results, args.label, text)


if __name__ == "__main__":
    main()
