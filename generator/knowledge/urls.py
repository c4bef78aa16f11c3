"""The URL contract: where every page lives (identical in every language) and links between them."""

from __future__ import annotations

import posixpath
import re
import unicodedata

from generator.knowledge.kb import Item, KnowledgeBase

HOME = "index.md"
ABOUT = "about.md"
PACKAGES = "change-packages/index.md"
IDEAS = "change-ideas/index.md"
TOPICS = "topics/index.md"


def topic_page(topic: str) -> str:
    return f"topics/{topic}/index.md"


def concept_page(topic: str, concept: str) -> str:
    return f"topics/{topic}/changes/{concept}.md"


def measure_page(topic: str, measure: str) -> str:
    return f"topics/{topic}/measures/{measure}.md"


def story_page(topic: str, story: str) -> str:
    return f"topics/{topic}/stories/{story}.md"


def facet_page(facet: str, value: str) -> str:
    """Browse change ideas by `setting`, `evidence`, `group` or `driver` (value `topic/driver`)."""
    return f"change-ideas/{facet}/{value.replace('/', '--')}.md"


def page_topic(path: str) -> str | None:
    """The topic a page belongs to: its own pages under `topics/<topic>/`, its driver facet pages
    (`change-ideas/driver/<topic>--<driver>.md`; an id never holds `--`); None for the others."""
    parts = path.split("/")
    if len(parts) >= 3 and parts[0] == "topics":
        return parts[1]
    if len(parts) == 3 and parts[:2] == ["change-ideas", "driver"] and "--" in parts[2]:
        return parts[2].split("--")[0]
    return None


def pdf_file(package: str) -> str:
    return f"change-packages/{package}.pdf"


def offline_folder(kb: KnowledgeBase) -> str:
    """The folder the offline edition unzips to: the collaborative's (source) title as a slug."""
    ascii_title = unicodedata.normalize("NFKD", kb.collaborative.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:48].rstrip("-")
    return f"{slug or 'changekit'}-offline"


def offline_zip(kb: KnowledgeBase, lang: str) -> str:
    """The offline edition of a language, from its edition's root (`downloads/<folder>-<lang>.zip`)."""
    return f"downloads/{offline_folder(kb)}-{lang}.zip"


def item_target(item: Item) -> tuple[str, str | None]:
    """The page and anchor that show an item."""
    if item.kind == "change-concept":
        return concept_page(item.topic, item.id), None
    if item.kind == "change-idea":
        assert item.concept is not None
        return concept_page(item.topic, item.concept), item.id
    if item.kind == "measure":
        return measure_page(item.topic, item.id), None
    if item.kind == "story":
        return story_page(item.topic, item.id), None
    return topic_page(item.topic), item.id  # drivers: anchors on the topic page


def key_target(kb: KnowledgeBase, key: str) -> tuple[str, str | None]:
    """Page and anchor of `topic/id`, or of a topic given by its id alone."""
    if "/" not in key:
        return topic_page(key), None
    return item_target(kb.item(key))


def relative_link(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link from one generated Markdown page to another, as MkDocs resolves and validates it."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    if to_page == from_page:
        target = ""
    return f"{target}#{anchor}" if anchor else target or "#"


def page_url(page: str) -> str:
    """The directory URL MkDocs gives a Markdown page: `topics/x/index.md` → `topics/x/`."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def edition_prefix(kb: KnowledgeBase, lang: str) -> str:
    """The source language at the root; each edition under `/<lang>/`."""
    return "" if lang == kb.source_language else f"{lang}/"
