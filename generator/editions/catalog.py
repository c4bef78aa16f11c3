"""The content catalogs of one edition, read once: every entry with where it stands in its PO file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from generator.diagnostics import Diagnostics
from generator.editions.poentries import PoEntries, parse_entries
from generator.editions.pofile import PoReadError, read_po_text, report_po_error
from generator.source.project import Project

Key = tuple[str, str]  # (msgctxt, msgid)


class CatalogEntry(NamedTuple):
    """One translation as the PO file has it."""

    msgstr: str
    fuzzy: bool
    display: str  # the PO file, relative to the project
    line: int  # the line of its msgstr (where diagnostics point)


@dataclass
class EditionCatalogs:
    """Every `content/translations/<lang>/*.po` of one language, parsed once per run."""

    lang: str
    entries: dict[str, dict[Key, CatalogEntry]] = field(default_factory=dict)  # catalog name → key → entry
    plural_lines: dict[str, list[int]] = field(default_factory=dict)  # catalog name → its plural entries' lines
    displays: dict[str, str] = field(default_factory=dict)  # catalog name → its path as shown

    def get(self, catalog: str, key: Key) -> CatalogEntry | None:
        return self.entries.get(catalog, {}).get(key)


def read_edition_catalogs(project: Project, lang: str, diagnostics: Diagnostics) -> EditionCatalogs:
    """Parse the language's catalogs; a file that cannot be parsed is reported and not used."""
    catalogs = EditionCatalogs(lang)
    folder = project.translations / lang
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        po = load_entries(project, path, diagnostics)
        if po is None:
            continue
        display = project.display(path)
        catalogs.plural_lines[path.stem] = po.plural_lines
        catalogs.displays[path.stem] = display
        catalogs.entries[path.stem] = catalog_entries(po, display)
    return catalogs


def load_entries(project: Project, path: Path, diagnostics: Diagnostics) -> PoEntries | None:
    """Read a PO file's entries; report it (and give None) when it cannot be parsed."""
    try:
        return parse_entries(read_po_text(path, project.root))
    except PoReadError as exc:
        report_po_error(project, path, exc, diagnostics)
        return None


def catalog_entries(po: PoEntries, display: str) -> dict[Key, CatalogEntry]:
    return {
        key: CatalogEntry(entry.msgstr, entry.fuzzy, display, entry.msgstr_line) for key, entry in po.entries.items()
    }
