"""`changekit build` on the site-mini fixture: MkDocs in strict mode, checked on the built HTML."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner

from generator.build import build_site
from generator.buildstate import state_path
from generator.cli import main
from generator.diagnostics import BuildError, Diagnostics
from generator.editions.view import Edition
from generator.render.downloads import Downloads
from generator.render.site.render import Page, render_site
from generator.source.project import Project

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site-mini"


def make_site_project(destination: Path, site_url: str = "http://127.0.0.1:8000/") -> Project:
    """The fixture's content with the real theme/ and mkdocs.yml (site_url adjusted)."""
    shutil.copytree(FIXTURE, destination, ignore=shutil.ignore_patterns("build", "site"))
    shutil.copytree(ROOT / "theme", destination / "theme")
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (destination / "mkdocs.yml").write_text(
        re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", base), encoding="utf-8"
    )
    return Project(destination)


class Html(HTMLParser):
    """The parts of a built page the checks need: lang, ids, links, and what is loaded from where."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang = ""
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        for name in ("src", "href"):
            if name in a and tag in ("script", "link", "img", "iframe", "source", "image", "use"):
                self.assets.append(a[name])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    project = make_site_project(tmp_path_factory.mktemp("site-build") / "project")
    build_site(project, Diagnostics(), pdf=False)
    return project


def read(project: Project, url_path: str) -> Html:
    path = project.site / url_path.lstrip("/")
    return Html(
        (path / "index.html" if url_path in ("", "es/") or url_path.endswith("/") else path).read_text(encoding="utf-8")
    )


CONTRACT = [
    "",
    "about/",
    "topics/falls/",
    "topics/falls/changes/assess-and-act/",
    "topics/falls/measures/falls-rate/",
    "topics/falls/stories/ward-7/",
    "change-packages/",
    "change-ideas/",
    "change-ideas/setting/hospital/",
    "change-ideas/driver/falls--clear-floors/",
]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_pages_exist_at_contract_urls_with_html_lang(built: Project, lang: str) -> None:
    prefix = "" if lang == "en" else "es/"
    for url in CONTRACT:
        assert read(built, prefix + url).lang == lang, url


def test_idea_anchors_and_links_both_ways(built: Project) -> None:
    concept = read(built, "topics/falls/changes/assess-and-act/")
    assert {"bedside-checklist", "intentional-rounding"} <= concept.ids
    assert "../../measures/falls-rate/" in concept.links  # idea → measure
    measure = read(built, "topics/falls/measures/falls-rate/")
    assert "../../changes/assess-and-act/#intentional-rounding" in measure.links  # measure → idea
    assert "../../stories/ward-7/" in measure.links  # measure → story
    story = read(built, "topics/falls/stories/ward-7/")
    assert "../../changes/assess-and-act/#bedside-checklist" in story.links  # story → idea
    topic = read(built, "topics/falls/")
    assert {"reliable-assessment", "assess-on-admission", "clear-floors"} <= topic.ids  # driver anchors
    assert "changes/assess-and-act/" in topic.links  # from the driver diagram and the concept list
    assert "../../change-packages/falls-2027.pdf" not in topic.links  # built without PDFs: named, not linked
    assert "ck-pdf--absent" in (built.site / "topics/falls/index.html").read_text(encoding="utf-8")


def test_every_internal_link_resolves(built: Project) -> None:
    """Every relative link of every page points at a built page (and its anchor exists)."""
    pages = {p.relative_to(built.site).as_posix(): p for p in built.site.rglob("*.html")}
    checked = 0
    for name, path in pages.items():
        html = Html(path.read_text(encoding="utf-8"))
        base = "http://site/" + name
        for link in html.links:
            url = urlsplit(urljoin(base, link))
            if url.netloc != "site":
                continue
            if url.path.endswith((".zip", ".pdf")):  # the offline edition, the PDFs: files beside the pages
                assert (built.site / url.path.lstrip("/")).is_file(), f"{name}: {link}"
                continue
            target = url.path.lstrip("/") + ("index.html" if url.path.endswith("/") else "")
            assert target in pages, f"{name}: {link}"
            if url.fragment and target != "404.html":
                assert url.fragment in Html(pages[target].read_text(encoding="utf-8")).ids, f"{name}: {link}"
            checked += 1
    assert checked > 500


def test_nothing_is_loaded_from_another_host(built: Project) -> None:
    external = re.compile(r"^(https?:)?//")
    for path in built.site.rglob("*.html"):
        html = Html(path.read_text(encoding="utf-8"))
        assert not [a for a in html.assets if external.match(a) and not a.startswith("http://127.0.0.1:8000/")], path
    for path in built.site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", path.read_text(encoding="utf-8")), path


def test_external_links_are_only_content_resources(built: Project) -> None:
    text = (built.site / "topics/falls/changes/assess-and-act/index.html").read_text(encoding="utf-8")
    hosts = {urlsplit(link).netloc for link in Html(text).links if urlsplit(link).netloc}
    assert hosts <= {"example.org", "127.0.0.1:8000"}
    assert '<div class="ck-resources">' in text


def selector_links(project: Project, url_path: str) -> dict[str, str]:
    """The language selector's links on a page (hreflang → address on the site)."""
    text = (project.site / url_path / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" class="md-select__link">', text)
    return {lang: urljoin("/" + url_path, href) for href, lang in links}


def test_language_selector_links_to_the_same_page(built: Project) -> None:
    """Relative links written by the generator: no sitemap, no site_url needed to stay on the page."""
    expected = {"en": "/topics/falls/measures/falls-rate/", "es": "/es/topics/falls/measures/falls-rate/"}
    assert selector_links(built, "topics/falls/measures/falls-rate/") == expected
    assert selector_links(built, "es/topics/falls/measures/falls-rate/") == expected
    assert selector_links(built, "es/") == {"en": "/", "es": "/es/"}


def test_hreflang_alternates_name_the_same_page_in_each_edition(built: Project) -> None:
    text = (built.site / "es/topics/falls/stories/ward-7/index.html").read_text(encoding="utf-8")
    found = re.findall(r'<link rel="alternate " hreflang="(\w+)" href="([^"]+)">', text)
    here = "/es/topics/falls/stories/ward-7/"  # absolute links when the site has a public address
    alternates = {lang: urlsplit(urljoin(here, href)).path for lang, href in found}
    assert alternates == {"en": "/topics/falls/stories/ward-7/", "es": "/es/topics/falls/stories/ward-7/"}
    assert 'rel="alternate"' not in text  # Material's script would fetch a sitemap.xml beside each one


def test_site_carries_no_source_maps_print_fonts_or_unused_search_languages(built: Project) -> None:
    files = [p.relative_to(built.site).as_posix() for p in built.site.rglob("*") if p.is_file()]
    assert not [f for f in files if f.endswith((".map", ".ttf")) or "/print/" in f or f.startswith("print/")]
    lunr = sorted(f.rsplit("/", 1)[-1] for f in files if "/lunr/" in f)
    assert lunr == ["lunr.es.min.js", "lunr.stemmer.support.min.js", "lunr.stemmer.support.min.js"]
    assert (built.site / "fonts/Inter-Regular.woff2").is_file()


def primary_navigation(built: Project, page: str) -> str:
    text = (built.site / page / "index.html").read_text(encoding="utf-8")
    return text[text.index("md-nav--primary") : text.index("md-sidebar--secondary")]


def test_navigation_carries_the_pages_own_topic_only(built: Project) -> None:
    """Inside a topic the navigation holds that topic (expanded) and the topics overview, not the
    other topics; the overview lists every topic."""
    nav = primary_navigation(built, "topics/falls/measures/falls-rate")
    assert 'href="./" class="md-nav__link md-nav__link--active"' in nav and "../../changes/assess-and-act/" in nav
    assert 'href="../../../"' in nav  # the Topics section opens the overview
    assert "discharge/" not in nav  # the other topic is reached from the overview
    overview = primary_navigation(built, "topics")
    assert 'href="falls/"' in overview and 'href="discharge/"' in overview


def test_driver_facet_navigation_carries_the_pages_own_topic_only(built: Project) -> None:
    drivers = sorted(p.parent.name for p in (built.site / "change-ideas/driver").glob("*/index.html"))
    falls = next(d for d in drivers if d.startswith("falls--"))
    nav = primary_navigation(built, f"change-ideas/driver/{falls}")
    assert "../falls--" in nav and "discharge--" not in nav
    assert 'href="../../"' in nav  # the change ideas overview, which lists every topic's drivers
    ideas = (built.site / "change-ideas/index.html").read_text(encoding="utf-8")
    assert all(f'href="driver/{d}/"' in ideas for d in drivers)


def test_pages_are_written_without_the_themes_indentation(built: Project) -> None:
    """One whitespace character where the theme's templates left a run of them."""
    for page in ("index.html", "topics/falls/index.html", "change-ideas/index.html", "404.html", "es/404.html"):
        text = (built.site / page).read_text(encoding="utf-8")
        outside = re.sub(r"(?s)<(pre|code|script|style|textarea)\b.*?</\1>", "<>", text)
        assert not re.search(r"[ \t\n]{2,}", re.sub(r"<[^>]*>", "<>", outside)), page


def test_search_index_per_language_with_folded_words(built: Project) -> None:
    import json

    for prefix, lang in (("", "en"), ("es/", "es")):
        index = json.loads((built.site / prefix / "search/search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        assert "text_folded" in index["config"]["fields"]
    spanish = json.loads((built.site / "es/search/search_index.json").read_text(encoding="utf-8"))
    checklist = next(d for d in spanish["docs"] if d["location"].endswith("#bedside-checklist"))
    assert "prevención" in checklist["title"] and "prevencion" in checklist["title_folded"]


def test_generated_markdown_is_stable_and_rewritten_only_when_changed(built: Project) -> None:
    docs = built.build / "docs"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*.md")}
    build_site(built, Diagnostics(), languages=["es"], pdf=False)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*.md")}
    assert after == before


def test_broken_internal_link_fails_and_keeps_the_previous_site(
    built: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = built.site / "index.html"
    previous = index.read_bytes()

    def with_broken_link(edition: Edition, languages: list[str], downloads: Downloads | None = None) -> list[Page]:
        pages = render_site(edition, languages, downloads)
        return [*pages, Page("broken.md", "Broken", "# Broken\n\n[nowhere](topics/nowhere.md)\n")]

    monkeypatch.setattr("generator.render.site.render.render_site", with_broken_link)
    state_path(built).unlink()  # the content did not change: the build would otherwise have nothing to do
    with pytest.raises(BuildError, match="nowhere"):
        build_site(built, Diagnostics(), pdf=False)
    assert index.read_bytes() == previous
    assert not (built.build / "site.staging").exists()
    monkeypatch.undo()
    build_site(built, Diagnostics(), pdf=False)  # leave the module fixture as it was


def test_cli_build_and_usage_errors(built: Project) -> None:
    runner = CliRunner()
    state_path(built).unlink()
    result = runner.invoke(main, ["--project", str(built.root), "build", "--no-pdf", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "pages in 1 language (es) into" in result.output  # only the edition asked for
    assert "Kept from the previous site/: en (not rebuilt)." in result.output
    assert "MkDocs" in result.output
    result = runner.invoke(main, ["--project", str(built.root), "build", "--no-pdf", "--lang", "es"])
    assert result.exit_code == 0, result.output
    assert "site/ is up to date: 28 pages in 1 language (es); nothing changed since the last build" in result.output
    result = runner.invoke(main, ["--project", str(built.root), "build", "--no-pdf", "--lang", "de"])
    assert result.exit_code == 2
    assert "unknown language de" in result.output


def test_cli_build_reports_content_errors_without_writing(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    changes = project.topics / "falls" / "changes.yaml"
    changes.write_text(
        changes.read_text(encoding="utf-8").replace("measures: [falls-rate]", "measures: [fals-rate]", 1)
    )
    result = CliRunner().invoke(main, ["--project", str(project.root), "build", "--no-pdf"])
    assert result.exit_code == 1
    assert "did you mean 'falls-rate'" in result.output
    assert not project.site.exists() and not (project.build / "docs").exists()


def test_build_with_pdfs_links_every_edition(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    result = build_site(project, Diagnostics(), pdf=True)
    assert len(result.pdfs) == 2
    for prefix in ("", "es/"):
        page = project.site / prefix / "change-packages" / "index.html"
        for link in Html(page.read_text(encoding="utf-8")).links:
            if link.endswith(".pdf"):
                target = (page.parent / link).resolve()
                assert target.is_file() and target.read_bytes().startswith(b"%PDF"), link


def test_partial_builds_keep_what_they_did_not_rebuild(tmp_path: Path) -> None:
    """`--lang en --no-pdf` after a full build keeps the Spanish edition and every PDF."""
    project = make_site_project(tmp_path / "project")
    build_site(project, Diagnostics(), pdf=True)
    pdfs = sorted(p.relative_to(project.site) for p in project.site.rglob("*.pdf"))
    assert pdfs
    build_site(project, Diagnostics(), languages=["en"], pdf=False)
    assert (project.site / "es" / "index.html").is_file()
    assert sorted(p.relative_to(project.site) for p in project.site.rglob("*.pdf")) == pdfs
