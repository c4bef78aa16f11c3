"""Render stage for print: every package in every language, reusing PDFs whose inputs did not change."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from weasyprint.text.fonts import FontConfiguration

from generator.diagnostics import UsageError
from generator.kb import KnowledgeBase
from generator.localize import Edition
from generator.model import ChangePackage
from generator.output import write_atomic
from generator.pdf.document import package_metadata, render_package_html
from generator.pdf.engine import ENGINE, isolated_font_config, render_pdf
from generator.pdf.links import read_site_url
from generator.pdf.theme import PrintTheme, missing_characters
from generator.project import Project
from generator.urls import edition_prefix, pdf_file

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
    """`build/pdf-cache/<lang>/<id>.{hash,pdf}`: the last PDF rendered and the hash of its inputs."""

    root: Path

    def paths(self, package: str, lang: str) -> tuple[Path, Path]:
        folder = self.root / lang
        return folder / f"{package}.hash", folder / f"{package}.pdf"

    def get(self, package: str, lang: str, digest: str) -> tuple[bytes, int] | None:
        hash_file, pdf = self.paths(package, lang)
        try:
            stored, pages = hash_file.read_text(encoding="utf-8").split()
            if stored == digest:
                return pdf.read_bytes(), int(pages)
        except (OSError, ValueError):
            pass
        return None

    def put(self, package: str, lang: str, digest: str, data: bytes, pages: int) -> None:
        hash_file, pdf = self.paths(package, lang)
        write_atomic(pdf, data)
        write_atomic(hash_file, f"{digest} {pages}\n".encode())


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
) -> list[PdfResult]:
    """Write `<dest_root>/<edition prefix>change-packages/<id>.pdf` for each package and language.

    ``editions`` maps languages to editions (a plain sequence of editions is accepted too).
    """
    by_lang = dict(editions) if isinstance(editions, Mapping) else {e.lang: e for e in editions}
    run = PrintRun.for_project(project)
    results: list[PdfResult] = []
    for package, lang in select_jobs(kb, by_lang, packages, langs):
        started = time.perf_counter()
        data, pages, reused = run.pdf(kb, by_lang[lang], package)
        path = dest_root / edition_prefix(kb, lang) / pdf_file(package.id)
        write_atomic(path, data)
        seconds = time.perf_counter() - started
        results.append(PdfResult(package.id, lang, path, pages, seconds, reused))
        logger.info("%s: %d pages, %.1f s%s", path, pages, seconds, " (reused)" if reused else "")
    return results


@dataclass
class PrintRun:
    """What the PDFs of one call share: the theme, the site's address, the cache, the fonts."""

    theme: PrintTheme
    theme_digest: str
    site_url: str | None
    cache: PdfCache
    font_config: FontConfiguration | None = None  # made on the first render, then reused

    @classmethod
    def for_project(cls, project: Project) -> PrintRun:
        theme = PrintTheme.locate(project)
        return cls(theme, theme.digest(), read_site_url(project.mkdocs_yml), PdfCache(project.build / "pdf-cache"))

    def pdf(self, kb: KnowledgeBase, edition: Edition, package: ChangePackage) -> tuple[bytes, int, bool]:
        """The PDF's bytes and pages, and whether the cached PDF of the same inputs was reused."""
        html = render_package_html(kb, edition, package, site_url=self.site_url)
        digest = content_hash(html, self.theme_digest)
        cached = self.cache.get(package.id, edition.lang, digest)
        if cached is not None:
            return (*cached, True)
        check_glyphs(html, self.theme, package.id, edition.lang)
        self.font_config = self.font_config or isolated_font_config()
        metadata = package_metadata(kb, edition, package)
        data, pages = render_pdf(html, self.theme.base_url, metadata, self.font_config)
        self.cache.put(package.id, edition.lang, digest, data, pages)
        return data, pages, False


def check_glyphs(html: str, theme: PrintTheme, package: str, lang: str) -> None:
    """Warn about characters the shipped fonts cannot draw (they would print as boxes)."""
    missing = missing_characters(html, theme.font_files())
    if missing:
        shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:12])
        logger.warning("%s (%s): the print fonts have no glyph for %s", package, lang, shown)
