"""Typed authoring models (pydantic v2): the v1 authoring format (docs/fields.md is generated from them)."""

from generator.model.collaborative import Collaborative, FacultyMember, ScaleLevel, SettingLabel, TimelineEvent
from generator.model.package import ChangePackage
from generator.model.story import Quote, Result, SeriesAnnotation, TeamStory
from generator.model.topic import (
    ChangeConcept,
    ChangeIdea,
    ChangesFile,
    Measure,
    MeasuresFile,
    PrimaryDriver,
    Reference,
    Resource,
    SecondaryDriver,
    Topic,
)

__all__ = [
    "ChangeConcept",
    "ChangeIdea",
    "ChangePackage",
    "ChangesFile",
    "Collaborative",
    "FacultyMember",
    "Measure",
    "MeasuresFile",
    "PrimaryDriver",
    "Quote",
    "Reference",
    "Resource",
    "Result",
    "ScaleLevel",
    "SecondaryDriver",
    "SeriesAnnotation",
    "SettingLabel",
    "TeamStory",
    "TimelineEvent",
    "Topic",
]
