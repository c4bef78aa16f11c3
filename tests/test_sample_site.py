"""The sample content builds end to end: four full editions with the same pages, no fallback text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build_site
from generator.diagnostics import Diagnostics
from generator.source.project import Project

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ("es", "fr", "pt")


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    destination = tmp_path_factory.mktemp("sample") / "project"
    for name in ("content", "changepackages", "theme"):
        shutil.copytree(ROOT / name, destination / name)
    shutil.copy2(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    project = Project(destination)
    diagnostics = Diagnostics()
    build_site(project, diagnostics, pdf=False, strict=True)
    assert not diagnostics.items, [d.format() for d in diagnostics]
    return project


def pages(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix() for p in root.rglob("index.html") if p.relative_to(root).parts[0] not in EDITIONS
    }


@pytest.mark.slow
@pytest.mark.parametrize("lang", EDITIONS)
def test_every_edition_has_the_same_pages_and_urls(sample_site: Project, lang: str) -> None:
    english = pages(sample_site.site)
    assert len(english) > 100
    assert pages(sample_site.site / lang) == english


@pytest.mark.slow
@pytest.mark.parametrize("lang", EDITIONS)
def test_the_sample_editions_are_fully_translated(sample_site: Project, lang: str) -> None:
    """No page of a sample edition falls back to English: the catalogs are complete."""
    fallbacks = [
        p.relative_to(sample_site.site).as_posix()
        for p in (sample_site.site / lang).rglob("*.html")
        if 'class="ck-fallback' in p.read_text(encoding="utf-8")
    ]
    assert fallbacks == []
    home = (sample_site.site / lang / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in home
