"""Built pages without the theme's indentation: one whitespace character per run, rendering unchanged."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_site
from generator.diagnostics import Diagnostics
from generator.render.site.compact import compact_html, keeps_whitespace
from tests.test_site_build import make_site_project


def test_runs_become_one_character_a_line_break_where_there_was_one() -> None:
    html = "<ul>\n    <li>\n      <a href='x'>  Home  </a>\n    </li>\n</ul>\t<p>a \t b</p>"
    assert compact_html(html) == "<ul>\n<li>\n<a href='x'> Home </a>\n</li>\n</ul> <p>a b</p>"


def test_verbatim_elements_comments_and_tags_keep_their_whitespace() -> None:
    kept = [
        '<pre><code><span class="k">if</span>  <span class="n">x</span>:\n    return</code></pre>',
        "<p>run <code>a   b</code> and <kbd>Ctrl  +  C</kbd></p>",
        "<textarea>\n  two  spaces\n</textarea>",
        "<script>var s = 'a   b';\n\n</script>",
        "<style>\n  .x  { color: red }\n</style>",
        "<!-- a   comment\n\n -->",
        '<a title="line one\n   line two" href="#">x</a>',
        "<img alt='a > b   c' src=\"x.png\">",
    ]
    for html in kept:
        assert compact_html(html) == html


def test_no_break_spaces_and_other_unicode_spaces_are_text() -> None:
    html = "<p>a\u00a0\u00a0b\u2003\u2003c  d</p>"
    assert compact_html(html) == "<p>a\u00a0\u00a0b\u2003\u2003c d</p>"


def test_a_page_asking_for_preserved_whitespace_is_left_whole() -> None:
    for html in (
        '<div style="white-space: pre">a    b</div>\n\n<p>c   d</p>',
        '<svg xml:space="preserve"><text>a    b</text></svg>\n\n',
        "<style>.poem { WHITE-SPACE: pre-line }</style>\n\n<p class=poem>a\n  b</p>",
    ):
        assert compact_html(html) == html


def test_a_stylesheet_with_significant_whitespace_turns_compacting_off(tmp_path: Path) -> None:
    plain, poem = tmp_path / "plain.css", tmp_path / "poem.css"
    plain.write_text(".a { white-space: nowrap }", encoding="utf-8")
    poem.write_text(".poem{white-space:pre-wrap}", encoding="utf-8")
    assert not keeps_whitespace([plain, tmp_path / "missing.css"])
    assert keeps_whitespace([plain, poem])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


#: Pages with navigation, a driver diagram (SVG), charts, tables and lists.
PAGES = ("", "topics/falls/", "topics/falls/measures/falls-rate/", "change-ideas/", "change-packages/")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The fixture built as the theme writes it (an extra stylesheet with `white-space: pre` turns
    compacting off), each page's compacted copy beside it as `compact.html`, served."""
    project = make_site_project(tmp_path_factory.mktemp("compact") / "project")
    (project.theme / "assets/stylesheets/poem.css").write_text(".poem { white-space: pre }\n", encoding="utf-8")
    with project.mkdocs_yml.open("a", encoding="utf-8") as config:
        config.write("\nextra_css: [assets/stylesheets/poem.css]\n")
    build_site(project, Diagnostics(), languages=["en"], pdf=False)
    for page in PAGES:
        original = (project.site / page / "index.html").read_text(encoding="utf-8")
        (project.site / page / "compact.html").write_text(compact_html(original), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(project.site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", project.site
    server.shutdown()
    thread.join()


#: Where the browser laid out every element and every line of text (a text's whitespace runs read
#: as one space, whitespace-only text left out: that is what compacting changes), and how each
#: element and its ::before/::after are styled.
LAYOUT = """() => {
    const box = (r) => [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 100) / 100);
    const looks = ["color", "background-color", "font-family", "font-size", "font-weight", "font-style",
        "text-decoration-line", "border-top-color", "border-top-width", "border-left-width", "box-shadow",
        "opacity", "visibility", "fill", "stroke", "mask-image", "transform", "cursor", "content"];
    const style = (node, pseudo) => {
        const computed = getComputedStyle(node, pseudo);
        return looks.map((name) => computed.getPropertyValue(name)).join("|");
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === Node.ELEMENT_NODE) {
            const display = getComputedStyle(node).display;
            out.push([node.tagName, display, box(node.getBoundingClientRect()),
                style(node, null), style(node, "::before"), style(node, "::after")]);
        } else if (node.textContent.trim()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            out.push([node.textContent.replace(/[ \\t\\n\\r\\f]+/g, " "), Array.from(range.getClientRects(), box)]);
        }
    }
    return JSON.stringify(out);
}"""


def rendering(browser: Any, url: str, width: int, action: str = "") -> tuple[str, str]:
    """A page's visible text and layout at one viewport width, once it has settled: fonts loaded,
    the layout the same twice. ``action`` first opens the phone's menu (`drawer`) or searches for
    a word (`search:word`, results shown).

    Layout, not screenshots: Chromium's rasterization differs between two loads of the same page
    by a few anti-aliased pixels here, while the layout is exact."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    if action == "drawer":
        page.click('.md-header label[for="__drawer"]')
    elif action.startswith("search:"):
        page.keyboard.press("/")
        page.keyboard.type(action.removeprefix("search:"))
        page.wait_for_selector(".md-search-result__item")
    layouts = [str(page.evaluate(LAYOUT))]
    while len(layouts) < 10 and not (len(layouts) >= 2 and layouts[-1] == layouts[-2]):
        page.wait_for_timeout(250)
        layouts.append(str(page.evaluate(LAYOUT)))
    text = str(page.evaluate("document.body.innerText"))
    context.close()
    assert layouts[-1] == layouts[-2], f"{url} did not settle"
    return text, layouts[-1]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])  # a phone (navigation in the drawer) and a desktop
def test_compacted_pages_render_exactly_as_the_theme_wrote_them(
    browser: Any, served: tuple[str, Path], width: int
) -> None:
    base, site = served
    for page in PAGES:
        original = (site / page / "index.html").read_text(encoding="utf-8")
        assert re.search(r"\n {4,}<", original), "the theme's indentation is there to remove"
        assert len(compact_html(original)) < len(original)
        assert rendering(browser, base + page + "compact.html", width) == rendering(browser, base + page, width), page
