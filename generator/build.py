"""The orchestrator: every command's stages, called from here and nowhere else.

    load → validate and link → localize (catalogs read once, translations checked)
         → render → write docs → MkDocs → PDFs → swap into site/

`validate`, `build`, `serve`, `pdf` and `translations status` run the same stages from the
functions below; the command line only parses options and prints.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import ContentError, Diagnostics, UsageError
from generator.editions.checks import check_translations
from generator.editions.status import EditionStatus, edition_status
from generator.editions.view import Edition, load_edition
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.link import link_sources
from generator.knowledge.urls import edition_prefix, pdf_file
from generator.output import output_errors, project_lock, remove_path, swap_site
from generator.source.files import exists
from generator.source.load import load_sources
from generator.source.mkdocs_config import check_mkdocs_yml
from generator.source.project import Project

if TYPE_CHECKING:  # the renderers (Jinja, MkDocs, WeasyPrint) load only when a command renders
    from generator.render.pdf import PdfResult
    from generator.render.site.render import Page
    from generator.render.site.write import WrittenEdition

logger = logging.getLogger(__name__)

#: Stages that run MkDocs or WeasyPrint; the others are the generator's own (for timing reports).
MKDOCS_STAGES = ("mkdocs",)
PDF_STAGES = ("pdf",)


@contextmanager
def stage(name: str, timings: dict[str, float] | None = None) -> Iterator[None]:
    """Log a stage and record how long it took."""
    logger.info("%s…", name)
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + elapsed
    logger.info("%s: %.2f s", name, elapsed)


def load_knowledge_base(
    project: Project,
    diagnostics: Diagnostics,
    *,
    strict: bool = False,
    timings: dict[str, float] | None = None,
) -> KnowledgeBase:
    """Load, validate and link; raise ContentError (after collecting everything) on failure."""
    with stage("load", timings):
        sources = load_sources(project, diagnostics)
    with stage("validate and link", timings):
        kb = link_sources(sources, diagnostics)
    if kb is None or diagnostics.failed(strict):
        raise ContentError(diagnostics, strict)
    return kb


def localize(
    kb: KnowledgeBase,
    project: Project,
    langs: list[str],
    diagnostics: Diagnostics,
    timings: dict[str, float] | None = None,
) -> dict[str, Edition]:
    """One edition per language: its catalogs read once, its translations checked (warnings)."""
    with stage("localize", timings):
        editions = {lang: load_edition(kb, lang, project, diagnostics) for lang in langs}
        for edition in editions.values():
            check_translations(edition, diagnostics)
    return editions


def check_project(project: Project, diagnostics: Diagnostics, *, strict: bool = False) -> KnowledgeBase:
    """`validate`: every stage that can find a problem in the content, writing nothing."""
    check_base_config(project, diagnostics)
    kb = load_knowledge_base(project, diagnostics, strict=strict)
    localize(kb, project, kb.languages, diagnostics)
    if diagnostics.failed(strict):
        raise ContentError(diagnostics, strict)
    return kb


def check_base_config(project: Project, diagnostics: Diagnostics) -> None:
    """mkdocs.yml is trusted like code, but `validate` reads it safely and reports it located."""
    if exists(project.mkdocs_yml):
        check_mkdocs_yml(project.mkdocs_yml, project.display(project.mkdocs_yml), diagnostics)


def translation_status(
    project: Project,
    languages: list[str] | None,
    diagnostics: Diagnostics,
    select: Callable[[KnowledgeBase, list[str]], list[str]],
) -> tuple[KnowledgeBase, list[EditionStatus]]:
    """`translations status`: each edition's completeness, counted by the editions themselves;
    ``select`` checks the requested languages against the knowledge base (a usage error)."""
    kb = load_knowledge_base(project, diagnostics)
    langs = select(kb, languages or [])
    editions = localize(kb, project, langs, diagnostics)
    return kb, [edition_status(editions[lang]) for lang in langs]


def render_package_pdfs(
    project: Project, package: str, languages: list[str], diagnostics: Diagnostics
) -> list[PdfResult]:
    """`pdf PACKAGE`: one package's PDFs into site/ (the languages already checked by the caller)."""
    from generator.render.pdf import render_pdfs

    kb = load_knowledge_base(project, diagnostics)
    langs = package_languages(kb, package, languages)
    editions = localize(kb, project, langs, diagnostics)
    with project_lock(project.build), output_errors(project.root):
        return render_pdfs(kb, editions, project, project.site, [package], langs)


def package_languages(kb: KnowledgeBase, package: str, languages: list[str]) -> list[str]:
    """The languages to render; an unknown package or language is a usage error naming the valid ones."""
    known = [p.id for p in kb.packages]
    if package not in known:
        raise UsageError(f"unknown change package '{package}'; the packages are: {', '.join(known) or 'none'}")
    available = kb.package_languages(kb.package(package))
    for lang in languages:
        if lang not in available:
            raise UsageError(f"'{lang}' is not a language of '{package}'; its languages are: {', '.join(available)}")
    return languages or available


def preview_edition(project: Project, lang: str | None, diagnostics: Diagnostics) -> tuple[str, str]:
    """`serve`: regenerate one edition's Markdown and config (only what changed is written).

    Returns the language and its URL prefix; raises ContentError and writes nothing when the
    content is invalid, so the preview keeps its last good pages.
    """
    from generator.render.site.config import language_config
    from generator.render.site.render import render_site
    from generator.render.site.write import write_edition

    kb = load_knowledge_base(project, diagnostics)
    lang = lang or kb.source_language
    if lang not in kb.languages:
        raise UsageError(f"unknown language {lang}; the collaborative has {', '.join(kb.languages)}")
    edition = localize(kb, project, [lang], diagnostics)[lang]
    if diagnostics.failed(strict=False):
        raise ContentError(diagnostics)
    pages = render_site(edition, [lang])
    written = write_edition(project, lang, pages, language_config(project, kb, edition, pages, [lang], serve=True))
    if written.changed or written.removed:
        logger.info("regenerated %d pages (%d removed)", written.changed, written.removed)
    return lang, edition_prefix(kb, lang)


@dataclass
class BuildResult:
    """What a build produced and how long each stage took."""

    languages: list[str]
    pages: dict[str, int] = field(default_factory=dict)
    pdfs: list[PdfResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def build_site(
    project: Project,
    diagnostics: Diagnostics,
    *,
    languages: list[str] | None = None,
    pdf: bool = True,
    strict: bool = False,
    timings: dict[str, float] | None = None,
) -> BuildResult:
    """Build the site (and PDFs) into a staging folder, then swap it into `site/`.

    Nothing is written before the content has loaded, validated and linked; a failure in any
    later stage leaves the previous `site/` as it was.
    """
    timings = {} if timings is None else timings
    with project_lock(project.build), output_errors(project.root):
        return _build_site(project, diagnostics, languages, pdf=pdf, strict=strict, timings=timings)


def _build_site(
    project: Project,
    diagnostics: Diagnostics,
    languages: list[str] | None,
    *,
    pdf: bool,
    strict: bool,
    timings: dict[str, float],
) -> BuildResult:
    from generator.render.pdf import render_pdfs
    from generator.render.site.config import STAGING
    from generator.render.site.mkdocs_run import build_with_mkdocs
    from generator.render.site.render import render_site

    kb = load_knowledge_base(project, diagnostics, strict=strict, timings=timings)  # load, validate and link
    langs = select_languages(kb, languages)
    editions = list(localize(kb, project, langs, diagnostics, timings).values())
    if diagnostics.failed(strict):
        raise ContentError(diagnostics, strict)
    with stage("render", timings):
        rendered = {edition.lang: render_site(edition, langs) for edition in editions}
    with stage("write docs", timings):
        written = write_docs(project, kb, editions, rendered)
    staging = project.build / STAGING
    remove_tree(staging)
    try:
        with stage("mkdocs", timings):
            for edition in written:  # the source language first: MkDocs empties its site_dir
                build_with_mkdocs(edition.config, strict=True)
        pdfs: list[PdfResult] = []
        if pdf:
            with stage("pdf", timings):  # beside the pages: <lang-prefix>change-packages/<id>.pdf
                pdfs = render_pdfs(kb, editions, project, staging, langs=langs)
        with stage("swap", timings):
            keep_published(kb, project.site, staging, langs, pdfs=not pdf)
            swap_site(staging, project.site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # nothing left behind, whatever failed
    return BuildResult(langs, {lang: len(pages) for lang, pages in rendered.items()}, pdfs, timings)


def select_languages(kb: KnowledgeBase, requested: list[str] | None) -> list[str]:
    """The languages to build, source first; the source language (the site root) is always built."""
    if not requested:
        return kb.languages
    unknown = [lang for lang in requested if lang not in kb.languages]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}; the collaborative has {', '.join(kb.languages)}")
    return [lang for lang in kb.languages if lang in requested or lang == kb.source_language]


def write_docs(
    project: Project, kb: KnowledgeBase, editions: list[Edition], rendered: dict[str, list[Page]]
) -> list[WrittenEdition]:
    from generator.render.site.config import language_config
    from generator.render.site.write import write_edition

    langs = [edition.lang for edition in editions]
    return [
        write_edition(project, e.lang, rendered[e.lang], language_config(project, kb, e, rendered[e.lang], langs))
        for e in editions
    ]


def keep_published(kb: KnowledgeBase, site: Path, staging: Path, built: list[str], *, pdfs: bool) -> None:
    """A partial build (`--lang`, `--no-pdf`) keeps what it did not rebuild from the current site:
    the other editions, and the PDFs it did not render."""
    for lang in kb.languages:
        folder = site / edition_prefix(kb, lang)
        if lang not in built and lang != kb.source_language and folder.is_dir():
            shutil.copytree(folder, staging / edition_prefix(kb, lang))
    if not pdfs:
        return
    for package in kb.packages:
        for lang in set(kb.package_languages(package)) & set(built):
            relative = Path(edition_prefix(kb, lang)) / pdf_file(package.id)
            if (site / relative).is_file() and not (staging / relative).exists():
                shutil.copy2(site / relative, staging / relative)


def remove_tree(path: Path) -> None:
    remove_path(path)
