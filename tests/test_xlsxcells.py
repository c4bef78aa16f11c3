"""The fast workbook reader gives what openpyxl gives, cell by cell, or hands the file to openpyxl."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from generator.diagnostics import Diagnostics
from generator.source import datafiles
from generator.source.datafiles import MAX_CELLS, MAX_ROWS, MAX_UNPACKED, read_xlsx
from generator.source.xlsxcells import UnusualWorkbookError, WorkbookTooLargeError, layout, read_cells

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "data" / "usf-quinta-das-camelias.xlsx"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_RELS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def table_key(tables: list[list[list[datafiles.RawCell]]]) -> list[Any]:
    """Everything a cell carries, with the value's type (True == 1 and 0.0 == -0.0 in Python)."""
    return [
        [[(type(c.value).__name__, repr(c.value), c.location, c.number_format) for c in row] for row in table]
        for table in tables
    ]


def fast_reads(path: Path) -> bool:
    try:
        read_cells(path, MAX_ROWS + 1, MAX_CELLS, MAX_UNPACKED)
    except UnusualWorkbookError:
        return False
    return True


def same_either_way(path: Path) -> list[list[list[datafiles.RawCell]]]:
    """read_xlsx with the fast reader and with openpyxl only: the same tables and diagnostics."""
    fast, slow = Diagnostics(), Diagnostics()
    with warnings.catch_warnings():  # openpyxl warns about what it repairs (a date out of range: #VALUE!)
        warnings.simplefilter("ignore")
        tables = read_xlsx(path, "book.xlsx", fast)
        expected = read_xlsx(path, "book.xlsx", slow, fast=False)
    assert table_key(tables) == table_key(expected)
    assert [d.format() for d in fast] == [d.format() for d in slow]
    return tables


def same_rows_either_way(path: Path) -> bool:
    """Every visible sheet's rows, header or not, from `read_cells` and from openpyxl's
    `sheet_cells`; when openpyxl fails, the fast reader must have handed the file over. True
    when the fast reader read it."""
    try:
        sheets = read_cells(path, MAX_ROWS + 1, MAX_CELLS, MAX_UNPACKED)
    except UnusualWorkbookError:
        return False
    fast = [
        [[(type(v).__name__, repr(v), f) for v, f in row] for row in s.rows] for s in sheets if s.state == "visible"
    ]
    datafiles.load_openpyxl()
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    slow = [
        [[(type(v).__name__, repr(v), f) for v, f in row] for row in datafiles.sheet_cells(sheet)]
        for sheet in book.worksheets
        if sheet.sheet_state == "visible"
    ]
    book.close()
    assert fast == slow
    return True


# Workbooks openpyxl writes --------------------------------------------------------------------
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=10) | st.sampled_from(
    [" ", "  lead", "trail  ", "a\nb", "\tx", "=1+2", "=A1", "_x005F_x000D_", "x005F_", "é ü 中文 🙂", "", "#N/A"]
)
VALUES = st.one_of(
    st.none(),
    st.integers(-1000, 100_000),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    TEXT,
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)),
    st.times(),
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=900)),
)
FORMATS = st.sampled_from(
    [
        None,
        "General",
        "0%",
        "0.0%",
        "yyyy-mm",
        "mmm-yy",
        "dd/mm/yyyy",
        "@",
        "0.00",
        "[h]:mm:ss",
        "mm:ss",
        "yyyy-mm-dd h:mm:ss",
        '#,##0.0 "kg"',
        '[Red]0.0;"d"0',
        "mm-dd-yy",
    ]
)
CELLS = st.dictionaries(st.tuples(st.integers(1, 12), st.integers(1, 6)), st.tuples(VALUES, FORMATS), max_size=14)
STATES = st.sampled_from(["visible", "visible", "hidden", "veryHidden"])


def write_workbook(
    path: Path, mac: bool, sheets: list[tuple[str, dict[tuple[int, int], tuple[Any, str | None]]]]
) -> None:
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904 if mac else CALENDAR_WINDOWS_1900
    assert book.active is not None
    book.remove(book.active)
    for index, (state, cells) in enumerate(sheets):
        sheet = book.create_sheet(f"Team {index} – é")
        sheet.sheet_state = "visible" if index == 0 else state
        sheet["A1"] = "story"
        for (row, column), (value, number_format) in cells.items():
            cell = sheet.cell(row=row, column=column, value=value)
            if number_format:
                cell.number_format = number_format
    book.save(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.booleans(), st.lists(st.tuples(STATES, CELLS), min_size=1, max_size=3))
def test_workbooks_openpyxl_writes_read_the_same_fast(
    tmp_path: Path, mac: bool, sheets: list[tuple[str, dict[tuple[int, int], tuple[Any, str | None]]]]
) -> None:
    path = tmp_path / "book.xlsx"
    write_workbook(path, mac, sheets)
    same_rows_either_way(path)
    same_either_way(path)


def test_most_workbooks_openpyxl_writes_need_no_openpyxl(tmp_path: Path) -> None:
    """The property above must exercise the fast reader, not its fallback."""
    path = tmp_path / "book.xlsx"
    cells = {
        (2, 1): ("falls/ward-7", None),
        (2, 3): (dt.date(2026, 3, 1), "mmm-yy"),
        (2, 4): (0.452, "0.0%"),
        (4, 2): (True, None),
        (5, 6): (dt.time(13, 30), "h:mm"),
        (6, 2): (dt.timedelta(hours=30), "[h]:mm:ss"),
        (7, 5): (None, "0.00"),
        (8, 1): ("=SUM(D2:D4)", None),
    }
    for mac in (False, True):
        write_workbook(path, mac, [("visible", cells), ("hidden", cells), ("veryHidden", {})])
        assert fast_reads(path)
        [table] = same_either_way(path)
        assert [len(row) for row in table] == [6] * 8  # padded to the dimension A1:F8
        assert table[1][2].value == dt.datetime(2026, 3, 1) and table[1][2].number_format == "mmm-yy"
        assert table[5][1].value == dt.timedelta(hours=30)
        assert table[6][4].value is None and table[6][4].number_format == "0.00"  # a formatted empty cell
        assert table[6][0].number_format is None  # a cell the file leaves out, as openpyxl gives it


def test_a_chartsheet_is_not_a_table(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [["story", "value"], ["a", 1], ["b", 2]]:
        sheet.append(row)
    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    book.create_chartsheet("Chart").add_chart(chart)
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert fast_reads(path)
    assert len(same_either_way(path)) == 1


# Handmade workbooks: what Excel, LibreOffice and Google Sheets write ---------------------------
def handmade(
    path: Path,
    sheets: list[tuple[str, str, str]],
    strings: str | None = None,
    numfmts: str = "",
    xfs: str = '<xf numFmtId="0"/>',
    workbook_pr: str = "",
    target: str = "worksheets/sheet{n}.xml",
    main: str = MAIN,
    rels: str = RELS,
) -> Path:
    """A workbook written part by part: sheets as (title, state, body inside <worksheet>)."""
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = [("/xl/workbook.xml", f"{ct}.sheet.main+xml"), ("/xl/styles.xml", f"{ct}.styles+xml")]
    overrides += [(f"/xl/worksheets/sheet{n}.xml", f"{ct}.worksheet+xml") for n in range(1, len(sheets) + 1)]
    if strings is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{ct}.sharedStrings+xml"))
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>",
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rels}">{workbook_pr}<sheets>'
        + "".join(
            f'<sheet name="{title}" sheetId="{n}" state="{state}" r:id="rId{n}"/>'
            for n, (title, state, _) in enumerate(sheets, start=1)
        )
        + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{n}" Type="{rels}/worksheet" Target="{target.format(n=n)}"/>'
            for n in range(1, len(sheets) + 1)
        )
        + "</Relationships>",
        "xl/styles.xml": f'<styleSheet xmlns="{main}"><numFmts>{numfmts}</numFmts>'
        '<fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        f'<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs>{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}">{strings}</sst>'
    for n, (_, _, body) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{n}.xml"] = f'<worksheet xmlns="{main}" xmlns:r="{rels}">{body}</worksheet>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def values(tables: list[list[list[datafiles.RawCell]]]) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in tables[0]]


EXCEL_NS = (
    f'xmlns="{MAIN}" xmlns:r="{RELS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" '
    'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
    'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"'
)


def test_a_workbook_as_excel_writes_it(tmp_path: Path) -> None:
    """Excel 365's parts: shared strings, escaped custom formats, spans, revision ids, extensions."""
    ct = "application/vnd.openxmlformats-officedocument"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.spreadsheetml.worksheet+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{ct}.spreadsheetml.worksheet+xml"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{ct}.theme+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{ct}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.spreadsheetml.sharedStrings+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f"<workbook {EXCEL_NS}>"
        '<fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/>'
        '<workbookPr defaultThemeVersion="166925"/>'
        '<mc:AlternateContent><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\ana\\" '
        'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice>'
        "</mc:AlternateContent>"
        '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/>'
        "</bookViews>"
        '<sheets><sheet name="Dados" sheetId="1" r:id="rId1"/><sheet name="Listas" sheetId="2" state="hidden" '
        'r:id="rId2"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        "Dados!$A$1:$G$3</definedName></definedNames>"
        '<calcPr calcId="191029"/></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId3" Type="{RELS}/theme" Target="theme/theme1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELS}/worksheet" Target="worksheets/sheet2.xml"/>'
        f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId5" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        f'<Relationship Id="rId4" Type="{RELS}/styles" Target="styles.xml"/></Relationships>',
        "xl/theme/theme1.xml": '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'name="Office Theme"/>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f"<styleSheet {EXCEL_NS}>"
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="mmm\\-yy"/>'
        '<numFmt numFmtId="165" formatCode="0.0%"/></numFmts>'
        '<fonts count="2" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/>'
        '<family val="2"/><scheme val="minor"/></font><font><b/><sz val="11"/><color theme="1"/>'
        '<name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        "</fill></fills>"
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
        'defaultPivotStyle="PivotStyleLight16"/></styleSheet>',
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<sst xmlns="{MAIN}" count="12" uniqueCount="8">'
        + "".join(
            f"<si><t>{text}</t></si>"
            for text in ("story", "measure", "period", "value", "note", "falls/ward-7", "falls-rate", "Sim")
        )
        + "</sst>",
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<worksheet {EXCEL_NS} xr:uid="{{00000000-0001-0000-0000-000000000000}}">'
        '<dimension ref="A1:E3"/><sheetViews><sheetView tabSelected="1" workbookViewId="0">'
        '<selection activeCell="E4" sqref="E4"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>'
        '<cols><col min="1" max="1" width="24.7109375" customWidth="1"/></cols><sheetData>'
        '<row r="1" spans="1:5" x14ac:dyDescent="0.25">'
        + "".join(f'<c r="{col}1" s="1" t="s"><v>{n}</v></c>' for n, col in enumerate("ABCDE"))
        + "</row>"
        '<row r="2" spans="1:5" x14ac:dyDescent="0.25"><c r="A2" t="s"><v>5</v></c><c r="B2" t="s"><v>6</v></c>'
        '<c r="C2" s="2"><v>46023</v></c><c r="D2" s="3"><v>0.123</v></c><c r="E2" s="4"><v>46030</v></c></row>'
        '<row r="3" spans="1:5" x14ac:dyDescent="0.25"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>6</v></c>'
        '<c r="C3" s="2"><v>46054</v></c><c r="D3" s="3"><f>D2*2</f><v>0.246</v></c>'
        '<c r="E3" t="s"><v>7</v></c></row>'
        '</sheetData><autoFilter ref="A1:E3" xr:uid="{6A1F0000-0000-0000-0000-000000000000}"/>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>',
        "xl/worksheets/sheet2.xml": f"<worksheet {EXCEL_NS}>"
        '<dimension ref="A1"/><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>',
    }
    path = tmp_path / "excel.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    assert fast_reads(path)
    [table] = same_either_way(path)
    assert [[c.value for c in row] for row in table] == [
        ["story", "measure", "period", "value", "note"],
        ["falls/ward-7", "falls-rate", dt.datetime(2026, 1, 1), 0.123, dt.datetime(2026, 1, 8)],
        ["falls/ward-7", "falls-rate", dt.datetime(2026, 2, 1), 0.246, "Sim"],
    ]
    assert [c.number_format for c in table[1]] == ["General", "General", "mmm\\-yy", "0.0%", "mm-dd-yy"]


CELL_XML = st.sampled_from(
    [
        "<v>1</v>",
        "<v>-2.5</v>",
        "<v>4.5E+3</v>",
        "",
        "<f>1+1</f><v>2</v>",
    ]
).map(lambda v: ("", v)) | st.sampled_from(
    [
        ('t="s"', "<v>0</v>"),
        ('t="s"', "<v>1</v>"),
        ('t="b"', "<v>1</v>"),
        ('t="str"', "<v>x</v>"),
        ('t="e"', "<v>#N/A</v>"),
        ('t="inlineStr"', "<is><t>in</t></is>"),
        ('s="1"', "<v>46000.5</v>"),
        ('s="2"', "<v>0.25</v>"),
        ('s="1"', ""),
    ]
)
ROWS = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(1, 9)),
        st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 6)), CELL_XML), max_size=5),
    ),
    max_size=6,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(ROWS, st.one_of(st.none(), st.tuples(st.integers(1, 7), st.integers(1, 10))), st.booleans())
def test_rows_and_cells_as_any_writer_may_lay_them_out(
    tmp_path: Path,
    rows: list[tuple[int | None, list[tuple[int | None, tuple[str, str]]]]],
    size: tuple[int, int] | None,
    hidden_first: bool,
) -> None:
    """Rows and cells with and without references, in any order, with or without a dimension:
    the fast reader gives openpyxl's rows or hands the file over."""
    xml = ""
    for number, cells in rows:
        xml += "<row>" if number is None else f'<row r="{number}">'
        for column, (attributes, inner) in cells:
            reference = "" if column is None else f' r="{chr(64 + column)}{number or 1}"'
            xml += f"<c{reference} {attributes}>{inner}</c>"
        xml += "</row>"
    dimension = "" if size is None else f'<dimension ref="A1:{chr(64 + size[0])}{size[1]}"/>'
    body = f"{dimension}<sheetData>{xml}</sheetData>"
    header = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>story</t></is></c></row></sheetData>'
    sheets = [("Lists", "hidden" if hidden_first else "visible", header), ("Data", "visible", body)]
    xfs = '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="9"/>'
    path = handmade(tmp_path / "b.xlsx", sheets, strings="<si><t>a</t></si><si><t>b</t></si>", xfs=xfs)
    same_rows_either_way(path)
    same_either_way(path)


def test_shared_strings_plain_rich_and_escaped(tmp_path: Path) -> None:
    strings = (
        "<si><t>story</t></si>"
        '<si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/></rPr><t>Ward </t></r>'
        '<r><rPr><i/></rPr><t xml:space="preserve">7 </t></r></si>'
        "<si><t>line_x005F_x000D_end x005F_</t></si>"
        "<si><t/></si>"
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>'
    )
    sheet = '<sheetData><row r="1">' + "".join(f'<c r="{col}1" t="s"><v>{n}</v></c>' for n, col in enumerate("ABCDE"))
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", sheet + "</row></sheetData>")], strings=strings)
    assert fast_reads(path)
    assert values(same_either_way(path)) == [["story", "Ward 7 ", "line_x000D_end ", "", "東京"]]


def test_inline_strings_and_every_cell_type(tmp_path: Path) -> None:
    body = (
        '<dimension ref="A1:I2"/><sheetData><row r="1">'
        '<c r="A1" t="inlineStr"><is><t>story</t></is></c>'
        '<c r="B1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></is></c>'
        '<c r="C1" t="inlineStr"/>'
        '<c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
        '<c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
        '<c r="F1" t="b"><v>1</v></c>'
        '<c r="G1"><f>1+1</f><v>2</v></c>'
        '<c r="H1"><f>A1</f></c>'
        '<c r="I1" t="n"><v>1.5E-3</v></c>'
        '</row><row r="2">'
        '<c r="A2" t="d"><v>2026-03-01</v></c><c r="B2" t="d"><v>2026-03-01T10:20:30.250</v></c>'
        '<c r="C2" t="d"><v>10:20</v></c><c r="D2" t="d"><v>PT1H30M</v></c><c r="E2" t="b"><v>0</v></c>'
        '<c r="F2"><v>-12</v></c><c r="G2"><v>123456789012345678901</v></c><c r="H2"><v>1e5</v></c>'
        "</row></sheetData>"
    )
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", body)])
    assert fast_reads(path)
    assert values(same_either_way(path)) == [
        ["story", "rich text", None, "ab", "#DIV/0!", True, 2, None, 0.0015],
        [
            dt.date(2026, 3, 1),
            dt.datetime(2026, 3, 1, 10, 20, 30, 250000),
            dt.time(10, 20),
            dt.timedelta(hours=1, minutes=30),
            False,
            -12,
            123456789012345678901,
            100000.0,
            None,  # padded to the dimension A1:I2
        ],
    ]


def test_cells_and_rows_without_references_and_gaps(tmp_path: Path) -> None:
    rows = (
        '<sheetData><row><c t="inlineStr"><is><t>story</t></is></c><c><v>1</v></c>'
        '<c r="E1"><v>5</v></c><c><v>6</v></c></row>'
        '<row r="4"><c r="B4"><v>2</v></c></row><row><c><v>3</v></c></row><row r="7"/></sheetData>'
    )
    for dimension in ("", '<dimension ref="A1:H7"/>'):
        path = handmade(tmp_path / "b.xlsx", [("S", "visible", dimension + rows)])
        assert fast_reads(path)
        table = same_either_way(path)[0]
        assert [len(row) for row in table] == ([6, 0, 0, 2, 1, 0, 0] if not dimension else [8] * 7)


def test_dates_by_number_format_and_epoch(tmp_path: Path) -> None:
    numfmts = '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm"/>'
    numfmts += '<numFmt numFmtId="166" formatCode="0.0&quot;d&quot;"/><numFmt numFmtId="167" formatCode="mm-dd-yy"/>'
    xfs = "".join(f'<xf numFmtId="{n}"/>' for n in (0, 164, 14, 165, 166, 9, 21, 167, 30))
    cells = [("46082", 1), ("46082.75", 2), ("0.5", 1), ("30.25", 3), ("12", 4), ("0.45", 5), ("0.75", 6)]
    cells += [("59", 2), ("61", 7), ("46082", 8), ("0", 1)]
    row = "".join(f'<c r="{chr(65 + i)}2" s="{s}"><v>{v}</v></c>' for i, (v, s) in enumerate(cells))
    body = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>story</t></is></c></row>'
    body += f'<row r="2">{row}</row></sheetData>'
    for workbook_pr in ("", '<workbookPr date1904="1"/>', '<workbookPr date1904="false"/>'):
        path = handmade(
            tmp_path / "b.xlsx", [("S", "visible", body)], numfmts=numfmts, xfs=xfs, workbook_pr=workbook_pr
        )
        assert fast_reads(path)
        table = same_either_way(path)[0]
        assert [c.number_format for c in table[1][:3]] == ["dd/mm/yyyy", "mm-dd-yy", "dd/mm/yyyy"]


def test_sheets_hidden_absolute_targets_and_a_missing_part(tmp_path: Path) -> None:
    body = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>story</t></is></c></row></sheetData>'
    sheets = [("Lists", "veryHidden", body), ("Data", "visible", body), ("Old", "hidden", body)]
    path = handmade(tmp_path / "b.xlsx", sheets, target="/xl/worksheets/sheet{n}.xml")
    assert fast_reads(path)
    [table] = same_either_way(path)
    assert table[0][0].location.sheet == "Data"
    assert [s.title for s in read_cells(path, 10, MAX_CELLS, MAX_UNPACKED)] == ["Lists", "Data", "Old"]


@pytest.mark.parametrize(
    "body",
    [
        # openpyxl drops what lies beyond the dimension (or comes out of order): it reads those files
        '<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row></sheetData>',
        '<dimension ref="A1:B1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="2"><c r="A2"><v>2</v></c></row></sheetData>',
        '<sheetData><row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>2</v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c><c r="B1"><v>3</v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData>',
        # what this reader does not know with certainty
        '<sheetData><row r="1"><c r="A1" s="0" t="x"><v>1</v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="A1" s="7"><v>1</v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="A1" t="b"><v>2</v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="A1"><v> 12 </v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="a1"><v>1</v></c></row></sheetData>',
        '<dimension ref="A1:B"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="A1" s="1"><v>1e300</v></c></row></sheetData>',
        '<sheetData><row r="1"><c r="A1" t="d"><v>yesterday</v></c></row></sheetData>',
    ],
)
def test_unusual_sheets_are_read_by_openpyxl(tmp_path: Path, body: str) -> None:
    """Each gives openpyxl's rows, or openpyxl's refusal (a date it cannot read, a style that is not there)."""
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", body)], xfs='<xf numFmtId="0"/><xf numFmtId="14"/>')
    assert not fast_reads(path)
    same_either_way(path)


@pytest.mark.filterwarnings("error")
def test_a_strict_workbook_is_read_by_openpyxl(tmp_path: Path) -> None:
    """openpyxl finds no worksheet in it: an error says how to save it, not an empty result (and
    not openpyxl's own warning)."""
    body = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>story</t></is></c></row></sheetData>'
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", body)], main=STRICT_MAIN, rels=STRICT_RELS)
    assert not fast_reads(path)
    same_either_way(path)
    diagnostics = Diagnostics()
    assert read_xlsx(path, "content/data/b.xlsx", diagnostics) == []
    assert [d.format() for d in diagnostics] == [
        "content/data/b.xlsx: error: no worksheet could be read; save the workbook as Excel Workbook (.xlsx), "
        "not Strict Open XML [data.file]"
    ]


def test_a_dtd_is_read_by_openpyxl(tmp_path: Path) -> None:
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", "<sheetData/>")])
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/workbook.xml"] = b'<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY e "x">]>' + parts["xl/workbook.xml"]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert not fast_reads(path)
    diagnostics = Diagnostics()
    assert read_xlsx(path, "book.xlsx", diagnostics) == []
    [message] = [d.format() for d in diagnostics]
    assert message.startswith("book.xlsx: error: cannot read the workbook (ValueError: ")  # openpyxl's refusal


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>story</t></is></c></row></sheetData>'
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", body + " " * 5000)])
    with pytest.raises(WorkbookTooLargeError):
        read_cells(path, 10, MAX_CELLS, max_unpacked=4000)
    monkeypatch.setattr(datafiles, "MAX_UNPACKED", 4000)
    diagnostics = Diagnostics()
    assert read_xlsx(path, "content/data/b.xlsx", diagnostics) == []
    assert [d.format() for d in diagnostics] == [
        "content/data/b.xlsx: error: the workbook unpacks to more than 0 MB; split it [data.file]"
    ]


def test_rows_beyond_the_limit_are_left_to_openpyxl(tmp_path: Path) -> None:
    body = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="12"><c r="A12"><v>1</v></c></row></sheetData>'
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", body)])
    with pytest.raises(UnusualWorkbookError):
        read_cells(path, 11, MAX_CELLS, MAX_UNPACKED)
    assert len(read_cells(path, 12, MAX_CELLS, MAX_UNPACKED)[0].rows) == 12


def test_a_dimension_larger_than_the_limit_is_refused_not_padded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1 KB file whose dimension claims 16,384 columns must not make millions of empty cells."""
    body = '<dimension ref="A1:XFD200000"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    body += '<row r="200000"><c r="A200000"><v>2</v></c></row></sheetData>'
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", body)])
    assert not fast_reads(path)  # past MAX_CELLS: openpyxl streams the rows, `located` stops them
    monkeypatch.setattr(datafiles, "MAX_CELLS", 50_000)
    diagnostics = Diagnostics()
    [table] = read_xlsx(path, "b.xlsx", diagnostics)
    assert len(table) == 50_000 // 16_384
    assert [d.format() for d in diagnostics] == [
        "b.xlsx:S!4:4: error: more than 50,000 cells; split the sheet [data.file]"
    ]


def test_empty_rows_past_the_dimension_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    body = '<dimension ref="A1:B3"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    body += '<row r="5" ht="20" customHeight="1"/><row r="9"><c r="C9" s="0"/></row></sheetData>'
    path = handmade(tmp_path / "b.xlsx", [("S", "visible", body)])
    assert fast_reads(path)
    assert values(same_either_way(path)) == [[1, None], [None, None], [None, None]]


def test_layout_pads_gaps_as_openpyxl_does() -> None:
    cell = ("x", "General")
    empty = (None, None)
    assert layout([(2, [(2, cell)])], None, 100) == [[], [empty, cell]]
    assert layout([(2, [(2, cell)])], (3, 4), 100) == [[empty] * 3, [empty, cell, empty]]
    # past the dimension's last row: empty rows up to it, then nothing (openpyxl stops there)
    assert layout([(1, [(1, cell)]), (6, [(1, (None, "General"))])], (1, 3), 100) == [[cell], [empty], [empty]]
    # a cell past the dimension's width without a value is dropped, as openpyxl drops it
    assert layout([(1, [(1, cell), (4, (None, "0%"))])], (2, 1), 100) == [[cell, empty]]
    with pytest.raises(UnusualWorkbookError):
        layout([(1, [(1, cell)]), (4, [(2, cell)])], (2, 3), 100)
    with pytest.raises(UnusualWorkbookError):
        layout([(3, [(1, cell)])], (40, 3), 100)


# The sample --------------------------------------------------------------------------------------
def test_the_sample_workbook_reads_the_same_fast() -> None:
    assert fast_reads(SAMPLE)
    [table] = same_either_way(SAMPLE)
    assert len(table) == 39 and table[0][0].value == "story"


def test_reading_the_sample_does_not_import_openpyxl() -> None:
    code = (
        "import sys; from pathlib import Path\n"
        "from generator.diagnostics import Diagnostics\n"
        "from generator.source.datafiles import load_data_files\n"
        "from generator.source.project import Project\n"
        f"found = load_data_files(Project(Path({str(ROOT)!r})), Diagnostics())\n"
        "print(len(found.rows), 'openpyxl' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    rows, imported = result.stdout.split()
    assert int(rows) > 30 and imported == "False"
