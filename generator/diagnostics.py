"""Diagnostics: every problem found in the content, with its location, collected before aborting."""

from __future__ import annotations

import enum
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.text.characters import printable

logger = logging.getLogger(__name__)


class Severity(enum.StrEnum):
    """How bad a problem is; ``--strict`` turns warnings into failures."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in an authoring file: 1-based line and column (0 means unknown).

    In a spreadsheet, ``sheet`` names the worksheet and ``line``/``column`` are the cell's row and
    column number: shown the way spreadsheets name cells, `data/2026.xlsx:Sheet1!C14`.
    """

    path: str
    sheet: str = field(default="", kw_only=True)
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.path}:{sheet_reference(self.sheet)}!{cell_name(self.line, self.column)}"
        if self.line <= 0:
            return self.path
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


def column_letters(column: int) -> str:
    """A spreadsheet column's letters: 1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """`C14`; a whole row (column unknown) is `14:14`, as spreadsheets write it."""
    if column <= 0:
        return f"{row}:{row}"
    return f"{column_letters(column)}{row}"


def sheet_reference(name: str) -> str:
    """A sheet name as a formula would write it: quoted when it holds anything but letters and digits."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in name)
    if printable.replace("_", "").isalnum():
        return printable
    return "'" + printable.replace("'", "''") + "'"


@dataclass(frozen=True)
class Diagnostic:
    """One problem: where it is, which item it concerns, what is wrong and its code."""

    severity: Severity
    location: Location | None
    message: str
    code: str
    item: str = ""

    def format(self) -> str:
        """One line, safe for a terminal: control characters and bidirectional overrides from the
        content (a bad id, a quoted value, a file name) are printed as escapes, never raw."""
        where = f"{self.location}: " if self.location else ""
        item = f"{self.item}: " if self.item else ""
        return printable(f"{where}{self.severity}: {item}{self.message} [{self.code}]").replace("\n", "\\n")

    def sort_key(self) -> tuple[str, str, int, int, str]:
        loc = self.location or Location("")
        return (loc.path, loc.sheet, loc.line, loc.column, self.message)


@dataclass
class Diagnostics:
    """A collector of diagnostics; stages add to it and the orchestrator aborts once."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, location: Location | None, message: str, code: str, item: str = "") -> None:
        self.items.append(Diagnostic(Severity.ERROR, location, message, code, item))

    def warning(self, location: Location | None, message: str, code: str, item: str = "") -> None:
        self.items.append(Diagnostic(Severity.WARNING, location, message, code, item))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(set(self.items), key=Diagnostic.sort_key))

    def __len__(self) -> int:
        return len(set(self.items))

    @property
    def errors(self) -> int:
        return sum(1 for d in set(self.items) if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in set(self.items) if d.severity is Severity.WARNING)

    def failed(self, strict: bool) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self, strict: bool) -> str:
        counts = f"{plural(self.errors, 'error')} and {plural(self.warnings, 'warning')}"
        if self.failed(strict):
            return f"Aborted with {counts}."
        return f"Checked with {counts}."


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


class ChangekitError(Exception):
    """Base of the errors the command line reports without a traceback."""

    exit_code = 1


class ContentError(ChangekitError):
    """The content has errors (or warnings under --strict); the diagnostics say which."""

    def __init__(self, diagnostics: Diagnostics, strict: bool = False) -> None:
        super().__init__(diagnostics.summary(strict))
        self.diagnostics = diagnostics


class UsageError(ChangekitError):
    """The command was called wrongly (unknown package, language, …)."""

    exit_code = 2


class BuildError(ChangekitError):
    """A later stage (MkDocs, WeasyPrint) failed on content that validated."""
