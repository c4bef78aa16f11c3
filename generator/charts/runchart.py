"""Render a result series as a run chart: static, accessible inline SVG, the same in the site and the PDF.

Layout, top to bottom: the y-axis unit; the numbers of the annotations (never text on the plot);
the plot; the period labels; the baseline bracket; a key (median, target, signal points), and the
numbered annotations written out. Labels live outside the plot, so none can cover a point or
another label. ``width`` draws for a column: ``WIDTH`` for a page or the PDF, ``NARROW_WIDTH`` for a
phone. Every text is at least 11 units, so at least 11 CSS px once the drawing is as wide as its
width in units (the site shows the narrow drawing in columns under 640 px).
"""

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

__all__ = ["NARROW_WIDTH", "WIDTH", "Annotation", "Marks", "RunChartText", "render_run_chart"]

WIDTH = 640
NARROW_WIDTH = 320
NARROW_FONT = 11
PLOT_HEIGHT = 220
NARROW_PLOT_HEIGHT = 200
NOTE_ROW = 14
KEY_ROW = 17
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
    unit_label: str = ""  # the y axis' unit ("Minutes", "%"); none when empty
    counted_label: str = ""  # key entry of the points of signals that count
    uncounted_label: str = ""  # key entry of the points of signals that do not (before the changes)


@dataclass(frozen=True)
class Marks:
    """Points to highlight: those of signals that count, and those of signals that do not."""

    counted: frozenset[int] = frozenset()
    uncounted: frozenset[int] = frozenset()


@dataclass(frozen=True)
class _Style:
    """Sizes for one drawing width."""

    width: float
    plot_height: float
    tick: float  # tick and axis labels
    note: float  # annotation numbers, key and annotation list


def _style(width: float) -> _Style:
    if width < WIDTH:
        return _Style(width, NARROW_PLOT_HEIGHT, NARROW_FONT, NARROW_FONT)
    return _Style(width, PLOT_HEIGHT, FONT_SIZE, FONT_SIZE)


@dataclass(frozen=True)
class _Note:
    """An annotation as placed: its number and the row the number sits in."""

    position: float
    label: str
    label_x: float  # the label's centre, kept inside the drawing near its edges
    row: int
    legend: str  # the written-out text: "1. text (period)"


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
    style: _Style

    def xy(self, point: Point) -> tuple[float, float]:
        return self.x(self.axis.position(point.period)), self.y(point.value)


# --- layout ---------------------------------------------------------------------------------


def _ticks(points: Sequence[Point], analysis: Analysis, target: float | None) -> list[float]:
    values = [point.value for point in points] + [analysis.median]
    if target is not None:
        values.append(target)
    return nice_ticks(min(values), max(values))


def _label_centre(centre: float, label: str, style: _Style) -> float:
    half = estimate_width(label, style.note) / 2 + 3
    return min(max(centre, 4 + half), style.width - 4 - half)


def _free_row(occupied: list[list[tuple[float, float]]], centre: float, label: str, style: _Style) -> int:
    """The first label row where ``label`` centred at ``centre`` overlaps no other label (a new row if needed)."""
    half = estimate_width(label, style.note) / 2 + 3
    middle = _label_centre(centre, label, style)
    start, end = middle - half, middle + half
    for row, taken in enumerate(occupied):
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
            return row
    occupied.append([(start, end)])
    return len(occupied) - 1


def _place_notes(
    notes: Sequence[Annotation], axis: TimeAxis, x: Scale, format_period: PeriodFormat, style: _Style
) -> list[_Note]:
    """Every annotation is numbered in time order above the plot; its text is written out under the chart."""
    occupied: list[list[tuple[float, float]]] = []
    placed: list[_Note] = []
    ordered = sorted(enumerate(notes), key=lambda item: (axis.position(item[1].period), item[0]))
    for number, (_, note) in enumerate(ordered, start=1):
        position = axis.position(note.period)
        label = str(number)
        row = _free_row(occupied, x(position), label, style)
        legend = f"{label}. {note.text} ({format_period(note.period)})"
        placed.append(_Note(position, label, _label_centre(x(position), label, style), row, legend))
    return placed


def _frame(
    points: Sequence[Point],
    analysis: Analysis,
    target: float | None,
    annotations: Sequence[Annotation],
    formats: tuple[PeriodFormat, ValueFormat],
    style: _Style,
) -> _Frame:
    format_period, format_value = formats
    periods = [point.period for point in points] + [note.period for note in annotations]
    axis = TimeAxis.for_periods(periods)
    ticks = _ticks(points, analysis, target)
    left = 12 + max(estimate_width(format_value(tick), style.tick) for tick in ticks)
    x, right = time_scale(axis, periods, left, format_period, width=style.width, size=style.tick)
    notes = _place_notes(annotations, axis, x, format_period, style)
    rows = max((note.row + 1 for note in notes), default=0)
    top = 24 + (rows * NOTE_ROW + 12 if notes else 0)  # the unit's row, then the annotation numbers
    y = Scale(ticks[0], ticks[-1], top + style.plot_height, top)
    return _Frame(axis, x, y, ticks, left, right, top, top + style.plot_height, notes, style)


# --- drawing --------------------------------------------------------------------------------


def _hline(cls: str, span: tuple[float, float], y: float, style: Attrs) -> str:
    return tag("line", [("class", cls), ("x1", span[0]), ("y1", y), ("x2", span[1]), ("y2", y), *style])


def _grid(frame: _Frame, format_value: ValueFormat, unit: str) -> list[str]:
    size = frame.style.tick
    out = ['<g class="ck-grid" aria-hidden="true">']
    if unit:
        out.append(draw_text(4, 14, unit, anchor="start", size=size, cls="ck-unit"))
    for tick in frame.ticks:
        y = frame.y(tick)
        out.append(_hline("ck-gridline", (frame.left, frame.right), y, [("stroke", GRID_COLOUR)]))
        out.append(draw_text(frame.left - 6, y + 4, format_value(tick), anchor="end", size=size, cls="ck-tick"))
    out.append(_hline("ck-axis", (frame.left, frame.right), frame.bottom, [("stroke", AXIS_STROKE)]))
    out.append("</g>")
    return out


def _median_style(analysis: Analysis) -> tuple[str, Attrs]:
    whole_series = any(not signal.indices for signal in analysis.signals)  # too few/many runs, few crossings
    extra = " ck-median-signal" if whole_series else ""
    return extra, [("stroke", SIGNAL_COLOUR if whole_series else MEDIAN_COLOUR), ("stroke-width", 1.5)]


def _median(frame: _Frame, points: Sequence[Point], analysis: Analysis) -> list[str]:
    """Solid over the baseline points, dashed where the frozen median is extended to later points."""
    y = frame.y(analysis.median)
    extra, style = _median_style(analysis)
    end = frame.right
    extended = []
    if analysis.baseline_count < len(points):
        end = frame.xy(points[analysis.baseline_count - 1])[0]
        dashed: Attrs = [*style, ("stroke-dasharray", "6 4")]
        extended.append(_hline(f"ck-median ck-median-extended{extra}", (end, frame.right), y, dashed))
    solid = _hline(f"ck-median ck-median-baseline{extra}", (frame.left, end), y, style)
    return [solid, *extended]


_TARGET_STYLE: Attrs = [("stroke", TARGET_COLOUR), ("stroke-width", 1.5), ("stroke-dasharray", "10 3 2 3")]


def _target(frame: _Frame, target: float) -> list[str]:
    return [_hline("ck-target", (frame.left, frame.right), frame.y(target), _TARGET_STYLE)]


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


def _point_style(i: int, point: Point, analysis: Analysis, marks: Marks) -> tuple[str, str, str, float]:
    """(class, fill, stroke, radius): red for signals that count, red rings for those that do not."""
    if i in marks.counted:
        return "ck-point ck-signal signal", SIGNAL_COLOUR, "#ffffff", 5.0
    if i in marks.uncounted:
        return "ck-point ck-signal-uncounted", "#ffffff", SIGNAL_COLOUR, 4.5
    if point.value == analysis.median:
        return "ck-point ck-on-median", MUTED_COLOUR, "#ffffff", 3.5
    return "ck-point", POINT_COLOUR, "#ffffff", 3.5


def _points(
    frame: _Frame,
    points: Sequence[Point],
    analysis: Analysis,
    marks: Marks,
    formats: tuple[PeriodFormat, ValueFormat],
) -> list[str]:
    """Every point; the points of signals are larger and red, points on the median are grey."""
    format_period, format_value = formats
    out = ['<g class="ck-points">']
    for i, point in enumerate(points):
        cx, cy = frame.xy(point)
        cls, fill, stroke, radius = _point_style(i, point, analysis, marks)
        tooltip = tag("title", [], attr(f"{format_period(point.period)} — {format_value(point.value)}"))
        attrs: Attrs = [("class", cls), ("cx", cx), ("cy", cy), ("r", radius), ("fill", fill)]
        width = 1.5 if stroke != "#ffffff" else 1
        out.append(tag("circle", [*attrs, ("stroke", stroke), ("stroke-width", width)], tooltip))
    out.append("</g>")
    return out


def _notes(frame: _Frame) -> list[str]:
    """A marker and a dotted guide at each annotated period, its number above the plot."""
    out = ['<g class="ck-annotations">']
    for note in frame.notes:
        x = frame.x(note.position)
        guide: Attrs = [("x1", x), ("y1", frame.top), ("x2", x), ("y2", frame.bottom), ("stroke", NOTE_COLOUR)]
        marker = f"M{num(x - 4)} {num(frame.top - 15)}H{num(x + 4)}L{num(x)} {num(frame.top - 8)}Z"
        label_y = frame.top - 19 - note.row * NOTE_ROW
        out += [
            tag("line", [("class", "ck-annotation-guide"), *guide, ("stroke-dasharray", "1 3"), ("opacity", 0.6)]),
            tag("path", [("class", "ck-annotation"), ("d", marker), ("fill", NOTE_COLOUR)]),
            draw_text(note.label_x, label_y, note.label, size=frame.style.note, cls="ck-annotation-label"),
        ]
    out.append("</g>")
    return out


def _baseline(frame: _Frame, points: Sequence[Point], analysis: Analysis, label: str, y: float) -> list[str]:
    """A bracket under the axis spanning the baseline points the median was frozen on."""
    x0, x1 = frame.xy(points[0])[0], frame.xy(points[analysis.baseline_count - 1])[0]
    bracket = f"M{num(x0)} {num(y - 4)}V{num(y)}H{num(x1)}V{num(y - 4)}"
    path = tag("path", [("d", bracket), ("fill", "none"), ("stroke", MEDIAN_COLOUR)])
    half = estimate_width(label, frame.style.tick) / 2
    centre = min(max((x0 + x1) / 2, half + 4), frame.style.width - half - 4)
    caption = draw_text(centre, y + 13, label, size=frame.style.tick, cls="ck-baseline-label")
    return ['<g class="ck-baseline">', path, caption, "</g>"]


def _swatch(kind: str, x: float, y: float, analysis: Analysis) -> str:
    """The small sample drawn before a key entry: a median or target line, or a signal point."""
    if kind == "median":
        return _hline("ck-key-median", (x, x + 18), y, _median_style(analysis)[1])
    if kind == "target":
        return _hline("ck-key-target", (x, x + 18), y, _TARGET_STYLE)
    counted = kind == "counted"
    fill, stroke = (SIGNAL_COLOUR, "#ffffff") if counted else ("#ffffff", SIGNAL_COLOUR)
    attrs: Attrs = [("cx", x + 9), ("cy", y), ("r", 4.5), ("fill", fill), ("stroke", stroke), ("stroke-width", 1.5)]
    return tag("circle", attrs)


def _key(frame: _Frame, entries: Sequence[tuple[str, str]], analysis: Analysis, y: float) -> tuple[list[str], float]:
    """The key, entry after entry, wrapped to the width; returns the markup and the next free y."""
    if not entries:
        return [], y
    size, x, row_y = frame.style.note, 4.0, y + KEY_ROW
    out = ['<g class="ck-key">']
    for kind, label in entries:
        width = 22 + estimate_width(label, size)
        if x > 4 and x + width > frame.style.width - 4:
            x, row_y = 4.0, row_y + KEY_ROW
        out.append(_swatch(kind, x, row_y - 4, analysis))
        out.append(draw_text(x + 22, row_y, label, anchor="start", size=size, cls=f"ck-key-{kind}-label"))
        x += width + 14
    out.append("</g>")
    return out, row_y


def _legend(frame: _Frame, y: float) -> tuple[list[str], float]:
    """The numbered notes written out under the chart; returns the markup and the next free y."""
    size = frame.style.note
    chars = max(20, int((frame.style.width - 8) / (0.6 * size)))
    lines = [line for note in frame.notes for line in textwrap.wrap(note.legend, chars, subsequent_indent="   ")]
    if not lines:
        return [], y
    out = ['<g class="ck-annotation-legend">']
    for line in lines:
        y += size + 4
        out.append(draw_text(4, y, line, anchor="start", size=size))
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
    marks: Marks | None = None,
    width: float = WIDTH,
) -> str:
    """Return the run chart as one script-free ``<svg>`` element (deterministic: same input, same bytes).

    ``marks``: the points to highlight (by default, every point of the analysis' signals, as counting).
    """
    if not points:
        raise ValueError("a run chart needs at least one point")
    if marks is None:
        marks = Marks(frozenset(i for signal in analysis.signals for i in signal.indices))
    style = _style(width)
    formats = (format_period, format_value)
    frame = _frame(points, analysis, target, annotations, formats, style)
    body = [*_grid(frame, format_value, text.unit_label), *_notes(frame), *_median(frame, points, analysis)]
    if target is not None:
        body += _target(frame, target)
    body += [*_series(frame, points), *_points(frame, points, analysis, marks, formats)]
    periods = [point.period for point in points] + [note.period for note in annotations]
    body += axis_labels(frame.axis, periods, frame.x, frame.bottom + style.tick + 8, format_period, style.tick)
    entries = _key_entries(analysis, target, marks, text, format_value)
    footer, height = _footer(frame, points, analysis, (text.baseline_label, entries))
    css_class = "ck-runchart ck-runchart-narrow" if width < WIDTH else "ck-runchart"
    return svg_document(element_id, css_class, (width, height), text.title, text.description, [*body, *footer])


def _key_entries(
    analysis: Analysis, target: float | None, marks: Marks, text: RunChartText, format_value: ValueFormat
) -> list[tuple[str, str]]:
    entries = [("median", f"{text.median_label} ({format_value(analysis.median)})")]
    if target is not None:
        entries.append(("target", f"{text.target_label} ({format_value(target)})"))
    if marks.counted and text.counted_label:
        entries.append(("counted", text.counted_label))
    if marks.uncounted and text.uncounted_label:
        entries.append(("uncounted", text.uncounted_label))
    return entries


def _footer(
    frame: _Frame, points: Sequence[Point], analysis: Analysis, labels: tuple[str, list[tuple[str, str]]]
) -> tuple[list[str], float]:
    """Under the axis: the baseline bracket (frozen median only), the key, the numbered notes; and the height."""
    baseline_label, entries = labels
    out, y = [], frame.bottom + frame.style.tick + 15
    if analysis.baseline_count < len(points):
        out += _baseline(frame, points, analysis, baseline_label, y + 6)
        y += frame.style.tick + 12
    key, y = _key(frame, entries, analysis, y)
    legend, y = _legend(frame, y + 4)
    return out + key + legend, y + 10
