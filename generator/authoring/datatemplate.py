"""`changekit data template`: an Excel workbook teams fill in, with drop-down lists of valid values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from gettext import NullTranslations
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.i18n import N_
from generator.knowledge.kb import KnowledgeBase, TopicEntry
from generator.source.datafiles import COLUMNS

DATA_SHEET = "Data"
LISTS_SHEET = "Lists"  # hidden: the reader skips hidden sheets, so a filled template loads as it is
MIN_ROWS = 1000
MAX_ROWS = 100_000
#: Months offered before the first and after the last period of the collaborative.
BASELINE_MONTHS = 12

#: Column → (input prompt, error message); Excel shows the prompt when a cell is selected.
PROMPTS: dict[str, tuple[str, str]] = {
    "story": (N_("The team, as topic/story-id: choose it from the list."), N_("Choose a team from the list.")),
    "measure": (N_("The measure's id: choose it from the list."), N_("Choose a measure from the list.")),
    "period": (
        N_("The month, written YYYY-MM (a day, YYYY-MM-DD, for weekly data)."),
        N_("This is not a month of the collaborative; check the period."),
    ),
    "value": (
        N_("The measure's value for the period. Leave it empty when you give the numerator and denominator."),
        N_("Write a number."),
    ),
    "numerator": (N_("Optional: the count the value is computed from (above the line)."), N_("Write a number.")),
    "denominator": (N_("Optional: the count the value is computed from (below the line)."), N_("Write a number.")),
    "note": (N_("Optional: what explains this point (a change, an event, missing data)."), ""),
}
WIDTHS = {"story": 44, "measure": 30, "period": 12, "value": 12, "numerator": 12, "denominator": 13, "note": 48}


@dataclass(frozen=True)
class TemplateLists:
    """What the drop-down lists offer."""

    stories: list[str]
    measures: list[str]
    periods: list[str]


def template_lists(
    kb: KnowledgeBase, topic: TopicEntry | None, start: str | None = None, end: str | None = None
) -> TemplateLists:
    """The stories and measures of one topic (or all), and the months from a year before the first
    known period (data or timeline) to the last."""
    entries = [topic] if topic is not None else kb.topics
    stories = [f"{e.id}/{s.id}" for e in entries for s in e.stories]
    measures = list(dict.fromkeys(m.id for e in entries for m in e.measures))
    return TemplateLists(stories, measures, month_range(*period_span(kb, entries, start, end)))


def period_span(kb: KnowledgeBase, entries: list[TopicEntry], start: str | None, end: str | None) -> tuple[str, str]:
    known = [p[:7] for e in entries for s in e.stories for r in s.results for p in r.series]
    known += [event.start.isoformat()[:7] for event in kb.collaborative.timeline]
    known += [(event.end or event.start).isoformat()[:7] for event in kb.collaborative.timeline]
    today = dt.date.today().isoformat()[:7]
    first = min(known, default=today)
    last = max(known, default=today)
    return start or shift_month(first, -BASELINE_MONTHS), end or last


def shift_month(period: str, months: int) -> str:
    year, month = int(period[:4]), int(period[5:7])
    index = year * 12 + month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: str, last: str) -> list[str]:
    months: list[str] = []
    current = first
    while current <= last and len(months) < 1200:
        months.append(current)
        current = shift_month(current, 1)
    return months


def build_template(lists: TemplateLists, ui: NullTranslations) -> Workbook:
    """The workbook: a Data sheet with the columns and their validations, and the hidden lists."""
    book = Workbook()
    data = book.active
    assert data is not None
    data.title = DATA_SHEET
    hidden = book.create_sheet(LISTS_SHEET)
    hidden.sheet_state = "hidden"
    references = write_lists(hidden, lists)
    rows = min(MAX_ROWS, max(MIN_ROWS, len(lists.stories) * max(1, len(lists.measures)) * 12 + 1))
    write_header(data, rows)
    for column, name in enumerate(COLUMNS, start=1):
        validation = column_validation(name, references.get(name), ui)
        if validation is not None:
            letter = get_column_letter(column)
            validation.add(f"{letter}2:{letter}{rows}")
            data.add_data_validation(validation)
    book.properties.creator = "Changekit"
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    return book


def write_header(sheet: Worksheet, rows: int) -> None:
    fill = PatternFill("solid", fgColor="DCE6F1")
    for column, name in enumerate(COLUMNS, start=1):
        cell = sheet.cell(1, column, name)
        cell.font, cell.fill = Font(bold=True), fill
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[name]
    period = COLUMNS.index("period") + 1
    for row in range(2, rows + 1):  # typed months stay text ("2026-01"), not dates
        sheet.cell(row, period).number_format = "@"
    sheet.freeze_panes = "A2"


def write_lists(sheet: Worksheet, lists: TemplateLists) -> dict[str, str]:
    """Write each list in a column of the hidden sheet; return the range each validation uses."""
    references: dict[str, str] = {}
    for column, (name, values) in enumerate(
        (("story", lists.stories), ("measure", lists.measures), ("period", lists.periods)), start=1
    ):
        sheet.cell(1, column, name)
        for row, value in enumerate(values, start=2):
            cell = sheet.cell(row, column, value)
            cell.data_type = "s"  # ids and periods are text, never formulas
        if values:
            letter = get_column_letter(column)
            references[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}"
    return references


def column_validation(name: str, reference: str | None, ui: NullTranslations) -> DataValidation | None:
    prompt, error = (ui.gettext(text) if text else "" for text in PROMPTS[name])
    if name in ("story", "measure", "period"):
        if reference is None:
            return None
        # A period outside the list is a warning (a weekly date is allowed); a story or measure, an error.
        validation = DataValidation(
            type="list", formula1=reference, allow_blank=True, errorStyle="warning" if name == "period" else "stop"
        )
    elif name == "note":
        validation = DataValidation(type="textLength", operator="lessThanOrEqual", formula1="500", allow_blank=True)
    else:
        validation = DataValidation(
            type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000", allow_blank=True
        )
    validation.promptTitle, validation.prompt = name, prompt[:255]
    validation.showInputMessage = True
    if error:
        validation.errorTitle, validation.error = name, error[:255]
        validation.showErrorMessage = True
    return validation


def write_template(path: Path, lists: TemplateLists, ui: NullTranslations) -> None:
    """Write the workbook to ``path`` (the caller makes sure nothing is overwritten)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    build_template(lists, ui).save(partial)
    partial.replace(path)
