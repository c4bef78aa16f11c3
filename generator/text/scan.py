"""Scanning Markdown text: `ref:` links, raw HTML, images, attribute lists and unsafe links (outside code)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

#: `[text](ref:item-id)` or `[text](ref:topic/item-id)`, optionally with `#anchor`-free title.
REF_LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(ref:(?P<ref>[^)\s]*)\)")
#: What Markdown reads as an autolink (`<https://…>`, `<name@host>`): a link, not raw HTML.
AUTOLINK = r"(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>|[^<> !]+@[^@<> ]+>"
#: Raw HTML: a tag or comment, as Markdown reads one: `<https:x onfocus=…>` is a tag named
#: `https:x` (not an autolink), so only real autolinks are left out.
RAW_HTML = re.compile(rf"<(?!{AUTOLINK})(?:/?[A-Za-z][^<>@\s]*(?:\s[^<>]*)?/?|!--)>?")


#: A Markdown image: the site and the PDFs would load it from wherever it points.
IMAGE = re.compile(r"!\[[^\]]*\]\(")


#: Where an inline link points: `](destination`.
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
#: A reference-style link definition: `[label]: destination`.
LINK_DEFINITION = re.compile(r"(?m)^\s{0,3}\[[^\]]+\]:\s*<?(\S*)")
#: A brace group as attr_list reads one: `{: …}`, `{ #id }`, `{ .class }`, `{ x onclick=… }`.
#: The body excludes `{`, so a run of `{.{.{.` is scanned once, not once per brace.
BRACES = re.compile(r"\{(?P<colon>:?)[ \t]*(?P<body>[^{}\n]*)\}")
#: A token that makes a brace group an attribute list: `#id`, `.class` or `name=value`.
ATTRIBUTE_TOKEN = re.compile(r"(?:^|\s)(?:[#.][^\s}]|[^\s=}]+\s*=)")
SAFE_TARGET = re.compile(r"^(https?://|mailto:|ref:)", re.IGNORECASE)
#: At most this many problems of one kind are reported per text (a pasted blob could hold thousands).
MAX_REPORTED = 5


NEWLINE = re.compile("\n")


class LineIndex:
    """Line offsets of positions in a text, by binary search (a count per match would be quadratic).

    The newlines are found on the first question, so a text without matches costs nothing."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines: list[int] | None = None

    @property
    def newlines(self) -> list[int]:
        if self._newlines is None:
            self._newlines = [match.start() for match in NEWLINE.finditer(self.text)]
        return self._newlines

    def line(self, position: int) -> int:
        return bisect.bisect_left(self.newlines, position)


@dataclass(frozen=True)
class RefLink:
    """A `ref:` link found in a Markdown text."""

    text: str
    ref: str
    start: int
    line_offset: int  # lines before the link inside the text


def find_ref_links(text: str) -> Iterator[RefLink]:
    """The `ref:` links of a Markdown text, outside code (a link shown as code is just text)."""
    if "](ref:" not in text:
        return
    lines = LineIndex(text)
    for match in REF_LINK.finditer(strip_code(text)):  # same offsets as ``text``, code blanked
        label = text[match.start("text") : match.end("text")]
        yield RefLink(label, match["ref"], match.start(), lines.line(match.start()))


def find_raw_html(text: str) -> Iterator[tuple[str, int]]:
    """Raw HTML tags outside code spans and fenced code blocks, with their line offsets."""
    if "<" in text:
        yield from raw_html(strip_code(text), LineIndex(text))


def raw_html(code_free: str, lines: LineIndex) -> Iterator[tuple[str, int]]:
    for match in RAW_HTML.finditer(code_free):
        yield match.group(0), lines.line(match.start())


def find_images(text: str) -> Iterator[int]:
    """Line offsets of Markdown images outside code."""
    if "]" in text:
        yield from images(strip_code(text), LineIndex(text))


def images(code_free: str, lines: LineIndex) -> Iterator[int]:
    for match in IMAGE.finditer(code_free):
        yield lines.line(match.start())


def unsafe_markdown(text: str) -> list[tuple[str, str, int]]:
    """What Markdown must not carry, with line offsets: raw HTML, images, attribute lists, links
    to anything but http(s), mailto or `ref:`, and `ref:` links not written `[text](ref:id)`.

    Content and translations are untrusted alike: each of these could load something from
    another host, run script in the reader's browser or leave a dead link.
    """
    if "<" not in text and "]" not in text and "{" not in text:  # every pattern needs a tag, link or brace
        return []
    return list(scan_unsafe(text))


@lru_cache(maxsize=4096)
def scan_unsafe(text: str) -> tuple[tuple[str, str, int], ...]:
    """`unsafe_markdown`, remembered per text (a translation is checked and then shown)."""
    code_free, lines = strip_code(text), LineIndex(text)
    tags = list(raw_html(code_free, lines))
    names = ", ".join(list(dict.fromkeys(tag for tag, _ in tags))[:MAX_REPORTED])
    problems = [("html", f"raw HTML ({names})", tags[0][1])] if tags else []
    problems += [
        ("image", "an image (the outputs load nothing from other hosts)", line) for line in images(code_free, lines)
    ]
    problems += [
        ("attributes", f"an attribute list ({m.group(0)})", lines.line(m.start()))
        for m in find_attribute_lists(code_free)
    ]
    without_refs = REF_LINK.sub(lambda m: " " * len(m.group(0)), code_free)
    for pattern in (LINK_TARGET, LINK_DEFINITION):
        for match in pattern.finditer(without_refs):
            target = match.group(1)
            if not SAFE_TARGET.match(target) or target.lower().startswith("ref:"):
                message = f"a link to '{target}' (write [text](https://…) or [text](ref:item-id))"
                problems.append(("link", message, lines.line(match.start())))
    return tuple(first_of_each_kind(problems))


def first_of_each_kind(problems: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """At most MAX_REPORTED problems of each kind, in order."""
    seen: dict[str, int] = {}
    kept = []
    for problem in problems:
        seen[problem[0]] = seen.get(problem[0], 0) + 1
        if seen[problem[0]] <= MAX_REPORTED:
            kept.append(problem)
    return kept


def find_attribute_lists(text: str) -> Iterator[re.Match[str]]:
    """Brace groups the site would read as attribute lists (wherever a token sets an id, a class or
    an attribute, even after a bare word: `{ x onmouseover=… }`)."""
    for match in BRACES.finditer(text):
        if match["colon"] or ATTRIBUTE_TOKEN.search(match["body"]):
            yield match


def strip_code(text: str) -> str:
    """Blank out code (fenced blocks and `spans`) keeping offsets, so tags there are fine."""
    if "`" not in text and "~~~" not in text:
        return text
    text = re.sub(r"(?ms)^(```|~~~).*?^\1", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), text)
