"""The fast PO reader (generator/editions/poentries.py) reads what Babel reads, or leaves the file to Babel."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.editions.poentries import PoEntries, entries_of, parse_entries, read_po_entries
from generator.editions.pofile import PoHeader, PoReadError, format_po, new_message, parse_po

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CATALOGS = sorted((ROOT / "content" / "translations").rglob("*.po"))
HEADER = PoHeader(
    ["# A translation.", "# Kept in step by `changekit translations update`."],
    [
        ("Project-Id-Version", "site"),
        ("Language", "es"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
    ],
)

words = st.text(alphabet=st.sampled_from(list('ab \n"\\\t{}%(é—\u00a0*[]:#~')), max_size=90)
nonempty = words.filter(lambda text: text != "")
entry = st.tuples(
    st.sampled_from(["", "topic/a/title", "topic/b/description", 'c"x']),  # msgctxt ("" = none)
    st.one_of(nonempty, st.sampled_from(["Same text.", "Other"])),  # msgid (repeats merge)
    words,  # msgstr
    st.booleans(),  # fuzzy
    st.one_of(st.just(""), nonempty),  # previous msgid
    st.booleans(),  # obsolete
)


def po_text(found: list[tuple[str, str, str, bool, str, bool]]) -> str:
    """A catalog as `translations update` writes it, active entries and obsolete ones."""
    catalog = Catalog()
    for msgctxt, msgid, msgstr, fuzzy, previous, obsolete in found:
        message = new_message(
            msgctxt,
            msgid,
            msgstr,
            locations=[("content/topics/x/topic.yaml", 3)],
            flags=["fuzzy"] if fuzzy else [],
            auto_comments=["Markdown: keep the links."],
            previous_id=previous,
        )
        if obsolete:
            catalog.obsolete[(msgid, msgctxt) if msgctxt else msgid] = message
        else:
            catalog[msgid] = message
    return format_po(HEADER, catalog).decode("utf-8")


def babel_view(text: str) -> PoEntries | PoReadError:
    try:
        return entries_of(parse_po(text))
    except PoReadError as exc:
        return exc


def assert_same_as_babel(text: str) -> None:
    """The fast reader gives Babel's entries, or gives the file to Babel (never something else)."""
    expected = babel_view(text)
    try:
        fast = read_po_entries(text)
    except PoReadError as exc:  # only what parse_po refuses too, with the same words and line
        assert isinstance(expected, PoReadError)
        assert (str(exc), exc.line) == (str(expected), expected.line)
        return
    if fast is not None:
        assert not isinstance(expected, PoReadError), expected
        assert (fast.entries, fast.header, fast.plural_lines) == (expected.entries, expected.header, [])


@pytest.mark.parametrize("path", SAMPLE_CATALOGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_sample_catalogs_are_read_fast_and_as_babel_reads_them(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    fast = read_po_entries(text)
    assert fast is not None
    expected = entries_of(parse_po(text))
    assert (fast.entries, fast.header) == (expected.entries, expected.header)
    assert len(fast.entries) > 40


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entry, max_size=12))
def test_written_catalogs_are_read_fast_as_babel_reads_them(found: list[tuple[str, str, str, bool, str, bool]]) -> None:
    text = po_text(found)
    fast = read_po_entries(text)
    assert fast is not None, text
    expected = entries_of(parse_po(text))
    assert (fast.entries, fast.header, fast.plural_lines) == (expected.entries, expected.header, [])


EDITS = [
    "",
    "#, fuzzy",
    "# a comment",
    '#~ msgid "old"',
    '#~ msgstr "alt"',
    'msgid "x"',
    'msgstr "y"',
    'msgctxt "c"',
    'msgctxt ""',
    '"continued"',
    'msgid_plural "xs"',
    'msgstr[0] "y0"',
    'msgstr[1] "y1"',
    "#-#-#-#-# conflict",
    "msgstr unquoted",
    '"unterminated',
    '#~| msgid "prev"',
    '  #~| msgid "prev"',
    "#~ # note",
    "#: a.yaml:\u2068b\u2069:1",
    'msgid\t"tab"',
    '"Plural-Forms: nplurals=1; plural=n;\\n"',
    "\r",
    "\u2028",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(entry, min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(min_value=0, max_value=200), st.sampled_from(EDITS), st.booleans()), max_size=4),
)
def test_edited_catalogs_are_read_as_babel_reads_them_or_left_to_babel(
    found: list[tuple[str, str, str, bool, str, bool]], edits: list[tuple[int, str, bool]]
) -> None:
    """Hand edits (lines inserted or replaced, plural entries, conflicts, bad strings): the fast
    reader agrees with Babel or declines; Babel's diagnostics stay the ones reported."""
    lines = po_text(found).split("\n")
    for position, line, replace in edits:
        at = position % (len(lines) + 1)
        lines[at : at + int(replace)] = [line]
    assert_same_as_babel("\n".join(lines))


def test_a_plural_entry_is_left_to_babel_and_its_line_kept() -> None:
    text = po_text([("", "One", "Uno", False, "", False)])
    text += '\nmsgid "a file"\nmsgid_plural "files"\nmsgstr[0] "un"\nmsgstr[1] "varios"\n'
    assert read_po_entries(text) is None
    assert parse_entries(text).plural_lines == [text.split("\n").index('msgid "a file"') + 1]


def test_a_malformed_file_gets_babels_diagnostic() -> None:
    text = po_text([("", "One", "Uno", False, "", False)]) + 'msgid "Two"\n\nmsgid "Three"\nmsgstr "Tres"\n'
    assert read_po_entries(text) is None
    with pytest.raises(PoReadError) as caught:
        parse_entries(text)
    assert "missing msgstr for msgid 'Two'" in str(caught.value)


def test_an_invalid_plural_forms_header_is_refused_as_parse_po_refuses_it() -> None:
    text = po_text([("", "One", "Uno", False, "", False)]).replace("plural=(n != 1);", "plural=(n != 1) + 5;")
    with pytest.raises(PoReadError) as fast:
        read_po_entries(text)
    with pytest.raises(PoReadError) as slow:
        parse_po(text)
    assert (str(fast.value), fast.value.line) == (str(slow.value), slow.value.line)


def test_repeated_entries_keep_the_first_translation_and_any_fuzzy_flag() -> None:
    text = po_text([])
    text += '\nmsgid "Same"\nmsgstr "first"\n\n#, fuzzy\nmsgid "Same"\nmsgstr "second"\n'
    fast = read_po_entries(text)
    assert fast is not None
    assert fast.entries == entries_of(parse_po(text)).entries
    assert [(e.msgstr, e.fuzzy) for e in fast.entries.values()] == [("first", True)]


def test_an_obsolete_entry_before_the_header_is_left_to_babel() -> None:
    text = '#~ msgid "Old"\n#~ msgstr "Viejo"\n\n' + po_text([("", "One", "Uno", True, "", False)])
    assert read_po_entries(text) is None
    assert parse_entries(text).header.get("Language") == "es"


@pytest.mark.parametrize(
    "field",
    ["POT-Creation-Date: yesterday", "Plural-Forms: nplurals=two; plural=0;", "Language: e$"],
)
def test_a_header_babel_refuses_gets_babels_diagnostic(field: str) -> None:
    text = po_text([("", "One", "Uno", False, "", False)]).replace("Language: es", field)
    assert_same_as_babel(text)
    with pytest.raises(PoReadError) as caught:
        parse_entries(text)
    assert str(caught.value).startswith(("cannot parse the catalog", "the Plural-Forms header is invalid"))


NAMES = [
    "Project-Id-Version",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Language",
    "Plural-Forms",
    "Content-Type",
    "X-Generator",
]
VALUE = st.text(alphabet=st.sampled_from(list("0123456789-: +;=()?n!&%plural_sYEARtex/ABes")), max_size=40)
DATE = st.builds(
    "{:04d}-{:02d}-{:02d} {:02d}:{:02d}{}".format,
    st.integers(0, 9999),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 25),
    st.integers(0, 61),
    st.sampled_from(["", "+0000", "-0130", "+99"]),
)
FIELD_VALUE = st.one_of(
    VALUE,
    DATE,
    st.sampled_from(
        ["nplurals=2; plural=(n != 1);", "text/plain; charset=UTF-8", "es", "pt_BR", "YEAR-MO-DA HO:MI+ZONE"]
    ),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NAMES), FIELD_VALUE), max_size=6))
def test_a_header_read_as_plain_is_one_babel_accepts(fields: list[tuple[str, str]]) -> None:
    """Skipping Babel's reading of a plain header never accepts a header Babel refuses."""
    from generator.editions.poentries import UnusualFileError, check_babel_header, plain_header

    header = "".join(f"{name}: {value}\n" for name, value in fields)
    if plain_header(header):
        catalog = Catalog()
        catalog[""] = Message("", header)  # raises if Babel refuses it
    try:
        check_babel_header(header, "")
    except UnusualFileError:
        assert not plain_header(header)


def test_the_headers_translations_update_writes_are_plain() -> None:
    from generator.editions.poentries import plain_header

    for path in SAMPLE_CATALOGS:
        text = path.read_text(encoding="utf-8")
        assert plain_header(header_msgstr(text)), path


def header_msgstr(text: str) -> str:
    from generator.editions.poentries import string_of

    block = text.split('msgid ""\nmsgstr ', 1)[1].split("\n\n", 1)[0]
    return string_of(block)


def test_unescape_reads_every_escape_as_babel_does() -> None:
    """Every string of up to 5 characters made of backslashes, quotes and escape letters."""
    import itertools

    from babel.messages.pofile import unescape as babel_unescape

    from generator.editions.pofile import unescape

    for size in range(6):
        for letters in itertools.product('ab\\"ntrvfx', repeat=size):
            quoted = '"' + "".join(letters) + '"'
            assert unescape(quoted) == babel_unescape(quoted), quoted
