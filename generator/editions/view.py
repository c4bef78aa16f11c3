"""Localize stage: one view of the knowledge base per language, every text with its status."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import NullTranslations
from pydantic import BaseModel

from generator.diagnostics import Diagnostics, Location
from generator.editions.pofile import PoReadError, read_po_file
from generator.editions.ui import ui_translations
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.walk import item_marker
from generator.model.fields import translatable_of
from generator.source.project import Project
from generator.source.yamlfile import MAX_TEXT_LENGTH
from generator.text.characters import INVISIBLE
from generator.text.paragraphs import join_paragraphs, split_paragraphs
from generator.text.scan import find_ref_links, unsafe_markdown

logger = logging.getLogger(__name__)

Status = Literal["source", "translated", "outdated", "missing"]
STATUS_RANK: dict[Status, int] = {"source": 0, "translated": 1, "outdated": 2, "missing": 3}


class LocalText(str):
    """A string shown in an edition, with where it came from (Lektor-style alternatives)."""

    status: Status
    source: str
    lang: str

    def __new__(cls, value: str, status: Status, source: str, lang: str) -> LocalText:
        text = super().__new__(cls, value)
        text.status, text.source, text.lang = status, source, lang
        return text

    @property
    def fallback(self) -> bool:
        """Shown in the source language because the translation is missing or outdated."""
        return self.status in ("missing", "outdated")


@dataclass(frozen=True)
class Entry:
    """One catalog entry as read from a PO file."""

    msgstr: str
    fuzzy: bool
    path: str
    line: int


Catalogs = dict[str, dict[tuple[str, str], Entry]]  # catalog name → (msgctxt, msgid) → entry


@dataclass
class Edition:
    """The knowledge base seen in one language. Pass it explicitly; there is no global language."""

    kb: KnowledgeBase
    lang: str
    catalogs: Catalogs = field(default_factory=dict)
    ui: NullTranslations = field(default_factory=NullTranslations)
    used: list[LocalText] | None = None

    @property
    def is_source(self) -> bool:
        return self.lang == self.kb.source_language

    def text(self, model: BaseModel, name: str) -> LocalText | None:
        """The field ``name`` of ``model`` in this language (None when the field is empty)."""
        value = getattr(model, name)
        return None if value is None else self.lookup(model, name, value)

    def texts(self, model: BaseModel, name: str) -> list[LocalText]:
        """A list-of-text field (typical failures)."""
        return [self.lookup(model, name, value) for value in getattr(model, name)]

    def lookup(self, model: BaseModel, name: str, source: str) -> LocalText:
        context = self.kb.contexts.get(id(model))
        if context is None:  # shipped with the tool (default scale): a UI string
            return self._record(LocalText(self.ui.gettext(source), self._ui_status(source), source, self.lang))
        catalog, idpath = context
        msgctxt = "/".join((*idpath, name))
        markdown = is_markdown(model, name)
        parts = (split_paragraphs(source) if markdown else [source]) or [source]
        found = [self._translate(catalog, msgctxt, part) for part in parts]
        status = max((s for _, s in found), key=STATUS_RANK.__getitem__)
        value = join_paragraphs([t for t, _ in found]) if markdown else found[0][0]
        return self._record(
            LocalText(value, status, source, self.lang if status == "translated" else self.kb.source_language)
        )

    def _translate(self, catalog: str, msgctxt: str, msgid: str) -> tuple[str, Status]:
        if self.is_source:
            return msgid, "source"
        entry = self.catalogs.get(catalog, {}).get((msgctxt, msgid))
        if entry is None or not entry.msgstr:
            return msgid, "missing"
        if entry.fuzzy:
            return msgid, "outdated"
        if ref_targets(entry.msgstr) != ref_targets(msgid):
            return msgid, "missing"  # a changed `ref:` would lead nowhere; translations.checks reports it
        return entry.msgstr, "translated"

    def _ui_status(self, source: str) -> Status:
        if self.is_source:
            return "source"
        return "translated" if self.ui.gettext(source) != source else "missing"

    def _record(self, text: LocalText) -> LocalText:
        if self.used is not None:
            self.used.append(text)
        return text

    @contextmanager
    def track(self) -> Iterator[list[LocalText]]:
        """Collect the texts a page uses, to tell its reader when some are fallbacks."""
        previous, self.used = self.used, []
        try:
            yield self.used
        finally:
            self.used = previous

    # UI strings and locale formats ------------------------------------------------------
    def gettext(self, message: str) -> str:
        return self.ui.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.ui.ngettext(singular, plural, count)

    def format_date(self, value: dt.date) -> str:
        return format_date(value, format="long", locale=self.lang)

    def format_period(self, period: str) -> str:
        """`2026-03` → "Mar 2026" (in the edition's language); daily periods as medium dates."""
        if len(period) == 7:
            return format_date(dt.date.fromisoformat(period + "-01"), format="MMM y", locale=self.lang)
        return format_date(dt.date.fromisoformat(period), format="medium", locale=self.lang)

    def format_number(self, value: float, digits: int = 1) -> str:
        pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
        return format_decimal(value, format=pattern, locale=self.lang)

    def completeness(self) -> dict[Status, int]:
        """How many translation units of this edition are translated, outdated or missing."""
        from generator.editions.units import extract_units

        counts: dict[Status, int] = {"translated": 0, "outdated": 0, "missing": 0}
        for unit in extract_units(self.kb):
            counts[self._translate(unit.catalog, unit.msgctxt, unit.msgid)[1]] += 1 if not self.is_source else 0
        return counts


def ref_targets(text: str) -> list[str]:
    return sorted(link.ref for link in find_ref_links(text))


def is_markdown(model: BaseModel, name: str) -> bool:
    """Whether a field is Markdown (split into one translation unit per paragraph)."""
    info = type(model).model_fields[name]
    marker = translatable_of(info.metadata) or item_marker(info.annotation)
    return marker is not None and marker.markdown


def load_edition(kb: KnowledgeBase, lang: str, project: Project, diagnostics: Diagnostics) -> Edition:
    """The edition of ``lang``: its content catalogs (if any) and the generator's UI catalog."""
    catalogs: Catalogs = {}
    if lang != kb.source_language:
        folder = project.translations / lang
        for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
            catalogs[path.stem] = read_catalog(path, project.display(path), diagnostics, project.root)
    return Edition(kb, lang, catalogs, ui_translations(lang))


def acceptable_translation(text: str) -> bool:
    """Whether a msgstr may be shown (`editions.checks` says why not, as a warning)."""
    return len(text) <= MAX_TEXT_LENGTH and not INVISIBLE.search(text) and not unsafe_markdown(text)


def read_catalog(
    path: Path, display: str, diagnostics: Diagnostics, root: Path | None = None
) -> dict[tuple[str, str], Entry]:
    """Read a PO catalog. A translation with raw HTML or an image is ignored (the source text is
    shown); `translations.checks` reports it."""
    try:
        catalog = read_po_file(path, root).catalog
    except PoReadError as exc:
        diagnostics.error(Location(display, max(exc.line, 0)), f"{exc}; the catalog is not used", "po.syntax")
        return {}
    entries: dict[tuple[str, str], Entry] = {}
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not isinstance(message.string, str):
            continue
        if message.string and not acceptable_translation(message.string):
            continue  # untrusted: HTML, an image, an attribute list, an unsafe link or an invisible character
        entries[(message.context or "", message.id)] = Entry(
            message.string, message.fuzzy, display, message.lineno or 0
        )
    return entries
