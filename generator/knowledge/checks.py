"""Content checks of the link stage: Markdown links and HTML, data series, useful warnings."""

from __future__ import annotations

import itertools

from pydantic import BaseModel

from generator.charts.signals import MAX_POINTS
from generator.diagnostics import Diagnostics, Location
from generator.knowledge.hints import check_hints
from generator.knowledge.kb import KnowledgeBase, TopicEntry
from generator.knowledge.refs import Resolver
from generator.knowledge.validate import item_path
from generator.knowledge.walk import text_fields
from generator.model.defaults import COMMON_SETTINGS
from generator.source.yamlfile import KeyPath, YamlDocument
from generator.text.scan import find_ref_links, unsafe_markdown


def check_knowledge_base(kb: KnowledgeBase, resolver: Resolver, diagnostics: Diagnostics) -> None:
    """Every check that needs the whole knowledge base."""
    check_markdown(kb.collaborative, kb.collaborative_doc, None, resolver, diagnostics)
    for package in kb.packages:
        check_markdown(package, kb.package_docs[package.id], None, resolver, diagnostics)
    check_timeline(kb, diagnostics)
    check_settings(kb, diagnostics)
    check_repeats(kb.collaborative, kb.collaborative_doc, diagnostics)
    for package in kb.packages:
        check_repeats(package, kb.package_docs[package.id], diagnostics)
    scores = {level.score for level in kb.scale}
    for entry in kb.topics:
        for model, doc, base in topic_documents(entry):
            check_markdown(model, doc, entry.id, resolver, diagnostics, base)
            check_repeats(model, doc, diagnostics, base)
        for story in entry.stories:
            check_story_data(story, entry.story_docs[story.id], scores, diagnostics)
        if not entry.incomplete:
            warn_unused(kb, entry, diagnostics)
    check_hints(kb, diagnostics)


def topic_documents(entry: TopicEntry) -> list[tuple[BaseModel, YamlDocument, KeyPath]]:
    docs: list[tuple[BaseModel, YamlDocument, KeyPath]] = [(entry.topic, entry.doc, ())]
    if entry.changes_doc is not None:
        docs += [(c, entry.changes_doc, ("change_concepts", i)) for i, c in enumerate(entry.concepts)]
    if entry.measures_doc is not None:
        docs += [(m, entry.measures_doc, ("measures", i)) for i, m in enumerate(entry.measures)]
    docs += [(s, entry.story_docs[s.id], ()) for s in entry.stories]
    return docs


def check_markdown(
    model: BaseModel,
    doc: YamlDocument,
    topic: str | None,
    resolver: Resolver,
    diagnostics: Diagnostics,
    base: KeyPath = (),
) -> None:
    """Markdown fields: no raw HTML; every `ref:` link resolves."""
    for field in text_fields(model, base):
        if field.marker is None:
            continue
        item = item_path(doc.data, field.keypath)
        for code, problem, offset in unsafe_markdown(field.value):
            diagnostics.error(
                doc.text_line(field.keypath, offset),
                f"{problem} is not allowed in text fields; use plain Markdown",
                f"markdown.{code}",
                item,
            )
        if not field.marker.markdown:
            continue
        for link in find_ref_links(field.value):
            found = resolver.resolve_link(link.ref, topic)
            if isinstance(found, str):
                code = "ref.unknown" if "unknown" in found or "must name" in found else "ref.kind"
                diagnostics.error(doc.text_line(field.keypath, link.line_offset), f"link: {found}", code, item)


def check_repeats(model: BaseModel, doc: YamlDocument, diagnostics: Diagnostics, base: KeyPath = ()) -> None:
    """A list that names the same entry twice (`changes_tested: [a, a]`) is a slip, not data."""
    seen: dict[tuple[KeyPath, str], KeyPath] = {}
    for field in text_fields(model, base):
        if not field.keypath or not isinstance(field.keypath[-1], int):
            continue
        key = (field.keypath[:-1], field.value)
        if key in seen:
            diagnostics.error(
                doc.location(field.keypath),
                f"'{field.value}' is listed twice (first at line {doc.location(seen[key]).line}); remove one",
                "schema.repeat",
                item_path(doc.data, field.keypath),
            )
        else:
            seen[key] = field.keypath


def check_settings(kb: KnowledgeBase, diagnostics: Diagnostics) -> None:
    """A setting needs a label every edition can show: a common one, or one declared in
    collaborative.yaml (`settings:`), which the catalogs translate."""
    known = set(COMMON_SETTINGS) | {s.id for s in kb.collaborative.settings}
    for entry in kb.topics:
        for concept in entry.concepts:
            for ci, idea in enumerate(concept.change_ideas):
                for index, slug in enumerate(idea.settings):
                    path: KeyPath = ("change_concepts", entry.concepts.index(concept), "change_ideas", ci)
                    if slug not in known and entry.changes_doc is not None:
                        report_setting(slug, entry.changes_doc.location((*path, "settings", index)), diagnostics)
        for story in entry.stories:
            if story.setting is not None and story.setting not in known:
                report_setting(story.setting, entry.story_docs[story.id].location(("setting",)), diagnostics)


def report_setting(slug: str, where: Location, diagnostics: Diagnostics) -> None:
    diagnostics.warning(
        where,
        f"setting '{slug}' has no label; declare it in content/collaborative.yaml under `settings:` "
        f"(id: {slug}, label: …) so that every edition can name it",
        "setting.label",
    )


def check_timeline(kb: KnowledgeBase, diagnostics: Diagnostics) -> None:
    doc = kb.collaborative_doc
    events = kb.collaborative.timeline
    for index in range(1, len(events)):
        if events[index].start < events[index - 1].start:
            diagnostics.warning(
                doc.location(("timeline", index, "start")),
                "the timeline is not in time order; list its phases from first to last",
                "timeline.order",
                f"timeline[{index}]",
            )


def check_story_data(story: BaseModel, doc: YamlDocument, scores: set[float], diagnostics: Diagnostics) -> None:
    from generator.model import TeamStory

    assert isinstance(story, TeamStory)
    for ri, result in enumerate(story.results):
        path: KeyPath = ("results", ri)
        if not result.series:
            continue  # reported once, as missing data (knowledge.data)
        if len(result.series) > MAX_POINTS:
            diagnostics.error(
                doc.location((*path, "series")),
                f"the series has {len(result.series):,} points, more than the series-length limit of"
                f" {MAX_POINTS:,} points; aggregate the data (for example daily to weekly) or split the series",
                "data.series-length",
                item_path(doc.data, (*path, "series")),
            )
        check_periods(list(result.series), doc, (*path, "series"), diagnostics)
        if result.baseline is not None and result.baseline > len(result.series):
            diagnostics.error(
                doc.location((*path, "baseline")),
                f"baseline of {result.baseline} points, but the series has only {len(result.series)}",
                "data.baseline",
                item_path(doc.data, (*path, "baseline")),
            )
        for ai, note in enumerate(result.annotations):
            if note.period not in result.series:
                diagnostics.error(
                    doc.location((*path, "annotations", ai, "period")),
                    f"no data point at {note.period}; an annotation must mark a period of the series",
                    "data.annotation",
                    item_path(doc.data, (*path, "annotations", ai, "period")),
                )
    check_periods(list(story.assessment), doc, ("assessment",), diagnostics)
    for period, score in story.assessment.items():
        if score not in scores:
            allowed = ", ".join(f"{s:.1f}" for s in sorted(scores))
            diagnostics.error(
                doc.location(("assessment", period)),
                f"{score} is not a level of the assessment scale ({allowed})",
                "data.score",
                f"assessment.{period}",
            )


def check_periods(periods: list[str], doc: YamlDocument, path: KeyPath, diagnostics: Diagnostics) -> None:
    lengths = {len(p) for p in periods}
    if len(lengths) > 1:
        diagnostics.error(
            doc.location(path),
            "mixes monthly (YYYY-MM) and daily (YYYY-MM-DD) periods",
            "data.period",
            item_path(doc.data, path),
        )
        return
    for previous, period in itertools.pairwise(periods):
        if period <= previous:
            diagnostics.error(
                doc.location((*path, period), key=True),
                f"{period} comes after {previous}; list the periods in time order",
                "data.order",
                item_path(doc.data, path),
            )


def warn_unused(kb: KnowledgeBase, entry: TopicEntry, diagnostics: Diagnostics) -> None:
    """Warnings that point at a gap in the change package, not at broken input."""
    links = kb.links
    for mi, measure in enumerate(entry.measures):
        if not links.measured_in.get(f"{entry.id}/{measure.id}") and entry.measures_doc is not None:
            diagnostics.warning(
                entry.measures_doc.location(("measures", mi, "id")),
                f"no change idea lists the measure '{measure.id}'; link it from the ideas it measures",
                "measure.unused",
                f"measures[{measure.id}]",
            )
    for si, driver in enumerate(entry.topic.secondary_drivers):
        if not links.concepts_of.get(f"{entry.id}/{driver.id}"):
            diagnostics.warning(
                entry.doc.location(("secondary_drivers", si, "id")),
                f"no change concept acts on the driver '{driver.id}'; the driver diagram has a dead end",
                "driver.no-concept",
                f"secondary_drivers[{driver.id}]",
            )
    check_primary_drivers(entry, diagnostics)
    for ci, concept in enumerate(entry.concepts):
        if not concept.change_ideas and entry.changes_doc is not None:
            diagnostics.warning(
                entry.changes_doc.location(("change_concepts", ci, "id")),
                f"the change concept '{concept.id}' has no change ideas",
                "concept.empty",
                f"change_concepts[{concept.id}]",
            )


def check_primary_drivers(entry: TopicEntry, diagnostics: Diagnostics) -> None:
    used = {p for d in entry.topic.secondary_drivers for p in d.primary}
    used |= {d for c in entry.concepts for d in c.drivers}
    for pi, driver in enumerate(entry.topic.primary_drivers):
        if driver.id not in used:
            diagnostics.warning(
                entry.doc.location(("primary_drivers", pi, "id")),
                f"the primary driver '{driver.id}' has no secondary driver and no change concept",
                "driver.no-concept",
                f"primary_drivers[{driver.id}]",
            )
