"""Results across teams in the sample: counts, the aggregate's method, the measure and topic pages, the PDF."""

from __future__ import annotations

import re

import pytest

from generator.diagnostics import Diagnostics
from generator.editions.view import Edition, load_edition
from generator.knowledge.kb import KnowledgeBase
from generator.render.pdf.document import render_package_html
from generator.render.results import measure_results, topic_results
from generator.render.site.render import render_site
from generator.source.project import Project
from tests.conftest import ROOT

TOPIC = "primary-care-access"


@pytest.fixture(scope="module")
def spanish(sample_kb: KnowledgeBase) -> Edition:
    return load_edition(sample_kb, "es", Project(ROOT), Diagnostics())


def test_a_measure_three_teams_report(sample_kb: KnowledgeBase) -> None:
    measured = measure_results(sample_kb, f"{TOPIC}/third-next-available")
    assert [t.team for t in measured.teams] == [
        "Harbourview Family Practice",
        "Maison de santé pluriprofessionnelle Saône-Croix",
        "USF Quinta das Camélias",
    ]
    assert (measured.improved, measured.reached) == (3, 1)  # only Harbourview: 1.6, 1.4, 1.7 ≤ 2 days
    assert measured.method == "median"  # days: no counts
    assert len(measured.aggregate) == 19 and {p.teams for p in measured.aggregate} == {3}
    assert measured.aggregate[0].value == 8.6  # the median of 7.8, 8.6 and 15.8
    assert measured.aggregate_reading is not None and measured.aggregate_reading.verdict == "improvement"


def test_a_measure_with_counts_is_pooled(sample_kb: KnowledgeBase) -> None:
    measured = measure_results(sample_kb, f"{TOPIC}/no-show-rate")
    assert measured.method == "pooled"
    first = measured.aggregate[0]
    assert first.numerator is not None and first.denominator is not None
    assert first.value == pytest.approx(first.numerator / first.denominator * 100)


def test_one_team_has_no_aggregate(sample_kb: KnowledgeBase) -> None:
    measured = measure_results(sample_kb, f"{TOPIC}/continuity-own-clinician")
    assert len(measured.teams) == 1 and measured.aggregate == () and measured.aggregate_reading is None


def test_topic_table_lists_the_reported_measures(sample_kb: KnowledgeBase) -> None:
    table = topic_results(sample_kb, sample_kb.topic(TOPIC))
    assert [m.measure.id for m in table] == [
        "third-next-available",
        "continuity-own-clinician",
        "no-show-rate",
        "clinician-overtime",
    ]


def test_measure_and_topic_pages(spanish: Edition) -> None:
    pages = {page.path: page.markdown for page in render_site(spanish, ["en", "es"])}
    measure = pages[f"topics/{TOPIC}/measures/third-next-available.md"]
    assert "## Resultados de todos los equipos { #teams }" in measure
    assert "3 equipos notifican este indicador." in measure
    assert "Mejoraron desde que empezaron sus cambios: 3 de 3." in measure
    assert "La mediana de los valores de los equipos, en cada periodo." in measure
    assert len(re.findall(r'<svg [^>]*class="ck-small-multiple"', measure)) == 3
    aggregate = re.findall(r'<svg [^>]*id="(ck-aggregate-third-next-available(?:-narrow)?)"', measure)
    assert aggregate == ["ck-aggregate-third-next-available", "ck-aggregate-third-next-available-narrow"]
    assert "| may 2025 | 8,6 | 3 | mediana |" in measure.lower()
    assert (
        "- Maison de santé pluriprofessionnelle Saône-Croix, ago 2026: Two physicians on leave; locum from 18 August"
        in measure
    )
    topic = pages[f"topics/{TOPIC}/index.md"]
    table = topic[topic.index("## Resultados") : topic.index("## Historias")]
    assert table.count("ck-status-improvement") == 7
    assert "| **Mejoraron** | 3 de 3 | 1 de 1 | 2 de 2 | 1 de 1 |" in table


def test_the_pdf_carries_the_same(sample_kb: KnowledgeBase, spanish: Edition) -> None:
    html = render_package_html(sample_kb, spanish, sample_kb.package(f"{TOPIC}-2027"))
    assert 'class="ck-table ck-results-table"' in html
    assert html.count('class="ck-multiple"') == 3 + 1 + 2 + 1
    assert html.count('class="ck-figure ck-aggregate"') == 2  # third next available, missed appointments
    assert "Agregado: la suma de los numeradores de los equipos" in html


def test_data_sheets_fit_the_measure(sample_kb: KnowledgeBase, spanish: Edition) -> None:
    html = render_package_html(sample_kb, spanish, sample_kb.package(f"{TOPIC}-2027"))
    sheets = dict(re.findall(r'id="[^"]*worksheet--primary-care-access--([a-z-]+)".*?<thead>(.*?)</thead>', html, re.S))
    assert "Numerador" not in sheets["third-next-available"] and "Valor (Días)" in sheets["third-next-available"]
    assert "Numerador" in sheets["no-show-rate"] and "Denominador" in sheets["no-show-rate"]


def test_notes_from_data_files_are_escaped(minimal_project: Project) -> None:
    from generator.check import load_knowledge_base
    from generator.render.site.markup import md_inline

    note = '<img src=x onerror="alert(1)"> [x](javascript:alert(1)) *bold*'
    quoted = note.replace('"', '""')
    minimal_project.data.mkdir(parents=True)
    row = f'falls/ward-7,assessment-within-6h,2026-01,80,"{quoted}"'
    (minimal_project.data / "d.csv").write_text(f"story,measure,period,value,note\n{row}\n")
    kb = load_knowledge_base(minimal_project, Diagnostics())
    edition = load_edition(kb, "en", minimal_project, Diagnostics())
    page = next(p for p in render_site(edition, ["en"]) if p.path.endswith("assessment-within-6h.md"))
    assert f"- Ward 7, Hospital de Teste, Jan 2026: {md_inline(note)}" in page.markdown
    assert "<img" not in page.markdown and "[x](javascript" not in page.markdown  # shown as text
    html = render_package_html(kb, edition, kb.packages[0])
    assert "&lt;img src=x" in html and "<img src=x" not in html
