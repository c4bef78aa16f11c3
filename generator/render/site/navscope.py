"""Navigation scoped to where the reader is: of the groups made one per topic, a page carries its own topic's.

Two sections of the navigation hold one group per topic: Topics (each topic's page, concepts,
measures and stories) and the driver facet under the change ideas. With every group on every
page, a page's size grows with the number of topics even when Material prunes the groups to one
link each. In such a section a page keeps only the group it is in; the topics overview
(`topics/index.md`, the section's own page) keeps them all, and so does any page of the section
itself. The overview pages list every topic and driver, so every page stays reachable.

A section with no group left (the driver facet, seen from a page outside it) keeps its first
group, so that Material's pruned link still leads to a page.
"""

from __future__ import annotations

import copy
from typing import Any

from mkdocs.structure.nav import Navigation, Section

from generator.knowledge.urls import page_topic


class ScopedNavigation:
    """A build's navigation, and each page's scoped copy of it (sections copied, pages shared)."""

    def __init__(self, nav: Navigation) -> None:
        self.nav = nav
        self.topics: dict[int, str | None] = {}
        for item in nav.items:
            self.topic(item)
        #: Each section as seen from a page outside it: the same for every such page, made once.
        self.idle: dict[int, Section] = {}
        for item in nav.items:
            self.idle_copy(item)

    def topic(self, item: Any) -> str | None:
        """The one topic all pages of ``item`` belong to (None for a page of no topic, a link, or a
        section mixing topics); computed for every section below it too."""
        if isinstance(item, Section):
            topics = {self.topic(child) for child in item.children}
            found = topics.pop() if len(topics) == 1 else None
            self.topics[id(item)] = found
            return found
        file = getattr(item, "file", None)
        return page_topic(file.src_uri) if file is not None else None

    def is_group(self, item: Any) -> bool:
        return isinstance(item, Section) and self.topics.get(id(item)) is not None

    def per_topic(self, section: Section) -> bool:
        """A section made of groups one per topic (two or more of them, for different topics)."""
        return len({self.topics[id(child)] for child in section.children if self.is_group(child)}) >= 2

    def kept(self, section: Section, page: Any) -> list[Any]:
        """The children of ``section`` a page carries."""
        children = section.children
        if not self.per_topic(section) or page in children:
            return list(children)
        kept = [child for child in children if not self.is_group(child) or getattr(child, "active", False)]
        return kept or children[:1]

    def idle_copy(self, item: Any) -> Any:
        """``item`` as a page outside it shows it (made for every section, kept or not)."""
        if not isinstance(item, Section):
            return item
        copies = {id(child): self.idle_copy(child) for child in item.children}
        section = copy.copy(item)
        section.children = [copies[id(child)] for child in self.kept(item, None)]
        self.idle[id(item)] = section
        return section

    def scoped(self, item: Any, page: Any) -> Any:
        """``item`` as ``page`` shows it: active sections copied with their kept children."""
        if not isinstance(item, Section):
            return item
        if not item.active:
            return self.idle[id(item)]
        section = copy.copy(item)
        section.children = [self.scoped(child, page) for child in self.kept(item, page)]
        return section

    def for_page(self, page: Any) -> Navigation:
        nav = copy.copy(self.nav)
        nav.items = [self.scoped(item, page) for item in self.nav.items]
        return nav
