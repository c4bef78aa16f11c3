"""One folder per invalid input, each with its exact expected diagnostics (tests/fixtures/invalid)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import FIXTURES, copy_project

CASES = sorted(p.name for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
STRICT_CASES = {"unused-measure-strict", "placeholder-strict", "series-gap-strict"}


@pytest.mark.parametrize("case", CASES)
def test_invalid_input_reports_exact_diagnostics(case: str, tmp_path: Path, update_golden: bool) -> None:
    project = copy_project(FIXTURES / "minimal", tmp_path / "project")
    overlay = FIXTURES / "invalid" / case
    shutil.copytree(overlay, project.root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("expected.txt"))
    before = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    args = ["--project", str(project.root), "validate", *(["--strict"] if case in STRICT_CASES else [])]
    result = CliRunner().invoke(main, args)
    expected_file = overlay / "expected.txt"
    if update_golden:
        expected_file.write_text(result.stderr)
    assert result.exit_code == 1
    assert result.stderr == expected_file.read_text()
    assert "Traceback" not in result.output
    after = {p: p.read_bytes() for p in project.root.rglob("*") if p.is_file()}
    assert after == before, "validate must never write"


def test_there_are_at_least_fifteen_cases() -> None:
    assert len(CASES) >= 15
