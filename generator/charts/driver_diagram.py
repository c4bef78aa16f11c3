"""Render a topic's driver diagram (aim → drivers → change concepts) as static inline SVG."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from urllib.parse import urlsplit

__all__ = [
    "NATURAL_WIDTH_PX",
    "DiagramNode",
    "DriverDiagram",
    "estimate_text_width",
    "render_driver_diagram",
]

FONT_SIZE = 14
LINE_HEIGHT = 18
BASELINE = 14  # from the top of a line box to the baseline of its text
PAD_X = 10
PAD_Y = 8
COLUMN_WIDTH = 188
GUTTER = 40
MARGIN = 4
CONCEPT_GAP = 8
SECONDARY_GAP = 14
PRIMARY_GAP = 24
HEADING_GAP = 12
BOTTOM_PAD = 8  # room for a connector routed below the last box
_CLEARANCE = 4
TEXT_WIDTH = COLUMN_WIDTH - 2 * PAD_X

NATURAL_WIDTH_PX = 2 * MARGIN + 4 * COLUMN_WIDTH + 3 * GUTTER
"""Width (CSS px) at which one SVG unit is one pixel: use it as the scroll container's min-width."""

_KINDS = ("aim", "primary", "secondary", "concept")
# kind -> (box fill, box stroke, text fill); site CSS may override all of them by class.
# The text fill (and the aim's bold) is set once on the kind's column group and inherited.
_PALETTE = {
    "aim": ("#1f3a5f", "#1f3a5f", "#fff"),
    "primary": ("#d6e4f5", "#2f5f9e", "#14243a"),
    "secondary": ("#eaf1fa", "#5b84bd", "#14243a"),
    "concept": ("#fff", "#8a99ad", "#14243a"),
}
_HEADING_FILL = "#4a5566"
_CONNECTOR_STROKE = "#7f8ea3"
_BOLD = ' font-weight="bold"'

# Per-character advance upper bounds in em (regular, bold), measured on DejaVu Sans (the
# widest common fallback, and WeasyPrint's sans-serif here) and Liberation Sans (Arial's
# metrics): estimates never undershoot for Latin, Greek, Cyrillic, punctuation and symbols
# (U+0000-U+052F, U+1E00-U+218F), so wrapped text is never clipped; other scripts are
# estimated, not guaranteed.
_NARROW = frozenset("ijlI.,:;|' ")
_SEMI = frozenset('frt()[]-!"/\\')
_WIDE = frozenset("mwMW@%&QOGDHN#+<=>^~")
_EXTRA_WIDE = frozenset("\u2030\u2031\u20a7\u20af\u2152")  # ‰ ‱ ₧ ₯ ⅒: over 1.3 em
# Common typographic punctuation, no wider than the ASCII character it stands in for.
_LIKE_ASCII = dict(zip("‘’‚‹›«»“”„–•€·", "'''aaaaaaaaaU.", strict=True))
_NARROW_SPACES = frozenset("\u0020\u00a0\u2009\u200a\u202f")
_ACCENT_EM = 0.17  # some diacritics (horn, caron on l) widen their letter
_SPLIT = re.compile(r"[^\S\u00a0\u2007\u202f]+")  # whitespace, except the non-breaking kinds


@dataclass(frozen=True)
class DiagramNode:
    """One box of the diagram: a driver or a change concept."""

    id: str
    label: str  # already localized plain text
    href: str | None = None  # relative URL, or None
    fallback: str | None = None  # the language the label is shown in when its translation is missing


@dataclass(frozen=True)
class DriverDiagram:
    """A topic's driver diagram, localized, ready to draw."""

    aim: str
    primaries: tuple[DiagramNode, ...]
    secondaries: tuple[tuple[DiagramNode, tuple[str, ...]], ...]  # node, its primary ids
    concepts: tuple[tuple[DiagramNode, tuple[str, ...]], ...]  # node, its driver ids
    headings: tuple[str, str, str, str]  # Aim, Primary drivers, Secondary drivers, Concepts
    aim_fallback: str | None = None  # as DiagramNode.fallback, for the aim


@dataclass(frozen=True)
class _Item:
    kind: str
    node_id: str
    href: str | None
    lines: tuple[tuple[str, bool], ...]  # (text, the break after it falls on a space)
    fallback: str | None = None

    @property
    def column(self) -> int:
        return _KINDS.index(self.kind)

    @property
    def height(self) -> float:
        return 2 * PAD_Y + len(self.lines) * LINE_HEIGHT


@dataclass(frozen=True)
class _Band:
    placed: tuple[tuple[int, float], ...]  # (item index, top), relative to the band
    height: float


@dataclass(frozen=True)
class _Graph:
    items: tuple[_Item, ...]  # index 0 is the aim
    links: tuple[tuple[int, int], ...]  # (parent index, child index), in drawing order
    children: dict[int, tuple[int, ...]]  # layout tree: each node under its first parent

    @cached_property
    def columns(self) -> tuple[tuple[int, ...], ...]:
        """Item indexes per column, in input order."""
        items = self.items
        return tuple(tuple(k for k, it in enumerate(items) if it.column == c) for c in range(4))


def estimate_text_width(text: str, font_size: float = FONT_SIZE, *, bold: bool = False) -> float:
    """Return an upper estimate of the rendered width of one line of text, in px."""
    return font_size * sum(_char_em(char, bold) for char in text)


def _char_em(char: str, bold: bool) -> float:
    if char.isascii():
        return _ascii_em(char, bold)
    if unicodedata.combining(char):
        return 0.0
    if char in _EXTRA_WIDE:
        return 2.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.11 if bold else 1.0
    if char in _LIKE_ASCII:
        return _ascii_em(_LIKE_ASCII[char], bold)
    if unicodedata.category(char) == "Zs":
        return _ascii_em(" ", bold) if char in _NARROW_SPACES else 1.0
    decomposed = unicodedata.normalize("NFD", char)
    parts = [p for p in unicodedata.normalize("NFKD", char) if not unicodedata.combining(p)]
    if (decomposed != char or len(parts) > 1) and all(p.isascii() for p in parts):
        # An accented letter, or a ligature or digraph such as "Ǆ": as wide as its parts.
        return sum(_ascii_em(part, bold) for part in parts) + _ACCENT_EM
    if ord(char) < 0x100 or unicodedata.category(char).startswith("P"):
        return 1.11 if bold else 1.0
    return 1.45 if bold else 1.25


def _ascii_em(char: str, bold: bool) -> float:
    if char in _NARROW:
        return 0.40 if bold else 0.34
    if char in _SEMI:
        return 0.53 if bold else 0.47
    if char in _WIDE or not char.isascii():
        return 1.11 if bold else 1.02
    if char.isupper():
        return 0.82 if bold else 0.76
    return 0.72 if bold else 0.66


def _clean(text: str) -> str:
    """Return NFC text with the characters XML cannot carry replaced by spaces."""
    return "".join(
        " " if unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff" else char
        for char in unicodedata.normalize("NFC", text)
    )


def _split_word(word: str, bold: bool) -> list[str]:
    if estimate_text_width(word, bold=bold) <= TEXT_WIDTH:
        return [word]
    pieces = [""]
    for char in word:
        grown = pieces[-1] + char
        fits = estimate_text_width(grown, bold=bold) <= TEXT_WIDTH
        if fits or not pieces[-1] or unicodedata.combining(char):
            pieces[-1] = grown
        else:
            pieces.append(char)
    return pieces


def _wrap(text: str, *, bold: bool = False) -> tuple[tuple[str, bool], ...]:
    lines: list[tuple[str, bool]] = []
    current = ""
    for word in _SPLIT.split(_clean(text).strip()):
        for index, piece in enumerate(_split_word(word, bold)):
            joined = f"{current} {piece}" if current else piece
            if index == 0 and estimate_text_width(joined, bold=bold) <= TEXT_WIDTH:
                current = joined
                continue
            if current:
                lines.append((current, index == 0))
            current = piece
    lines.append((current, False))
    return tuple(lines)


def _check(diagram: DriverDiagram, element_id: str) -> None:
    """Raise one ValueError listing every inconsistency of the diagram."""
    problems = [] if re.fullmatch(r"[A-Za-z][\w.-]*", element_id) else ["bad element_id"]
    seen: set[str] = set()
    nodes = (
        *diagram.primaries,
        *(n for n, _ in diagram.secondaries),
        *(n for n, _ in diagram.concepts),
    )
    for node in nodes:
        problems += [f"duplicate id {node.id!r}"] if node.id in seen else []
        seen.add(node.id)
        if node.href is not None and not _safe_href(node.href):
            problems.append(f"{node.id}: href {node.href!r} is neither a relative URL nor an http(s) address")
    primary_ids = {node.id for node in diagram.primaries}
    driver_ids = primary_ids | {node.id for node, _ in diagram.secondaries}
    problems += _check_parents(diagram.secondaries, primary_ids, "primary driver")
    problems += _check_parents(diagram.concepts, driver_ids, "driver")
    if problems:
        raise ValueError("invalid driver diagram: " + "; ".join(problems))


def _check_parents(
    pairs: Iterable[tuple[DiagramNode, tuple[str, ...]]],
    known: set[str],
    what: str,
) -> list[str]:
    problems = []
    for node, parents in pairs:
        if not parents:
            problems.append(f"{node.id}: no {what}")
        problems += [f"{node.id}: unknown {what} {p!r}" for p in parents if p not in known]
    return problems


def _build_graph(diagram: DriverDiagram) -> _Graph:
    items = [_Item("aim", "", None, _wrap(diagram.aim, bold=True), diagram.aim_fallback)]
    index: dict[str, int] = {}
    links: list[tuple[int, int]] = []
    children: dict[int, list[int]] = {0: []}
    for node in diagram.primaries:
        index[node.id] = len(items)
        links.append((0, len(items)))
        children[0].append(len(items))
        items.append(_Item("primary", node.id, node.href, _wrap(node.label), node.fallback))
    pairs = [("secondary", pair) for pair in diagram.secondaries]
    for kind, (node, parents) in [*pairs, *(("concept", pair) for pair in diagram.concepts)]:
        key = index[node.id] = len(items)
        parent_keys = [index[p] for p in dict.fromkeys(parents)]
        links += [(parent, key) for parent in parent_keys]
        children.setdefault(parent_keys[0], []).append(key)
        items.append(_Item(kind, node.id, node.href, _wrap(node.label), node.fallback))
    frozen = {key: tuple(value) for key, value in children.items()}
    return _Graph(tuple(items), tuple(links), frozen)


def _stack(bands: Sequence[_Band], gap: float) -> _Band:
    placed: list[tuple[int, float]] = []
    top = 0.0
    for number, band in enumerate(bands):
        top += gap if number else 0.0
        placed += [(key, offset + top) for key, offset in band.placed]
        top += band.height
    return _Band(tuple(placed), top)


def _under(key: int, graph: _Graph, children: _Band, child_keys: Sequence[int]) -> _Band:
    """Place an item beside its children band, centred on the span of its direct children."""
    height = graph.items[key].height
    spans = [(top, top + graph.items[k].height) for k, top in children.placed if k in child_keys]
    if not spans:
        return _Band(((key, 0.0),), height)
    top = (min(s[0] for s in spans) + max(s[1] for s in spans) - height) / 2
    shift = max(0.0, -top)
    placed = ((key, top + shift), *((k, t + shift) for k, t in children.placed))
    return _Band(placed, max(children.height + shift, top + shift + height))


def _layout_band(key: int, graph: _Graph) -> _Band:
    """Lay out an item and, recursively, the subtree of the items it is first parent of."""
    kids = graph.children.get(key, ())
    item = graph.items[key]
    if item.kind == "secondary":
        kid_bands = _stack([_layout_band(k, graph) for k in kids], CONCEPT_GAP)
        return _under(key, graph, kid_bands, kids)
    if item.kind == "primary":
        direct = [k for k in kids if graph.items[k].kind == "concept"]
        bands = [_layout_band(k, graph) for k in kids if k not in direct]
        if direct:
            bands.append(_stack([_layout_band(k, graph) for k in direct], CONCEPT_GAP))
        return _under(key, graph, _stack(bands, SECONDARY_GAP), kids)
    if item.kind == "aim":
        bands = [_layout_band(k, graph) for k in kids]
        return _under(key, graph, _stack(bands, PRIMARY_GAP), kids)
    return _Band(((key, 0.0),), item.height)


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _attr(text: str) -> str:
    return html.escape(_clean(text), quote=True)


def _column_x(column: int) -> float:
    return MARGIN + column * (COLUMN_WIDTH + GUTTER)


def _text(
    lines: Sequence[tuple[str, bool]],
    position: tuple[float, float],
    attrs: str,
    span_attrs: str = "",
) -> str:
    """Draw wrapped lines; the space of a soft break sits between tspans, outside any underline."""
    x, top = position
    spans = [
        f'<tspan x="{_num(x)}" y="{_num(top + BASELINE + n * LINE_HEIGHT)}"{span_attrs}>'
        f"{_attr(line)}</tspan>{' ' if soft else ''}"
        for n, (line, soft) in enumerate(lines)
    ]
    return f"<text {attrs}>{''.join(spans)}</text>"


def _node_svg(item: _Item, top: float) -> str:
    """A box and its label; text fill, weight, size and family, and stroke width, come from the column."""
    fill, stroke, _ = _PALETTE[item.kind]
    x = _column_x(item.column)
    rect = (
        f'<rect x="{_num(x)}" y="{_num(top)}" width="{COLUMN_WIDTH}" '
        f'height="{_num(item.height)}" rx="6" fill="{fill}" stroke="{stroke}"/>'
    )
    underline = ' text-decoration="underline"' if item.href is not None else ""

    body = rect + _text(item.lines, (x + PAD_X, top + PAD_Y), 'class="ck-dd-label"', underline)
    if item.href is not None:
        # `href` alone: Chromium, Firefox, Safari (12.1+) and WeasyPrint all read it without `xlink:`.
        body = f'<a class="ck-dd-link" href="{_attr(item.href)}" tabindex="0">{body}</a>'
    if item.fallback is None:
        return f'<g class="ck-dd-node ck-dd-{item.kind}"{_data("id", item.node_id)}>{body}</g>'
    # Shown in the source language: the same mark as fallback text (its language code), and `lang`.
    mark = (
        f'<text class="ck-dd-fallback" x="{_num(x + COLUMN_WIDTH - 4)}" y="{_num(top + 9)}" '
        f'text-anchor="end" font-size="7"{_BOLD if item.kind != "aim" else ""}>{_attr(item.fallback.upper())}</text>'
    )
    return (
        f'<g class="ck-dd-node ck-dd-{item.kind} ck-fallback" lang="{_attr(item.fallback)}"'
        f"{_data('id', item.node_id)}>{body}{mark}</g>"
    )


def _clears(boxes: Sequence[tuple[float, float]], y: float) -> bool:
    return all(not (top - _CLEARANCE < y < bottom + _CLEARANCE) for top, bottom in boxes)


def _free_y(boxes: Sequence[tuple[float, float]], want: float) -> float:
    """Return the y nearest to ``want`` where a horizontal line clears every box of a column."""
    if not boxes or _clears(boxes, want):
        return want
    ordered = sorted(boxes)
    # Above the first box and below the last always clear; BOTTOM_PAD keeps the latter visible.
    candidates = [ordered[0][0] - SECONDARY_GAP / 2, ordered[-1][1] + SECONDARY_GAP / 2]
    candidates += [(a[1] + b[0]) / 2 for a, b in pairwise(ordered)]
    free = [y for y in candidates if _clears(boxes, y)]
    return min(free, key=lambda y: (abs(y - want), y))


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    middle = _num((x1 + x2) / 2)
    return f"C{middle} {_num(y1)} {middle} {_num(y2)} {_num(x2)} {_num(y2)}"


def _connector_svg(graph: _Graph, tops: dict[int, float], link: tuple[int, int]) -> str:
    """Draw a parent-to-child connector; one that skips a column crosses it between boxes."""
    source, target = graph.items[link[0]], graph.items[link[1]]
    x1, x2 = _column_x(source.column) + COLUMN_WIDTH, _column_x(target.column)
    y1 = tops[link[0]] + source.height / 2
    y2 = tops[link[1]] + target.height / 2
    path = f"M{_num(x1)} {_num(y1)}"
    if target.column > source.column + 1:
        skipped = source.column + 1
        heights = {k: graph.items[k].height for k in graph.columns[skipped]}
        boxes = [(tops[k], tops[k] + height) for k, height in heights.items()]
        y_run = _free_y(boxes, y2)
        path += _curve(x1, y1, _column_x(skipped), y_run)
        x1, y1 = _column_x(skipped) + COLUMN_WIDTH, y_run
        path += f"H{_num(x1)}"
    path += _curve(x1, y1, x2, y2) if y1 != y2 else f"H{_num(x2)}"
    ends = _data("from", source.node_id) + _data("to", target.node_id)
    return f'<path class="ck-dd-connector"{ends} d="{path}"/>'


def _data(name: str, value: str) -> str:
    return f' data-{name}="{_attr(value)}"' if value else ""


def _headings_svg(headings: Sequence[str], element_id: str) -> tuple[list[str], float]:
    wrapped = [_wrap(heading, bold=True) for heading in headings]
    texts = [
        _text(
            lines,
            (_column_x(n) + PAD_X, MARGIN),
            f'id="{element_id}-h{n}" class="ck-dd-heading" fill="{_HEADING_FILL}"{_BOLD if n else ""}',
        )
        for n, lines in enumerate(wrapped)
    ]
    return texts, max(len(lines) for lines in wrapped) * LINE_HEIGHT


def _columns_svg(
    graph: _Graph,
    tops: dict[int, float],
    headings: Sequence[str],
    element_id: str,
) -> list[str]:
    """Draw each column as a group labelled by its heading, nodes in reading (tab) order.

    The group carries what its texts and boxes share (SVG presentation attributes inherit): the
    labels' fill, the aim column's bold, the boxes' stroke width."""
    out: list[str] = []
    for column, heading in enumerate(headings):
        kind = _KINDS[column]
        label = f'aria-labelledby="{element_id}-h{column}"'
        shared = f'fill="{_PALETTE[kind][2]}"{_BOLD if kind == "aim" else ""} stroke-width="1.5"'
        out += [f'<g class="ck-dd-column" role="group" {label} {shared}>', heading]
        out += [_node_svg(graph.items[k], tops[k]) for k in graph.columns[column]]
        out.append("</g>")
    return out


def _svg_head(element_id: str, height: float, title: str, description: str) -> list[str]:
    return [
        '<svg xmlns="http://www.w3.org/2000/svg"'
        f' id="{element_id}" class="ck-driver-diagram" viewBox="0 0 {NATURAL_WIDTH_PX}'
        f' {_num(height)}" width="100%" role="group" aria-labelledby="{element_id}-title"'
        f' aria-describedby="{element_id}-desc" font-family="inherit" font-size="{FONT_SIZE}">',
        f'<title id="{element_id}-title">{_attr(title)}</title>',
        f'<desc id="{element_id}-desc">{_attr(description)}</desc>',
    ]


def render_driver_diagram(
    diagram: DriverDiagram,
    *,
    title: str,
    description: str,
    element_id: str,
) -> str:
    """Return the driver diagram as an accessible, script-free inline ``<svg>`` element."""
    _check(diagram, element_id)
    graph = _build_graph(diagram)
    headings, heading_height = _headings_svg(diagram.headings, element_id)
    offset = MARGIN + heading_height + HEADING_GAP
    band = _layout_band(0, graph)
    tops = {key: top + offset for key, top in band.placed}
    return "\n".join(
        [
            *_svg_head(element_id, offset + band.height + BOTTOM_PAD, title, description),
            f'<g class="ck-dd-connectors" fill="none" stroke="{_CONNECTOR_STROKE}"'
            ' stroke-width="1.5" aria-hidden="true">',
            *(_connector_svg(graph, tops, link) for link in graph.links),
            "</g>",
            *_columns_svg(graph, tops, headings, element_id),
            "</svg>",
        ]
    )


def _safe_href(href: str) -> bool:
    """A relative URL (the site) or an absolute http(s) address (online pages linked from a PDF)."""
    parts = urlsplit(href)
    if parts.scheme:
        return parts.scheme in ("http", "https") and bool(parts.netloc)
    return not href.startswith("//")
