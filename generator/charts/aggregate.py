"""The collaborative's aggregate of several teams' series, and whether a team reached its target.

Per period, over the teams that reported it: the sum of the numerators over the sum of the
denominators (× the measure's scale) when every one of those points carries its counts ("pooled"),
otherwise the median of the teams' values ("median"). Periods that fewer than ``min_teams`` teams
reported are left out: one team's point is not the collaborative's.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Method = Literal["pooled", "median"]
Direction = Literal["increase", "decrease"]
#: How many of a team's last points must meet the target for it to count as having reached it.
LAST_POINTS = 3


@dataclass(frozen=True)
class CountedPoint:
    """One team's point: its value and, when the data gave them, the counts behind it."""

    period: str
    value: float
    numerator: float | None = None
    denominator: float | None = None

    @property
    def has_counts(self) -> bool:
        return self.numerator is not None and self.denominator is not None


@dataclass(frozen=True)
class AggregatePoint:
    """The collaborative's value for one period, how it was computed and from how many teams."""

    period: str
    value: float
    method: Method
    teams: int
    numerator: float | None = None  # pooled: the sums
    denominator: float | None = None


def aggregate(series: Sequence[Sequence[CountedPoint]], *, scale: float, min_teams: int = 2) -> list[AggregatePoint]:
    """The aggregate series, in period order (see the module docstring)."""
    by_period: dict[str, list[CountedPoint]] = defaultdict(list)
    for points in series:
        for point in points:
            by_period[point.period].append(point)
    return [
        aggregate_period(period, points, scale)
        for period, points in sorted(by_period.items())
        if len(points) >= min_teams
    ]


def aggregate_period(period: str, points: Sequence[CountedPoint], scale: float) -> AggregatePoint:
    if all(p.has_counts for p in points):
        numerator = sum(p.numerator or 0.0 for p in points)
        denominator = sum(p.denominator or 0.0 for p in points)
        if denominator > 0:
            return AggregatePoint(
                period, numerator / denominator * scale, "pooled", len(points), numerator, denominator
            )
    return AggregatePoint(period, statistics.median(p.value for p in points), "median", len(points))


def methods(points: Sequence[AggregatePoint]) -> dict[Method, int]:
    """How many periods each method computed."""
    counts: dict[Method, int] = {}
    for point in points:
        counts[point.method] = counts.get(point.method, 0) + 1
    return counts


def reached_target(values: Sequence[float], target: float, direction: Direction, last: int = LAST_POINTS) -> bool:
    """Whether each of the last ``last`` values is at the target or better (False with fewer points)."""
    if len(values) < last:
        return False
    tail = values[-last:]
    return all(v <= target for v in tail) if direction == "decrease" else all(v >= target for v in tail)
