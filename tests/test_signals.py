"""Tests of run-chart signal detection: published worked examples, edge cases and properties."""

from __future__ import annotations

import ast
import io
from collections.abc import Sequence
from pathlib import Path

import pytest
from babel.messages.extract import extract_python
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.charts import reading, signals
from generator.charts.reading import reading_text
from generator.charts.signals import (
    Analysis,
    Point,
    analyse_anhoej,
    analyse_ihi,
    anhoej_crossings_limit,
    anhoej_longest_run_limit,
    runs_limits,
)
from generator.charts.verdict import read_series


def monthly(values: Sequence[float], start: str = "2025-01") -> list[Point]:
    """Consecutive months from ``start``."""
    year, month = int(start[:4]), int(start[5:])
    points = []
    for offset, value in enumerate(values):
        m = month - 1 + offset
        points.append(Point(f"{year + m // 12:04d}-{m % 12 + 1:02d}", value))
    return points


def words(analysis: Analysis, points: list[Point], direction: signals.Direction = "increase") -> list[str]:
    """The lead, the notes and the findings of the analysis' rule set, as a reader gets them (no changes marked)."""
    baseline = analysis.baseline_count if analysis.baseline_count < len(points) else None
    reading = read_series(points, baseline=baseline, direction=direction, first_change=None)
    text = reading_text(reading, gettext=lambda s: s, format_period=lambda p: p, format_value=str)
    return [text.lead, *text.notes, *(row.finding for row in text.rows if row.rule_set == analysis.rule_set)]


def rules(analysis: Analysis) -> list[str]:
    return [signal.rule for signal in analysis.signals]


# --- published critical values ----------------------------------------------------------------

# qicharts2 vignette "Quality Improvement Charts", Appendix 2 (Anhøj, rendered vignettes/qicharts2.html,
# github.com/anhoej/qicharts2), n = 10..100 useful observations: round(log2(n) + 3) and qbinom(0.05, n - 1, 0.5).
# The same table is Appendix "Critical Values for Runs and Crossings" of Anhøj & Mohammed, SPC for Health Care.
PUBLISHED_LONGEST_RUN = [6, 6] + [7] * 11 + [8] * 23 + [9] * 45 + [10] * 10
PUBLISHED_CROSSINGS = [
    2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 11, 11, 11, 12, 12, 13, 13, 14, 14, 14,
    15, 15, 16, 16, 17, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 21, 22, 22, 23, 23, 24, 24, 25, 25, 25, 26,
    26, 27, 27, 28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32, 33, 33, 34, 34, 34, 35, 35, 36, 36, 37, 37, 38,
    38, 39, 39, 39, 40, 40, 41, 41,
]  # fmt: skip


def test_anhoej_limits_match_the_published_table_for_10_to_100_useful_observations() -> None:
    assert len(PUBLISHED_LONGEST_RUN) == len(PUBLISHED_CROSSINGS) == 91
    for n, longest, crossings in zip(range(10, 101), PUBLISHED_LONGEST_RUN, PUBLISHED_CROSSINGS, strict=True):
        assert anhoej_longest_run_limit(n) == longest, n
        assert anhoej_crossings_limit(n) == crossings, n


def test_anhoej_24_useful_observations_as_stated_in_the_qicharts2_vignette() -> None:
    # "in a run chart with 24 data points a run of more than round(log2(24) + 3) = 8 would suggest a shift";
    # "fewer than qbinom(0.05, 24 - 1, 0.5) = 8 crossings would suggest that the process is shifting".
    assert anhoej_longest_run_limit(24) == 8
    assert anhoej_crossings_limit(24) == 8


def test_runs_table_rows_are_the_printed_ones_not_a_formula() -> None:
    # Perla, Provost & Murray 2011, Table 1; rows 10-15 as reproduced in IHI Open School QI 104 notes.
    assert [runs_limits(n) for n in range(10, 16)] == [(3, 9), (3, 10), (3, 11), (4, 11), (4, 12), (5, 12)]
    # IHI run-chart patterns: "24 data points not on median ... (expect 8 ~ 18 runs)".
    assert runs_limits(24) == (8, 18)
    # The exact Swed-Eisenhart computation gives (7, 15) for 20 and (4, 9) for 11; the printed table does not.
    assert runs_limits(20) == (6, 16)
    assert runs_limits(11) == (3, 10)


def test_runs_table_has_no_limits_outside_the_rows_stored() -> None:
    assert runs_limits(9) is None
    assert runs_limits(61) is None


# Perla, Provost & Murray 2011, Table 1 as printed (BMJ typesetting), rows 27-60, as given in issue 10.
PRINTED_27_TO_60 = """27:10,19  28:10,20  29:10,20  30:11,21  31:11,22  32:11,23  33:12,23  34:12,24
  35:12,24  36:13,25  37:13,25  38:14,26  39:14,26  40:15,27  41:15,27  42:16,28
  43:16,28  44:17,29  45:17,30  46:17,31  47:18,31  48:18,32  49:19,32  50:19,33
  51:20,33  52:20,34  53:21,34  54:21,35  55:22,35  56:22,35  57:23,36  58:23,37
  59:24,38  60:24,38"""


def test_runs_table_rows_27_to_60_are_the_printed_ones() -> None:
    for token in PRINTED_27_TO_60.split():
        n, limits = token.split(":")
        lower, upper = limits.split(",")
        assert runs_limits(int(n)) == (int(lower), int(upper)), n


def test_runs_table_covers_10_to_60_and_marks_the_provenance_of_every_row() -> None:
    assert all(runs_limits(n) is not None for n in range(10, 61))
    lines = signals.RUNS_TABLE_PATH.read_text(encoding="utf-8").splitlines()
    rows = [line.split(",") for line in lines if line[:1].isdigit()]
    assert [int(row[0]) for row in rows] == list(range(10, 61))
    provenance = {int(row[0]): row[3] for row in rows}
    assert {n for n, p in provenance.items() if p == "printed-corrected"} == {27, 29, 30, 33, 35, 37, 39}
    assert {n for n, p in provenance.items() if p == "printed-added"} == set(range(41, 61))
    assert set(provenance.values()) == {"printed", "printed-corrected", "printed-added", "printed-confirmed"}


def test_beyond_60_useful_observations_the_runs_rule_is_not_applied() -> None:
    points = monthly([(-1) ** i * (i + 1) for i in range(62)])
    analysis = analyse_ihi(points, baseline=None, direction="increase")
    assert analysis.useful_observations == 62 and "runs" in analysis.not_applicable
    sixty = analyse_ihi(points[:60], baseline=None, direction="increase")
    assert "runs" not in sixty.not_applicable


def test_runs_table_file_says_where_it_comes_from() -> None:
    header = signals.RUNS_TABLE_PATH.read_text(encoding="utf-8")
    assert "Perla RJ, Provost LP, Murray SK" in header
    assert "BMJ Qual Saf 2011;20:46-51" in header
    assert "NOT COMPUTED" in header


# --- worked examples ------------------------------------------------------------------------

# Anhøj & Mohammed, "Statistical Process Control for Health Care" (github.com/anhoej/spc4hc,
# 21_first_charts.Rmd): systolic blood pressure over 26 days (Mohammed et al. 2008). Stated: "the longest
# run has 4 data points (#14-#17) and the curve crosses the centre line 9 times. Four data points (#4, #7,
# #10, #26) lie directly on the centre line, so we have 22 useful observations ... the upper limit for
# longest run is 7 as is the lower limit for number of crossings. Consequently, there are no signs of
# persistent shifts". In 12_introducing_spc_charts.Rmd, on the I chart of the same data: "One data point
# (#6) ... stands out from the others".
SYSTOLIC = [169, 172, 175, 174, 161, 142, 174, 171, 168, 174, 180, 194, 161,
            181, 175, 176, 186, 166, 157, 183, 177, 171, 185, 176, 181, 174]  # fmt: skip


def test_systolic_blood_pressure_example_anhoej() -> None:
    points = monthly(SYSTOLIC)
    analysis = analyse_anhoej(points, baseline=None, direction="decrease")
    assert analysis.median == 174
    assert analysis.useful_observations == 22
    assert [i + 1 for i, p in enumerate(points) if p.value == analysis.median] == [4, 7, 10, 26]
    assert (analysis.longest_run, analysis.crossings, analysis.runs) == (4, 9, 10)
    assert anhoej_longest_run_limit(22) == 7
    assert anhoej_crossings_limit(22) == 7
    assert analysis.signals == ()
    assert analysis.not_applicable == ()


def test_systolic_blood_pressure_example_ihi_flags_day_6_as_astronomical() -> None:
    points = monthly(SYSTOLIC)
    analysis = analyse_ihi(points, baseline=None, direction="decrease")
    assert [(s.rule, s.indices, s.side) for s in analysis.signals] == [("astronomical", (5,), "below")]
    assert analysis.runs == 10  # within the published limits (6, 17) for 22 useful observations
    assert runs_limits(22) == (7, 17)
    text = words(analysis, points, "decrease")
    assert text[0] == "Improvement: an astronomical point in 2025-06, far below the median (IHI run-chart rules)."
    assert "An astronomical point in 2025-06, far below the median" in text


# Davis Balestracci, "An Underrated Test for Run Charts", Quality Digest, October 2008: 16 months after
# an intervention at month 6 to lower the indicator; "the 16 data points yielded only four runs total
# (of lengths 7, 7, 1, and 1)", "with 16 data points ... 5-12 runs are expected", and "the trend downward
# of length five from observations 5 to 9". The article gives the pattern, not the values: this series
# reproduces that pattern exactly.
BALESTRACCI = [30, 27, 29, 26, 31, 29, 27, 19, 17, 20, 18, 21, 19, 20, 28, 18]


def test_quality_digest_example_has_too_few_runs() -> None:
    points = monthly(BALESTRACCI)
    analysis = analyse_ihi(points, baseline=None, direction="decrease")
    assert analysis.useful_observations == 16
    assert analysis.runs == 4
    assert runs_limits(16)[0] == 5  # type: ignore[index]  # lower limit 5 in Perla and in Balestracci
    assert "runs-too-few" in rules(analysis)
    shifts = [s for s in analysis.signals if s.rule == "shift"]
    assert [(s.side, len(s.indices), s.verdict) for s in shifts] == [
        ("above", 7, "deterioration"),
        ("below", 7, "improvement"),
    ]
    trends = [s for s in analysis.signals if s.rule == "trend"]
    assert [(s.side, s.indices) for s in trends] == [("down", (4, 5, 6, 7, 8))]  # observations 5 to 9


def test_ihi_too_many_runs_example() -> None:
    # IHI run-chart patterns (unaettie.com, after Perla et al. Figure 3): "24 data points not on median.
    # This chart has 23 crossing + 1 = 24 runs (expect 8 ~ 18 runs). This is too many runs".
    points = monthly([3.0, 1.0] * 12)
    ihi = analyse_ihi(points, baseline=None, direction="increase")
    assert (ihi.useful_observations, ihi.runs) == (24, 24)
    assert rules(ihi) == ["runs-too-many"]
    assert ihi.signals[0].verdict == "unclear"
    assert analyse_anhoej(points, baseline=None, direction="increase").signals == ()


def test_brief_example_sentence_for_a_shift_above_a_frozen_baseline_median() -> None:
    baseline = [10, 12, 9, 11, 8, 12, 9, 8]  # median 9.5, ends below it
    points = monthly([*baseline, *[15, 16, 14, 15, 17, 16, 15, 14, 16, 17, 15, 16]], start="2025-05")
    analysis = analyse_ihi(points, baseline=8, direction="increase")
    assert analysis.baseline_count == 8
    assert analysis.median == 9.5
    text = words(analysis, points)
    assert text[0] == (
        "Improvement since the changes began in 2026-01: a shift of 12 points above the baseline median"
        " from 2026-01 to 2026-12 (IHI run-chart rules)."
    )
    assert "Median 9.5, computed on the 8 baseline points and extended over the later points." in text
    assert "A shift of 12 points above the baseline median from 2026-01 to 2026-12" in text
    anhoej = analyse_anhoej(points, baseline=8, direction="increase")
    assert [(s.rule, len(s.indices)) for s in anhoej.signals] == [("long-run", 12)]  # 6 crossings, limit 6


# --- edge cases -----------------------------------------------------------------------------


def test_points_on_the_median_neither_count_nor_break_a_shift() -> None:
    values = [3, 1, 3, 5, 5, 5, 3, 5, 5, 5, 1, 1]  # baseline median 3; three points on it
    points = monthly([float(v) for v in values])
    analysis = analyse_ihi(points, baseline=3, direction="increase")
    assert analysis.median == 3
    assert analysis.useful_observations == 9
    shift = next(s for s in analysis.signals if s.rule == "shift")
    assert shift.indices == (3, 4, 5, 7, 8, 9)  # six points above; the one on the median is skipped
    assert (shift.side, shift.verdict) == ("above", "improvement")


def test_ties_on_the_median_use_the_decimal_values_as_written() -> None:
    # (87.1 + 87.3) / 2 is 87.19999999999999 in binary floating point; 87.2 must still be on the median.
    points = monthly([87.1, 87.3, 87.2, 87.2, 87.0, 87.4])
    analysis = analyse_ihi(points, baseline=2, direction="increase")
    assert analysis.median == pytest.approx(87.2)
    assert analysis.useful_observations == 4


def test_missing_months_the_rules_run_over_the_points_present() -> None:
    points = [p for i, p in enumerate(monthly([1, 2, 1, 2, 9, 9, 9, 9, 9, 9, 1, 2])) if i not in (6, 7)]
    analysis = analyse_ihi(points, baseline=None, direction="increase")
    assert len(points) == 10
    shifts = [s for s in analysis.signals if s.rule == "shift"]
    assert shifts == []  # only four 9s remain: a gap does not stand for points that were not reported


def test_a_trend_ignores_equal_neighbours() -> None:
    points = monthly([1, 2, 2, 3, 4, 5, 9, 0, 0, 0])
    trend = next(s for s in analyse_ihi(points, baseline=None, direction="increase").signals if s.rule == "trend")
    assert trend.indices == (0, 1, 2, 3, 4, 5, 6)
    assert (trend.side, trend.verdict) == ("up", "improvement")
    assert "A trend of 6 points going up from 2025-01 to 2025-07" in words(
        analyse_ihi(points, baseline=None, direction="increase"), points
    )
    flat = monthly([1, 2, 3, 3, 4, 4, 1, 2, 1, 2])  # four distinct steps only
    assert "trend" not in rules(analyse_ihi(flat, baseline=None, direction="increase"))


def test_a_constant_series_has_every_point_on_the_median() -> None:
    points = monthly([4.0] * 12)
    ihi = analyse_ihi(points, baseline=None, direction="increase")
    assert (ihi.useful_observations, ihi.runs, ihi.crossings, ihi.longest_run) == (0, None, None, None)
    assert ihi.signals == ()
    assert set(ihi.not_applicable) == {"shift", "runs", "astronomical"}
    text = words(ihi, points)
    assert text.count("Not applied: every point lies on the median.") == 2  # shift, runs
    assert "No signal: the rules that could be applied find only random variation." in text  # the trend rule
    assert not any("for the shift rule" in sentence for sentence in text)
    anhoej = analyse_anhoej(points, baseline=None, direction="increase")
    assert anhoej.not_applicable == ("long-run", "few-crossings")
    assert words(anhoej, points)[-2:] == ["Not applied: every point lies on the median."] * 2


def test_every_point_on_a_frozen_median() -> None:
    points = monthly([2.0, 2.0, 2.0, 2.0, 2.0])
    analysis = analyse_ihi(points, baseline=3, direction="decrease")
    assert (analysis.median, analysis.baseline_count, analysis.useful_observations) == (2.0, 3, 0)


def test_fewer_than_ten_points_the_runs_rule_does_not_apply() -> None:
    points = monthly([1, 5, 2, 6, 3, 7, 4])
    analysis = analyse_ihi(points, baseline=None, direction="increase")
    assert "runs" in analysis.not_applicable
    assert "astronomical" in analysis.not_applicable
    text = words(analysis, points)
    assert "Too few points (6) for the runs rule: it needs at least 10 useful observations." in text
    anhoej = analyse_anhoej(points, baseline=None, direction="increase")
    assert anhoej.not_applicable == ("long-run", "few-crossings")
    assert "Too few points (6) for the Anhøj rules: they need at least 10 useful observations." in words(anhoej, points)


def test_very_short_series_say_which_rules_cannot_apply() -> None:
    points = monthly([1.0, 2.0, 3.0])
    analysis = analyse_ihi(points, baseline=None, direction="increase")
    assert analysis.not_applicable == ("shift", "trend", "runs", "astronomical")
    text = words(analysis, points)
    assert "Too few points (3) for the trend rule: it needs at least 5 points." in text
    assert not any(sentence.startswith("No signal") for sentence in text)


def test_beyond_the_stored_runs_table_the_rule_is_not_applied() -> None:
    points = monthly([float(i % 7) for i in range(80)])
    analysis = analyse_ihi(points, baseline=None, direction="increase")
    assert "runs" in analysis.not_applicable
    count = analysis.useful_observations
    expected = (
        f"The runs rule is not applied: the table of limits used here does not cover {count} useful observations."
    )
    assert expected in words(analysis, points)


def test_baseline_longer_than_the_series_uses_every_point() -> None:
    points = monthly([1.0, 2.0, 3.0])
    assert analyse_ihi(points, baseline=10, direction="increase").baseline_count == 3


def test_invalid_input_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one point"):
        analyse_ihi([], baseline=None, direction="increase")
    with pytest.raises(ValueError, match="baseline"):
        analyse_anhoej(monthly([1.0]), baseline=0, direction="increase")
    with pytest.raises(ValueError, match="finite"):
        analyse_ihi(monthly([1.0, float("nan")]), baseline=None, direction="increase")


def test_astronomical_needs_variation_in_the_baseline() -> None:
    points = monthly([5.0] * 8 + [9.0, 9.0])
    analysis = analyse_ihi(points, baseline=8, direction="increase")
    assert "astronomical" in analysis.not_applicable
    assert "The astronomical-point rule is not applied: the baseline points do not vary." in words(analysis, points)


def test_many_astronomical_points_are_one_sentence_per_side() -> None:
    points = monthly([10, 11, 10, 11, 10, 11, 10, 11, 30, 31])
    analysis = analyse_ihi(points, baseline=8, direction="decrease")
    assert [s.indices for s in analysis.signals if s.rule == "astronomical"] == [(8,), (9,)]
    text = words(analysis, points, "decrease")
    assert "Astronomical points in 2025-09, 2025-10, far above the median" in text


def test_whole_series_signals_have_no_points_and_no_direction() -> None:
    points = monthly([1.0] * 10 + [9.0] * 10)
    anhoej = analyse_anhoej(points, baseline=None, direction="increase")
    crossings = next(s for s in anhoej.signals if s.rule == "few-crossings")
    assert (crossings.indices, crossings.side, crossings.verdict) == ((), "none", "unclear")


# --- translation ------------------------------------------------------------------------------


def test_every_sentence_goes_through_gettext() -> None:
    points = monthly([*BALESTRACCI, 40.0, 18, 19, 17])
    for first_change in (None, "2025-08"):
        reading = read_series(points, baseline=6, direction="decrease", first_change=first_change)
        text = reading_text(reading, gettext=lambda s: "«" + s, format_period=lambda p: p, format_value=str)
        marked = [text.lead, *text.notes, *(name for _, name in text.rule_set_names)]
        marked += [part for row in text.rows for part in (row.rule, row.finding, row.placement) if part]
        assert len(marked) > 10 and all(sentence.startswith("«") for sentence in marked)


def test_gettext_is_always_called_with_a_literal_so_babel_can_extract_it() -> None:
    source = Path(reading.__file__).read_text(encoding="utf-8")
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
    ]
    assert calls
    for call in calls:
        assert len(call.args) == 1 and isinstance(call.args[0], ast.Constant), ast.unparse(call)
        assert isinstance(call.args[0].value, str)
    found = extract_python(io.BytesIO(source.encode()), {"_": None}, [], {})
    extracted: list[str] = [str(message) for _, _, message, _ in found if isinstance(message, str)]
    assert len(extracted) == len(calls)
    assert "a shift of %(count)d points %(position)s from %(start)s to %(end)s" in extracted
    assert any(m.startswith("too few runs:") for m in extracted)


# --- properties -------------------------------------------------------------------------------

series = st.lists(st.integers(min_value=-20, max_value=20), min_size=1, max_size=45)
baselines = st.one_of(st.none(), st.integers(min_value=1, max_value=50))
directions = st.sampled_from(["increase", "decrease"])
FLIP = {"above": "below", "below": "above", "up": "down", "down": "up", "none": "none"}
OTHER = {"improvement": "deterioration", "deterioration": "improvement", "unclear": "unclear"}


def _shape(analysis: Analysis) -> list[tuple[str, tuple[int, ...], str, str]]:
    return [(s.rule, s.indices, s.side, s.verdict) for s in analysis.signals]


@settings(deadline=None)  # no time limit: the machine may be busy (no timed tests)
@given(series, baselines, directions, st.integers(min_value=-1000, max_value=1000))
def test_signals_do_not_change_when_a_constant_is_added(
    values: list[int], baseline: int | None, direction: signals.Direction, constant: int
) -> None:
    for analyse in (analyse_ihi, analyse_anhoej):
        plain = analyse(monthly([float(v) for v in values]), baseline=baseline, direction=direction)
        moved = analyse(monthly([float(v + constant) for v in values]), baseline=baseline, direction=direction)
        assert _shape(moved) == _shape(plain)
        assert moved.median == plain.median + constant
        assert moved.not_applicable == plain.not_applicable


@settings(deadline=None)  # no time limit: the machine may be busy (no timed tests)
@given(series, baselines, directions, st.integers(min_value=1, max_value=50))
def test_signals_do_not_change_when_the_scale_changes(
    values: list[int], baseline: int | None, direction: signals.Direction, factor: int
) -> None:
    for analyse in (analyse_ihi, analyse_anhoej):
        plain = analyse(monthly([float(v) for v in values]), baseline=baseline, direction=direction)
        scaled = analyse(monthly([float(v * factor) for v in values]), baseline=baseline, direction=direction)
        assert _shape(scaled) == _shape(plain)


@settings(deadline=None)  # no time limit: the machine may be busy (no timed tests)
@given(series, baselines, directions)
def test_a_mirrored_series_flips_sides_and_verdicts(
    values: list[int], baseline: int | None, direction: signals.Direction
) -> None:
    other: signals.Direction = "decrease" if direction == "increase" else "increase"
    for analyse in (analyse_ihi, analyse_anhoej):
        plain = analyse(monthly([float(v) for v in values]), baseline=baseline, direction=direction)
        mirror = analyse(monthly([float(-v) for v in values]), baseline=baseline, direction=direction)
        flipped = [(r, i, FLIP[s], OTHER[v]) for r, i, s, v in _shape(plain)]
        assert sorted(_shape(mirror)) == sorted(flipped)
        both = analyse(monthly([float(-v) for v in values]), baseline=baseline, direction=other)
        assert sorted((r, i, v) for r, i, _, v in _shape(both)) == sorted((r, i, v) for r, i, _, v in _shape(plain))


@settings(deadline=None)  # no time limit: the machine may be busy (no timed tests)
@given(series, baselines)
def test_counts_are_consistent(values: list[int], baseline: int | None) -> None:
    points = monthly([float(v) for v in values])
    analysis = analyse_anhoej(points, baseline=baseline, direction="increase")
    on_median = sum(1 for p in points if p.value == analysis.median)
    assert analysis.useful_observations == len(points) - on_median
    if analysis.useful_observations:
        assert analysis.runs == (analysis.crossings or 0) + 1
        assert analysis.longest_run is not None and 1 <= analysis.longest_run <= analysis.useful_observations
    long_runs = [s for s in analysis.signals if s.rule == "long-run"]
    if long_runs:
        assert analysis.longest_run == max(len(s.indices) for s in long_runs)
        assert analysis.longest_run > anhoej_longest_run_limit(analysis.useful_observations)


@settings(deadline=None)  # no time limit: the machine may be busy (no timed tests)
@given(series, baselines, directions)
def test_the_reading_always_has_a_lead_the_median_and_every_rule(
    values: list[int], baseline: int | None, direction: signals.Direction
) -> None:
    points = monthly([float(v) for v in values])
    reading = read_series(points, baseline=baseline, direction=direction, first_change=None)
    text = reading_text(reading, gettext=lambda s: s, format_period=lambda p: p, format_value=str)
    assert text.lead.endswith(".") and text.notes[-1].startswith("Median ")
    assert {row.rule_set for row in text.rows} == {"ihi", "anhoej"}  # every rule of both sets has its row
    assert len(text.rows) >= 6


def test_points_of_a_shift_are_not_also_astronomical() -> None:
    """After a sustained improvement every later point is far from the frozen baseline median: the
    shift says so once, instead of a list of 'astronomical' points."""
    points = monthly([20, 21, 19, 22, 20, 21, 8, 7, 8, 6, 7, 8, 7, 6])
    analysis = analyse_ihi(points, baseline=6, direction="decrease")
    assert "shift" in {s.rule for s in analysis.signals}
    assert [s for s in analysis.signals if s.rule == "astronomical"] == []
