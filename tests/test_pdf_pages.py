"""Every sample PDF, page by page: no page is near-blank by accident (a heading, a link or only the
running header left alone), and the print layout keeps what belongs together."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.editions.view import load_edition
from generator.render.pdf import PdfResult, render_pdfs
from tests.conftest import copy_sample_project
from tests.pdfpages import NEAR_BLANK_WORDS, PageBody, near_blank_pages, page_bodies

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[PdfResult]:
    root = tmp_path_factory.mktemp("pdf-pages")
    project = copy_sample_project(root / "sample")
    kb = load_knowledge_base(project, Diagnostics())
    editions = {lang: load_edition(kb, lang, project, Diagnostics()) for lang in kb.languages}
    return render_pdfs(kb, editions, project, root / "site")


def test_every_sample_package_is_printed_in_every_language(sample_pdfs: list[PdfResult]) -> None:
    assert len(sample_pdfs) == 16
    assert all(result.pages > 10 for result in sample_pdfs)


def test_no_sample_pdf_has_a_near_blank_page(sample_pdfs: list[PdfResult]) -> None:
    flagged = {
        f"{result.lang}/{result.package}": [
            f"p. {body.number}: {body.text!r}" for body in near_blank_pages(result.path)
        ]
        for result in sample_pdfs
    }
    assert {name: pages for name, pages in flagged.items() if pages} == {}


def test_the_check_sees_a_lone_heading(tmp_path: Path) -> None:
    """The near-blank check itself: a page holding one heading is flagged, a full page is not."""
    from weasyprint import HTML

    filler = " ".join(["Words that fill a page of running text."] * 400)
    page = "<style>@page { size: A4; margin: 20mm 18mm 18mm }</style>"
    source = f"{page}<p>{filler}</p><h2 style='break-before: page'>Driver diagram</h2>"
    pdf = tmp_path / "lone-heading.pdf"
    HTML(string=source).write_pdf(pdf)
    bodies: list[PageBody] = page_bodies(pdf)
    flagged = near_blank_pages(pdf)
    assert [body.text for body in flagged] == ["Driver diagram"]
    assert all(len(body.words) >= NEAR_BLANK_WORDS for body in bodies if body not in flagged)
