"""Small multiples: one small run chart per team, every panel on the same value and time scales."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.charts.signals import Point
from generator.charts.svg import (
    AXIS_STROKE,
    Attrs,
    Scale,
    TimeAxis,
    nice_ticks,
    num,
    svg_document,
    tag,
)
from generator.charts.svg import text as draw_text

__all__ = ["Panel", "SharedScale", "render_panel", "shared_scale"]

WIDTH = 260
HEIGHT = 150
TEXT = 12  # drawn at 240 px or wider (CSS), so never below 11 px on screen
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 10, 26
LINE_COLOUR = "#2f5f9e"
POINT_COLOUR = "#1f3a5f"
MEDIAN_COLOUR = "#5c6b7f"
TARGET_COLOUR = "#2e7d32"
GRID_COLOUR = "#e3e7ed"
PeriodFormat = Callable[[str], str]
ValueFormat = Callable[[float], str]


@dataclass(frozen=True)
class Panel:
    """One team's series, its median (the baseline's, when it has one) and already-localized text."""

    points: tuple[Point, ...]
    median: float | None
    title: str  # <title>: the team and the measure
    description: str  # <desc>: the series in words


@dataclass(frozen=True)
class SharedScale:
    """The value ticks and the periods every panel is drawn against."""

    ticks: tuple[float, ...]
    periods: tuple[str, ...]  # first and last period of all panels

    @property
    def lo(self) -> float:
        return self.ticks[0]

    @property
    def hi(self) -> float:
        return self.ticks[-1]


def shared_scale(panels: Sequence[Panel], target: float | None) -> SharedScale:
    """One scale for all panels: every value (and the target) fits, with round ticks."""
    values = [p.value for panel in panels for p in panel.points]
    if target is not None:
        values.append(target)
    every = [p.period for panel in panels for p in panel.points]
    periods = sorted(set(every), key=TimeAxis.for_periods(every).position)
    ticks = nice_ticks(min(values, default=0.0), max(values, default=1.0), 4)
    return SharedScale(tuple(ticks), (periods[0], periods[-1]) if periods else ())


def render_panel(
    panel: Panel,
    scale: SharedScale,
    *,
    target: float | None,
    format_value: ValueFormat,
    format_period: PeriodFormat,
    element_id: str,
) -> str:
    """A small, accessible SVG: grid, target, median, the series; first and last period below."""
    axis = TimeAxis.for_periods([*scale.periods, *(p.period for p in panel.points)])
    x = Scale(axis.position(scale.periods[0]), axis.position(scale.periods[-1]), LEFT + 6, WIDTH - RIGHT - 6)
    y = Scale(scale.lo, scale.hi, HEIGHT - BOTTOM, TOP)
    body = [*grid(scale, y, format_value), *period_labels(scale, x, axis, format_period)]
    if target is not None:
        body.append(hline("ck-sm-target", y(target), TARGET_COLOUR, "5 3"))
    if panel.median is not None:
        body.append(hline("ck-sm-median", y(panel.median), MEDIAN_COLOUR, "2 2"))
    body += series(panel.points, axis, x, y)
    return svg_document(element_id, "ck-small-multiple", (WIDTH, HEIGHT), panel.title, panel.description, body)


def grid(scale: SharedScale, y: Scale, format_value: ValueFormat) -> list[str]:
    out: list[str] = []
    for tick in (scale.lo, scale.hi):
        attrs: Attrs = [("x1", LEFT), ("x2", WIDTH - RIGHT), ("y1", y(tick)), ("y2", y(tick))]
        out.append(tag("line", [*attrs, ("stroke", GRID_COLOUR)]))
        out.append(draw_text(LEFT - 4, y(tick) + TEXT / 3, format_value(tick), anchor="end", size=TEXT))
    out.append(tag("line", [("x1", LEFT), ("x2", LEFT), ("y1", TOP), ("y2", HEIGHT - BOTTOM), ("stroke", AXIS_STROKE)]))
    return out


def period_labels(scale: SharedScale, x: Scale, axis: TimeAxis, format_period: PeriodFormat) -> list[str]:
    first, last = scale.periods[0], scale.periods[-1]
    baseline = HEIGHT - BOTTOM + TEXT + 4
    labels = [draw_text(x(axis.position(first)), baseline, format_period(first), anchor="start", size=TEXT)]
    if last != first:
        labels.append(draw_text(x(axis.position(last)), baseline, format_period(last), anchor="end", size=TEXT))
    return labels


def hline(cls: str, at: float, colour: str, dash: str) -> str:
    attrs: Attrs = [("class", cls), ("x1", LEFT), ("x2", WIDTH - RIGHT), ("y1", at), ("y2", at)]
    return tag("line", [*attrs, ("stroke", colour), ("stroke-width", 1.5), ("stroke-dasharray", dash)])


def series(points: Sequence[Point], axis: TimeAxis, x: Scale, y: Scale) -> list[str]:
    xy = [(x(axis.position(p.period)), y(p.value)) for p in points]
    out: list[str] = []
    for segment in axis.segments([p.period for p in points]):
        coords = " ".join(f"{num(xy[i][0])},{num(xy[i][1])}" for i in segment)
        out.append(
            tag("polyline", [("points", coords), ("fill", "none"), ("stroke", LINE_COLOUR), ("stroke-width", 1.75)])
        )
    out += [tag("circle", [("cx", cx), ("cy", cy), ("r", 2.25), ("fill", POINT_COLOUR)]) for cx, cy in xy]
    return out
