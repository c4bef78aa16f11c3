"""The site's drawings (driver diagram, run charts, assessment chart) as print markup."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from generator.editions.view import Edition
from generator.knowledge.kb import TopicEntry
from generator.model import Result, TeamStory
from generator.render import drawings as views


def driver_diagram(entry: TopicEntry, edition: Edition, href: Callable[[str], str | None], element_id: str) -> Markup:
    return Markup(views.driver_diagram_svg(entry, edition, href, element_id))


def run_chart(entry: TopicEntry, story: TeamStory, result: Result, edition: Edition, element_id: str) -> Markup:
    return Markup(views.run_chart_svg(entry, story, result, edition, element_id))


def assessment_chart(story: TeamStory, edition: Edition, element_id: str) -> Markup:
    return Markup(views.assessment_svg(story, edition, element_id))


def signal_sentences(entry: TopicEntry, story: TeamStory, result: Result, edition: Edition) -> list[str]:
    return views.signal_sentences(entry, story, result, edition)
