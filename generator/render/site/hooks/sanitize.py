"""MkDocs hook: every page's content goes through the output sanitizer before the theme wraps it."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from generator.text.sanitize import clean_html


@event_priority(-100)  # last: whatever Markdown and the other hooks made of the page is cleaned
def on_page_content(html: str, **kwargs: Any) -> str:
    return clean_html(html)
