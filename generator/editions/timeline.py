"""The collaborative's timeline as the about page shows it: titles derived when absent, dates localized."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from generator.editions.view import Edition
from generator.model import TimelineEvent

NUMBERED = ("learning-session", "action-period")


@dataclass(frozen=True)
class TimelineRow:
    """One phase: its event, a title (authored or derived) and its dates in words."""

    event: TimelineEvent
    derived_title: str | None  # None when the event has its own (translatable) title
    dates: str


def timeline_rows(edition: Edition) -> list[TimelineRow]:
    """`Learning Session 2` for the second learning session without a title, and so on."""
    seen: Counter[str] = Counter()
    rows = []
    for event in edition.kb.collaborative.timeline:
        seen[event.kind] += 1
        derived = None
        if event.title is None:
            derived = edition.labels.enum(event.kind)
            if event.kind in NUMBERED:
                derived = f"{derived} {seen[event.kind]}"
        rows.append(TimelineRow(event, derived, edition.labels.date_range(event.start, event.end)))
    return rows
