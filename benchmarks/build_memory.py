"""Where a build's memory goes: resident memory (RSS) sampled during `build --no-pdf`, peak per stage.

    python benchmarks/build_memory.py [--topics 30] [--project COPY] [--tracemalloc]

Builds a copy of the sample with ``--topics`` topics (benchmarks/scale.py's copy), or the project
``--project`` (its site/ and build/ removed first: a cold build), in this process as `changekit
build --no-pdf` does, while a thread reads the process's RSS every 20 ms. Prints, for each stage
(each edition's MkDocs run apart), the RSS when it started, its peak and the RSS when it ended.
``--tracemalloc`` also prints the Python objects alive after the main stages and after each MkDocs
run, by the line that allocated them (much slower; the RSS then includes tracemalloc's own)."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scale import copy_project

PAGE = os.sysconf("SC_PAGE_SIZE")
MIB = 1024 * 1024


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


@dataclass
class Span:
    name: str
    start: int
    peak: int
    end: int = 0
    seconds: float = 0.0


class Sampler:
    """RSS every ``interval`` seconds, its peak charged to the innermost span running."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.spans: list[Span] = []
        self.open: list[Span] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        now = rss()
        for span in list(self.open):
            span.peak = max(span.peak, now)

    @contextlib.contextmanager
    def span(self, name: str) -> Iterator[None]:
        now = rss()
        span = Span(name, now, now)
        self.spans.append(span)
        self.open.append(span)
        started = time.perf_counter()
        try:
            yield
        finally:
            self.sample()
            span.end, span.seconds = rss(), time.perf_counter() - started
            self.open.remove(span)


def instrument(sampler: Sampler, trace: bool) -> None:
    """Wrap the build's stages and each MkDocs run in spans."""
    import generator.build as build
    import generator.check as check
    import generator.render.site.mkdocs_run as mkdocs_run

    stage = check.stage

    @contextlib.contextmanager
    def traced_stage(name: str, *args: Any, **kwargs: Any) -> Iterator[None]:
        with sampler.span(name), stage(name, *args, **kwargs):
            yield
        if trace and name in ("localize", "render", "theme", "offline"):
            top_lines(f"alive after {name}")

    check.stage = build.stage = traced_stage  # type: ignore[assignment]
    run = mkdocs_run.build_with_mkdocs

    def traced_run(config_file: Path, *, strict: bool = True) -> None:
        with sampler.span(f"MkDocs {config_file.stem}"):
            run(config_file, strict=strict)
        if trace:
            top_lines(f"alive after MkDocs {config_file.stem}")

    mkdocs_run.build_with_mkdocs = traced_run  # type: ignore[assignment]


def top_lines(title: str, count: int = 12) -> None:
    import gc
    import tracemalloc

    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    stats = snapshot.statistics("lineno")
    total = sum(s.size for s in stats)
    print(f"\n{title}: {total / MIB:.1f} MiB traced", file=sys.stderr)
    for stat in stats[:count]:
        print(f"  {stat.size / MIB:7.1f} MiB  {stat.traceback[0]}", file=sys.stderr)


def build(project: Path, sampler: Sampler) -> None:
    import logging

    from generator.build import build_site
    from generator.diagnostics import Diagnostics
    from generator.source.project import Project

    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    with sampler.span("build"):
        build_site(Project(project), Diagnostics(), pdf=False)


def report(sampler: Sampler) -> None:
    import resource

    print(f"{'stage':32} {'start':>8} {'peak':>8} {'end':>8} {'s':>7}")
    for span in sampler.spans:
        print(
            f"{span.name:32} {span.start / MIB:8.0f} {span.peak / MIB:8.0f} {span.end / MIB:8.0f} {span.seconds:7.1f}"
        )
    print(f"max RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--topics", type=int, default=30, help="topics in the copy (default 30)")
    parser.add_argument("--project", type=Path, help="build this project instead of a new copy")
    parser.add_argument("--tracemalloc", action="store_true", help="also list what is alive after each MkDocs run")
    args = parser.parse_args()
    if args.tracemalloc:
        import tracemalloc

        tracemalloc.start()
    sampler = Sampler()
    instrument(sampler, args.tracemalloc)
    sampler.thread.start()
    if args.project:
        for folder in ("site", "build"):
            shutil.rmtree(args.project / folder, ignore_errors=True)
        build(args.project, sampler)
    else:
        with tempfile.TemporaryDirectory(prefix=f"memory-{args.topics}-") as tmp:
            copy_project(Path(tmp), args.topics)
            build(Path(tmp), sampler)
    sampler.stopped.set()
    report(sampler)


if __name__ == "__main__":
    main()
