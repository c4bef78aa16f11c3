"""`changekit data template`: a fill-in workbook whose drop-downs offer the valid values, and that loads once filled."""

from __future__ import annotations

import openpyxl
from click.testing import CliRunner

from generator.authoring.datatemplate import month_range, shift_month
from generator.check import load_knowledge_base
from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.source.project import Project


def invoke(project: Project, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(project.root), "data", "template", *args])
    return result.exit_code, result.stdout, result.stderr


def test_months() -> None:
    assert shift_month("2026-01", -1) == "2025-12"
    assert shift_month("2026-11", 14) == "2028-01"
    assert month_range("2025-11", "2026-02") == ["2025-11", "2025-12", "2026-01", "2026-02"]


def test_template_lists_and_validations(minimal_project: Project) -> None:
    code, out, _ = invoke(minimal_project, "falls", "--lang", "es")
    path = minimal_project.root / "data-template-falls.xlsx"
    assert code == 0
    assert out == "created data-template-falls.xlsx (teams: 1, measures: 2, months: 2025-01 to 2027-06)\n"
    book = openpyxl.load_workbook(path)
    data, lists = book["Data"], book["Lists"]
    assert [c.value for c in data[1]] == ["story", "measure", "period", "value", "numerator", "denominator", "note"]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists["A"] if c.value] == ["story", "falls/ward-7"]
    assert [c.value for c in lists["B"] if c.value] == ["measure", "falls-rate", "assessment-within-6h"]
    assert lists["C2"].value == "2025-01" and lists["C31"].value == "2027-06"
    rules = {str(v.sqref).split(":")[0]: v for v in data.data_validations.dataValidation}
    assert rules["A2"].type == "list" and rules["A2"].formula1 == "Lists!$A$2:$A$2"
    assert rules["B2"].formula1 == "Lists!$B$2:$B$3" and rules["B2"].errorStyle == "stop"
    assert rules["C2"].formula1 == "Lists!$C$2:$C$31" and rules["C2"].errorStyle == "warning"
    assert rules["D2"].type == "decimal"
    assert rules["A2"].error == "Elija un equipo de la lista."
    assert data["C2"].number_format == "@"


def test_a_filled_template_loads_as_data(minimal_project: Project) -> None:
    invoke(minimal_project, "--output", str(minimal_project.data / "team.xlsx"))
    path = minimal_project.data / "team.xlsx"
    book = openpyxl.load_workbook(path)
    book["Data"].append(["falls/ward-7", "assessment-within-6h", "2026-03", None, 40, 50, "first month"])
    book.save(path)
    kb = load_knowledge_base(minimal_project, Diagnostics())
    assert kb.topic("falls").stories[0].results[1].series == {"2026-03": 80.0}


def test_never_overwrites_and_unknown_topic(minimal_project: Project) -> None:
    assert invoke(minimal_project)[0] == 0
    code, _, err = invoke(minimal_project)
    assert code == 2 and "exists; remove it or choose another --output" in err
    code, _, err = invoke(minimal_project, "fals", "--output", str(minimal_project.root / "x.xlsx"))
    assert (code, err) == (2, "error: unknown topic 'fals' (did you mean 'falls'?)\n")
    code, _, err = invoke(minimal_project, "--start", "2026-13")
    assert (code, err) == (2, "error: --start '2026-13' is not a month; write YYYY-MM\n")
    assert not (minimal_project.root / "x.xlsx").exists()
