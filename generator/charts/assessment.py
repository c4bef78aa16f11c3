"""Render a team's monthly assessment scores as a small step chart labelled with the scale's levels."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from generator.charts.svg import (
    AXIS_STROKE,
    Attrs,
    Scale,
    TimeAxis,
    attr,
    axis_labels,
    estimate_width,
    num,
    svg_document,
    tag,
    time_scale,
)
from generator.charts.svg import text as draw_text

__all__ = ["render_assessment_chart"]

WIDTH = 640
LEVEL_SIZE = 10
LEVEL_GAP = 22  # vertical room per level, one line of label
WRAPPED_GAP = 28  # vertical room per level when labels take two lines
MAX_LABEL_WIDTH = 230
MIN_PLOT_HEIGHT = 110
TOP = 12
LINE_COLOUR = "#2f5f9e"
POINT_COLOUR = "#1f3a5f"
GRID_COLOUR = "#e3e7ed"


def _label_lines(label: str) -> list[str]:
    """A level label on one line, or wrapped onto two when it would not fit the margin."""
    if estimate_width(label, LEVEL_SIZE) <= MAX_LABEL_WIDTH:
        return [label]
    chars = int(MAX_LABEL_WIDTH / (0.6 * LEVEL_SIZE))
    lines = textwrap.wrap(label, chars)
    return [*lines[:1], " ".join(lines[1:])] if len(lines) > 2 else lines


def _levels(
    scale: Sequence[tuple[float, str]], scores: Sequence[tuple[str, float]]
) -> tuple[list[tuple[float, list[str]]], Scale, float]:
    """The labelled levels, the vertical scale and the left edge of the plot."""
    levels = [(score, _label_lines(label)) for score, label in sorted(scale)]
    wrapped = any(len(lines) > 1 for _, lines in levels)
    values = [score for score, _ in levels] + [value for _, value in scores]
    lo, hi = min(values), max(values)
    steps = max(len(levels) - 1, 1)
    height = max(MIN_PLOT_HEIGHT, steps * (WRAPPED_GAP if wrapped else LEVEL_GAP))
    widest = max(estimate_width(line, LEVEL_SIZE) for _, lines in levels for line in lines)
    return levels, Scale(lo, hi, TOP + height, TOP), 16 + widest


def _level_marks(levels: list[tuple[float, list[str]]], y: Scale, left: float, right: float) -> list[str]:
    out = ['<g class="ck-levels">']
    for score, lines in levels:
        level_y = y(score)
        coords: Attrs = [("x1", left), ("y1", level_y), ("x2", right), ("y2", level_y)]
        out.append(tag("line", [("class", "ck-level-line"), *coords, ("stroke", GRID_COLOUR)]))
        first = level_y + 4 - (len(lines) - 1) * 6
        for k, line in enumerate(lines):
            out.append(draw_text(left - 8, first + 12 * k, line, anchor="end", size=LEVEL_SIZE, cls="ck-level"))
    out.append("</g>")
    return out


def _step_path(coords: Sequence[tuple[float, float]]) -> str:
    """A step line: each score holds until the next one."""
    x0, y0 = coords[0]
    steps = "".join(f"H{num(x)}V{num(y)}" for x, y in coords[1:])
    return f"M{num(x0)} {num(y0)}{steps}"


def _series(coords: list[tuple[float, float]], segments: list[list[int]]) -> list[str]:
    out = ['<g class="ck-series" aria-hidden="true" fill="none">']
    for segment in (s for s in segments if len(s) > 1):
        path = _step_path([coords[i] for i in segment])
        out.append(tag("path", [("class", "ck-score-line"), ("d", path), ("stroke", LINE_COLOUR), ("stroke-width", 2)]))
    out.append("</g>")
    return out


def _points(
    scores: Sequence[tuple[str, float]],
    coords: list[tuple[float, float]],
    names: dict[float, str],
    format_period: Callable[[str], str],
) -> list[str]:
    """One point per month; its tooltip names the level when the score is a labelled one."""
    out = ['<g class="ck-points">']
    for i, ((period, score), (cx, cy)) in enumerate(zip(scores, coords, strict=True)):
        when = format_period(period)
        tooltip = tag("title", [], attr(f"{when} — {names[score]}" if score in names else when))
        latest = i == len(scores) - 1
        attrs: Attrs = [("class", "ck-point ck-latest" if latest else "ck-point"), ("cx", cx), ("cy", cy)]
        style: Attrs = [("r", 4.5 if latest else 3.5), ("fill", POINT_COLOUR), ("stroke", "#ffffff")]
        out.append(tag("circle", [*attrs, *style], tooltip))
    out.append("</g>")
    return out


def render_assessment_chart(
    scores: Sequence[tuple[str, float]],
    scale: Sequence[tuple[float, str]],
    *,
    title: str,
    description: str,
    format_period: Callable[[str], str],
    element_id: str,
) -> str:
    """Return the assessment chart as one script-free ``<svg>`` element (same input, same bytes)."""
    if not scores or not scale:
        raise ValueError("an assessment chart needs at least one score and a scale")
    levels, y, left = _levels(scale, scores)
    periods = [period for period, _ in scores]
    axis = TimeAxis.for_periods(periods)
    x, right = time_scale(axis, periods, left, format_period, width=WIDTH)
    coords = [(x(axis.position(period)), y(score)) for period, score in scores]
    bottom = y.start
    body = _level_marks(levels, y, left, right)
    body.append(
        tag("line", [("x1", left), ("y1", bottom + 8), ("x2", right), ("y2", bottom + 8), ("stroke", AXIS_STROKE)])
    )
    body += _series(coords, axis.segments(periods))
    body += _points(scores, coords, dict(scale), format_period)
    body += axis_labels(axis, periods, x, bottom + 23, format_period)
    size = (WIDTH, bottom + 34)
    return svg_document(element_id, "ck-assessment", size, title, description, body)
