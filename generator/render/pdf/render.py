"""Render stage for print: every package in every language, reusing PDFs whose inputs did not change."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import hashlib
import logging
import multiprocessing
import multiprocessing.util
import os
import signal
import threading
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from weasyprint.text.fonts import FontConfiguration

from generator.diagnostics import UsageError
from generator.editions.view import Edition
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.urls import edition_prefix, pdf_file
from generator.model import ChangePackage
from generator.output import write_atomic
from generator.progress import NoProgress, Progress
from generator.render.pdf.document import package_metadata, render_package_html
from generator.render.pdf.engine import ENGINE, PdfMetadata, isolated_font_config, render_pdf
from generator.render.pdf.theme import PrintTheme, missing_characters
from generator.render.pdf.workers import pdf_workers
from generator.source.project import Project

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfResult:
    """One PDF of the build: where it went, how long it is, how long it took, and whether it was reused."""

    package: str
    lang: str
    path: Path
    pages: int
    seconds: float
    reused: bool


@dataclass(frozen=True)
class PdfCache:
    """`build/pdf-cache/<lang>/<id>.<hash>.<pages>.pdf`: the last PDF rendered, named by the hash of
    its inputs. One file, written atomically: a crash can never pair a PDF with another hash."""

    root: Path

    def entries(self, package: str, lang: str) -> list[Path]:
        folder = self.root / lang
        return sorted(folder.glob(f"{package}.*.pdf")) if folder.is_dir() else []

    def get(self, package: str, lang: str, digest: str) -> tuple[bytes, int] | None:
        for path in self.entries(package, lang):
            name, stored, pages = path.name.removesuffix(".pdf").rsplit(".", 2)
            if name == package and stored == digest and pages.isdigit():
                try:
                    return path.read_bytes(), int(pages)
                except OSError:
                    return None
        return None

    def put(self, package: str, lang: str, digest: str, data: bytes, pages: int) -> None:
        path = self.root / lang / f"{package}.{digest}.{pages}.pdf"
        write_atomic(path, data)
        for old in self.entries(package, lang):
            if old != path and old.name.removesuffix(".pdf").rsplit(".", 2)[0] == package:
                old.unlink(missing_ok=True)


def content_hash(html: str, theme_digest: str) -> str:
    """What decides whether a PDF must be rendered again: HTML, stylesheet, fonts, engine."""
    sha = hashlib.sha256()
    for part in (ENGINE, theme_digest, html):
        sha.update(part.encode("utf-8") + b"\0")
    return sha.hexdigest()


def select_jobs(
    kb: KnowledgeBase, editions: dict[str, Edition], packages: list[str] | None, langs: list[str] | None
) -> list[tuple[ChangePackage, str]]:
    """(package, language) pairs: each selected package in each of its languages that is selected
    and has an edition. An unknown package id is a usage error listing the valid ones."""
    known = [p.id for p in kb.packages]
    for name in packages or []:
        if name not in known:
            raise UsageError(f"unknown change package '{name}'; the packages are: {', '.join(known) or 'none'}")
    return [
        (package, lang)
        for package in kb.packages
        if packages is None or package.id in packages
        for lang in kb.package_languages(package)
        if (langs is None or lang in langs) and lang in editions
    ]


def render_pdfs(
    kb: KnowledgeBase,
    editions: Mapping[str, Edition] | Iterable[Edition],
    project: Project,
    dest_root: Path,
    packages: list[str] | None = None,
    langs: list[str] | None = None,
    *,
    site_url: str | None = None,
    on_done: Progress | None = None,
) -> list[PdfResult]:
    """Write `<dest_root>/<edition prefix>change-packages/<id>.pdf` for each package and language.

    ``editions`` maps languages to editions (a plain sequence of editions is accepted too).
    ``site_url`` is the public address the PDFs link online pages to (None: no online links);
    ``on_done`` hears of each PDF as it is finished.
    """
    by_lang = dict(editions) if isinstance(editions, Mapping) else {e.lang: e for e in editions}
    run = PrintRun.for_project(project, site_url)
    jobs = [run.prepare(kb, by_lang[lang], package) for package, lang in select_jobs(kb, by_lang, packages, langs)]
    progress = on_done or NoProgress()
    for job in jobs:
        if job.cached is not None:
            progress.advance(f"{job.package} ({job.lang}): {job.cached[1]} pages, unchanged")
    rendered = render_all([job for job in jobs if job.cached is None], run, progress)
    results: list[PdfResult] = []
    for job in jobs:
        data, pages, seconds = job.cached or rendered[job.key]
        path = dest_root / edition_prefix(kb, job.lang) / pdf_file(job.package)
        write_atomic(path, data)
        results.append(PdfResult(job.package, job.lang, path, pages, seconds, job.cached is not None))
        logger.info("%s: %d pages, %.1f s%s", path, pages, seconds, " (reused)" if job.cached else "")
    return results


@dataclass(frozen=True)
class PrintJob:
    """One PDF to produce: its print HTML and metadata, and the cached PDF when its inputs are unchanged."""

    package: str
    lang: str
    html: str
    digest: str
    metadata: PdfMetadata
    cached: tuple[bytes, int, float] | None

    @property
    def key(self) -> tuple[str, str]:
        return self.package, self.lang


@dataclass
class PrintRun:
    """What the PDFs of one call share: the theme, the site's address, the cache."""

    theme: PrintTheme
    theme_digest: str
    site_url: str | None
    cache: PdfCache

    @classmethod
    def for_project(cls, project: Project, site_url: str | None) -> PrintRun:
        theme = PrintTheme.locate(project)
        return cls(theme, theme.digest(), site_url, PdfCache(project.build / "pdf-cache"))

    def prepare(self, kb: KnowledgeBase, edition: Edition, package: ChangePackage) -> PrintJob:
        """Render the print HTML (cheap) and look its hash up in the cache."""
        logo = (self.theme.root / "assets" / "logo.svg").is_file()
        html = render_package_html(kb, edition, package, site_url=self.site_url, logo=logo)
        digest = content_hash(html, self.theme_digest)
        cached = self.cache.get(package.id, edition.lang, digest)
        if cached is None:
            check_glyphs(html, self.theme, package.id, edition.lang)
        metadata = package_metadata(kb, edition, package)
        return PrintJob(package.id, edition.lang, html, digest, metadata, (*cached, 0.0) if cached else None)


def render_all(
    jobs: list[PrintJob], run: PrintRun, progress: Progress
) -> dict[tuple[str, str], tuple[bytes, int, float]]:
    """Lay out the PDFs that must be rendered, one process per usable core (WeasyPrint is single-threaded),
    as many as the available memory holds (`workers.pdf_workers`)."""
    workers = pdf_workers(len(jobs))
    base_url = run.theme.base_url
    if workers <= 1:
        done = [reported(job, render_timed(job.html, base_url, job.metadata), progress) for job in jobs]
    else:
        # spawn: a clean interpreter per worker (no forked threads from `serve`); results keep job order
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
        ) as pool:
            results = pool.map(render_timed, *zip(*((j.html, base_url, j.metadata) for j in jobs), strict=True))
            done = [reported(job, result, progress) for job, result in zip(jobs, results, strict=True)]
    for job, (data, pages, _) in zip(jobs, done, strict=True):
        run.cache.put(job.package, job.lang, job.digest, data, pages)
    return {job.key: result for job, result in zip(jobs, done, strict=True)}


def reported(job: PrintJob, result: tuple[bytes, int, float], progress: Progress) -> tuple[bytes, int, float]:
    """Tell the progress display a PDF is done (as the results arrive, in job order)."""
    progress.advance(f"{job.package} ({job.lang}): {result[1]} pages, {result[2]:.1f} s")
    return result


def render_timed(html: str, base_url: str, metadata: PdfMetadata) -> tuple[bytes, int, float]:
    """Render one PDF with the shipped fonts only; return its bytes, pages and seconds."""
    started = time.perf_counter()
    data, pages = render_pdf(html, base_url, metadata, worker_font_config())
    return data, pages, time.perf_counter() - started


@functools.cache
def worker_font_config() -> FontConfiguration:
    """One isolated font configuration per process (made on first use, then reused). Its temporary
    font folder is removed when the process exits (multiprocessing children skip `atexit`)."""
    config = isolated_font_config()
    multiprocessing.util.Finalize(config, functools.partial(config.__del__), exitpriority=10)
    return config


#: prctl(2) option: the signal a process receives when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Worker initializer: a PDF worker (about 350 MB) is killed with the build that started it,
    even by `kill -9`, instead of running on forever. Linux asks the kernel (prctl); elsewhere a
    thread watches the parent."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def check_glyphs(html: str, theme: PrintTheme, package: str, lang: str) -> None:
    """Warn about characters the shipped fonts cannot draw (they would print as boxes)."""
    missing = missing_characters(html, theme.font_files())
    if missing:
        shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:12])
        logger.warning("%s (%s): the print fonts have no glyph for %s", package, lang, shown)
