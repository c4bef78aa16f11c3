"""Small shared helpers for the static SVG charts: escaping, numbers, time axes and nice ticks."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

__all__ = [
    "AXIS_STROKE",
    "FONT_SIZE",
    "LABEL_FILL",
    "Attrs",
    "Scale",
    "TimeAxis",
    "attr",
    "axis_labels",
    "estimate_width",
    "nice_ticks",
    "num",
    "svg_document",
    "tag",
    "text",
    "time_scale",
]

FONT_SIZE = 11
LABEL_FILL = "#3d4756"
AXIS_STROKE = "#9aa5b4"
Attrs = list[tuple[str, str | float]]
_PERIOD = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_NARROW = frozenset("ijlI.,:;|!'()[] ")
_WIDE = frozenset("mwMW@%")


def attr(value: str) -> str:
    """Escape text for an XML attribute or element content."""
    return html.escape(value, quote=True)


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros: same input, same bytes."""
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if out in ("-0", "") else out


def tag(name: str, attrs: Iterable[tuple[str, str | float]], content: str | None = None) -> str:
    """One element; attributes keep the given order, numbers go through num(), strings are escaped."""
    parts = [name]
    for key, value in attrs:
        parts.append(f'{key}="{num(value) if isinstance(value, (int, float)) else attr(value)}"')
    opening = " ".join(parts)
    return f"<{opening}/>" if content is None else f"<{opening}>{content}</{name}>"


def text(x: float, y: float, content: str, *, anchor: str = "middle", size: float = FONT_SIZE, cls: str = "") -> str:
    """A <text> element with inline presentation attributes (rendered without any stylesheet)."""
    attrs: Attrs = [("x", x), ("y", y), ("text-anchor", anchor), ("font-size", size)]
    attrs.append(("fill", LABEL_FILL))
    if cls:
        attrs.insert(0, ("class", cls))
    return tag("text", attrs, attr(content))


def estimate_width(content: str, size: float = FONT_SIZE) -> float:
    """A generous estimate of the width of one line of text, in user units."""
    ems = sum(0.32 if c in _NARROW else 0.9 if c in _WIDE else 0.6 for c in content)
    return ems * size


def svg_document(
    element_id: str, css_class: str, size: tuple[float, float], title: str, description: str, body: Iterable[str]
) -> str:
    """The accessible root: role="img", labelled by its <title> and described by its <desc>."""
    width, height = size
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{attr(element_id)}" class="{css_class}"'
        f' viewBox="0 0 {num(width)} {num(height)}" width="100%"'
        f' role="img" aria-labelledby="{attr(element_id)}-title" aria-describedby="{attr(element_id)}-desc"'
        f' font-family="inherit" font-size="{FONT_SIZE}">'
    )
    labels = [
        f'<title id="{attr(element_id)}-title">{attr(title)}</title>',
        f'<desc id="{attr(element_id)}-desc">{attr(description)}</desc>',
    ]
    return "".join([head, *labels, *body, "</svg>"])


@dataclass(frozen=True)
class Scale:
    """A linear map from a data interval onto a drawing interval."""

    lo: float
    hi: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        if self.hi == self.lo:
            return (self.start + self.end) / 2
        return self.start + (value - self.lo) * (self.end - self.start) / (self.hi - self.lo)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values (1, 2, 2.5 or 5 × 10^k apart) covering [lo, hi]."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step + 1e-9) * step
    ticks: list[float] = []
    k = 0
    while not ticks or ticks[-1] < hi - 1e-9 * step:
        ticks.append(round(first + k * step, 10))
        k += 1
    return ticks


def _parse(period: str) -> tuple[date, bool]:
    """The date of a "YYYY-MM" (first day; monthly) or "YYYY-MM-DD" period."""
    match = _PERIOD.match(period)
    if match is None:
        raise ValueError(f"a period is written YYYY-MM or YYYY-MM-DD, not {period!r}")
    year, month, day = match.groups()
    return date(int(year), int(month), int(day or 1)), day is None


@dataclass(frozen=True)
class TimeAxis:
    """Positions on a calendar axis: month numbers when every period is monthly, else day numbers."""

    monthly: bool

    @classmethod
    def for_periods(cls, periods: Iterable[str]) -> TimeAxis:
        return cls(all(_parse(period)[1] for period in periods))

    def position(self, period: str) -> float:
        when, _ = _parse(period)
        return when.year * 12 + when.month - 1 if self.monthly else when.toordinal()

    def candidates(self, periods: Sequence[str]) -> list[str]:
        """Periods that may carry a label: every month of the span, or every period present."""
        ordered = sorted(set(periods), key=self.position)
        if not self.monthly or not ordered:
            return ordered
        first, last = int(self.position(ordered[0])), int(self.position(ordered[-1]))
        return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(first, last + 1)]

    def segments(self, periods: Sequence[str]) -> list[list[int]]:
        """Indices of the periods split where data are missing (a step longer than the usual one)."""
        positions = [self.position(period) for period in periods]
        steps = [b - a for a, b in pairwise(positions) if b > a]
        usual = min(steps, default=1.0)
        groups: list[list[int]] = []
        for index, position in enumerate(positions):
            if groups and position - positions[index - 1] <= 1.5 * usual:
                groups[-1].append(index)
            else:
                groups.append([index])
        return groups


def axis_labels(
    axis: TimeAxis,
    periods: Sequence[str],
    x: Scale,
    y: float,
    format_period: Callable[[str], str],
    size: float = FONT_SIZE - 1,
) -> list[str]:
    """Labels under a time axis, thinned to every k-th candidate so that they never overlap."""
    candidates = axis.candidates(periods)
    if not candidates:
        return []
    labels = [format_period(period) for period in candidates]
    room = abs(x.end - x.start) + 1
    widest = max(estimate_width(label, size) for label in labels) + 8
    per_label = room / len(labels) if len(labels) > 1 else room
    every = max(1, math.ceil(widest / max(per_label, 1e-9)))
    chosen = range(0, len(candidates), every)
    return [text(x(axis.position(candidates[i])), y, labels[i], size=size, cls="ck-axis-label") for i in chosen]


def time_scale(
    axis: TimeAxis,
    periods: Sequence[str],
    left: float,
    format_period: Callable[[str], str],
    *,
    width: float,
    size: float = FONT_SIZE - 1,
) -> tuple[Scale, float]:
    """The x scale of a time axis from ``left``, and the plot's right edge (room for the last label)."""
    widest = max(estimate_width(format_period(period), size) for period in axis.candidates(periods))
    right = width - max(16.0, widest / 2 + 4)
    positions = [axis.position(period) for period in periods]
    return Scale(min(positions), max(positions), left + 10, right - 10), right
