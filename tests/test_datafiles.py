"""Data files under content/data/: CSV and Excel read cell by cell, every problem located by cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from generator.check import load_knowledge_base
from generator.diagnostics import ContentError, Diagnostics, Location
from generator.knowledge.kb import DataPoint
from generator.source.datafiles import load_data_files
from generator.source.project import Project

HEADER = "story,measure,period,value,numerator,denominator,note\n"
STORY = "falls/ward-7"


def strip_series(project: Project) -> None:
    """The minimal story without its inline series (its points then come from data files)."""
    path = project.topics / "falls" / "stories" / "ward-7.yaml"
    lines = path.read_text().splitlines(keepends=True)
    start = lines.index("    series:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      "))
    path.write_text("".join(lines[:start] + lines[end:]))


def falls_rows(periods: int = 12) -> str:
    values = [8.1, 7.6, 8.4, 7.9, 8.8, 7.7, 6.2, 5.1, 4.8, 4.4, 4.9, 4.1][:periods]
    return "".join(f"{STORY},falls-rate,2026-{i:02d},{v},,,\n" for i, v in enumerate(values, start=1))


def write(project: Project, name: str, text: str) -> Path:
    path = project.data / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def errors(project: Project) -> list[str]:
    diagnostics = Diagnostics()
    with pytest.raises(ContentError):
        load_knowledge_base(project, diagnostics)
    return [d.format() for d in diagnostics]


def workbook(project: Project, name: str, rows: list[list[object]], title: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    path = project.data / name
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def test_location_of_a_spreadsheet_cell() -> None:
    assert str(Location("content/data/2026.xlsx", 14, 3, sheet="Sheet1")) == "content/data/2026.xlsx:Sheet1!C14"
    assert str(Location("d.xlsx", 2, 28, sheet="Team data")) == "d.xlsx:'Team data'!AB2"
    assert str(Location("d.xlsx", 7, 0, sheet="S")) == "d.xlsx:S!7:7"
    assert str(Location("content/data/2026.csv", 14, 3)) == "content/data/2026.csv:14:3"


def test_csv_series_replaces_the_inline_series(minimal_project: Project) -> None:
    inline = load_knowledge_base(minimal_project, Diagnostics())
    strip_series(minimal_project)
    write(minimal_project, "2026.csv", HEADER + falls_rows())
    kb = load_knowledge_base(minimal_project, Diagnostics())
    story = kb.topic("falls").stories[0]
    assert story.results[0].series == inline.topic("falls").stories[0].results[0].series
    assert story.results[0].baseline == 6
    assert kb.item("falls/ward-7").model is story
    assert kb.data_files == ["content/data/2026.csv"]


def test_counts_give_the_value_and_are_kept(minimal_project: Project) -> None:
    strip_series(minimal_project)
    rows = falls_rows(11) + f"{STORY},falls-rate,2026-12,,9,2200,Night staff short\n"
    write(minimal_project, "a/b/2026.csv", HEADER + rows)
    kb = load_knowledge_base(minimal_project, Diagnostics())
    points = kb.points[(STORY, "falls/falls-rate")]
    assert points[-1] == DataPoint("2026-12", 9 / 2200 * 1000, 9.0, 2200.0, "Night staff short")
    assert kb.topic("falls").stories[0].results[0].series["2026-12"] == pytest.approx(4.0909, abs=1e-4)


def test_a_measure_reported_only_in_a_data_file_becomes_a_result(minimal_project: Project) -> None:
    rows = "".join(f"{STORY},assessment-within-6h,2026-{m:02d},,{40 + m},{50}," + "\n" for m in range(1, 4))
    write(minimal_project, "more.csv", HEADER + rows)
    kb = load_knowledge_base(minimal_project, Diagnostics())
    results = kb.topic("falls").stories[0].results
    assert [r.measure for r in results] == ["falls-rate", "assessment-within-6h"]
    assert results[1].series == {"2026-01": 82.0, "2026-02": 84.0, "2026-03": 86.0}
    assert kb.links.reported_by["falls/assessment-within-6h"] == ["falls/ward-7"]


def test_semicolon_csv_with_decimal_commas(minimal_project: Project) -> None:
    strip_series(minimal_project)
    rows = "".join(line.replace(",", ";") for line in falls_rows(11).splitlines(keepends=True))
    write(
        minimal_project, "europe.csv", "\ufeffstory;measure;period;value\n" + rows + f"{STORY};falls-rate;2026-12;4,1\n"
    )
    kb = load_knowledge_base(minimal_project, Diagnostics())
    assert kb.topic("falls").stories[0].results[0].series["2026-12"] == 4.1


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            f"{STORY},falls-rate,2026-13,4.1,,,",
            "content/data/2026.csv:13:3: error: '2026-13' is not a period; write YYYY-MM (monthly) or YYYY-MM-DD "
            "[data.format]",
        ),
        (
            f"{STORY},falls-rate,2026-12,4.1%,,,",
            "content/data/2026.csv:13:4: error: the value '4.1%' is not a number; write 4.1 without the % sign "
            "[data.value]",
        ),
        (
            "falls/ward-8,falls-rate,2026-12,4.1,,,",
            "content/data/2026.csv:13:1: error: unknown team story 'falls/ward-8' (did you mean 'falls/ward-7'?) "
            "[data.story]",
        ),
        (
            f"{STORY},fals-rate,2026-12,4.1,,,",
            "content/data/2026.csv:13:2: error: unknown measure 'fals-rate' (did you mean 'falls-rate'?) "
            "[data.measure]",
        ),
        (
            "ward-7,falls-rate,2026-12,4.1,,,",
            "content/data/2026.csv:13:1: error: 'ward-7' must name its topic: write topic-id/story-id "
            "(did you mean 'falls/ward-7'?) [data.story]",
        ),
        (
            f"{STORY},falls-rate,2026-11,4.1,,,",
            "content/data/2026.csv:13:3: error: falls/ward-7 · falls-rate · 2026-11 is given twice "
            "(also at content/data/2026.csv:12); keep one of them [data.duplicate]",
        ),
        (
            f"{STORY},falls-rate,2026-12,5,9,,",
            "content/data/2026.csv:13:6: error: the denominator is missing: give both counts, or neither [data.counts]",
        ),
        (
            f"{STORY},falls-rate,2026-12,4.1,9,2000,",
            "content/data/2026.csv:13:4: error: the value 4.1 does not match its counts: 9 / 2000 × 1000 = 4.5; "
            "correct one of them, or leave the value empty to have it computed [data.counts]",
        ),
        (
            f"{STORY},falls-rate,2026-12-01,4.1,,,",
            "content/data/2026.csv:13:3: error: 2026-12-01 mixes daily and monthly periods in one series "
            "(it also has 2026-01); use one kind [data.period]",
        ),
    ],
)
def test_broken_csv_rows(minimal_project: Project, row: str, expected: str) -> None:
    strip_series(minimal_project)
    write(minimal_project, "2026.csv", HEADER + falls_rows(11) + row + "\n")
    assert errors(minimal_project) == [expected]


def test_percent_numerator_larger_than_denominator(minimal_project: Project) -> None:
    write(minimal_project, "2026.csv", HEADER + f"{STORY},assessment-within-6h,2026-01,,60,50,\n")
    assert errors(minimal_project) == [
        "content/data/2026.csv:2:5: error: the numerator (60) is larger than the denominator (50); a percentage "
        "counts part of its denominator [data.counts]"
    ]


def test_a_value_rounded_as_written_matches_its_counts(minimal_project: Project) -> None:
    rows = f"{STORY},assessment-within-6h,2026-01,33,1,3,\n{STORY},assessment-within-6h,2026-02,66.7,2,3,\n"
    write(minimal_project, "2026.csv", HEADER + rows)
    kb = load_knowledge_base(minimal_project, Diagnostics())
    assert kb.topic("falls").stories[0].results[1].series == {"2026-01": 33.0, "2026-02": 66.7}


def test_a_point_in_the_yaml_and_a_row(minimal_project: Project) -> None:
    write(minimal_project, "2026.csv", HEADER + f"{STORY},falls-rate,2026-03,8.4,,,\n")
    assert errors(minimal_project) == [
        "content/data/2026.csv:2:3: error: falls/ward-7 · falls-rate · 2026-03 is given twice (also at "
        "content/topics/falls/stories/ward-7.yaml:16:7); keep one of them [data.duplicate]"
    ]


def test_header_problems(minimal_project: Project) -> None:
    write(minimal_project, "a.csv", "story,measure,period,vaule\n")
    write(minimal_project, "b.csv", "story,measure,period,value,story\n")
    write(minimal_project, "c.csv", "team,month,result\n")
    assert errors(minimal_project)[2:] == [
        "content/data/c.csv:1: error: the first row must name the columns story, measure, period, value; "
        "missing: story, measure, period, value [data.header]",
        "content/data/c.csv:1:1: error: unknown column 'team'; the columns are story, measure, period, value, "
        "numerator, denominator, note [data.header]",
        "content/data/c.csv:1:2: error: unknown column 'month'; the columns are story, measure, period, value, "
        "numerator, denominator, note [data.header]",
        "content/data/c.csv:1:3: error: unknown column 'result'; the columns are story, measure, period, value, "
        "numerator, denominator, note [data.header]",
    ]
    assert errors(minimal_project)[:2] == [
        "content/data/a.csv:1:4: error: unknown column 'vaule' (did you mean 'value'?); the columns are story, "
        "measure, period, value, numerator, denominator, note [data.header]",
        "content/data/b.csv:1:5: error: the column 'story' appears twice; keep one [data.header]",
    ]


def test_a_result_without_series_needs_data(minimal_project: Project) -> None:
    strip_series(minimal_project)
    assert errors(minimal_project) == [
        "content/topics/falls/stories/ward-7.yaml:11:14: error: results[0]: no data for the measure 'falls-rate': "
        "write its series here, or rows for 'falls/ward-7' in a data file under content/data/ [data.missing]"
    ]


def test_not_utf8_and_other_formats(minimal_project: Project) -> None:
    (minimal_project.data).mkdir(parents=True)
    (minimal_project.data / "latin.csv").write_bytes(
        HEADER.encode() + "falls/ward-7,falls-rate,2026-13,é\n".encode("latin-1")
    )
    (minimal_project.data / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (minimal_project.data / "~$open.xlsx").write_bytes(b"lock")
    diagnostics = Diagnostics()
    load_data_files(minimal_project, diagnostics)
    assert [d.format() for d in diagnostics] == [
        "content/data/latin.csv:2:33: error: the file is not UTF-8 (byte 0xe9); save it as UTF-8 [file.encoding]",
        "content/data/old.xls: warning: ignored: data files are read as .csv (UTF-8) or .xlsx; save it in one of "
        "those formats [data.file]",
    ]


def test_excel_rows_and_cells(minimal_project: Project) -> None:
    strip_series(minimal_project)
    rows: list[list[object]] = [["story", "measure", "period", "value", "note"]]
    values = [8.1, 7.6, 8.4, 7.9, 8.8, 7.7, 6.2, 5.1, 4.8, 4.4, 4.9]
    rows += [[STORY, "falls-rate", f"2026-{m:02d}", v, None] for m, v in enumerate(values, start=1)]
    rows.append([STORY, "falls-rate", dt.datetime(2026, 12, 1), 4.1, "  a\nnote  "])
    path = workbook(minimal_project, "2026.xlsx", rows)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["C13"].number_format = "mmm-yy"  # a month typed into Excel becomes a date shown without its day
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    lists.append(["not", "a", "data", "sheet"])
    book.save(path)
    kb = load_knowledge_base(minimal_project, Diagnostics())
    assert kb.points[(STORY, "falls/falls-rate")][-1] == DataPoint("2026-12", 4.1, None, None, "a note")


def test_broken_excel_row(minimal_project: Project) -> None:
    strip_series(minimal_project)
    rows: list[list[object]] = [["story", "measure", "period", "value"]]
    rows += [[STORY, "falls-rate", f"2026-{m:02d}", 5.0] for m in range(1, 13)]
    rows[12][3] = "n/a"
    rows[5][2] = "2026-5"
    workbook(minimal_project, "2026.xlsx", rows, title="Ward 7")
    assert errors(minimal_project) == [
        "content/data/2026.xlsx:'Ward 7'!C6: error: '2026-5' is not a period; write YYYY-MM (monthly) or YYYY-MM-DD "
        "[data.format]",
        # the refused row leaves a gap in the series: said too, where the chart would bridge it
        "content/data/2026.xlsx:'Ward 7'!C7: warning: falls/ward-7 · falls-rate: no data for 2026-05 between "
        "2026-04 and 2026-06: the run chart bridges the gap with a dotted line; add the data, or leave it if "
        "none were collected [data.gap]",
        "content/data/2026.xlsx:'Ward 7'!D13: error: the value 'n/a' is not a number [data.value]",
    ]


def test_excel_percent_cells_are_read_as_shown(minimal_project: Project) -> None:
    path = workbook(
        minimal_project,
        "p.xlsx",
        [["story", "measure", "period", "value"], [STORY, "assessment-within-6h", "2026-01", 0.82]],
    )
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["D2"].number_format = "0%"
    book.save(path)
    kb = load_knowledge_base(minimal_project, Diagnostics())
    assert kb.topic("falls").stories[0].results[1].series == {"2026-01": 82.0}


def test_a_damaged_workbook(minimal_project: Project) -> None:
    minimal_project.data.mkdir(parents=True)
    (minimal_project.data / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    diagnostics = Diagnostics()
    load_data_files(minimal_project, diagnostics)
    [message] = [d.format() for d in diagnostics]
    assert message.startswith("content/data/broken.xlsx: error: cannot read the workbook (")
    assert message.endswith("); save it again as .xlsx [data.file]")


def test_loading_never_writes_the_data_files(minimal_project: Project) -> None:
    strip_series(minimal_project)
    write(minimal_project, "2026.csv", HEADER + falls_rows())
    before = {p: p.read_bytes() for p in minimal_project.data.rglob("*")}
    load_knowledge_base(minimal_project, Diagnostics())
    assert {p: p.read_bytes() for p in minimal_project.data.rglob("*")} == before


def test_the_sample_reads_one_csv_and_one_workbook(sample_kb: object) -> None:
    from generator.knowledge.kb import KnowledgeBase

    assert isinstance(sample_kb, KnowledgeBase)
    assert sample_kb.data_files == [
        "content/data/primary-care-access-2025-2026.csv",
        "content/data/usf-quinta-das-camelias.xlsx",
    ]
    continuity = sample_kb.points[
        ("primary-care-access/usf-quinta-das-camelias", "primary-care-access/continuity-own-clinician")
    ]
    assert len(continuity) == 19 and all(p.has_counts for p in continuity)


def warnings(project: Project) -> list[str]:
    diagnostics = Diagnostics()
    load_knowledge_base(project, diagnostics)
    return [d.format() for d in diagnostics if d.code == "data.gap"]


def test_a_gap_in_a_data_file_is_reported_at_the_row_after_it(minimal_project: Project) -> None:
    strip_series(minimal_project)
    rows = [
        line for line in falls_rows().splitlines(keepends=True) if ",2026-03," not in line and ",2026-04," not in line
    ]
    write(minimal_project, "2026.csv", HEADER + "".join(rows))
    assert warnings(minimal_project) == [
        "content/data/2026.csv:4:3: warning: falls/ward-7 · falls-rate: no data for 2026-03 to 2026-04 between "
        "2026-02 and 2026-05: the run chart bridges the gap with a dotted line; add the data, or leave it if none "
        "were collected [data.gap]"
    ]


def test_a_gap_between_the_yaml_and_a_data_file(minimal_project: Project) -> None:
    """The story's YAML stops at 2026-12; a data file goes on from 2027-02: the row after the gap is named."""
    write(minimal_project, "2027.csv", HEADER + f"{STORY},falls-rate,2027-02,4.0,,,\n")
    assert warnings(minimal_project) == [
        "content/data/2027.csv:2:3: warning: falls/ward-7 · falls-rate: no data for 2027-01 between 2026-12 and "
        "2027-02: the run chart bridges the gap with a dotted line; add the data, or leave it if none were "
        "collected [data.gap]"
    ]
    (minimal_project.data / "2027.csv").write_text(HEADER + f"{STORY},falls-rate,2027-01,4.0,,,\n", encoding="utf-8")
    assert warnings(minimal_project) == []  # no gap: nothing to say


def test_a_gap_in_a_workbook_names_the_cell(minimal_project: Project) -> None:
    strip_series(minimal_project)
    rows: list[list[object]] = [["story", "measure", "period", "value"]]
    rows += [[STORY, "falls-rate", f"2026-{m:02d}", 5.0] for m in range(1, 13) if m != 5]
    workbook(minimal_project, "teams.xlsx", rows, title="Falls")
    (gap,) = warnings(minimal_project)
    assert gap.startswith("content/data/teams.xlsx:Falls!C6: warning: falls/ward-7 · falls-rate: no data for 2026-05 ")
