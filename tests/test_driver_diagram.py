"""Tests for the driver diagram SVG: structure, accessibility, layout and rendering."""

from __future__ import annotations

import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from itertools import pairwise
from pathlib import Path

import pypdf
import pytest
import weasyprint
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import sync_playwright

from generator.charts.driver_diagram import (
    COLUMN_WIDTH,
    LINE_HEIGHT,
    NATURAL_WIDTH_PX,
    PAD_X,
    PAD_Y,
    DiagramNode,
    DriverDiagram,
    estimate_text_width,
    render_driver_diagram,
)

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
HEADINGS = ("Aim", "Primary drivers", "Secondary drivers", "Change concepts")
LONG = (
    "Follow-up appointment booked before discharge with the primary-care team, "
    "including transport and interpreter needs"
)
N = DiagramNode


def sample() -> DriverDiagram:
    """A diagram with every case the brief names."""
    return DriverDiagram(
        aim="Reduce 30-day readmissions of patients with heart failure by 30% by December 2027",
        primaries=(
            N("self-care", "Patients & families manage self-care at home", "self-care/"),
            N("transitions", "Reliable transitions from hospital to home", "transitions/"),
            N("meds", "Optimal medication <GDMT>", "meds/"),
        ),
        secondaries=(
            (N("teach-back", "Teach-back at every contact", "c/teach-back/"), ("self-care",)),
            (N("diet", "Dieta: café, ração, niño, garçon", None), ("self-care",)),
            (N("follow-up", LONG, "c/fu/?a=1&b=2"), ("transitions", "self-care")),
            (N("titrate", 'Nurse-led "titration" protocol', "c/t/"), ("meds",)),
        ),
        concepts=(
            (N("call-72h", "Call every patient within 72 hours", "x/call/"), ("follow-up",)),
            (N("scales", "Daily weights at home", "x/scales/"), ("teach-back", "diet")),
            (N("huddle", "Daily discharge huddle", "x/huddle/"), ("transitions",)),
            (N("orders", "Standard order set", None), ("titrate", "meds")),
        ),
        headings=HEADINGS,
    )


def render(diagram: DriverDiagram, element_id: str = "dd-hf") -> str:
    return render_driver_diagram(
        diagram, title="Driver diagram & aim", description='Its "drivers"', element_id=element_id
    )


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [element for element in root.iter() if name in classes(element)]


def boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Map each node's id ('' for the aim) to its rect (x, y, width, height)."""
    found = {}
    for group in with_class(root, "ck-dd-node"):
        rect = group.find(f".//{SVG}rect")
        assert rect is not None
        x, y, w, h = (float(rect.get(k, "")) for k in ("x", "y", "width", "height"))
        found[group.get("data-id", "")] = (x, y, w, h)
    return found


def viewbox(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    return width, height


def test_root_is_an_accessible_group_with_title_and_desc() -> None:
    root = ET.fromstring(render(sample()))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "group"
    assert root.get("width") == "100%"
    assert viewbox(root)[0] == NATURAL_WIDTH_PX
    assert "ck-driver-diagram" in classes(root)
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert (title.get("id"), title.text) == ("dd-hf-title", "Driver diagram & aim")
    assert (desc.get("id"), desc.text) == ("dd-hf-desc", 'Its "drivers"')
    assert root.get("aria-labelledby") == "dd-hf-title"
    assert root.get("aria-describedby") == "dd-hf-desc"


def test_columns_are_groups_labelled_by_their_headings() -> None:
    root = ET.fromstring(render(sample()))
    ids = {element.get("id"): element for element in root.iter() if element.get("id")}
    columns = with_class(root, "ck-dd-column")
    assert len(columns) == 4
    for column, heading in zip(columns, HEADINGS, strict=True):
        label = ids[column.get("aria-labelledby")]
        assert "".join(label.itertext()) == heading


def test_node_count_per_class() -> None:
    root = ET.fromstring(render(sample()))
    kinds = ("aim", "primary", "secondary", "concept")
    counts = {kind: len(with_class(root, f"ck-dd-{kind}")) for kind in kinds}
    assert counts == {"aim": 1, "primary": 3, "secondary": 4, "concept": 4}


def test_every_link_is_present_focusable_and_has_a_plain_href() -> None:
    diagram = sample()
    root = ET.fromstring(render(diagram))
    links = root.findall(f".//{SVG}a")
    nodes = [*diagram.primaries, *(n for n, _ in diagram.secondaries)]
    nodes += [n for n, _ in diagram.concepts]
    expected = [node.href for node in nodes if node.href]
    assert [link.get("href") for link in links] == expected
    for link in links:
        assert link.get(XLINK_HREF) is None  # browsers and WeasyPrint read `href`
        assert link.get("tabindex") == "0"
        assert "ck-dd-link" in classes(link)
    assert not with_class(root, "ck-dd-aim")[0].findall(f".//{SVG}a")
    assert len(with_class(root, "ck-dd-link")) == len(expected)


def test_connectors_follow_every_listed_parent() -> None:
    root = ET.fromstring(render(sample()))
    pairs = [(p.get("data-from"), p.get("data-to")) for p in with_class(root, "ck-dd-connector")]
    assert pairs == [
        (None, "self-care"),
        (None, "transitions"),
        (None, "meds"),
        ("self-care", "teach-back"),
        ("self-care", "diet"),
        ("transitions", "follow-up"),
        ("self-care", "follow-up"),
        ("meds", "titrate"),
        ("follow-up", "call-72h"),
        ("teach-back", "scales"),
        ("diet", "scales"),
        ("transitions", "huddle"),
        ("titrate", "orders"),
        ("meds", "orders"),
    ]


def test_output_is_deterministic() -> None:
    assert render(sample()) == render(sample())
    assert render(sample()).encode() == render(sample()).encode()


def test_text_and_attributes_are_escaped() -> None:
    svg = render(sample())
    assert "Patients &amp; families" in svg
    assert "&lt;GDMT&gt;" in svg
    assert "&quot;titration&quot;" in svg
    assert 'href="c/fu/?a=1&amp;b=2"' in svg
    root = ET.fromstring(svg)
    labels = ["".join(t.itertext()) for t in with_class(root, "ck-dd-label")]
    assert "Optimal medication <GDMT>" in labels
    assert 'Nurse-led "titration" protocol' in labels


def test_accented_text_is_kept_as_is() -> None:
    root = ET.fromstring(render(sample()))
    labels = ["".join(t.itertext()) for t in with_class(root, "ck-dd-label")]
    assert "Dieta: café, ração, niño, garçon" in labels


def test_no_script_foreign_object_or_external_reference() -> None:
    svg = render(sample())
    root = ET.fromstring(svg)
    tags = {element.tag.removeprefix(SVG) for element in root.iter()}
    assert tags <= {"svg", "title", "desc", "g", "a", "rect", "text", "tspan", "path"}
    assert "script" not in svg.lower() and "foreignobject" not in svg.lower()
    assert "url(" not in svg and "<style" not in svg
    attributes = [item for element in root.iter() for item in element.attrib.items()]
    assert not [v for _, v in attributes if v.startswith(("http:", "https:", "//", "javascript:"))]
    assert not [k for k, _ in attributes if k.startswith("on")]


INHERITED = ("fill", "stroke", "stroke-width", "font-family", "font-size", "font-weight", "text-decoration")
KIND_STYLE = {  # kind -> (box fill, box stroke, label fill, label weight)
    "aim": ("#1f3a5f", "#1f3a5f", "#fff", "bold"),
    "primary": ("#d6e4f5", "#2f5f9e", "#14243a", None),
    "secondary": ("#eaf1fa", "#5b84bd", "#14243a", None),
    "concept": ("#fff", "#8a99ad", "#14243a", None),
}


def inherited(root: ET.Element) -> dict[ET.Element, dict[str, str]]:
    """Each element's presentation attributes after SVG inheritance (what renders without CSS)."""
    out: dict[ET.Element, dict[str, str]] = {}

    def visit(element: ET.Element, above: dict[str, str]) -> None:
        out[element] = {**above, **{k: v for k, v in element.attrib.items() if k in INHERITED}}
        for child in element:
            visit(child, {k: v for k, v in out[element].items() if k != "text-decoration"})

    visit(root, {})
    return out


def test_presentation_attributes_render_without_a_stylesheet() -> None:
    root = ET.fromstring(render(sample()))
    style = inherited(root)
    assert (root.get("font-family"), root.get("font-size")) == ("inherit", "14")
    for node in with_class(root, "ck-dd-node"):
        box_fill, box_stroke, ink, weight = KIND_STYLE[next(k for k in KIND_STYLE if f"ck-dd-{k}" in classes(node))]
        rect = node.find(f".//{SVG}rect")
        assert rect is not None and rect.get("rx") == "6"
        assert [style[rect].get(k) for k in ("fill", "stroke", "stroke-width")] == [box_fill, box_stroke, "1.5"]
        for text in with_class(node, "ck-dd-label"):
            assert [style[text].get(k) for k in ("fill", "font-size", "font-weight")] == [ink, "14", weight]
            linked = node.find(f"{SVG}a") is not None
            for span in text.iter(f"{SVG}tspan"):  # underlined line by line: not the space between lines
                assert (span.get("text-decoration") == "underline") == linked
    for heading in with_class(root, "ck-dd-heading"):
        assert [style[heading].get(k) for k in ("fill", "font-size", "font-weight")] == ["#4a5566", "14", "bold"]
    connectors = with_class(root, "ck-dd-connectors")[0]
    assert [style[connectors].get(k) for k in ("fill", "stroke", "stroke-width")] == ["none", "#7f8ea3", "1.5"]


def test_no_presentation_attribute_repeats_what_is_inherited() -> None:
    diagram = sample()
    fallback = N("ward", "Ward round", "w/", fallback="en")
    diagram = DriverDiagram(diagram.aim, (*diagram.primaries, fallback), (), (), HEADINGS, aim_fallback="en")
    for root in (ET.fromstring(render(sample())), ET.fromstring(render(diagram))):
        parents = {child: parent for parent in root.iter() for child in parent}
        style = inherited(root)
        for element, parent in parents.items():
            repeated = [k for k, v in element.attrib.items() if k in INHERITED and style[parent].get(k) == v]
            assert repeated == [], (element.tag, element.attrib)


def test_long_labels_wrap_and_grow_their_box() -> None:
    root = ET.fromstring(render(sample()))
    group = next(g for g in with_class(root, "ck-dd-node") if g.get("data-id") == "follow-up")
    spans = group.findall(f".//{SVG}tspan")
    assert len(spans) >= 4
    assert " ".join(span.text or "" for span in spans) == LONG
    assert boxes(root)["follow-up"][3] == 2 * PAD_Y + len(spans) * LINE_HEIGHT


def test_unbreakable_words_are_split_not_clipped() -> None:
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis-prevention-programme"
    diagram = DriverDiagram("Aim", (N("p", word),), (), (), HEADINGS)
    root = ET.fromstring(render(diagram))
    spans = with_class(root, "ck-dd-primary")[0].findall(f".//{SVG}tspan")
    assert len(spans) > 1
    assert "".join(span.text or "" for span in spans) == word
    assert all(estimate_text_width(s.text or "") <= COLUMN_WIDTH - 2 * PAD_X for s in spans)


def test_non_breaking_spaces_do_not_break() -> None:
    label = "Qualité des soins\u00a0: suivi téléphonique systématique\u202f! Vraiment\u00a0?"
    diagram = DriverDiagram("Aim", (N("p", label),), (), (), HEADINGS)
    root = ET.fromstring(render(diagram))
    spans = [s.text or "" for s in with_class(root, "ck-dd-primary")[0].iter(f"{SVG}tspan")]
    assert not [s for s in spans if s[:1] in (":", "!", "?")]


def test_layout_groups_children_and_centres_parents() -> None:
    root = ET.fromstring(render(sample()))
    box = boxes(root)

    def centre(key: str) -> float:
        return box[key][1] + box[key][3] / 2

    secondaries = sorted(("teach-back", "diet", "follow-up", "titrate"), key=centre)
    assert secondaries == ["teach-back", "diet", "follow-up", "titrate"]
    # A parent is centred on the span of the children placed under it.
    span = (box["teach-back"][1] + box["diet"][1] + box["diet"][3]) / 2
    assert centre("self-care") == pytest.approx(span)
    assert centre("titrate") == pytest.approx(centre("orders"))
    # The concept acting directly on a primary driver sits in that primary's band.
    assert box["follow-up"][1] < box["huddle"][1] < box["titrate"][1]


def test_a_driver_without_concepts_and_an_empty_diagram_render() -> None:
    root = ET.fromstring(render(DriverDiagram("Only an aim", (), (), (), HEADINGS)))
    assert len(with_class(root, "ck-dd-node")) == 1
    assert not with_class(root, "ck-dd-connector")


@pytest.mark.parametrize(
    ("diagram", "message"),
    [
        (DriverDiagram("A", (N("p", "P"), N("p", "Q")), (), (), HEADINGS), "duplicate id 'p'"),
        (
            DriverDiagram("A", (N("p", "P"),), ((N("s", "S"), ("x",)),), (), HEADINGS),
            "s: unknown primary driver 'x'",
        ),
        (
            DriverDiagram("A", (N("p", "P"),), ((N("s", "S"), ()),), (), HEADINGS),
            "s: no primary driver",
        ),
        (
            DriverDiagram("A", (N("p", "P"),), (), ((N("c", "C"), ("p", "y")),), HEADINGS),
            "c: unknown driver 'y'",
        ),
        (
            DriverDiagram("A", (N("p", "P", "javascript:alert(1)"),), (), (), HEADINGS),
            "neither a relative URL nor an http(s) address",
        ),
        (
            DriverDiagram("A", (N("p", "P", "//example.org/"),), (), (), HEADINGS),
            "neither a relative URL nor an http(s) address",
        ),
    ],
)
def test_inconsistent_diagrams_are_rejected(diagram: DriverDiagram, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        render(diagram)


def test_bad_element_id_is_rejected() -> None:
    with pytest.raises(ValueError, match="element_id"):
        render(sample(), element_id='x" onload="y')


# --- property-based layout checks -------------------------------------------------------

labels = st.text(max_size=110)
hrefs = st.none() | st.sampled_from(["a/", "../b/#c", "x?y=1&z=2"])


@st.composite
def diagrams(draw: st.DrawFn) -> DriverDiagram:
    primaries = tuple(N(f"p{i}", draw(labels), draw(hrefs)) for i in range(draw(st.integers(0, 4))))
    primary_ids = [p.id for p in primaries]
    secondaries = tuple(
        (N(f"s{i}", draw(labels), draw(hrefs)), tuple(draw(parents(primary_ids))))
        for i in range(draw(st.integers(0, 6)) if primary_ids else 0)
    )
    driver_ids = primary_ids + [s.id for s, _ in secondaries]
    concepts = tuple(
        (N(f"c{i}", draw(labels), draw(hrefs)), tuple(draw(parents(driver_ids))))
        for i in range(draw(st.integers(0, 8)) if driver_ids else 0)
    )
    headings = (draw(labels), draw(labels), draw(labels), draw(labels))
    return DriverDiagram(draw(labels), primaries, secondaries, concepts, headings)


def parents(ids: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(ids), min_size=1, max_size=3)


def path_numbers(d: str) -> list[tuple[str, list[float]]]:
    commands: list[tuple[str, str]] = re.findall(r"([MCH])([^MCH]*)", d)
    return [(command, [float(n) for n in args.split()]) for command, args in commands]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(diagrams())
def test_random_diagrams_lay_out_cleanly(diagram: DriverDiagram) -> None:
    svg = render(diagram)
    root = ET.fromstring(svg)
    width, height = viewbox(root)
    box = boxes(root)
    for kind in ("primary", "secondary", "concept"):
        column = sorted(box[g.get("data-id", "")] for g in with_class(root, f"ck-dd-{kind}"))
        for upper, lower in pairwise(column):
            assert upper[1] + upper[3] <= lower[1], "boxes overlap in a column"
    for x, y, w, h in box.values():
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height
    for group in with_class(root, "ck-dd-node"):
        x, y, w, h = box[group.get("data-id", "")]
        bold = "ck-dd-aim" in classes(group)
        for span in group.iter(f"{SVG}tspan"):
            left, base = float(span.get("x", "")), float(span.get("y", ""))
            assert left >= x + PAD_X
            assert left + estimate_text_width(span.text or "", bold=bold) <= x + w - PAD_X + 1e-6
            assert y + PAD_Y < base < y + h - PAD_Y / 2
    for heading in with_class(root, "ck-dd-heading"):
        for span in heading.iter(f"{SVG}tspan"):
            right = float(span.get("x", "")) + estimate_text_width(span.text or "", bold=True)
            assert right <= width and 0 < float(span.get("y", "")) < height
    children = (*diagram.secondaries, *diagram.concepts)
    expected = len(diagram.primaries) + sum(len(set(ids)) for _, ids in children)
    connectors = with_class(root, "ck-dd-connector")
    assert len(connectors) == expected
    secondary_boxes = [box[g.get("data-id", "")] for g in with_class(root, "ck-dd-secondary")]
    for connector in connectors:
        commands = path_numbers(connector.get("d", ""))
        points = [n for _, args in commands for n in args]
        assert all(-1e-6 <= n <= max(width, height) for n in points)
        ys = [args[i] for cmd, args in commands if cmd != "H" for i in range(1, len(args), 2)]
        assert all(0 <= y <= height for y in ys)
        if len(commands) > 2 and commands[2][0] == "H":  # a primary-to-concept connector
            run = commands[1][1][-1]  # the y at which it crosses the secondaries' column
            assert all(not (top < run < top + h) for _, top, _, h in secondary_boxes)
    assert render(diagram) == svg


FONTS = Path(__file__).resolve().parent.parent / "theme" / "fonts"  # the fonts the site and PDFs use


@pytest.mark.parametrize(
    ("font_file", "bold"),
    [
        ("Inter-Regular.ttf", False),
        ("Inter-Italic.ttf", False),
        ("Inter-SemiBold.ttf", True),
        ("Inter-Bold.ttf", True),
    ],
)
def test_width_estimate_never_undershoots_a_real_font(font_file: str, bold: bool) -> None:
    font = TTFont(str(FONTS / font_file))
    units, advances = font["head"].unitsPerEm, font["hmtx"]
    too_narrow = [
        chr(code)
        for code, glyph in font.getBestCmap().items()
        if (code < 0x530 or 0x1E00 <= code < 0x2190)
        and chr(code).isprintable()
        and not unicodedata.combining(chr(code))  # marks attach to their letter with no advance
        and estimate_text_width(chr(code), 1000, bold=bold) < advances[glyph][0] * 1000 / units
    ]
    assert too_narrow == []


def test_width_estimate_adds_up_and_ignores_combining_marks() -> None:
    assert estimate_text_width("") == 0
    assert estimate_text_width("ab") == estimate_text_width("a") + estimate_text_width("b")
    assert estimate_text_width("e\u0301") == estimate_text_width("e")
    assert estimate_text_width("Ǆ") > estimate_text_width("D")
    assert estimate_text_width("x", bold=True) > estimate_text_width("x")


# --- rendering in the two engines we ship for -------------------------------------------


def page(svg: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        "<style>@page { size: A4 portrait; margin: 2cm }"
        f".scroll {{ overflow-x: auto }} .scroll svg {{ min-width: {NATURAL_WIDTH_PX}px }}"
        "@media print { .scroll svg { min-width: 0 } }</style></head>"
        f'<body><div class="scroll">{svg}</div></body></html>'
    )


def test_weasyprint_renders_the_text_on_one_a4_page() -> None:
    pdf = weasyprint.HTML(string=page(render(sample()))).write_pdf()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in ("Primary drivers", "ração, niño, garçon", "Optimal medication <GDMT>"):
        assert expected in text


@pytest.mark.browser
def test_chromium_tabs_through_every_link(tmp_path: Path) -> None:
    assert Path("/usr/bin/chromium").exists(), "Debian's Chromium is required: apt-get install -y chromium"
    html_file = tmp_path / "diagram.html"
    html_file.write_text(page(render(sample())), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        tab = browser.new_page()
        tab.goto(html_file.as_uri())
        focused = []
        for _ in range(8):
            tab.keyboard.press("Tab")
            focused.append(tab.evaluate("() => document.activeElement.getAttribute('href')"))
        name = tab.get_by_role("link", name="Patients & families manage self-care at home")
        assert name.count() == 1
        browser.close()
    drivers = ["self-care/", "transitions/", "meds/", "c/teach-back/", "c/fu/?a=1&b=2", "c/t/"]
    assert focused == [*drivers, "x/call/", "x/scales/"]
