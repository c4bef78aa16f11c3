"""French typography for print HTML: non-breaking spaces before ; : ! ? %, and inside « »."""

from __future__ import annotations

import re
from html import escape, unescape

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside guillemets
NBSP = "\u00a0"  # no-break space: before the colon
TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9:-]*)")
LANG_ATTR = re.compile(r"""\slang\s*=\s*["']([^"']*)["']""")
URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)\S+", re.IGNORECASE)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
RAW = frozenset({"style", "script", "code", "pre", "kbd", "samp", "title"})
RULES = (
    (re.compile(r"[ \t\n]+([;!?])"), NNBSP + r"\1"),  # "Pourquoi ?" → narrow no-break space
    (re.compile(r"(?<=[\w»)\]])([;!?])"), NNBSP + r"\1"),  # "Pourquoi?" → insert one
    (re.compile(r"^([;!?])"), NNBSP + r"\1"),  # "<a>lien</a>; suite": after inline markup
    (re.compile(r"[ \t\n]+:"), NBSP + ":"),  # "Objectif :" → no-break space
    (re.compile(r"^:(?=\s)"), NBSP + ":"),
    (re.compile(r"(?<=\d)[ \t\n]+%"), NNBSP + "%"),  # "100 %"
    (re.compile(r"«[ \t\n\u00a0\u202f]*"), "«" + NNBSP),
    (re.compile(r"[ \t\n\u00a0\u202f]*»"), NNBSP + "»"),
)


def french_spacing(text: str) -> str:
    """Apply the French spacing rules to plain text, leaving URLs untouched."""
    parts = URL.split(text)
    urls = URL.findall(text)
    out: list[str] = []
    for index, part in enumerate(parts):
        for pattern, replacement in RULES:
            part = pattern.sub(replacement, part)
        out.append(part)
        if index < len(urls):
            out.append(urls[index])
    return "".join(out)


def french_html(html: str, default_lang: str = "fr") -> str:
    """Apply :func:`french_spacing` to the text nodes of ``html`` that are in French.

    Text in another language (English fallback passages carry ``lang="en"``), markup,
    attribute values (URLs), code and styles are left as they are.
    """
    stack: list[tuple[str, str, bool]] = []  # (tag, lang, raw)
    out: list[str] = []
    for token in TAG.split(html):
        if not token:
            continue
        if token.startswith("<"):
            _track(token, stack, default_lang)
            out.append(token)
            continue
        lang, raw = (stack[-1][1], stack[-1][2]) if stack else (default_lang, False)
        if lang.startswith("fr") and not raw:
            token = escape(french_spacing(unescape(token)), quote=False)  # rules see `&`, not `&amp;`
        out.append(token)
    return "".join(out)


def _track(token: str, stack: list[tuple[str, str, bool]], default_lang: str) -> None:
    match = TAG_NAME.match(token)
    if match is None:  # comment, doctype
        return
    closing, name = match.group(1) == "/", match.group(2).lower()
    if closing:
        while stack:
            if stack.pop()[0] == name:
                break
        return
    if name in VOID or token.rstrip(">").endswith("/"):
        return
    parent_lang, parent_raw = (stack[-1][1], stack[-1][2]) if stack else (default_lang, False)
    lang = LANG_ATTR.search(token)
    stack.append((name, lang.group(1) if lang else parent_lang, parent_raw or name in RAW))
