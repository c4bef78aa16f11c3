"""Run charts in headless Chromium at a phone's width: fitted to the column, text at least 11 px, nothing clipped.

Builds the sample project (Spanish edition: the longest labels) and measures, in the browser, every
visible run chart of a story page: its box against its column and the viewport, the on-screen size
of every text (font size × the drawing's scale), text boxes against the drawing and each other, and
the folded data table. Fails (never skips) without Debian's /usr/bin/chromium.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site
from generator.diagnostics import Diagnostics
from generator.source.project import Project
from tests.test_browser_site import QuietHandler

ROOT = Path(__file__).resolve().parents[1]
STORY = "es/topics/emergency-flow/stories/hospital-manzanares-madrid/"
PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 11

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const boxOf = (r) => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
  const meets = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  return [...document.querySelectorAll('svg.ck-runchart')]
    .filter((svg) => getComputedStyle(svg).display !== 'none')
    .map((svg) => {
      const box = svg.getBoundingClientRect();
      const scale = svg.getScreenCTM().a;
      const texts = [...svg.querySelectorAll('text')].map((t) => ({text: t.textContent,
        px: parseFloat(t.getAttribute('font-size')) * scale, ...boxOf(t.getBoundingClientRect())}));
      const points = [...svg.querySelectorAll('circle.ck-point')].map((c) => boxOf(c.getBoundingClientRect()));
      const overlaps = [];
      texts.forEach((a, i) => {
        texts.slice(i + 1).forEach((b) => { if (meets(a, b)) overlaps.push([a.text, b.text]); });
        points.forEach((p) => { if (meets(a, p)) overlaps.push([a.text, 'a point']); });
      });
      const clipped = texts.filter((t) => t.left < box.left - 0.5 || t.right > box.right + 0.5
        || t.top < box.top - 0.5 || t.bottom > box.bottom + 0.5).map((t) => t.text);
      return {id: svg.id, box: boxOf(box), column: boxOf(svg.parentElement.getBoundingClientRect()),
        smallest: Math.min(...texts.map((t) => t.px)), overlaps, clipped};
    });
}"""


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("charts") / "project"
    for name in ("content", "changepackages", "theme"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    build_site(Project(root), Diagnostics(), languages=["en", "es"], pdf=False)
    handler = functools.partial(QuietHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


def measure(browser: Any, url: str, viewport: dict[str, int]) -> tuple[list[dict[str, Any]], int, Any]:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    charts = page.evaluate(MEASURE)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    return charts, scroll_width, context


def test_on_a_390_px_phone_a_run_chart_fits_its_column_with_text_of_11_px_or_more(
    browser: Any, sample_url: str
) -> None:
    charts, scroll_width, context = measure(browser, sample_url + STORY, PHONE)
    context.close()
    assert [chart["id"] for chart in charts] == ["ck-run-chart-1-narrow", "ck-run-chart-2-narrow"]
    assert scroll_width <= PHONE["width"]  # nothing makes the page scroll sideways
    for chart in charts:
        box, column = chart["box"], chart["column"]
        assert column["left"] - 0.5 <= box["left"] and box["right"] <= column["right"] + 0.5, chart["id"]
        assert box["left"] >= 0 and box["right"] <= PHONE["width"], chart["id"]
        assert chart["smallest"] >= MIN_TEXT_PX, (chart["id"], chart["smallest"])
        assert chart["clipped"] == [], chart["id"]
        assert chart["overlaps"] == [], chart["id"]


def test_on_a_desktop_the_wide_chart_is_shown_with_text_of_11_px_or_more(browser: Any, sample_url: str) -> None:
    charts, scroll_width, context = measure(browser, sample_url + STORY, {"width": 1280, "height": 900})
    context.close()
    assert scroll_width <= 1280
    assert [chart["id"] for chart in charts] == ["ck-run-chart-1", "ck-run-chart-2"]
    for chart in charts:
        assert chart["smallest"] >= MIN_TEXT_PX and chart["clipped"] == [] and chart["overlaps"] == []


def test_the_data_are_a_folded_table_in_the_readers_language(browser: Any, sample_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(sample_url + STORY)
    table = page.locator("details", has_text="Los datos").first
    assert table.get_attribute("open") is None  # folded
    table.locator("summary").click()
    rows = table.locator("tbody tr")
    assert rows.count() == 18  # one row per point of the series
    assert rows.first.inner_text().split("\t")[:2] == ["jun 2025", "52"]
    assert "Primeras pruebas del circuito rápido" in table.inner_text()  # the annotation, numbered, in Spanish
    assert table.locator("thead").inner_text().split("\t")[:2] == ["Periodo", "Minutos"]
    context.close()
