"""The knowledge base: validated models, their items by id, and the links between them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from generator.diagnostics import Location
from generator.model import (
    ChangeConcept,
    ChangeIdea,
    ChangePackage,
    Collaborative,
    Measure,
    PrimaryDriver,
    ScaleLevel,
    SecondaryDriver,
    TeamStory,
    Topic,
)
from generator.source.yamlfile import KeyPath, YamlDocument

ItemKind = Literal["primary-driver", "secondary-driver", "change-concept", "change-idea", "measure", "story"]
KIND_NAMES: dict[str, str] = {
    "primary-driver": "a primary driver",
    "secondary-driver": "a secondary driver",
    "change-concept": "a change concept",
    "change-idea": "a change idea",
    "measure": "a measure",
    "story": "a team story",
    "topic": "a topic",
}


def qualified(topic: str, ref: str) -> str:
    """The key `topic/id` of a reference written in a topic (`id` or `other-topic/id`)."""
    return ref if "/" in ref else f"{topic}/{ref}"


@dataclass(frozen=True)
class Item:
    """An addressable thing in a topic: a driver, concept, idea, measure or story."""

    kind: ItemKind
    topic: str
    id: str
    model: BaseModel
    doc: YamlDocument
    keypath: KeyPath
    concept: str | None = None  # for change ideas: the concept they belong to

    @property
    def key(self) -> str:
        return f"{self.topic}/{self.id}"


@dataclass
class TopicEntry:
    """One topic with its concepts, measures and stories, and its items by id."""

    topic: Topic
    doc: YamlDocument
    concepts: list[ChangeConcept] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    stories: list[TeamStory] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)
    changes_doc: YamlDocument | None = None
    measures_doc: YamlDocument | None = None
    story_docs: dict[str, YamlDocument] = field(default_factory=dict)
    #: Kinds of item whose file failed validation: unknown references to them are not reported.
    incomplete: set[str] = field(default_factory=set)

    @property
    def id(self) -> str:
        return self.topic.id

    def ideas(self) -> list[tuple[ChangeConcept, ChangeIdea]]:
        return [(c, i) for c in self.concepts for i in c.change_ideas]

    def primary(self, driver_id: str) -> PrimaryDriver | None:
        return next((d for d in self.topic.primary_drivers if d.id == driver_id), None)

    def secondary(self, driver_id: str) -> SecondaryDriver | None:
        return next((d for d in self.topic.secondary_drivers if d.id == driver_id), None)


@dataclass
class Links:
    """Reverse links, by item key (`topic/id`), in a stable order."""

    tested_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # idea → stories
    measured_in: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # measure → ideas
    reported_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # measure → stories
    concepts_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # driver → concepts
    packages_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # topic → packages


@dataclass(frozen=True)
class DataPoint:
    """One point of a team's series: its value and, where a data file gives them, the counts it
    was computed from and the team's note."""

    period: str
    value: float
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""

    @property
    def has_counts(self) -> bool:
        return self.numerator is not None and self.denominator is not None


#: A team's series of one measure: (story key, measure key), both `topic/id`.
SeriesKey = tuple[str, str]
#: One point of a series: (story key, measure key, period).
PointKey = tuple[str, str, str]


@dataclass
class KnowledgeBase:
    """Everything loaded, validated and linked; the input of every renderer."""

    collaborative: Collaborative
    collaborative_doc: YamlDocument
    topics: list[TopicEntry]
    packages: list[ChangePackage]
    package_docs: dict[str, YamlDocument]
    scale: list[ScaleLevel]
    links: Links
    #: Topic folders whose topic.yaml failed validation (references to them are not reported).
    broken_topics: set[str] = field(default_factory=set)
    #: Every result series's points (from the YAML and the data files), in time order.
    points: dict[SeriesKey, list[DataPoint]] = field(default_factory=dict)
    #: Where each point from a data file was given: its row's period cell.
    point_rows: dict[PointKey, Location] = field(default_factory=dict)
    #: The data files read (as diagnostics show them).
    data_files: list[str] = field(default_factory=list)
    #: msgctxt prefix of every translatable model instance (by `id()`), e.g. `hf/change_concepts/x`.
    contexts: dict[int, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        return list(self.collaborative.languages)

    @property
    def source_language(self) -> str:
        return self.collaborative.languages[0]

    def topic(self, topic_id: str) -> TopicEntry:
        return next(t for t in self.topics if t.id == topic_id)

    def item(self, key: str) -> Item:
        topic_id, item_id = key.split("/", 1)
        return self.topic(topic_id).items[item_id]

    def package(self, package_id: str) -> ChangePackage:
        return next(p for p in self.packages if p.id == package_id)

    def package_languages(self, package: ChangePackage) -> list[str]:
        return list(package.languages or self.collaborative.languages)
