"""`changekit pdf PACKAGE [--lang L]...`: render one change package into site/."""

from __future__ import annotations

import click

from generator.build import render_package_pdfs
from generator.cli.common import State, run
from generator.diagnostics import Diagnostics


@click.command()
@click.argument("package")
@click.option("--lang", "languages", multiple=True, metavar="L", help="Only this language (repeatable).")
@click.option("--site-url", metavar="URL", default=None, help="The public address (default: site_url in mkdocs.yml).")
@click.pass_obj
def pdf(state: State, package: str, languages: tuple[str, ...], site_url: str | None) -> None:
    """Render the change package PACKAGE into site/[<lang>/]change-packages/PACKAGE.pdf."""

    def action(diagnostics: Diagnostics) -> int:
        project = state.project
        for result in render_package_pdfs(project, package, list(languages), diagnostics, site_url=site_url):
            note = "reused, inputs unchanged" if result.reused else f"{result.seconds:.1f} s"
            click.echo(f"{project.display(result.path)}: {result.pages} pages ({note})", err=True)
        return 0

    run(state, action)
