"""The orchestrator of the outputs: every stage of `build`, `serve` and `pdf`, called from here.

    load → validate and link → localize (generator.check, which `validate` runs alone)
         → PDFs → render and write each edition in turn (the download buttons give the PDFs'
           size and pages) → theme → MkDocs → PDFs and kept files into place → offline zips
         → swap into site/

The command line only parses options and prints.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.buildstate import (
    BuildStamp,
    download_records,
    edition_digest,
    inputs_digest,
    published_downloads,
    read_stamp,
    satisfies,
    site_digest,
    site_inputs_digest,
    site_intact,
    stored,
    write_stamp,
)
from generator.check import load_knowledge_base, localize, stage
from generator.diagnostics import ContentError, Diagnostics, UsageError
from generator.editions.view import Edition
from generator.knowledge.kb import KnowledgeBase
from generator.knowledge.urls import edition_prefix, pdf_file
from generator.output import output_errors, project_lock, remove_path, swap_site
from generator.progress import NoProgress, Progress
from generator.render.downloads import Download, Downloads
from generator.source.address import public_address
from generator.source.project import Project

if TYPE_CHECKING:  # the renderers (Jinja, MkDocs, WeasyPrint) load only when a command renders
    from generator.render.pdf import PdfResult
    from generator.render.site.write import WrittenEdition

logger = logging.getLogger(__name__)

#: Where a build's PDFs wait while MkDocs (which empties its output folder) builds the pages.
PDF_STAGING = "pdf-staging"
#: Stages that run MkDocs or WeasyPrint; the others are the generator's own (for timing reports).
MKDOCS_STAGES = ("mkdocs",)
PDF_STAGES = ("pdf",)


def render_package_pdfs(
    project: Project, package: str, languages: list[str], diagnostics: Diagnostics, *, site_url: str | None = None
) -> list[PdfResult]:
    """`pdf PACKAGE`: one package's PDFs into site/ (the languages already checked by the caller);
    ``site_url`` overrides mkdocs.yml's public address."""
    from generator.render.pdf import render_pdfs

    address = public_address(project, site_url, diagnostics)
    kb = load_knowledge_base(project, diagnostics)
    langs = package_languages(kb, package, languages)
    editions = localize(kb, project, langs, diagnostics)
    with project_lock(project.build), output_errors(project.root):
        results = render_pdfs(kb, editions, project, project.site, [package], langs, site_url=address)
        remember_downloads(project, kb, results)
    return results


def remember_downloads(project: Project, kb: KnowledgeBase, results: list[PdfResult]) -> None:
    """Record the PDFs `pdf` just wrote, so that the next build's buttons give their page count."""
    stamp = read_stamp(project)
    if stamp is not None:
        stamp.downloads.update(download_records(kb, project.site, pdf_downloads(results)))
        write_stamp(project, stamp)


def pdf_downloads(results: list[PdfResult]) -> dict[tuple[str, str], Download]:
    return {(r.package, r.lang): Download(r.path.stat().st_size, r.pages) for r in results}


def package_languages(kb: KnowledgeBase, package: str, languages: list[str]) -> list[str]:
    """The languages to render; an unknown package or language is a usage error naming the valid ones."""
    known = [p.id for p in kb.packages]
    if package not in known:
        raise UsageError(f"unknown change package '{package}'; the packages are: {', '.join(known) or 'none'}")
    available = kb.package_languages(kb.package(package))
    for lang in languages:
        if lang not in available:
            raise UsageError(f"'{lang}' is not a language of '{package}'; its languages are: {', '.join(available)}")
    return languages or available


def preview_edition(project: Project, lang: str | None, diagnostics: Diagnostics) -> str:
    """`serve`: regenerate one edition's Markdown and config (only what changed is written).

    Returns the language (served at the preview's root); raises ContentError and writes nothing when
    the content is invalid, so the preview keeps its last good pages.
    """
    from generator.render.site.config import language_config
    from generator.render.site.render import render_site
    from generator.render.site.write import write_edition
    from generator.render.theme import assemble_theme

    kb = load_knowledge_base(project, diagnostics)
    lang = lang or kb.source_language
    if lang not in kb.languages:
        raise UsageError(f"unknown language {lang}; the collaborative has {', '.join(kb.languages)}")
    edition = localize(kb, project, [lang], diagnostics)[lang]
    if diagnostics.failed(strict=False):
        raise ContentError(diagnostics)
    pages = render_site(edition, [lang], published_downloads(kb, project.site, read_stamp(project)))
    assemble_theme(project)  # theme/ overrides on the built-in theme; MkDocs watches the result
    written = write_edition(project, lang, pages, language_config(project, kb, edition, pages, [lang], serve=True))
    if written.changed or written.removed:
        logger.info("regenerated %d pages (%d removed)", written.changed, written.removed)
    return lang


@dataclass
class BuildResult:
    """What a build produced, what it kept from the previous site, and how long each stage took."""

    languages: list[str]
    pages: dict[str, int] = field(default_factory=dict)
    pdfs: list[PdfResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # editions kept as they were in site/ (not rebuilt)
    site_url: str | None = None
    reused: list[str] = field(default_factory=list)  # of those, the ones whose pages were rendered and unchanged
    up_to_date: bool = False  # nothing had changed since the last build: nothing was done


def build_site(
    project: Project,
    diagnostics: Diagnostics,
    *,
    languages: list[str] | None = None,
    pdf: bool = True,
    strict: bool = False,
    timings: dict[str, float] | None = None,
    site_url: str | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the site (and PDFs) into a staging folder, then swap it into `site/`.

    Nothing is written before the content has loaded, validated and linked; a failure in any
    later stage leaves the previous `site/` as it was. ``site_url`` overrides mkdocs.yml's.
    One build at a time per project (`output.project_lock`); an OSError while writing is an
    OutputError with a remedy, never a traceback.
    """
    with project_lock(project.build), output_errors(project.root):
        return _build_site(project, diagnostics, languages, pdf, strict, timings, site_url, progress)


def _build_site(
    project: Project,
    diagnostics: Diagnostics,
    languages: list[str] | None,
    pdf: bool,
    strict: bool,
    timings: dict[str, float] | None,
    site_url: str | None,
    progress: Progress | None,
) -> BuildResult:
    from generator.render.site.config import STAGING
    from generator.render.site.offline import package_offline
    from generator.render.theme import assemble_theme

    timings = {} if timings is None else timings
    report = progress or NoProgress()
    with stage("up-to-date check", timings):
        inputs = inputs_digest(project, site_url)
        last = read_stamp(project)
        previous = site_intact(project, last)
    if previous is not None and satisfies(previous, inputs, languages, pdf):
        diagnostics.extend(previous.diagnostics())  # the same warnings as the build that made the site
        if diagnostics.failed(strict):
            raise ContentError(diagnostics, strict)
        return up_to_date_result(previous, languages, timings)
    address = public_address(project, site_url, diagnostics)
    kb = load_knowledge_base(project, diagnostics, strict=strict, timings=timings, progress=progress)
    langs = select_languages(kb, languages, previous=project.site)
    editions = list(localize(kb, project, langs, diagnostics, timings, progress).values())
    if diagnostics.failed(strict):
        raise ContentError(diagnostics, strict)
    staging, pdf_staging = project.build / STAGING, project.build / PDF_STAGING
    remove_tree(staging)
    remove_tree(pdf_staging)
    try:
        pdfs: list[PdfResult] = []
        if pdf:  # first: the pages' download buttons give each PDF's size and page count
            with stage("pdf", timings, progress, total=count_pdfs(kb, langs)):
                pdfs = render_all_pdfs(kb, editions, project, pdf_staging, langs, address, report)
        downloads = {**published_downloads(kb, project.site, last), **pdf_downloads(pdfs)}
        with stage("render", timings, progress, total=len(editions)):
            written = render_editions(project, kb, editions, downloads, address, report)
        with stage("theme", timings, progress):
            assemble_theme(project)
            digests = edition_digests(project, written)
        reused = unchanged_editions(previous, digests)
        kept = start_from_published(kb, project.site, staging, langs)
        build_pages(kb, project.site, staging, [w for w in written if w.lang not in reused], reused, timings, progress)
        with stage("swap", timings, progress):
            pdfs = place_pdfs(pdfs, pdf_staging, staging, project.site)
            kept += keep_published(kb, project.site, staging, langs, pdfs=not pdf)
        with stage("offline", timings, progress):  # after the kept PDFs and editions: the zips hold them
            package_offline(kb, editions, staging, address)
        with stage("swap", timings, progress):
            swap_site(staging, project.site)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # nothing left behind, whatever failed
        shutil.rmtree(pdf_staging, ignore_errors=True)
    pages = {w.lang: w.pages for w in written}
    stamp = BuildStamp(inputs, "", kb.languages, langs, langs if pdf else [], pages, digests, stored(diagnostics))
    stamp.downloads = download_records(kb, project.site, downloads)
    record_build(project, previous, stamp)
    kept = sorted(set(kept) | set(reused), key=kb.languages.index)
    return BuildResult(langs, pages, pdfs, timings, kept, address, reused)


def place_pdfs(pdfs: list[PdfResult], rendered: Path, staging: Path, site: Path) -> list[PdfResult]:
    """Move the PDFs rendered before MkDocs into the built site; their paths become those in `site/`."""
    placed = []
    for result in pdfs:
        relative = result.path.relative_to(rendered)
        (staging / relative).parent.mkdir(parents=True, exist_ok=True)
        os.replace(result.path, staging / relative)
        placed.append(replace(result, path=site / relative))
    return placed


def build_pages(
    kb: KnowledgeBase,
    site: Path,
    staging: Path,
    changed: list[WrittenEdition],
    reused: list[str],
    timings: dict[str, float],
    progress: Progress | None,
) -> None:
    """MkDocs for the editions whose pages changed; the unchanged ones linked from the current site."""
    from generator.render.site.mkdocs_run import build_with_mkdocs

    report = progress or NoProgress()
    with stage("mkdocs", timings, progress, total=len(changed)):  # logged when there is no display
        for edition in changed:  # the source language first: MkDocs empties its site_dir
            build_with_mkdocs(edition.config, strict=True)
            report.advance(f"{edition.lang}: MkDocs")
    with stage("reuse unchanged editions", timings):
        link_editions(kb, site, staging, reused)


def up_to_date_result(stamp: BuildStamp, languages: list[str] | None, timings: dict[str, float]) -> BuildResult:
    """A build with nothing to do: what the site already holds for the requested languages."""
    langs = stamp.requested(languages)
    return BuildResult(langs, {lang: stamp.pages.get(lang, 0) for lang in langs}, timings=timings, up_to_date=True)


def render_all_pdfs(
    kb: KnowledgeBase,
    editions: list[Edition],
    project: Project,
    staging: Path,
    langs: list[str],
    address: str | None,
    report: Progress,
) -> list[PdfResult]:
    from generator.render.pdf import render_pdfs

    return render_pdfs(kb, editions, project, staging, langs=langs, site_url=address, on_done=report)


def edition_digests(project: Project, written: list[WrittenEdition]) -> dict[str, str]:
    """Each written edition's MkDocs inputs (pages, config, theme, tools) as one digest."""
    environment = site_inputs_digest(project)
    return {w.lang: edition_digest(environment, w.config.parent / "docs" / w.lang, w.config) for w in written}


def unchanged_editions(previous: BuildStamp | None, digests: dict[str, str]) -> list[str]:
    """Editions whose MkDocs inputs are those of the edition now in site/: their pages are current."""
    if previous is None:
        return []
    return [lang for lang, digest in digests.items() if previous.editions.get(lang) == digest]


def link_editions(kb: KnowledgeBase, site: Path, staging: Path, langs: list[str]) -> None:
    """Put the current site's files of these editions into the staging tree as hard links: reused,
    not rewritten (the source edition is the site root without the other editions' folders)."""
    editions = {edition_prefix(kb, lang).rstrip("/") for lang in kb.languages} - {""}
    for lang in langs:
        prefix = edition_prefix(kb, lang).rstrip("/")
        source = site / prefix if prefix else site
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(source)
            if (prefix or relative.parts[0] not in editions) and path.is_file():
                link_file(path, staging / prefix / relative)


def link_file(source: Path | str, destination: Path | str) -> None:
    """A hard link (same file, nothing rewritten); a copy where the file system has none."""
    Path(destination).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def record_build(project: Project, previous: BuildStamp | None, stamp: BuildStamp) -> None:
    """Write the stamp of the build that just finished: editions and PDFs kept from the previous
    build stay current when the inputs did not change."""
    kept = previous if previous is not None and previous.inputs == stamp.inputs else None
    if kept is not None:
        stamp.languages = sorted(set(stamp.languages) | set(kept.languages), key=stamp.all_languages.index)
        stamp.pdf_languages = sorted(set(stamp.pdf_languages) | set(kept.pdf_languages), key=stamp.all_languages.index)
    if previous is not None:
        stamp.editions = {**previous.editions, **stamp.editions}
        stamp.pages = {**previous.pages, **stamp.pages}
    stamp.site = site_digest(project.site)
    write_stamp(project, stamp)


def count_pdfs(kb: KnowledgeBase, langs: list[str]) -> int:
    return sum(len(set(kb.package_languages(package)) & set(langs)) for package in kb.packages)


def start_from_published(kb: KnowledgeBase, site: Path, staging: Path, langs: list[str]) -> list[str]:
    """When the source language (the site root) is not rebuilt, start from the published site:
    every other edition stays as it was. Returns the editions kept this way."""
    if kb.source_language in langs or not site.is_dir():
        return []
    shutil.copytree(site, staging, copy_function=link_file)  # the same files: nothing rewritten
    for lang in langs:
        remove_tree(staging / edition_prefix(kb, lang))
    return [lang for lang in kb.languages if lang not in langs and (site / edition_prefix(kb, lang)).is_dir()]


def select_languages(kb: KnowledgeBase, requested: list[str] | None, previous: Path | None = None) -> list[str]:
    """The languages to build, source first: the ones requested (all by default). The source
    language is the site root: it is built too when there is no previous site to keep it from."""
    if not requested:
        return kb.languages
    unknown = [lang for lang in requested if lang not in kb.languages]
    if unknown:
        raise UsageError(f"unknown language {', '.join(unknown)}; the collaborative has {', '.join(kb.languages)}")
    root_missing = previous is None or not (previous / "index.html").is_file()
    return [lang for lang in kb.languages if lang in requested or (lang == kb.source_language and root_missing)]


def render_editions(
    project: Project,
    kb: KnowledgeBase,
    editions: list[Edition],
    downloads: Downloads,
    site_url: str | None,
    report: Progress,
) -> list[WrittenEdition]:
    """Each edition's pages rendered and written with its MkDocs config, one edition at a time: only
    one edition's pages are held in memory. The language selector lists every edition (a partial
    build keeps the others)."""
    from generator.render.site.config import language_config
    from generator.render.site.render import render_site
    from generator.render.site.write import write_edition

    written = []
    for e in editions:
        pages = render_site(e, kb.languages, downloads)
        config = language_config(project, kb, e, pages, kb.languages, site_url=site_url)
        written.append(write_edition(project, e.lang, pages, config))
        report.advance(f"{e.lang}: {len(pages)} pages")
    return written


def keep_published(kb: KnowledgeBase, site: Path, staging: Path, built: list[str], *, pdfs: bool) -> list[str]:
    """A partial build (`--lang`, `--no-pdf`) keeps what it did not rebuild from the current site:
    the other editions, and the PDFs it did not render. Returns the editions kept."""
    kept = []
    for lang in kb.languages:
        folder, target = site / edition_prefix(kb, lang), staging / edition_prefix(kb, lang)
        if lang not in built and lang != kb.source_language and folder.is_dir() and not target.exists():
            shutil.copytree(folder, target, copy_function=link_file)  # the same files: nothing rewritten
            kept.append(lang)
    if not pdfs:
        return kept
    for package in kb.packages:
        for lang in set(kb.package_languages(package)) & set(built):
            relative = Path(edition_prefix(kb, lang)) / pdf_file(package.id)
            if (site / relative).is_file() and not (staging / relative).exists():
                link_file(site / relative, staging / relative)
    return kept


def remove_tree(path: Path) -> None:
    remove_path(path)
