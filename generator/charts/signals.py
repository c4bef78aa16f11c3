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
    "MAX_POINTS",
    "Analysis",
    "Direction",
    "Point",
    "SeriesTooLongError",
    "Signal",
    "analyse_anhoej",
    "analyse_both",
    "analyse_ihi",
    "anhoej_crossings_limit",
    "anhoej_longest_run_limit",
    "check_series_length",
    "runs_limits",
    "useful_signs",
]

Direction = Literal["increase", "decrease"]
Side = Literal["above", "below", "up", "down", "none"]
Verdict = Literal["improvement", "deterioration", "unclear"]
Summary = Literal["improvement", "deterioration", "mixed", "unclear", "no-signal"]
Gettext = Callable[[str], str]
Format = Callable[[str], str]  # formats a period for the reader

#: The series-length limit: the most points one series may have. Every computation here is at most
#: O(n log n); 50,000 points are analysed in about a second (benchmarks/runchart_long_series.py).
MAX_POINTS = 100_000
#: Up to this many useful observations the crossings limit is computed with exact integers; beyond it
#: with the same cumulative sum in logarithms (floating point), so that the cost stays linear.
EXACT_CROSSINGS_LIMIT = 2_000
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
    sides: tuple[int, ...]  # each point against the median: +1 above, -1 below, 0 on it


@dataclass(frozen=True)
class _Frame:
    """A series seen against its median: the useful points grouped into runs.

    Values are kept as floats; wherever an exact decision matters (a point on the median, a point at
    the astronomical limit) the value as written is compared exactly (``_exact``). Two decimals as
    written that differ compare the same way as their floats (up to 15 significant digits).
    """

    values: tuple[float, ...]
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
    """Lower limit of crossings: qbinom(0.05, n - 1, 0.5), by a cumulative binomial sum (Chen 2010).

    Each term comes from the previous one (C(t, k + 1) = C(t, k) × (t − k) / (k + 1)), never from
    scratch: exact integers up to EXACT_CROSSINGS_LIMIT useful observations, logarithms beyond.
    """
    trials = max(useful_observations - 1, 0)
    if useful_observations > EXACT_CROSSINGS_LIMIT:
        return _crossings_limit_log(trials)
    total, term, cumulative = 2**trials, 1, 0
    for k in range(trials + 1):
        cumulative += term
        if 20 * cumulative >= total:  # P(X <= k) >= 0.05, in integers
            return k
        term = term * (trials - k) // (k + 1)
    return trials


def _crossings_limit_log(trials: int) -> int:
    """qbinom(0.05, trials, 0.5) by the cumulative sum of log-probabilities (linear in ``trials``)."""
    log_term = -trials * math.log(2)  # log P(X = 0)
    log_cumulative = log_term
    target = math.log(0.05)
    for k in range(trials + 1):
        if log_cumulative >= target:
            return k
        log_term += math.log((trials - k) / (k + 1))
        log_cumulative = _log_add(log_cumulative, log_term)
    return trials


def _log_add(a: float, b: float) -> float:
    """log(exp(a) + exp(b)) without overflow or underflow."""
    high, low = max(a, b), min(a, b)
    return high + math.log1p(math.exp(low - high))


class SeriesTooLongError(ValueError):
    """A series longer than the series-length limit (MAX_POINTS)."""


def check_series_length(count: int) -> None:
    """Refuse a series past the series-length limit, naming the limit."""
    if count > MAX_POINTS:
        raise SeriesTooLongError(
            f"a series has {count:,} points, more than the series-length limit of {MAX_POINTS:,} points"
        )


def useful_signs(analysis: Analysis) -> list[tuple[int, int]]:
    """(index, +1 above / -1 below the median) of every point not on the median."""
    return [(index, side) for index, side in enumerate(analysis.sides) if side]


# --- shared helpers ---------------------------------------------------------------------------


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"run chart values must be finite numbers, not {value!r}")
    return float(value)


def _exact(value: float) -> Fraction:
    """The value as written (decimal), so that a point equal to the median is on it, exactly."""
    return Fraction(repr(value))


def _frame(points: Sequence[Point], baseline: int | None) -> _Frame:
    if not points:
        raise ValueError("a run chart needs at least one point")
    if baseline is not None and baseline < 1:
        raise ValueError(f"baseline must count at least one point, not {baseline}")
    count = len(points) if baseline is None else min(baseline, len(points))
    values = tuple(_finite(point.value) for point in points)
    median = statistics.median([_exact(value) for value in values[:count]])
    sides = [_side_of(value, median) for value in values]
    signs = [(i, sign) for i, sign in enumerate(sides) if sign]
    return _Frame(values, median, count, tuple(i for i, _ in signs), _group_runs(signs))


def _side_of(value: float, median: Fraction) -> int:
    """+1 above the median, -1 below, 0 on it: in floating point, exactly only when close to it."""
    gap = value - float(median)
    if abs(gap) > 1e-9 * max(abs(value), 1.0):
        return 1 if gap > 0 else -1
    exact = _exact(value)
    return 0 if exact == median else 1 if exact > median else -1


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
        sides=_sides(frame),
    )


def _sides(frame: _Frame) -> tuple[int, ...]:
    sides = [0] * len(frame.values)
    for sign, indices in frame.runs:
        for index in indices:
            sides[index] = sign
    return tuple(sides)


# --- IHI run-chart rules (Perla, Provost & Murray 2011) ---------------------------------------


def _shift_signals(frame: _Frame, direction: Direction) -> list[Signal]:
    runs = (run for run in frame.runs if len(run[1]) >= SHIFT_LENGTH)
    return [_signal("shift", "ihi", indices, _side(sign), direction) for sign, indices in runs]


def _plateaus(values: Sequence[float]) -> list[list[int]]:
    """Indices grouped by equal consecutive values (equal neighbours neither make nor break a trend)."""
    groups: list[list[int]] = []
    for index, value in enumerate(values):
        if groups and values[groups[-1][0]] == value:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _monotone_segments(levels: Sequence[float]) -> list[tuple[int, int, int]]:
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
    sigma = _moving_range_sigma([_exact(value) for value in frame.values[: frame.baseline_count]])
    if sigma is None:
        return None
    limit = SIGMA_LIMIT * sigma
    median, bound = float(frame.median), float(limit)
    far = [i for i, v in enumerate(frame.values) if _beyond(v, (median, bound), (frame.median, limit))]
    return [
        _signal("astronomical", "ihi", (i,), "above" if frame.values[i] > median else "below", direction) for i in far
    ]


def _beyond(value: float, approximate: tuple[float, float], exact: tuple[Fraction, Fraction]) -> bool:
    """|value − median| > limit: in floating point, exactly only near the limit (linear time in practice)."""
    distance = abs(value - approximate[0])
    if abs(distance - approximate[1]) > 1e-9 * max(approximate[1], 1.0):
        return distance > approximate[1]
    return abs(_exact(value) - exact[0]) > exact[1]


def analyse_ihi(points: Sequence[Point], *, baseline: int | None, direction: Direction) -> Analysis:
    """Apply the IHI run-chart rules: shift, trend, too few/many runs, astronomical point."""
    return _ihi(_frame(points, baseline), direction)


def analyse_both(points: Sequence[Point], *, baseline: int | None, direction: Direction) -> tuple[Analysis, Analysis]:
    """The IHI and the Anhøj analyses of one series, reading the series once."""
    frame = _frame(points, baseline)
    return _ihi(frame, direction), _anhoej(frame, direction)


def _ihi(frame: _Frame, direction: Direction) -> Analysis:
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
    return _anhoej(_frame(points, baseline), direction)


def _anhoej(frame: _Frame, direction: Direction) -> Analysis:
    useful = len(frame.useful)
    if useful < MIN_USEFUL_ANHOEJ:
        return _analysis("anhoej", frame, [], ["long-run", "few-crossings"])
    limit = anhoej_longest_run_limit(useful)
    long_runs = [(sign, run) for sign, run in frame.runs if len(run) > limit]
    signals = [_signal("long-run", "anhoej", run, _side(sign), direction) for sign, run in long_runs]
    if len(frame.runs) - 1 < anhoej_crossings_limit(useful):
        signals.append(_signal("few-crossings", "anhoej", (), "none", direction))
    return _analysis("anhoej", frame, signals, [])
