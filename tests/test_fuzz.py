"""Fuzzing the untrusted inputs (issue 14): generated Markdown and YAML values go through
validate → render → sanitize, for the site and the print HTML, with the input checks on and off.

Asserted for every example: no traceback (a located diagnostic or a result), every diagnostic
line printable, and no executable markup in the sanitized output. The CI profile runs
FUZZ_EXAMPLES examples per test (about a minute in all); `HYPOTHESIS_PROFILE=long` runs many more.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import load_knowledge_base
from generator.diagnostics import ContentError, Diagnostics
from generator.editions.view import load_edition
from generator.render.pdf.document import render_package_html
from generator.render.site.config import REQUIRED_EXTENSIONS
from generator.render.site.render import render_site
from generator.source.project import Project
from generator.text.characters import INVISIBLE
from generator.text.sanitize import clean_html
from tests.conftest import FIXTURES, copy_project
from tests.test_sanitize import live_markup

FUZZ_EXAMPLES = 100
settings.register_profile(
    "ci", max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
settings.register_profile(
    "long", max_examples=2_000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

#: Pieces of hostile Markdown: tags, autolinks, attribute lists, link targets, entities, code.
PIECES = [
    "<", ">", "{", "}", "{:", ":", "#", ".", "=", "[", "]", "(", ")", "*", "_", "`", "```", "!", '"', "'", "&",
    "\n", "\n\n", " ", "  ", "x", "onfocus=alert(1)", "onmouseover", "autofocus", "tabindex=1", "style=",
    "javascript:alert(1)", "JaVaScRiPt:", "data:text/html,", "https:", "https://example.org", "http:x", "mailto:",
    "<https:x autofocus onfocus=alert(1)>", "<img src=x onerror=alert(1)>", "<script>", "</p>", "<svg onload=1>",
    "*a*{ x onmouseover=alert(2) }", "[a](javascript:alert(1))", "[a](https://e.org){ x href=javascript:1 }",
    "{ #id .c style=color:red }", "&lt;", "&#106;avascript:", "\\", "|", "---", "- ", "1. ", "> ", "## ",
    "!!! note", "??? x", "[^1]", "[^1]: n", "(ref:x)", "[t](ref:bedside-checklist)", "\u202e", "\x1b[31m", "\t",
]  # fmt: skip
markdown_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=25).map("".join)
yaml_text = st.one_of(markdown_text, st.text(max_size=40))

STORY = "content/topics/falls/stories/ward-7.yaml"
NARRATIVE = "The team started with one nurse on one night shift."
TITLE = "title: Ward 7 halves its falls"


@contextmanager
def input_checks(enabled: bool) -> Iterator[None]:
    """With the checks off, whatever the input holds reaches Markdown: the sanitizer alone decides."""
    with pytest.MonkeyPatch.context() as patch:
        if not enabled:
            for module in ("generator.knowledge.checks", "generator.editions.view", "generator.editions.checks"):
                patch.setattr(f"{module}.unsafe_markdown", lambda text: [])
        yield


def site_html(page_markdown: str) -> str:
    """A generated page as MkDocs renders it (front matter removed), then sanitized."""
    body = re.sub(r"\A---\n.*?\n---\n", "", page_markdown, flags=re.DOTALL)
    configs = {name: dict(options) for name, options in REQUIRED_EXTENSIONS.items() if options}
    html = markdown.markdown(body, extensions=list(REQUIRED_EXTENSIONS), extension_configs=configs)
    return clean_html(html)


def run_pipeline(project: Project, narrative: str, title: str, checks: bool) -> None:
    story = project.root / STORY
    original = (FIXTURES / "minimal" / STORY).read_text(encoding="utf-8")
    block = "\n".join("  " + line if line.strip() else "" for line in narrative.split("\n"))
    text = original.replace(f"  {NARRATIVE}", block).replace(TITLE, f"title: {json.dumps(title)}")
    story.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    with input_checks(checks):
        try:
            kb = load_knowledge_base(project, diagnostics)
        except ContentError:
            kb = None
        for diagnostic in diagnostics:
            assert not INVISIBLE.search(diagnostic.format()), diagnostic.format()
        if kb is None:
            return
        edition = load_edition(kb, kb.source_language, project, Diagnostics())
        for page in render_site(edition, kb.languages):
            assert live_markup(site_html(page.markdown)) == [], page.path
        for package in kb.packages:
            assert live_markup(render_package_html(kb, edition, package, site_url="https://example.org/")) == []


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(FIXTURES / "minimal", tmp_path / "fuzz")


@settings(settings.get_profile(PROFILE))
@given(narrative=markdown_text, title=yaml_text)
def test_fuzz_with_input_checks(project: Project, narrative: str, title: str) -> None:
    run_pipeline(project, narrative, title, checks=True)


@settings(settings.get_profile(PROFILE))
@given(narrative=markdown_text, title=yaml_text)
def test_fuzz_sanitizer_alone(project: Project, narrative: str, title: str) -> None:
    run_pipeline(project, narrative, title, checks=False)
