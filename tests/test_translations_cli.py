"""`changekit translations update`: output, exit status, idempotence, nothing written on content errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.source.project import Project
from tests.test_translations_support import EPOCH, TOPIC, edit, invoke, mini_project, translate


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return mini_project(tmp_path)


def test_update_prints_one_line_per_catalog_and_language(project: Project) -> None:
    result = invoke(project, "translations", "update")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "templates/site.pot: 10 entries",
        "es/site.po: 10 new, 0 outdated, 0 obsolete",
        "fr/site.po: 10 new, 0 outdated, 0 obsolete",
        f"templates/{TOPIC}.pot: 38 entries",
        f"es/{TOPIC}.po: 38 new, 0 outdated, 0 obsolete",
        f"fr/{TOPIC}.po: 38 new, 0 outdated, 0 obsolete",
    ]
    assert result.stderr == ""


def test_a_second_update_writes_nothing(project: Project) -> None:
    invoke(project, "translations", "update")
    files = sorted(project.translations.rglob("*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    result = invoke(project, "translations", "update")
    assert result.exit_code == 0
    assert all(line.endswith("(unchanged)") for line in result.stdout.splitlines())
    assert sorted(project.translations.rglob("*")) == files
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()} == before


def test_update_reports_what_changed(project: Project) -> None:
    invoke(project, "translations", "update")
    translate(project, "es")
    changes = project.topics / TOPIC / "changes.yaml"
    edit(changes, "Count demand every day", "Count the demand every day")
    edit(changes, "          - Stopping after one week.\n", "")
    edit(
        changes,
        "        title: Add temporary sessions",
        "        title: Add temporary sessions\n        rationale: A backlog does not go away on its own.",
    )
    result = invoke(project, "translations", "update")
    assert result.exit_code == 0, result.output
    assert f"es/{TOPIC}.po: 1 new, 1 outdated, 1 obsolete" in result.stdout.splitlines()
    assert f"fr/{TOPIC}.po: 2 new, 0 outdated, 0 obsolete" in result.stdout.splitlines()


def test_content_errors_abort_before_anything_is_written(project: Project) -> None:
    edit(project.topics / TOPIC / "changes.yaml", "measures: [third-next-available]", "measures: [third-next-avail]")
    result = invoke(project, "translations", "update")
    assert result.exit_code == 1
    assert "error: " in result.stderr and "[ref.unknown]" in result.stderr
    assert "Traceback" not in result.output
    assert not project.translations.exists()


def test_an_unreadable_catalog_fails_the_update(project: Project) -> None:
    invoke(project, "translations", "update")
    path = project.translations / "fr" / "site.po"
    edit(path, 'msgid "Shorter Waits in Primary Care"', 'msgid "Shorter Waits in Primary Care')
    result = invoke(project, "translations", "update")
    assert result.exit_code == 1
    assert "content/translations/fr/site.po:" in result.stderr
    assert "[po.syntax]" in result.stderr
    assert result.stdout == ""
