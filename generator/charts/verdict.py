"""Verdicts placed in time: which run-chart signals speak about the changes and which about the baseline.

The question a verdict answers is "did the data change after the changes began?". The rules are
applied to the whole series as usual (:func:`analyse_ihi`, :func:`analyse_anhoej`); then each signal
is placed in time against ``start``, the index of the first point after the changes began:

- with a baseline of ``b`` points, the changes begin after the baseline, or at the first annotated
  change if that comes later (points between the two precede every change);
- without a baseline, at the first annotated change;
- with neither, at the first point (nothing lies before the changes: every signal counts).

A signal is then ``"after"`` (it counts toward the verdict) when its points from ``start`` on would
meet its rule on their own; ``"before"`` when its points before ``start`` would (or all its points lie
there): the baseline is not stable, which is reported in words and counted neither for nor against
the changes; and ``"across"`` when it spans ``start`` and neither part meets the rule alone (reported,
not counted). A whole-series rule (too few or too many runs, too few crossings) is applied again to
the useful points on each side of ``start``; it carries the points it judged (``judged``) and the
counts after ``start`` (``after_useful``, ``after_runs``).

API for other modules (pure, no model imports)::

    reading = read_series(points, baseline=6, direction="decrease", first_change="2026-01")
    reading.verdict           # "improvement" | "deterioration" | "mixed" | "unclear" | "no-signal"
    reading.deciding          # the signal(s) that decided it (two for "mixed", none for "no-signal")
    reading.unstable_baseline # the signals before the changes (the baseline is not stable)
    reading.rule_set_verdicts # (("ihi", verdict or None), ("anhoej", ...)); None: rule set not applicable
    reading.agree             # False when the two rule sets reach different verdicts
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from generator.charts.signals import (
    MIN_USEFUL_ANHOEJ,
    RULES,
    SHIFT_LENGTH,
    TREND_LENGTH,
    Analysis,
    Direction,
    Point,
    Signal,
    Summary,
    analyse_both,
    anhoej_crossings_limit,
    anhoej_longest_run_limit,
    check_series_length,
    runs_limits,
    useful_signs,
)

__all__ = ["PlacedSignal", "Placement", "Reading", "changes_start", "place_signals", "read_series"]

Placement = Literal["after", "before", "across"]
StartReason = Literal["baseline", "change", "none"]
#: Which signal decides a verdict when several count: the run rules first (the most robust), then
#: the trend, the astronomical point, and the whole-series rules; the earliest signal breaks ties.
PRIORITY = ("shift", "long-run", "trend", "astronomical", "runs-too-few", "few-crossings", "runs-too-many")


@dataclass(frozen=True)
class PlacedSignal:
    """A signal with its place in time: after the changes (counts), before them, or across the series."""

    signal: Signal
    placement: Placement
    judged: tuple[int, int]  # first and last index of the points the rule judged
    after: tuple[int, ...]  # the signal's points after the changes began (empty for whole-series rules)
    after_useful: int  # useful observations after the changes began
    after_runs: int  # runs among them (crossings = runs - 1)

    @property
    def counts(self) -> bool:
        return self.placement == "after"


@dataclass(frozen=True)
class Reading:
    """One series read as a whole: both rule sets, every signal placed in time, and the verdict."""

    points: tuple[Point, ...]
    start: int  # index of the first point after the changes began (len(points): none yet)
    start_reason: StartReason
    analyses: tuple[Analysis, Analysis]  # IHI, Anhøj
    placed: tuple[PlacedSignal, ...]
    verdict: Summary
    deciding: tuple[PlacedSignal, ...]
    rule_set_verdicts: tuple[tuple[str, Summary | None], ...]

    @property
    def unstable_baseline(self) -> tuple[PlacedSignal, ...]:
        return tuple(p for p in self.placed if p.placement == "before")

    @property
    def agree(self) -> bool:
        """False when the rule sets reach different verdicts (a signal without direction agrees with one with)."""
        verdicts = {verdict for _, verdict in self.rule_set_verdicts if verdict is not None}
        if "unclear" in verdicts and verdicts - {"unclear", "no-signal"}:
            verdicts.discard("unclear")
        return len(verdicts) <= 1

    def of(self, rule_set: str) -> tuple[PlacedSignal, ...]:
        return tuple(p for p in self.placed if p.signal.rule_set == rule_set)


def changes_start(
    points: Sequence[Point], *, baseline: int | None, first_change: str | None
) -> tuple[int, StartReason]:
    """Index of the first point after the changes began, and what set it (see the module docstring)."""
    change = None
    if first_change is not None:  # ISO periods compare as strings ("2026-01" <= "2026-01-15")
        change = next((i for i, point in enumerate(points) if point.period >= first_change), len(points))
    if baseline is not None:
        begins = min(baseline, len(points))
        if change is not None and change > begins:
            return change, "change"
        return begins, "baseline"
    if change is not None:
        return change, "change"
    return 0, "none"


def _part_counts(signs: Sequence[tuple[int, int]], part: range) -> tuple[int, int]:
    """Useful observations with an index in ``part``, and the runs they make."""
    kept = [sign for index, sign in signs if index in part]
    runs = (1 if kept else 0) + sum(1 for a, b in pairwise(kept) if a != b)
    return len(kept), runs


def _distinct_steps(values: Sequence[float]) -> int:
    return (1 if values else 0) + sum(1 for a, b in pairwise(values) if a != b)


def _meets_alone(signal: Signal, after: Sequence[int], values: Sequence[float], counts: tuple[int, int, int]) -> bool:
    """Whether the signal's points on one side of the start (``after``) meet its rule on their own.

    A run or trend keeps the limit it was found with (the longest-run limit of the whole chart is
    the stricter one); a whole-series rule is applied again to the useful points of that side.
    """
    useful, runs, all_useful = counts
    if signal.rule == "shift":
        return len(after) >= SHIFT_LENGTH
    if signal.rule == "trend":
        return _distinct_steps([values[i] for i in after]) >= TREND_LENGTH
    if signal.rule == "astronomical":
        return bool(after)
    if signal.rule == "long-run":
        return len(after) > anhoej_longest_run_limit(all_useful)
    if signal.rule == "few-crossings":
        return useful >= MIN_USEFUL_ANHOEJ and runs - 1 < anhoej_crossings_limit(useful)
    limits = runs_limits(useful)
    if limits is None:
        return False
    return runs < limits[0] if signal.rule == "runs-too-few" else runs > limits[1]


def place_signals(analysis: Analysis, points: Sequence[Point], start: int) -> tuple[PlacedSignal, ...]:
    """Every signal of one analysis placed before, after or across the start of the changes."""
    values = [point.value for point in points]
    signs = useful_signs(analysis)
    after_counts = _part_counts(signs, range(start, len(points)))
    before_counts = _part_counts(signs, range(start))
    placed = []
    for signal in analysis.signals:
        after = tuple(i for i in signal.indices if i >= start)
        before = tuple(i for i in signal.indices if i < start)
        judged = (signal.indices[0], signal.indices[-1]) if signal.indices else (0, len(points) - 1)
        if _meets_alone(signal, after, values, (*after_counts, analysis.useful_observations)):
            placement: Placement = "after"
        elif (signal.indices and not after) or _meets_alone(
            signal, before, values, (*before_counts, analysis.useful_observations)
        ):
            placement = "before"
        else:
            placement = "across"
        placed.append(PlacedSignal(signal, placement, judged, after, *after_counts))
    return tuple(placed)


def _summary(signals: Sequence[Signal]) -> Summary:
    """One word for counted signals: improvement, deterioration, mixed (both), unclear (no direction)."""
    directions = {signal.verdict for signal in signals} - {"unclear"}
    if not signals:
        return "no-signal"
    if not directions:
        return "unclear"
    if len(directions) == 2:
        return "mixed"
    return "improvement" if directions == {"improvement"} else "deterioration"


def _first(placed: Sequence[PlacedSignal]) -> PlacedSignal:
    return min(placed, key=lambda p: (PRIORITY.index(p.signal.rule), p.after[0] if p.after else p.judged[0]))


def _deciding(counted: Sequence[PlacedSignal], verdict: Summary) -> tuple[PlacedSignal, ...]:
    if verdict == "no-signal":
        return ()
    if verdict == "mixed":
        return tuple(_first([p for p in counted if p.signal.verdict == v]) for v in ("improvement", "deterioration"))
    wanted = "unclear" if verdict == "unclear" else verdict
    return (_first([p for p in counted if p.signal.verdict == wanted]),)


def _rule_set_verdict(analysis: Analysis, placed: Sequence[PlacedSignal]) -> Summary | None:
    if set(analysis.not_applicable) >= set(RULES[analysis.rule_set]):
        return None
    return _summary([p.signal for p in placed if p.counts])


def read_series(
    points: Sequence[Point], *, baseline: int | None, direction: Direction, first_change: str | None
) -> Reading:
    """Apply both rule sets to a series, place their signals in time and reach one verdict."""
    check_series_length(len(points))
    start, reason = changes_start(points, baseline=baseline, first_change=first_change)
    analyses = analyse_both(points, baseline=baseline, direction=direction)
    per_set = [place_signals(analysis, points, start) for analysis in analyses]
    placed = tuple(p for group in per_set for p in group)
    counted = [p for p in placed if p.counts]
    verdict = _summary([p.signal for p in counted])
    rule_sets = tuple((a.rule_set, _rule_set_verdict(a, group)) for a, group in zip(analyses, per_set, strict=True))
    return Reading(tuple(points), start, reason, analyses, placed, verdict, _deciding(counted, verdict), rule_sets)
