"""The offline edition: each language's zip, unzipped, works from file:// (links, search, language, PDFs).

The browser test opens the unzipped Spanish edition in Debian's Chromium through Playwright (it fails,
rather than skips, without /usr/bin/chromium) and records every request that is not a local file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site
from generator.diagnostics import Diagnostics
from generator.render.site.offline import file_path, file_url
from generator.source.project import Project
from tests.test_site_build import make_site_project

ZIPS = {
    "en": "site/downloads/preventing-falls-in-hospital-offline-en.zip",
    "es": "site/es/downloads/preventing-falls-in-hospital-offline-es.zip",
}
TOP = "preventing-falls-in-hospital-offline"
HREF = re.compile(r'\s(?:href|src)="([^"]*)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_site_project(tmp_path_factory.mktemp("offline") / "project")
    build_site(project, Diagnostics(), pdf=True)
    return project


@pytest.fixture(scope="module")
def unzipped(built: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built.root / ZIPS["es"]) as archive:
        archive.extractall(target)
    return target / TOP


def test_file_urls() -> None:
    assert file_url("../topics/falls/", "es/about", "/") == "../topics/falls/index.html"
    assert file_url("..", "about", "/") == "../index.html"
    assert file_url(".", "", "/") == "./index.html"
    assert file_url("./#top", "", "/") == "./index.html#top"
    assert file_url("changes/x/#idea", "topics/falls", "/") == "changes/x/index.html#idea"
    assert file_url("/es/topics/falls/", "topics/falls", "/") == "../../es/topics/falls/index.html"
    assert file_url("/sub/es/", "", "/sub/") == "es/index.html"
    assert file_url("/elsewhere/", "", "/sub/") == "/elsewhere/"  # not this site's: left alone
    for kept in ("#anchor", "https://example.org/a/", "mailto:a@b.c", "../x.pdf", "../assets/x.css?v=1"):
        assert file_url(kept, "about", "/") == kept
    assert file_path("") == "index.html"


def test_each_language_has_its_zip_with_every_edition_and_pdf(built: Project) -> None:
    for lang, relative in ZIPS.items():
        with zipfile.ZipFile(built.root / relative) as archive:
            names = set(archive.namelist())
            start = archive.read(f"{TOP}/index.html").decode()
        assert f'<html lang="{lang}">' in start
        assert f"url=site/{'es/' if lang == 'es' else ''}index.html" in start
        for page in ("site/index.html", "site/es/index.html", "site/search/search_index.js"):
            assert f"{TOP}/{page}" in names
        assert {f"{TOP}/site/change-packages/falls-2027.pdf", f"{TOP}/site/es/change-packages/falls-2027.pdf"} <= names
        assert not any(name.endswith(".zip") for name in names)


def test_the_packages_page_links_the_zip(built: Project) -> None:
    page = (built.site / "es/change-packages/index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/preventing-falls-in-hospital-offline-es.zip"' in page
    zipped = built.site / "es/downloads/preventing-falls-in-hospital-offline-es.zip"
    size = zipped.stat().st_size
    megabytes = f"{size / 1_000_000:.1f}".replace(".", ",").removesuffix(",0") + " MB"  # Spanish: 1,2 MB
    label = f"{round(size / 1000)} kB" if size < 1_000_000 else megabytes
    assert re.search(rf'class="ck-download"[^>]*>[^<]* · ZIP · Español · {re.escape(label)}</a>', page)


def test_every_internal_link_names_a_file_that_exists(unzipped: Path) -> None:
    broken = []
    for page in (unzipped / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<link rel="alternate" href=' not in text  # Material would fetch their sitemaps
        for url in HREF.findall(text):
            if url.startswith(("#", "http:", "https:", "mailto:", "data:")):
                continue
            path = url.split("#")[0].split("?")[0]
            if not (page.parent / path).is_file():
                broken.append(f"{page.relative_to(unzipped)}: {url}")
    assert broken == []


@pytest.mark.browser
def test_offline_edition_from_file_urls(browser: Any, unzipped: Path) -> None:
    """Open the start page, search for a change idea, follow it to its anchor, switch language."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith("file://") else foreign.append(request.url))
    try:
        page.goto((unzipped / "index.html").as_uri())
        page.wait_for_url(re.compile(r"/site/es/index\.html$"))
        assert page.locator("html").get_attribute("lang") == "es"
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").press_sequentially("prevencion", delay=30)
        result = page.locator("ol.md-search-result__list a[href*='#bedside-checklist']").first
        result.wait_for(timeout=15_000)
        assert "prevención de caídas junto a la cama" in result.inner_text()
        result.click()
        page.wait_for_url(
            re.compile(r"/site/es/topics/falls/changes/assess-and-act/index\.html(\?[^#]*)?#bedside-checklist$")
        )
        assert page.locator("#bedside-checklist").is_visible()
        page.locator(".md-header__option .md-select").hover()
        page.locator("a.md-select__link[hreflang=en]").click()
        page.wait_for_url(re.compile(r"/site/topics/falls/changes/assess-and-act/index\.html$"))
        assert page.locator("html").get_attribute("lang") == "en"
    finally:
        context.close()
    assert errors == []
    assert foreign == []
