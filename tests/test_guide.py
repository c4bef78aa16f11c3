"""The guide in docs/: the generated field reference is current, its links resolve, it stays in the repo."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import BaseModel

import generator.model
from generator.authoring.guide import guide_page, guide_pages
from generator.authoring.reference import FILE_KINDS, describe_type, docstring, render_reference
from generator.cli import main
from generator.diagnostics import UsageError
from generator.model.docs import field_docs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LINK = re.compile(r"\]\(([^)\s]+)\)")
PAGES = {
    "index",
    "getting-started",
    "authoring",
    "fields",
    "translating",
    "publishing",
    "customizing",
    "command-line",
    "reading-run-charts",
}


def test_field_reference_is_up_to_date() -> None:
    """docs/fields.md is generated from the models' docstrings; regenerate it after changing a model."""
    expected = render_reference()
    assert (DOCS / "fields.md").read_text(encoding="utf-8") == expected, "run `python -m generator.authoring.reference`"


def documented_models() -> list[type[BaseModel]]:
    return [m for _, _, model, nested in FILE_KINDS for m in (model, *nested)]


def test_every_authoring_model_is_in_the_reference() -> None:
    exported = {getattr(generator.model, name) for name in generator.model.__all__}
    assert exported == set(documented_models())


@pytest.mark.parametrize("model", documented_models(), ids=lambda m: m.__name__)
def test_every_field_has_a_docstring_and_a_row(model: type[BaseModel]) -> None:
    reference = render_reference()
    section = reference.split(f"\n{docstring(model)}\n", 1)[1]
    docs = field_docs(model)
    for name in model.model_fields:
        assert docs.get(name), f"{model.__name__}.{name} has no docstring: the reference would say nothing"
        assert f"| `{name}` |" in section
        assert " ".join(docs[name].split()).replace("|", "\\|") in reference


def test_types_are_named_as_the_guide_explains_them() -> None:
    from generator.model import Measure, Result, TeamStory

    hints = typing.get_type_hints(Result, include_extras=True)
    assert describe_type(hints["series"]) == "mapping [period](authoring.md#periods) → number"
    assert describe_type(typing.get_type_hints(Measure, include_extras=True)["unit"]).startswith("one of `percent`")
    story = typing.get_type_hints(TeamStory, include_extras=True)
    assert describe_type(story["changes_tested"]).startswith("list of [reference](authoring.md#references)")
    rows = render_reference()
    assert "| `frequency` | one of `weekly`, `monthly`, `quarterly` | optional, default `monthly` |" in rows
    assert "| `score` | number (≥ 1.0, ≤ 5.0, in steps of 0.5) | required |" in rows
    assert "| `narrative` | Markdown, translated | required |" in rows


def test_the_guide_has_its_pages() -> None:
    assert {p.stem for p in DOCS.glob("*.md")} >= PAGES
    assert set(guide_pages()) >= PAGES
    assert next(iter(guide_pages())) == "index"
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in PAGES - {"index"}:
        assert f"({page}.md)" in index, f"docs/index.md does not list {page}.md"


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: p.name)
def test_links_resolve_inside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "../shared" not in text and "DESIGN.md" not in text and "design brief" not in text
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:", "#", "ref:")):
            continue
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve()
        assert resolved.is_file(), f"{path.name}: broken link to {target}"
        assert resolved.is_relative_to(ROOT), f"{path.name}: {target} points outside the repository"
        if anchor and resolved.suffix == ".md":
            headings = {slug(h) for h in re.findall(r"^#+ (.+)$", resolved.read_text(encoding="utf-8"), re.M)}
            assert anchor in headings, f"{path.name}: no heading #{anchor} in {file}"


def slug(heading: str) -> str:
    """GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_nothing_users_see_points_outside_the_repository() -> None:
    shipped = [*(ROOT / "generator").rglob("*.yaml"), *(ROOT / "generator").rglob("*.html"), ROOT / "mkdocs.yml"]
    shipped += list((ROOT / "generator").rglob("*.py"))
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        assert "design brief" not in text and "DESIGN.md" not in text and "../shared" not in text, path


def test_guide_command_lists_and_prints_pages() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["guide"])
    assert listing.exit_code == 0
    assert "fields" in listing.output and "Field reference" in listing.output
    page = runner.invoke(main, ["guide", "fields"])
    assert page.exit_code == 0 and page.output == (DOCS / "fields.md").read_text(encoding="utf-8")
    unknown = runner.invoke(main, ["guide", "nope"])
    assert unknown.exit_code == 2 and "its pages are: index," in unknown.output
    with pytest.raises(UsageError):
        guide_page("../README")
