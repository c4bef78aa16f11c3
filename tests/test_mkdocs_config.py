"""mkdocs.yml read safely (issue 14, defects 13 and 17): `validate` reports its problems located,
an alias bomb is refused before it expands, and `site_url: !ENV` reaches the site and the PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import build_site
from generator.cli import main
from generator.diagnostics import ContentError, Diagnostics
from generator.source.address import public_address
from generator.source.mkdocs_config import check_mkdocs_yml, load_base_config
from generator.source.project import Project
from tests.conftest import FIXTURES, copy_project
from tests.test_site_build import make_site_project

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)


def project_with(tmp_path: Path, mkdocs_yml: str) -> Project:
    project = copy_project(FIXTURES / "minimal", tmp_path / "p")
    project.mkdocs_yml.write_text(mkdocs_yml, encoding="utf-8")
    return project


def test_validate_refuses_an_alias_bomb_in_mkdocs_yml_at_once(tmp_path: Path) -> None:
    project = project_with(tmp_path, "site_name: x\n" + BOMB)
    result = CliRunner().invoke(main, ["--project", str(project.root), "validate"])  # expanded, it never ends
    assert result.exit_code == 1
    assert "mkdocs.yml:" in result.output and "expand to more than 100,000 values" in result.output
    assert "[yaml.alias-bomb]" in result.output


def test_build_refuses_it_before_mkdocs_expands_it(tmp_path: Path) -> None:
    project = project_with(tmp_path, "site_name: x\n" + BOMB)
    with pytest.raises(ContentError) as raised:
        load_base_config(project.mkdocs_yml, "mkdocs.yml")
    assert [d.code for d in raised.value.diagnostics] == ["yaml.alias-bomb"]


def test_validate_reports_mkdocs_yml_syntax_errors_located(tmp_path: Path) -> None:
    project = project_with(tmp_path, "site_name: x\ntheme:\n  name: material\n   font: false\n")
    result = CliRunner().invoke(main, ["--project", str(project.root), "validate"])
    assert result.exit_code == 1 and "mkdocs.yml:4:" in result.output and "[yaml.syntax]" in result.output


def test_trusted_tags_are_accepted(tmp_path: Path) -> None:
    """mkdocs.yml is trusted like code: MkDocs' tags pass the check (they are not run by it)."""
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nsite_url: !ENV [CK_URL, 'https://x.org/']\nhooks: [!relative hooks.py]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    assert check_mkdocs_yml(config, "mkdocs.yml", diagnostics) and list(diagnostics) == []


def test_site_url_from_env_reaches_site_and_pdfs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defect 17: with `site_url: !ENV …` the site was fine but the PDFs lost their online links."""
    project = make_site_project(tmp_path / "project", site_url="!ENV [CK_SITE_URL, 'http://127.0.0.1:8000/']")
    monkeypatch.setenv("CK_SITE_URL", "https://kb.example.org/qi/")
    assert public_address(project, None, Diagnostics()) == "https://kb.example.org/qi/"  # site and PDFs
    result = build_site(project, Diagnostics(), pdf=False)
    assert result.site_url == "https://kb.example.org/qi/"
    home = (project.site / "es" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://kb.example.org/qi/es/">' in home
