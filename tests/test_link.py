"""Link stage: namespaces, reverse links and msgctxt contexts on the minimal fixture."""

from __future__ import annotations

from generator.knowledge.kb import KnowledgeBase


def test_reverse_links(minimal_kb: KnowledgeBase) -> None:
    links = minimal_kb.links
    assert links.tested_by["falls/intentional-rounding"] == ["falls/ward-7"]
    assert links.measured_in["falls/falls-rate"] == ["falls/bedside-checklist", "falls/intentional-rounding"]
    assert links.reported_by["falls/falls-rate"] == ["falls/ward-7"]
    assert links.concepts_of["falls/clear-floors"] == ["falls/assess-and-act"]
    assert links.packages_of["falls"] == ["falls-2027"]


def test_items_share_one_namespace(minimal_kb: KnowledgeBase) -> None:
    items = minimal_kb.topic("falls").items
    assert {i.kind for i in items.values()} == {
        "primary-driver",
        "secondary-driver",
        "change-concept",
        "change-idea",
        "measure",
        "story",
    }
    assert items["bedside-checklist"].concept == "assess-and-act"


def test_contexts_use_ids_not_positions(minimal_kb: KnowledgeBase) -> None:
    topic = minimal_kb.topic("falls")
    idea = topic.concepts[0].change_ideas[1]
    assert minimal_kb.contexts[id(idea)] == (
        "falls",
        ("falls", "change_concepts", "assess-and-act", "change_ideas", "intentional-rounding"),
    )
    annotation = topic.stories[0].results[0].annotations[0]
    assert minimal_kb.contexts[id(annotation)][1][-4:] == ("results", "falls-rate", "annotations", "2026-07")


def test_default_scale_ships_with_the_tool(minimal_kb: KnowledgeBase) -> None:
    assert [level.score for level in minimal_kb.scale] == [1.0 + 0.5 * i for i in range(9)]
    assert minimal_kb.scale[0].label == "Forming team"


def test_sample_content_is_valid_and_rich(sample_kb: KnowledgeBase) -> None:
    """The demo meets the minimums of the foundation issue."""
    assert len(sample_kb.topics) >= 3
    for entry in sample_kb.topics:
        assert len(entry.topic.primary_drivers) >= 3
        assert len(entry.topic.secondary_drivers) >= 6
        assert len(entry.concepts) >= 4
        assert len(entry.ideas()) >= 12
        assert len(entry.measures) >= 5
        assert len(entry.stories) >= 2
        for story in entry.stories:
            assert story.assessment
            assert all(len(r.series) >= 18 for r in story.results)
            assert any(r.annotations for r in story.results)
    kinds = {e.kind for e in sample_kb.collaborative.timeline}
    assert kinds >= {"prework", "learning-session", "action-period", "congress"}
    assert sum(e.kind == "learning-session" for e in sample_kb.collaborative.timeline) == 3
    assert len(sample_kb.packages) == len(sample_kb.topics) + 1


def test_a_translation_that_changes_a_ref_link_is_not_used(minimal_kb: KnowledgeBase) -> None:
    """A translated `ref:` target would lead nowhere: the edition shows the source text instead."""
    from generator.editions.catalog import CatalogEntry, EditionCatalogs
    from generator.editions.view import Edition

    concept = minimal_kb.topic("falls").concepts[0]
    source = concept.description.strip()
    bad = source.replace("(ref:falls-rate)", "(ref:nowhere)")
    good = "Vincular cada evaluación a acciones; véase [la tasa de caídas](ref:falls-rate)."
    context = "falls/change_concepts/assess-and-act/description"
    for translation, status in ((bad, "refused"), (good, "translated")):
        entries = {"falls": {(context, source): CatalogEntry(translation, False, "es/falls.po", 1)}}
        shown = Edition(minimal_kb, "es", EditionCatalogs("es", entries)).text(concept, "description")
        assert shown is not None
        assert shown.status == status
        assert ("nowhere" in shown) is False
