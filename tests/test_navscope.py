"""Navigation scoped to where the reader is: of the groups made one per topic, a page keeps its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.structure.nav import Navigation, Section

from generator.knowledge.urls import page_topic
from generator.render.site.navscope import ScopedNavigation


@dataclass(eq=False)
class File:
    src_uri: str


class Page:
    """What the scoping reads of an MkDocs page: its file, and whether it is the current one."""

    def __init__(self, src_uri: str) -> None:
        self.file = File(src_uri)
        self.active = False
        self.parent: Any = None
        self.title = src_uri
        self.is_homepage = src_uri == "index.md"


def section(title: str, children: list[Any]) -> Section:
    made = Section(title, children)
    for child in children:
        child.parent = made
    return made


def site() -> tuple[Navigation, dict[str, Any]]:
    pages = {
        uri: Page(uri)
        for uri in (
            "index.md",
            "topics/index.md",
            "topics/falls/index.md",
            "topics/falls/changes/rounding.md",
            "topics/discharge/index.md",
            "topics/discharge/changes/early.md",
            "change-ideas/index.md",
            "change-ideas/setting/hospital.md",
            "change-ideas/driver/falls--safe-ward.md",
            "change-ideas/driver/discharge--planned.md",
        )
    }
    topics = section(
        "Topics",
        [
            pages["topics/index.md"],
            section("Falls", [pages["topics/falls/index.md"], pages["topics/falls/changes/rounding.md"]]),
            section("Discharge", [pages["topics/discharge/index.md"], pages["topics/discharge/changes/early.md"]]),
        ],
    )
    drivers = section(
        "By driver",
        [
            section("Falls", [pages["change-ideas/driver/falls--safe-ward.md"]]),
            section("Discharge", [pages["change-ideas/driver/discharge--planned.md"]]),
        ],
    )
    ideas = section(
        "Change ideas",
        [pages["change-ideas/index.md"], section("By setting", [pages["change-ideas/setting/hospital.md"]]), drivers],
    )
    return Navigation([pages["index.md"], topics, ideas], list(pages.values())), pages


def visit(page: Any) -> None:
    """Mark a page current as MkDocs does (the page and its sections active)."""
    page.active = True
    parent = page.parent
    if parent is not None:
        parent.active = True


def titles(items: list[Any]) -> list[Any]:
    return [[item.title, titles(item.children)] if isinstance(item, Section) else item.title for item in items]


def test_a_topics_page_keeps_its_own_topic_and_the_overview() -> None:
    nav, pages = site()
    scoped = ScopedNavigation(nav)
    visit(pages["topics/falls/changes/rounding.md"])
    topics = titles(scoped.for_page(pages["topics/falls/changes/rounding.md"]).items)[1]
    assert topics == [
        "Topics",
        ["topics/index.md", ["Falls", ["topics/falls/index.md", "topics/falls/changes/rounding.md"]]],
    ]


def test_the_overview_keeps_every_topic() -> None:
    nav, pages = site()
    scoped = ScopedNavigation(nav)
    visit(pages["topics/index.md"])
    topics = titles(scoped.for_page(pages["topics/index.md"]).items)[1]
    assert [group[0] for group in topics[1][1:]] == ["Falls", "Discharge"]


def test_a_driver_page_keeps_its_topics_drivers_and_other_facets_stay_whole() -> None:
    nav, pages = site()
    scoped = ScopedNavigation(nav)
    page = pages["change-ideas/driver/discharge--planned.md"]
    visit(page)
    ideas = titles(scoped.for_page(page).items)[2]
    assert ideas == [
        "Change ideas",
        [
            "change-ideas/index.md",
            ["By setting", ["change-ideas/setting/hospital.md"]],
            ["By driver", [["Discharge", ["change-ideas/driver/discharge--planned.md"]]]],
        ],
    ]


def test_a_section_seen_from_outside_keeps_its_first_group_for_its_link() -> None:
    nav, pages = site()
    scoped = ScopedNavigation(nav)
    visit(pages["index.md"])
    items = titles(scoped.for_page(pages["index.md"]).items)
    assert items[1] == ["Topics", ["topics/index.md"]]
    assert items[2][1][2] == ["By driver", [["Falls", ["change-ideas/driver/falls--safe-ward.md"]]]]
    assert titles(nav.items)[1][1][2][0] == "Discharge"  # the build's own navigation is left whole


def test_page_topic_reads_topic_pages_and_driver_facet_pages() -> None:
    assert page_topic("topics/falls/index.md") == "falls"
    assert page_topic("topics/falls/measures/rate.md") == "falls"
    assert page_topic("change-ideas/driver/falls-2--safe-ward.md") == "falls-2"
    assert page_topic("topics/index.md") is None
    assert page_topic("change-ideas/setting/hospital.md") is None
    assert page_topic("about.md") is None
