"""Results across teams, shared by the site and the PDFs: each team's reading of a measure, the
collaborative's aggregate, the counts, and their drawings (small multiples, the aggregate chart)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.charts.aggregate import AggregatePoint, CountedPoint, Method, aggregate, methods, reached_target
from generator.charts.multiples import Panel, SharedScale, render_panel, shared_scale
from generator.charts.reading import ReadingText, reading_text
from generator.charts.runchart import NARROW_WIDTH, WIDTH, RunChartText, render_run_chart
from generator.charts.signals import Point, Summary
from generator.charts.verdict import Reading, read_series
from generator.editions.view import Edition
from generator.i18n import N_
from generator.knowledge.data import unit_scale
from generator.knowledge.kb import DataPoint, KnowledgeBase, TopicEntry, qualified
from generator.model import Measure, Result, TeamStory
from generator.render.drawings import chart_marks
from generator.render.drawings import reading as team_reading

METHOD_NAMES: dict[str, str] = {
    "pooled": N_("Pooled: the sum of the teams' numerators over the sum of their denominators, each period."),
    "median": N_("The median of the teams' values, each period."),
    "mixed": N_(
        "Pooled (the sum of the numerators over the sum of the denominators) where every team gave its counts, "
        "otherwise the median of the teams' values; the table says which for each period."
    ),
}
#: A column of the aggregate's data table: how one period was computed.
METHOD_SHORT: dict[str, str] = {"pooled": N_("pooled"), "median": N_("median")}


@dataclass(frozen=True)
class TeamResult:
    """One team's series of a measure and what it shows."""

    story_key: str
    team: str
    result: Result
    points: tuple[DataPoint, ...]
    reading: Reading
    reached: bool | None  # None: the measure has no target

    @property
    def verdict(self) -> Summary:
        return self.reading.verdict


@dataclass(frozen=True)
class MeasureResults:
    """Every team's series of one measure, and the collaborative's aggregate (two teams or more)."""

    key: str
    measure: Measure
    teams: tuple[TeamResult, ...]
    aggregate: tuple[AggregatePoint, ...]
    aggregate_reading: Reading | None

    @property
    def improved(self) -> int:
        return sum(team.verdict == "improvement" for team in self.teams)

    @property
    def reached(self) -> int:
        return sum(bool(team.reached) for team in self.teams)

    def notes(self) -> list[tuple[TeamResult, DataPoint]]:
        """The notes the data files gave with the teams' points (untrusted text: escape it)."""
        return [(team, point) for team in self.teams for point in team.points if point.note]

    def team(self, story_key: str) -> TeamResult | None:
        return next((team for team in self.teams if team.story_key == story_key), None)

    @property
    def method(self) -> str | None:
        """`pooled`, `median` or `mixed` (None without an aggregate)."""
        used = methods(self.aggregate)
        if not used:
            return None
        return next(iter(used)) if len(used) == 1 else "mixed"


def measure_results(kb: KnowledgeBase, measure_key: str) -> MeasureResults:
    """The teams that report a measure, in the order of the links, and their aggregate."""
    measure = kb.item(measure_key).model
    assert isinstance(measure, Measure)
    teams = tuple(team_result(kb, story_key, measure_key, measure) for story_key in reported_by(kb, measure_key))
    counted = [[counted_point(p) for p in team.points] for team in teams]
    combined = tuple(aggregate(counted, scale=unit_scale(measure))) if len(teams) > 1 else ()
    return MeasureResults(measure_key, measure, teams, combined, aggregate_reading(combined, teams, measure))


def reported_by(kb: KnowledgeBase, measure_key: str) -> list[str]:
    return list(kb.links.reported_by.get(measure_key, []))


def team_result(kb: KnowledgeBase, story_key: str, measure_key: str, measure: Measure) -> TeamResult:
    entry = kb.topic(story_key.split("/", 1)[0])
    story = kb.item(story_key).model
    assert isinstance(story, TeamStory)
    result = next(r for r in story.results if qualified(entry.id, r.measure) == measure_key)
    points = tuple(kb.points.get((story_key, measure_key), ()))
    reached = None
    if measure.target is not None:
        reached = reached_target([p.value for p in points], measure.target, measure.improvement)
    return TeamResult(story_key, story.team, result, points, team_reading(kb, entry, result), reached)


def counted_point(point: DataPoint) -> CountedPoint:
    return CountedPoint(point.period, point.value, point.numerator, point.denominator)


def aggregate_reading(
    combined: tuple[AggregatePoint, ...], teams: tuple[TeamResult, ...], measure: Measure
) -> Reading | None:
    """The rules applied to the aggregate. Its changes begin when the first team's began (the end of
    its baseline or its first annotated change); the aggregate's points before form its baseline."""
    if not combined:
        return None
    starts = [t.reading.points[t.reading.start].period for t in teams if t.reading.start < len(t.reading.points)]
    first = min(starts, default=None)
    before = sum(p.period < first for p in combined) if first is not None else 0
    points = [Point(p.period, p.value) for p in combined]
    return read_series(points, baseline=before or None, direction=measure.improvement, first_change=first)


def topic_results(kb: KnowledgeBase, entry: TopicEntry) -> list[MeasureResults]:
    """The topic's measures that at least one team reports, in the topic's order."""
    keys = [f"{entry.id}/{m.id}" for m in entry.measures]
    return [measure_results(kb, key) for key in keys if reported_by(kb, key)]


def improved_on_any(kb: KnowledgeBase, entry: TopicEntry, table: list[MeasureResults]) -> int:
    """How many of the topic's stories show improvement on at least one measure."""
    improving = {t.story_key for results in table for t in results.teams if t.verdict == "improvement"}
    return sum(f"{entry.id}/{story.id}" in improving for story in entry.stories)


# Drawings ---------------------------------------------------------------------------------------
def unit_value(edition: Edition, value: float) -> str:
    return edition.format_number(value, 3)


def team_panels(results: MeasureResults, edition: Edition) -> tuple[list[Panel], SharedScale]:
    measure = edition.text(results.measure, "title")
    panels = []
    for team in results.teams:
        points = tuple(Point(p.period, p.value) for p in team.points)
        first, last = team.points[0], team.points[-1]
        description = edition.gettext("%(count)d points from %(start)s (%(first)s) to %(end)s (%(last)s).") % {
            "count": len(points),
            "start": edition.format_period(first.period),
            "first": unit_value(edition, first.value),
            "end": edition.format_period(last.period),
            "last": unit_value(edition, last.value),
        }
        title = edition.gettext("%(measure)s, %(team)s") % {"measure": measure, "team": team.team}
        panels.append(Panel(points, baseline_median(team.reading), title, description))
    return panels, shared_scale(panels, results.measure.target)


def baseline_median(reading: Reading) -> float | None:
    centre = reading.analyses[0].median
    return float(centre) if centre is not None else None


def small_multiples(results: MeasureResults, edition: Edition, prefix: str) -> list[tuple[TeamResult, str]]:
    """Each team with its panel's SVG, all on one scale."""
    panels, scale = team_panels(results, edition)
    return [
        (
            team,
            render_panel(
                panel,
                scale,
                target=results.measure.target,
                format_value=lambda v: unit_value(edition, v),
                format_period=edition.format_period,
                element_id=f"{prefix}-{index}",
            ),
        )
        for index, (team, panel) in enumerate(zip(results.teams, panels, strict=True), start=1)
    ]


def aggregate_words(results: MeasureResults, edition: Edition) -> ReadingText:
    """The aggregate's reading in words: the lead sentence (verdict and deciding signal) and notes."""
    assert results.aggregate_reading is not None
    return reading_text(
        results.aggregate_reading,
        gettext=edition.gettext,
        format_period=edition.format_period,
        format_value=lambda v: unit_value(edition, v),
    )


def aggregate_svg(results: MeasureResults, edition: Edition, element_id: str, *, narrow: bool = False) -> str:
    """The collaborative's aggregate as a run chart, with the rules applied (drawn like a team's)."""
    reading = results.aggregate_reading
    assert reading is not None
    words = aggregate_words(results, edition)
    title = edition.gettext("Run chart: %(measure)s, all teams") % {"measure": edition.text(results.measure, "title")}
    text = RunChartText(
        title=title,
        description=" ".join([method_label(results, edition), words.lead, *words.notes]),
        median_label=edition.gettext("Median"),
        target_label=edition.gettext("Target"),
        baseline_label=edition.gettext("Baseline"),
        unit_label=edition.labels.unit(results.measure),
        counted_label=edition.gettext("Signal since the changes"),
        uncounted_label=edition.gettext("Signal not counted"),
    )
    return render_run_chart(
        list(reading.points),
        reading.analyses[0],
        target=results.measure.target,
        annotations=[],
        text=text,
        format_period=edition.format_period,
        format_value=lambda v: unit_value(edition, v),
        element_id=element_id,
        marks=chart_marks(reading),
        width=NARROW_WIDTH if narrow else WIDTH,
    )


def method_label(results: MeasureResults, edition: Edition) -> str:
    method = results.method
    return edition.gettext(METHOD_NAMES[method]) if method else ""


def method_short(method: Method, edition: Edition) -> str:
    return edition.gettext(METHOD_SHORT[method])
