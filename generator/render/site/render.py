"""Render stage: one edition → the site's pages as Markdown (path, title, text), deterministically."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from generator.editions.timeline import timeline_rows
from generator.editions.view import Edition, LocalText
from generator.knowledge import urls
from generator.knowledge.kb import KnowledgeBase, TopicEntry
from generator.render import drawings, results
from generator.render.downloads import Downloads
from generator.render.site.facets import FACETS, Facets, collect_facets
from generator.render.site.markup import site_link
from generator.render.site.tools import PageTools
from generator.text.markdown import inline_html

logger = logging.getLogger(__name__)

TAG = re.compile(r"<[^>]+>")
TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Page:
    """One generated Markdown page."""

    path: str  # relative to the edition's docs folder, as in generator.knowledge.urls
    title: str  # plain text, for navigation
    markdown: str


def make_environment(edition: Edition) -> jinja2.Environment:
    """Jinja for Markdown: no autoescaping (user text is escaped by PageTools), strict undefined."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )  # Markdown ids are written `{ #id }`: `{#` would open a Jinja comment
    env.install_gettext_callables(edition.gettext, edition.ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


class SiteRenderer:
    """Renders every page of one edition; `languages` are the editions built alongside (PDF links)."""

    def __init__(self, edition: Edition, languages: list[str], downloads: Downloads | None) -> None:
        self.edition = edition
        self.downloads = downloads
        self.kb: KnowledgeBase = edition.kb
        self.languages = languages
        self.env = make_environment(edition)
        self.facets: Facets = collect_facets(self.kb)

    def pages(self) -> list[Page]:
        return sorted(self._pages(), key=lambda page: page.path)

    def _pages(self) -> Iterator[Page]:
        kb = self.kb
        yield self.render("home.md.j2", urls.HOME, kb.collaborative, completeness=self.completeness())
        yield self.render("about.md.j2", urls.ABOUT, None, timeline=timeline_rows(self.edition))
        yield self.render("topics.md.j2", urls.TOPICS, None)
        for entry in kb.topics:
            yield from self.topic_pages(entry)
        yield self.render("packages.md.j2", urls.PACKAGES, None)
        yield self.render("ideas.md.j2", urls.IDEAS, None, facets=self.facets, facet_names=FACETS)
        for facet, values in self.facets.items():
            for value, ideas in values.items():
                yield self.render(
                    "facet.md.j2", urls.facet_page(facet, value), None, facet=facet, value=value, ideas=ideas
                )

    def topic_pages(self, entry: TopicEntry) -> Iterator[Page]:
        t = entry.id
        yield self.render("topic.md.j2", urls.topic_page(t), entry.topic, entry)
        for concept in entry.concepts:
            yield self.render("concept.md.j2", urls.concept_page(t, concept.id), concept, entry, concept=concept)
        for measure in entry.measures:
            measured = results.measure_results(self.kb, f"{t}/{measure.id}")
            yield self.render(
                "measure.md.j2", urls.measure_page(t, measure.id), measure, entry, measure=measure, results=measured
            )
        for story in entry.stories:
            yield self.render("story.md.j2", urls.story_page(t, story.id), story, entry, story=story)

    def render(self, template: str, path: str, subject: Any, entry: TopicEntry | None = None, **context: Any) -> Page:
        """Render one page; prepend front matter and, when it shows fallback text, a notice."""
        tools = PageTools(self.edition, path, self.facets, entry, self.downloads)
        with self.edition.track() as used:
            body = self.env.get_template(template).render(
                ck=tools, kb=self.kb, entry=entry, views=drawings, across=results, languages=self.languages, **context
            )
            title = self.page_title(template, subject, tools, context)
            description = summary_text(tools.plain(subject, "summary")) if has_summary(subject) else ""
        if any(text.fallback for text in used):
            body = insert_after_title(body, self.fallback_notice(tools, used))
        # The topic page's driver diagram needs the width the table of contents would take.
        hide = ["toc"] if template == "topic.md.j2" else []
        return Page(path, title, front_matter(title, description, hide, self.alternates(path)) + body)

    def alternates(self, path: str) -> list[dict[str, str]]:
        """This page in every edition built alongside (the language selector and `hreflang` links)."""
        if len(self.languages) < 2:
            return []
        here = urls.edition_prefix(self.kb, self.edition.lang) + path
        there = [(lang, urls.edition_prefix(self.kb, lang) + path) for lang in self.languages]
        return [alternate(here, page, lang, self.edition.labels.language(lang)) for lang, page in there]

    def page_title(self, template: str, subject: Any, tools: PageTools, context: dict[str, Any]) -> str:
        if subject is not None:
            return tools.plain(subject, "title")
        if template == "facet.md.j2":
            facet, value = context["facet"], context["value"]
            if facet == "driver":
                topic_id, driver_id = value.split("/")
                return tools.plain(self.kb.topic(topic_id).items[driver_id].model, "title")
            return tools.label(value)
        titles = {
            "about.md.j2": self.edition.gettext("About the collaborative"),
            "topics.md.j2": self.edition.gettext("Topics"),
            "packages.md.j2": self.edition.gettext("Change packages"),
            "ideas.md.j2": self.edition.gettext("Browse change ideas"),
        }
        return titles[template]

    def fallback_notice(self, tools: PageTools, used: list[LocalText]) -> str:
        source = self.kb.source_language
        template = self.env.get_template("fallback-notice.md.j2")
        outdated = any(text.status == "outdated" for text in used)
        return template.render(ck=tools, source=source, href=tools.source_page_href(), outdated=outdated)

    def completeness(self) -> str | None:
        """The edition home's note on how much is translated (None in the source language)."""
        if self.edition.is_source:
            return None
        return self.edition.labels.completeness(self.edition.completeness())


def has_summary(subject: Any) -> bool:
    return subject is not None and "summary" in type(subject).model_fields


def summary_text(markdown: str) -> str:
    """The first paragraph of a summary as plain text, for `<meta name="description">`."""
    first = markdown.strip().split("\n\n", 1)[0]
    return html.unescape(TAG.sub("", inline_html(first))) if first else ""


def alternate(here: str, there: str, lang: str, name: str) -> dict[str, str]:
    """One language's version of a page: `href` relative to this page, `path` from the site root."""
    return {"lang": lang, "name": name, "href": site_link(here, there), "path": urls.page_url(there)}


def front_matter(
    title: str, description: str, hide: list[str] | None = None, alternates: list[dict[str, str]] | None = None
) -> str:
    # MkDocs and Material put these into HTML (<title>, navigation, <meta content="…">) unescaped.
    meta: dict[str, object] = {"title": html.escape(title, quote=True)}
    if description:
        meta["description"] = html.escape(" ".join(description.split()), quote=True)
    if hide:
        meta["hide"] = hide
    if alternates:  # read by theme/partials/alternate.html and theme/main.html (hreflang)
        meta["alternates"] = alternates
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n"


def insert_after_title(body: str, notice: str) -> str:
    """Put the notice right below the page's `# Title` line (or at the top)."""
    if body.startswith("# "):
        title, _, rest = body.partition("\n")
        return f"{title}\n\n{notice.strip()}\n\n{rest.lstrip()}"
    return f"{notice.strip()}\n\n{body}"


def render_site(edition: Edition, languages: list[str], downloads: Downloads | None = None) -> list[Page]:
    """Every page of one edition. ``downloads`` describes the PDFs the site will hold (a PDF missing
    there is not linked); None when that is not known (every PDF is linked, without facts)."""
    return SiteRenderer(edition, languages, downloads).pages()
