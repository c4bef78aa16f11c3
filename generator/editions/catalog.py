"""The content catalogs of one edition, read once: every entry with where it stands in its PO file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.editions.pofile import PoFile, entries, key_of, load_po, msgstr
from generator.source.project import Project

Key = tuple[str, str]  # (msgctxt, msgid)


@dataclass(frozen=True)
class CatalogEntry:
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
    files: dict[str, PoFile] = field(default_factory=dict)  # catalog name → the parsed file
    displays: dict[str, str] = field(default_factory=dict)  # catalog name → its path as shown

    def get(self, catalog: str, key: Key) -> CatalogEntry | None:
        return self.entries.get(catalog, {}).get(key)


def read_edition_catalogs(project: Project, lang: str, diagnostics: Diagnostics) -> EditionCatalogs:
    """Parse the language's catalogs; a file that cannot be parsed is reported and not used."""
    catalogs = EditionCatalogs(lang)
    folder = project.translations / lang
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        po = load_po(project, path, diagnostics)
        if po is None:
            continue
        display = project.display(path)
        catalogs.files[path.stem] = po
        catalogs.displays[path.stem] = display
        catalogs.entries[path.stem] = catalog_entries(po, display)
    return catalogs


def catalog_entries(po: PoFile, display: str) -> dict[Key, CatalogEntry]:
    lines = po.text.splitlines()
    found: dict[Key, CatalogEntry] = {}
    for message in entries(po.catalog):
        found[key_of(message)] = CatalogEntry(
            msgstr(message), message.fuzzy, display, msgstr_line(lines, message.lineno or 1)
        )
    return found


def msgstr_line(lines: list[str], msgid_line: int) -> int:
    """The 1-based line of the msgstr that follows the msgid at ``msgid_line``."""
    for index in range(max(msgid_line - 1, 0), len(lines)):
        if lines[index].startswith("msgstr"):
            return index + 1
    return msgid_line


def catalog_path(project: Project, lang: str, name: str) -> Path:
    return project.translations / lang / f"{name}.po"
