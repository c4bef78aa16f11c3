"""The output sanitizer and the input checks it backs: every payload of the hostile-input audit
(issue 14), in every text field and every catalog, reaches no page and no PDF as live markup."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build import build_site
from generator.check import load_knowledge_base, localize
from generator.diagnostics import Diagnostics
from generator.editions.pofile import entries, format_po, read_po_file
from generator.editions.view import load_edition
from generator.render.pdf.document import render_package_html
from generator.source.project import Project
from generator.text.sanitize import clean_document, clean_html
from generator.text.scan import BRACES, find_ref_links, unsafe_markdown
from tests.conftest import FIXTURES, copy_project
from tests.test_site_build import make_site_project
from tests.test_translations_support import mini_project, translate, update

#: The audit's payloads (defects 1–4): autolinks with attributes, attribute lists starting with a
#: bare word, and a title that closes the attribute it is placed in.
AUTOLINKS = [
    "<https:x autofocus tabindex=1 onfocus=alert(document.domain)>",
    "<http:x autofocus tabindex=1 onfocus=alert(document.domain)>",
    "<mailto:x autofocus tabindex=1 onfocus=alert(document.domain)>",
]
ATTRIBUTE_LISTS = [
    "*hover*{ x onmouseover=alert(2) }",
    "[a](https://example.org){ x href=javascript:alert(3) }",
    "Text { x style=background-image:url(https://evil.example/x.png) }",
]
QUOTE_BREAK = 'Reducción" autofocus onfocus="alert(document.domain)'
PAYLOADS = [*AUTOLINKS, *ATTRIBUTE_LISTS]
#: Translatable fields of the site-mini fixture, in every kind of file.
TEXT_KEYS = {
    "title", "summary", "aim", "background", "description", "rationale", "how_to_test", "narrative", "text",
    "foreword", "subtitle", "label", "goal", "numerator", "denominator", "exclusions", "data_source", "sampling",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction"}


class LiveMarkup(HTMLParser):
    """Collects whatever would run or load in a browser: event handlers, autofocus, script and data
    URLs, styles carrying the payload, and elements named like `https:x`."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if ":" in tag:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or name == "autofocus":
                self.found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and value.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value}>")
            if name == "style" and ("evil.example" in value or "url(" in value):
                self.found.append(f"<{tag} style={value}>")

    handle_startendtag = handle_starttag


def live_markup(html: str) -> list[str]:
    parser = LiveMarkup()
    parser.feed(html)
    parser.close()
    return parser.found


# --------------------------------------------------------------------------- the sanitizer itself


@pytest.mark.parametrize(
    "html",
    [
        '<https:x autofocus tabindex=1 onfocus="alert(1)">link</https:x>',
        '<em onmouseover="alert(2)" x>hover</em>',
        '<a href="javascript:alert(3)">a</a>',
        '<a href="JaVa\tScRiPt:alert(3)">a</a>',
        '<a href="data:text/html,<script>alert(1)</script>">a</a>',
        '<p style="background-image:url(https://evil.example/x.png)">p</p>',
        '<div autofocus tabindex="1" onfocus="alert(1)">d</div>',
        '<details open ontoggle="alert(1)"><summary autofocus>s</summary></details>',
        '<svg><a xlink:href="javascript:alert(1)" href="javascript:alert(1)"><text>t</text></a></svg>',
        '<svg onload="alert(1)"><foreignObject><iframe src="https://evil.example/"></iframe></foreignObject></svg>',
        "<script>alert(1)</script><style>*{background:url(https://evil.example/)}</style>",
        '<img src="x" onerror="alert(1)"><input autofocus onfocus="alert(1)"><select autofocus></select>',
    ],
)
def test_sanitizer_removes_live_markup(html: str) -> None:
    cleaned = clean_html(html)
    assert live_markup(cleaned) == []
    assert not re.search(r"<(script|style|iframe|img|input|select|foreignobject)\b", cleaned, re.IGNORECASE)


def test_sanitizer_keeps_what_the_templates_emit() -> None:
    html = (
        '<div class="admonition note" role="note" aria-label="Note" tabindex="0"><p class="admonition-title">N</p>'
        '<details class="ck-x" open><summary>S</summary><table><thead><tr><th align="left">H</th></tr></thead>'
        "<tbody><tr><td>1</td></tr></tbody></table></details>"
        '<svg xmlns="http://www.w3.org/2000/svg" id="c" class="ck-runchart" viewBox="0 0 10 10" role="img" '
        'aria-labelledby="c-title"><title id="c-title">T</title><g data-id="x"><path d="M0 0" stroke="#000"/>'
        '<a class="ck-dd-link" href="../x/" xlink:href="../x/" tabindex="0"><text x="1" y="2">t</text></a></g>'
        '</svg><a href="https://example.org/" hreflang="es">e</a><a href="mailto:a@example.org">m</a>'
        '<a class="headerlink" href="#anchor" title="Permanent link">¶</a></div>'
    )
    cleaned = clean_html(html)
    kept = ['viewBox="0 0 10 10"', 'xlink:href="../x/"', 'href="https://example.org/"', "<details", "open"]
    kept += ['aria-labelledby="c-title"', 'data-id="x"', 'align="left"', 'href="#anchor"', 'role="note"']
    assert [text for text in kept if text not in cleaned] == []


def test_sanitizer_drops_control_and_bidi_characters() -> None:
    assert clean_html("<p>a\x00b\x1b[31mc\u202ed\u2066e\tf</p>") == "<p>ab[31mcde\tf</p>"


def test_print_document_keeps_its_head_and_cleans_its_body() -> None:
    doc = (
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="print.css"><style>p{}</style></head>'
        '<body class="ck-paper-a4" onload="alert(1)"><img class="ck-cover-logo" src="../assets/logo.svg" alt="x">'
        '<p onclick="alert(1)">t</p></body></html>'
    )
    cleaned = clean_document(doc)
    assert '<link rel="stylesheet" href="print.css"><style>p{}</style>' in cleaned
    assert '<body class="ck-paper-a4">' in cleaned
    assert '<img class="ck-cover-logo" src="../assets/logo.svg" alt="x">' in cleaned
    assert "onclick" not in cleaned and "onload" not in cleaned


# --------------------------------------------------------------------------- input checks (located messages)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_input_check_refuses_every_payload(payload: str) -> None:
    kinds = {code for code, _, _ in unsafe_markdown(f"Before.\n\n{payload}\n")}
    assert kinds & {"html", "attributes"}, payload


@pytest.mark.parametrize("text", ["See <https://example.org/a> or <team@example.org>.", "A set {a, b} and {x}."])
def test_input_check_accepts_autolinks_and_prose_braces(text: str) -> None:
    assert unsafe_markdown(text) == []


@pytest.mark.parametrize("blob", ["{.{." * 25_000, "[[[[" * 25_000, "<a <a " * 20_000, "{ x=" * 25_000])
def test_hostile_blobs_are_checked_in_one_pass(blob: str) -> None:
    """Defect 14 (the timing is in benchmarks/hostile_text.py): a brace group's body cannot hold a
    brace and a nested link label cannot hold a bracket, so each match attempt stops at the next
    one — one pass over the text — and the answer is found."""
    found = BRACES.search("{ x=1 { y=2 }")
    assert found is not None and found.group(0) == "{ y=2 }"  # an attempt ends at the next brace
    problems = unsafe_markdown(blob)
    assert len(problems) <= 5 * 5  # at most MAX_REPORTED of each kind, not one per brace
    assert list(find_ref_links(blob)) == []


FIELDS = [  # (file under the minimal fixture, the text to replace): block and plain, Markdown and not
    ("content/collaborative.yaml", "A small collaborative used by the tests."),
    ("content/collaborative.yaml", "Halve inpatient falls with harm by December 2027."),
    ("content/topics/falls/topic.yaml", "Falls are the most common safety incident in hospitals."),
    ("content/topics/falls/topic.yaml", "Fewer falls with harm on medical wards."),
    ("content/topics/falls/topic.yaml", "Reliable risk assessment"),
    ("content/topics/falls/stories/ward-7.yaml", "The team started with one nurse on one night shift."),
    ("content/topics/falls/stories/ward-7.yaml", "Hourly rounding starts"),
]


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(("path", "old"), FIELDS)
def test_every_payload_in_every_field_is_a_located_error(tmp_path: Path, payload: str, path: str, old: str) -> None:
    project = copy_project(FIXTURES / "minimal", tmp_path / "p")
    file = project.root / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    plain = f": {old}" in text  # a plain scalar is quoted; a block scalar takes the text as it is
    file.write_text(text.replace(old, json.dumps(payload) if plain else payload), encoding="utf-8")
    diagnostics = Diagnostics()
    with pytest.raises(Exception, match="Aborted"):
        load_knowledge_base(project, diagnostics)
    found = [d for d in diagnostics if d.code in ("markdown.html", "markdown.attributes")]
    assert found, [d.format() for d in diagnostics]
    assert found[0].location is not None and found[0].location.path == path and found[0].location.line == line


# --------------------------------------------------------------------------- the output guarantee


def add_payloads(value: Any, suffix: str) -> Any:
    """Every translatable text of a YAML document, with the payloads appended."""
    if isinstance(value, dict):
        return {
            k: (v + suffix if k in TEXT_KEYS and isinstance(v, str) else add_payloads(v, suffix))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [add_payloads(v, suffix) for v in value]
    return value


def poison_project(project: Project) -> None:
    """Payloads in every text field of every content file and every msgstr of every catalog."""
    markdown = "\n\n" + "\n\n".join(PAYLOADS)
    for path in sorted(project.content.rglob("*.yaml")) + sorted(project.packages.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(add_payloads(data, markdown), allow_unicode=True), encoding="utf-8")
    for path in sorted(project.translations.glob("*/*.po")):
        po = read_po_file(path)
        for message in entries(po.catalog):
            source = message.id if isinstance(message.id, str) else message.id[0]
            message.string = f"{source} {QUOTE_BREAK}{markdown}"
            message.flags.discard("fuzzy")
        path.write_bytes(format_po(po.header, po.catalog))


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """site-mini with every payload everywhere, built with the input checks switched off: what the
    output sanitizer alone guarantees."""
    project = make_site_project(tmp_path_factory.mktemp("poisoned") / "project")
    mkdocs_yml = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(
        re.sub(r"(?m)^site_name: .*$", "site_name: Preventing Falls in Hospital", mkdocs_yml), encoding="utf-8"
    )
    poison_project(project)
    with pytest.MonkeyPatch.context() as patch:
        for module in ("generator.knowledge.checks", "generator.editions.view", "generator.editions.checks"):
            patch.setattr(f"{module}.unsafe_markdown", lambda text: [])
        build_site(project, Diagnostics(), pdf=False)
    return project


def test_payloads_reach_the_pages_as_text_only(poisoned: Project) -> None:
    pages = sorted(poisoned.site.rglob("*.html"))
    assert len(pages) > 20
    found = {str(p.relative_to(poisoned.site)): live_markup(p.read_text(encoding="utf-8")) for p in pages}
    assert {page: live for page, live in found.items() if live} == {}
    story = (poisoned.site / "es" / "topics" / "falls" / "stories" / "ward-7" / "index.html").read_text("utf-8")
    assert "hover" in story and "alert(document.domain)" in story  # the text is there, harmless


def test_search_index_holds_no_live_markup(poisoned: Project) -> None:
    for index in poisoned.site.rglob("search_index.json"):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            assert live_markup(doc["text"]) == [] and live_markup(doc["title"]) == [], doc["location"]


def test_print_html_holds_no_live_markup(poisoned: Project) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for module in ("generator.knowledge.checks", "generator.editions.view", "generator.editions.checks"):
            patch.setattr(f"{module}.unsafe_markdown", lambda text: [])
        diagnostics = Diagnostics()
        kb = load_knowledge_base(poisoned, diagnostics)
        for lang in kb.languages:
            edition = load_edition(kb, lang, poisoned, diagnostics)
            for package in kb.packages:
                html = render_package_html(kb, edition, package, site_url="https://example.org/")
                assert live_markup(html) == [], (package.id, lang)
                assert "alert(document.domain)" in html


def test_translated_title_breaking_its_quotes_is_escaped_with_checks_on(tmp_path: Path) -> None:
    """Defect 4 as the audit ran it: the checks stay on (a plain title is not Markdown)."""
    project = make_site_project(tmp_path / "project")
    mkdocs_yml = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(
        re.sub(r"(?m)^site_name: .*$", "site_name: Preventing Falls in Hospital", mkdocs_yml), encoding="utf-8"
    )
    path = project.translations / "es" / "site.po"
    po = read_po_file(path)
    for message in entries(po.catalog):
        if message.context == "collaborative/title":
            message.string = QUOTE_BREAK
    path.write_bytes(format_po(po.header, po.catalog))
    build_site(project, Diagnostics(), pdf=False, strict=False)
    home = (project.site / "es" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Reducción&quot; autofocus onfocus=&quot;alert(document.domain)"' in home
    assert live_markup(home) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_payload_in_a_msgstr_is_a_warning_and_not_shown(tmp_path: Path, payload: str) -> None:
    """Defect 3: the same forms inside a PO msgstr were shown and ran."""
    project = mini_project(tmp_path)
    update(project)
    translate(project, "es", how=lambda ctx, text: f"{text} {payload}")
    diagnostics = Diagnostics()
    kb = load_knowledge_base(project, diagnostics)
    edition = localize(kb, project, ["es"], diagnostics)["es"]
    refused = [d for d in diagnostics if d.code in ("translation.html", "translation.unsafe")]
    assert refused and all(d.location is not None and d.location.line > 0 for d in refused)
    assert all("it is not shown" in d.message for d in refused)
    assert str(edition.text(kb.topics[0].topic, "title")) == kb.topics[0].topic.title
