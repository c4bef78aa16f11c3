"""Shared fixtures, layered like the pipeline: project copy → knowledge base → edition."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.check import load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.knowledge.kb import KnowledgeBase
from generator.source.project import Project

ROOT = Path(__file__).resolve().parent.parent
#: Debian's Chromium, driven by Playwright (never a downloaded browser); the flags keep it off the network.
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden files (expected diagnostics, generated Markdown) from the current output.",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_project(source: Path, destination: Path) -> Project:
    """A writable copy of a project folder (tests never touch the fixtures in place)."""
    shutil.copytree(source, destination, ignore=shutil.ignore_patterns("build", "site", "expected.txt"))
    return Project(destination)


@pytest.fixture
def minimal_project(tmp_path: Path) -> Project:
    return copy_project(FIXTURES / "minimal", tmp_path / "minimal")


@pytest.fixture
def minimal_kb(minimal_project: Project) -> KnowledgeBase:
    return load_knowledge_base(minimal_project, Diagnostics())


@pytest.fixture(scope="session")
def sample_kb() -> KnowledgeBase:
    """The sample content shipped in content/ (read only)."""
    return load_knowledge_base(Project(ROOT), Diagnostics())


def copy_sample_project(destination: Path, site_url: str | None = None) -> Project:
    """A writable copy of the sample project (content, packages, theme, mkdocs.yml), optionally
    with another site_url (browser tests serve the site where its configuration says)."""
    for name in ("content", "changepackages", "theme"):
        shutil.copytree(ROOT / name, destination / name)
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if site_url is not None:
        base = re.sub(r"(?m)^site_url: .*$", f"site_url: {site_url}", base)
    (destination / "mkdocs.yml").write_text(base, encoding="utf-8")
    return Project(destination)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for the browser tests: a missing Chromium fails the test, it never skips it."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
