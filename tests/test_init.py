"""`changekit init`: a new project validates and builds at once; `--example` copies the sample; never overwrites."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from generator.authoring.init import first_of_next_month, init_project
from generator.cli import main
from generator.diagnostics import UsageError
from generator.source.project import Project

ROOT = Path(__file__).resolve().parent.parent


def changekit(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_init_writes_a_project_that_validates(tmp_path: Path) -> None:
    result = changekit("init", str(tmp_path / "clabsi"))
    assert result.exit_code == 0, result.output
    project = Project(tmp_path / "clabsi")
    for path in (
        "content/collaborative.yaml",
        "content/topics/first-topic/topic.yaml",
        "content/topics/first-topic/changes.yaml",
        "content/topics/first-topic/measures.yaml",
        "changepackages/first-package.yaml",
        "mkdocs.yml",
        ".gitignore",
        ".github/workflows/publish.yml",
        "schemas/topic.schema.json",
    ):
        assert (project.root / path).is_file(), path
        assert f"created {path}" in result.output or path.startswith("schemas/")
    assert "created schemas/" in result.output
    assert (project.topics / "first-topic" / "stories").is_dir()
    assert not project.theme.exists(), "the theme is installed with Changekit; theme/ holds only overrides"
    assert "/build/" in (project.root / ".gitignore").read_text()
    assert "changekit -q build --strict" in (project.root / ".github/workflows/publish.yml").read_text()
    checked = changekit("--project", str(project.root), "validate")
    assert checked.exit_code == 0, checked.output
    assert "0 errors" in checked.stderr and "[content.placeholder]" in checked.stderr
    strict = changekit("--project", str(project.root), "validate", "--strict")
    assert strict.exit_code == 1  # the scaffold's example text must be replaced before publishing


def test_init_comments_every_collaborative_field(tmp_path: Path) -> None:
    from generator.model import Collaborative

    init_project(tmp_path / "p")
    text = (tmp_path / "p" / "content" / "collaborative.yaml").read_text(encoding="utf-8")
    for name in Collaborative.model_fields:
        assert f"{name}:" in text, f"collaborative.yaml does not show '{name}'"
    assert "changekit guide fields" in text


def test_init_builds_at_once(tmp_path: Path) -> None:
    """`changekit init demo && cd demo && changekit build`, nothing else done: site and PDF."""
    assert changekit("init", str(tmp_path / "demo")).exit_code == 0
    project = Project(tmp_path / "demo")
    result = changekit("--project", str(project.root), "build")
    assert result.exit_code == 0, result.output
    assert "Built 11 pages in 1 language (en) and 1 PDF (1 printed, 0 unchanged) into site/" in result.stderr
    assert "[site.url]" in result.stderr and "Public address: none" in result.stderr
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert "<title>Name of the collaborative" in home  # the site's name is the collaborative's title
    assert "changekit.css" in home and 'href="assets/images/favicon.png"' not in home
    assert (project.site / "assets" / "logo.svg").is_file() and (
        project.site / "fonts" / "Inter-Regular.woff2"
    ).is_file()
    pdf = project.site / "change-packages" / "first-package.pdf"
    assert len(PdfReader(pdf).pages) >= 1
    assert not project.theme.exists() and not (project.root / "content" / "translations" / "templates").exists()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = changekit("init", str(folder))
    assert result.exit_code == 2
    assert "is not empty (notes.txt)" in result.stderr and "never overwrites" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    file = tmp_path / "file"
    file.write_text("")
    with pytest.raises(UsageError, match="is a file"):
        init_project(file)


def test_init_accepts_a_fresh_git_repository(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    assert changekit("init", str(tmp_path / "repo")).exit_code == 0
    assert (tmp_path / "repo" / "content" / "collaborative.yaml").is_file()


def test_init_example_copies_the_sample(tmp_path: Path) -> None:
    result = changekit("init", "--example", str(tmp_path / "sample"))
    assert result.exit_code == 0, result.output
    project = Project(tmp_path / "sample")
    for name in ("content", "changepackages", "mkdocs.yml"):
        assert (project.root / name).exists()
    assert (project.root / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    assert sorted(p.name for p in project.topics.iterdir()) == sorted(
        p.name for p in (ROOT / "content/topics").iterdir()
    )
    assert (project.translations / "es" / "site.po").is_file()
    assert not project.theme.exists()
    checked = changekit("--project", str(project.root), "validate", "--strict")
    assert checked.exit_code == 0, checked.output


def test_first_of_next_month() -> None:
    import datetime as dt

    assert first_of_next_month(dt.date(2026, 12, 6)) == dt.date(2027, 1, 1)
    assert first_of_next_month(dt.date(2026, 3, 31)) == dt.date(2026, 4, 1)


@pytest.mark.slow
def test_installed_package_carries_theme_guide_and_sample(tmp_path: Path) -> None:
    """Build the wheel as pip would, unpack it, and start a project from the installed copy alone."""
    source = tmp_path / "source"
    for name in ("generator", "theme", "docs", "content", "changepackages"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "mkdocs.yml"):
        shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)]
    subprocess.run(build, check=True, capture_output=True)
    (wheel,) = wheels.glob("changekit-*.whl")
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(installed)
    for path in (
        "theme/print/print.css",
        "theme/fonts/Inter-Regular.ttf",
        "theme/partials/alternate.html",
        "guide/fields.md",
        "sample/mkdocs.yml",
        "sample/content/collaborative.yaml",
        "authoring/scaffolds/collaborative.yaml",
        "authoring/scaffolds/gitignore",
    ):
        assert (installed / "generator" / path).is_file(), path
    env = {"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin"}
    for args in (["init", "--example", "sample"], ["--project", "sample", "validate", "--strict"], ["guide", "fields"]):
        run = subprocess.run(
            [sys.executable, "-m", "generator", *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
    probe = "import generator.source.bundled as b; print(b.builtin_theme())"
    where = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert where.stdout.strip() == str(installed / "generator" / "theme")


def test_an_empty_folder_is_pointed_to_init_and_the_guide(tmp_path: Path) -> None:
    result = changekit("--project", str(tmp_path), "validate")
    assert result.exit_code == 1
    assert (
        "content/collaborative.yaml: error: required file is missing: start a project with `changekit init`"
        " (see `changekit guide getting-started`) [file.missing]"
    ) in result.stderr
    init_project(tmp_path / "p")
    (tmp_path / "p" / "mkdocs.yml").unlink()
    built = changekit("--project", str(tmp_path / "p"), "build", "--no-pdf")
    assert built.exit_code == 2
    assert "mkdocs.yml is missing" in built.stderr and "`changekit init` writes one" in built.stderr


def test_an_unknown_key_without_a_near_miss_points_to_the_field_reference(tmp_path: Path) -> None:
    init_project(tmp_path / "p")
    topic = tmp_path / "p" / "content" / "topics" / "first-topic" / "topic.yaml"
    topic.write_text(topic.read_text(encoding="utf-8") + "sponsor: Ana\n", encoding="utf-8")
    result = changekit("--project", str(tmp_path / "p"), "validate")
    assert "unknown key 'sponsor'; `changekit guide fields` lists the keys of every file [schema.unknown-key]" in (
        result.stderr
    )
