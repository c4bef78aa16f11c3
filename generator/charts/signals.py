"""Run-chart signal detection: the IHI run-chart rules and the Anhøj rules, as pure functions."""

from __future__ import annotations

import csv
import functools
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Literal

__all__ = [
    "Analysis",
    "Direction",
    "Point",
    "Signal",
    "analyse_anhoej",
    "analyse_ihi",
    "anhoej_crossings_limit",
    "anhoej_longest_run_limit",
    "describe",
    "runs_limits",
    "verdict_summary",
]

Direction = Literal["increase", "decrease"]
Side = Literal["above", "below", "up", "down", "none"]
Verdict = Literal["improvement", "deterioration", "unclear"]
Summary = Literal["improvement", "deterioration", "mixed", "no-signal"]
Gettext = Callable[[str], str]
Format = Callable[[str], str]  # formats a period for the reader

RUNS_TABLE_PATH = Path(__file__).with_name("runs_table.csv")
SHIFT_LENGTH = 6  # IHI: 6 or more consecutive points on one side of the median
TREND_LENGTH = 5  # IHI: 5 or more consecutive points all going up or all going down
MIN_USEFUL_RUNS = 10  # the published runs table starts at 10 useful observations
MIN_USEFUL_ANHOEJ = 10  # Anhøj & Olesen validated the rules from 10 useful observations
MIN_POINTS_ASTRONOMICAL = 10
D2 = Fraction("1.128")  # sigma = average moving range / d2, as for an individuals (I) chart
SIGMA_LIMIT = 3
RULES = {"ihi": ("shift", "trend", "runs", "astronomical"), "anhoej": ("long-run", "few-crossings")}
_RULE_ORDER = ("shift", "trend", "astronomical", "long-run", "runs-too-few", "runs-too-many", "few-crossings")
_MEDIAN_RULES = frozenset({"shift", "runs", "long-run", "few-crossings"})
_BETTER: dict[str, tuple[str, str]] = {"increase": ("above", "up"), "decrease": ("below", "down")}


@dataclass(frozen=True)
class Point:
    """One observation: its period ("YYYY-MM" or "YYYY-MM-DD") and its value; series are in time order."""

    period: str
    value: float


@dataclass(frozen=True)
class Signal:
    """One signal of non-random variation found by one rule."""

    rule: str  # shift | trend | runs-too-few | runs-too-many | astronomical | long-run | few-crossings
    rule_set: str  # ihi | anhoej
    indices: tuple[int, ...]  # the points that make up the signal; empty for whole-series signals
    side: Side
    verdict: Verdict


@dataclass(frozen=True)
class Analysis:
    """The result of applying one rule set to one series."""

    rule_set: str
    median: float
    baseline_count: int  # points the median was computed on (frozen and extended when < all points)
    useful_observations: int  # points not on the median
    runs: int | None
    crossings: int | None
    longest_run: int | None
    signals: tuple[Signal, ...]
    not_applicable: tuple[str, ...]  # rules that could not be applied to this series


@dataclass(frozen=True)
class _Frame:
    """A series seen against its median: the useful points grouped into runs."""

    values: tuple[Fraction, ...]
    median: Fraction
    baseline_count: int
    useful: tuple[int, ...]
    runs: tuple[tuple[int, tuple[int, ...]], ...]  # (+1 above / -1 below, indices of the run)


# --- the published tables ------------------------------------------------------------------


@functools.cache
def _runs_table() -> dict[int, tuple[int, int]]:
    """Perla et al. 2011, Table 1, as stored in runs_table.csv (rows without limits are skipped)."""
    lines = RUNS_TABLE_PATH.read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if line and not line.startswith("#"))
    return {
        int(row["useful_observations"]): (int(row["lower_limit"]), int(row["upper_limit"]))
        for row in rows
        if row["lower_limit"] and row["upper_limit"]
    }


def runs_limits(useful_observations: int) -> tuple[int, int] | None:
    """The published (lower, upper) limits for the number of runs, or None outside the table."""
    return _runs_table().get(useful_observations)


def anhoej_longest_run_limit(useful_observations: int) -> int:
    """Upper limit of the longest run: round(log2 n) + 3 (Schilling 2012, as in qicharts2)."""
    return round(math.log2(useful_observations)) + 3


def anhoej_crossings_limit(useful_observations: int) -> int:
    """Lower limit of crossings: qbinom(0.05, n - 1, 0.5), by the exact binomial cdf (Chen 2010)."""
    trials = max(useful_observations - 1, 0)
    total, cumulative = 2**trials, 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if 20 * cumulative >= total:  # P(X <= k) >= 0.05, in integers
            return k
    return trials


# --- shared helpers ---------------------------------------------------------------------------


def _exact(value: float) -> Fraction:
    """The value as written (decimal), so that a point equal to the median is on it, exactly."""
    if not math.isfinite(value):
        raise ValueError(f"run chart values must be finite numbers, not {value!r}")
    return Fraction(repr(float(value)))


def _frame(points: Sequence[Point], baseline: int | None) -> _Frame:
    if not points:
        raise ValueError("a run chart needs at least one point")
    if baseline is not None and baseline < 1:
        raise ValueError(f"baseline must count at least one point, not {baseline}")
    count = len(points) if baseline is None else min(baseline, len(points))
    values = tuple(_exact(point.value) for point in points)
    median = statistics.median(values[:count])
    signs = [(i, 1 if v > median else -1) for i, v in enumerate(values) if v != median]
    return _Frame(values, median, count, tuple(i for i, _ in signs), _group_runs(signs))


def _group_runs(signs: Sequence[tuple[int, int]]) -> tuple[tuple[int, tuple[int, ...]], ...]:
    groups: list[tuple[int, list[int]]] = []
    for index, sign in signs:
        if groups and groups[-1][0] == sign:
            groups[-1][1].append(index)
        else:
            groups.append((sign, [index]))
    return tuple((sign, tuple(indices)) for sign, indices in groups)


def _verdict(side: Side, direction: Direction) -> Verdict:
    if side == "none":
        return "unclear"
    return "improvement" if side in _BETTER[direction] else "deterioration"


def _signal(rule: str, rule_set: str, indices: Sequence[int], side: Side, direction: Direction) -> Signal:
    return Signal(rule, rule_set, tuple(indices), side, _verdict(side, direction))


def _side(sign: int) -> Side:
    return "above" if sign > 0 else "below"


def _analysis(rule_set: str, frame: _Frame, signals: list[Signal], not_applicable: list[str]) -> Analysis:
    end = len(frame.values)
    signals.sort(key=lambda s: (s.indices[0] if s.indices else end, _RULE_ORDER.index(s.rule)))
    has_runs = bool(frame.runs)
    return Analysis(
        rule_set=rule_set,
        median=float(frame.median),
        baseline_count=frame.baseline_count,
        useful_observations=len(frame.useful),
        runs=len(frame.runs) if has_runs else None,
        crossings=len(frame.runs) - 1 if has_runs else None,
        longest_run=max(len(run) for _, run in frame.runs) if has_runs else None,
        signals=tuple(signals),
        not_applicable=tuple(not_applicable),
    )


# --- IHI run-chart rules (Perla, Provost & Murray 2011) ---------------------------------------


def _shift_signals(frame: _Frame, direction: Direction) -> list[Signal]:
    runs = (run for run in frame.runs if len(run[1]) >= SHIFT_LENGTH)
    return [_signal("shift", "ihi", indices, _side(sign), direction) for sign, indices in runs]


def _plateaus(values: Sequence[Fraction]) -> list[list[int]]:
    """Indices grouped by equal consecutive values (equal neighbours neither make nor break a trend)."""
    groups: list[list[int]] = []
    for index, value in enumerate(values):
        if groups and values[groups[-1][0]] == value:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _monotone_segments(levels: Sequence[Fraction]) -> list[tuple[int, int, int]]:
    """Maximal (start, end, step) stretches of levels all going up (+1) or all going down (-1)."""
    segments: list[tuple[int, int, int]] = []
    start, previous = 0, 0
    for k, (a, b) in enumerate(pairwise(levels), start=1):
        step = 1 if b > a else -1
        if previous and step != previous:
            segments.append((start, k - 1, previous))
            start = k - 1
        previous = step
    if previous:
        segments.append((start, len(levels) - 1, previous))
    return segments


def _trend_signals(frame: _Frame, direction: Direction) -> list[Signal]:
    plateaus = _plateaus(frame.values)
    levels = [frame.values[group[0]] for group in plateaus]
    signals = []
    for start, end, step in _monotone_segments(levels):
        if end - start + 1 >= TREND_LENGTH:
            indices = [i for group in plateaus[start : end + 1] for i in group]
            signals.append(_signal("trend", "ihi", indices, "up" if step > 0 else "down", direction))
    return signals


def _runs_signals(frame: _Frame, limits: tuple[int, int], direction: Direction) -> list[Signal]:
    lower, upper = limits
    if len(frame.runs) < lower:
        return [_signal("runs-too-few", "ihi", (), "none", direction)]
    if len(frame.runs) > upper:
        return [_signal("runs-too-many", "ihi", (), "none", direction)]
    return []


def _moving_range_sigma(values: Sequence[Fraction]) -> Fraction | None:
    """Average moving range / d2 of the values, or None when they do not vary."""
    if len(values) < 2:
        return None
    average = sum((abs(b - a) for a, b in pairwise(values)), Fraction(0)) / (len(values) - 1)
    return average / D2 if average > 0 else None


def _astronomical_signals(frame: _Frame, direction: Direction) -> list[Signal] | None:
    """Points beyond median ± 3 × (average moving range / 1.128) of the baseline; None if not applicable."""
    if len(frame.values) < MIN_POINTS_ASTRONOMICAL:
        return None
    sigma = _moving_range_sigma(frame.values[: frame.baseline_count])
    if sigma is None:
        return None
    limit = SIGMA_LIMIT * sigma
    far = [(i, v) for i, v in enumerate(frame.values) if abs(v - frame.median) > limit]
    return [_signal("astronomical", "ihi", (i,), "above" if v > frame.median else "below", direction) for i, v in far]


def analyse_ihi(points: Sequence[Point], *, baseline: int | None, direction: Direction) -> Analysis:
    """Apply the IHI run-chart rules: shift, trend, too few/many runs, astronomical point."""
    frame = _frame(points, baseline)
    signals: list[Signal] = []
    not_applicable: list[str] = []
    if len(frame.useful) >= SHIFT_LENGTH:
        signals += _shift_signals(frame, direction)
    else:
        not_applicable.append("shift")
    if len(frame.values) >= TREND_LENGTH:
        signals += _trend_signals(frame, direction)
    else:
        not_applicable.append("trend")
    limits = runs_limits(len(frame.useful))
    if limits is None:
        not_applicable.append("runs")
    else:
        signals += _runs_signals(frame, limits, direction)
    astronomical = _astronomical_signals(frame, direction)
    if astronomical is None:
        not_applicable.append("astronomical")
    else:  # a point inside a shift is the shift, not an outlier of its own
        in_shift = {i for s in signals if s.rule == "shift" for i in s.indices}
        signals += [s for s in astronomical if not set(s.indices) & in_shift]
    return _analysis("ihi", frame, signals, not_applicable)


# --- Anhøj rules (as in qicharts2) -----------------------------------------------------------


def analyse_anhoej(points: Sequence[Point], *, baseline: int | None, direction: Direction) -> Analysis:
    """Apply the Anhøj rules: unusually long run, unusually few crossings of the median."""
    frame = _frame(points, baseline)
    useful = len(frame.useful)
    if useful < MIN_USEFUL_ANHOEJ:
        return _analysis("anhoej", frame, [], ["long-run", "few-crossings"])
    limit = anhoej_longest_run_limit(useful)
    long_runs = [(sign, run) for sign, run in frame.runs if len(run) > limit]
    signals = [_signal("long-run", "anhoej", run, _side(sign), direction) for sign, run in long_runs]
    if len(frame.runs) - 1 < anhoej_crossings_limit(useful):
        signals.append(_signal("few-crossings", "anhoej", (), "none", direction))
    return _analysis("anhoej", frame, signals, [])


def verdict_summary(analyses: Sequence[Analysis]) -> Summary:
    """One word for a series: improvement, deterioration, mixed (both, or no clear direction), no-signal."""
    verdicts = {signal.verdict for analysis in analyses for signal in analysis.signals}
    directional = verdicts - {"unclear"}
    if not verdicts:
        return "no-signal"
    if directional == {"improvement"}:
        return "improvement"
    if directional == {"deterioration"}:
        return "deterioration"
    return "mixed"


# --- sentences ------------------------------------------------------------------------------


def describe(
    analysis: Analysis, points: Sequence[Point], *, gettext: Gettext, format_period: Callable[[str], str]
) -> list[str]:
    """Say in words what the chart shows, and which rules could not be applied and why."""
    sentences = _opening(analysis, points, gettext)
    if analysis.useful_observations == 0:
        sentences.append(
            gettext("All points lie on the median, so the rules based on runs around the median cannot be applied.")
        )
    sentences += _signal_sentences(analysis, points, gettext, format_period)
    if any(signal.rule == "astronomical" for signal in analysis.signals):
        sentences.append(_astronomical_method(analysis, points, gettext))
    sentences += _not_applicable_sentences(analysis, points, gettext)
    applied = set(RULES[analysis.rule_set]) - set(analysis.not_applicable)
    if applied and not analysis.signals:
        sentences.append(gettext("No signal: the rules that could be applied find only random variation."))
    return sentences


def _verdict_words(verdict: Verdict, gettext: Gettext) -> str:
    if verdict == "improvement":
        return gettext("improvement")
    if verdict == "deterioration":
        return gettext("deterioration")
    return gettext("direction unclear")


def _position(side: Side, frozen: bool, gettext: Gettext) -> str:
    if frozen:
        return gettext("above the baseline median") if side == "above" else gettext("below the baseline median")
    return gettext("above the median") if side == "above" else gettext("below the median")


def _frozen(analysis: Analysis, points: Sequence[Point]) -> bool:
    return analysis.baseline_count < len(points)


def _distinct_steps(signal: Signal, points: Sequence[Point]) -> int:
    """Points counted by the trend rule: a repeated value counts once."""
    values = [points[i].value for i in signal.indices]
    return 1 + sum(1 for a, b in pairwise(values) if a != b)


def _opening(analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> list[str]:
    if analysis.rule_set == "ihi":
        rules = gettext("Rules applied: the IHI run-chart rules (Perla, Provost and Murray, 2011).")
    else:
        rules = gettext("Rules applied: the Anhøj rules for unusually long runs and unusually few crossings.")
    if _frozen(analysis, points):
        median = gettext(
            "The median is computed on the baseline points (%(count)d) and extended over the later points."
        ) % {"count": analysis.baseline_count}
    else:
        median = gettext("The median is computed on all points (%(count)d).") % {"count": len(points)}
    return [rules, median]


def _signal_sentences(analysis: Analysis, points: Sequence[Point], gettext: Gettext, fmt: Format) -> list[str]:
    """One sentence per signal, except astronomical points: one sentence per side of the median."""
    out: list[str] = []
    for signal in analysis.signals:
        if signal.rule in ("shift", "long-run"):
            out.append(_run_sentence(signal, analysis, points, gettext, fmt))
        elif signal.rule == "trend":
            out.append(_trend_sentence(signal, points, gettext, fmt))
        elif signal.rule != "astronomical":
            out.append(_count_sentence(signal, analysis, gettext))
        elif signal is next(s for s in analysis.signals if s.rule == "astronomical" and s.side == signal.side):
            group = [s for s in analysis.signals if s.rule == "astronomical" and s.side == signal.side]
            out.append(_astronomical_sentence(group, points, gettext, fmt))
    return out


def _run_sentence(signal: Signal, analysis: Analysis, points: Sequence[Point], gettext: Gettext, fmt: Format) -> str:
    values = {
        "count": len(signal.indices),
        "position": _position(signal.side, _frozen(analysis, points), gettext),
        "start": fmt(points[signal.indices[0]].period),
        "verdict": _verdict_words(signal.verdict, gettext),
        "limit": anhoej_longest_run_limit(max(analysis.useful_observations, 1)),
    }
    if signal.rule == "shift":
        return gettext("A shift of %(count)d points %(position)s from %(start)s — %(verdict)s.") % values
    return (
        gettext(
            "An unusually long run of %(count)d points %(position)s from %(start)s, longer than the %(limit)d"
            " expected at most — %(verdict)s."
        )
        % values
    )


def _trend_sentence(signal: Signal, points: Sequence[Point], gettext: Gettext, fmt: Format) -> str:
    values = {
        "count": _distinct_steps(signal, points),
        "start": fmt(points[signal.indices[0]].period),
        "end": fmt(points[signal.indices[-1]].period),
        "verdict": _verdict_words(signal.verdict, gettext),
    }
    if signal.side == "up":
        return gettext("A trend of %(count)d points going up from %(start)s to %(end)s — %(verdict)s.") % values
    return gettext("A trend of %(count)d points going down from %(start)s to %(end)s — %(verdict)s.") % values


def _astronomical_sentence(group: Sequence[Signal], points: Sequence[Point], gettext: Gettext, fmt: Format) -> str:
    side, verdict = group[0].side, group[0].verdict
    values = {
        "periods": ", ".join(fmt(points[signal.indices[0]].period) for signal in group),
        "position": gettext("far above the median") if side == "above" else gettext("far below the median"),
        "verdict": _verdict_words(verdict, gettext),
    }
    if len(group) == 1:
        return gettext("An astronomical point in %(periods)s, %(position)s — %(verdict)s.") % values
    return gettext("Astronomical points in %(periods)s, %(position)s — %(verdict)s.") % values


def _count_sentence(signal: Signal, analysis: Analysis, gettext: Gettext) -> str:
    """Sentences of the whole-series signals: too few or too many runs, too few crossings."""
    useful = analysis.useful_observations
    lower, upper = runs_limits(useful) or (0, 0)
    values = {
        "runs": analysis.runs or 0,
        "crossings": analysis.crossings or 0,
        "useful": useful,
        "lower": lower,
        "upper": upper,
        "limit": anhoej_crossings_limit(useful),
    }
    if signal.rule == "runs-too-few":
        message = gettext(
            "Too few runs: %(runs)d runs in %(useful)d useful observations, where fewer than %(lower)d"
            " is unusual — the data are not varying randomly around the median."
        )
    elif signal.rule == "runs-too-many":
        message = gettext(
            "Too many runs: %(runs)d runs in %(useful)d useful observations, where more than %(upper)d"
            " is unusual — the data may mix different processes."
        )
    else:
        message = gettext(
            "Unusually few crossings: the data cross the median %(crossings)d times in %(useful)d useful"
            " observations, fewer than the %(limit)d expected at least — a sign of a shift."
        )
    return message % values


def _astronomical_method(analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> str:
    if _frozen(analysis, points):
        return gettext(
            "Astronomical points are flagged objectively: beyond the median ± 3 × (average moving range"
            " ÷ 1.128) of the baseline points, unless they belong to a shift."
        )
    return gettext(
        "Astronomical points are flagged objectively: beyond the median ± 3 × (average moving range ÷ 1.128)"
        " of all points, unless they belong to a shift."
    )


def _not_applicable_sentences(analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> list[str]:
    rules = [rule for rule in analysis.not_applicable if rule != "few-crossings"]  # one sentence for Anhøj
    if analysis.useful_observations == 0:  # already said: every point is on the median
        rules = [rule for rule in rules if rule not in _MEDIAN_RULES]
    return [_not_applicable_sentence(rule, analysis, points, gettext) for rule in rules]


def _not_applicable_sentence(rule: str, analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> str:
    useful = {"count": analysis.useful_observations}
    if rule == "shift":
        message = gettext(
            "Too few points (%(count)d) for the shift rule: it needs at least %(needed)d useful observations."
        )
        return message % {**useful, "needed": SHIFT_LENGTH}
    if rule == "trend":
        message = gettext("Too few points (%(count)d) for the trend rule: it needs at least %(needed)d points.")
        return message % {"count": len(points), "needed": TREND_LENGTH}
    if rule == "long-run":
        message = gettext(
            "Too few points (%(count)d) for the Anhøj rules: they need at least %(needed)d useful observations."
        )
        return message % {**useful, "needed": MIN_USEFUL_ANHOEJ}
    if rule == "runs":
        return _runs_not_applicable(analysis.useful_observations, gettext)
    return _astronomical_not_applicable(len(points), gettext)


def _runs_not_applicable(useful: int, gettext: Gettext) -> str:
    if useful < MIN_USEFUL_RUNS:
        message = gettext(
            "Too few points (%(count)d) for the runs rule: it needs at least %(needed)d useful observations."
        )
        return message % {"count": useful, "needed": MIN_USEFUL_RUNS}
    message = gettext(
        "The runs rule is not applied: the table of limits used here does not cover %(count)d useful observations."
    )
    return message % {"count": useful}


def _astronomical_not_applicable(count: int, gettext: Gettext) -> str:
    if count < MIN_POINTS_ASTRONOMICAL:
        message = gettext(
            "Too few points (%(count)d) for the astronomical-point rule: it needs at least %(needed)d points."
        )
        return message % {"count": count, "needed": MIN_POINTS_ASTRONOMICAL}
    return gettext("The astronomical-point rule is not applied: the baseline points do not vary.")
