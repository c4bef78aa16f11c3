"""Tests of a run chart's reading in words: one lead, notes said once, one row per rule of each rule set."""

from __future__ import annotations

from generator.charts.reading import ReadingText, reading_text
from generator.charts.verdict import read_series
from tests.test_verdict import _manzanares, monthly


def text_of(values: list[float], **kwargs: object) -> ReadingText:
    reading = read_series(monthly(values), **kwargs)  # type: ignore[arg-type]
    return reading_text(reading, gettext=lambda s: s, format_period=lambda p: p, format_value=str)


def test_manzanares_reads_as_an_improvement_with_an_unstable_baseline() -> None:
    text = reading_text(
        _manzanares("door-to-provider"), gettext=lambda s: s, format_period=lambda p: p, format_value=str
    )
    assert text.lead == (
        "Improvement since the changes began in 2026-01: a shift of 10 points below the baseline median"
        " from 2026-02 to 2026-11 (IHI run-chart rules)."
    )
    assert text.notes[0] == (
        "The baseline is not stable: before the changes began in 2026-01, a trend of 5 points going up"
        " from 2025-08 to 2025-12; an astronomical point in 2025-12, far above the median (IHI run-chart"
        " rules). These signals are counted neither for nor against the changes."
    )
    assert text.notes[-1] == "Median 55.0, computed on the 6 baseline points and extended over the later points."
    assert len(text.notes) == 2  # the rule sets agree: no disagreement note
    runs = next(row for row in text.rows if row.rule == "Number of runs")
    assert runs.finding == "Too few runs: 3 in 18 useful observations from 2025-06 to 2026-11, fewer than 6"
    assert runs.placement == (
        "Counts: the points since the changes alone meet the rule too (too few runs: 2 in 11 useful"
        " observations from 2026-01 to 2026-11, fewer than 3)"
    )


def test_every_rule_of_both_rule_sets_has_a_row_and_nothing_is_said_twice() -> None:
    text = reading_text(
        _manzanares("door-to-provider"), gettext=lambda s: s, format_period=lambda p: p, format_value=str
    )
    assert [row.rule for row in text.rows if row.rule_set == "anhoej"] == ["Longest run", "Number of crossings"]
    assert {row.rule for row in text.rows if row.rule_set == "ihi"} == {
        "Shift",
        "Trend",
        "Number of runs",
        "Astronomical point",
    }
    sentences = [text.lead, *text.notes]
    assert len(sentences) == len(set(sentences))
    assert sum("Median" in sentence for sentence in sentences) == 1
    assert not any("Median" in row.finding for row in text.rows)


def test_only_a_signal_inside_the_baseline_reads_as_no_signal_since_the_changes() -> None:
    text = text_of(
        [10, 11, 12, 13, 14, 15, 12, 13, 11, 14, 12, 13, 11, 14, 12, 13],
        baseline=6,
        direction="decrease",
        first_change="2025-07",
    )
    assert text.lead == "No signal since the changes began in 2025-07: the data vary only randomly."
    assert text.notes[0].startswith("The baseline is not stable: before the changes began in 2025-07, a trend of 6")
    trend = next(row for row in text.rows if row.rule == "Trend")
    assert trend.placement == "Not counted: before the changes began (the baseline is not stable)"


def test_a_deterioration_after_the_changes_leads_with_it() -> None:
    text = text_of(
        [10, 12, 11, 13, 10, 12, 11, 16, 17, 18, 17, 19, 18, 20, 19, 18],
        baseline=7,
        direction="decrease",
        first_change="2025-08",
    )
    assert text.lead == (
        "Deterioration since the changes began in 2025-08: a shift of 9 points above the baseline median"
        " from 2025-08 to 2026-04 (IHI run-chart rules)."
    )


def test_rule_sets_that_disagree_are_said_plainly() -> None:
    text = text_of(
        [20, 22, 21, 23, 20, 22, 21, 23, 22, 21.5, 20.5, 19.5, 18.5, 24, 20.8, 23.5, 20.9, 22.5],
        baseline=8,
        direction="decrease",
        first_change="2025-09",
    )
    assert text.lead.startswith("Improvement since the changes began in 2025-09: a trend of 5 points going down")
    assert (
        "The two rule sets disagree: the IHI run-chart rules find an improvement, the Anhøj rules find no signal."
        in text.notes
    )


def test_mixed_signals_name_one_of_each() -> None:
    values = [10, 12, 11, 13, 10, 12, 11, 13, 6, 5, 6, 5, 4, 5, 30, 6, 5, 6]
    text = text_of(values, baseline=8, direction="decrease", first_change="2025-09")
    assert text.lead.startswith("Mixed signals since the changes began in 2025-09: an improvement, a shift of")
    assert "and a deterioration, an astronomical point in 2026-03, far above the median (IHI run-chart rules)." in (
        text.lead
    )


def test_no_baseline_and_no_annotation_reads_without_a_start() -> None:
    text = text_of([10, 12, 11, 13, 10, 12, 11, 13, 5, 6, 5, 6, 5, 6, 5, 6], baseline=None, direction="decrease",
                   first_change=None)  # fmt: skip
    # with no start, a step down is a shift above the median and a shift below it: both count
    assert text.lead == (
        "Mixed signals: an improvement, a shift of 8 points below the median from 2025-09 to 2026-04 (IHI run-chart"
        " rules), and a deterioration, a shift of 8 points above the median from 2025-01 to 2025-08 (IHI run-chart"
        " rules)."
    )
    assert text.notes == ("Median 8.0, computed on all 16 points.",)


def test_too_few_points_and_nothing_after_the_baseline() -> None:
    assert text_of([1, 2, 3], baseline=None, direction="decrease", first_change=None).lead == (
        "Too few points (3) to apply the run-chart rules."
    )
    late = text_of(list(range(12)), baseline=12, direction="decrease", first_change=None)
    assert late.lead == "No points after the baseline yet: the rules cannot judge the changes."
