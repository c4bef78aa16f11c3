"""Where a link in a change package goes: an anchor inside the PDF, or the online page."""

from __future__ import annotations

import logging

from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.urls import edition_prefix, item_target, page_url, topic_page
from generator.model import ChangePackage

logger = logging.getLogger(__name__)

#: The package section that prints each kind of item.
SECTION_OF_KIND = {
    "primary-driver": "driver-diagram",
    "secondary-driver": "driver-diagram",
    "change-concept": "changes",
    "change-idea": "changes",
    "measure": "measures",
    "story": "stories",
}


def anchor_id(key: str) -> str:
    """The id of an item (`topic/item`) or a topic (`topic`) inside the print HTML."""
    return "ck-" + key.replace("/", "--")


class Linker:
    """Resolves keys and `ref:` targets to in-document anchors or online URLs."""

    def __init__(self, kb: KnowledgeBase, package: ChangePackage, lang: str, site_url: str | None) -> None:
        self.kb = kb
        self.package = package
        self.site = site_url + edition_prefix(kb, lang) if site_url else None

    def online(self, page: str, anchor: str | None = None) -> str | None:
        """The address of a generated page on the site, or None when the site URL is unknown."""
        if self.site is None:
            return None
        return self.site + page_url(page) + (f"#{anchor}" if anchor else "")

    def online_key(self, key: str) -> str | None:
        if "/" not in key:
            return self.online(topic_page(key))
        return self.online(*item_target(self.kb.item(key)))

    def in_pdf(self, key: str) -> bool:
        """Whether the item (or topic) is printed in this package."""
        topic, _, item = key.partition("/")
        if topic not in self.package.topics:
            return False
        if not item:
            return True
        return SECTION_OF_KIND[self.kb.item(key).kind] in self.package.sections

    def href(self, key: str) -> str | None:
        """Inside the PDF when printed there; else the online page; None when neither."""
        if self.in_pdf(key):
            return "#" + anchor_id(key)
        return self.online_key(key)

    def resolve(self, ref: str, from_topic: str | None) -> str | None:
        """The key a `ref:` target names (validated at load time), or None if it is stale."""
        topics = {t.id: t for t in self.kb.topics}
        if "/" in ref:
            topic, _, item = ref.partition("/")
            return ref if topic in topics and item in topics[topic].items else None
        if from_topic in topics and ref in topics[from_topic].items:
            return f"{from_topic}/{ref}"
        return ref if ref in topics else None

    def ref_href(self, ref: str, from_topic: str | None) -> str | None:
        key = self.resolve(ref, from_topic)
        return self.href(key) if key else None
