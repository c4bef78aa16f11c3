"""The `changekit` command line: parses arguments, calls the orchestrator, prints diagnostics.

Each command lives in its own module and is imported only when it runs, so `changekit validate`
never loads MkDocs or WeasyPrint.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
from pathlib import Path

import click

from generator.cli.common import QuickExit, State

#: command name → "module:attribute" (imported on use).
COMMANDS = {
    "init": "generator.cli.authoring:init",
    "validate": "generator.cli.validate:validate",
    "build": "generator.cli.build:build",
    "serve": "generator.cli.build:serve",
    "new": "generator.cli.authoring:new",
    "translations": "generator.cli.translations:translations",
    "pdf": "generator.cli.pdf:pdf",
    "schema": "generator.cli.authoring:schema",
    "guide": "generator.cli.authoring:guide",
    "data": "generator.cli.data:data",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported when invoked (or when help lists them)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._load(name) is not None]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module), attribute, None)
        return command if isinstance(command, click.Command) else None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--project",
    "root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Project folder (holds content/, changepackages/ and mkdocs.yml).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("-v", "--verbose", is_flag=True, help="Log the details of each stage.")
@click.option("-q", "--quiet", is_flag=True, help="One plain line per stage, no progress bars.")
@click.version_option(package_name="changekit")
@click.pass_context
def main(ctx: click.Context, root: Path, debug: bool, verbose: bool, quiet: bool) -> None:
    """Changekit: compile a collaborative's change package into a site and printable PDFs.

    The guide: `changekit guide` (start with `changekit guide getting-started`).
    """
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr)
    # WeasyPrint's "Step 1 - Fetching and parsing HTML" lines: its own stages, only with --debug
    logging.getLogger("weasyprint.progress").setLevel(level if debug else logging.WARNING)
    ctx.obj = State(root, debug, quiet)


def entry_point() -> None:
    """The `changekit` console script."""
    try:
        main()
    except SystemExit as done:
        if QuickExit.allowed and (done.code is None or isinstance(done.code, int)):
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(AttributeError, OSError, ValueError):  # closed or gone (`| head`)
                    stream.flush()
            os._exit(done.code or 0)
        raise
