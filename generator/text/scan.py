"""Scanning Markdown text: `ref:` links, raw HTML, images, attribute lists and unsafe links (outside code)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: `[text](ref:item-id)` or `[text](ref:topic/item-id)`, optionally with `#anchor`-free title.
REF_LINK = re.compile(r"\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\(ref:(?P<ref>[^)\s]*)\)")
#: Raw HTML: a tag or comment. Autolinks (`<https://…>`) are Markdown, not HTML.
RAW_HTML = re.compile(
    r"<(?!(?:https?|mailto):)(?:[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9-]*\s*|!--)>?"
)


#: A Markdown image: the site and the PDFs would load it from wherever it points.
IMAGE = re.compile(r"!\[[^\]]*\]\(")


#: Where an inline link points: `](destination`.
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")
#: A reference-style link definition: `[label]: destination`.
LINK_DEFINITION = re.compile(r"(?m)^\s{0,3}\[[^\]]+\]:\s*<?(\S*)")
#: An attribute list (`{: .class }`, `{ #id }`, `{ onclick=… }`): the site would add attributes.
ATTRIBUTE_LIST = re.compile(r"\{:?\s*(?:[#.]|[A-Za-z-]+\s*=)[^}\n]*\}")
SAFE_TARGET = re.compile(r"^(https?://|mailto:|ref:)", re.IGNORECASE)


@dataclass(frozen=True)
class RefLink:
    """A `ref:` link found in a Markdown text."""

    text: str
    ref: str
    start: int
    line_offset: int  # lines before the link inside the text


def find_ref_links(text: str) -> Iterator[RefLink]:
    """The `ref:` links of a Markdown text, outside code (a link shown as code is just text)."""
    for match in REF_LINK.finditer(strip_code(text)):  # same offsets as ``text``, code blanked
        label = text[match.start("text") : match.end("text")]
        yield RefLink(label, match["ref"], match.start(), text.count("\n", 0, match.start()))


def find_raw_html(text: str) -> Iterator[tuple[str, int]]:
    """Raw HTML tags outside code spans and fenced code blocks, with their line offsets."""
    for match in RAW_HTML.finditer(strip_code(text)):
        yield match.group(0), text.count("\n", 0, match.start())


def find_images(text: str) -> Iterator[int]:
    """Line offsets of Markdown images outside code."""
    stripped = strip_code(text)
    for match in IMAGE.finditer(stripped):
        yield stripped.count("\n", 0, match.start())


def unsafe_markdown(text: str) -> list[tuple[str, str, int]]:
    """What Markdown must not carry, with line offsets: raw HTML, images, attribute lists, links
    to anything but http(s), mailto or `ref:`, and `ref:` links not written `[text](ref:id)`.

    Content and translations are untrusted alike: each of these could load something from
    another host, run script in the reader's browser or leave a dead link.
    """
    code_free = strip_code(text)
    tags = list(find_raw_html(text))
    names = ", ".join(dict.fromkeys(tag for tag, _ in tags))
    problems = [("html", f"raw HTML ({names})", tags[0][1])] if tags else []
    problems += [("image", "an image (the outputs load nothing from other hosts)", line) for line in find_images(text)]
    problems += [
        ("attributes", f"an attribute list ({m.group(0)})", code_free.count("\n", 0, m.start()))
        for m in ATTRIBUTE_LIST.finditer(code_free)
    ]
    without_refs = REF_LINK.sub(lambda m: " " * len(m.group(0)), code_free)
    for pattern in (LINK_TARGET, LINK_DEFINITION):
        for match in pattern.finditer(without_refs):
            target = match.group(1)
            if not SAFE_TARGET.match(target) or target.lower().startswith("ref:"):
                message = f"a link to '{target}' (write [text](https://…) or [text](ref:item-id))"
                problems.append(("link", message, code_free.count("\n", 0, match.start())))
    return problems


def strip_code(text: str) -> str:
    """Blank out code (fenced blocks and `spans`) keeping offsets, so tags there are fine."""
    text = re.sub(r"(?ms)^(```|~~~).*?^\1", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return re.sub(r"`[^`\n]*`", lambda m: " " * len(m.group(0)), text)
