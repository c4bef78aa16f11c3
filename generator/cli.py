"""The `changekit` command line: parses arguments, calls the API, prints diagnostics."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

from generator.diagnostics import ChangekitError, ContentError, Diagnostics
from generator.pipeline import load_knowledge_base
from generator.project import Project


class State:
    """Options shared by every command."""

    def __init__(self, root: Path, debug: bool) -> None:
        self.project = Project(root)
        self.debug = debug


def run(state: State, action: Callable[[Diagnostics], int | None], strict: bool = False) -> None:
    """Run a command; print diagnostics and a summary; map failures to exit codes."""
    diagnostics = Diagnostics()
    try:
        code = action(diagnostics) or 0
    except ContentError as exc:
        print_diagnostics(exc.diagnostics, strict)
        sys.exit(exc.exit_code)
    except ChangekitError as exc:
        if state.debug:
            raise
        print_diagnostics(diagnostics, strict, summary=False)
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    print_diagnostics(diagnostics, strict, summary=bool(len(diagnostics)))
    sys.exit(code)


def print_diagnostics(diagnostics: Diagnostics, strict: bool, summary: bool = True) -> None:
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(), err=True)
    if summary:
        click.echo(diagnostics.summary(strict), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder (holds content/, changepackages/ and mkdocs.yml).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("-v", "--verbose", is_flag=True, help="Show progress of each stage.")
@click.version_option(package_name="changekit")
@click.pass_context
def main(ctx: click.Context, root: Path, debug: bool, verbose: bool) -> None:
    """Changekit: compile a collaborative's change package into a site and printable PDFs."""
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr)
    ctx.obj = State(root, debug)


@main.command()
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.pass_obj
def validate(state: State, strict: bool) -> None:
    """Check everything; write nothing."""

    def action(diagnostics: Diagnostics) -> int:
        started = time.perf_counter()
        kb = load_knowledge_base(state.project, diagnostics, strict=strict)
        items = sum(len(t.items) for t in kb.topics)
        click.echo(
            f"Valid: {len(kb.topics)} topics, {items} items, {len(kb.packages)} change packages "
            f"({time.perf_counter() - started:.2f} s)."
        )
        return 0

    run(state, action, strict)


def register_commands() -> None:
    """Attach the command groups that live in their own modules."""
    from generator.cli_authoring import new, schema
    from generator.cli_build import build, serve

    main.add_command(new)
    main.add_command(schema)
    main.add_command(build)
    main.add_command(serve)
    from generator.cli_pdf import pdf

    main.add_command(pdf)
    try:
        from generator.cli_translations import translations
    except ImportError:  # pragma: no cover - during development only
        pass
    else:
        main.add_command(translations)


def entry_point() -> None:
    """The `changekit` console script."""
    register_commands()
    main()
