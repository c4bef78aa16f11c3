"""Rendered PDFs of the pdf-mini fixture: text, contents, fonts, metadata, outline, determinism, reuse."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.check import load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.editions.view import Edition, load_edition
from generator.knowledge.kb import KnowledgeBase
from generator.model import ChangePackage
from generator.render.pdf import PdfResult, render_package_html, render_pdf_bytes, render_pdfs
from generator.render.pdf.document import package_metadata
from generator.render.pdf.render import PdfCache
from generator.render.pdf.theme import PrintTheme, missing_characters
from generator.render.pdf.typography import NBSP, NNBSP
from generator.source.address import public_address
from generator.source.bundled import builtin_theme
from generator.source.project import Project
from tests.conftest import FIXTURES, ROOT, copy_project

PACKAGE = "clinic-access-2027"
SHORT = "clinic-access-letter"
MEASURE_FIELDS = ("numerator", "denominator", "exclusions", "goal", "data_source", "sampling")


@dataclass
class Rendered:
    project: Project
    kb: KnowledgeBase
    editions: dict[str, Edition]
    dest: Path
    results: list[PdfResult]

    def path(self, package: str, lang: str) -> Path:
        return self.dest / ("" if lang == "en" else f"{lang}/") / "change-packages" / f"{package}.pdf"


ADDRESS = "https://example.org/access/"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("pdf-render")
    project = copy_project(FIXTURES / "pdf-mini", root / "pdf-mini")
    kb = load_knowledge_base(project, Diagnostics())
    editions = {lang: load_edition(kb, lang, project, Diagnostics()) for lang in kb.languages}
    assert public_address(project, None, Diagnostics()) == ADDRESS  # site_url in the fixture's mkdocs.yml
    results = render_pdfs(kb, editions, project, root / "site", site_url=ADDRESS)
    return Rendered(project, kb, editions, root / "site", results)


def squash(text: str) -> str:
    """Letters and digits only: extracted text breaks lines and hyphenates words anywhere."""
    return re.sub(r"[\W_]+", "", text).lower()


def page_texts(path: Path, layout: bool = False) -> list[str]:
    """The text of each page, as poppler's pdftotext extracts it."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.split("\f")[:-1]


def test_every_package_and_language_is_rendered(rendered: Rendered) -> None:
    got = sorted((r.package, r.lang, r.path, r.reused) for r in rendered.results)
    assert got == [
        (PACKAGE, "en", rendered.path(PACKAGE, "en"), False),
        (PACKAGE, "fr", rendered.path(PACKAGE, "fr"), False),
        (SHORT, "en", rendered.path(SHORT, "en"), False),
    ]
    for result in rendered.results:
        assert result.pages == len(PdfReader(result.path).pages) > 1
        assert result.path.read_bytes().startswith(b"%PDF-1.7")
        assert result.seconds > 0


def test_text_has_headings_ideas_and_measure_definitions(rendered: Rendered) -> None:
    text = squash("\n".join(page_texts(rendered.path(PACKAGE, "en"))))
    headings = [
        "Same-Day Access in Clinics", "Contents", "Foreword", "How to use this change package",
        "The Model for Improvement", "How the collaborative works", "Same-day access", "Driver diagram",
        "Change concepts and ideas", "Measures", "Operational definition", "Team stories", "Worksheets",
        "PDSA cycle worksheet", "Data collection: Clinician overtime", "References",
    ]  # fmt: skip
    for heading in headings:
        assert squash(heading) in text, heading
    entry = rendered.kb.topic("clinic-access")
    for concept, idea in entry.ideas():
        assert squash(concept.title) in text and squash(idea.title) in text, idea.id
        for failure in idea.typical_failures:
            assert squash(failure) in text
    for measure in entry.measures:
        assert squash(measure.title) in text
        for field in MEASURE_FIELDS:
            value = getattr(measure, field)
            if value is not None:
                assert squash(value) in text, f"{measure.id}.{field}"
    for reference in entry.topic.references:
        assert squash(reference.citation) in text
        assert reference.url is None or squash(reference.url) in text
    assert squash("We had never counted the patients we turned away.") in text


def test_contents_page_numbers_match_the_pages_where_sections_start(rendered: Rendered) -> None:
    for package, lang in ((PACKAGE, "en"), (PACKAGE, "fr"), (SHORT, "en")):
        path = rendered.path(package, lang)
        pages = page_texts(path)
        layout = page_texts(path, layout=True)
        heading = re.escape(rendered.editions[lang].gettext("Contents"))
        contents = next(i for i, page in enumerate(layout) if re.search(rf"^\s*{heading}\s*$", page, re.M))
        entries = re.findall(r"^\s*(\S.*?)\s*(?:\.\s*){3,}(\d+)\s*$", layout[contents], re.M)
        assert len(entries) >= 5
        for label, number in entries:
            assert squash(label) in squash(pages[int(number) - 1]), (path.name, label, number)
        # The links of the contents page go to the pages it prints.
        reader = PdfReader(path)
        targets = {
            reader.get_destination_page_number(reader.named_destinations[str(annot.get_object()["/Dest"])])
            for annot in reader.pages[contents].get("/Annots", [])
            if "/Dest" in annot.get_object()
        }
        assert targets == {int(number) - 1 for _, number in entries}


def test_fonts_are_the_shipped_ones_embedded(rendered: Rendered) -> None:
    for result in rendered.results:
        out = subprocess.run(["pdffonts", str(result.path)], check=True, capture_output=True, text=True).stdout
        rows = [line.split() for line in out.splitlines()[2:]]
        assert rows
        for row in rows:
            assert re.fullmatch(r"[A-Z]{6}\+Changekit-Print-(Sans|Mono)(-[A-Za-z-]+)?", row[0]), row[0]
            assert row[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni


def test_print_fonts_cover_spanish_french_and_portuguese() -> None:
    fonts = PrintTheme(builtin_theme()).font_files()
    assert {f.name for f in fonts} >= {"Inter-Regular.ttf", "Inter-Bold.ttf", "NotoSansMono-Regular.ttf"}
    sample = "¿Dónde está? ¡Sí! Ça, l’œuvre « naïve » — São João, ação, coração, Ñandú, € ≤ ≥ ± × ↗ …"
    assert missing_characters(sample + NBSP + NNBSP, fonts) == []
    assert missing_characters("☃", fonts) == ["☃"]


def test_metadata(rendered: Rendered) -> None:
    reader = PdfReader(rendered.path(PACKAGE, "fr"))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Accès le jour même : le guide des cliniques"
    assert meta.author == "Ana Ferreira, Paul Martin"
    assert meta.subject == "Un paquet de changements pour l'accès avancé"
    assert "Accès le jour même" in str(meta["/Keywords"])
    assert str(meta["/CreationDate"]) == "D:20270115000000Z"
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root  # tagged
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert b'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data()
    english: Any = PdfReader(rendered.path(PACKAGE, "en")).trailer["/Root"]
    assert english["/Lang"] == "en"


def test_paper_size_follows_the_package(rendered: Rendered) -> None:
    a4 = PdfReader(rendered.path(PACKAGE, "en")).pages[0].mediabox
    letter = PdfReader(rendered.path(SHORT, "en")).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def outline_titles(items: list[object]) -> list[str]:
    titles: list[str] = []
    for item in items:
        if isinstance(item, list):
            titles += outline_titles(item)
        else:
            titles.append(str(getattr(item, "title", "")))
    return titles


def test_bookmarks_cover_every_section(rendered: Rendered) -> None:
    reader = PdfReader(rendered.path(PACKAGE, "en"))
    titles = outline_titles(list(reader.outline))
    expected = [
        "Contents", "Foreword", "How to use this change package", "Same-day access", "Background", "Driver diagram",
        "Change concepts and ideas", "Match capacity to demand", "Count demand every day", "Measures",
        "Third next available appointment", "Team stories", "Riverside cut its wait from two weeks to two days",
        "Worksheets", "PDSA cycle worksheet", "References",
    ]  # fmt: skip
    for title in expected:
        assert title in titles, title
    root: Any = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"


def test_links_to_the_online_pages(rendered: Rendered) -> None:
    reader = PdfReader(rendered.path(PACKAGE, "fr"))
    uris = {
        str(annot.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    }
    assert "https://example.org/access/fr/topics/clinic-access/changes/match-capacity/" in uris
    assert "https://example.org/access/fr/topics/clinic-access/measures/third-next-available/" in uris
    assert "https://example.org/tools/demand-tally.pdf" in uris


def test_french_edition_typography_and_fallbacks(rendered: Rendered) -> None:
    reader = PdfReader(rendered.path(PACKAGE, "fr"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert f"Accès le jour même{NBSP}: le guide" in text
    assert f"petite échelle{NNBSP}; tous enseignent" in text
    assert f"«{NNBSP}demande{NNBSP}»" in text
    assert "Keep two visit lengths" in text  # untranslated, shown in English …
    plain = "\n".join(page_texts(rendered.path(PACKAGE, "fr")))
    assert re.search(r"Keep two visit lengths\s*EN\b", plain)  # … with its marker
    unhyphenated = " ".join(plain.replace("\u2010\n", "").split())  # WeasyPrint hyphenates with U+2010
    assert imprint_note(rendered.editions["fr"], rendered.kb.package(PACKAGE)) in unhyphenated
    cover = page_texts(rendered.path(PACKAGE, "fr"))[0]
    assert "\u2010\n" not in cover  # the cover's labels never hyphenate
    assert "Creative Commons Attribution 4.0 International" in " ".join(cover.split())  # the licence's name


def imprint_note(edition: Edition, package: ChangePackage) -> str:
    """The imprint's sentence on how much of the package's text is translated (as pdftotext reads it)."""
    note = edition.labels.completeness(edition.completeness(["site", *package.topics]))
    return " ".join(note.split())  # split() also splits at no-break spaces


def test_same_input_same_bytes(rendered: Rendered, tmp_path: Path) -> None:
    kb, edition = rendered.kb, rendered.editions["fr"]
    package = kb.package(PACKAGE)
    html = render_package_html(kb, edition, package, site_url="https://example.org/access/")
    metadata = package_metadata(kb, edition, package)
    base = PrintTheme.locate(rendered.project).base_url
    first = render_pdf_bytes(html, base, metadata)
    assert render_pdf_bytes(html, base, metadata) == first
    assert first == rendered.path(PACKAGE, "fr").read_bytes()
    assert b"/ID" not in first and b"uuid" not in first  # no random file or document identifier


def test_unchanged_pdfs_are_reused(rendered: Rendered, tmp_path: Path) -> None:
    before = {r.path: r.path.read_bytes() for r in rendered.results}
    editions = list(rendered.editions.values())  # the build passes a list of editions
    again = render_pdfs(rendered.kb, editions, rendered.project, tmp_path / "site", site_url=ADDRESS)
    assert [r.reused for r in again] == [True, True, True]
    assert all(r.pages == first.pages for r, first in zip(again, rendered.results, strict=True))
    for result in again:
        original = rendered.dest / result.path.relative_to(tmp_path / "site")
        assert result.path.read_bytes() == before[original]
    cache = rendered.project.build / "pdf-cache"
    [cached] = (cache / "fr").glob(f"{PACKAGE}.*.pdf")  # the PDF named by the hash of its inputs: one file
    _, digest, pages = cached.name.removesuffix(".pdf").rsplit(".", 2)
    assert len(digest) == 64 and int(pages) == next(r.pages for r in again if r.lang == "fr")


def test_cache_never_pairs_a_pdf_with_another_hash(tmp_path: Path) -> None:
    """Defect 19: the hash is the PDF's name; a stale file under another hash is never returned."""
    cache = PdfCache(tmp_path)
    cache.put("pkg", "en", "a" * 64, b"%PDF-old", 3)
    assert cache.get("pkg", "en", "a" * 64) == (b"%PDF-old", 3)
    cache.put("pkg", "en", "b" * 64, b"%PDF-new", 4)
    assert [p.name for p in (tmp_path / "en").iterdir()] == [f"pkg.{'b' * 64}.4.pdf"]
    assert cache.get("pkg", "en", "a" * 64) is None and cache.get("pkg", "en", "b" * 64) == (b"%PDF-new", 4)
    (tmp_path / "en" / f"pkg-2.{'a' * 64}.1.pdf").write_bytes(b"%PDF-other")  # another package's entry
    assert cache.get("pkg", "en", "a" * 64) is None


def test_changed_inputs_are_rendered_again(rendered: Rendered, tmp_path: Path) -> None:
    project = copy_project(rendered.project.root, tmp_path / "project")
    shutil.copytree(rendered.project.build, project.build)  # the cache of the first render
    site = tmp_path / "site"

    def render(kb: KnowledgeBase, editions: dict[str, Edition]) -> list[tuple[str, bool]]:
        return [
            (r.package, r.reused) for r in render_pdfs(kb, editions, project, site, packages=[SHORT], site_url=ADDRESS)
        ]

    assert render(rendered.kb, rendered.editions) == [(SHORT, True)]
    shutil.copytree(builtin_theme(), project.theme)  # the same theme, now the project's own
    assert render(rendered.kb, rendered.editions) == [(SHORT, True)]
    css = project.theme / "print" / "print.css"
    css.write_text(css.read_text() + "\nh1 { color: #000000; }\n")
    assert render(rendered.kb, rendered.editions) == [(SHORT, False)]
    assert render(rendered.kb, rendered.editions) == [(SHORT, True)]
    source = project.packages / f"{SHORT}.yaml"
    source.write_text(source.read_text().replace("the short edition", "the pocket edition"))
    kb = load_knowledge_base(project, Diagnostics())
    assert render(kb, {"en": load_edition(kb, "en", project, Diagnostics())}) == [(SHORT, False)]
    assert "pocketedition" in squash(page_texts(site / "change-packages" / f"{SHORT}.pdf")[0])


@pytest.mark.slow
def test_sample_package_prints_every_idea_and_definition(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The shipped sample: a real-size package, every change idea and measure definition in it, and
    nothing WeasyPrint objects to (one PDF: printed in this process, where its log reaches the terminal)."""
    root = Path(__file__).resolve().parent.parent
    project = Project(tmp_path / "sample")
    for name in ("content", "changepackages", "theme"):
        shutil.copytree(root / name, project.root / name)
    shutil.copy2(root / "mkdocs.yml", project.mkdocs_yml)
    kb = load_knowledge_base(project, Diagnostics())
    editions = {"en": load_edition(kb, "en", project, Diagnostics())}
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        (result,) = render_pdfs(kb, editions, project, tmp_path / "site", packages=["emergency-flow-2027"])
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    text = squash("\n".join(page_texts(result.path)))
    entry = kb.topic("emergency-flow")
    for concept, idea in entry.ideas():
        assert squash(concept.title) in text and squash(idea.title) in text, idea.id
    for measure in entry.measures:
        for field in MEASURE_FIELDS:
            value = getattr(measure, field)
            assert value is None or squash(value) in text, f"{measure.id}.{field}"
    for story in entry.stories:
        assert squash(story.title) in text


def test_pdf_runs_leave_no_temporary_folders(tmp_path: Path) -> None:
    """Defect 19: every PDF run left a `changekit-fontconfig-*` folder (and workers their fonts)."""
    project = copy_project(FIXTURES / "pdf-mini", tmp_path / "project")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "--project", str(project.root), "pdf", PACKAGE]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count(".pdf: ") >= 2  # several languages: rendered by worker processes
    assert sorted(p.name for p in temp.iterdir()) == []


WORKER_SCRIPT = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing, os
from generator.render.pdf.render import die_with_parent

def pid(_):
    time.sleep(0.5)
    return os.getpid()

if __name__ == "__main__":
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        print(*set(pool.map(pid, range(4))), flush=True)
        time.sleep(600)
"""


def test_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    """Defect 9: `kill -9` of the build left its PDF workers running forever."""
    script = tmp_path / "build.py"
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen([sys.executable, str(script)], env=env, stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert workers and all(alive(pid) for pid in workers)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in workers)


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
