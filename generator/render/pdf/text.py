"""Texts of one edition as print HTML: escaped, Markdown rendered, fallbacks visibly marked."""

from __future__ import annotations

import functools

from markupsafe import Markup, escape
from pydantic import BaseModel

from generator.editions.view import Edition, LocalText
from generator.render.pdf.links import Linker
from generator.text.markdown import rewrite_refs, shift_headings, to_html

#: Headings written inside Markdown fields sit below the idea headings (h4) of the package.
FIELD_HEADING_SHIFT = 4


@functools.lru_cache(maxsize=8192)
def markdown_html(text: str) -> str:
    """Markdown → sanitized HTML, remembered: the packages of a build share topics and texts."""
    return to_html(text)


class Printer:
    """Renders the fields of models in one edition; counts the fallbacks it prints."""

    def __init__(self, edition: Edition, linker: Linker) -> None:
        self.edition = edition
        self.linker = linker
        self.fallbacks = 0  # how many fallback texts it printed (a chapter's legend, the imprint)

    def local(self, model: BaseModel, name: str) -> LocalText | None:
        text = self.edition.text(model, name)
        return text

    def plain(self, model: BaseModel, name: str) -> str:
        """The text without markup, for attributes, bookmarks and drawings."""
        return str(self.local(model, name) or "")

    def text(self, model: BaseModel, name: str) -> Markup:
        """A plain-text field as inline HTML."""
        text = self.local(model, name)
        return Markup("") if text is None else self.inline(text)

    def texts(self, model: BaseModel, name: str) -> list[Markup]:
        """A list-of-text field (typical failures), each as inline HTML."""
        texts = self.edition.texts(model, name)
        return [self.inline(text) for text in texts]

    def markdown(self, model: BaseModel, name: str, topic: str | None) -> Markup:
        """A Markdown field as block HTML; `ref:` links go to anchors or online pages."""
        text = self.local(model, name)
        if text is None:
            return Markup("")
        html = Markup(markdown_html(shift_headings(self.resolve_refs(str(text), topic), FIELD_HEADING_SHIFT)))
        if not text.fallback:
            return html
        return Markup("<div {}>{}</div>").format(self.mark(text), html)

    def inline(self, text: LocalText) -> Markup:
        if not text.fallback:
            return escape(text)
        return Markup("<span {}>{}</span>").format(self.mark(text), text)

    def mark(self, text: LocalText) -> Markup:
        """Attributes of a text shown in the source language: its language, and the marker the
        stylesheet prints after it (generated content, so running headers and bookmarks,
        which copy the text of headings, do not repeat the marker)."""
        self.fallbacks += 1
        return Markup('class="ck-fallback ck-{}" lang="{}" data-mark="{}"').format(
            text.status, text.lang, text.lang.upper()
        )

    def resolve_refs(self, text: str, topic: str | None) -> str:
        """`[text](ref:x)` → a link to the anchor or online page; plain text when neither exists."""

        return rewrite_refs(text, lambda ref: self.linker.ref_href(ref, topic))
