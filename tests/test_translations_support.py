"""Helpers shared by the translation tests (this module holds no tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Message
from click.testing import CliRunner, Result

from generator.check import load_knowledge_base
from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.editions.pofile import entries, format_po, key_of, msgid, read_po_file
from generator.knowledge.kb import KnowledgeBase
from generator.source.project import Project
from generator.translations.catalogs import CatalogUpdate, update_catalogs
from tests.conftest import FIXTURES, copy_project

MINI = FIXTURES / "translations-mini"
TOPIC = "clinic-access"
#: 2026-01-01 00:00 UTC: a fixed POT-Creation-Date, so that runs are reproducible.
EPOCH = "1767225600"


def mini_project(tmp_path: Path) -> Project:
    return copy_project(MINI, tmp_path / "translations-mini")


def load(project: Project) -> KnowledgeBase:
    return load_knowledge_base(project, Diagnostics())


def update(project: Project, diagnostics: Diagnostics | None = None) -> list[CatalogUpdate]:
    """Load (which also checks the catalogs) and update, collecting into one set of diagnostics."""
    diagnostics = diagnostics if diagnostics is not None else Diagnostics()
    return update_catalogs(load_knowledge_base(project, diagnostics), project, diagnostics)


def po_path(project: Project, lang: str, name: str = TOPIC) -> Path:
    return project.translations / lang / f"{name}.po"


def messages(project: Project, lang: str, name: str = TOPIC) -> dict[tuple[str, str], Message]:
    """The active entries of a catalog by (msgctxt, msgid)."""
    return {key_of(m): m for m in entries(read_po_file(po_path(project, lang, name)).catalog)}


def obsolete(project: Project, lang: str, name: str = TOPIC) -> dict[tuple[str, str], Message]:
    return {key_of(m): m for m in read_po_file(po_path(project, lang, name)).catalog.obsolete.values()}


def translate(
    project: Project, lang: str, name: str = TOPIC, how: Callable[[str, str], str] = lambda ctx, text: f"[es] {text}"
) -> None:
    """Play the translator: fill every entry (fuzzy ones are reviewed: no longer fuzzy)."""
    path = po_path(project, lang, name)
    po = read_po_file(path)
    for message in entries(po.catalog):
        message.string = how(message.context or "", msgid(message))
        message.flags.discard("fuzzy")
        message.previous_id = []
    path.write_bytes(format_po(po.header, po.catalog))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def invoke(project: Project, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project.root), *args])


def context(*parts: str) -> str:
    return "/".join((TOPIC, *parts))
