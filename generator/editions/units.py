"""Extraction: every translatable field of the knowledge base as gettext translation units."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pydantic import BaseModel

from generator.diagnostics import Location
from generator.knowledge.checks import topic_documents
from generator.knowledge.kb import KnowledgeBase, TopicEntry
from generator.knowledge.walk import natural_key, text_fields
from generator.source.yamlfile import KeyPath, YamlDocument
from generator.text.paragraphs import split_paragraphs

#: Orders a catalog independently of list positions: file, item ids, schema order, paragraph, text.
Rank = tuple[int, tuple[str, ...], tuple[tuple[int, str], ...], int, str]


@dataclass(frozen=True)
class TranslationUnit:
    """One entry of a catalog: a plain field, or one paragraph of a Markdown field."""

    catalog: str
    msgctxt: str
    msgid: str
    locations: tuple[Location, ...]
    markdown: bool
    #: Sort key of the unit in its catalog; stable when a YAML list is reordered.
    rank: Rank = field(compare=False, repr=False)

    @property
    def location(self) -> Location:
        """Where the unit first occurs."""
        return self.locations[0]

    @property
    def key(self) -> tuple[str, str]:
        """The (msgctxt, msgid) pair that identifies the entry inside its catalog."""
        return (self.msgctxt, self.msgid)


@dataclass(frozen=True)
class Root:
    """A registered model read from one document: the collaborative, a package, a topic item."""

    model: BaseModel
    doc: YamlDocument
    base: KeyPath  # key path of the model inside its document
    file_rank: int  # order of the document inside its catalog


def extract_units(kb: KnowledgeBase) -> list[TranslationUnit]:
    """Every translation unit, in document order; repeated units merged with all their locations."""
    units: dict[tuple[str, str, str], TranslationUnit] = {}
    for root in iter_roots(kb):
        for unit in root_units(kb, root):
            key = (unit.catalog, unit.msgctxt, unit.msgid)
            first = units.get(key)
            if first is None:
                units[key] = unit
            elif unit.location not in first.locations:
                units[key] = TranslationUnit(
                    first.catalog,
                    first.msgctxt,
                    first.msgid,
                    (*first.locations, *unit.locations),
                    first.markdown or unit.markdown,
                    min(first.rank, unit.rank),
                )
    return list(units.values())


def message_context(kb: KnowledgeBase, model: BaseModel, name: str) -> tuple[str, str] | None:
    """(catalog, msgctxt) of the field ``name`` of ``model``: the model's registered id path + the
    field name (`hf/change_concepts/x/change_ideas/y/title`). None for what ships with the tool
    (the default assessment scale), which the UI catalogs translate. The only place a msgctxt is made."""
    context = kb.contexts.get(id(model))
    if context is None:
        return None
    catalog, idpath = context
    return catalog, "/".join((*idpath, name))


def catalog_names(kb: KnowledgeBase) -> list[str]:
    """The catalogs of the knowledge base: `site`, then one per topic (even an empty one)."""
    return ["site", *(entry.id for entry in kb.topics)]


def iter_roots(kb: KnowledgeBase) -> Iterator[Root]:
    yield Root(kb.collaborative, kb.collaborative_doc, (), 0)
    for package in kb.packages:
        yield Root(package, kb.package_docs[package.id], (), 1)
    for entry in kb.topics:
        yield from topic_roots(entry)


def topic_roots(entry: TopicEntry) -> Iterator[Root]:
    """The topic, its concepts, measures and stories (as `checks.topic_documents` lists them)."""
    ranks = {id(entry.doc): 0, id(entry.changes_doc): 1, id(entry.measures_doc): 2}
    for model, doc, base in topic_documents(entry):
        yield Root(model, doc, base, ranks.get(id(doc), 3))


def root_units(kb: KnowledgeBase, root: Root) -> Iterator[TranslationUnit]:
    context = kb.contexts.get(id(root.model))
    if context is None:
        return
    catalog, idpath = context
    for text in text_fields(root.model, root.base, idpath):
        found = message_context(kb, text.owner, text.name)
        if text.marker is None or found is None:
            continue
        msgctxt = found[1]
        base_rank = (root.file_rank, idpath, rank_path(root.model, text.keypath[len(root.base) :]))
        markdown = text.marker.markdown
        for index, (msgid, offset) in enumerate(paragraphs(text.value) if markdown else [(text.value, 0)]):
            location = root.doc.text_line(text.keypath, offset)
            yield TranslationUnit(catalog, msgctxt, msgid, (location,), markdown, (*base_rank, index, msgid))


def paragraphs(value: str) -> list[tuple[str, int]]:
    """The paragraphs of a Markdown value (as `split_paragraphs` cuts them) with their line offsets.

    The offset counts the newlines of the value before the paragraph, which is the line
    offset in the file for literal blocks (`|`), the style Markdown fields are written in.
    """
    found: list[tuple[str, int]] = []
    cursor = 0
    for paragraph in split_paragraphs(value):
        start = value.find(paragraph.split("\n", 1)[0].strip(), cursor)
        if start < 0:
            start = cursor
        found.append((paragraph, value.count("\n", 0, start)))
        cursor = start + 1
    return found


def rank_path(model: BaseModel, keypath: KeyPath) -> tuple[tuple[int, str], ...]:
    """Key path → (schema position of the field, natural key of the list item) per level.

    Fields keep their schema order; list items sort by their id (or other natural key), so
    moving an item in its list does not move its entries in the catalog.
    """
    ranks: list[tuple[int, str]] = []
    current: object = model
    for part in keypath:
        if isinstance(part, str) and isinstance(current, BaseModel):
            ranks.append((list(type(current).model_fields).index(part), ""))
            current = getattr(current, part)
        elif isinstance(part, int) and isinstance(current, list) and ranks:
            current = current[part]
            key = natural_key(current) if isinstance(current, BaseModel) else None
            ranks[-1] = (ranks[-1][0], key or "")
    return tuple(ranks)
