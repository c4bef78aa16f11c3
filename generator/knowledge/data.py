"""Link stage, data files: each row's story and measure resolved, checked, and merged into the series."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics, Location
from generator.knowledge.kb import DataPoint, Item, PointKey, SeriesKey, TopicEntry, qualified
from generator.knowledge.refs import Resolver, suggest
from generator.model import Measure, Result, TeamStory
from generator.source.datafiles import DataFiles, DataRow, clip

#: Units whose value is numerator / denominator × a scale (100 for a percentage, `per` for a rate).
RATIO_UNITS = frozenset({"percent", "rate", "ratio"})


def unit_scale(measure: Measure) -> float:
    """What numerator / denominator is multiplied by to give the measure's value."""
    if measure.unit == "percent":
        return 100.0
    if measure.unit == "rate":
        return float(measure.per or 1)
    return 1.0


@dataclass
class _Merge:
    """Points given so far, and where each was given (to report a second one)."""

    topics: dict[str, TopicEntry]
    resolver: Resolver
    given: dict[tuple[str, str, str], str] = field(default_factory=dict)
    added: dict[SeriesKey, list[DataPoint]] = field(default_factory=lambda: defaultdict(list))
    written_as: dict[SeriesKey, str] = field(default_factory=dict)  # the measure as the first row wrote it
    rows: dict[PointKey, Location] = field(default_factory=dict)  # each added point's period cell


def attach_data(
    topics: dict[str, TopicEntry], broken: set[str], data: DataFiles, diagnostics: Diagnostics
) -> tuple[dict[SeriesKey, list[DataPoint]], dict[PointKey, Location]]:
    """Merge the data files' points into the stories' results (replacing the story models), report
    every problem, and return each series's points and where each point from a data file was given."""
    merge = _Merge(topics, Resolver(topics, broken))
    for entry in topics.values():
        for story in entry.stories:
            record_yaml_points(merge, entry, story)
    for row in data.rows:
        place_row(merge, row, broken, diagnostics)
    points: dict[SeriesKey, list[DataPoint]] = {}
    for entry in topics.values():
        for index, story in enumerate(entry.stories):
            merged = merge_story(merge, entry, story)
            if merged is not story:
                entry.stories[index] = merged
                entry.items[story.id] = dataclasses.replace(entry.items[story.id], model=merged)
            points.update(series_points(merge, entry, merged))
            check_missing_series(entry, merged, diagnostics)
    return points, merge.rows


def record_yaml_points(merge: _Merge, entry: TopicEntry, story: TeamStory) -> None:
    doc = entry.story_docs[story.id]
    for ri, result in enumerate(story.results):
        key = qualified(entry.id, result.measure)
        for period in result.series:
            where = doc.location(("results", ri, "series", period), key=True)
            merge.given.setdefault((f"{entry.id}/{story.id}", key, period), str(where))


def place_row(merge: _Merge, row: DataRow, broken: set[str], diagnostics: Diagnostics) -> None:
    """Resolve a row's story and measure, check its values and keep its point."""
    found = find_story(merge.topics, broken, row, diagnostics)
    if found is None:
        return
    entry, story = found
    measure = find_measure(merge.resolver, entry, row, diagnostics)
    if measure is None:
        return
    assert isinstance(measure.model, Measure)
    value = checked_value(row, measure.model, diagnostics)
    story_key = f"{entry.id}/{story.id}"
    key = (story_key, measure.key, row.period)
    if key in merge.given:
        message = (
            f"{story_key} · {measure.id} · {row.period} is given twice (also at {merge.given[key]}); keep one of them"
        )
        diagnostics.error(row.at("period"), message, "data.duplicate")
        return
    merge.given[key] = str(row.row)
    if value is None or not same_granularity(merge, story, entry, measure.key, row, diagnostics):
        return
    merge.added[(story_key, measure.key)].append(DataPoint(row.period, value, row.numerator, row.denominator, row.note))
    merge.rows[key] = row.at("period")
    merge.written_as.setdefault((story_key, measure.key), row.measure)


def find_story(
    topics: dict[str, TopicEntry], broken: set[str], row: DataRow, diagnostics: Diagnostics
) -> tuple[TopicEntry, TeamStory] | None:
    topic_id, sep, story_id = row.story.rpartition("/")
    where = row.at("story")
    if not sep:
        homes = [f"{t.id}/{row.story}" for t in topics.values() if any(s.id == row.story for s in t.stories)]
        hint = f" (did you mean '{homes[0]}'?)" if len(homes) == 1 else ""
        message = f"'{clip(row.story)}' must name its topic: write topic-id/story-id{hint}"
        diagnostics.error(where, message, "data.story")
        return None
    entry = topics.get(topic_id)
    if entry is None:
        if topic_id not in broken:
            hint = suggest(topic_id, list(topics))
            diagnostics.error(where, f"unknown topic '{clip(topic_id)}' in '{clip(row.story)}'{hint}", "data.story")
        return None
    story = next((s for s in entry.stories if s.id == story_id), None)
    if story is None:
        if "story" not in entry.incomplete:
            hint = suggest(row.story, [f"{entry.id}/{s.id}" for s in entry.stories])
            diagnostics.error(where, f"unknown team story '{clip(row.story)}'{hint}", "data.story")
        return None
    return entry, story


def find_measure(resolver: Resolver, entry: TopicEntry, row: DataRow, diagnostics: Diagnostics) -> Item | None:
    found = resolver.resolve(row.measure, entry.id, ("measure",))
    if isinstance(found, str):
        diagnostics.error(row.at("measure"), clip(found, 200), "data.measure")
        return None
    return found


def checked_value(row: DataRow, measure: Measure, diagnostics: Diagnostics) -> float | None:
    """The point's value: as written, or computed from its counts; None (reported) if wrong."""
    if (row.numerator is None) != (row.denominator is None):
        missing = "denominator" if row.denominator is None else "numerator"
        diagnostics.error(row.at(missing), f"the {missing} is missing: give both counts, or neither", "data.counts")
        return None
    if row.numerator is not None and row.denominator is not None and not counts_ok(row, measure, diagnostics):
        return None
    value = row.value
    if value is None:
        if row.numerator is None or row.denominator is None:
            message = "the value is missing; write it (for a percentage or a rate, its numerator and denominator do)"
            diagnostics.error(row.at("value"), message, "data.value")
            return None
        value = row.numerator / row.denominator * unit_scale(measure)
    if measure.unit == "percent" and not 0 <= value <= 100:
        diagnostics.error(row.at("value"), f"{fmt(value)} is not a percentage (0 to 100)", "data.value")
        return None
    return value


def counts_ok(row: DataRow, measure: Measure, diagnostics: Diagnostics) -> bool:
    numerator, denominator = row.numerator, row.denominator
    assert numerator is not None and denominator is not None
    if denominator <= 0:
        diagnostics.error(
            row.at("denominator"), f"the denominator must be more than 0, not {fmt(denominator)}", "data.counts"
        )
        return False
    if numerator < 0:
        diagnostics.error(row.at("numerator"), f"the numerator must not be negative ({fmt(numerator)})", "data.counts")
        return False
    if measure.unit == "percent" and numerator > denominator:
        message = (
            f"the numerator ({fmt(numerator)}) is larger than the denominator ({fmt(denominator)}); "
            "a percentage counts part of its denominator"
        )
        diagnostics.error(row.at("numerator"), message, "data.counts")
        return False
    if row.value is None:
        return True
    scale = unit_scale(measure)
    computed = numerator / denominator * scale
    if abs(row.value - computed) > 0.5 * 10**-row.decimals + 1e-9 * max(1.0, abs(computed)):
        times = f" × {fmt(scale)}" if scale != 1 else ""
        message = (
            f"the value {fmt(row.value)} does not match its counts: {fmt(numerator)} / {fmt(denominator)}{times} "
            f"= {fmt(computed, 3)}; correct one of them, or leave the value empty to have it computed"
        )
        diagnostics.error(row.at("value"), message, "data.counts")
        return False
    return True


def same_granularity(
    merge: _Merge, story: TeamStory, entry: TopicEntry, measure_key: str, row: DataRow, diagnostics: Diagnostics
) -> bool:
    """A series is monthly (YYYY-MM) or daily (YYYY-MM-DD), never both."""
    story_key = f"{entry.id}/{story.id}"
    periods = [p.period for p in merge.added.get((story_key, measure_key), [])]
    periods += [p for r in story.results if qualified(entry.id, r.measure) == measure_key for p in r.series]
    other = next((p for p in periods if len(p) != len(row.period)), None)
    if other is None:
        return True
    message = f"{row.period} mixes daily and monthly periods in one series (it also has {other}); use one kind"
    diagnostics.error(row.at("period"), message, "data.period")
    return False


def merge_story(merge: _Merge, entry: TopicEntry, story: TeamStory) -> TeamStory:
    """The story with each result's series completed by the data files (a new result for a measure
    it reports only there)."""
    story_key = f"{entry.id}/{story.id}"
    pending = {mkey: added for (skey, mkey), added in merge.added.items() if skey == story_key}
    if not pending:
        return story
    results: list[Result] = []
    for result in story.results:
        added = pending.pop(qualified(entry.id, result.measure), None)
        if added is None:
            results.append(result)
            continue
        series = {**result.series, **{p.period: p.value for p in added}}
        results.append(result.model_copy(update={"series": dict(sorted(series.items()))}))
    for mkey, added in pending.items():
        series = dict(sorted((p.period, p.value) for p in added))
        results.append(Result.model_validate({"measure": merge.written_as[(story_key, mkey)], "series": series}))
    return story.model_copy(update={"results": results})


def series_points(merge: _Merge, entry: TopicEntry, story: TeamStory) -> dict[SeriesKey, list[DataPoint]]:
    story_key = f"{entry.id}/{story.id}"
    found: dict[SeriesKey, list[DataPoint]] = {}
    for result in story.results:
        key = (story_key, qualified(entry.id, result.measure))
        if key in found:
            continue
        rich = {p.period: p for p in merge.added.get(key, [])}
        found[key] = [rich.get(period) or DataPoint(period, value) for period, value in result.series.items()]
    return found


def check_missing_series(entry: TopicEntry, story: TeamStory, diagnostics: Diagnostics) -> None:
    doc = entry.story_docs[story.id]
    for ri, result in enumerate(story.results):
        if result.series:
            continue
        message = (
            f"no data for the measure '{result.measure}': write its series here, or rows for "
            f"'{entry.id}/{story.id}' in a data file under content/data/"
        )
        diagnostics.error(doc.location(("results", ri, "measure")), message, "data.missing", f"results[{ri}]")


def fmt(value: float, digits: int = 6) -> str:
    """A number in a message: no trailing zeros."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"
