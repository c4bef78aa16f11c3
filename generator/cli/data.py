"""`changekit data template [TOPIC]`: the workbook teams fill in with their monthly data."""

from __future__ import annotations

import re
from pathlib import Path

import click

from generator.cli.common import State, run
from generator.diagnostics import Diagnostics, UsageError

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@click.group()
def data() -> None:
    """Result data files (content/data/*.csv, *.xlsx)."""


@data.command("template")
@click.argument("topic", required=False)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the workbook (default: data-template[-TOPIC].xlsx in the project folder).",
)
@click.option("--lang", default=None, help="Language of the workbook's prompts (default: the source language).")
@click.option(
    "--start",
    default=None,
    metavar="YYYY-MM",
    help="First month offered (default: a year before the first month of the data or the timeline).",
)
@click.option("--end", default=None, metavar="YYYY-MM", help="Last month offered (default: the last known period).")
@click.pass_obj
def template(
    state: State, topic: str | None, output: Path | None, lang: str | None, start: str | None, end: str | None
) -> None:
    """Write an Excel workbook to fill in: the columns, and drop-down lists of the valid stories,
    measures and months. Never overwrites a file."""

    def action(diagnostics: Diagnostics) -> None:
        from generator.authoring.datatemplate import template_lists, write_template
        from generator.check import load_knowledge_base
        from generator.editions.ui import ui_translations
        from generator.knowledge.refs import suggest

        for name, value in (("--start", start), ("--end", end)):
            if value is not None and not MONTH.match(value):
                raise UsageError(f"{name} {value!r} is not a month; write YYYY-MM")
        kb = load_knowledge_base(state.project, diagnostics)
        if lang is not None and lang not in kb.languages:
            raise UsageError(f"unknown language {lang!r}; the collaborative has {', '.join(kb.languages)}")
        entry = None
        if topic is not None:
            ids = [t.id for t in kb.topics]
            if topic not in ids:
                raise UsageError(f"unknown topic {topic!r}{suggest(topic, ids)}")
            entry = kb.topic(topic)
        path = output or state.project.root / (f"data-template-{topic}.xlsx" if topic else "data-template.xlsx")
        if path.exists():
            raise UsageError(f"{path} exists; remove it or choose another --output")
        lists = template_lists(kb, entry, start, end)
        write_template(path, lists, ui_translations(lang or kb.source_language))
        click.echo(
            f"created {state.project.display(path)} (teams: {len(lists.stories)}, measures: {len(lists.measures)}, "
            f"months: {lists.periods[0]} to {lists.periods[-1]})"
        )

    run(state, action)
