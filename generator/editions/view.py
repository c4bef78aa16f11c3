"""The localized view: what one edition shows for every text, and whether that text is translated.

This is the only place that answers "what does edition X show here, and why": the site, the
PDFs, the edition's home page, the PDF imprint and `translations status` all ask an `Edition`.
A text's status is one of

- ``source``: the edition is the source language;
- ``translated``: its catalog has a translation that is used;
- ``outdated``: the translation is fuzzy (the English changed): the English is shown;
- ``missing``: there is no translation: the English is shown;
- ``refused``: the translation exists but is not used — it carries markup a translation may not
  add, or it changes where a `ref:` link goes — and the English is shown (``reason`` says why).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from gettext import NullTranslations
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from generator.diagnostics import Diagnostics
from generator.editions.catalog import EditionCatalogs, read_edition_catalogs
from generator.editions.ui import ui_translations
from generator.editions.units import TranslationUnit, catalog_names, extract_units, message_context
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.walk import item_marker
from generator.model.fields import translatable_of
from generator.source.project import Project
from generator.source.yamlfile import MAX_TEXT_LENGTH
from generator.text.characters import INVISIBLE, describe
from generator.text.paragraphs import join_paragraphs, split_paragraphs
from generator.text.scan import find_ref_links, unsafe_markdown

if TYPE_CHECKING:
    from generator.editions.labels import Labels

Status = Literal["source", "translated", "outdated", "missing", "refused"]
STATUS_RANK: dict[Status, int] = {"source": 0, "translated": 1, "outdated": 2, "missing": 3, "refused": 4}
#: The statuses a reader is shown the source text for.
FALLBACK: frozenset[Status] = frozenset({"outdated", "missing", "refused"})


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
        """Shown in the source language because the translation is missing, outdated or refused."""
        return self.status in FALLBACK


@dataclass(frozen=True)
class Translation:
    """What the edition does with one catalog unit: the words shown, the status and why."""

    text: str
    status: Status
    reason: str = ""


@dataclass(frozen=True)
class Completeness:
    """How many translation units of an edition (or of part of it) have each status."""

    translated: int = 0
    outdated: int = 0
    missing: int = 0
    refused: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.outdated + self.missing + self.refused

    @property
    def shown_in_source(self) -> int:
        return self.outdated + self.missing + self.refused

    @property
    def percent(self) -> int:
        """The translated share, rounded down (100 only when every unit is translated)."""
        return 100 if self.total == 0 else self.translated * 100 // self.total

    def __add__(self, other: Completeness) -> Completeness:
        return Completeness(
            self.translated + other.translated,
            self.outdated + other.outdated,
            self.missing + other.missing,
            self.refused + other.refused,
        )


def refusal(msgstr: str, msgid: str) -> str:
    """Why a translation cannot be used ("" when it can): translations are untrusted text."""
    if len(msgstr) > MAX_TEXT_LENGTH:
        return f"it has {len(msgstr):,} characters, over the limit of {MAX_TEXT_LENGTH:,}"
    invisible = INVISIBLE.search(msgstr)
    if invisible:
        return f"it contains the invisible character {describe(invisible.group(0))}"
    problems = unsafe_markdown(msgstr)
    if problems:
        return f"it contains {problems[0][1]}"
    if ref_targets(msgstr) != ref_targets(msgid):
        return "it changes where a ref: link goes"
    return ""


def ref_targets(text: str) -> list[str]:
    return sorted(link.ref for link in find_ref_links(text))


@dataclass
class Edition:
    """The knowledge base seen in one language. Pass it explicitly; there is no global language."""

    kb: KnowledgeBase
    lang: str
    catalogs: EditionCatalogs | None = None
    ui: NullTranslations = field(default_factory=NullTranslations)
    used: list[LocalText] | None = None
    _units: list[TranslationUnit] | None = None

    @property
    def is_source(self) -> bool:
        return self.lang == self.kb.source_language

    # Texts of the knowledge base ----------------------------------------------------------
    def text(self, model: BaseModel, name: str) -> LocalText | None:
        """The field ``name`` of ``model`` in this language (None when the field is empty)."""
        value = getattr(model, name)
        return None if value is None else self.lookup(model, name, value)

    def texts(self, model: BaseModel, name: str) -> list[LocalText]:
        """A list-of-text field (typical failures)."""
        return [self.lookup(model, name, value) for value in getattr(model, name)]

    def lookup(self, model: BaseModel, name: str, source: str) -> LocalText:
        context = message_context(self.kb, model, name)
        if context is None:  # shipped with the tool (default scale): a UI string
            return self._record(LocalText(self.ui.gettext(source), self._ui_status(source), source, self.lang))
        catalog, msgctxt = context
        markdown = is_markdown(model, name)
        parts = (split_paragraphs(source) if markdown else [source]) or [source]
        found = [self.translate(catalog, msgctxt, part) for part in parts]
        status = max((t.status for t in found), key=STATUS_RANK.__getitem__)
        value = join_paragraphs([t.text for t in found]) if markdown else found[0].text
        shown_in = self.lang if status in ("translated", "source") else self.kb.source_language
        return self._record(LocalText(value, status, source, shown_in))

    def translate(self, catalog: str, msgctxt: str, msgid: str) -> Translation:
        """One catalog unit in this edition: the only rule for what is shown and why."""
        if self.is_source:
            return Translation(msgid, "source")
        entry = self.catalogs.get(catalog, (msgctxt, msgid)) if self.catalogs else None
        if entry is None or not entry.msgstr:
            return Translation(msgid, "missing")
        if entry.fuzzy:
            return Translation(msgid, "outdated")
        reason = refusal(entry.msgstr, msgid)
        if reason:
            return Translation(msgid, "refused", reason)
        return Translation(entry.msgstr, "translated")

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

    # Completeness -----------------------------------------------------------------------
    def units(self) -> list[TranslationUnit]:
        """Every translation unit of the knowledge base (extracted once per edition)."""
        if self._units is None:
            self._units = extract_units(self.kb)
        return self._units

    def unit_translations(self) -> Iterator[tuple[TranslationUnit, Translation]]:
        for unit in self.units():
            yield unit, self.translate(unit.catalog, unit.msgctxt, unit.msgid)

    def completeness(self, catalogs: Iterable[str] | None = None) -> Completeness:
        """Counts of the units of ``catalogs`` (default: every catalog) by status."""
        wanted = set(catalog_names(self.kb) if catalogs is None else catalogs)
        counts = {"translated": 0, "outdated": 0, "missing": 0, "refused": 0}
        if self.is_source:
            return Completeness()
        for unit, translation in self.unit_translations():
            if unit.catalog in wanted:
                counts[translation.status] += 1
        return Completeness(**counts)

    # UI strings -------------------------------------------------------------------------
    def gettext(self, message: str) -> str:
        return self.ui.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.ui.ngettext(singular, plural, count)

    @property
    def labels(self) -> Labels:
        """Every label of this edition (units, settings, verdicts, dates, numbers…); Babel's
        formats load with the first label (`validate` shows none)."""
        from generator.editions.labels import Labels

        return Labels(self)

    # Kept for the renderers' convenience: the formats live in Labels.
    def format_date(self, value: dt.date) -> str:
        return self.labels.date(value)

    def format_period(self, period: str) -> str:
        return self.labels.period(period)

    def format_number(self, value: float, digits: int = 1) -> str:
        return self.labels.number(value, digits)


def is_markdown(model: BaseModel, name: str) -> bool:
    """Whether a field is Markdown (split into one translation unit per paragraph)."""
    info = type(model).model_fields[name]
    marker = translatable_of(info.metadata) or item_marker(info.annotation)
    return marker is not None and marker.markdown


def load_edition(
    kb: KnowledgeBase,
    lang: str,
    project: Project,
    diagnostics: Diagnostics,
    units: list[TranslationUnit] | None = None,
) -> Edition:
    """The edition of ``lang``: its content catalogs (read once, here) and the generator's UI catalog;
    ``units`` are the knowledge base's translation units when another edition extracted them."""
    catalogs = None if lang == kb.source_language else read_edition_catalogs(project, lang, diagnostics)
    return Edition(kb, lang, catalogs, ui_translations(lang), _units=units)


def load_editions(
    kb: KnowledgeBase, langs: list[str], project: Project, diagnostics: Diagnostics
) -> dict[str, Edition]:
    """The editions of ``langs``, in order; the translated ones share one extraction of the units."""
    translated = any(lang != kb.source_language for lang in langs)
    units = extract_units(kb) if translated else None
    return {lang: load_edition(kb, lang, project, diagnostics, units) for lang in langs}
