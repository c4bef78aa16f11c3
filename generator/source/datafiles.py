"""Load stage, data files: result points from CSV and Excel files under `content/data/`, cell by cell."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import logging
import re
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, Location
from generator.model.fields import PERIOD_PATTERN
from generator.source.files import RefusedFileError, check_file
from generator.source.project import Project
from generator.source.yamlfile import decode_text

logger = logging.getLogger(__name__)

#: The columns of a data file, in the order the template writes them; the first four are required.
COLUMNS = ("story", "measure", "period", "value", "numerator", "denominator", "note")
REQUIRED = COLUMNS[:4]
NUMBERS = ("value", "numerator", "denominator")
SUFFIXES = (".csv", ".xlsx")
#: Other spreadsheet formats: named in a warning, never read.
OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".numbers", ".tsv", ".txt")
#: Untrusted input: a data file larger than this, or with more rows, is refused.
MAX_BYTES = 20_000_000
MAX_ROWS = 200_000
#: A workbook whose parts unpack to more than this is refused: a zip bomb must not exhaust memory.
MAX_UNPACKED = 200_000_000
#: Cells of one sheet, empty ones included (a row is as wide as the sheet's `<dimension>` says).
MAX_CELLS = 2_000_000
MAX_TEXT = 500
LIMIT = 1e12
PERIOD = re.compile(PERIOD_PATTERN)
CellValue = str | float | int | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None


@dataclass(frozen=True)
class DataRow:
    """One point as a data file gives it: typed cells, and where each cell is."""

    row: Location
    story: str
    measure: str
    period: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    note: str = ""
    #: Column name → the cell's location (for messages about one value).
    cells: dict[str, Location] = field(default_factory=dict, compare=False)
    #: Decimal places the value was written with (a computed value is compared at that precision).
    decimals: int = 0

    def at(self, column: str) -> Location:
        return self.cells.get(column, self.row)


@dataclass
class DataFiles:
    """Every point read from the project's data files, in file and row order."""

    rows: list[DataRow] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RawCell:
    """A cell before typing: its value, its number format (Excel) and its location."""

    value: CellValue
    location: Location
    #: None for a cell the workbook leaves out (openpyxl's empty cell has no number format).
    number_format: str | None = "General"
    decimal_comma: bool = False


def load_data_files(project: Project, diagnostics: Diagnostics) -> DataFiles:
    """Read every `.csv` and `.xlsx` file under `content/data/` (sub-folders too); never writes."""
    found = DataFiles()
    for path in data_file_paths(project, diagnostics):
        display = project.display(path)
        found.files.append(display)
        if path.stat().st_size > MAX_BYTES:
            diagnostics.error(
                Location(display), f"the file is larger than {MAX_BYTES // 1_000_000} MB; split it", "data.file"
            )
            continue
        tables = (
            read_csv(path, display, diagnostics)
            if path.suffix.lower() == ".csv"
            else read_xlsx(path, display, diagnostics)
        )
        for table in tables:
            found.rows += read_table(table, diagnostics)
    logger.debug("read %d data points from %d files", len(found.rows), len(found.files))
    return found


def data_file_paths(project: Project, diagnostics: Diagnostics) -> list[Path]:
    folder = project.data
    if not folder.is_dir():
        return []
    paths: list[Path] = []
    for path in sorted(folder.rglob("*")):
        if path.is_dir() or any(part.startswith((".", "~$")) for part in path.relative_to(folder).parts):
            continue  # hidden files and the lock files Excel leaves beside an open workbook
        suffix = path.suffix.lower()
        if suffix in SUFFIXES:
            try:
                check_file(path, project.root)  # untrusted: a regular file inside the project
            except RefusedFileError as exc:
                diagnostics.error(Location(project.display(path)), str(exc), exc.code)
                continue
            paths.append(path)
        elif suffix in OTHER_SPREADSHEETS:
            diagnostics.warning(
                Location(project.display(path)),
                "ignored: data files are read as .csv (UTF-8) or .xlsx; save it in one of those formats",
                "data.file",
            )
    return paths


# CSV ------------------------------------------------------------------------------------------
def read_csv(path: Path, display: str, diagnostics: Diagnostics) -> list[list[list[RawCell]]]:
    """One table of cells; comma-separated, or semicolon-separated with decimal commas (as
    spreadsheets save CSV in much of Europe)."""
    text = decode_text(path, display, diagnostics)
    if text is None:
        return []
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    table: list[list[RawCell]] = []
    start = 1
    try:
        for record in reader:
            table.append(
                [
                    RawCell(value, Location(display, start, index), decimal_comma=delimiter == ";")
                    for index, value in enumerate(record, start=1)
                ]
            )
            start = reader.line_num + 1
            if len(table) > MAX_ROWS + 1:
                diagnostics.error(Location(display), f"more than {MAX_ROWS:,} rows; split the file", "data.file")
                return []
    except csv.Error as exc:
        diagnostics.error(Location(display, reader.line_num), f"CSV syntax error: {exc}", "data.syntax")
        return []
    return [table]


# Excel ----------------------------------------------------------------------------------------
def read_xlsx(path: Path, display: str, diagnostics: Diagnostics, fast: bool = True) -> list[list[list[RawCell]]]:
    """One table per visible worksheet (hidden sheets hold lists, like the template's). Ordinary
    workbooks are read by `xlsxcells` without openpyxl (its import costs more than the reading);
    anything else, or with `fast=False`, by openpyxl, which also says what is wrong with a file."""
    if fast:
        from generator.source.xlsxcells import UnusualWorkbookError, WorkbookTooLargeError, read_cells

        try:
            sheets = read_cells(path, MAX_ROWS + 1, MAX_CELLS, MAX_UNPACKED)
        except UnusualWorkbookError as exc:
            logger.debug("%s: read with openpyxl (%s)", display, exc)
        except WorkbookTooLargeError:
            message = f"the workbook unpacks to more than {MAX_UNPACKED // 1_000_000} MB; split it"
            diagnostics.error(Location(display), message, "data.file")
            return []
        else:
            if not sheets:
                no_worksheet(display, diagnostics)
            tables = [located(s.rows, display, s.title, diagnostics) for s in sheets if s.state == "visible"]
            return [table for table in tables if has_header(table)]
    # openpyxl's warnings about parts Changekit does not read (extensions, styles, definitions it
    # drops) are not the author's concern: the diagnostics say what matters.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return read_xlsx_openpyxl(path, display, diagnostics)


def no_worksheet(display: str, diagnostics: Diagnostics) -> None:
    """A workbook always has a worksheet; none read means a format the readers do not know (Excel's
    "Strict Open XML Spreadsheet" reads as empty), not an empty workbook."""
    message = "no worksheet could be read; save the workbook as Excel Workbook (.xlsx), not Strict Open XML"
    diagnostics.error(Location(display), message, "data.file")


def read_xlsx_openpyxl(path: Path, display: str, diagnostics: Diagnostics) -> list[list[list[RawCell]]]:
    import zipfile

    load_openpyxl()
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    #: What openpyxl raises on a damaged workbook, on opening it or reading a sheet.
    damaged = (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, IndexError)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except damaged as exc:
        cannot_read(display, exc, diagnostics)
        return []
    tables: list[list[list[RawCell]]] = []
    if not workbook.worksheets:
        no_worksheet(display, diagnostics)
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue
            table = located(sheet_cells(sheet), display, sheet.title, diagnostics)
            if has_header(table):
                tables.append(table)
    except damaged as exc:
        cannot_read(display, exc, diagnostics)
        return []
    finally:
        workbook.close()
    return tables


def cannot_read(display: str, exc: Exception, diagnostics: Diagnostics) -> None:
    message = f"cannot read the workbook ({type(exc).__name__}: {str(exc)[:120]}); save it again as .xlsx"
    diagnostics.error(Location(display), message, "data.file")


def load_openpyxl() -> None:
    """Import openpyxl without numpy: openpyxl imports it (70 ms, half its import) only to accept
    numpy numbers as cell values when writing, and Changekit reads workbooks with Python values."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        del sys.modules["numpy"]


def sheet_cells(sheet: Any) -> Iterator[list[tuple[CellValue, str | None]]]:
    """An openpyxl read-only sheet's rows: each cell's value and number format (None for the
    empty cells openpyxl pads rows with)."""
    for row in sheet.iter_rows(min_row=1, min_col=1):
        yield [(cell.value, getattr(cell, "number_format", "General")) for cell in row]


def located(
    rows: Iterable[Sequence[tuple[CellValue, str | None]]], display: str, title: str, diagnostics: Diagnostics
) -> list[list[RawCell]]:
    """A sheet's table, each cell with its location; stopped (reported) past MAX_ROWS rows or
    MAX_CELLS cells (a row padded to a huge dimension must not exhaust memory)."""
    table: list[list[RawCell]] = []
    cells = 0
    for number, row in enumerate(rows, start=1):
        cells += len(row)
        if number > MAX_ROWS + 1 or cells > MAX_CELLS:
            what = f"{MAX_ROWS:,} rows" if number > MAX_ROWS + 1 else f"{MAX_CELLS:,} cells"
            diagnostics.error(Location(display, number, sheet=title), f"more than {what}; split the sheet", "data.file")
            break
        table.append(
            [
                RawCell(value, Location(display, number, column, sheet=title), number_format)
                for column, (value, number_format) in enumerate(row, start=1)
            ]
        )
    return table


def has_header(table: list[list[RawCell]]) -> bool:
    """A sheet is a table when its first row holds something (an empty sheet is left out)."""
    return bool(table and table[0] and any(c.value is not None for c in table[0]))


# Tables → rows --------------------------------------------------------------------------------
def read_table(table: list[list[RawCell]], diagnostics: Diagnostics) -> list[DataRow]:
    """Check the header, then type every row; a row with a bad cell is reported and left out."""
    rows = [row for row in table if any(not blank(cell.value) for cell in row)]
    if not rows:
        return []
    columns = read_header(rows[0], diagnostics)
    if columns is None:
        return []
    typed = [read_row(row, columns, diagnostics) for row in rows[1:]]
    return [row for row in typed if row is not None]


def read_header(cells: list[RawCell], diagnostics: Diagnostics) -> dict[str, int] | None:
    """Column name → index; None (reported) when a required column is missing or one is unknown."""
    columns: dict[str, int] = {}
    suggested: set[str] = set()  # a misspelt column is reported once, not also as missing
    ok = True
    for index, cell in enumerate(cells):
        if blank(cell.value):
            continue
        name = str(cell.value).strip().lower()
        if name in columns:
            diagnostics.error(cell.location, f"the column '{clip(name)}' appears twice; keep one", "data.header")
            ok = False
        elif name not in COLUMNS:
            hint = suggest(name, COLUMNS)
            suggested.add(hint.split("'")[1] if hint else "")
            message = f"unknown column '{clip(name)}'{hint}; the columns are {', '.join(COLUMNS)}"
            diagnostics.error(cell.location, message, "data.header")
            ok = False
        else:
            columns[name] = index
    missing = [name for name in REQUIRED if name not in columns]
    if missing and not set(missing) <= suggested:
        where = cells[0].location
        row = Location(where.path, where.line, 0, sheet=where.sheet)
        message = f"the first row must name the columns {', '.join(REQUIRED)}; missing: {', '.join(missing)}"
        diagnostics.error(row, message, "data.header")
        ok = False
    return columns if ok else None


def read_row(cells: list[RawCell], columns: dict[str, int], diagnostics: Diagnostics) -> DataRow | None:
    first = cells[0].location
    row = Location(first.path, first.line, 0, sheet=first.sheet)
    located: dict[str, RawCell] = {}
    for name, index in columns.items():
        located[name] = cells[index] if index < len(cells) else RawCell(None, column_location(first, index + 1))
    values: dict[str, Any] = {}
    ok = True
    for name in COLUMNS:
        cell = located.get(name)
        if cell is None:
            continue
        try:
            values[name] = read_cell(name, cell)
        except ValueError as exc:
            diagnostics.error(cell.location, str(exc), "data.value" if name in NUMBERS else "data.format")
            ok = False
    if not ok:
        return None
    return DataRow(
        row=row,
        story=values["story"],
        measure=values["measure"],
        period=values["period"],
        value=values["value"],
        numerator=values.get("numerator"),
        denominator=values.get("denominator"),
        note=values.get("note", ""),
        cells={name: cell.location for name, cell in located.items()},
        decimals=decimals_of(located["value"]),
    )


def column_location(first: Location, column: int) -> Location:
    return Location(first.path, first.line, column, sheet=first.sheet)


def read_cell(name: str, cell: RawCell) -> Any:
    """The typed value of one cell, or ValueError with a message that says what to write."""
    if name in NUMBERS:
        return read_number(name, cell)
    if name == "period":
        return read_period(cell)
    if name == "note":
        return "" if blank(cell.value) else clip(" ".join(str(cell.value).split()), MAX_TEXT)
    if blank(cell.value):
        example = "topic-id/story-id" if name == "story" else "measure-id"
        raise ValueError(f"the {name} is missing; write it as {example}")
    if not isinstance(cell.value, str | int):
        raise ValueError(f"expected the {name}'s id as text, found {describe(cell.value)}")
    return str(cell.value).strip()


def read_period(cell: RawCell) -> str:
    value = cell.value
    if isinstance(value, dt.datetime | dt.date) and not isinstance(value, dt.time):
        day = value.date() if isinstance(value, dt.datetime) else value
        # A date cell formatted without the day ("mmm-yy", "yyyy-mm") is a month, as it shows.
        return day.strftime("%Y-%m") if "d" not in (cell.number_format or "").lower() else day.isoformat()
    if blank(value):
        raise ValueError("the period is missing; write YYYY-MM (monthly) or YYYY-MM-DD")
    text = str(value).strip()
    if not isinstance(value, str) or not PERIOD.match(text):
        raise ValueError(f"'{clip(text)}' is not a period; write YYYY-MM (monthly) or YYYY-MM-DD")
    if len(text) == 10:
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a day of the calendar; write YYYY-MM-DD") from None
    return text


def read_number(name: str, cell: RawCell) -> float | None:
    value = cell.value
    if blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"the {name} must be a number, found {describe(value)}")
    if isinstance(value, str):
        number = parse_number(name, value.strip(), cell.decimal_comma)
    else:
        number = float(value) * (100 if "%" in (cell.number_format or "") else 1)  # a cell shown as 45 % holds 0.45
    if number != number or abs(number) > LIMIT:
        raise ValueError(f"the {name} {clip(str(value))} is out of range")
    return number


NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_number(name: str, text: str, decimal_comma: bool) -> float:
    written = text.replace(",", ".") if decimal_comma and text.count(",") == 1 and "." not in text else text
    if NUMBER.match(written):
        return float(written)
    hint = ""
    if text.endswith("%"):
        hint = f"; write {text[:-1].strip()} without the % sign"
    elif "," in text:
        hint = "; write decimals with a point (12.5) and no thousands separator"
    raise ValueError(f"the {name} '{clip(text)}' is not a number{hint}")


def decimals_of(cell: RawCell) -> int:
    """How many decimal places a value was written with: `33` → 0, `33.3` → 1 (Excel: as stored)."""
    value = cell.value
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value) * (100 if "%" in (cell.number_format or "") else 1)
        text = repr(round(number, 9))
    else:
        return 0
    if "e" in text.lower() or "." not in text:
        return 0
    return len(text.split(".", 1)[1].rstrip("0")) if isinstance(value, int | float) else len(text.split(".", 1)[1])


def suggest(word: str, options: tuple[str, ...]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def describe(value: CellValue) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).upper()}"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return f"the date {value.isoformat()}"
    return f"'{clip(str(value))}'"


def clip(text: str, limit: int = 40) -> str:
    """Untrusted text quoted in a message: printable characters only, and not too long."""
    printable = "".join(ch if ch.isprintable() else "?" for ch in text)
    return printable if len(printable) <= limit else printable[: limit - 1] + "…"
