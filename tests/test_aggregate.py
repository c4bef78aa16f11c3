"""The collaborative's aggregate (pooled or median, per period), target reached, and small multiples."""

from __future__ import annotations

import re

import pytest

from generator.charts.aggregate import AggregatePoint, CountedPoint, aggregate, methods, reached_target
from generator.charts.multiples import Panel, render_panel, shared_scale
from generator.charts.signals import Point


def test_pooled_when_every_point_has_counts() -> None:
    a = [CountedPoint("2026-01", 10.0, 1, 10), CountedPoint("2026-02", 50.0, 5, 10)]
    b = [CountedPoint("2026-01", 30.0, 30, 100), CountedPoint("2026-02", 20.0, 20, 100)]
    result = aggregate([a, b], scale=100)
    assert result == [
        AggregatePoint("2026-01", pytest.approx(31 / 110 * 100), "pooled", 2, 31, 110),  # type: ignore[arg-type]
        AggregatePoint("2026-02", pytest.approx(25 / 110 * 100), "pooled", 2, 25, 110),  # type: ignore[arg-type]
    ]
    # Pooling weighs each team by its denominator; the median of the two values would say 30 and 35.
    assert methods(result) == {"pooled": 2}


def test_median_when_a_point_lacks_its_counts_and_periods_with_one_team_left_out() -> None:
    a = [CountedPoint("2026-01", 10.0, 1, 10), CountedPoint("2026-02", 12.0)]
    b = [CountedPoint("2026-01", 30.0, 3, 10), CountedPoint("2026-02", 20.0, 2, 10)]
    c = [CountedPoint("2026-02", 40.0), CountedPoint("2026-03", 1.0)]
    result = aggregate([a, b, c], scale=100)
    assert [(p.period, p.value, p.method, p.teams) for p in result] == [
        ("2026-01", 20.0, "pooled", 2),
        ("2026-02", 20.0, "median", 3),
    ]
    assert methods(result) == {"pooled": 1, "median": 1}


def test_rate_scale() -> None:
    a = [CountedPoint("2026-01", 4.0, 8, 2000)]
    b = [CountedPoint("2026-01", 2.0, 2, 1000)]
    assert aggregate([a, b], scale=1000)[0].value == pytest.approx(10 / 3000 * 1000)


@pytest.mark.parametrize(
    ("values", "direction", "expected"),
    [
        ([40, 31, 30, 29, 28], "decrease", True),
        ([40, 29, 31, 29, 28], "decrease", False),
        ([29, 28], "decrease", False),
        ([80, 96, 95, 97], "increase", True),
        ([80, 96, 94.9, 97], "increase", False),
    ],
)
def test_reached_target_in_the_last_three_points(values: list[float], direction: str, expected: bool) -> None:
    target = 30 if direction == "decrease" else 95
    assert reached_target(values, target, direction) is expected  # type: ignore[arg-type]


def test_small_multiples_share_one_scale() -> None:
    low = Panel((Point("2026-01", 2.0), Point("2026-02", 3.0)), 2.5, "A & B", "two points")
    high = Panel((Point("2026-02", 40.0), Point("2026-04", 50.0)), None, "C", "two points")
    scale = shared_scale([low, high], target=1.0)
    assert scale.lo <= 1.0 and scale.hi >= 50.0
    assert scale.periods == ("2026-01", "2026-04")
    svg = render_panel(
        low, scale, target=1.0, format_value=lambda v: f"{v:g}", format_period=lambda p: p, element_id="sm-1"
    )
    assert '<title id="sm-1-title">A &amp; B</title>' in svg
    assert 'class="ck-sm-target"' in svg and 'class="ck-sm-median"' in svg
    assert "2026-01</text>" in svg and "2026-04</text>" in svg  # the shared time span, on every panel
    sizes = {float(s) for s in re.findall(r'<text[^>]* font-size="([\d.]+)"', svg)}
    assert sizes == {12.0}
