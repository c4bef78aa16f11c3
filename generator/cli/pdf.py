"""`changekit pdf PACKAGE [--lang L]...`: render one change package into site/."""

from __future__ import annotations

import click

from generator.build import load_knowledge_base
from generator.cli.common import State, run
from generator.diagnostics import Diagnostics, UsageError
from generator.editions.view import load_edition
from generator.knowledge.kb import KnowledgeBase
from generator.output import output_errors, project_lock
from generator.render.pdf import render_pdfs


def check_request(kb: KnowledgeBase, package: str, languages: list[str]) -> list[str]:
    """The languages to render; an unknown package or language is a usage error naming the valid ones."""
    known = [p.id for p in kb.packages]
    if package not in known:
        raise UsageError(f"unknown change package '{package}'; the packages are: {', '.join(known) or 'none'}")
    available = kb.package_languages(kb.package(package))
    for lang in languages:
        if lang not in available:
            raise UsageError(f"'{lang}' is not a language of '{package}'; its languages are: {', '.join(available)}")
    return languages or available


@click.command()
@click.argument("package")
@click.option("--lang", "languages", multiple=True, metavar="L", help="Only this language (repeatable).")
@click.pass_obj
def pdf(state: State, package: str, languages: tuple[str, ...]) -> None:
    """Render the change package PACKAGE into site/[<lang>/]change-packages/PACKAGE.pdf."""

    def action(diagnostics: Diagnostics) -> int:
        project = state.project
        kb = load_knowledge_base(project, diagnostics)
        langs = check_request(kb, package, list(languages))
        editions = {lang: load_edition(kb, lang, project, diagnostics) for lang in langs}
        with project_lock(project.build), output_errors(project.root):
            results = render_pdfs(kb, editions, project, project.site, [package], langs)
        for result in results:
            note = "reused, inputs unchanged" if result.reused else f"{result.seconds:.1f} s"
            click.echo(f"{project.display(result.path)}: {result.pages} pages ({note})", err=True)
        return 0

    run(state, action)
