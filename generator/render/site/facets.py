"""Facets: change ideas grouped by setting, evidence level, concept group and driver."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from generator.knowledge.kb import KnowledgeBase, TopicEntry
from generator.model import ChangeConcept, ChangeIdea

#: The facets readers can browse change ideas by, in the order the index page shows them.
FACETS = ("setting", "evidence", "group", "driver")


@dataclass(frozen=True)
class IdeaRef:
    """A change idea with the topic and concept it belongs to."""

    entry: TopicEntry
    concept: ChangeConcept
    idea: ChangeIdea

    @property
    def key(self) -> str:
        return f"{self.entry.id}/{self.idea.id}"


Facets = dict[str, dict[str, list[IdeaRef]]]  # facet → value → ideas (in knowledge-base order)


def collect_facets(kb: KnowledgeBase) -> Facets:
    """Every facet value that at least one idea has, with its ideas; values sorted, ideas in order."""
    found: dict[str, dict[str, list[IdeaRef]]] = {facet: defaultdict(list) for facet in FACETS}
    for entry in kb.topics:
        for concept, idea in entry.ideas():
            ref = IdeaRef(entry, concept, idea)
            for setting in idea.settings:
                found["setting"][setting].append(ref)
            if idea.evidence:
                found["evidence"][idea.evidence].append(ref)
            if concept.group:
                found["group"][concept.group].append(ref)
            for driver in drivers_of(entry, concept):
                found["driver"][f"{entry.id}/{driver}"].append(ref)
    return {
        facet: {value: found[facet][value] for value in sorted(found[facet], key=order_key(kb, facet))}
        for facet in FACETS
    }


def drivers_of(entry: TopicEntry, concept: ChangeConcept) -> list[str]:
    """The drivers a concept acts on, and the primary drivers above its secondary drivers."""
    drivers: list[str] = []
    for driver_id in concept.drivers:
        secondary = entry.secondary(driver_id)
        for found in [driver_id, *(secondary.primary if secondary else [])]:
            if found not in drivers:
                drivers.append(found)
    return drivers


def order_key(kb: KnowledgeBase, facet: str) -> Callable[[str], tuple[int, str]]:
    """Drivers in diagram order; other facet values alphabetically by slug."""
    positions: dict[str, int] = {}
    if facet == "driver":
        for entry in kb.topics:
            drivers = [d.id for d in entry.topic.primary_drivers] + [d.id for d in entry.topic.secondary_drivers]
            for driver_id in drivers:
                positions[f"{entry.id}/{driver_id}"] = len(positions)
    return lambda value: (positions.get(value, 0), value)
