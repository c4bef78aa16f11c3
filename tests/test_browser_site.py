"""The built site in headless Chromium, as a reader uses it: search, links, language switch.

Runs Debian's /usr/bin/chromium through Playwright (never a downloaded browser). It fails,
rather than skips, when Chromium is missing: CI installs it with apt.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import build_site
from generator.diagnostics import Diagnostics
from tests.test_site_build import make_site_project

pytestmark = pytest.mark.browser


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture built with site_url = where it is served (stay-on-page needs that) and served."""
    root = tmp_path_factory.mktemp("browser") / "project"
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root / "site"))
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    project = make_site_project(root, site_url=url)
    build_site(project, Diagnostics(), pdf=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    thread.join()


@pytest.fixture
def reader(browser: Any, base_url: str) -> Iterator[tuple[Any, list[str], list[str]]]:
    """A page with its console errors and its requests to any other host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith(base_url) else foreign.append(request.url))
    yield page, errors, foreign
    context.close()


def search(page: Any, term: str) -> Any:
    """Type a query as a reader does (Material listens to key events) and return the results list."""
    page.locator("label.md-header__button[for=__search]").first.click() if not page.locator(
        "input.md-search__input"
    ).is_visible() else page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(term, delay=30)
    results = page.locator("ol.md-search-result__list")
    results.locator("li.md-search-result__item").first.wait_for(timeout=10_000)
    return results


def title(page: Any) -> str:
    """The page's heading without its permalink sign."""
    return str(page.locator("article h1").first.inner_text()).removesuffix("¶").strip()


def test_search_finds_an_idea_by_its_title(reader: tuple[Any, list[str], list[str]], base_url: str) -> None:
    page, errors, foreign = reader
    page.goto(base_url)
    results = search(page, "hourly")
    first = results.locator("li.md-search-result__item").first
    assert "Round hourly on high-risk patients" in first.inner_text()  # title matches rank first
    link = first.locator("a[href*='#intentional-rounding']")
    assert "Round hourly on high-risk patients" in link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/topics/falls/changes/assess-and-act/.*#intentional-rounding$"))
    assert errors == [] and foreign == []


def test_idea_to_measure_and_back(reader: tuple[Any, list[str], list[str]], base_url: str) -> None:
    page, errors, foreign = reader
    page.goto(base_url + "topics/falls/changes/assess-and-act/#intentional-rounding")
    idea = page.locator("#intentional-rounding")
    assert idea.inner_text().removesuffix("¶").strip() == "Round hourly on high-risk patients"
    # the idea's own measure link: the first measure link after the idea's heading
    page.locator("#intentional-rounding ~ ul a[href='../../measures/falls-rate/']").first.click()
    page.wait_for_url(base_url + "topics/falls/measures/falls-rate/")
    assert title(page) == "Falls per 1,000 patient-days"
    page.locator("a[href='../../changes/assess-and-act/#intentional-rounding']").first.click()
    page.wait_for_url(base_url + "topics/falls/changes/assess-and-act/#intentional-rounding")
    assert page.locator("#intentional-rounding").is_visible()
    assert errors == [] and foreign == []


def test_language_switch_stays_on_the_measure(reader: tuple[Any, list[str], list[str]], base_url: str) -> None:
    page, errors, foreign = reader
    page.goto(base_url + "topics/falls/measures/falls-rate/")
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=es]").click()
    page.wait_for_url(base_url + "es/topics/falls/measures/falls-rate/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert title(page) == "Caídas por 1000 días-paciente"
    assert errors == [] and foreign == []


def test_spanish_search_without_accents_finds_accented_words(
    reader: tuple[Any, list[str], list[str]], base_url: str
) -> None:
    page, errors, foreign = reader
    page.goto(base_url + "es/")
    results = search(page, "prevencion")
    text = results.inner_text()
    assert "prevención de caídas junto a la cama" in text  # shown with its accents
    assert "prevencion" not in text.replace("prevención", "")  # the folded words stay out of sight
    assert results.locator("a[href*='#bedside-checklist']").count() >= 1
    assert errors == [] and foreign == []


def test_pages_fetch_no_sitemap_and_switch_language_without_one(
    reader: tuple[Any, list[str], list[str]], base_url: str
) -> None:
    """The selector's links come from the generator: no sitemap.xml is requested, by any page."""
    page, errors, foreign = reader
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "es/topics/falls/stories/ward-7/")
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(base_url + "topics/falls/stories/ward-7/")
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if "sitemap" in url] == []
    assert [url for url in requested if url.endswith(".map")] == []
    assert errors == [] and foreign == []


def test_the_search_index_is_fetched_when_the_reader_first_searches(
    reader: tuple[Any, list[str], list[str]], base_url: str
) -> None:
    """Material starts its search worker and requests the index with every page; search-on-demand.js
    holds both until first use."""
    page, errors, foreign = reader
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "topics/falls/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requested if "search_index" in url or "/workers/search." in url]
    results = search(page, "hourly")  # opening the search releases it; the results come from it
    assert [url for url in requested if url.endswith("search/search_index.json")] == [
        base_url + "search/search_index.json"
    ]
    assert results.locator("li.md-search-result__item").count() >= 1
    assert len([url for url in requested if "/workers/search." in url]) == 1
    page.goto(base_url + "es/topics/falls/")  # a keyboard shortcut opens the search too
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    spanish_index = base_url + "es/search/search_index.json"
    assert spanish_index not in requested
    # The request is reported asynchronously: wait for it rather than look once after the key press.
    with page.expect_request(spanish_index, timeout=10_000):
        page.keyboard.press("s")
    assert errors == [] and foreign == []


def test_small_multiples_fit_a_phone(browser: Any, base_url: str) -> None:
    """At 390 px a team's panel fills the column, nothing is clipped and its text stays at 11 px or more."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "topics/falls/measures/falls-rate/")
    found = page.evaluate(
        """() => [...document.querySelectorAll('svg.ck-small-multiple')].map(svg => {
            const box = svg.getBoundingClientRect();
            const scale = box.width / svg.viewBox.baseVal.width;
            const texts = [...svg.querySelectorAll('text')];
            return {
                left: box.left, right: box.right, width: box.width,
                smallest: Math.min(...texts.map(t => parseFloat(t.getAttribute('font-size')) * scale)),
                clipped: texts.filter(t => { const r = t.getBoundingClientRect();
                    return r.left < box.left - 0.5 || r.right > box.right + 0.5; }).length,
            };
        })"""
    )
    context.close()
    assert len(found) == 1
    panel = found[0]
    assert panel["left"] >= 0 and panel["right"] <= 390 and panel["width"] > 300
    assert panel["smallest"] >= 11
    assert panel["clipped"] == 0
