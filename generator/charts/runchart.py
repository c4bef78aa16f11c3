"""Render a result series as a run chart: static, accessible inline SVG, the same in the site and the PDF."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.charts.signals import Analysis, Point
from generator.charts.svg import (
    AXIS_STROKE,
    FONT_SIZE,
    Attrs,
    Scale,
    TimeAxis,
    attr,
    axis_labels,
    estimate_width,
    nice_ticks,
    num,
    svg_document,
    tag,
    time_scale,
)
from generator.charts.svg import text as draw_text

__all__ = ["Annotation", "RunChartText", "render_run_chart"]

WIDTH = 640
PLOT_HEIGHT = 220
NOTE_SIZE = 10
NOTE_ROW = 13
MAX_NOTE_CHARS = 24  # longer notes are numbered on the chart and written out under it
LEGEND_CHARS = 100
LINE_COLOUR = "#2f5f9e"
POINT_COLOUR = "#1f3a5f"
MUTED_COLOUR = "#8a96a8"
SIGNAL_COLOUR = "#c0392b"
MEDIAN_COLOUR = "#5c6b7f"
TARGET_COLOUR = "#2e7d32"
NOTE_COLOUR = "#6a3d9a"
GRID_COLOUR = "#e3e7ed"
PeriodFormat = Callable[[str], str]
ValueFormat = Callable[[float], str]


@dataclass(frozen=True)
class Annotation:
    """A change or event marked at its period (already localized text)."""

    period: str
    text: str


@dataclass(frozen=True)
class RunChartText:
    """Already-localized strings supplied by the caller."""

    title: str  # <title>, read first by screen readers
    description: str  # <desc>: what the chart shows, in words
    median_label: str
    target_label: str
    baseline_label: str


@dataclass(frozen=True)
class _Note:
    """An annotation as placed: its label (its text, or a number) and the row the label sits in."""

    position: float
    label: str
    label_x: float  # the label's centre, kept inside the drawing near its edges
    row: int
    legend: str | None  # the written-out text of a numbered note


@dataclass(frozen=True)
class _Frame:
    """Where everything goes: the scales, the plot box and the annotation layout."""

    axis: TimeAxis
    x: Scale
    y: Scale
    ticks: list[float]
    left: float
    right: float
    top: float
    bottom: float
    notes: list[_Note]

    def xy(self, point: Point) -> tuple[float, float]:
        return self.x(self.axis.position(point.period)), self.y(point.value)


# --- layout ---------------------------------------------------------------------------------


def _ticks(points: Sequence[Point], analysis: Analysis, target: float | None) -> list[float]:
    values = [point.value for point in points] + [analysis.median]
    if target is not None:
        values.append(target)
    return nice_ticks(min(values), max(values))


def _label_centre(centre: float, label: str) -> float:
    half = estimate_width(label, NOTE_SIZE) / 2 + 3
    return min(max(centre, 4 + half), WIDTH - 4 - half)


def _free_row(occupied: list[list[tuple[float, float]]], centre: float, label: str, rows: int) -> int | None:
    """The first label row where ``label`` centred at ``centre`` overlaps no other label."""
    half = estimate_width(label, NOTE_SIZE) / 2 + 3
    middle = _label_centre(centre, label)
    start, end = middle - half, middle + half
    for row in range(rows):
        if all(end <= a or start >= b for a, b in occupied[row]):
            occupied[row].append((start, end))
            return row
    return None


def _place_notes(notes: Sequence[Annotation], axis: TimeAxis, x: Scale, format_period: PeriodFormat) -> list[_Note]:
    """Short notes are written at their period, in up to two rows; the others are numbered."""
    occupied: list[list[tuple[float, float]]] = [[], [], []]
    placed: list[_Note] = []
    ordered = sorted(enumerate(notes), key=lambda item: (axis.position(item[1].period), item[0]))
    for _, note in ordered:
        position = axis.position(note.period)
        short = len(note.text) <= MAX_NOTE_CHARS
        row = _free_row(occupied, x(position), note.text, 2) if short else None
        if row is not None:
            placed.append(_Note(position, note.text, _label_centre(x(position), note.text), row, None))
            continue
        number = str(sum(1 for p in placed if p.legend) + 1)
        legend = f"{number}. {note.text} ({format_period(note.period)})"
        row = _free_row(occupied, x(position), number, 3)
        placed.append(_Note(position, number, _label_centre(x(position), number), 2 if row is None else row, legend))
    return placed


def _frame(
    points: Sequence[Point],
    analysis: Analysis,
    target: float | None,
    annotations: Sequence[Annotation],
    formats: tuple[PeriodFormat, ValueFormat],
) -> _Frame:
    format_period, format_value = formats
    periods = [point.period for point in points] + [note.period for note in annotations]
    axis = TimeAxis.for_periods(periods)
    ticks = _ticks(points, analysis, target)
    left = 12 + max(estimate_width(format_value(tick), FONT_SIZE - 1) for tick in ticks)
    x, right = time_scale(axis, periods, left, format_period, width=WIDTH)
    notes = _place_notes(annotations, axis, x, format_period)
    rows = max((note.row + 1 for note in notes), default=0)
    top = 14 + (rows * NOTE_ROW + 10 if notes else 0)
    y = Scale(ticks[0], ticks[-1], top + PLOT_HEIGHT, top)
    return _Frame(axis, x, y, ticks, left, right, top, top + PLOT_HEIGHT, notes)


# --- drawing --------------------------------------------------------------------------------


def _hline(cls: str, span: tuple[float, float], y: float, style: Attrs) -> str:
    return tag("line", [("class", cls), ("x1", span[0]), ("y1", y), ("x2", span[1]), ("y2", y), *style])


def _grid(frame: _Frame, format_value: ValueFormat) -> list[str]:
    out = ['<g class="ck-grid" aria-hidden="true">']
    for tick in frame.ticks:
        y = frame.y(tick)
        out.append(_hline("ck-gridline", (frame.left, frame.right), y, [("stroke", GRID_COLOUR)]))
        out.append(
            draw_text(frame.left - 6, y + 4, format_value(tick), anchor="end", size=FONT_SIZE - 1, cls="ck-tick")
        )
    out.append(_hline("ck-axis", (frame.left, frame.right), frame.bottom, [("stroke", AXIS_STROKE)]))
    out.append("</g>")
    return out


def _median(frame: _Frame, points: Sequence[Point], analysis: Analysis, label: str) -> list[str]:
    """Solid over the baseline points, dashed where the frozen median is extended to later points."""
    y = frame.y(analysis.median)
    whole_series = any(not signal.indices for signal in analysis.signals)  # too few/many runs, few crossings
    extra = " ck-median-signal" if whole_series else ""
    style: Attrs = [("stroke", SIGNAL_COLOUR if whole_series else MEDIAN_COLOUR), ("stroke-width", 1.5)]
    end = frame.right
    extended = []
    if analysis.baseline_count < len(points):
        end = frame.xy(points[analysis.baseline_count - 1])[0]
        dashed: Attrs = [*style, ("stroke-dasharray", "6 4")]
        extended.append(_hline(f"ck-median ck-median-extended{extra}", (end, frame.right), y, dashed))
    solid = _hline(f"ck-median ck-median-baseline{extra}", (frame.left, end), y, style)
    caption = draw_text(frame.right, y - 5, label, anchor="end", size=FONT_SIZE - 1, cls="ck-median-label")
    return [solid, *extended, caption]


def _target(frame: _Frame, target: float, label: str, median_y: float) -> list[str]:
    y = frame.y(target)
    style: Attrs = [("stroke", TARGET_COLOUR), ("stroke-width", 1.5), ("stroke-dasharray", "10 3 2 3")]
    label_y = y + 13 if abs(y - median_y) < 14 and y >= median_y else y - 5  # keep clear of the median label
    caption = draw_text(frame.right, label_y, label, anchor="end", size=FONT_SIZE - 1, cls="ck-target-label")
    return [_hline("ck-target", (frame.left, frame.right), y, style), caption]


def _series(frame: _Frame, points: Sequence[Point]) -> list[str]:
    """The data line, broken where periods are missing; a faint dotted link bridges each gap."""
    xy = [frame.xy(point) for point in points]
    segments = frame.axis.segments([point.period for point in points])
    out = ['<g class="ck-series" aria-hidden="true" fill="none">']
    for segment in (s for s in segments if len(s) > 1):
        coords = " ".join(f"{num(xy[i][0])},{num(xy[i][1])}" for i in segment)
        out.append(tag("polyline", [("class", "ck-line"), ("points", coords), ("stroke", LINE_COLOUR)]))
    for before, after in pairwise(segments):
        (x1, y1), (x2, y2) = xy[before[-1]], xy[after[0]]
        link: Attrs = [("class", "ck-gap"), ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2)]
        out.append(tag("line", [*link, ("stroke", MUTED_COLOUR), ("stroke-dasharray", "2 3")]))
    out.append("</g>")
    return out


def _points(
    frame: _Frame, points: Sequence[Point], analysis: Analysis, formats: tuple[PeriodFormat, ValueFormat]
) -> list[str]:
    """Every point; the points of a signal are larger and red, points on the median are grey."""
    format_period, format_value = formats
    flagged = {i for signal in analysis.signals for i in signal.indices}
    out = ['<g class="ck-points">']
    for i, point in enumerate(points):
        cx, cy = frame.xy(point)
        if i in flagged:
            cls, fill, radius = "ck-point ck-signal signal", SIGNAL_COLOUR, 5.0
        elif point.value == analysis.median:
            cls, fill, radius = "ck-point ck-on-median", MUTED_COLOUR, 3.5
        else:
            cls, fill, radius = "ck-point", POINT_COLOUR, 3.5
        tooltip = tag("title", [], attr(f"{format_period(point.period)} — {format_value(point.value)}"))
        attrs: Attrs = [("class", cls), ("cx", cx), ("cy", cy), ("r", radius), ("fill", fill)]
        out.append(tag("circle", [*attrs, ("stroke", "#ffffff"), ("stroke-width", 1)], tooltip))
    out.append("</g>")
    return out


def _notes(frame: _Frame) -> list[str]:
    """A marker and a dotted guide at each annotated period, its short text or number above the plot."""
    out = ['<g class="ck-annotations">']
    for note in frame.notes:
        x = frame.x(note.position)
        guide: Attrs = [("x1", x), ("y1", frame.top), ("x2", x), ("y2", frame.bottom), ("stroke", NOTE_COLOUR)]
        marker = f"M{num(x - 4)} {num(frame.top - 8)}H{num(x + 4)}L{num(x)} {num(frame.top - 1)}Z"
        label_y = frame.top - 12 - note.row * NOTE_ROW
        out += [
            tag("line", [("class", "ck-annotation-guide"), *guide, ("stroke-dasharray", "1 3"), ("opacity", 0.6)]),
            tag("path", [("class", "ck-annotation"), ("d", marker), ("fill", NOTE_COLOUR)]),
            draw_text(note.label_x, label_y, note.label, size=NOTE_SIZE, cls="ck-annotation-label"),
        ]
    out.append("</g>")
    return out


def _baseline(frame: _Frame, points: Sequence[Point], analysis: Analysis, label: str, y: float) -> list[str]:
    """A bracket under the axis spanning the baseline points the median was frozen on."""
    x0, x1 = frame.xy(points[0])[0], frame.xy(points[analysis.baseline_count - 1])[0]
    bracket = f"M{num(x0)} {num(y - 4)}V{num(y)}H{num(x1)}V{num(y - 4)}"
    path = tag("path", [("d", bracket), ("fill", "none"), ("stroke", MEDIAN_COLOUR)])
    caption = draw_text((x0 + x1) / 2, y + 12, label, size=FONT_SIZE - 1, cls="ck-baseline-label")
    return ['<g class="ck-baseline">', path, caption, "</g>"]


def _legend(frame: _Frame, y: float) -> tuple[list[str], float]:
    """The numbered notes written out under the chart; returns the markup and the next free y."""
    lines = [line for note in frame.notes if note.legend for line in textwrap.wrap(note.legend, LEGEND_CHARS)]
    if not lines:
        return [], y
    out = ['<g class="ck-annotation-legend">']
    for line in lines:
        y += 14
        out.append(draw_text(frame.left, y, line, anchor="start", size=NOTE_SIZE))
    out.append("</g>")
    return out, y


def render_run_chart(
    points: Sequence[Point],
    analysis: Analysis,
    *,
    target: float | None,
    annotations: Sequence[Annotation],
    text: RunChartText,
    format_period: PeriodFormat,
    format_value: ValueFormat,
    element_id: str,
) -> str:
    """Return the run chart as one script-free ``<svg>`` element (deterministic: same input, same bytes)."""
    if not points:
        raise ValueError("a run chart needs at least one point")
    frame = _frame(points, analysis, target, annotations, (format_period, format_value))
    median_label = f"{text.median_label} ({format_value(analysis.median)})"
    body = [*_grid(frame, format_value), *_notes(frame), *_median(frame, points, analysis, median_label)]
    if target is not None:
        body += _target(frame, target, f"{text.target_label} ({format_value(target)})", frame.y(analysis.median))
    body += [*_series(frame, points), *_points(frame, points, analysis, (format_period, format_value))]
    periods = [point.period for point in points] + [note.period for note in annotations]
    body += axis_labels(frame.axis, periods, frame.x, frame.bottom + 15, format_period)
    footer, height = _footer(frame, points, analysis, text.baseline_label)
    return svg_document(element_id, "ck-runchart", (WIDTH, height), text.title, text.description, [*body, *footer])


def _footer(frame: _Frame, points: Sequence[Point], analysis: Analysis, baseline_label: str) -> tuple[list[str], float]:
    """Under the axis: the baseline bracket (frozen median only), then the numbered notes; and the height."""
    out, y = [], frame.bottom + 22
    if analysis.baseline_count < len(points):
        out += _baseline(frame, points, analysis, baseline_label, y + 6)
        y += 20
    legend, y = _legend(frame, y)
    return out + legend, y + 10
