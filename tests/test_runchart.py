"""Tests of the run chart SVG: structure, accessibility, signals, median, target, notes, time axis."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest

from generator.charts.runchart import Annotation, RunChartText, render_run_chart
from generator.charts.signals import Analysis, Point, analyse_anhoej, analyse_ihi
from generator.charts.svg import estimate_width

NS = {"svg": "http://www.w3.org/2000/svg"}
TEXT = RunChartText(
    title="30-day readmissions, Riverside",
    description="Readmissions fell from 2026-01.",
    median_label="Median",
    target_label="Target",
    baseline_label="Baseline",
)


def monthly(values: list[float], start: str = "2025-05") -> list[Point]:
    year, month = int(start[:4]), int(start[5:])
    return [
        Point(f"{year + (month - 1 + k) // 12:04d}-{(month - 1 + k) % 12 + 1:02d}", v) for k, v in enumerate(values)
    ]


SERIES = monthly([10, 12, 9, 11, 8, 12, 9, 8, 15, 16, 14, 15, 17, 16, 15, 14, 16, 17, 15, 16])


def render(
    points: list[Point],
    analysis: Analysis | None = None,
    *,
    target: float | None = None,
    annotations: tuple[Annotation, ...] = (),
    text: RunChartText = TEXT,
    element_id: str = "rc-riverside",
) -> str:
    return render_run_chart(
        points,
        analysis or analyse_ihi(points, baseline=None, direction="increase"),
        target=target,
        annotations=annotations,
        text=text,
        format_period=lambda p: p,
        format_value=lambda v: f"{v:g}",
        element_id=element_id,
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def x_of(element: ET.Element) -> float:
    return float(element.get("cx", "nan"))


def test_root_is_an_accessible_scalable_image() -> None:
    root = parse(render(SERIES))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 640 \d+(\.\d+)?", root.get("viewBox", ""))
    assert "ck-runchart" in root.get("class", "")
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and desc is not None
    assert root[0] is title and root[1] is desc
    assert root.get("aria-labelledby") == title.get("id") == "rc-riverside-title"
    assert root.get("aria-describedby") == desc.get("id") == "rc-riverside-desc"
    assert title.text == TEXT.title and desc.text == TEXT.description


def test_no_script_no_external_reference_no_stylesheet() -> None:
    svg = render(SERIES, target=14, annotations=(Annotation("2026-01", "Calls"),))
    root = parse(svg)
    tags = {element.tag.split("}")[1] for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "line", "polyline", "path", "circle", "text"}
    assert not any(key.endswith("href") or key.startswith("on") for e in root.iter() for key in e.attrib)
    assert "url(" not in svg and "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_one_point_per_observation_and_signal_points_highlighted() -> None:
    analysis = analyse_ihi(SERIES, baseline=8, direction="increase")
    root = parse(render(SERIES, analysis))
    points = by_class(root, "ck-point")
    assert len(points) == len(SERIES)
    flagged = {i for signal in analysis.signals for i in signal.indices}
    assert flagged
    signal_points = by_class(root, "ck-signal")
    assert len(signal_points) == len(flagged)
    assert all("signal" in e.get("class", "").split() for e in signal_points)
    plain_fill = {p.get("fill") for i, p in enumerate(points) if i not in flagged}
    assert {p.get("fill") for p in signal_points}.isdisjoint(plain_fill)
    assert all(points[i] in signal_points for i in flagged)


def test_points_carry_their_period_and_value_for_tooltips() -> None:
    root = parse(render(SERIES))
    first = by_class(root, "ck-point")[0].find("svg:title", NS)
    assert first is not None and first.text == "2025-05 — 10"


def test_median_is_solid_over_the_baseline_and_dashed_when_extended() -> None:
    analysis = analyse_ihi(SERIES, baseline=8, direction="increase")
    root = parse(render(SERIES, analysis))
    solid, dashed = by_class(root, "ck-median-baseline"), by_class(root, "ck-median-extended")
    assert len(solid) == len(dashed) == 1
    assert solid[0].get("stroke-dasharray") is None and dashed[0].get("stroke-dasharray")
    assert solid[0].get("y1") == solid[0].get("y2") == dashed[0].get("y1")
    eighth = by_class(root, "ck-point")[7]
    assert float(solid[0].get("x2", "nan")) == pytest.approx(x_of(eighth))
    assert float(dashed[0].get("x1", "nan")) == pytest.approx(x_of(eighth))
    assert [e.text for e in by_class(root, "ck-baseline-label")] == ["Baseline"]
    assert [e.text for e in by_class(root, "ck-key-median-label")] == ["Median (9.5)"]  # in the key, off the plot


def test_median_over_all_points_is_one_solid_line() -> None:
    root = parse(render(SERIES))
    assert len(by_class(root, "ck-median")) == 1
    assert by_class(root, "ck-median-extended") == []
    assert by_class(root, "ck-baseline") == []


def test_whole_series_signals_mark_the_median_line() -> None:
    analysis = analyse_anhoej(SERIES, baseline=None, direction="increase")
    assert any(signal.rule == "few-crossings" for signal in analysis.signals)
    root = parse(render(SERIES, analysis))
    assert by_class(root, "ck-median-signal")


def test_target_line_only_when_there_is_a_target() -> None:
    with_target = parse(render(SERIES, target=14))
    lines = by_class(with_target, "ck-target")
    assert len(lines) == 1 and lines[0].get("y1") == lines[0].get("y2")
    assert [e.text for e in by_class(with_target, "ck-key-target-label")] == ["Target (14)"]
    assert by_class(parse(render(SERIES)), "ck-target") == []


def test_the_target_is_inside_the_value_axis() -> None:
    root = parse(render(SERIES, target=40))
    line = by_class(root, "ck-target")[0]
    ticks = [float(e.text or "nan") for e in by_class(root, "ck-tick")]
    assert max(ticks) >= 40
    top = min(float(e.get("y1", "nan")) for e in by_class(root, "ck-gridline"))
    assert float(line.get("y1", "nan")) >= top


def test_annotations_are_marked_at_their_period() -> None:
    notes = (Annotation("2026-01", "Started 72-hour calls"), Annotation("2025-08", "New discharge checklist team"))
    root = parse(render(SERIES, annotations=notes))
    markers = by_class(root, "ck-annotation")
    assert len(markers) == 2
    labels = [e.text for e in by_class(root, "ck-annotation-label")]
    assert labels == ["1", "2"]  # every annotation is numbered, in time order
    legend = [e.text for e in by_class(root, "ck-annotation-legend")[0]]
    assert legend == ["1. New discharge checklist team (2025-08)", "2. Started 72-hour calls (2026-01)"]
    guide = by_class(root, "ck-annotation-guide")[1]
    ninth = by_class(root, "ck-point")[8]  # 2026-01
    assert float(guide.get("x1", "nan")) == pytest.approx(x_of(ninth))


def test_crowded_annotations_do_not_overlap() -> None:
    notes = tuple(Annotation(p.period, f"Change {i}") for i, p in enumerate(SERIES[:6]))
    root = parse(render(SERIES, annotations=notes))
    rows: dict[str, list[tuple[float, float]]] = {}
    for label in by_class(root, "ck-annotation-label"):
        half = len(label.text or "") * 3.5
        x = float(label.get("x", "nan"))
        rows.setdefault(label.get("y", ""), []).append((x - half, x + half))
    for spans in rows.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in pairwise(spans))


def test_notes_at_the_edges_stay_inside_the_drawing() -> None:
    notes = (Annotation(SERIES[0].period, "First change at start"), Annotation(SERIES[-1].period, "Last change at end"))
    root = parse(render(SERIES, annotations=notes))
    for label in by_class(root, "ck-annotation-label"):
        half = estimate_width(label.text or "", float(label.get("font-size", "nan"))) / 2
        assert half <= float(label.get("x", "nan")) <= 640 - half


def test_missing_months_leave_a_gap_on_the_time_axis() -> None:
    points = [p for i, p in enumerate(SERIES) if i not in (5, 6)]
    root = parse(render(points))
    xs = [x_of(e) for e in by_class(root, "ck-point")]
    step = xs[1] - xs[0]
    assert xs[5] - xs[4] == pytest.approx(3 * step, abs=0.05)  # two months missing (coordinates to 0.01)
    assert len(by_class(root, "ck-gap")) == 1
    assert len(by_class(root, "ck-line")) == 2


def test_daily_periods_are_placed_by_date() -> None:
    points = [Point("2026-03-02", 5), Point("2026-03-09", 6), Point("2026-03-16", 4), Point("2026-03-30", 7)]
    xs = [x_of(e) for e in by_class(parse(render(points)), "ck-point")]
    assert xs[1] - xs[0] == pytest.approx(xs[2] - xs[1])
    assert xs[3] - xs[2] == pytest.approx(2 * (xs[1] - xs[0]))


def test_x_labels_are_thinned_to_stay_legible() -> None:
    points = monthly([float(i % 5) for i in range(60)], start="2021-01")
    labels = by_class(parse(render(points)), "ck-axis-label")
    assert 4 <= len(labels) < 20
    xs = [float(e.get("x", "nan")) for e in labels]
    widest = max(len(e.text or "") for e in labels) * 6
    assert all(b - a >= widest for a, b in pairwise(xs))


def test_y_axis_has_round_ticks_covering_the_data() -> None:
    ticks = [float(e.text or "nan") for e in by_class(parse(render(SERIES)), "ck-tick")]
    assert ticks == sorted(ticks)
    assert ticks[0] <= 8 and ticks[-1] >= 17
    steps = {round(b - a, 9) for a, b in pairwise(ticks)}
    assert len(steps) == 1 and steps.pop() in (1, 2, 2.5, 5, 10)


def test_all_text_is_escaped() -> None:
    hostile = RunChartText('<script>alert("x")</script> & co', "a < b & c", "M&M", "T<", "B>")
    svg = render(SERIES, target=13, annotations=(Annotation("2026-01", "<b>bold</b> & 'quoted'"),), text=hostile)
    root = parse(svg)
    assert "<script>" not in svg and "<b>" not in svg
    title = root.find("svg:title", NS)
    assert title is not None and title.text == hostile.title
    legend = [e.text for e in by_class(root, "ck-annotation-legend")[0]]
    assert legend == ["1. <b>bold</b> & 'quoted' (2026-01)"]
    assert (by_class(root, "ck-key-median-label")[0].text or "").startswith("M&M")


def test_element_ids_are_derived_from_the_given_id() -> None:
    first, second = parse(render(SERIES, element_id="a1")), parse(render(SERIES, element_id="b2"))
    ids = [{e.get("id") for e in root.iter() if e.get("id")} for root in (first, second)]
    assert ids[0] == {"a1", "a1-title", "a1-desc"}
    assert ids[1] == {"b2", "b2-title", "b2-desc"}


def test_output_is_deterministic() -> None:
    notes = (Annotation("2026-01", "Calls"), Annotation("2025-07", "A much longer note that will be numbered"))
    analysis = analyse_ihi(SERIES, baseline=8, direction="increase")
    first = render(SERIES, analysis, target=14, annotations=notes)
    assert render(SERIES, analysis, target=14, annotations=notes) == first
    assert "nan" not in first and "inf" not in first


def test_presentation_attributes_are_inline() -> None:
    root = parse(render(SERIES, target=14))
    for element in by_class(root, "ck-point") + by_class(root, "ck-median") + by_class(root, "ck-target"):
        assert element.get("fill") or element.get("stroke")
    assert all(e.get("fill") and e.get("font-size") for e in root.iter("{http://www.w3.org/2000/svg}text"))


def test_single_point_and_constant_series_render() -> None:
    one = parse(render([Point("2026-01", 3.0)]))
    assert len(by_class(one, "ck-point")) == 1
    flat = monthly([4.0] * 12)
    root = parse(render(flat))
    assert len(by_class(root, "ck-on-median")) == 12
    assert len({e.get("cy") for e in by_class(root, "ck-point")}) == 1


def test_an_empty_series_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one point"):
        render_run_chart(
            [],
            analyse_ihi(SERIES, baseline=None, direction="increase"),
            target=None,
            annotations=(),
            text=TEXT,
            format_period=str,
            format_value=str,
            element_id="x",
        )


def test_weasyprint_renders_the_chart() -> None:
    import weasyprint

    html = f"<html><body>{render(SERIES, target=14, annotations=(Annotation('2026-01', 'Calls'),))}</body></html>"
    pdf = weasyprint.HTML(string=html).write_pdf()
    assert pdf.startswith(b"%PDF")


def boxes(root: ET.Element) -> list[tuple[str, float, float, float, float]]:
    """(text, left, top, right, bottom) of every label, from its font size and a generous width estimate."""
    out = []
    for label in root.iter(f"{{{NS['svg']}}}text"):
        size, content = float(label.get("font-size", "nan")), label.text or ""
        width, x = estimate_width(content, size), float(label.get("x", "nan"))
        anchor = label.get("text-anchor")
        left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
        y = float(label.get("y", "nan"))
        out.append((content, left, y - 0.95 * size, left + width, y + 0.25 * size))
    return out


@pytest.mark.parametrize("width", [640, 320])
def test_no_label_overlaps_a_point_or_another_label_and_nothing_leaves_the_drawing(width: int) -> None:
    values = [52, 49, 47, 58, 61, 63, 71, 66, 51, 44, 36, 33, 31, 29, 27, 30, 28, 32]  # near the target at the end
    points = monthly(values, start="2025-06")
    notes = tuple(Annotation(p, f"Change tested in {p}") for p in ("2026-01", "2026-02", "2026-03", "2026-05"))
    analysis = analyse_ihi(points, baseline=6, direction="decrease")
    root = parse(
        render_run_chart(
            points,
            analysis,
            target=30,
            annotations=notes,
            text=TEXT,
            format_period=lambda p: p,
            format_value=lambda v: f"{v:g}",
            element_id="rc",
            width=width,
        )
    )
    labels = boxes(root)
    view = [float(v) for v in (root.get("viewBox") or "").split()]
    for content, left, top, right, bottom in labels:
        assert left >= 0 and right <= view[2] and top >= 0 and bottom <= view[3], content
    assert min(float(t.get("font-size", "0")) for t in root.iter(f"{{{NS['svg']}}}text")) >= 11
    for (a, *box_a), (b, *box_b) in ((x, y) for i, x in enumerate(labels) for y in labels[i + 1 :]):
        overlap_x = min(box_a[2], box_b[2]) - max(box_a[0], box_b[0])
        overlap_y = min(box_a[3], box_b[3]) - max(box_a[1], box_b[1])
        assert overlap_x <= 0 or overlap_y <= 0, (a, b)
    for circle in by_class(root, "ck-point"):
        cx, cy, r = (float(circle.get(k, "nan")) for k in ("cx", "cy", "r"))
        for content, left, top, right, bottom in labels:
            assert not (left < cx + r and cx - r < right and top < cy + r and cy - r < bottom), (content, cx, cy)


def test_the_narrow_drawing_writes_every_text_at_11_units_at_least() -> None:
    notes = (Annotation("2026-01", "A long annotation that must wrap on a phone screen into several lines"),)
    svg = render_run_chart(
        SERIES,
        analyse_ihi(SERIES, baseline=8, direction="increase"),
        target=14,
        annotations=notes,
        text=TEXT,
        format_period=lambda p: p,
        format_value=lambda v: f"{v:g}",
        element_id="rc",
        width=320,
    )
    root = parse(svg)
    assert root.get("viewBox", "").split()[2] == "320" and "ck-runchart-narrow" in root.get("class", "")
    assert {float(t.get("font-size", "0")) for t in root.iter(f"{{{NS['svg']}}}text")} == {11}
    assert len(by_class(root, "ck-annotation-legend")[0]) >= 2  # wrapped to the narrow width


def test_the_unit_is_written_above_the_value_axis() -> None:
    text = RunChartText("t", "d", "Median", "Target", "Baseline", unit_label="Minutes")
    root = parse(render(SERIES, text=text))
    assert [e.text for e in by_class(root, "ck-unit")] == ["Minutes"]
