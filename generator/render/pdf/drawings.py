"""The site's drawings (driver diagram, run charts, assessment chart) as print markup."""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from generator.charts.reading import ReadingText
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


def reading_words(entry: TopicEntry, result: Result, edition: Edition) -> ReadingText:
    return views.reading_words(entry, result, edition)


def rule_set_verdicts(entry: TopicEntry, result: Result, edition: Edition) -> dict[str, str]:
    return views.rule_set_verdicts(entry, result, edition)
