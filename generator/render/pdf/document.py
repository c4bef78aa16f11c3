"""Print HTML of a change package: the model through the edition into Jinja print templates."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

import generator.render.pdf.drawings as drawings
from generator.editions.timeline import timeline_rows
from generator.editions.view import Edition
from generator.knowledge.data import RATIO_UNITS
from generator.knowledge.kb import KnowledgeBase, TopicEntry, qualified
from generator.knowledge.urls import PACKAGES
from generator.model import ChangePackage
from generator.render import results
from generator.render.pdf.engine import PdfMetadata
from generator.render.pdf.links import Linker, anchor_id
from generator.render.pdf.text import Printer
from generator.render.pdf.typography import french_html
from generator.text.sanitize import clean_document

TEMPLATES = Path(__file__).resolve().parent / "templates"
TOPIC_SECTIONS = ("driver-diagram", "changes", "measures", "stories")
PAGE_SIZES = {"A4": "A4", "letter": "letter"}
_environments: dict[int, tuple[NullTranslations, jinja2.Environment]] = {}


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents; its page number comes from CSS `target-counter`."""

    level: int
    label: str
    anchor: str


def environment(translations: NullTranslations) -> jinja2.Environment:
    """The print templates' environment for one UI catalog (cached: templates compile once)."""
    cached = _environments.get(id(translations))
    if cached is None:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        cached = _environments[id(translations)] = (translations, env)
    return cached[1]


def package_parts(package: ChangePackage, entries: list[TopicEntry] | None = None) -> list[str]:
    """The package's parts in order; the topic sections together form one part, `topics`.
    References are left out when none of the package's topics cites anything."""
    parts: list[str] = []
    for section in package.sections:
        name = "topics" if section in TOPIC_SECTIONS else section
        if name == "references" and entries is not None and not any(e.topic.references for e in entries):
            continue
        if name not in parts:
            parts.append(name)
    return parts


def has_section(entry: TopicEntry, section: str) -> bool:
    """Whether a topic has anything to print in a section (no page with only a heading)."""
    contents = {"changes": entry.concepts, "measures": entry.measures, "stories": entry.stories}
    return bool(contents.get(section, True))


def package_metadata(kb: KnowledgeBase, edition: Edition, package: ChangePackage) -> PdfMetadata:
    """Title, authors, language, subject, keywords and fixed dates of one PDF."""
    text = edition.text
    title = str(text(package, "title"))
    subtitle = text(package, "subtitle")
    topics = [str(text(kb.topic(t).topic, "title")) for t in package.topics if t in {e.id for e in kb.topics}]
    created = f"{package.published.isoformat()}T00:00:00Z"
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    modified = created
    if epoch.isdigit():
        modified = dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return PdfMetadata(
        title=title,
        authors=tuple(package.authors) or (kb.collaborative.organizer,),
        lang=edition.lang,
        description=str(subtitle or text(kb.collaborative, "title")),
        keywords=(
            *topics,
            edition.gettext("change package"),
            "Breakthrough Series",
            edition.gettext("quality improvement"),
        ),
        created=created,
        modified=modified,
    )


def page_css(package: ChangePackage, edition: Edition) -> Markup:
    """The page rules that depend on the package: paper size and the localized footer."""
    pattern = edition.gettext("Page %(page)s of %(pages)s")
    content: list[str] = []
    for piece in re.split(r"(%\((?:page|pages)\)s)", pattern):
        if piece == "%(page)s":
            content.append("counter(page)")
        elif piece == "%(pages)s":
            content.append("counter(pages)")
        elif piece:
            content.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"')
    return Markup(
        f"@page {{ size: {PAGE_SIZES[package.paper]}; }}\n"
        f"@page {{ @bottom-right {{ content: {' '.join(content)}; }} }}\n"
    )


def table_of_contents(kb: KnowledgeBase, package: ChangePackage, printer: Printer) -> list[TocEntry]:
    section = printer.edition.labels.section
    entries: list[TocEntry] = []
    if package.foreword:
        entries.append(TocEntry(1, section("foreword"), "ck-foreword"))
    for part in package_parts(package, topic_entries(kb, package)):
        if part != "topics":
            entries.append(TocEntry(1, section(part), f"ck-{part}"))
            continue
        for entry in topic_entries(kb, package):
            entries.append(TocEntry(1, printer.plain(entry.topic, "title"), anchor_id(entry.id)))
            for name in (s for s in package.sections if s in TOPIC_SECTIONS and has_section(entry, s)):
                entries.append(TocEntry(2, section(name), anchor_id(f"{entry.id}/section-{name}")))
                if name == "changes":
                    entries += [
                        TocEntry(3, printer.plain(c, "title"), anchor_id(f"{entry.id}/{c.id}")) for c in entry.concepts
                    ]
    return entries


def topic_entries(kb: KnowledgeBase, package: ChangePackage) -> list[TopicEntry]:
    known = {entry.id: entry for entry in kb.topics}
    return [known[topic] for topic in package.topics if topic in known]


def template_context(
    kb: KnowledgeBase, edition: Edition, package: ChangePackage, site_url: str | None
) -> dict[str, Any]:
    linker = Linker(kb, package, edition.lang, site_url)
    printer = Printer(edition, linker)
    labels = edition.labels
    return {
        "kb": kb,
        "collaborative": kb.collaborative,
        "package": package,
        "edition": edition,
        "lang": edition.lang,
        "is_source": edition.is_source,
        "source_lang": kb.source_language,
        "meta": package_metadata(kb, edition, package),
        "page_css": page_css(package, edition),
        "parts": package_parts(package, topic_entries(kb, package)),
        "topic_sections": [s for s in package.sections if s in TOPIC_SECTIONS],
        "has_section": has_section,
        "entries": topic_entries(kb, package),
        "contents": lambda: table_of_contents(kb, package, printer),
        "printer": printer,
        "t": printer.text,
        "md": printer.markdown,
        "plain": printer.plain,
        "texts": printer.texts,
        "anchor": anchor_id,
        "href": linker.href,
        "online": linker.online_key,
        "package_url": linker.online(PACKAGES),
        "item": kb.item,
        "key": qualified,
        "keys": lambda topic, refs: [qualified(topic, ref) for ref in refs],
        "labels": labels,
        "timeline": timeline_rows(edition),
        "slugs": lambda values: ", ".join(labels.enum(v) for v in values),
        "unit": labels.unit,
        "section_title": labels.section,
        "label": labels.enum,
        "period_name": labels.period_name,
        "type_name": labels.type_name,
        "slug": labels.enum,
        "date": labels.date,
        "number": labels.number,
        "period": labels.period,
        "driver_diagram": lambda entry: drawings.driver_diagram(entry, edition, linker.href, f"ck-dd-{entry.id}"),
        "run_chart": lambda entry, story, result, index: drawings.run_chart(
            entry, story, result, edition, f"ck-rc-{entry.id}-{story.id}-{index}"
        ),
        "assessment_chart": lambda entry, story: drawings.assessment_chart(
            story, edition, f"ck-as-{entry.id}-{story.id}"
        ),
        "reading": lambda entry, result: drawings.reading_words(entry, result, edition),
        "rule_set_verdicts": lambda entry, result: drawings.rule_set_verdicts(entry, result, edition),
        **results_context(kb, edition),
    }


def results_context(kb: KnowledgeBase, edition: Edition) -> dict[str, Any]:
    """Results across teams: the measure's teams and aggregate, the topic's table, the drawings."""
    return {
        "measure_results": lambda key: results.measure_results(kb, key),
        "topic_results": lambda entry: results.topic_results(kb, entry),
        "improved_on_any": lambda entry, table: results.improved_on_any(kb, entry, table),
        "small_multiples": lambda measured, prefix: [
            (team, Markup(svg)) for team, svg in results.small_multiples(measured, edition, prefix)
        ],
        "aggregate_chart": lambda measured, element_id: Markup(results.aggregate_svg(measured, edition, element_id)),
        "aggregate_words": lambda measured: results.aggregate_words(measured, edition),
        "method_label": lambda measured: results.method_label(measured, edition),
        "method_short": lambda method: results.method_short(method, edition),
        "verdict": edition.labels.verdict,
        "counted": lambda measure: measure.unit in RATIO_UNITS,
    }


def render_package_html(
    kb: KnowledgeBase, edition: Edition, package: ChangePackage, *, site_url: str | None = None, logo: bool = True
) -> str:
    """The print HTML of one package in one edition; relative URLs resolve against the print theme.
    ``logo``: whether the theme has `assets/logo.svg` for the cover. The body goes through the
    output sanitizer (content and translations never carry live markup into a PDF)."""
    template = environment(edition.ui).get_template("package.html.j2")
    html = template.render({**template_context(kb, edition, package, site_url), "logo": logo})
    return clean_document(french_html(html) if edition.lang.startswith("fr") else html)
