"""Write stage: an edition's pages into build/docs/<lang>/ and its MkDocs config, only what changed."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from generator.output import OutputTree, write_text
from generator.render.site.config import config_path, dump_config
from generator.render.site.render import Page
from generator.source.project import Project

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class WrittenEdition:
    """What the write stage did for one language."""

    lang: str
    config: Path
    changed: int  # pages (re)written
    removed: int  # stale pages deleted
    pages: int  # pages of the edition


def docs_dir(project: Project, lang: str) -> Path:
    return project.build / "docs" / lang


def write_edition(project: Project, lang: str, pages: list[Page], config: dict[str, object]) -> WrittenEdition:
    """Write pages whose text changed, delete pages no longer generated, write the config if changed."""
    tree = OutputTree(docs_dir(project, lang))
    changed = sum(tree.write_text(page.path, page.markdown) for page in pages)
    removed = len(tree.remove_stale())
    path = config_path(project, lang)
    write_text(path, dump_config(config))
    logger.info("%s: %d pages, %d changed, %d removed", lang, len(pages), changed, removed)
    return WrittenEdition(lang, path, changed, removed, len(pages))
