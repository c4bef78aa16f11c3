"""An Excel workbook's cells read fast with the standard library, exactly as openpyxl reads them.

`read_cells` reads the workbooks Excel, LibreOffice, Google Sheets and openpyxl write (transitional
OOXML) and gives, sheet by sheet, the rows `openpyxl.load_workbook(path, read_only=True,
data_only=True)` gives through `iter_rows(min_row=1, min_col=1)`: the same values (shared and
inline strings, numbers cast as openpyxl casts them, dates by the workbook's epoch), the same
number formats, the same row widths (the sheet's `<dimension>` pads them) and the same empty rows.
It imports no openpyxl (76 ms on the authoring loop). For anything it does not understand with
certainty — strict OOXML, a DTD, a missing part, an unknown cell type, a row openpyxl would drop,
a date out of range — it raises `UnusualWorkbookError` and the caller reads the file with
openpyxl, which also says what is wrong. It reads only the parts that hold values and number
formats: fonts, fills, borders, document properties, the theme, defined names, chartsheets and
page settings are neither read nor checked.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree as ET

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORKSHEET_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
_SHEET_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_MACRO_MIME = "application/vnd.ms-excel"
#: openpyxl's order: the first content type found names the workbook part.
WORKBOOK_TYPES = (
    f"{_MACRO_MIME}.template.macroEnabled.main+xml",
    f"{_SHEET_MIME}.template.main+xml",
    f"{_MACRO_MIME}.sheet.macroEnabled.main+xml",
    f"{_SHEET_MIME}.sheet.main+xml",
)
SHARED_STRINGS_TYPE = f"{_SHEET_MIME}.sharedStrings+xml"
STYLES = "xl/styles.xml"  # openpyxl reads the stylesheet from this fixed path

Value = str | float | int | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None
#: A cell as openpyxl gives it: its value and number format (None for a cell the file leaves out).
Cell = tuple[Value, str | None]
EMPTY: Cell = (None, None)

BUILTIN_FORMATS = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)',
    6: '"$"#,##0_);[Red]("$"#,##0)',
    7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)',
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    22: "m/d/yy h:mm",
    37: "#,##0_);(#,##0)",
    38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)",
    40: "#,##0.00_);[Red](#,##0.00)",
    41: r'_(* #,##0_);_(* \(#,##0\);_(* "-"_);_(@_)',
    42: r'_("$"* #,##0_);_("$"* \(#,##0\);_("$"* "-"_);_(@_)',
    43: r'_(* #,##0.00_);_(* \(#,##0.00\);_(* "-"??_);_(@_)',
    44: r'_("$"* #,##0.00_)_("$"* \(#,##0.00\)_("$"* "-"??_)_(@_)',
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
CUSTOM_FORMATS_START = 164
#: openpyxl's `is_date_format` and `is_timedelta_format` (styles/numbers.py).
STRIP = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYS]")
TIMEDELTA = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.I)
#: openpyxl's `from_ISO8601` (utils/datetime.py).
ISO_REGEX = re.compile(
    r"""(?P<date>(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?T?
    (?P<time>(?P<hour>\d{2}):(?P<minute>\d{2})(:(?P<second>\d{2})(?P<microsecond>\.\d{1,3})?)?)?Z?""",
    re.VERBOSE,
)
ISO_DURATION = re.compile(r"PT((?P<hours>\d+)H)?((?P<minutes>\d+)M)?((?P<seconds>\d+(\.\d{1,3})?)S)?")
WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)

#: What this reader accepts of the texts openpyxl converts (anything else: openpyxl reads it).
NUMBER = re.compile(r"-?(?:\d{1,40}(?:\.\d{0,40})?|\.\d{1,40})(?:[eE][-+]?\d{1,4})?\Z")
INDEX = re.compile(r"(?:0|[1-9]\d{0,8})\Z")
COORDINATE = re.compile(r"([A-Z]{1,3})([1-9]\d{0,6})\Z")
RANGE = re.compile(r"([A-Z]{1,3})([1-9]\d{0,6})(?::([A-Z]{1,3})([1-9]\d{0,6}))?\Z")
XML_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
MAX_COLUMN = 16_384
MAX_ROW = 1_048_576
TEXT_CHILDREN = {f"{MAIN}t", f"{MAIN}r", f"{MAIN}rPh", f"{MAIN}phoneticPr"}
RUN_CHILDREN = {f"{MAIN}t", f"{MAIN}rPr"}
CELL_TYPES = {"n", "s", "str", "b", "e", "d", "inlineStr"}


class UnusualWorkbookError(Exception):
    """The workbook is not of the ordinary shape this reader mirrors: read it with openpyxl."""


class WorkbookTooLargeError(Exception):
    """The workbook's parts unpack to more than the limit (a zip bomb must not exhaust memory)."""


class Sheet(NamedTuple):
    """A worksheet as openpyxl lists it: its title, its state and (visible sheets) its rows."""

    title: str
    state: str
    rows: list[list[Cell]]


class Styles(NamedTuple):
    """Per cell style (`s`): its number format, whether it shows a date, whether a duration."""

    formats: list[str]
    dates: frozenset[int]
    durations: frozenset[int]


class Limits(NamedTuple):
    """Past these (a row's number, the cells of a sheet's padded rows) openpyxl's reading is used."""

    rows: int
    cells: int


class Book(NamedTuple):
    """What every sheet's cells depend on: the shared strings, the styles and the date epoch."""

    strings: list[str]
    styles: Styles
    epoch: dt.datetime


def read_cells(path: Path, max_rows: int, max_cells: int, max_unpacked: int) -> list[Sheet]:
    """Every worksheet (not chartsheets) in workbook order; only visible sheets' rows are read.
    Raises UnusualWorkbookError (read it with openpyxl) or WorkbookTooLargeError (refuse it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_unpacked_size(archive, max_unpacked)
            return read_archive(archive, Limits(max_rows, max_cells))
    except (zipfile.BadZipFile, OSError, ET.ParseError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise UnusualWorkbookError(f"{type(exc).__name__}: {exc}") from None
    except (ValueError, OverflowError, KeyError, IndexError, TypeError) as exc:  # a case this reader missed
        raise UnusualWorkbookError(f"{type(exc).__name__}: {exc}") from None


def check_unpacked_size(archive: zipfile.ZipFile, limit: int) -> None:
    """zipfile stops reading a member at its declared size, so the declared sizes bound memory."""
    total = sum(info.file_size for info in archive.infolist())
    if total > limit:
        raise WorkbookTooLargeError(f"the workbook unpacks to {total:,} bytes")


def read_archive(archive: zipfile.ZipFile, limits: Limits) -> list[Sheet]:
    names = set(archive.namelist())
    overrides = content_types(parse(archive, "[Content_Types].xml"))
    workbook_part = next((overrides[t] for t in WORKBOOK_TYPES if t in overrides), None)
    if workbook_part is None:
        raise UnusualWorkbookError("no workbook part in the content types")
    strings_part = overrides.get(SHARED_STRINGS_TYPE)
    strings = read_shared_strings(archive, strings_part) if strings_part else []
    workbook = parse(archive, workbook_part)
    book = Book(strings, read_styles(parse(archive, STYLES)), epoch_of(workbook))
    targets = relationship_targets(archive, workbook_part)
    sheets: list[Sheet] = []
    for title, state, relation in sheet_entries(workbook):
        if relation not in targets:
            raise UnusualWorkbookError(f"no relationship {relation}")
        kind, target = targets[relation]
        if target not in names or "chartsheet" in kind:
            continue  # openpyxl leaves out sheets whose part is missing, and chartsheets
        if kind != WORKSHEET_TYPE:
            raise UnusualWorkbookError(f"sheet of type {kind}")
        sheets.append(Sheet(title, state, read_rows(archive, target, state == "visible", book, limits)))
    return sheets


# XML ------------------------------------------------------------------------------------------
def member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part's bytes, refused unless UTF-8 without a DTD (no entity can then be declared)."""
    try:
        data = archive.read(name)
    except KeyError:
        raise UnusualWorkbookError(f"no part {name}") from None
    head = data[3:300] if data.startswith(b"\xef\xbb\xbf") else data[:300]
    if b"\x00" in head or not head.lstrip(b" \t\r\n").startswith(b"<"):
        raise UnusualWorkbookError(f"{name} is not UTF-8 XML")
    declared = XML_DECLARATION.match(head.lstrip(b" \t\r\n"))
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise UnusualWorkbookError(f"{name} is encoded as {declared.group(1)!r}")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnusualWorkbookError(f"{name} has a DTD")
    return data


def parse(archive: zipfile.ZipFile, name: str) -> ET.Element:
    return ET.fromstring(member(archive, name))


def single(parent: ET.Element, tag: str) -> ET.Element | None:
    """A child that may appear once (openpyxl would keep the last of several)."""
    found = parent.findall(tag)
    if len(found) > 1:
        raise UnusualWorkbookError(f"{tag} repeated")
    return found[0] if found else None


def expect(element: ET.Element, tag: str) -> ET.Element:
    if element.tag != tag:
        raise UnusualWorkbookError(f"expected {tag}, found {element.tag}")
    return element


def content_types(root: ET.Element) -> dict[str, str]:
    """Content type → part name of its first override (openpyxl finds parts this way)."""
    found: dict[str, str] = {}
    for override in expect(root, f"{CONTENT_TYPES}Types").iterfind(f"{CONTENT_TYPES}Override"):
        kind, name = override.get("ContentType"), override.get("PartName")
        if kind is None or name is None:
            raise UnusualWorkbookError("an override without its content type or part name")
        found.setdefault(kind, name[1:])
    return found


def relationship_targets(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target part), targets resolved as openpyxl's `get_dependents`."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    parent = posixpath.split(posixpath.dirname(rels))[0]
    targets: dict[str, tuple[str, str]] = {}
    for relation in expect(parse(archive, rels), f"{PKG_REL}Relationships"):
        ident, kind, target = relation.get("Id"), relation.get("Type"), relation.get("Target")
        if relation.tag != f"{PKG_REL}Relationship" or ident is None or kind is None or target is None:
            raise UnusualWorkbookError("an unusual relationship")
        if relation.get("TargetMode") == "External":
            raise UnusualWorkbookError("an external relationship")
        resolved = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(parent, target))
        targets[ident] = (kind, resolved)
    return targets


# Workbook -------------------------------------------------------------------------------------
def epoch_of(workbook: ET.Element) -> dt.datetime:
    expect(workbook, f"{MAIN}workbook")
    if workbook.find(f"{MAIN}externalReferences") is not None:
        raise UnusualWorkbookError("external references")
    properties = single(workbook, f"{MAIN}workbookPr")
    flag = None if properties is None else properties.get("date1904")
    if flag not in (None, "0", "1", "false", "true"):
        raise UnusualWorkbookError(f"date1904={flag!r}")
    return MAC_EPOCH if flag in ("1", "true") else WINDOWS_EPOCH


def sheet_entries(workbook: ET.Element) -> Iterator[tuple[str, str, str]]:
    """(title, state, relationship id) of each `<sheet>`, in order."""
    listed = single(workbook, f"{MAIN}sheets")
    for entry in [] if listed is None else list(listed):
        title, state, relation = entry.get("name"), entry.get("state", "visible"), entry.get(f"{REL}id")
        if entry.tag != f"{MAIN}sheet" or title is None or not relation or not INDEX.match(entry.get("sheetId", "")):
            raise UnusualWorkbookError("an unusual sheet entry")
        if state not in ("visible", "hidden", "veryHidden"):
            raise UnusualWorkbookError(f"sheet state {state!r}")
        yield title, state, relation


# Shared strings and styles --------------------------------------------------------------------
def read_shared_strings(archive: zipfile.ZipFile, part: str) -> list[str]:
    """openpyxl's `read_string_table`: each `<si>`'s text, runs joined, `x005F_` removed."""
    strings: list[str] = []
    for _, element in ET.iterparse(io.BytesIO(member(archive, part))):
        if element.tag == f"{MAIN}si":
            strings.append(text_content(element).replace("x005F_", ""))
            element.clear()
    return strings


def text_content(element: ET.Element) -> str:
    """openpyxl's `Text.from_tree(element).content`: the last `<t>`, then each run's last `<t>`."""
    plain: str | None = None
    runs: list[str] = []
    for child in element:
        if child.tag not in TEXT_CHILDREN:
            raise UnusualWorkbookError(f"text with a {child.tag}")
        if child.tag == f"{MAIN}t":
            plain = text_of(child)
        elif child.tag == f"{MAIN}r":
            run = run_text(child)
            if run is not None:
                runs.append(run)
    return "".join(([plain] if plain is not None else []) + runs)


def run_text(run: ET.Element) -> str | None:
    text: str | None = None
    for child in run:
        if child.tag not in RUN_CHILDREN:
            raise UnusualWorkbookError(f"a text run with a {child.tag}")
        if child.tag == f"{MAIN}t":
            text = text_of(child)
    return text


def text_of(element: ET.Element) -> str | None:
    if len(element):
        raise UnusualWorkbookError("text with markup inside")
    return element.text


def read_styles(root: ET.Element) -> Styles:
    """openpyxl's stylesheet: each `cellXfs` entry's number format (custom ones by code)."""
    expect(root, f"{MAIN}styleSheet")
    single(root, f"{MAIN}numFmts")
    if single(root, f"{MAIN}cellXfs") is None:
        raise UnusualWorkbookError("no cell styles")
    custom: dict[int, str] = {}
    for numfmt in root.iterfind(f"{MAIN}numFmts/{MAIN}numFmt"):
        ident, code = numfmt.get("numFmtId", ""), numfmt.get("formatCode")
        if not INDEX.match(ident) or code is None:
            raise UnusualWorkbookError("an unusual number format")
        custom[int(ident)] = code
    formats = [format_of(xf.get("numFmtId", "0"), custom) for xf in root.iterfind(f"{MAIN}cellXfs/{MAIN}xf")]
    if not formats:
        raise UnusualWorkbookError("no cell styles")
    dates = frozenset(i for i, code in enumerate(formats) if is_date_format(code))
    durations = frozenset(i for i, code in enumerate(formats) if TIMEDELTA.search(code.split(";")[0]))
    return Styles(formats, dates, durations)


def format_of(ident: str, custom: dict[int, str]) -> str:
    if not INDEX.match(ident):
        raise UnusualWorkbookError(f"numFmtId={ident!r}")
    number = int(ident)
    if number in custom:
        return custom[number]
    if number >= CUSTOM_FORMATS_START:
        raise UnusualWorkbookError(f"undefined number format {number}")
    return BUILTIN_FORMATS.get(number, "General")


def is_date_format(code: str) -> bool:
    return DATE_LETTER.search(STRIP.sub("", code.split(";")[0])) is not None


# Worksheets -----------------------------------------------------------------------------------
def read_rows(archive: zipfile.ZipFile, part: str, visible: bool, book: Book, limits: Limits) -> list[list[Cell]]:
    """A visible sheet's rows; of a hidden one only the dimension, which openpyxl reads on opening."""
    reader = SheetReader(book, limits.rows)
    reader.read(member(archive, part), rows=visible)
    return layout(reader.parsed, reader.dimension, limits.cells)


class SheetReader:
    """openpyxl's `WorkSheetParser` for values: rows and cells with their counters."""

    def __init__(self, book: Book, max_rows: int) -> None:
        self.book = book
        self.max_rows = max_rows
        self.dimension: tuple[int, int] | None = None
        self.parsed: list[tuple[int, list[tuple[int, Cell]]]] = []
        self.row_counter = 0
        self.col_counter = 0

    def read(self, data: bytes, rows: bool) -> None:
        """The first `<dimension>` before the end of `<sheetData>` sizes the rows, as in openpyxl."""
        events = ET.iterparse(io.BytesIO(data), events=("start", "end"))
        _, root = next(events)
        expect(root, f"{MAIN}worksheet")
        sized = False
        for event, element in events:
            if event == "start":
                continue
            if element.tag == f"{MAIN}dimension" and not sized:
                if self.parsed:
                    raise UnusualWorkbookError("a dimension after the first row")
                self.dimension, sized = dimension(element.get("ref", "")), True
                if not rows:
                    return
            elif element.tag == f"{MAIN}sheetData":
                sized = True
                if not rows:
                    return
            elif element.tag == f"{MAIN}row" and rows:
                self.parsed.append(self.row(element))
                element.clear()

    def row(self, element: ET.Element) -> tuple[int, list[tuple[int, Cell]]]:
        number = element.get("r")
        if number is None:
            self.row_counter += 1
        elif INDEX.match(number) and number != "0":
            self.row_counter = int(number)
        else:
            raise UnusualWorkbookError(f"row r={number!r}")
        if self.row_counter > self.max_rows:
            raise UnusualWorkbookError("more rows than the limit")
        self.col_counter = 0
        return self.row_counter, [self.cell(child) for child in element]

    def cell(self, element: ET.Element) -> tuple[int, Cell]:
        if element.tag != f"{MAIN}c":
            raise UnusualWorkbookError(f"a row with a {element.tag}")
        kind, style = element.get("t", "n"), element.get("s")
        if kind not in CELL_TYPES:
            raise UnusualWorkbookError(f"cell type {kind!r}")
        index = 0 if style is None else style_index(style, len(self.book.styles.formats))
        self.col_counter = column_of(element.get("r")) or self.col_counter + 1
        if kind == "inlineStr":
            text = element.find(f"{MAIN}is")
            value: Value = None if text is None else text_content(text)
        else:
            value = self.value(kind, element.findtext(f"{MAIN}v", None) or None, index)
        return self.col_counter, (value, self.book.styles.formats[index])

    def value(self, kind: str, text: str | None, style: int) -> Value:
        """openpyxl's `parse_cell` with `data_only=True` (formulas give their cached value)."""
        if text is None:
            return None
        if kind == "n":
            return self.number(text, style)
        if kind == "s":
            if not INDEX.match(text) or int(text) >= len(self.book.strings):
                raise UnusualWorkbookError(f"shared string {text!r}")
            return self.book.strings[int(text)]
        if kind == "b":
            if text not in ("0", "1"):
                raise UnusualWorkbookError(f"boolean {text!r}")
            return text == "1"
        if kind == "d":
            return from_iso8601(text)
        return text  # "str" (a formula's text) and "e" (an error such as #N/A) as written

    def number(self, text: str, style: int) -> Value:
        if not NUMBER.match(text):
            raise UnusualWorkbookError(f"number {text!r}")
        number: int | float = float(text) if "." in text or "e" in text or "E" in text else int(text)
        styles = self.book.styles
        if style not in styles.dates:
            return number
        try:
            return from_excel(number, self.book.epoch, timedelta=style in styles.durations)
        except (OverflowError, ValueError):
            raise UnusualWorkbookError(f"date serial {text} out of range") from None


def style_index(style: str, count: int) -> int:
    if not INDEX.match(style) or int(style) >= count:
        raise UnusualWorkbookError(f"cell style {style!r}")
    return int(style)


def column_of(reference: str | None) -> int:
    """The column of a cell reference (0 when there is none: the cell follows the previous one)."""
    if not reference:
        return 0
    match = COORDINATE.match(reference)
    if match is None:
        raise UnusualWorkbookError(f"cell reference {reference!r}")
    return column_number(match.group(1))


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    if number > MAX_COLUMN:
        raise UnusualWorkbookError(f"column {letters}")
    return number


def dimension(ref: str) -> tuple[int, int]:
    """(last column, last row) of a `<dimension ref="A1:G39">`."""
    match = RANGE.match(ref)
    if match is None:
        raise UnusualWorkbookError(f"dimension {ref!r}")
    last_row = int(match.group(4) or match.group(2))
    if last_row > MAX_ROW:
        raise UnusualWorkbookError(f"dimension {ref!r}")
    return column_number(match.group(3) or match.group(1)), last_row


def layout(
    parsed: list[tuple[int, list[tuple[int, Cell]]]], size: tuple[int, int] | None, max_cells: int
) -> list[list[Cell]]:
    """openpyxl's read-only `_cells_by_row`: empty rows for gaps, each row padded to the dimension's
    width (without one, to its last cell); at the first row past the dimension's last row, empty
    rows up to it and nothing more. Where openpyxl would drop a value (past the dimension, a row
    out of order, a cell repeated), the workbook is unusual."""
    width, height = size if size else (0, 0)
    gap: list[Cell] = [EMPTY] * width
    rows: list[list[Cell]] = []
    total = 0  # cells in `rows`, the shared empty rows included
    for index, (number, cells) in enumerate(parsed):
        if height and number > height:
            if any(cell[0] is not None for _, later in parsed[index:] for _, cell in later):
                raise UnusualWorkbookError(f"values in row {number}, past the dimension")
            number = height + 1  # openpyxl stops here, after empty rows up to the dimension's last
        elif number <= len(rows):
            raise UnusualWorkbookError(f"row {number} out of order")
        total += (number - 1 - len(rows)) * width
        rows += [gap] * (number - 1 - len(rows))
        if number > height > 0:
            break
        rows.append(place(cells, width))
        total += len(rows[-1])
        if total > max_cells:
            break
    if total > max_cells:
        raise UnusualWorkbookError("more cells than the limit")
    return rows


def place(cells: list[tuple[int, Cell]], width: int) -> list[Cell]:
    """openpyxl's `_get_row`: a cell past the row's width is dropped (unusual if it holds a value)."""
    if not cells and not width:
        return []
    row: list[Cell] = [EMPTY] * (width or cells[-1][0])
    seen: set[int] = set()
    for column, cell in cells:
        if column in seen:
            raise UnusualWorkbookError(f"column {column} repeated")
        seen.add(column)
        if column <= len(row):
            row[column - 1] = cell
        elif cell[0] is not None:
            raise UnusualWorkbookError(f"a value in column {column}, past the row's width")
    return row


# Dates ----------------------------------------------------------------------------------------
def from_excel(value: float, epoch: dt.datetime, timedelta: bool) -> dt.datetime | dt.time | dt.timedelta:
    """openpyxl's `from_excel`: a serial day number in the workbook's epoch."""
    if timedelta:
        delta = dt.timedelta(days=value)
        if delta.microseconds:  # to the millisecond, as openpyxl rounds
            delta = dt.timedelta(seconds=delta.total_seconds() // 1, microseconds=round(delta.microseconds, -3))
        return delta
    day, fraction = divmod(value, 1)
    diff = dt.timedelta(milliseconds=round(fraction * 86_400 * 1000))
    if 0 <= value < 1 and diff.days == 0:
        minutes, seconds = divmod(diff.seconds, 60)
        hours, minutes = divmod(minutes, 60)
        return dt.time(hours, minutes, seconds, diff.microseconds)
    if 0 < value < 60 and epoch == WINDOWS_EPOCH:
        day += 1  # Excel's 1900-02-29
    return epoch + dt.timedelta(days=day) + diff


def from_iso8601(text: str) -> dt.datetime | dt.date | dt.time | dt.timedelta:
    """openpyxl's `from_ISO8601` for `t="d"` cells."""
    try:
        match = ISO_REGEX.match(text)
        if match and any(match.groups()):
            return iso_moment(match)
        match = ISO_DURATION.match(text)
        if match and any(match.groups()):
            return dt.timedelta(**{key: float(val) for key, val in match.groupdict(0).items() if val})
    except (OverflowError, ValueError, TypeError):
        pass
    raise UnusualWorkbookError(f"date {text!r}")


def iso_moment(match: re.Match[str]) -> dt.datetime | dt.date | dt.time:
    parts = match.groupdict()
    year, month, day, hour, minute, second = (
        int(parts[key] or 0) for key in ("year", "month", "day", "hour", "minute", "second")
    )
    micro = int(float(parts["microsecond"]) * 1_000_000) if parts["microsecond"] else 0
    if not parts["date"]:
        return dt.time(hour, minute, second, micro)
    if not parts["time"]:
        return dt.date(year, month, day)
    return dt.datetime(year, month, day, hour, minute, second, micro)
