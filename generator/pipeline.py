"""The orchestrator: named stages load → validate/link → localize → render → write."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from generator.diagnostics import ContentError, Diagnostics
from generator.kb import KnowledgeBase
from generator.link import link_sources
from generator.load import load_sources
from generator.project import Project
from generator.translations.checks import check_catalogs

logger = logging.getLogger(__name__)


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
    check_translations: bool = True,
) -> KnowledgeBase:
    """Load, validate and link; raise ContentError (after collecting everything) on failure."""
    with stage("load", timings):
        sources = load_sources(project, diagnostics)
    with stage("validate and link", timings):
        kb = link_sources(sources, diagnostics)
    if kb is not None and check_translations:
        with stage("check translations", timings):
            check_catalogs(kb, project, diagnostics)
    if kb is None or diagnostics.failed(strict):
        raise ContentError(diagnostics, strict)
    return kb
