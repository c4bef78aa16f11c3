"""The collaborative: `content/collaborative.yaml` — title, aim, timeline, faculty, scale."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from generator.model.fields import STRICT, Id, MarkdownText, Name, Text

Language = Literal["en", "es", "fr", "pt"]
EventKind = Literal["prework", "learning-session", "action-period", "congress", "other"]
FacultyRole = Literal["chair", "faculty", "improvement-advisor", "director", "content-expert", "other"]


class TimelineEvent(BaseModel):
    """One phase of the collaborative: prework, a Learning Session, an Action Period, the congress."""

    model_config = STRICT
    kind: EventKind
    """What this phase is."""
    title: Text | None = None
    """Shown name; derived from kind and order when absent ("Learning Session 2")."""
    start: dt.date
    """First day (ISO date)."""
    end: dt.date | None = None
    """Last day (ISO date), when it lasts more than one day."""
    location: Text | None = None
    """Where it takes place (city, country), for sessions and the congress; translated like any text
    ("Lisbon, Portugal" → "Lisboa, Portugal")."""
    description: MarkdownText | None = None
    """What happens in this phase."""

    @model_validator(mode="after")
    def _end_after_start(self) -> TimelineEvent:
        if self.end is not None and self.end < self.start:
            raise ValueError("'end' is before 'start'")
        return self


class FacultyMember(BaseModel):
    """A member of the expert faculty."""

    model_config = STRICT
    name: Name
    """Full name, as it should be printed (the same in every edition)."""
    role: FacultyRole
    """Role in the collaborative."""
    affiliation: Text | None = None
    """Their position and the organisation they work for ("Emergency physician, Hôpital Saint-Irénée, Lyon")."""


class ScaleLevel(BaseModel):
    """One level of the monthly assessment scale."""

    model_config = STRICT
    score: float = Field(ge=1.0, le=5.0, multiple_of=0.5)
    """Score from 1.0 to 5.0 in half steps."""
    label: Text
    """Short name of the level ("Modest improvement")."""
    description: Text | None = None
    """What a team at this level shows."""


class SettingLabel(BaseModel):
    """A setting that change ideas and stories may name (`settings: [icu]`), with its label.

    Common settings (primary-care, hospital, emergency-department, inpatient-ward,
    outpatient-clinic, intensive-care, community, home-care, long-term-care, mental-health) ship
    with Changekit, translated; declare the others here so that every edition can name them."""

    model_config = STRICT
    id: Id
    """The slug used in `settings:` and `setting:` (`rural-clinic`)."""
    label: Text
    """How readers see it ("Rural clinic")."""


class Collaborative(BaseModel):
    """The collaborative as a whole (`content/collaborative.yaml`)."""

    model_config = STRICT
    title: Text
    """Name of the collaborative."""
    summary: MarkdownText
    """What it is about, shown on the home page."""
    organizer: Name
    """Who runs it (an organization's name, the same in every edition)."""
    languages: list[Language] = Field(min_length=1)
    """Languages of the site and PDFs; the first is the source language, the others editions."""
    aim: Text | None = None
    """The collaborative's overall aim."""
    timeline: list[TimelineEvent] = []
    """Prework, Learning Sessions, Action Periods and congress, in time order."""
    faculty: list[FacultyMember] = []
    """The expert faculty."""
    settings: list[SettingLabel] = []
    """Labels of the settings the content names beyond the common ones that ship with Changekit."""
    assessment_scale: list[ScaleLevel] | None = Field(default=None, min_length=1)
    """Levels of the monthly assessment scale; the 1.0–5.0 default ships with the tool."""

    @property
    def source_language(self) -> str:
        return self.languages[0]
