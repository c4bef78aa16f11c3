"""`changekit pdf PACKAGE [--lang L]` and the validation of change packages, through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.source.project import Project
from tests.conftest import FIXTURES, copy_project

BAD_TOPIC = """\
id: bad-topic
title: A package naming a topic that does not exist
edition: "1.0"
published: 2027-01-15
topics: [clinic-access, clinic-acess]
"""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(FIXTURES / "pdf-mini", tmp_path / "pdf-mini")


def changekit(project: Project, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project.root), *args])


def test_fixture_is_valid(project: Project) -> None:
    result = changekit(project, "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "Valid: 1 topic, 12 items, 2 change packages" in result.output


def test_package_naming_an_unknown_topic_fails_validation(project: Project) -> None:
    (project.packages / "bad-topic.yaml").write_text(BAD_TOPIC)
    result = changekit(project, "validate")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "changepackages/bad-topic.yaml:5:25: error: topics[1]: unknown topic 'clinic-acess' "
        "(did you mean 'clinic-access'?) [ref.unknown]",
        "Aborted with 1 error and 0 warnings.",
    ]
    # Nothing is rendered either: `pdf` validates first and writes nothing.
    result = changekit(project, "pdf", "clinic-access-letter")
    assert result.exit_code == 1
    assert not project.site.exists()


def test_unknown_package_is_a_usage_error(project: Project) -> None:
    result = changekit(project, "pdf", "clinic-acces-2027")
    assert result.exit_code == 2
    assert (
        "error: unknown change package 'clinic-acces-2027'; the packages are: clinic-access-2027, clinic-access-letter"
        in result.output
    )


def test_unknown_language_is_a_usage_error(project: Project) -> None:
    result = changekit(project, "pdf", "clinic-access-letter", "--lang", "fr")
    assert result.exit_code == 2
    assert "error: 'fr' is not a language of 'clinic-access-letter'; its languages are: en" in result.output


def test_pdf_writes_into_site_and_reuses(project: Project) -> None:
    result = changekit(project, "pdf", "clinic-access-letter")
    assert result.exit_code == 0, result.output
    target = project.site / "change-packages" / "clinic-access-letter.pdf"
    assert target.read_bytes().startswith(b"%PDF-")
    assert "site/change-packages/clinic-access-letter.pdf: " in result.output
    assert "reused" not in result.output
    again = changekit(project, "pdf", "clinic-access-letter", "--lang", "en")
    assert again.exit_code == 0, again.output
    assert "(reused, inputs unchanged)" in again.output
    [cached] = (project.build / "pdf-cache" / "en").glob("clinic-access-letter.*.pdf")  # one file: hash in the name
    assert cached.read_bytes() == target.read_bytes()
