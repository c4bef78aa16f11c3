"""Download buttons: each PDF's language, size and page count, as the files in `site/` have them.

The PDFs render before the pages, so a full build describes the PDFs it just wrote; a build that
keeps the PDFs (`--no-pdf`) describes them from the last build's record, and a PDF that no build
recorded (replaced by hand) keeps its size but loses its page count rather than show a wrong one,
and a PDF the site does not hold (a first build without PDFs) is named but not linked.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

from generator.build import build_site
from generator.diagnostics import Diagnostics
from generator.source.project import Project
from tests.test_site_build import make_site_project

BUTTON = re.compile(r'<a class="ck-pdf" href="(?P<href>[^"]+)" hreflang="(?P<lang>[^"]+)"[^>]*>(?P<label>[^<]*)</a>')


def page_count(pdf: Path) -> int:
    """The PDF's page count as poppler reads it (poppler-utils: installed by .ci/run)."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"(?m)^Pages:\s+(\d+)$", info).group(1))  # type: ignore[union-attr]


def english_size(size: int) -> str:
    return f"{round(size / 1000)} kB" if size < 1_000_000 else f"{size / 1_000_000:.1f} MB".replace(".0 ", " ")


def buttons(page: Path) -> dict[Path, str]:
    """Each PDF button of a built page: the file it links to, and its label."""
    html = page.read_text(encoding="utf-8")
    return {(page.parent / m["href"]).resolve(): unescape(m["label"]) for m in BUTTON.finditer(html)}


def test_the_buttons_give_each_pdfs_language_size_and_page_count(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    result = build_site(project, Diagnostics(), pdf=True)
    assert len(result.pdfs) >= 2
    english = buttons(project.site / "change-packages" / "index.html")
    spanish = buttons(project.site / "es" / "change-packages" / "index.html")
    for pdf in result.pdfs:
        assert pdf.path.parent.parent in (project.site, project.site / "es") and pdf.path.is_file()
        pages, size = page_count(pdf.path), pdf.path.stat().st_size
        assert pdf.pages == pages
        language = {"en": "English", "es": "Español"}[pdf.lang]
        assert english[pdf.path.resolve()] == f"PDF · {language} · {english_size(size)} · {pages} pages"
        assert spanish[pdf.path.resolve()].endswith(f" · {pages} páginas")
    topic = next((project.site / "topics").glob("*/index.html"))
    assert set(buttons(topic).values()) <= set(english.values())  # the topic page's buttons say the same


def test_a_build_that_keeps_the_pdfs_describes_them_from_the_record(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    build_site(project, Diagnostics(), pdf=True)
    before = buttons(project.site / "change-packages" / "index.html")
    edit_a_title(project)
    build_site(project, Diagnostics(), pdf=False)
    assert buttons(project.site / "change-packages" / "index.html") == before

    replaced = next(path for path in before if path.suffix == ".pdf")
    replaced.write_bytes(replaced.read_bytes() + b"\n% edited by hand\n")  # not the PDF the build recorded
    build_site(project, Diagnostics(), pdf=False)
    after = buttons(project.site / "change-packages" / "index.html")
    assert after[replaced].endswith(english_size(replaced.stat().st_size))  # its size, no page count
    assert "pages" not in after[replaced]
    assert {p: label for p, label in after.items() if p != replaced} == {
        p: label for p, label in before.items() if p != replaced
    }


def edit_a_title(project: Project) -> None:
    """An English edit: the pages must be built again, the PDFs are kept."""
    topic = next(project.topics.glob("*/topic.yaml"))
    text = topic.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    topic.write_text(text.replace(title, title + " (revised)", 1), encoding="utf-8")


def test_a_first_build_without_pdfs_links_none(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    build_site(project, Diagnostics(), pdf=False)
    page = (project.site / "es" / "change-packages" / "index.html").read_text(encoding="utf-8")
    assert not BUTTON.search(page) and 'type="application/pdf"' not in page
    absent = re.findall(r'<span class="ck-pdf ck-pdf--absent">([^<]*)</span>', page)
    assert absent and all(label.endswith(" · aún no disponible") for label in absent)
    assert "PDF · English · aún no disponible" in absent
