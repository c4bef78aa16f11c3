"""What every command shares: the project and options, running an action, printing diagnostics."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from generator.diagnostics import ChangekitError, ContentError, Diagnostics
from generator.source.project import Project
from generator.text.characters import printable


class QuickExit:
    """Whether the console script may end the process as soon as the command's output is flushed.

    A command that holds nothing to clean up (`validate` reads files and writes none) allows it:
    the interpreter's teardown frees what the command built object by object, 70 ms on the sample
    for a command that runs on every save. Programmatic callers (tests, `serve`) never exit early:
    only `entry_point` reads this."""

    allowed = False


class State:
    """Options shared by every command."""

    def __init__(self, root: Path, debug: bool, quiet: bool = False) -> None:
        self.project = Project(root)
        self.debug = debug
        self.quiet = quiet


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
        click.echo(f"error: {printable(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    print_diagnostics(diagnostics, strict, summary=bool(len(diagnostics)))
    sys.exit(code)


def print_diagnostics(diagnostics: Diagnostics, strict: bool, summary: bool = True) -> None:
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(), err=True)
    if summary:
        click.echo(diagnostics.summary(strict), err=True)
