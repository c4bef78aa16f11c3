"""Built pages without the theme's indentation: each run of whitespace between words and tags kept as one character.

A browser shows a run of HTML whitespace (space, tab, newline) as one space wherever the CSS
`white-space` is `normal` or `nowrap`, so keeping one character of each run renders the same page.
Left exactly as they are: the elements whose whitespace counts (`pre`, `textarea`, `code` and
`kbd`, which Material styles `pre-wrap`, `script`, `style`), comments, and the insides of tags
(attribute values keep their line breaks). A page that mentions `white-space` or `xml:space`
anywhere (a style attribute, an inline stylesheet, SVG) is left whole, and so is every page when a
stylesheet of the site other than Material's makes whitespace significant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

#: Elements whose text is kept byte for byte.
VERBATIM = ("pre", "textarea", "code", "kbd", "script", "style")
#: What is kept as it is: a comment, a verbatim element with its content, or a tag (quoted
#: attribute values may hold `>`). One group, so that `split` alternates text and kept markup.
KEPT = re.compile(
    "(<!--.*?-->"
    + "".join(rf"|<{name}\b[^>]*>.*?</{name}\s*>" for name in VERBATIM)
    + r"""|</?[A-Za-z!][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>)""",
    re.DOTALL | re.IGNORECASE,
)
#: Joins the text pieces for one pass (not whitespace, so no run crosses it; never in an HTML page).
SEPARATOR = "\x00"
#: HTML's whitespace other than space and line feed (Python's `\s` would also fold no-break spaces).
OTHER_WHITESPACE = re.compile(r"[\t\r\f]")
#: A line break and the whitespace after it; spaces before a line break; two or more spaces.
AFTER_BREAK = re.compile(r"\n[ \n]*")
BEFORE_BREAK = re.compile(r" +\n")
SPACES = re.compile(r"  +")
#: CSS that keeps whitespace (`pre`, `pre-wrap`, `pre-line`, `break-spaces`).
SIGNIFICANT = re.compile(r"white-space\s*:\s*(?:pre|break-spaces)", re.IGNORECASE)


def compact_html(html: str) -> str:
    """``html`` with its whitespace runs cut to one character outside tags and verbatim elements."""
    lowered = html.lower()
    if "white-space" in lowered or "xml:space" in lowered:
        return html
    pieces = KEPT.split(html)  # text, kept, text, …, text
    if SEPARATOR in html:
        pieces[::2] = [one_space(text) for text in pieces[::2]]
    else:  # one pass over all the text at once: much faster than a pass per piece
        pieces[::2] = one_space(SEPARATOR.join(pieces[::2])).split(SEPARATOR)
    return "".join(pieces)


def one_space(text: str) -> str:
    """Each whitespace run as one character: a line break where the run had one (the file stays
    readable line by line), else a space."""
    if "\t" in text or "\r" in text or "\f" in text:
        text = OTHER_WHITESPACE.sub(" ", text)
    return SPACES.sub(" ", BEFORE_BREAK.sub("\n", AFTER_BREAK.sub("\n", text)))


def keeps_whitespace(stylesheets: Iterable[Path]) -> bool:
    """Whether one of these stylesheets (the organizer's `extra_css`) makes whitespace significant
    on some element: the pages are then left as the theme wrote them."""
    return any(path.is_file() and SIGNIFICANT.search(path.read_text("utf-8", "replace")) for path in stylesheets)
