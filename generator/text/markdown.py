"""Markdown fields: resolve `ref:` links, adjust headings, and render to safe HTML (print)."""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
import nh3

from generator.text.scan import find_ref_links

#: As close as python-markdown gets to what the site renders (Material + superfences, footnotes).
EXTENSIONS = ["tables", "sane_lists", "def_list", "fenced_code", "footnotes"]
HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
FENCE = re.compile(r"^(```|~~~)")
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead",
    "tr", "ul",
}  # fmt: skip


def rewrite_refs(text: str, target: Callable[[str], str | None]) -> str:
    """Replace every `(ref:x)` link target (outside code) with the URL ``target(x)`` gives; where
    it gives None, the link becomes its plain text."""
    pieces, last = [], 0
    for link in find_ref_links(text):
        href = target(link.ref)
        pieces += [text[last : link.start], f"[{link.text}]({href})" if href else link.text]
        last = link.start + len(f"[{link.text}](ref:{link.ref})")
    return "".join(pieces) + text[last:]


def shift_headings(text: str, levels: int) -> str:
    """Demote headings written in a field so they sit below the page's own headings.
    Setext headings (`Title` over `===`) become ATX headings; code blocks are left alone."""
    lines, out, fence = text.split("\n"), [], ""
    for index, line in enumerate(lines):
        marker = FENCE.match(line.strip())
        if marker and (not fence or marker.group(1) == fence):
            fence = "" if fence else marker.group(1)
        if fence or marker:
            out.append(line)
        elif SETEXT.match(line) and out and out[-1].strip() and not lines[index - 1].startswith(("#", " ", "-", "*")):
            level = 1 if line.strip().startswith("=") else 2
            out[-1] = "#" * min(6, level + levels) + " " + out[-1].strip()
        else:
            out.append(HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + levels), line))
    return "\n".join(out)


def to_html(text: str) -> str:
    """Markdown → sanitized HTML (content may not carry raw HTML; translations neither)."""
    html = markdown.markdown(text, extensions=EXTENSIONS, output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}, "*": {"id", "class"}})


def inline_html(text: str) -> str:
    """A one-line Markdown text as inline HTML (no wrapping paragraph)."""
    html = to_html(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
