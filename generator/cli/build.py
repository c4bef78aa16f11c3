"""`changekit build` and `changekit serve`: parse options, call generator.build / generator.render.site.preview."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator.buildstate import current_build
from generator.cli.common import State, print_diagnostics, run
from generator.cli.progress import progress_display
from generator.diagnostics import ContentError, Diagnostics, plural

if TYPE_CHECKING:
    from generator.build import BuildResult


@click.command()
@click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="L",
    help="Build only this edition, its pages and PDFs (repeatable); the others are kept from site/.",
)
@click.option("--no-pdf", is_flag=True, help="Skip the PDFs (faster; the current PDFs are kept).")
@click.option("--strict", is_flag=True, help="Fail on warnings too (placeholders, no public address, …).")
@click.option("--site-url", metavar="URL", default=None, help="The public address (default: site_url in mkdocs.yml).")
@click.pass_obj
def build(state: State, languages: tuple[str, ...], no_pdf: bool, strict: bool, site_url: str | None) -> None:
    """Build the site into site/ (editions under site/<lang>/) and the PDFs."""

    def action(diagnostics: Diagnostics) -> int:
        site = state.project.display(state.project.site)
        started = time.perf_counter()
        current = current_build(state.project, list(languages), not no_pdf, site_url)
        if current is not None:  # checked before the pipeline is even imported: a fraction of a second
            diagnostics.extend(current.diagnostics())  # the warnings of the build that made the site
            if diagnostics.failed(strict):
                raise ContentError(diagnostics, strict)
            langs = current.requested(list(languages))
            pages = sum(current.pages.get(lang, 0) for lang in langs)
            click.echo(up_to_date(site, pages, langs, time.perf_counter() - started), err=True)
            return 0
        from generator.build import build_site

        with progress_display(state.quiet) as progress:
            result = build_site(
                state.project,
                diagnostics,
                languages=list(languages),
                pdf=not no_pdf,
                strict=strict,
                site_url=site_url,
                progress=progress,
            )
        click.echo(summary(result, site, pdf=not no_pdf, kept_pdfs=has_pdfs(state.project.site)), err=True)
        return 0

    run(state, action, strict)


def in_languages(langs: list[str]) -> str:
    return f"{plural(len(langs), 'language')} ({', '.join(langs)})"


def up_to_date(site: str, pages: int, langs: list[str], seconds: float) -> str:
    """`site/ is up to date: 508 pages in 4 languages (…); nothing changed since the last build (0.2 s).`"""
    unchanged = "nothing changed since the last build"
    return f"{site}/ is up to date: {pages} pages in {in_languages(langs)}; {unchanged} ({seconds:.2f} s)."


def has_pdfs(site: Path) -> bool:
    """Whether the site holds change packages' PDFs (site/change-packages/, site/<lang>/change-packages/)."""
    return any(site.glob("change-packages/*.pdf")) or any(site.glob("*/change-packages/*.pdf"))


def summary(result: BuildResult, site: str, *, pdf: bool, kept_pdfs: bool = True) -> str:
    """`Built 508 pages in 4 languages (…) and 16 PDFs (4 printed, 12 unchanged) into site/ in 61.2 s
    (generator 2.3 s, MkDocs 7.8 s, PDFs 51.1 s).` and what was kept."""
    from generator.build import MKDOCS_STAGES, PDF_STAGES

    if result.up_to_date:
        return up_to_date(site, sum(result.pages.values()), result.languages, sum(result.timings.values()))
    mkdocs = sum(t for name, t in result.timings.items() if name in MKDOCS_STAGES)
    pdf_seconds = sum(t for name, t in result.timings.items() if name in PDF_STAGES)
    total = sum(result.timings.values())
    pages = sum(result.pages.values())
    reused = sum(1 for r in result.pdfs if r.reused)
    pdfs = f" and {plural(len(result.pdfs), 'PDF')} ({len(result.pdfs) - reused} printed, {reused} unchanged)"
    lines = [
        f"Built {pages} pages in {plural(len(result.languages), 'language')} ({', '.join(result.languages)})"
        f"{pdfs if pdf else ''} into {site}/ in {total:.2f} s (generator {total - mkdocs - pdf_seconds:.2f} s,"
        f" MkDocs {mkdocs:.2f} s{f', PDFs {pdf_seconds:.2f} s' if pdf else ''})."
    ]
    if result.kept:
        lines.append(f"Kept from the previous {site}/: {', '.join(result.kept)} (not rebuilt).")
    if not pdf and kept_pdfs:
        lines.append("PDFs: not rebuilt; the ones already in the site were kept.")
    elif not pdf:
        lines.append("PDFs: none yet; a build without --no-pdf prints them.")
    address = result.site_url or "none (the PDFs print no links to the online site)"
    lines.append(f"Public address: {address}")
    return "\n".join(lines)


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
        if diagnostics.failed(strict=False):  # warnings alone: the pages were regenerated
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
