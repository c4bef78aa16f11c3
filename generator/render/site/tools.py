"""What a page template can call: localized text, Markdown fields and links, relative to one page."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from generator.editions.labels import Labels
from generator.editions.view import Edition, LocalText
from generator.knowledge.kb import Item, KnowledgeBase, TopicEntry, qualified
from generator.knowledge.refs import Resolver
from generator.knowledge.urls import (
    edition_prefix,
    facet_page,
    item_target,
    key_target,
    offline_zip,
    pdf_file,
    relative_link,
    topic_page,
)
from generator.model import ChangeConcept, ChangePackage, Measure, PrimaryDriver, SecondaryDriver
from generator.render.downloads import Download, Downloads
from generator.render.site.facets import Facets, IdeaRef
from generator.render.site.markup import fallback_block, fallback_span, file_link, html_attr, md_inline, site_link
from generator.text.markdown import rewrite_refs, shift_headings


class PageTools:
    """Helpers bound to one edition and one page; templates call them as `ck.…`."""

    def __init__(
        self,
        edition: Edition,
        page: str,
        facets: Facets,
        topic: TopicEntry | None = None,
        downloads: Downloads | None = None,
    ) -> None:
        self.edition = edition
        self.downloads = downloads  # None: not known which PDFs the site holds
        self.kb: KnowledgeBase = edition.kb
        self.page = page
        self.facets = facets
        self.topic = topic
        self.resolver = Resolver({t.id: t for t in self.kb.topics})
        self.labels: Labels = edition.labels

    # Text -------------------------------------------------------------------------------
    def plain(self, model: BaseModel, field: str) -> str:
        """A field as plain text (front matter, navigation, attributes): never marked."""
        return str(self.edition.text(model, field) or "")

    def text(self, model: BaseModel, field: str) -> str:
        """A plain-text field inside Markdown, marked when shown in the source language."""
        value = self.edition.text(model, field)
        return "" if value is None else self.inline(value)

    def texts(self, model: BaseModel, field: str) -> list[str]:
        return [self.inline(value) for value in self.edition.texts(model, field)]

    def inline(self, value: LocalText) -> str:
        escaped = md_inline(value)
        return fallback_span(escaped, value.lang, self.fallback_note(value)) if value.fallback else escaped

    def markdown(self, model: BaseModel, field: str, level: int = 1) -> str:
        """A Markdown field: `ref:` links resolved, headings below ``level``, marked when a fallback."""
        value = self.edition.text(model, field)
        if value is None:
            return ""
        text = shift_headings(rewrite_refs(str(value), self.ref_link), level).strip()
        return fallback_block(text, value.lang, self.fallback_note(value)) if value.fallback else text

    def fallback_note(self, value: LocalText) -> str:
        source = self.language_name(value.lang)
        if value.status == "outdated":
            return self.edition.gettext("The translation is out of date; shown in %(language)s.") % {"language": source}
        return self.edition.gettext("Not translated yet; shown in %(language)s.") % {"language": source}

    def language_name(self, lang: str) -> str:
        """The name of ``lang`` as used inside a sentence of this edition ("inglés")."""
        return self.labels.language_in(lang)

    def label(self, value: str) -> str:
        """A value of one of the model's enumerations (measure type, evidence, group…), localized."""
        return self.labels.enum(value)

    def setting(self, slug: str) -> str:
        return self.labels.setting(slug)

    def number(self, value: float, digits: int = 1) -> str:
        return self.labels.number(value, digits)

    def score(self, value: float) -> str:
        """An assessment score, always with one decimal (3.0, 3.5)."""
        return self.labels.score(value)

    @staticmethod
    def esc(text: str) -> str:
        """A language-neutral string (a name, a place) inside Markdown."""
        return md_inline(text)

    def gettext(self, message: str) -> str:
        return self.edition.gettext(message)

    def unit(self, measure: Measure) -> str:
        """`Percent`, or `Rate per 1,000` for rates with a base."""
        return self.labels.unit(measure)

    def verdict(self, verdict: str) -> str:
        return self.labels.verdict(verdict)

    def facet_title(self, facet: str) -> str:
        return self.labels.facet(facet)

    def facet_value_title(self, facet: str, value: str) -> str:
        """A facet page's heading: the driver's title (marked if a fallback) or the value's label."""
        if facet == "driver":
            topic_id, driver_id = value.split("/")
            return self.text(self.kb.topic(topic_id).items[driver_id].model, "title")
        return md_inline(self.label(value))

    # Structure --------------------------------------------------------------------------
    def driver_tree(self, entry: TopicEntry) -> list[tuple[PrimaryDriver, list[tuple[SecondaryDriver, bool]]]]:
        """Each primary driver with its secondary drivers; True where a secondary is first shown."""
        shown: set[str] = set()
        tree = []
        for primary in entry.topic.primary_drivers:
            children = []
            for secondary in entry.topic.secondary_drivers:
                if primary.id in secondary.primary:
                    children.append((secondary, secondary.id not in shown))
                    shown.add(secondary.id)
            tree.append((primary, children))
        return tree

    def concepts_of(self, driver_id: str) -> list[str]:
        assert self.topic is not None
        return list(self.kb.links.concepts_of.get(f"{self.topic.id}/{driver_id}", []))

    def idea_keys(self, concept: ChangeConcept) -> list[str]:
        assert self.topic is not None
        return [f"{self.topic.id}/{idea.id}" for idea in concept.change_ideas]

    def by_topic(self, ideas: list[IdeaRef]) -> list[tuple[str, list[IdeaRef]]]:
        """Ideas grouped by topic, in the knowledge base's order."""
        groups: dict[str, list[IdeaRef]] = {}
        for ref in ideas:
            groups.setdefault(ref.entry.id, []).append(ref)
        return list(groups.items())

    def has_facet(self, facet: str, value: str) -> bool:
        return value in self.facets.get(facet, {})

    def package_languages(self, package: ChangePackage, built: list[str]) -> list[str]:
        """The languages a package is printed in, among those built now (source first)."""
        return [lang for lang in built if lang in self.kb.package_languages(package)]

    # Links ------------------------------------------------------------------------------
    def href(self, page: str, anchor: str | None = None) -> str:
        """A Markdown link target to another generated page (MkDocs checks and rewrites it)."""
        return relative_link(self.page, page, anchor)

    def key_href(self, key: str) -> str:
        return self.href(*key_target(self.kb, key))

    def link(self, key: str) -> str:
        """`[title](page.md#anchor)` for an item key (`topic/id`) or a topic id."""
        if "/" not in key:
            entry = self.kb.topic(key)
            return f"[{self.text(entry.topic, 'title')}]({self.href(topic_page(key))})"
        item = self.kb.item(key)
        return f"[{self.text(item.model, 'title')}]({self.href(*item_target(item))})"

    def links(self, keys: Iterable[str], separator: str = ", ") -> str:
        return separator.join(self.link(key) for key in keys)

    def item_key(self, ref: str) -> str:
        """`id` or `topic/id` as written in the current topic → `topic/id`."""
        return ref if self.topic is None else qualified(self.topic.id, ref)

    def ref_link(self, ref: str) -> str:
        """Where a `ref:` link in a Markdown field goes, from this page."""
        found = self.resolver.resolve_link(ref, self.topic.id if self.topic else None)
        if found is None or isinstance(found, str):  # validated before rendering: cannot happen
            raise ValueError(f"unresolved reference {ref!r}: {found}")
        if isinstance(found, Item):
            return self.href(*item_target(found))
        return self.href(topic_page(found.id))

    def facet_link(self, facet: str, value: str) -> str:
        """A link to the page listing the change ideas with this facet value."""
        if facet == "driver":
            topic_id, driver_id = value.split("/")
            driver = self.kb.topic(topic_id).items[driver_id].model
            label = self.text(driver, "title")
        else:
            label = md_inline(self.label(value))
        if not self.has_facet(facet, value):
            return label  # no idea carries it (a story's setting): plain text, never a broken link
        return f"[{label}]({self.href(facet_page(facet, value))}){{ .ck-chip }}"

    def diagram_href(self, key: str) -> str | None:
        """The URL (not .md: the SVG is raw HTML) of a driver or concept shown in the driver diagram."""
        page, anchor = key_target(self.kb, key)
        return site_link(self.page, page, anchor)

    def source_page_href(self) -> str:
        """This page in the source language, from this edition's page (raw HTML link)."""
        prefix = edition_prefix(self.kb, self.edition.lang)
        return site_link(prefix + self.page, self.page)

    def pdf_links(self, package_id: str, languages: list[str]) -> str:
        """Raw HTML links to a package's PDF in each language edition (PDFs are not MkDocs pages),
        each with the PDF's size and page count when the build knows them. A PDF the site does not
        hold (a first build with `--no-pdf`) is named, not linked: never a dead link."""
        here = edition_prefix(self.kb, self.edition.lang) + self.page
        links = []
        for lang in languages:
            target = file_link(here, edition_prefix(self.kb, lang) + pdf_file(package_id))
            download = None if self.downloads is None else self.downloads.get((package_id, lang))
            label = " · ".join(["PDF", self.labels.language(lang), *self.download_facts(download)])
            if self.downloads is not None and download is None:
                absent = self.edition.gettext("not available yet")
                links.append(f'<span class="ck-pdf ck-pdf--absent">{html_attr(label)} · {html_attr(absent)}</span>')
                continue
            links.append(
                f'<a class="ck-pdf" href="{html_attr(target)}" hreflang="{lang}" type="application/pdf">'
                f"{html_attr(label)}</a>"
            )
        return " ".join(links)

    def download_facts(self, download: Download | None) -> list[str]:
        """`1.2 MB`, `57 pages`: what a reader wants to know before downloading a PDF."""
        if download is None:
            return []
        pages = [] if download.pages is None else [self.labels.page_count(download.pages)]
        return [self.labels.file_size(download.size), *pages]

    def offline_link(self) -> str:
        """A raw HTML link to this edition's offline zip (a plain file, not a MkDocs page)."""
        here = edition_prefix(self.kb, self.edition.lang) + self.page
        prefix = edition_prefix(self.kb, self.edition.lang)
        target = file_link(here, prefix + offline_zip(self.kb, self.edition.lang))
        label = self.edition.gettext("Download the offline edition")
        name = self.labels.language(self.edition.lang)
        return (
            f'<a class="ck-download" href="{html_attr(target)}" hreflang="{self.edition.lang}" type="application/zip"'
            f" download>{html_attr(label)} · ZIP · {html_attr(name)}</a>"
        )

    @staticmethod
    def url(address: str) -> str:
        """A web address inside Markdown link syntax: parentheses percent-encoded."""
        return address.replace("(", "%28").replace(")", "%29")

    @staticmethod
    def attr(text: str) -> str:
        return html_attr(text)
