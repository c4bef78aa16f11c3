"""Drawings and verdicts shared by the site and the PDFs, so the two outputs cannot disagree."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel

from generator.charts.assessment import render_assessment_chart
from generator.charts.driver_diagram import DiagramNode, DriverDiagram, render_driver_diagram
from generator.charts.reading import ReadingText, reading_text
from generator.charts.runchart import NARROW_WIDTH, WIDTH, Annotation, Marks, RunChartText, render_run_chart
from generator.charts.signals import Point, Summary
from generator.charts.verdict import Reading, read_series
from generator.editions.labels import VERDICT_LABELS
from generator.editions.view import Edition
from generator.knowledge.kb import KnowledgeBase, TopicEntry, qualified
from generator.model import Measure, Result, TeamStory


def driver_diagram_svg(entry: TopicEntry, edition: Edition, href: Callable[[str], str | None], element_id: str) -> str:
    """The topic's driver diagram: aim → primary → secondary drivers → change concepts; a label
    shown in the source language carries the same mark as fallback text."""
    topic = entry.topic

    def node(model: BaseModel, key: str) -> DiagramNode:
        text = edition.text(model, "title")
        assert text is not None
        return DiagramNode(key.rsplit("/", 1)[-1], str(text), href(key), text.lang if text.fallback else None)

    aim = edition.text(topic, "aim")
    assert aim is not None
    diagram = DriverDiagram(
        aim=str(aim),
        primaries=tuple(node(d, f"{topic.id}/{d.id}") for d in topic.primary_drivers),
        secondaries=tuple((node(d, f"{topic.id}/{d.id}"), tuple(d.primary)) for d in topic.secondary_drivers),
        concepts=tuple((node(c, f"{topic.id}/{c.id}"), tuple(c.drivers)) for c in entry.concepts),
        headings=(
            edition.gettext("Aim"),
            edition.gettext("Primary drivers"),
            edition.gettext("Secondary drivers"),
            edition.gettext("Change concepts"),
        ),
        aim_fallback=aim.lang if aim.fallback else None,
    )
    label = edition.text
    title = edition.gettext("Driver diagram: %(topic)s") % {"topic": label(topic, "title")}
    description = edition.gettext(
        "From the aim on the left to the primary drivers, the secondary drivers and the change concepts "
        "that act on them; each concept links to its page."
    )
    return render_driver_diagram(diagram, title=title, description=description, element_id=element_id)


def measure_of(kb: KnowledgeBase, entry: TopicEntry, result: Result) -> Measure:
    key = qualified(entry.id, result.measure)
    model = kb.item(key).model
    assert isinstance(model, Measure)
    return model


def points_of(result: Result) -> list[Point]:
    return [Point(period, value) for period, value in result.series.items()]


def reading(kb: KnowledgeBase, entry: TopicEntry, result: Result) -> Reading:
    """Both rule sets applied to one result series, their signals placed in time, and the verdict."""
    periods = [annotation.period for annotation in result.annotations]
    return read_series(
        points_of(result),
        baseline=result.baseline,
        direction=measure_of(kb, entry, result).improvement,
        first_change=min(periods) if periods else None,
    )


def reading_words(entry: TopicEntry, result: Result, edition: Edition) -> ReadingText:
    """What the run chart shows, in words, in the edition's language (the lead, notes and rule rows)."""
    return reading_text(
        reading(edition.kb, entry, result),
        gettext=edition.gettext,
        format_period=edition.format_period,
        format_value=lambda v: edition.format_number(v, 3),
    )


def rule_set_verdicts(entry: TopicEntry, result: Result, edition: Edition) -> dict[str, str]:
    """Each rule set's verdict since the changes, as a label ("Not applied" when it could not be)."""
    found = dict(reading(edition.kb, entry, result).rule_set_verdicts)
    return {
        rule_set: edition.gettext(VERDICT_LABELS[verdict]) if verdict else edition.gettext("Not applied")
        for rule_set, verdict in found.items()
    }


def chart_marks(found: Reading) -> Marks:
    """The points of the signals that count (red) and of those that do not (red rings), both rule sets."""
    counted = frozenset(i for p in found.placed if p.counts for i in p.signal.indices)
    uncounted = frozenset(i for p in found.placed if not p.counts for i in p.signal.indices) - counted
    return Marks(counted, uncounted)


def run_chart_svg(
    entry: TopicEntry, story: TeamStory, result: Result, edition: Edition, element_id: str, *, narrow: bool = False
) -> str:
    """The run chart drawn for a page (and the PDF), or for a phone's column (``narrow``)."""
    kb = edition.kb
    measure = measure_of(kb, entry, result)
    found, points = reading(kb, entry, result), points_of(result)
    words = reading_words(entry, result, edition)
    title = edition.gettext("Run chart: %(measure)s, %(team)s") % {
        "measure": edition.text(measure, "title"),
        "team": story.team,
    }
    text = RunChartText(
        title=title,
        description=" ".join([words.lead, *words.notes]),
        median_label=edition.gettext("Median"),
        target_label=edition.gettext("Target"),
        baseline_label=edition.gettext("Baseline"),
        unit_label=edition.labels.unit(measure),
        counted_label=edition.gettext("Signal since the changes"),
        uncounted_label=edition.gettext("Signal not counted"),
    )
    notes = [Annotation(a.period, str(edition.text(a, "text"))) for a in result.annotations]
    return render_run_chart(
        points,
        found.analyses[0],  # the median and baseline (the same for both rule sets)
        target=measure.target,
        annotations=notes,
        text=text,
        format_period=edition.format_period,
        format_value=lambda v: edition.format_number(v, 3),  # up to 3 decimals, trailing zeros dropped
        element_id=element_id,
        marks=chart_marks(found),
        width=NARROW_WIDTH if narrow else WIDTH,
    )


def data_rows(result: Result, edition: Edition) -> list[tuple[str, str, str]]:
    """The chart's data as (period, value, the numbered annotations of that period), formatted for the reader."""
    ordered = sorted(enumerate(result.annotations), key=lambda item: (item[1].period, item[0]))  # as on the chart
    notes: dict[str, list[str]] = {}
    for number, (_, annotation) in enumerate(ordered, start=1):
        notes.setdefault(annotation.period, []).append(f"{number}. {edition.text(annotation, 'text')}")
    return [
        (edition.format_period(period), edition.format_number(value, 3), "; ".join(notes.get(period, [])))
        for period, value in result.series.items()
    ]


def assessment_svg(story: TeamStory, edition: Edition, element_id: str) -> str:
    scale = [(level.score, str(edition.text(level, "label"))) for level in edition.kb.scale]
    return render_assessment_chart(
        list(story.assessment.items()),
        scale,
        title=edition.gettext("Assessment scores: %(team)s") % {"team": story.team},
        description=edition.gettext("Monthly scores of the team on the collaborative's 1 to 5 assessment scale."),
        format_period=edition.format_period,
        element_id=element_id,
    )


def result_verdict(kb: KnowledgeBase, entry: TopicEntry, result: Result) -> Summary:
    return reading(kb, entry, result).verdict


def story_verdicts(kb: KnowledgeBase, measure_key: str) -> list[tuple[str, Summary]]:
    """For a measure: each story that reports it, with what its data show."""
    verdicts: list[tuple[str, Summary]] = []
    for story_key in kb.links.reported_by.get(measure_key, []):
        entry = kb.topic(story_key.split("/")[0])
        story = next(s for s in entry.stories if f"{entry.id}/{s.id}" == story_key)
        for result in story.results:
            key = qualified(entry.id, result.measure)
            if key == measure_key:
                verdicts.append((story_key, result_verdict(kb, entry, result)))
    return verdicts


def improving_teams(kb: KnowledgeBase, entry: TopicEntry) -> int:
    """How many of a topic's stories show improvement on at least one measure."""
    return sum(any(result_verdict(kb, entry, r) == "improvement" for r in story.results) for story in entry.stories)
