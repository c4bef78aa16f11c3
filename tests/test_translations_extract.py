"""Extraction: msgctxt from ids, one unit per Markdown paragraph, file:line, order, and agreement with localize."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, Location
from generator.editions.units import TranslationUnit, catalog_names, extract_units, iter_roots
from generator.editions.view import Completeness, Edition, LocalText, load_edition
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.walk import text_fields
from generator.source.project import Project
from generator.translations.catalogs import group_units
from tests.test_translations_support import EPOCH, TOPIC, context, edit, load, mini_project, translate, update


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return mini_project(tmp_path)


def units_by_context(project: Project) -> dict[str, list[TranslationUnit]]:
    found: dict[str, list[TranslationUnit]] = {}
    for unit in extract_units(load(project)):
        found.setdefault(unit.msgctxt, []).append(unit)
    return found


def test_catalogs_are_site_and_one_per_topic(project: Project) -> None:
    kb = load(project)
    assert catalog_names(kb) == ["site", TOPIC]
    catalogs = {unit.msgctxt: unit.catalog for unit in extract_units(kb)}
    assert catalogs["collaborative/title"] == "site"
    assert catalogs["changepackages/clinic-access-2027/foreword"] == "site"
    assert catalogs[context("title")] == TOPIC


def test_msgctxt_is_built_from_ids_never_positions(project: Project) -> None:
    found = units_by_context(project)
    idea = context("change_concepts", "match-capacity-to-demand", "change_ideas", "count-daily-demand")
    assert [u.msgid for u in found[f"{idea}/title"]] == ["Count demand every day"]
    assert [u.msgid for u in found[f"{idea}/typical_failures"]] == [
        "Counting only booked appointments.",
        "Stopping after one week.",
    ]
    assert "collaborative/timeline/2027-01-12/title" in found
    assert (
        context("stories", "riverside-clinic", "results", "third-next-available", "annotations", "2026-02", "text")
        in found
    )
    assert context("stories", "riverside-clinic", "quotes", "text") in found
    assert not any(any(part.isdigit() for part in ctx.split("/")) for ctx in found)


def test_markdown_is_split_into_paragraphs_with_their_lines(project: Project) -> None:
    background = units_by_context(project)[context("background")]
    assert [u.msgid.split("\n")[0] for u in background] == [
        "Most clinics offer an appointment next week, unless the problem is urgent.",
        "Teams measure the [third next available appointment](ref:third-next-available)",
        "Three steps:",
        "- count the demand;",
    ]
    path = "content/topics/clinic-access/topic.yaml"
    assert [u.location for u in background] == [Location(path, line, 1) for line in (7, 10, 13, 15)]
    assert all(u.markdown for u in background)


def test_plain_fields_are_one_unit_at_their_line(project: Project) -> None:
    [title] = units_by_context(project)[context("title")]
    assert title.msgid == "Same-day access"
    assert not title.markdown
    assert (title.location.path, title.location.line) == ("content/topics/clinic-access/topic.yaml", 2)
    [aim] = units_by_context(project)[context("aim")]  # a folded block: the text starts a line below
    assert aim.location.line == 5


def test_repeated_text_in_one_context_is_one_unit_with_every_location(project: Project) -> None:
    story = project.topics / TOPIC / "stories" / "riverside-clinic.yaml"
    edit(
        story,
        "    by: Dr. Ana Silva, general practitioner\n",
        "    by: Dr. Ana Silva\n  - text: We had only moved the queue.\n    by: Rui Costa\n",
    )
    [quote] = units_by_context(project)[context("stories", "riverside-clinic", "quotes", "text")]
    assert [loc.line for loc in quote.locations] == [14, 16]


def test_extraction_is_in_document_order_and_deterministic(project: Project) -> None:
    kb = load(project)
    first = extract_units(kb)
    assert first == extract_units(load(project))
    assert [u.msgctxt for u in first[:2]] == ["collaborative/title", "collaborative/summary"]


def test_catalog_order_does_not_follow_list_positions(project: Project) -> None:
    def order() -> list[tuple[str, str]]:
        return [u.key for u in group_units(load(project), extract_units(load(project)))[TOPIC]]

    before = order()
    changes = project.topics / TOPIC / "changes.yaml"
    text = changes.read_text()
    first, second = text.split("  - id: reduce-backlog\n")
    changes.write_text("change_concepts:\n  - id: reduce-backlog\n" + second + first.removeprefix("change_concepts:\n"))
    assert load(project).topics[0].concepts[0].id == "reduce-backlog"
    assert order() == before


def translated_edition(project: Project) -> tuple[KnowledgeBase, Edition]:
    update(project)
    for name in ("site", TOPIC):
        translate(project, "es", name)
    kb = load(project)
    return kb, load_edition(kb, "es", project, Diagnostics())


def shown_fields(kb: KnowledgeBase, edition: Edition, *, optional: bool) -> dict[tuple[str, ...], LocalText]:
    """How the edition shows each field whose Markdown marker sits on an optional type (or not)."""
    shown = {}
    for root in iter_roots(kb):
        for text in text_fields(root.model, root.base):
            info = type(text.owner).model_fields[text.name]
            if text.marker is None or id(text.owner) not in kb.contexts or info.is_required() == optional:
                continue
            shown[text.idpath] = edition.lookup(text.owner, text.name, text.value)
    return shown


def test_every_unit_is_the_key_localize_looks_up(project: Project) -> None:
    """Translate every extracted unit: the Spanish edition then shows no fallback at all."""
    kb, edition = translated_edition(project)
    assert edition.completeness() == Completeness(translated=len(extract_units(kb)))
    shown = shown_fields(kb, edition, optional=False)
    assert len(shown) > 15
    assert {path: text.status for path, text in shown.items() if text.status != "translated"} == {}
    assert all(text.startswith("[es]") for text in shown.values())


def test_optional_markdown_fields_are_looked_up_by_paragraph(project: Project) -> None:
    kb, edition = translated_edition(project)
    shown = shown_fields(kb, edition, optional=True)
    assert any(path[-1] == "background" for path in shown)
    assert {path: text.status for path, text in shown.items() if text.status != "translated"} == {}
