"""A PO file's translations read fast, exactly as Babel reads them, for the files Changekit writes.

`read_po_entries` matches each entry of the shape `format_po` writes with one regular expression
and gives what Babel's parser gives (the same keys, strings, fuzzy flags, merged repeats and
msgid lines) without building a Babel catalog. For anything else — plural entries, conflict
markers, a line Babel or `check_strings` would refuse, unusual line breaks — it gives None and
the caller reads the file with `parse_po`, which says exactly what is wrong and where.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import NamedTuple

from generator.editions.pofile import (
    PoFile,
    PoHeader,
    check_header,
    entries,
    key_of,
    msgstr,
    parse_header,
    parse_po,
    unescape,
)

Key = tuple[str, str]  # (msgctxt, msgid)
#: Line breaks other than "\n" (`str.splitlines` and Babel's reader would number lines differently)
#: and the isolate marks Babel's location comments check: the careful reader handles those files.
UNUSUAL = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\u2068", "\u2069")
#: A quoted string on one line, as `check_strings` accepts it (escapes included).
STRING = r'"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+"'
#: A comment line: `#`, `#.`, `#:`, `#,`, `#|` and `#~|` (read as `#|`), not `#~ ` nor a `#-` conflict.
COMMENT = r"(?:\#(?![~-])|\#~\|)[^\n]*+\n"
#: An active entry as `format_po` writes it: comments, msgctxt, msgid and msgstr with their
#: continuation lines, then blank lines.
ACTIVE = re.compile(
    rf"""(?P<comments>(?:{COMMENT})*)
    (?:msgctxt\ (?P<msgctxt>{STRING}(?:\n{STRING})*)\n)?
    msgid\ (?P<msgid>{STRING}(?:\n{STRING})*)\n
    msgstr\ (?P<msgstr>{STRING}(?:\n{STRING})*)
    (?:\n+|\Z)""",
    re.VERBOSE,
)
#: An obsolete entry (`#~ ` lines): checked as Babel reads it, not used.
OBSOLETE = re.compile(
    rf"""(?:{COMMENT})*
    (?:\#~\ msgctxt\ {STRING}(?:\n\#~\ {STRING})*\n)?
    \#~\ msgid\ {STRING}(?:\n\#~\ {STRING})*\n
    \#~\ msgstr\ {STRING}(?:\n\#~\ {STRING})*
    (?:\n+|\Z)""",
    re.VERBOSE,
)
TRAILER = re.compile(rf"(?:{COMMENT}|\n)*\Z")


class UnusualFileError(Exception):
    """The file is not of the simple shape: read it with Babel."""


class PoEntry(NamedTuple):
    """One active entry: its translation, whether it is fuzzy, the lines of its msgid and msgstr."""

    msgstr: str
    fuzzy: bool
    line: int
    msgstr_line: int


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
    lines = po.text.splitlines()
    for message in entries(po.catalog):
        line = message.lineno or 1
        found[key_of(message)] = PoEntry(msgstr(message), message.fuzzy, line, msgstr_line(lines, line))
    plural_lines = [message.lineno or 1 for message in po.catalog if message.id and not isinstance(message.id, str)]
    return PoEntries(po.header, found, plural_lines, po.text)


def read_po_entries(text: str) -> PoEntries | None:
    """The file's entries as Babel reads them, or None when the file needs Babel's reader.

    Raises PoReadError only for what `parse_po` would refuse after reading the entries (an
    invalid Plural-Forms header)."""
    if any(mark in text for mark in UNUSUAL):
        return None
    try:
        found, head = read_entries(text)
    except UnusualFileError:
        return None
    header = parse_header(text[:head])  # the first entry holds the whole header
    check_header(header, text)
    return PoEntries(header, found, [], text)


def read_entries(text: str) -> tuple[dict[Key, PoEntry], int]:
    """The active entries, entry by entry as Babel's parser reads them, and where the first entry
    ends; UnusualFileError when a stretch of the file is not an entry of the shape `format_po`
    writes (Babel then reads it)."""
    found: dict[Key, PoEntry] = {}
    count = head = 0
    position = len(text) - len(text.lstrip("\n"))
    line = position + 1  # the line at ``position``
    while position < len(text):
        match = ACTIVE.match(text, position)
        if match is None:
            match = OBSOLETE.match(text, position)
            if match is None:
                if TRAILER.match(text, position):
                    break  # comments after the last entry: Babel keeps them for an entry that never comes
                raise UnusualFileError
        else:
            msgid_line = line + text.count("\n", position, match.start("msgid"))
            store(found, match, (msgid_line, msgid_line + match["msgid"].count("\n") + 1), first=count == 0)
        count += 1
        head = head or match.end()
        line += text.count("\n", position, match.end())
        position = match.end()
    if count == 0:
        raise UnusualFileError  # Babel makes a header of the comments of such a file
    return found, head


def store(found: dict[Key, PoEntry], match: re.Match[str], lines: tuple[int, int], *, first: bool) -> None:
    """Babel's `_add_message` and `Catalog.__setitem__` for one active entry (``lines``: where its
    msgid and its msgstr start)."""
    msgid = string_of(match["msgid"])
    context = match["msgctxt"]
    if msgid == "":
        if not first or context is not None:
            raise UnusualFileError  # Babel reads any `msgid ""` as the header
        check_babel_header(string_of(match["msgstr"]), match["comments"])
        return
    if context == '""':
        raise UnusualFileError  # Babel keys `msgctxt ""` apart from no msgctxt
    key = (string_of(context) if context is not None else "", msgid)
    fuzzy = "#," in match["comments"] and "fuzzy" in flags_of(match["comments"])
    entry = found.get(key)
    if entry is None:
        found[key] = PoEntry(string_of(match["msgstr"]), fuzzy, *lines)
    elif fuzzy and not entry.fuzzy:  # Babel merges the flags of a repeated entry
        found[key] = entry._replace(fuzzy=True)


def flags_of(comments: str) -> list[str]:
    """The flags of an entry's `#,` lines, split as Babel splits them."""
    lines = [line.strip() for line in comments.split("\n") if line.startswith("#,")]
    return [flag.strip() for line in lines for flag in line[2:].lstrip().split(",")]


#: A header line Babel reads without a doubt: `Name: value`, no folding, no odd characters.
PLAIN_FIELD = re.compile(r"(?P<name>[A-Za-z][A-Za-z0-9-]*): (?P<value>[^\x00-\x1f\x7f]*)")
#: Header values Babel parses (and may refuse), in the shapes it always accepts.
PLAIN_VALUES = {
    "pot-creation-date": re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?:[+-]\d{4})?"),
    "po-revision-date": re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?:[+-]\d{4})?|[^\n]*YEAR[^\n]*"),
    "plural-forms": re.compile(r"nplurals=\d{1,3}; ?plural=[^;\"\\]*;?"),
    "language": re.compile(r"(?:[a-z]{2,3}(?:_[A-Z]{2})?)?"),
    "content-type": re.compile(r"text/plain; charset=[A-Za-z0-9-]+"),
}


def plain_header(msgstr: str) -> bool:
    """Whether Babel surely accepts this header as it is (as `translations update` writes it):
    then reading it into a Babel catalog, which loads the e-mail parser (15 ms), is not needed."""
    for line in msgstr.split("\n")[:-1] if msgstr.endswith("\n") else [None]:
        field = PLAIN_FIELD.fullmatch(line or "")
        if field is None:
            return False
        name, value = field["name"].lower(), field["value"]
        if name in PLAIN_VALUES and not PLAIN_VALUES[name].fullmatch(value):
            return False
        if name.endswith("-date") and "YEAR" not in value and not real_time(value[:16]):
            return False
    return True


def real_time(value: str) -> bool:
    try:
        dt.datetime.strptime(value, "%Y-%m-%d %H:%M")
    except ValueError:
        return False
    return True


def check_babel_header(msgstr: str, comments: str) -> None:
    """The header entry: Babel reads its fields into the catalog, and may refuse them."""
    if plain_header(msgstr):
        return
    from babel.messages.catalog import Catalog, Message

    try:
        catalog = Catalog()
        catalog[""] = Message("", msgstr, flags=flags_of(comments))
    except Exception:  # whatever Babel refuses, `parse_po` reports
        raise UnusualFileError from None


def text_of(pieces: list[str]) -> str:
    """Babel's `denormalize`: the quoted pieces unescaped and joined."""
    return "".join(piece[1:-1] if "\\" not in piece else unescape(piece) for piece in pieces)


def string_of(lines: str) -> str:
    """`text_of` the quoted lines of a msgid, msgstr or msgctxt (one string per line).

    Inside a string a quote is escaped, so each `"<newline>"` is a cut between two strings; and
    every backslash starts a two-character escape, so the joined text unescapes as its pieces do."""
    joined = lines[1:-1].replace('"\n"', "")
    return unescape(f'"{joined}"') if "\\" in joined else joined


def parse_entries(text: str) -> PoEntries:
    """The entries of a PO text: fast when the file allows it, else as `parse_po` reads it."""
    return read_po_entries(text) or entries_of(parse_po(text))


def msgstr_line(lines: list[str], msgid_line: int) -> int:
    """The 1-based line of the msgstr that follows the msgid at ``msgid_line``."""
    for index in range(max(msgid_line - 1, 0), len(lines)):
        if lines[index].startswith("msgstr"):
            return index + 1
    return msgid_line
