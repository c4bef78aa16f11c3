"""Small Markdown/HTML helpers for generated pages: escaping user text and marking fallback text."""

from __future__ import annotations

import html
import posixpath
import re

from generator.knowledge.urls import page_url

_BACKSLASHED = re.compile(r"([\\`*_\[\]{}|])")
_SPACES = re.compile(r"\s+")


def md_inline(text: str) -> str:
    """Plain user text placed inside Markdown: no emphasis, links, tables or raw HTML by accident."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BACKSLASHED.sub(r"\\\1", _SPACES.sub(" ", text).strip())


def html_attr(text: str) -> str:
    """User text placed inside a double-quoted HTML attribute."""
    return html.escape(_SPACES.sub(" ", str(text)).strip(), quote=True)


def fallback_span(markdown: str, lang: str, note: str) -> str:
    """Inline text shown in the source language, marked for readers and screen readers."""
    return f'<span class="ck-fallback" lang="{html_attr(lang)}" title="{html_attr(note)}">{markdown}</span>'


def fallback_block(markdown: str, lang: str, note: str) -> str:
    """Block Markdown shown in the source language (md_in_html keeps it Markdown)."""
    return (
        f'<div class="ck-fallback" lang="{html_attr(lang)}" title="{html_attr(note)}" markdown>\n\n'
        f"{markdown.strip()}\n\n</div>"
    )


def site_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link between built pages (directory URLs), for raw HTML, which MkDocs does not rewrite.

    Both paths are relative to the same root; prefix them with the edition (`es/…`) to link across
    languages.
    """
    here, there = page_url(from_page), page_url(to_page)
    target = ""
    if here != there:
        relative = posixpath.relpath(there or ".", here or ".")
        target = "./" if relative == "." else relative + "/"
    return f"{target}#{anchor}" if anchor else target or "./"


def file_link(from_page: str, to_file: str) -> str:
    """A link from a built page to a plain file such as a PDF (paths as in `site_link`)."""
    return posixpath.relpath(to_file, page_url(from_page) or ".")
