"""A team story: `topics/<topic>/stories/<id>.yaml` — what a team tested and what it saw."""

from __future__ import annotations

from pydantic import BaseModel, Field

from generator.model.fields import STRICT, Id, MarkdownText, Name, Number, Period, Ref, Slug, Text


class Quote(BaseModel):
    """Something a team member said."""

    model_config = STRICT
    text: Text
    """The words."""
    by: Name
    """Who said it: the person's name, the same in every edition ("Inês Carvalho")."""
    role: Text | None = None
    """Their role, translated like any text ("family doctor and team lead")."""


class SeriesAnnotation(BaseModel):
    """A change marked on the run chart at the period it started."""

    model_config = STRICT
    period: Period
    """Period of the data point the note belongs to."""
    text: Text
    """What changed."""


class Result(BaseModel):
    """A data series the team reported for one measure."""

    model_config = STRICT
    measure: Ref
    """Id of the measure."""
    baseline: int | None = Field(default=None, ge=1)
    """How many leading points form the baseline: their median is frozen and extended to the later points."""
    series: dict[Period, Number] = {}
    """`period: value` pairs, in time order, one kind of period; leave it out when the points come
    from data files (`content/data/*.csv` or `*.xlsx`)."""
    annotations: list[SeriesAnnotation] = []
    """Changes marked on the chart."""


class TeamStory(BaseModel):
    """The story of a team that tested the changes."""

    model_config = STRICT
    id: Id
    """Identifier; equals the file name."""
    title: Text
    """Headline of the story."""
    team: Name
    """Name of the team or organisation (the same in every edition)."""
    location: Text
    """City and country, translated like any text ("Seville, Spain" → "Sevilla, España")."""
    setting: Slug | None = None
    """Kind of setting (facet)."""
    summary: Text
    """One sentence."""
    narrative: MarkdownText
    """The story: cycles tested, what failed, what worked."""
    changes_tested: list[Ref] = Field(min_length=1)
    """Ids of the change ideas tested."""
    quotes: list[Quote] = []
    """Quotes from team members."""
    results: list[Result] = []
    """Data series reported."""
    assessment: dict[Period, float] = {}
    """`period: score` pairs: the team's monthly scores on the assessment scale (1.0 to 5.0 by default)."""
