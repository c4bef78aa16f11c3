"""The front stages every command runs: load → validate and link → localize.

`validate` and `translations status` stop here; `build`, `serve` and `pdf` go on to the outputs
(generator.build). Nothing here imports a renderer, MkDocs or WeasyPrint, nor the build state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from generator.diagnostics import ContentError, Diagnostics
from generator.editions.checks import check_translations
from generator.editions.status import EditionStatus, edition_status
from generator.editions.view import Edition, load_editions
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.link import link_sources
from generator.progress import NoProgress, Progress
from generator.source.files import exists
from generator.source.load import load_sources
from generator.source.mkdocs_config import check_mkdocs_yml
from generator.source.project import Project

logger = logging.getLogger(__name__)


@contextmanager
def stage(
    name: str, timings: dict[str, float] | None = None, progress: Progress | None = None, total: int | None = None
) -> Iterator[None]:
    """Report a stage to the progress display (or, without one, to the log) and record how long it took."""
    display = progress or NoProgress()
    if progress is None:  # a display shows each stage itself: logging it too would print it twice
        logger.info("%s…", name)
    display.start(name, total)
    started = time.perf_counter()
    yield
    elapsed = time.perf_counter() - started
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + elapsed
    display.finish(name, elapsed)
    if progress is None:
        logger.info("%s: %.2f s", name, elapsed)


def load_knowledge_base(
    project: Project,
    diagnostics: Diagnostics,
    *,
    strict: bool = False,
    timings: dict[str, float] | None = None,
    progress: Progress | None = None,
) -> KnowledgeBase:
    """Load, validate and link; raise ContentError (after collecting everything) on failure."""
    with stage("load", timings, progress):
        sources = load_sources(project, diagnostics)
    with stage("validate and link", timings, progress):
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
    progress: Progress | None = None,
) -> dict[str, Edition]:
    """One edition per language: its catalogs read once, its translations checked (warnings)."""
    with stage("localize", timings, progress):
        editions = load_editions(kb, langs, project, diagnostics)
        check_translations(editions.values(), diagnostics)
    return editions


def check_project(project: Project, diagnostics: Diagnostics, *, strict: bool = False) -> KnowledgeBase:
    """`validate`: every stage that can find a problem in the content, writing nothing."""
    check_base_config(project, diagnostics)
    kb = load_knowledge_base(project, diagnostics, strict=strict)
    localize(kb, project, kb.languages, diagnostics)
    if diagnostics.failed(strict):
        raise ContentError(diagnostics, strict)
    return kb


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


def check_base_config(project: Project, diagnostics: Diagnostics) -> None:
    """mkdocs.yml is trusted like code, but `validate` reads it safely and reports it located."""
    if exists(project.mkdocs_yml):
        check_mkdocs_yml(project.mkdocs_yml, project.display(project.mkdocs_yml), diagnostics)
