"""The Markdown scans (generator/text/scan.py): the shortcuts give what the full scans give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.text.scan import (
    IMAGE,
    RAW_HTML,
    REF_LINK,
    LineIndex,
    find_images,
    find_raw_html,
    find_ref_links,
    scan_unsafe,
    strip_code,
    unsafe_markdown,
)

PIECES = [
    "\n", "<b>", "<!--", "</i>", "<https://e.org>", "![a](x.png)", "[a](b)", "[a](ref:x)", "[a]: http://x",
    "{: .c }", "{ #id }", "[x](ref:a/b)", "[`x`](ref:c)", "](ref:", "`<b>`", "```\n<b>\n```\n", "~~~\n{.c}\n~~~\n",
    "`", "~~~", "]", "[", "{", "}", "text ",
]  # fmt: skip
markdown_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=30).map("".join)


def eager_lines(text: str, position: int) -> int:
    """The line offset as the eager index computed it: the newlines before ``position``."""
    return text.count("\n", 0, position)


def full_strip_code(text: str) -> str:
    text = re.sub(r"(?ms)^(```|~~~).*?^\1", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), text)


@settings(deadline=None)
@given(markdown_text, st.integers(min_value=0, max_value=200))
def test_the_lazy_line_index_gives_the_eager_lines(text: str, position: int) -> None:
    assert LineIndex(text).line(position) == eager_lines(text, position)


def test_the_line_index_finds_no_newlines_until_asked() -> None:
    index = LineIndex("a\nb\nc")
    assert index._newlines is None
    assert [index.line(p) for p in (0, 1, 2, 3, 4, 5)] == [0, 0, 1, 1, 2, 2]
    assert index.newlines == [1, 3]


@settings(deadline=None)
@given(markdown_text)
def test_strip_code_without_code_markers_is_the_full_strip(text: str) -> None:
    assert strip_code(text) == full_strip_code(text)


@settings(deadline=None)
@given(markdown_text)
def test_the_shortcut_gives_the_full_scan(text: str) -> None:
    assert unsafe_markdown(text) == list(scan_unsafe.__wrapped__(text))
    code_free = full_strip_code(text)
    tags = [(m.group(0), eager_lines(text, m.start())) for m in RAW_HTML.finditer(code_free)]
    assert list(find_raw_html(text)) == tags
    assert list(find_images(text)) == [eager_lines(text, m.start()) for m in IMAGE.finditer(code_free)]


def test_a_text_without_markers_is_not_scanned() -> None:
    scan_unsafe.cache_clear()
    assert unsafe_markdown("Plain words: 10 % of 1,000 patients (see the list).\n- one\n") == []
    assert scan_unsafe.cache_info().misses == 0


def test_unsafe_markdown_gives_a_fresh_list_each_time() -> None:
    first = unsafe_markdown("<b>bold</b>")
    first.append(("x", "y", 0))
    assert unsafe_markdown("<b>bold</b>") == [("html", "raw HTML (<b>, </b>)", 0)]


@settings(deadline=None)
@given(markdown_text)
def test_ref_links_are_found_as_by_the_full_scan(text: str) -> None:
    found = [(link.ref, link.start, link.line_offset) for link in find_ref_links(text)]
    code_free = full_strip_code(text)
    assert found == [(m["ref"], m.start(), eager_lines(text, m.start())) for m in REF_LINK.finditer(code_free)]
