"""Tests of the assessment-score chart SVG: structure, levels, step line and time axis."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.charts.assessment import render_assessment_chart

NS = {"svg": "http://www.w3.org/2000/svg"}
SCALE = [
    (1.0, "Forming team"),
    (1.5, "Planning has begun"),
    (2.0, "Activity, but no changes"),
    (2.5, "Changes tested, no improvement"),
    (3.0, "Modest improvement"),
    (3.5, "Improvement"),
    (4.0, "Significant improvement"),
    (4.5, "Sustainable improvement"),
    (5.0, "Outstanding sustainable results"),
]
SCORES = [("2026-01", 1.0), ("2026-02", 1.5), ("2026-03", 2.0), ("2026-04", 2.0), ("2026-05", 2.5), ("2026-06", 3.0)]


def render(scores: list[tuple[str, float]] = SCORES, scale: list[tuple[float, str]] = SCALE, **kw: str) -> str:
    return render_assessment_chart(
        scores,
        scale,
        title=kw.get("title", "Assessment, Riverside"),
        description=kw.get("description", "From 1.0 to 3.0 in six months."),
        format_period=lambda p: p,
        element_id=kw.get("element_id", "as-riverside"),
    )


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def test_root_is_an_accessible_scalable_image() -> None:
    root = ET.fromstring(render())
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 640 \d+(\.\d+)?", root.get("viewBox", ""))
    assert "ck-assessment" in root.get("class", "")
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text == "Assessment, Riverside"
    assert desc is not None and desc.text == "From 1.0 to 3.0 in six months."
    assert root.get("aria-labelledby") == "as-riverside-title" == title.get("id")
    assert root.get("aria-describedby") == "as-riverside-desc" == desc.get("id")


def test_every_level_of_the_scale_is_labelled_on_the_y_axis_in_order() -> None:
    root = ET.fromstring(render())
    labels = by_class(root, "ck-level")
    assert [e.text for e in labels] == [label for _, label in SCALE]
    ys = [float(e.get("y", "nan")) for e in labels]
    assert ys == sorted(ys, reverse=True)  # higher scores higher up
    assert len(by_class(root, "ck-level-line")) == len(SCALE)


def test_one_point_per_month_on_its_level() -> None:
    root = ET.fromstring(render())
    points = by_class(root, "ck-point")
    assert len(points) == len(SCORES)
    lines = {
        float(e.get("y1", "nan")): score for (score, _), e in zip(SCALE, by_class(root, "ck-level-line"), strict=True)
    }
    assert [lines[float(p.get("cy", "nan"))] for p in points] == [score for _, score in SCORES]
    assert "ck-latest" in points[-1].get("class", "")
    tooltip = points[2].find("svg:title", NS)
    assert tooltip is not None and tooltip.text == "2026-03 — Activity, but no changes"


def test_scores_are_joined_by_a_step_line_broken_at_missing_months() -> None:
    scores = [s for s in SCORES if s[0] != "2026-04"]
    root = ET.fromstring(render(scores))
    paths = by_class(root, "ck-score-line")
    assert len(paths) == 2
    assert all(re.fullmatch(r"M[\d.]+ [\d.]+(H[\d.]+V[\d.]+)+", p.get("d", "")) for p in paths)
    xs = [float(p.get("cx", "nan")) for p in by_class(root, "ck-point")]
    assert xs[3] - xs[2] == pytest.approx(2 * (xs[1] - xs[0]))


def test_long_level_labels_wrap_and_stay_in_order() -> None:
    scale = [(1.0, "Forming team"), (5.0, "Outstanding sustainable results that have spread to every unit")]
    root = ET.fromstring(render(scale=scale))
    lines = [e.text or "" for e in by_class(root, "ck-level")]
    assert lines[0] == "Forming team" and len(lines) == 3
    assert " ".join(lines[1:]) == scale[1][1]


def test_scores_outside_the_scale_stay_inside_the_drawing() -> None:
    root = ET.fromstring(render([("2026-01", 0.5), ("2026-02", 5.5)], scale=[(1.0, "Low"), (5.0, "High")]))
    height = float(root.get("viewBox", "0 0 0 0").split()[3])
    assert all(0 <= float(p.get("cy", "nan")) <= height for p in by_class(root, "ck-point"))


def test_no_script_no_external_reference_and_text_escaped() -> None:
    svg = render(title="<script>x</script>", description="a & b")
    root = ET.fromstring(svg)
    assert "<script>" not in svg
    tags = {element.tag.split("}")[1] for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "line", "path", "circle", "text"}
    assert not any(key.endswith("href") or key.startswith("on") for e in root.iter() for key in e.attrib)
    title = root.find("svg:title", NS)
    assert title is not None and title.text == "<script>x</script>"


def test_x_labels_thinned_for_long_series() -> None:
    scores = [(f"{2020 + k // 12}-{k % 12 + 1:02d}", 1.0 + (k % 9) / 2) for k in range(48)]
    labels = by_class(ET.fromstring(render(scores)), "ck-axis-label")
    assert 3 <= len(labels) < 16


def test_deterministic_and_ids_derived_from_element_id() -> None:
    assert render() == render()
    root = ET.fromstring(render(element_id="z9"))
    assert {e.get("id") for e in root.iter() if e.get("id")} == {"z9", "z9-title", "z9-desc"}


def test_empty_input_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one score"):
        render([])
    with pytest.raises(ValueError, match="scale"):
        render(scale=[])


def test_weasyprint_renders_the_chart() -> None:
    import weasyprint

    pdf = weasyprint.HTML(string=f"<html><body>{render()}</body></html>").write_pdf()
    assert pdf.startswith(b"%PDF")
