"""`translations status`: how complete each edition is, counted against the current English text.

A unit counts as the build shows it (see `localize.Edition`): translated when its catalog
has a translation that is not fuzzy, outdated when the translation is fuzzy, missing when
there is none — or when the catalog is stale and lacks the entry, or the translation
carries raw HTML (the build refuses it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.editions.pofile import entries, key_of, load_po, msgstr
from generator.editions.units import TranslationUnit, catalog_names, extract_units
from generator.editions.view import Status
from generator.knowledge.kb import KnowledgeBase
from generator.source.project import Project
from generator.text.scan import find_raw_html

Shown = dict[tuple[str, str], Status]  # (msgctxt, msgid) → what the build shows


@dataclass(frozen=True)
class CatalogStatus:
    """Counts of one catalog (or of a whole edition, as `total`) in one language."""

    lang: str
    catalog: str
    translated: int = 0
    outdated: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.outdated + self.missing

    @property
    def translated_percent(self) -> float:
        """Exact share translated (100 for an empty catalog: nothing is missing)."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def percent(self, count: int) -> str:
        """A share for people: rounded down, so 100.0% means complete."""
        value = 100.0 * count / self.total if self.total else (100.0 if count == self.translated else 0.0)
        return f"{math.floor(value * 10) / 10:.1f}%"


@dataclass(frozen=True)
class EditionStatus:
    """The catalogs of one language and their total."""

    lang: str
    catalogs: list[CatalogStatus]

    @property
    def total(self) -> CatalogStatus:
        return CatalogStatus(
            self.lang,
            "total",
            sum(c.translated for c in self.catalogs),
            sum(c.outdated for c in self.catalogs),
            sum(c.missing for c in self.catalogs),
        )


def translation_status(
    kb: KnowledgeBase, project: Project, languages: list[str], diagnostics: Diagnostics
) -> list[EditionStatus]:
    """The status of each of ``languages`` (editions of the collaborative), catalog by catalog."""
    units = extract_units(kb)
    return [edition_status(kb, project, lang, units, diagnostics) for lang in languages]


def edition_status(
    kb: KnowledgeBase, project: Project, lang: str, units: list[TranslationUnit], diagnostics: Diagnostics
) -> EditionStatus:
    statuses = []
    for name in catalog_names(kb):
        shown = read_shown(project, lang, name, diagnostics)
        counts = {"translated": 0, "outdated": 0, "missing": 0}
        for unit in units:
            if unit.catalog == name:
                counts[shown.get(unit.key, "missing")] += 1
        statuses.append(CatalogStatus(lang, name, counts["translated"], counts["outdated"], counts["missing"]))
    return EditionStatus(lang, statuses)


def read_shown(project: Project, lang: str, name: str, diagnostics: Diagnostics) -> Shown:
    """What the build shows for each entry of `<lang>/<name>.po` (empty when there is no file)."""
    path = project.translations / lang / f"{name}.po"
    po = load_po(project, path, diagnostics) if path.is_file() else None
    shown: Shown = {}
    for message in entries(po.catalog) if po is not None else []:
        if not msgstr(message):
            continue
        if message.fuzzy:
            shown[key_of(message)] = "outdated"
        elif not any(True for _ in find_raw_html(msgstr(message))):
            shown[key_of(message)] = "translated"
    return shown
