"""`changekit translations update | status`: the translators' commands (registered by `cli.py`)."""

from __future__ import annotations

import click
from babel.core import Locale

from generator.check import load_knowledge_base, localize, translation_status
from generator.cli.common import State, run
from generator.diagnostics import ContentError, Diagnostics, UsageError
from generator.editions.status import CatalogStatus, EditionStatus
from generator.knowledge.kb import KnowledgeBase
from generator.translations.catalogs import update_catalogs


@click.group()
def translations() -> None:
    """Keep the gettext catalogs of the editions in step with the source text."""


@translations.command()
@click.pass_obj
def update(state: State) -> None:
    """Extract the source text into templates and merge them into every edition's catalogs.

    New text is added untranslated; changed text keeps its translation, marked fuzzy with the
    previous source text; removed text becomes obsolete (#~) and comes back if the text returns.
    """

    def action(diagnostics: Diagnostics) -> int:
        kb = load_knowledge_base(state.project, diagnostics)
        for change in update_catalogs(kb, state.project, diagnostics):
            click.echo(change.summary())
        localize(kb, state.project, kb.languages[1:], diagnostics)  # checks the catalogs as written now
        return 1 if diagnostics.errors else 0

    run(state, action)


@translations.command()
@click.option(
    "--lang", "languages", multiple=True, metavar="L", help="An edition to report (repeatable); default: all."
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help="Exit with status 1 when an edition has less than PERCENT of its text translated.",
)
@click.pass_obj
def status(state: State, languages: tuple[str, ...], fail_under: float | None) -> None:
    """Show, per edition and catalog, how much text is translated, outdated (fuzzy) or missing."""

    def action(diagnostics: Diagnostics) -> int:
        kb, editions = translation_status(state.project, list(languages) or None, diagnostics, select_languages)
        if not editions:
            click.echo(f"No editions: the collaborative has only its source language ({kb.source_language}).", err=True)
        else:
            click.echo("\n\n".join(format_edition(edition) for edition in editions))
        if diagnostics.errors:
            raise ContentError(diagnostics)
        below = [e.total for e in editions if fail_under is not None and e.total.translated_percent < fail_under]
        for total in below:
            click.echo(f"{total.lang}: {total.percent(total.translated)} translated, under {fail_under:g}%", err=True)
        return 1 if below else 0

    run(state, action)


def select_languages(kb: KnowledgeBase, requested: list[str]) -> list[str]:
    """The editions asked for (all by default); an unknown one is a usage error."""
    editions = kb.languages[1:]
    for lang in requested:
        if lang == kb.source_language:
            raise UsageError(f"'{lang}' is the source language; its editions are: {', '.join(editions) or 'none'}")
        if lang not in editions:
            raise UsageError(f"unknown language '{lang}'; the editions are: {', '.join(editions) or 'none'}")
    return list(dict.fromkeys(requested)) or editions


COLUMNS = ("catalog", "units", "translated", "outdated", "missing", "refused")


def format_edition(edition: EditionStatus) -> str:
    """A table of one edition: one row per catalog and a total."""
    rows = [format_row(c) for c in edition.catalogs] + [format_row(edition.total)]
    widths = [max(len(row[i]) for row in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
    lines = [f"{edition.lang} ({language_name(edition.lang)})"]
    for index, row in enumerate([COLUMNS, *rows]):
        if index == len(rows):
            lines.append("  " + "  ".join("-" * w for w in widths))
        cells = [row[0].ljust(widths[0]), *(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True))]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


def format_row(status: CatalogStatus) -> tuple[str, ...]:
    def cell(count: int) -> str:
        return f"{count} ({status.percent(count)})"

    counts = (status.translated, status.outdated, status.missing, status.refused)
    return (status.catalog, str(status.total), *(cell(count) for count in counts))


def language_name(lang: str) -> str:
    return str(Locale.parse(lang).english_name)
