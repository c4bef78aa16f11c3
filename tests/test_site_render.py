"""The render stage: golden Markdown for the site-mini fixture, determinism, fallback marking, helpers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.check import load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.editions.view import load_edition
from generator.render.site.markup import fallback_span, md_inline, site_link
from generator.render.site.render import Page, render_site
from generator.render.site.search_fold import fold, fold_index, folded_words
from generator.source.project import Project

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site-mini"
GOLDEN = Path(__file__).resolve().parent / "golden" / "site-mini"


def render_fixture() -> dict[str, list[Page]]:
    project = Project(FIXTURE)
    diagnostics = Diagnostics()
    kb = load_knowledge_base(project, diagnostics)
    return {lang: render_site(load_edition(kb, lang, project, diagnostics), kb.languages) for lang in kb.languages}


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[Page]]:
    return render_fixture()


def page(rendered: dict[str, list[Page]], lang: str, path: str) -> str:
    return next(p.markdown for p in rendered[lang] if p.path == path)


def test_generated_markdown_matches_golden(rendered: dict[str, list[Page]], update_golden: bool) -> None:
    expected = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*.md")}
    actual = {f"{lang}/{p.path}": p.markdown for lang, pages in rendered.items() for p in pages}
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for path, text in actual.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
        return
    assert sorted(actual) == sorted(expected), "pages added or removed; run pytest --update-golden and review"
    for path, text in actual.items():
        assert text == (GOLDEN / path).read_text(encoding="utf-8"), f"{path} differs from the golden file"


def test_rendering_is_deterministic(rendered: dict[str, list[Page]]) -> None:
    assert render_fixture() == rendered


def test_every_contract_page_exists_in_every_language(rendered: dict[str, list[Page]]) -> None:
    for lang in ("en", "es"):
        paths = {p.path for p in rendered[lang]}
        assert {
            "index.md",
            "about.md",
            "topics/falls/index.md",
            "topics/falls/changes/assess-and-act.md",
            "topics/falls/measures/falls-rate.md",
            "topics/falls/stories/ward-7.md",
            "change-packages/index.md",
            "change-ideas/index.md",
            "change-ideas/setting/hospital.md",
            "change-ideas/evidence/practice-based.md",
            "change-ideas/group/manage-time.md",
            "change-ideas/driver/falls--clear-floors.md",
        } <= paths


def test_links_go_both_ways(rendered: dict[str, list[Page]]) -> None:
    concept = page(rendered, "en", "topics/falls/changes/assess-and-act.md")
    measure = page(rendered, "en", "topics/falls/measures/falls-rate.md")
    story = page(rendered, "en", "topics/falls/stories/ward-7.md")
    assert "## Round hourly on high-risk patients { #intentional-rounding }" in concept
    assert "(../measures/falls-rate.md)" in concept  # idea → measure
    assert "(../changes/assess-and-act.md#intentional-rounding)" in measure  # measure → idea
    assert "(../stories/ward-7.md)" in concept  # idea → story (tested by)
    assert "(../changes/assess-and-act.md#intentional-rounding)" in story  # story → idea
    assert "(../stories/ward-7.md)" in measure and "(../measures/falls-rate.md)" in story
    assert "(../../../change-ideas/setting/hospital.md){ .ck-chip }" in concept  # idea → facet
    facet = page(rendered, "en", "change-ideas/setting/hospital.md")
    assert "(../../topics/falls/changes/assess-and-act.md#bedside-checklist)" in facet  # facet → idea


def test_ref_links_resolve_to_relative_markdown_links(rendered: dict[str, list[Page]]) -> None:
    home = page(rendered, "en", "index.md")
    assert "[the falls topic](topics/falls/index.md)" in home
    assert "[hourly rounding](topics/falls/changes/assess-and-act.md#intentional-rounding)" in home
    other_topic = page(rendered, "en", "topics/discharge/changes/plan-from-admission.md")
    assert "[a checklist](../../falls/changes/assess-and-act.md#bedside-checklist)" in other_topic


def test_source_language_pages_have_no_fallback(rendered: dict[str, list[Page]]) -> None:
    assert not any("ck-fallback" in p.markdown or "!!! info" in p.markdown for p in rendered["en"])


def test_edition_marks_fallback_text_and_says_so(rendered: dict[str, list[Page]]) -> None:
    measure = page(rendered, "es", "topics/falls/measures/falls-rate.md")
    assert measure.startswith("---\ntitle: Caídas por 1000 días-paciente\n")
    assert "# Caídas por 1000 días-paciente\n\n!!! info" in measure  # the notice right below the title
    assert 'href="../../../../../topics/falls/measures/falls-rate/" hreflang="en"' in measure
    # the fuzzy numerator is shown in English, marked (with a note saying it is outdated, not missing)
    outdated = re.search(
        r'<span class="ck-fallback" lang="en" title="([^"]+)">Falls reported in the incident system\.</span>', measure
    )
    missing = re.search(r'<span class="ck-fallback" lang="en" title="([^"]+)">Occupied bed-days\.</span>', measure)
    assert outdated and missing and outdated[1] != missing[1]
    assert "Caídas de pacientes hospitalizados, con o sin daño." in measure  # translated: not marked
    assert '<div class="ck-fallback" lang="en"' not in measure.split("Caídas de pacientes")[0][-200:]


def test_derived_timeline_titles(rendered: dict[str, list[Page]]) -> None:
    about = page(rendered, "en", "about.md")
    row = next(line for line in about.splitlines() if line.startswith("| Learning Session 2 |"))
    assert row.endswith("| Madrid, Spain |") and "2027" in row
    assert "| Closing congress |" in about and "| Prework |" in about


def test_markdown_escaping_of_user_text() -> None:
    assert md_inline("5 * 3 [x] <b> a|b") == r"5 \* 3 \[x\] &lt;b&gt; a\|b"
    assert (
        fallback_span("x", "en", 'say "hi"')
        == '<span class="ck-fallback" lang="en" title="say &quot;hi&quot;">x</span>'
    )


def test_site_links_between_directory_urls() -> None:
    assert site_link("topics/t/index.md", "topics/t/changes/c.md", "i") == "changes/c/#i"
    assert site_link("topics/t/changes/c.md", "topics/t/index.md") == "../../"
    assert site_link("es/topics/t/index.md", "topics/t/index.md") == "../../../topics/t/"
    assert site_link("topics/t/index.md", "topics/t/index.md", "d") == "#d"


def test_accent_folding() -> None:
    assert fold("Prevención, cœur, São") == "Prevencion, coeur, Sao"
    assert folded_words("<p>La prevención de caídas</p> <code>évaluation</code>") == "prevencion caidas evaluation"
    index = fold_index(
        {
            "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"title": "Caídas", "text": "plain"}],
        }
    )
    assert index["config"]["fields"]["title_folded"] == {"boost": 1000.0}
    assert index["docs"][0] == {"title": "Caídas", "text": "plain", "title_folded": "caidas"}


HREF = re.compile(r'href="([^"]+)"')


def test_topic_outline_has_the_drawings_links(rendered: dict[str, list[Page]]) -> None:
    """Phones get the driver diagram as an outline: the same driver and concept links as the drawing."""
    markdown = page(rendered, "en", "topics/falls/index.md")
    outline = markdown.split('<div class="ck-dd-outline">', 1)[1].split("</div>", 1)[0]
    drawing = markdown.split('id="ck_dd_drawing"', 1)[1].split("</div>", 1)[0]
    assert set(HREF.findall(outline)) - {"#ck_dd_drawing"} == set(HREF.findall(drawing))
    assert '<a href="#ck_dd_drawing">Show the full drawing</a>' in outline
    assert outline.index("ck-dd-outline__primary") < outline.index("ck-dd-outline__secondary")


def test_aim_is_the_topic_lead(rendered: dict[str, list[Page]]) -> None:
    markdown = page(rendered, "en", "topics/falls/index.md")
    body = markdown.split("\n# ", 1)[1]
    assert body.split("\n\n", 2)[1] == '<div class="ck-aim" markdown>'  # right below the title
    assert body.index("By December 2027") < body.index("Fewer falls with harm")  # the aim, then the summary


def test_topics_overview_lists_every_topic(rendered: dict[str, list[Page]]) -> None:
    for lang in ("en", "es"):
        markdown = page(rendered, lang, "topics/index.md")
        for topic in ("falls", "discharge"):
            assert f"](../{topic}/index.md)" in markdown or f"]({topic}/index.md)" in markdown


def test_each_page_names_itself_in_every_edition(rendered: dict[str, list[Page]]) -> None:
    """Front matter `alternates`: read by the language selector and the hreflang links."""
    measure = page(rendered, "es", "topics/falls/measures/falls-rate.md")
    meta = yaml.safe_load(measure.split("---\n")[1])
    assert meta["alternates"] == [
        {
            "lang": "en",
            "name": "English",
            "href": "../../../../../topics/falls/measures/falls-rate/",
            "path": "topics/falls/measures/falls-rate/",
        },
        {"lang": "es", "name": "Español", "href": "./", "path": "es/topics/falls/measures/falls-rate/"},
    ]
    home = yaml.safe_load(page(rendered, "en", "index.md").split("---\n")[1])
    assert [a["href"] for a in home["alternates"]] == ["./", "es/"]
