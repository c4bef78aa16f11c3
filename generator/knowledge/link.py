"""Link stage: validate every document, build the topics' namespaces and resolve references."""

from __future__ import annotations

import logging
import typing
from pathlib import Path

from pydantic import BaseModel

from generator.diagnostics import Diagnostics
from generator.knowledge.data import attach_data
from generator.knowledge.kb import Item, ItemKind, KnowledgeBase, Links, TopicEntry
from generator.knowledge.refs import Resolver
from generator.knowledge.validate import Sourced, item_path, validate_document
from generator.knowledge.walk import natural_key
from generator.model import ChangePackage, ChangesFile, Collaborative, MeasuresFile, ScaleLevel, TeamStory, Topic
from generator.model.collaborative import Language
from generator.model.defaults import default_scale
from generator.source.load import Sources, TopicSources
from generator.source.yamlfile import KeyPath, YamlDocument

logger = logging.getLogger(__name__)


def link_sources(sources: Sources, diagnostics: Diagnostics) -> KnowledgeBase | None:
    """Validate and link everything; None when an error makes a knowledge base impossible.

    A file that fails its own checks is left out of the reference checks, not the whole run: the
    references of every other file are still checked, so all errors come in one round."""
    collaborative = (
        validate_document(sources.collaborative, Collaborative, diagnostics) if sources.collaborative else None
    )
    built = {ts.folder: build_topic(ts, diagnostics) for ts in sources.topics}
    topics = [entry for entry in built.values() if entry is not None]
    broken = {folder for folder, entry in built.items() if entry is None}
    points, point_rows = attach_data({t.id: t for t in topics}, broken, sources.data, diagnostics)
    topics.sort(key=lambda t: (t.topic.order if t.topic.order is not None else 1_000_000, t.id))
    packages = [p for p in (validate_document(d, ChangePackage, diagnostics) for d in sources.packages) if p]
    for package in packages:
        check_file_id(package.doc, package.model.id, diagnostics)
    if collaborative is None and sources.collaborative is None:
        return None
    model = collaborative.model if collaborative else stand_in_collaborative()
    doc = collaborative.doc if collaborative else sources.collaborative
    assert doc is not None
    kb = KnowledgeBase(
        collaborative=model,
        collaborative_doc=doc,
        topics=topics,
        packages=[p.model for p in packages],
        package_docs={p.model.id: p.doc for p in packages},
        scale=list(model.assessment_scale or default_scale()),
        links=Links(),
        broken_topics=broken,
        points=points,
        point_rows=point_rows,
        data_files=list(sources.data.files),
    )
    resolve_references(kb, diagnostics)
    if collaborative is None:
        return None  # its errors are reported; the other files' references were checked all the same
    register_contexts(kb)
    return kb


def stand_in_collaborative() -> Collaborative:
    """Stands for a collaborative.yaml that failed its checks, so that the other files' references
    are still checked: every language and every score of a scale are allowed (no false errors)."""
    scores = [ScaleLevel.model_construct(score=1.0 + step / 2, label="") for step in range(9)]
    return Collaborative.model_construct(
        title="",
        summary="",
        organizer="",
        languages=list(typing.get_args(Language)),
        timeline=[],
        faculty=[],
        assessment_scale=scores,
    )


def stand_in_topic(folder: str) -> Topic:
    """Stands for a topic.yaml that failed its checks: no drivers (references to them are not
    reported), so that its concepts, measures and stories are still checked and linked."""
    return Topic.model_construct(
        id=folder, title=folder, summary="", aim="", primary_drivers=[], secondary_drivers=[], references=[]
    )


def build_topic(sources: TopicSources, diagnostics: Diagnostics) -> TopicEntry | None:
    """Validate the files of one topic and index its items."""
    topic = validate_document(sources.topic, Topic, diagnostics) if sources.topic else None
    changes = validate_document(sources.changes, ChangesFile, diagnostics) if sources.changes else None
    measures = validate_document(sources.measures, MeasuresFile, diagnostics) if sources.measures else None
    stories = [s for s in (validate_document(d, TeamStory, diagnostics) for d in sources.stories) if s]
    if topic is None and sources.topic is None:
        return None
    incomplete: set[str] = set()
    if topic is None:
        assert sources.topic is not None
        topic = Sourced(stand_in_topic(sources.folder), sources.topic)
        incomplete |= {"primary-driver", "secondary-driver"}
    if (sources.changes is not None and changes is None) or "changes.yaml" in sources.unreadable:
        incomplete |= {"change-concept", "change-idea"}
    if (sources.measures is not None and measures is None) or "measures.yaml" in sources.unreadable:
        incomplete.add("measure")
    if len(stories) < len(sources.stories) or "stories" in sources.unreadable:
        incomplete.add("story")
    if topic.model.id != sources.folder:
        diagnostics.error(
            topic.doc.location(("id",)),
            f"the topic id '{topic.model.id}' must equal its folder name '{sources.folder}'; rename one",
            "id.mismatch",
        )
    entry = TopicEntry(topic.model, topic.doc, incomplete=incomplete)
    entry.changes_doc = changes.doc if changes else None
    entry.measures_doc = measures.doc if measures else None
    entry.concepts = list(changes.model.change_concepts) if changes else []
    entry.measures = list(measures.model.measures) if measures else []
    for story in stories:
        check_file_id(story.doc, story.model.id, diagnostics)
        entry.stories.append(story.model)
        entry.story_docs[story.model.id] = story.doc
    index_items(entry, diagnostics)
    return entry


def check_file_id(doc: YamlDocument, item_id: str, diagnostics: Diagnostics) -> None:
    stem = Path(doc.display).stem
    if item_id != stem:
        diagnostics.error(
            doc.location(("id",)),
            f"the id '{item_id}' must equal the file name '{stem}.yaml'; rename one",
            "id.mismatch",
        )


def index_items(entry: TopicEntry, diagnostics: Diagnostics) -> None:
    """Put drivers, concepts, ideas, measures and stories in the topic's one namespace."""
    for index, primary in enumerate(entry.topic.primary_drivers):
        add_item(
            entry,
            Item("primary-driver", entry.id, primary.id, primary, entry.doc, ("primary_drivers", index)),
            diagnostics,
        )
    for index, secondary in enumerate(entry.topic.secondary_drivers):
        add_item(
            entry,
            Item("secondary-driver", entry.id, secondary.id, secondary, entry.doc, ("secondary_drivers", index)),
            diagnostics,
        )
    if entry.changes_doc is not None:
        for ci, concept in enumerate(entry.concepts):
            add_item(
                entry,
                Item("change-concept", entry.id, concept.id, concept, entry.changes_doc, ("change_concepts", ci)),
                diagnostics,
            )
            for ii, idea in enumerate(concept.change_ideas):
                path: KeyPath = ("change_concepts", ci, "change_ideas", ii)
                add_item(
                    entry,
                    Item("change-idea", entry.id, idea.id, idea, entry.changes_doc, path, concept.id),
                    diagnostics,
                )
    if entry.measures_doc is not None:
        for mi, measure in enumerate(entry.measures):
            add_item(
                entry, Item("measure", entry.id, measure.id, measure, entry.measures_doc, ("measures", mi)), diagnostics
            )
    for story in entry.stories:
        add_item(entry, Item("story", entry.id, story.id, story, entry.story_docs[story.id], ()), diagnostics)
    check_unique_references(entry, diagnostics)


#: Ids that would collide with a folder's own page (`measures/index.md` is `measures/`).
RESERVED_IDS = frozenset({"index"})


def add_item(entry: TopicEntry, item: Item, diagnostics: Diagnostics) -> None:
    if item.id in RESERVED_IDS:
        diagnostics.error(
            item.doc.location((*item.keypath, "id")),
            f"'{item.id}' is reserved (it names a folder's own page); choose another id",
            "id.reserved",
            item_path(item.doc.data, item.keypath),
        )
    first = entry.items.get(item.id)
    if first is None:
        entry.items[item.id] = item
        return
    where = first.doc.location((*first.keypath, "id"))
    diagnostics.error(
        item.doc.location((*item.keypath, "id")),
        f"duplicate id '{item.id}': already used by {kind_name(first.kind)} at {where}; "
        "drivers, concepts, ideas, measures and stories of a topic share one set of ids",
        "id.duplicate",
        item_path(item.doc.data, item.keypath),
    )


def kind_name(kind: ItemKind) -> str:
    from generator.knowledge.kb import KIND_NAMES

    return KIND_NAMES[kind]


def check_unique_references(entry: TopicEntry, diagnostics: Diagnostics) -> None:
    seen: set[str] = set()
    for index, reference in enumerate(entry.topic.references):
        if reference.id in seen:
            diagnostics.error(
                entry.doc.location(("references", index, "id")),
                f"duplicate reference id '{reference.id}'",
                "id.duplicate",
            )
        seen.add(reference.id)


def resolve_references(kb: KnowledgeBase, diagnostics: Diagnostics) -> None:
    """Check every reference and record the reverse links."""
    from generator.knowledge.checks import check_knowledge_base

    resolver = Resolver({t.id: t for t in kb.topics}, kb.broken_topics)
    for entry in kb.topics:
        link_topic(entry, resolver, kb.links, diagnostics)
    link_packages(kb, diagnostics)
    check_knowledge_base(kb, resolver, diagnostics)


def link_topic(entry: TopicEntry, resolver: Resolver, links: Links, diagnostics: Diagnostics) -> None:
    def ref(doc: YamlDocument, path: KeyPath, value: str, kinds: tuple[str, ...]) -> Item | None:
        found = resolver.resolve(value, entry.id, kinds)
        if found is None:
            return None
        if isinstance(found, str):
            diagnostics.error(
                doc.location(path),
                found,
                "ref.unknown" if "unknown" in found else "ref.kind",
                item_path(doc.data, path),
            )
            return None
        return found

    for si, secondary in enumerate(entry.topic.secondary_drivers):
        for pi, primary in enumerate(secondary.primary):
            ref(entry.doc, ("secondary_drivers", si, "primary", pi), primary, ("primary-driver",))
    doc = entry.changes_doc
    for ci, concept in enumerate(entry.concepts):
        assert doc is not None
        for di, driver in enumerate(concept.drivers):
            found = ref(doc, ("change_concepts", ci, "drivers", di), driver, ("secondary-driver", "primary-driver"))
            if found:
                links.concepts_of[found.key].append(f"{entry.id}/{concept.id}")
        for ii, idea in enumerate(concept.change_ideas):
            for mi, measure in enumerate(idea.measures):
                found = ref(doc, ("change_concepts", ci, "change_ideas", ii, "measures", mi), measure, ("measure",))
                if found:
                    links.measured_in[found.key].append(f"{entry.id}/{idea.id}")
    for story in entry.stories:
        sdoc = entry.story_docs[story.id]
        for ti, tested in enumerate(story.changes_tested):
            found = ref(sdoc, ("changes_tested", ti), tested, ("change-idea",))
            if found:
                links.tested_by[found.key].append(f"{entry.id}/{story.id}")
        for ri, result in enumerate(story.results):
            found = ref(sdoc, ("results", ri, "measure"), result.measure, ("measure",))
            if found and f"{entry.id}/{story.id}" not in links.reported_by[found.key]:
                links.reported_by[found.key].append(f"{entry.id}/{story.id}")


def link_packages(kb: KnowledgeBase, diagnostics: Diagnostics) -> None:
    topic_ids = [t.id for t in kb.topics]
    for package in kb.packages:
        doc = kb.package_docs[package.id]
        for index, topic_id in enumerate(package.topics):
            if topic_id in topic_ids:
                kb.links.packages_of[topic_id].append(package.id)
                continue
            if topic_id in kb.broken_topics:
                continue
            from generator.knowledge.refs import suggest

            diagnostics.error(
                doc.location(("topics", index)),
                f"unknown topic '{topic_id}'{suggest(topic_id, topic_ids)}",
                "ref.unknown",
                f"topics[{index}]",
            )
        for index, lang in enumerate(package.languages or []):
            if lang not in kb.collaborative.languages:
                diagnostics.error(
                    doc.location(("languages", index)),
                    f"'{lang}' is not a language of the collaborative ({', '.join(kb.collaborative.languages)})",
                    "ref.language",
                )


def register_contexts(kb: KnowledgeBase) -> None:
    """Record each translatable model's catalog and id path, the base of its msgctxt."""
    register(kb, kb.collaborative, "site", ("collaborative",))
    for package in kb.packages:
        register(kb, package, "site", ("changepackages", package.id))
    for entry in kb.topics:
        register(kb, entry.topic, entry.id, (entry.id,))
        for concept in entry.concepts:
            register(kb, concept, entry.id, (entry.id, "change_concepts", concept.id))
        for measure in entry.measures:
            register(kb, measure, entry.id, (entry.id, "measures", measure.id))
        for story in entry.stories:
            register(kb, story, entry.id, (entry.id, "stories", story.id))


def register(kb: KnowledgeBase, model: BaseModel, catalog: str, idpath: tuple[str, ...]) -> None:
    kb.contexts[id(model)] = (catalog, idpath)
    for name in type(model).model_fields:
        value = getattr(model, name)
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, BaseModel):
                key = natural_key(child)
                register(kb, child, catalog, (*idpath, name, key) if key else (*idpath, name))
