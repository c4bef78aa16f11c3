"""A PO file's translations read fast, exactly as Babel reads them, for the files Changekit writes.

`read_po_entries` follows Babel's own parser line by line (the same keywords, continuation and
comment rules, the same merging of repeated entries) without building a Babel catalog. It reads
only files of the shape `translations update` writes; for anything else — plural entries,
conflict markers, a line Babel or `check_strings` would refuse, unusual line breaks — it gives
None and the caller reads the file with `parse_po`, which says exactly what is wrong and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import unescape

from generator.editions.pofile import (
    STRING_LINE,
    PoFile,
    PoHeader,
    check_header,
    entries,
    key_of,
    msgstr,
    parse_header,
    parse_po,
)

Key = tuple[str, str]  # (msgctxt, msgid)
#: Line breaks other than "\n" (`str.splitlines` and Babel's reader would number lines differently)
#: and the isolate marks Babel's location comments check: the careful reader handles those files.
UNUSUAL = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\u2068\u2069]")
KEYWORDS = frozenset({"msgctxt", "msgid", "msgstr"})


class UnusualFileError(Exception):
    """The file is not of the simple shape: read it with Babel."""


@dataclass(frozen=True)
class PoEntry:
    """One active entry: its translation, whether it is fuzzy, and the line of its msgid."""

    msgstr: str
    fuzzy: bool
    line: int


@dataclass
class PoEntries:
    """What an edition needs of a PO file: its header, its active entries, its plural entries' lines."""

    header: PoHeader
    entries: dict[Key, PoEntry]
    plural_lines: list[int]
    text: str


def entries_of(po: PoFile) -> PoEntries:
    """The same view of a file read by Babel (`parse_po`)."""
    found: dict[Key, PoEntry] = {}
    for message in entries(po.catalog):
        found[key_of(message)] = PoEntry(msgstr(message), message.fuzzy, message.lineno or 1)
    plural_lines = [message.lineno or 1 for message in po.catalog if message.id and not isinstance(message.id, str)]
    return PoEntries(po.header, found, plural_lines, po.text)


def read_po_entries(text: str) -> PoEntries | None:
    """The file's entries as Babel reads them, or None when the file needs Babel's reader.

    Raises PoReadError only for what `parse_po` would refuse after reading the entries (an
    invalid Plural-Forms header)."""
    if UNUSUAL.search(text):
        return None
    try:
        found = _Reader().read(text)
    except UnusualFileError:
        return None
    header = parse_header(text)
    check_header(header, text)
    return PoEntries(header, found, [], text)


@dataclass
class _Pending:
    """The entry being read (Babel's parser state between two entries)."""

    context: list[str] | None = None
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    flags: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    line: int = 0
    obsolete: bool | None = None
    current: list[str] | None = None  # where a continuation line goes


class _Reader:
    """Babel's `PoFileParser.parse`, for the shape Changekit writes (UnusualFileError on anything else)."""

    def __init__(self) -> None:
        self.found: dict[Key, PoEntry] = {}
        self.entry = _Pending()
        self.header_seen = False
        self.count = 0

    def read(self, text: str) -> dict[Key, PoEntry]:
        for number, raw in enumerate(text.split("\n")):
            line = raw.strip()
            if not line:
                continue
            if line[0] == "#":
                self.hash_line(raw, line, number)
            else:
                self.message_line(line, number, obsolete=False)
        self.finish()
        if self.count == 0:
            raise UnusualFileError  # Babel makes a header of the comments of such a file
        return self.found

    def hash_line(self, raw: str, line: str, number: int) -> None:
        marker = line[1:2]
        if marker == "-":
            raise UnusualFileError  # a conflict marker: Babel refuses the file
        if marker == "~" and not raw.startswith("#~|"):
            self.message_line(line[2:].lstrip(), number, obsolete=True)
            return
        self.finish()  # `#~|` is read as a `#|` comment
        if marker == ",":
            self.entry.flags.extend(flag.strip() for flag in line[2:].lstrip().split(","))
        else:
            self.entry.comments.append(line)

    def message_line(self, line: str, number: int, *, obsolete: bool) -> None:
        if not STRING_LINE.match(line):
            raise UnusualFileError  # `check_strings` refuses it, with its line
        if line[0] == '"':
            if self.entry.current is None:
                raise UnusualFileError
            self.entry.current.append(line)
            return
        keyword, _, argument = line.partition(" ")
        if keyword not in KEYWORDS:
            raise UnusualFileError  # plural entries, or a keyword Babel does not know
        if keyword != "msgstr":
            self.finish(after_context=keyword == "msgid")
        entry = self.entry
        if entry.obsolete is not None and entry.obsolete != obsolete:
            raise UnusualFileError
        entry.obsolete = obsolete
        self.keyword(entry, keyword, argument.strip(), number)

    @staticmethod
    def keyword(entry: _Pending, keyword: str, argument: str, number: int) -> None:
        if keyword == "msgctxt":
            if entry.context is not None or argument == '""':
                raise UnusualFileError  # Babel keys `msgctxt ""` apart from no msgctxt
            entry.context = entry.current = [argument]
        elif keyword == "msgid":
            entry.line = number
            entry.msgid = entry.current = [argument]
        else:
            if entry.msgid is None or entry.msgstr is not None:
                raise UnusualFileError
            entry.msgstr = entry.current = [argument]

    def finish(self, *, after_context: bool = False) -> None:
        """Babel's `_finish_current_message`: store the entry read so far, if any (a msgctxt
        waits for its msgid, and anything else in between is left to Babel)."""
        entry = self.entry
        if entry.msgid is None:
            if (entry.context is not None and not after_context) or entry.msgstr is not None:
                raise UnusualFileError
            return
        if entry.msgstr is None:
            raise UnusualFileError  # Babel: "missing msgstr for msgid …"
        self.store(entry)
        self.count += 1
        self.entry = _Pending()

    def store(self, entry: _Pending) -> None:
        msgid = text_of(entry.msgid or [])
        if msgid == "":
            self.header(entry)
            return
        if entry.obsolete:
            return
        key = (text_of(entry.context) if entry.context is not None else "", msgid)
        fuzzy = "fuzzy" in entry.flags
        first = self.found.get(key)
        if first is None:
            self.found[key] = PoEntry(text_of(entry.msgstr or []), fuzzy, entry.line + 1)
        elif fuzzy and not first.fuzzy:  # Babel merges the flags of a repeated entry
            self.found[key] = PoEntry(first.msgstr, True, first.line)

    def header(self, entry: _Pending) -> None:
        """The header entry: Babel reads its fields into the catalog (and may refuse them)."""
        if self.header_seen or self.count or entry.obsolete or entry.context is not None:
            raise UnusualFileError
        self.header_seen = True
        try:
            catalog = Catalog()
            catalog[""] = Message("", text_of(entry.msgstr or []), flags=entry.flags)
        except Exception:  # whatever Babel refuses, `parse_po` reports
            raise UnusualFileError from None


def text_of(pieces: list[str]) -> str:
    """Babel's `denormalize`: the quoted pieces unescaped and joined."""
    return "".join(piece[1:-1] if "\\" not in piece else unescape(piece) for piece in pieces)


def parse_entries(text: str) -> PoEntries:
    """The entries of a PO text: fast when the file allows it, else as `parse_po` reads it."""
    return read_po_entries(text) or entries_of(parse_po(text))
