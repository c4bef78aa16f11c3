"""Warnings about content that is valid but unfinished: scaffold text left as written, gaps in series."""

from __future__ import annotations

import functools
import itertools
from importlib import resources
from typing import Any

import yaml

from generator.charts.svg import TimeAxis
from generator.diagnostics import Diagnostics, Location
from generator.knowledge.kb import KnowledgeBase, PointKey, TopicEntry, qualified
from generator.knowledge.validate import item_path
from generator.knowledge.walk import text_fields
from generator.model import TeamStory
from generator.source.yamlfile import FAST_LOADER, KeyPath, YamlDocument

#: The scaffolds whose example text must not be published (`changekit init`, `changekit new`).
SCAFFOLDS = (
    "collaborative.yaml",
    "topic-topic.yaml",
    "topic-changes.yaml",
    "topic-measures.yaml",
    "story.yaml",
    "changepackage.yaml",
)


@functools.cache
def placeholder_texts() -> frozenset[str]:
    """Every sentence the scaffolds write as an example (strings of more than one word)."""
    texts: set[str] = set()
    folder = resources.files("generator.authoring.scaffolds")
    for name in SCAFFOLDS:
        template = folder.joinpath(name).read_text(encoding="utf-8")
        filled = template.replace("{{", "x").replace("}}", "x")
        data = yaml.load(filled, Loader=FAST_LOADER)  # our own scaffolds, a safe loader
        texts |= {" ".join(t.split()) for t in strings_in(data) if len(t.split()) > 1}
    return frozenset(texts)


def strings_in(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings_in(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings_in(value)]
    return []


def humanized(identifier: str) -> str:
    """The title `changekit new topic` derives from an id: `clabsi` → `Clabsi`."""
    return identifier.replace("-", " ").capitalize()


def check_hints(kb: KnowledgeBase, diagnostics: Diagnostics) -> None:
    """Placeholder text everywhere; gaps in every result series."""
    documents: list[tuple[Any, YamlDocument, KeyPath]] = [(kb.collaborative, kb.collaborative_doc, ())]
    documents += [(package, kb.package_docs[package.id], ()) for package in kb.packages]
    found: dict[str, tuple[YamlDocument, list[KeyPath]]] = {}
    for entry in kb.topics:
        documents += topic_models(entry)
        if entry.topic.title == humanized(entry.id) and entry.topic.title != entry.id:
            found.setdefault(entry.doc.display, (entry.doc, []))[1].append(("title",))
        for story in entry.stories:
            check_gaps(entry.id, story, entry.story_docs[story.id], kb.point_rows, diagnostics)
    texts = placeholder_texts()
    for model, doc, base in documents:
        for field in text_fields(model, base):
            if " ".join(field.value.split()) in texts:
                found.setdefault(doc.display, (doc, []))[1].append(field.keypath)
    for doc, keypaths in found.values():
        warn_placeholders(doc, keypaths, diagnostics)


def topic_models(entry: TopicEntry) -> list[tuple[Any, YamlDocument, KeyPath]]:
    models: list[tuple[Any, YamlDocument, KeyPath]] = [(entry.topic, entry.doc, ())]
    if entry.changes_doc is not None:
        models += [(c, entry.changes_doc, ("change_concepts", i)) for i, c in enumerate(entry.concepts)]
    if entry.measures_doc is not None:
        models += [(m, entry.measures_doc, ("measures", i)) for i, m in enumerate(entry.measures)]
    models += [(s, entry.story_docs[s.id], ()) for s in entry.stories]
    return models


def warn_placeholders(doc: YamlDocument, keypaths: list[KeyPath], diagnostics: Diagnostics) -> None:
    """One warning per file, at its first placeholder, naming every field still to write."""
    keypaths = sorted(keypaths, key=lambda path: doc.location(path))
    fields = [item_path(doc.data, path) for path in keypaths]
    if len(fields) == 1:
        message = f"{fields[0]} is still the example text the scaffold wrote; write your own"
    else:
        shown = ", ".join(fields[:4]) + (f" and {len(fields) - 4} more" if len(fields) > 4 else "")
        message = f"{len(fields)} fields are still the example text the scaffold wrote ({shown}); write your own"
    diagnostics.warning(doc.location(keypaths[0]), message, "content.placeholder")


def check_gaps(
    topic: str, story: TeamStory, doc: YamlDocument, rows: dict[PointKey, Location], diagnostics: Diagnostics
) -> None:
    """A period missing inside a series (the run chart bridges it with a dotted line), reported where
    the point after the gap was given: the story's YAML, or a data file's row (``rows``)."""
    for index, result in enumerate(story.results):
        periods = list(result.series)
        if periods != sorted(periods) or len({len(period) for period in periods}) > 1:
            continue  # out of order or mixed: already an error
        series = f"{topic}/{story.id}", qualified(topic, result.measure)
        axis = TimeAxis.for_periods(periods)
        for before, after in itertools.pairwise(axis.segments(periods)):
            first, last = periods[before[-1]], periods[after[0]]
            row = rows.get((*series, last))
            diagnostics.warning(
                row or doc.location(("results", index, "series", last), key=True),
                f"{missing(axis, first, last)} between {first} and {last}: the run chart bridges the gap with a"
                " dotted line; add the data, or leave it if none were collected",
                "data.gap",
                f"{series[0]} · {result.measure}" if row else f"results[{result.measure}].series",
            )


def missing(axis: TimeAxis, first: str, last: str) -> str:
    """`no data for 2026-03` / `no data for 2026-03 to 2026-05` / `no data for 20 days`."""
    if not axis.monthly:
        return f"no data for {int(axis.position(last) - axis.position(first)) - 1} days"
    start, end = int(axis.position(first)) + 1, int(axis.position(last)) - 1
    name = [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in (start, end)]
    return f"no data for {name[0]}" if start == end else f"no data for {name[0]} to {name[1]}"
