"""An edition's stylesheets cut to the rules its pages can use: nothing a page shows changes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import material
import pytest

from generator.render.site.styles import Vocabulary, slim_stylesheet
from tests.test_compact import rendering, served  # noqa: F401  (served: the built fixture, served)

ROOT = Path(__file__).resolve().parent.parent


def vocabulary(html: str, script: str = "") -> Vocabulary:
    words = Vocabulary()
    words.add_page(html)
    words.add_script(script)
    return words


def test_rules_for_classes_no_page_or_script_has_are_left_out() -> None:
    css = ".used{color:red}.unused{color:blue}.used .unused{margin:0}.unused,.used b{padding:0}"
    assert slim_stylesheet(css, vocabulary('<p class="used">').has) == ".used{color:red}.unused,.used b{padding:0}"


def test_classes_in_scripts_and_script_prefixes_count() -> None:
    css = ".md-tag--blue{color:blue}.added{color:red}.other{x:y}"
    words = vocabulary("<p>", 'e.classList.add("added");x=`md-tag--${name}`')
    assert slim_stylesheet(css, words.has) == ".md-tag--blue{color:blue}.added{color:red}"


def test_negations_attributes_and_escapes_never_count_against_a_rule() -> None:
    css = (
        "a:not(.gone){color:red}:is(.gone,.here) p{margin:0}[data-scheme=slate] .here{x:y}"
        "[data-scheme=sepia] .here{x:z}[class*=gone]{a:b}.sm\\:gone{c:d}"
    )
    words = vocabulary('<div class="here" data-scheme="slate">')
    assert slim_stylesheet(css, words.has) == (
        "a:not(.gone){color:red}:is(.gone,.here) p{margin:0}[data-scheme=slate] .here{x:y}[class*=gone]{a:b}"
        ".sm\\:gone{c:d}"
    )


def test_media_blocks_keep_their_used_rules_and_go_when_empty() -> None:
    css = "@media (min-width: 60em) { .a { x: y } .b { x: z } }\n@media print { .b { x: y } }\n"
    css += "@font-face { src: url(a.woff2) }"
    assert slim_stylesheet(css, vocabulary('<i class="a">').has) == (
        "@media (min-width: 60em){.a{x: y}}@font-face{src: url(a.woff2)}"
    )


def test_written_without_comments_or_indentation_keeping_what_separates_tokens() -> None:
    css = "/* note */\n.a  .b > .c ,\n.d :hover {\n  margin : 0  auto ;\n"
    css += '  width: calc(100% - 2px);\n  content: "→  x";\n}\n'
    assert (
        slim_stylesheet(css, lambda name: True)
        == '.a .b > .c,.d :hover{margin : 0 auto;width: calc(100% - 2px);content: "→  x"}'
    )


def test_the_built_stylesheets_are_the_slim_ones(served: tuple[str, Path]) -> None:  # noqa: F811
    _, site = served
    builtin = (ROOT / "theme/assets/stylesheets/changekit.css").read_text(encoding="utf-8")
    built = (site / "assets/stylesheets/changekit.css").read_text(encoding="utf-8")
    assert len(built) < 0.8 * len(builtin) and "/*" not in built
    material_css = next((site / "assets/stylesheets").glob("main.*.min.css"))
    shipped = Path(material.__file__).parent / "templates/assets/stylesheets" / material_css.name
    assert material_css.stat().st_size < 0.8 * shipped.stat().st_size


#: Pages, and what a reader does on them before the comparison.
VIEWS = [("", ""), ("topics/falls/", ""), ("topics/falls/", "drawer"), ("change-ideas/", "search:falls")]


@pytest.fixture(scope="module")
def full_styles(served: tuple[str, Path]) -> list[str]:  # noqa: F811
    """Each compared page again beside it as `full-styles.html`, with Material's and Changekit's
    stylesheets as shipped (copied into the site under other names)."""
    _, site = served
    shipped = Path(material.__file__).parent / "templates/assets/stylesheets"
    folder = site / "assets/stylesheets"
    names = {}
    for built in folder.glob("*.min.css"):  # Material's
        shutil.copyfile(shipped / built.name, folder / f"full-{built.name}")
        names[built.name] = f"full-{built.name}"
    shutil.copyfile(ROOT / "theme/assets/stylesheets/changekit.css", folder / "full-changekit.css")
    names["changekit.css"] = "full-changekit.css"
    pages = sorted({page for page, _ in VIEWS})
    for page in pages:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        for name, full in names.items():
            html = re.sub(rf'(href="[./]*assets/stylesheets/){re.escape(name)}"', rf'\g<1>{full}"', html)
        assert html.count("full-") == len(names)
        (site / page / "full-styles.html").write_text(html, encoding="utf-8")
    return pages


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_pages_look_the_same_with_the_slim_stylesheets(
    browser: Any,
    served: tuple[str, Path],  # noqa: F811
    full_styles: list[str],
    width: int,
) -> None:
    base, _ = served
    for page, action in VIEWS:
        if action == "drawer" and width > 1000:
            continue  # the menu is a drawer on a phone only
        slim = rendering(browser, base + page, width, action)
        full = rendering(browser, base + page + "full-styles.html", width, action)
        assert slim == full, (page, action)
