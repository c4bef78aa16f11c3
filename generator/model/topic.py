"""A topic: `topic.yaml` (aim, drivers, references), `changes.yaml` and `measures.yaml`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from generator.model.fields import STRICT, Citation, Id, MarkdownText, Number, Ref, Slug, Text, Url

ConceptGroup = Literal[
    "eliminate-waste",
    "improve-work-flow",
    "optimize-inventory",
    "change-the-work-environment",
    "enhance-the-producer-customer-relationship",
    "manage-time",
    "manage-variation",
    "design-systems-to-avoid-mistakes",
    "focus-on-the-product-or-service",
]
Evidence = Literal["evidence-based", "practice-based", "expert-opinion"]
MeasureType = Literal["outcome", "process", "balancing"]
Unit = Literal["percent", "rate", "count", "days", "minutes", "hours", "score", "ratio"]
Improvement = Literal["decrease", "increase"]
Frequency = Literal["weekly", "monthly", "quarterly"]


class Driver(BaseModel):
    """A node of the driver diagram (the fields both kinds of driver share)."""

    model_config = STRICT
    id: Id
    """Identifier, unique in the topic."""
    title: Text
    """Short statement of the driver."""
    description: MarkdownText | None = None
    """Why it matters."""


class PrimaryDriver(Driver):
    """A primary driver: a system component that must change to reach the aim."""


class SecondaryDriver(Driver):
    """A secondary driver: a more specific lever acting on one or more primary drivers."""

    primary: list[Id] = Field(min_length=1)
    """Ids of the primary drivers it acts on."""


class Reference(BaseModel):
    """A publication cited by the topic."""

    model_config = STRICT
    id: Id
    """Identifier, unique in the topic."""
    citation: Citation
    """Full citation (Vancouver style), as published: the same in every edition."""
    url: Url | None = None
    """Where to read it."""


class Topic(BaseModel):
    """A topic of the collaborative (`topics/<id>/topic.yaml`)."""

    model_config = STRICT
    id: Id
    """Identifier; equals the folder name."""
    title: Text
    """Name of the topic."""
    summary: Text
    """One or two sentences shown in lists."""
    aim: Text
    """The topic's aim: how much, by when."""
    background: MarkdownText | None = None
    """Why this topic matters."""
    order: int | None = None
    """Position in navigation (lower first)."""
    primary_drivers: list[PrimaryDriver] = Field(min_length=1)
    """Primary drivers of the driver diagram."""
    secondary_drivers: list[SecondaryDriver] = []
    """Secondary drivers of the driver diagram."""
    references: list[Reference] = []
    """Publications cited."""


class Resource(BaseModel):
    """A tool, template or reading that helps test a change idea."""

    model_config = STRICT
    title: Text
    """What it is."""
    url: Url
    """Where to find it."""


class ChangeIdea(BaseModel):
    """A specific change to test with PDSA cycles."""

    model_config = STRICT
    id: Id
    """Identifier, unique in the topic; the anchor on the concept page."""
    title: Text
    """Short imperative statement of the change."""
    description: MarkdownText
    """What the change is."""
    rationale: MarkdownText | None = None
    """Why it is expected to work."""
    how_to_test: MarkdownText | None = None
    """A first small PDSA cycle to try."""
    typical_failures: list[Text] = []
    """What commonly goes wrong."""
    measures: list[Ref] = []
    """Ids of the measures that show whether it worked."""
    settings: list[Slug] = []
    """Where it applies (free slugs, used as facets)."""
    evidence: Evidence | None = None
    """Strength of the evidence behind it."""
    resources: list[Resource] = []
    """Tools and readings."""


class ChangeConcept(BaseModel):
    """A general idea for change, with the specific change ideas under it."""

    model_config = STRICT
    id: Id
    """Identifier, unique in the topic; the concept's page slug."""
    title: Text
    """Short statement of the concept."""
    description: MarkdownText
    """What the concept means in this topic."""
    drivers: list[Id] = Field(min_length=1)
    """Ids of the drivers (secondary or primary) it acts on."""
    group: ConceptGroup | None = None
    """One of Langley's nine groups of change concepts."""
    change_ideas: list[ChangeIdea] = []
    """The specific change ideas."""


class ChangesFile(BaseModel):
    """The change concepts of a topic, each with its change ideas (`topics/<id>/changes.yaml`)."""

    model_config = STRICT
    change_concepts: list[ChangeConcept] = []
    """The topic's change concepts."""


class Measure(BaseModel):
    """A measure with its operational definition."""

    model_config = STRICT
    id: Id
    """Identifier, unique in the topic; the measure's page slug."""
    title: Text
    """Name of the measure."""
    type: MeasureType
    """Outcome, process or balancing."""
    description: MarkdownText
    """What it measures and why."""
    numerator: Text | None = None
    """What is counted."""
    denominator: Text | None = None
    """What it is counted against."""
    exclusions: Text | None = None
    """What is left out."""
    unit: Unit
    """Unit of the values."""
    per: int | None = Field(default=None, gt=0)
    """For rates: the base ("per 1,000 patient-days")."""
    improvement: Improvement
    """Which direction is better."""
    target: Number | None = None
    """Target value, in the unit."""
    goal: Text | None = None
    """The goal in words."""
    data_source: Text | None = None
    """Where the data come from."""
    sampling: Text | None = None
    """How cases are sampled."""
    frequency: Frequency = "monthly"
    """How often it is reported."""


class MeasuresFile(BaseModel):
    """The measures of a topic (`topics/<id>/measures.yaml`)."""

    model_config = STRICT
    measures: list[Measure] = []
    """The topic's measures."""
