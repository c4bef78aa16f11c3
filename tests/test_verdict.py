"""Tests of verdicts placed in time: signals before the changes say the baseline is unstable, after them they count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.charts.signals import (
    EXACT_CROSSINGS_LIMIT,
    MAX_POINTS,
    Point,
    SeriesTooLongError,
    anhoej_crossings_limit,
)
from generator.charts.verdict import Reading, changes_start, read_series
from generator.cli import main
from tests.conftest import FIXTURES, copy_project

ROOT = Path(__file__).resolve().parents[1]
MANZANARES = ROOT / "content/topics/emergency-flow/stories/hospital-manzanares-madrid.yaml"


def monthly(values: Sequence[float], start: str = "2025-01") -> list[Point]:
    year, month = int(start[:4]), int(start[5:])
    points = []
    for offset, value in enumerate(values):
        m = month - 1 + offset
        points.append(Point(f"{year + m // 12:04d}-{m % 12 + 1:02d}", value))
    return points


def placements(reading: Reading) -> list[tuple[str, str, str]]:
    return [(p.signal.rule_set, p.signal.rule, p.placement) for p in reading.placed]


def _manzanares(measure: str) -> Reading:
    story = yaml.safe_load(MANZANARES.read_text(encoding="utf-8"))
    result = next(r for r in story["results"] if r["measure"] == measure)
    points = [Point(str(period), float(value)) for period, value in result["series"].items()]
    first_change = min(str(a["period"]) for a in result["annotations"])
    return read_series(points, baseline=result["baseline"], direction="decrease", first_change=first_change)


def test_manzanares_door_to_provider_is_an_improvement_with_an_unstable_baseline() -> None:
    reading = _manzanares("door-to-provider")
    assert reading.verdict == "improvement"
    assert (reading.start, reading.start_reason) == (7, "change")  # Jan 2026, the first fast-track tests
    before = {(p.signal.rule, p.judged) for p in reading.unstable_baseline}
    # the rising trend of Aug-Dec 2025 and the December peak: before any change, not counted against it
    assert before == {("trend", (2, 6)), ("astronomical", (6, 6))}
    assert all(p.signal.verdict == "deterioration" for p in reading.unstable_baseline)
    assert [p.signal.rule for p in reading.deciding] == ["shift"]
    assert reading.deciding[0].judged == (8, 17)  # Feb 2026 to Nov 2026, below the baseline median
    assert reading.rule_set_verdicts == (("ihi", "improvement"), ("anhoej", "improvement"))
    assert reading.agree


def test_manzanares_left_without_being_seen_is_an_improvement_too() -> None:
    reading = _manzanares("left-without-being-seen")
    assert reading.verdict == "improvement"
    assert reading.unstable_baseline


def test_only_signal_inside_the_baseline_means_no_signal_since_the_changes() -> None:
    # a trend up through the baseline, then random variation around the baseline median
    values = [10, 11, 12, 13, 14, 15, 12, 13, 11, 14, 12, 13, 11, 14, 12, 13]
    reading = read_series(monthly(values), baseline=6, direction="decrease", first_change="2025-07")
    assert placements(reading) == [("ihi", "trend", "before")]
    assert reading.verdict == "no-signal"
    assert reading.deciding == ()
    assert reading.rule_set_verdicts == (("ihi", "no-signal"), ("anhoej", "no-signal"))


def test_without_a_baseline_signals_before_the_first_annotated_change_do_not_count() -> None:
    values = [20, 21, 22, 23, 24, 25, 22, 23, 21, 24, 22, 23, 21, 24, 22, 23]
    reading = read_series(monthly(values), baseline=None, direction="decrease", first_change="2025-07")
    assert (reading.start, reading.start_reason) == (6, "change")
    assert reading.verdict == "no-signal"
    assert [p.signal.rule for p in reading.unstable_baseline] == ["trend"]


def test_a_clear_deterioration_after_the_changes_is_a_deterioration() -> None:
    values = [10, 12, 11, 13, 10, 12, 11, 16, 17, 18, 17, 19, 18, 20, 19, 18]
    reading = read_series(monthly(values), baseline=7, direction="decrease", first_change="2025-08")
    assert reading.verdict == "deterioration"
    assert not reading.unstable_baseline
    assert [p.signal.rule for p in reading.deciding] == ["shift"]
    assert reading.deciding[0].after == tuple(range(7, 16))  # every point since the changes, above the median
    assert reading.rule_set_verdicts == (("ihi", "deterioration"), ("anhoej", "deterioration"))


def test_rule_sets_that_disagree_are_reported_as_such() -> None:
    # six points falling after the changes: a trend for the IHI rules, no long run for Anhøj
    values = [20, 22, 21, 23, 20, 22, 21, 23, 22, 21.5, 20.5, 19.5, 18.5, 24, 20.8, 23.5, 20.9, 22.5]
    reading = read_series(monthly(values), baseline=8, direction="decrease", first_change="2025-09")
    assert reading.verdict == "improvement"
    assert [p.signal.rule for p in reading.deciding] == ["trend"]
    assert reading.rule_set_verdicts == (("ihi", "improvement"), ("anhoej", "no-signal"))
    assert not reading.agree


def test_a_signal_without_direction_agrees_with_one_with_a_direction() -> None:
    reading = read_series(monthly([10, 12, 11, 13] * 3), baseline=None, direction="decrease", first_change=None)
    unclear = replace(reading, rule_set_verdicts=(("ihi", "improvement"), ("anhoej", "unclear")))
    assert unclear.agree
    assert not replace(reading, rule_set_verdicts=(("ihi", "unclear"), ("anhoej", "no-signal"))).agree
    assert replace(reading, rule_set_verdicts=(("ihi", "improvement"), ("anhoej", None))).agree  # not applied


def test_a_run_that_begins_in_the_baseline_counts_when_its_later_points_meet_the_rule_alone() -> None:
    values = [10, 12, 11, 13, 8, 7, 6, 7, 8, 6, 7, 8, 7, 6]  # a run below from the 5th point
    reading = read_series(monthly(values), baseline=6, direction="decrease", first_change=None)
    shift = next(p for p in reading.placed if p.signal.rule == "shift")
    assert (shift.judged, shift.after, shift.placement) == ((4, 13), tuple(range(6, 14)), "after")
    assert reading.verdict == "improvement"


def test_a_run_that_straddles_the_start_but_is_short_after_it_is_not_counted() -> None:
    values = [10, 12, 11, 13, 10, 12, 15, 16, 15, 17, 16, 15, 9, 11, 10, 12, 9, 13, 10, 11]
    reading = read_series(monthly(values), baseline=6, direction="decrease", first_change="2025-10")
    shift = next(p for p in reading.placed if p.signal.rule == "shift")
    assert (shift.judged, shift.after, shift.placement) == ((5, 11), (9, 10, 11), "across")
    assert reading.verdict == "no-signal"
    assert not reading.unstable_baseline  # 4 points before the start: not a shift of its own either


def test_whole_series_rules_are_judged_again_on_the_points_after_the_changes() -> None:
    values = [10, 10, 10, 10, 13, 13, 13, 13, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6, 5, 6]
    reading = read_series(monthly(values), baseline=8, direction="decrease", first_change="2025-09")
    few = next(p for p in reading.placed if p.signal.rule == "runs-too-few")
    assert few.judged == (0, 19)  # the rule judged every point
    assert (few.after_useful, few.after_runs, few.placement) == (12, 1, "after")
    crossings = next(p for p in reading.placed if p.signal.rule == "few-crossings")
    assert crossings.placement == "after"
    # the changes starting 3 points before the end: the pattern lies before them (the baseline is unstable)
    late = read_series(monthly(values), baseline=8, direction="decrease", first_change="2026-06")
    assert {p.signal.rule: p.placement for p in late.placed}["runs-too-few"] == "before"
    # starting 9 points before the end: neither side meets the rule alone
    middle = read_series(monthly(values), baseline=8, direction="decrease", first_change="2025-12")
    assert {p.signal.rule: p.placement for p in middle.placed}["runs-too-few"] == "across"


def test_no_baseline_and_no_change_every_signal_counts() -> None:
    values = [10, 12, 11, 13, 10, 12, 11, 13, 5, 6, 5, 6, 5, 6, 5, 6]
    reading = read_series(monthly(values), baseline=None, direction="increase", first_change=None)
    assert (reading.start, reading.start_reason) == (0, "none")
    assert all(p.placement == "after" for p in reading.placed)


def test_changes_start() -> None:
    points = monthly([1, 2, 3, 4, 5, 6])
    assert changes_start(points, baseline=3, first_change=None) == (3, "baseline")
    assert changes_start(points, baseline=3, first_change="2025-02") == (3, "baseline")
    assert changes_start(points, baseline=3, first_change="2025-05") == (4, "change")
    assert changes_start(points, baseline=None, first_change="2026-01") == (6, "change")
    assert changes_start(points, baseline=9, first_change=None) == (6, "baseline")


def test_nothing_after_the_changes_yet_means_no_signal() -> None:
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    reading = read_series(monthly(values), baseline=None, direction="decrease", first_change="2026-06")
    assert reading.start == len(values)
    assert reading.verdict == "no-signal" and reading.unstable_baseline


# --- limits -----------------------------------------------------------------------------------


def test_the_crossings_limit_in_logarithms_matches_the_exact_one() -> None:
    from generator.charts.signals import _crossings_limit_log

    for n in [*range(10, 400), *range(EXACT_CROSSINGS_LIMIT - 50, EXACT_CROSSINGS_LIMIT + 1)]:
        assert _crossings_limit_log(n - 1) == anhoej_crossings_limit(n), n
    # above the exact range the two ways still agree (the exact sum, computed here directly)
    for n in (2_500, 4_001):
        total, term, cumulative, k = 2 ** (n - 1), 1, 0, 0
        while 20 * (cumulative + term) < total:
            cumulative += term
            term = term * (n - 1 - k) // (k + 1)
            k += 1
        assert anhoej_crossings_limit(n) == k


def test_the_series_length_limit_is_named_in_the_message() -> None:
    points = [Point("2025-01", 1.0)] * (MAX_POINTS + 1)
    with pytest.raises(SeriesTooLongError, match="series-length limit of 100,000 points"):
        read_series(points, baseline=None, direction="increase", first_change=None)


# --- the series-length limit, end to end ------------------------------------------------------


def long_story(count: int) -> str:
    """ward-7 of the minimal fixture with a daily series of ``count`` points."""
    start = dt.date(1800, 1, 1)
    series = "".join(f"      {start + dt.timedelta(days=i)}: {10 + (i * 7919) % 13}\n" for i in range(count))
    fixture = (FIXTURES / "minimal/content/topics/falls/stories/ward-7.yaml").read_text(encoding="utf-8")
    head, tail = fixture.split("    series:\n")
    return (
        head.replace("baseline: 6", "baseline: 20")
        + "    series:\n"
        + series
        + "assessment:"
        + tail.split("assessment:")[1]
    )


def test_a_series_past_the_limit_is_refused_with_a_message_naming_the_limit(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "minimal", tmp_path / "project")
    story = project.root / "content/topics/falls/stories/ward-7.yaml"
    story.write_text(long_story(MAX_POINTS + 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project.root), "validate"])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[0] == (
        "content/topics/falls/stories/ward-7.yaml:14:7: error: results[0].series: the series has 100,001 points, more"
        " than the series-length limit of 100,000 points; aggregate the data (for example daily to weekly) or split"
        " the series [data.series-length]"
    )
    # 200,002 YAML values written out in full: data, not an alias expansion
    assert "anchors and aliases" not in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 2  # the one error, and the summary
