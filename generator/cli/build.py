"""`changekit build` and `changekit serve`: parse options, call generator.build / generator.render.site.preview."""

from __future__ import annotations

import logging

import click

from generator.build import MKDOCS_STAGES, PDF_STAGES, BuildResult, build_site
from generator.cli.common import State, print_diagnostics, run
from generator.diagnostics import Diagnostics, plural


@click.command()
@click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="L",
    help="Build only this edition (repeatable); the source language is always built.",
)
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs (faster; the PDF links stay in the pages).")
@click.option("--strict", is_flag=True, help="Fail on content warnings too.")
@click.pass_obj
def build(state: State, languages: tuple[str, ...], no_pdf: bool, strict: bool) -> None:
    """Build the site into site/ (editions under site/<lang>/) and the PDFs."""

    def action(diagnostics: Diagnostics) -> int:
        result = build_site(state.project, diagnostics, languages=list(languages), pdf=not no_pdf, strict=strict)
        click.echo(summary(result, state.project.display(state.project.site), pdf=not no_pdf), err=True)
        return 0

    run(state, action, strict)


def summary(result: BuildResult, site: str, *, pdf: bool) -> str:
    """`Built 508 pages in 4 languages (…) into site/ in 21.5 s (generator 2.3 s, MkDocs 7.8 s, …).`"""
    mkdocs = sum(t for name, t in result.timings.items() if name in MKDOCS_STAGES)
    pdf_seconds = sum(t for name, t in result.timings.items() if name in PDF_STAGES)
    total = sum(result.timings.values())
    pages = sum(result.pages.values())
    pdfs, pdf_time = (f" and {len(result.pdfs)} PDFs", f", PDFs {pdf_seconds:.2f} s") if pdf else ("", "")
    return (
        f"Built {pages} pages in {plural(len(result.languages), 'language')} ({', '.join(result.languages)})"
        f"{pdfs} into {site}/ "
        f"in {total:.2f} s (generator {total - mkdocs - pdf_seconds:.2f} s, MkDocs {mkdocs:.2f} s{pdf_time})."
    )


@click.command()
@click.option("--lang", default=None, metavar="L", help="The edition to preview (default: the source language).")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT", help="Address to serve on.")
@click.pass_obj
def serve(state: State, lang: str | None, dev_addr: str) -> None:
    """Live preview: regenerate the pages when content changes; the browser reloads."""
    from generator.build import preview_edition
    from generator.render.site.preview import Preview

    def report(diagnostics: Diagnostics) -> None:
        print_diagnostics(diagnostics, strict=False)
        click.echo("The preview keeps the last good pages; fix the content and save again.", err=True)

    def action(diagnostics: Diagnostics) -> int:
        preview = Preview(state.project, lang, preview_edition, report)
        preview.prepare(diagnostics)
        click.echo(f"Previewing {preview.lang} on {preview.url(dev_addr)} (Ctrl+C to stop).", err=True)
        if not state.debug:
            logging.getLogger("mkdocs").setLevel(logging.INFO)  # "Reloading browsers", build warnings
        preview.serve(dev_addr)
        return 0

    run(state, action)
