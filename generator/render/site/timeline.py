"""The collaborative's timeline as the about page shows it: titles derived when absent, dates localized."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from babel.dates import format_interval

from generator.editions.labels import VALUE_LABELS
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
            derived = edition.gettext(VALUE_LABELS[event.kind])
            if event.kind in NUMBERED:
                derived = f"{derived} {seen[event.kind]}"
        rows.append(TimelineRow(event, derived, date_range(edition, event)))
    return rows


def date_range(edition: Edition, event: TimelineEvent) -> str:
    if event.end is None or event.end == event.start:
        return edition.format_date(event.start)
    return str(format_interval(event.start, event.end, "yMMMd", locale=edition.lang))
