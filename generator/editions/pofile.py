"""PO files: read with Babel, written here so that `#|` previous ids and obsolete flags survive.

Babel's `write_po` re-wraps `#| msgid` comments as prose (breaking multi-line strings) and
drops the flags of obsolete entries, and its reader files `#|` lines under translator
comments. The string formatting itself (escaping, 76-column wrapping) is Babel's `normalize`.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostics, Location
from generator.editions.plurals import PluralFormsError, check_plural_forms
from generator.source.files import RefusedFileError, read_limited
from generator.source.project import Project

if TYPE_CHECKING:  # Babel's catalog is loaded where a file is read or written through it, not by the fast reader
    from babel.messages.catalog import Catalog, Message

WIDTH = 76
#: Flags Babel guesses from the msgid; content is never a Python format string.
GUESSED_FLAGS = frozenset({"python-format", "python-brace-format"})
DATE_FORMAT = "%Y-%m-%d %H:%M+0000"
#: A keyword line or a continuation line: the string must be quoted and closed.
STRING_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"[^"\\]*(?:\\.[^"\\]*)*"$')


#: Babel's escapes (`babel.messages.pofile.unescape`); `\\` and `\"` stand for a backslash and a quote.
ESCAPE = re.compile(r'\\([\\abfnrtv"])')
ESCAPED = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


def unescape(string: str) -> str:
    """A quoted PO string's text, exactly as Babel's `unescape` reads it (the fast reader reads
    every catalog without loading Babel's; a test compares the two)."""
    if "\\" not in string:
        return string[1:-1]
    return ESCAPE.sub(lambda match: ESCAPED.get(match[1], match[1]), string[1:-1])


class PoReadError(Exception):
    """A PO file that cannot be parsed (it is then left untouched)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class PoHeader:
    """The header entry (`msgid ""`): its comment lines, its fields in order, its fuzzy flag."""

    comment: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    fuzzy: bool = False

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key.lower() == name.lower()), None)

    def set(self, name: str, value: str, *, keep: bool = False) -> None:
        """Set a field in place (or append it); with ``keep``, only when it is absent."""
        for index, (key, old) in enumerate(self.fields):
            if key.lower() == name.lower():
                if not keep and old != value:
                    self.fields[index] = (key, value)
                return
        self.fields.append((name, value))


@dataclass
class PoFile:
    """A parsed PO file: its header and a Babel catalog of its entries (obsolete ones included)."""

    header: PoHeader
    catalog: Catalog
    text: str


def load_po(project: Project, path: Path, diagnostics: Diagnostics) -> PoFile | None:
    """Read a PO file; report it (and give None) when it cannot be parsed."""
    try:
        return read_po_file(path, project.root)
    except PoReadError as exc:
        report_po_error(project, path, exc, diagnostics)
        return None


def report_po_error(project: Project, path: Path, error: PoReadError, diagnostics: Diagnostics) -> None:
    where = Location(project.display(path), max(error.line, 0))
    diagnostics.error(where, f"{error}; fix the file: until then it is neither used nor updated", "po.syntax")


def read_po_file(path: Path, root: Path | None = None) -> PoFile:
    """Read a PO file (a regular file inside ``root`` when given, at most MAX_FILE_BYTES); raise
    PoReadError when it cannot be read or parsed."""
    return parse_po(read_po_text(path, root))


def read_po_text(path: Path, root: Path | None = None) -> str:
    """The text of a PO file (see `read_po_file`); PoReadError when it cannot be read."""
    try:
        return read_limited(path, root).decode("utf-8-sig")
    except RefusedFileError as exc:
        raise PoReadError(f"{exc} (the catalog)") from None
    except UnicodeDecodeError as exc:
        raise PoReadError(f"cannot read the catalog: it is not UTF-8 (byte 0x{exc.object[exc.start]:02x})") from None


def parse_po(text: str) -> PoFile:
    # gettext writes `#~|` for the previous id of an obsolete entry; Babel cannot parse it, but it
    # reads `#|` lines as comments, which `restore_previous` turns back into the previous id.
    lines = ["#|" + line[3:] if line.startswith("#~|") else line for line in text.splitlines(keepends=True)]
    check_strings(lines)
    try:
        from babel.messages.pofile import read_po

        catalog = read_po(io.StringIO("".join(lines)), abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError, ValueError and others
        raise PoReadError(f"cannot parse the catalog: {exc}", getattr(exc, "lineno", -1) + 1) from exc
    for message in [*catalog, *catalog.obsolete.values()]:
        restore_previous(message)
        message.flags -= GUESSED_FLAGS
    header = parse_header(text)
    check_header(header, text)
    return PoFile(header, catalog, text)


def check_header(header: PoHeader, text: str) -> None:
    """A `Plural-Forms` value that `msgfmt -c` would refuse is refused here too (and never kept)."""
    value = header.get("Plural-Forms")
    if value is None:
        return
    try:
        check_plural_forms(value)
    except PluralFormsError as exc:
        line = next((i for i, line in enumerate(text.splitlines(), 1) if line.startswith('"Plural-Forms:')), 0)
        raise PoReadError(f"the Plural-Forms header is invalid: {exc} (msgfmt -c refuses it too)", line) from None


def check_strings(lines: list[str]) -> None:
    """Refuse what Babel would read silently wrong: an unterminated or unquoted string."""
    for number, line in enumerate(lines, 1):
        content = line.strip()
        content = content.removeprefix("#~").strip() if content.startswith("#~") else content
        if content and not content.startswith("#") and not STRING_LINE.match(content):
            raise PoReadError(f"cannot parse the catalog: malformed line {content[:40]!r}", number)


def restore_previous(message: Message) -> None:
    """Move the `#| msgid` lines Babel read as translator comments into ``previous_id``."""
    kept: list[str] = []
    parts: dict[str, list[str]] = {}
    current: list[str] | None = None
    for comment in message.user_comments:
        if not comment.startswith("|"):
            kept.append(comment)
            continue
        keyword, _, rest = comment[1:].strip().partition(" ")
        if keyword.startswith('"'):
            if current is not None:
                current.append(comment[1:].strip())
            continue
        current = parts.setdefault(keyword, [])
        current.append(rest.strip())
    message.user_comments = kept
    if "msgid" in parts:
        message.previous_id = ["".join(unescape(piece) for piece in parts["msgid"] if piece)]


def parse_header(text: str) -> PoHeader:
    """The header entry at the top of a PO file (empty when there is none)."""
    lines = text.splitlines()
    index, comment = 0, []
    while index < len(lines) and (lines[index].startswith("#") or not lines[index].strip()):
        if lines[index].startswith("#"):
            comment.append(lines[index])
        index += 1
    if index + 1 >= len(lines) or lines[index].strip() != 'msgid ""' or not lines[index + 1].startswith("msgstr"):
        return PoHeader()
    pieces = [lines[index + 1][len("msgstr") :].strip()]
    index += 2
    while index < len(lines) and lines[index].startswith('"'):
        pieces.append(lines[index].strip())
        index += 1
    raw = "".join(unescape(piece) for piece in pieces if piece)
    fields = [
        (key.strip(), value.strip()) for key, sep, value in (line.partition(":") for line in raw.split("\n")) if sep
    ]
    fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in comment)
    return PoHeader([line for line in comment if not line.startswith("#,")], fields, fuzzy)


def new_message(
    msgctxt: str,
    msgid: str,
    msgstr: str = "",
    *,
    locations: Iterable[tuple[str, int]] = (),
    flags: Iterable[str] = (),
    auto_comments: Iterable[str] = (),
    user_comments: Iterable[str] = (),
    previous_id: str = "",
) -> Message:
    """A Babel message without the format flags Babel guesses from the text."""
    from babel.messages.catalog import Message

    message = Message(
        msgid,
        msgstr,
        list(locations),
        flags,
        list(auto_comments),
        list(user_comments),
        [previous_id] if previous_id else [],
        context=msgctxt,
    )
    message.flags -= GUESSED_FLAGS
    return message


def entries(catalog: Catalog) -> Iterator[Message]:
    """The active entries of a catalog, without the header (and without plural entries)."""
    return (message for message in catalog if message.id and isinstance(message.id, str))


def msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else ""


def msgstr(message: Message) -> str:
    """The translation ('' when there is none)."""
    return message.string if isinstance(message.string, str) else ""


def key_of(message: Message) -> tuple[str, str]:
    """(msgctxt, msgid): how an entry is identified in a catalog."""
    return (message.context or "", msgid(message))


def format_po(header: PoHeader, catalog: Catalog) -> bytes:
    """The PO text of ``catalog``: header, entries in catalog order, then obsolete entries."""
    blocks = ["\n".join(format_header(header))]
    blocks += ["\n".join(format_message(message)) for message in entries(catalog)]
    blocks += ["\n".join(format_message(message, obsolete=True)) for message in catalog.obsolete.values()]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def format_header(header: PoHeader) -> list[str]:
    from babel.messages.pofile import normalize

    lines = list(header.comment)
    if header.fuzzy:
        lines.append("#, fuzzy")
    lines += ['msgid ""', 'msgstr ""']
    lines += [normalize(f"{key}: {value}\n", width=0) for key, value in header.fields]
    return lines


def format_message(message: Message, *, obsolete: bool = False) -> list[str]:
    from babel.messages.pofile import normalize

    prefix = "#~ " if obsolete else ""
    lines = [f"# {comment}".rstrip() for comment in message.user_comments]
    lines += [f"#. {comment}".rstrip() for comment in message.auto_comments]
    if message.locations and not obsolete:
        where = " ".join(f"{path}:{line}" if line else path for path, line in message.locations)
        wrapper = textwrap.TextWrapper(WIDTH - 3, break_long_words=False, break_on_hyphens=False)
        lines += [f"#: {line}" for line in wrapper.wrap(where)]
    if message.flags:
        lines.append("#, " + ", ".join(sorted(message.flags)))
    if message.previous_id:
        mark = "#~|" if obsolete else "#|"
        if message.context:
            lines.append(f"{mark} msgctxt {normalize(message.context, width=0)}")
        lines.append(f"{mark} msgid {normalize(message.previous_id[0], prefix=mark + ' ', width=WIDTH)}")
    if message.context:
        lines.append(f"{prefix}msgctxt {normalize(message.context, width=0)}")  # whole, for grep
    lines.append(f"{prefix}msgid {normalize(msgid(message), prefix=prefix, width=WIDTH)}")
    lines.append(f"{prefix}msgstr {normalize(msgstr(message), prefix=prefix, width=WIDTH)}")
    return lines


def creation_date(now: dt.datetime | None = None) -> str:
    """A new POT-Creation-Date: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        now = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return (now or dt.datetime.now(dt.UTC)).strftime(DATE_FORMAT)
