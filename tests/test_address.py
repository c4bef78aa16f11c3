"""The site's public address: one place (mkdocs.yml site_url, or --site-url), local addresses never published."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from generator.cli import main
from generator.diagnostics import Diagnostics, UsageError
from generator.source.address import is_local, public_address
from generator.source.project import Project
from tests.conftest import FIXTURES, copy_project

LOOPBACK = re.compile(r"(127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0)")
NO_ADDRESS = (
    "mkdocs.yml: warning: no public address: set site_url in mkdocs.yml (or pass --site-url); until then the PDFs"
    " print no links to the online site (see `changekit guide publishing`) [site.url]"
)


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000/", True),
        ("http://127.1.2.3/", True),
        ("http://localhost:8123/site/", True),
        ("http://app.localhost/", True),
        ("http://[::1]:8000/", True),
        ("http://0.0.0.0/", True),
        ("https://clabsi.example.org/", False),
        ("https://192.168.1.20/", False),
        ("https://localhost.example.org/", False),
    ],
)
def test_local_addresses(url: str, local: bool) -> None:
    assert is_local(url) is local


def project_with(tmp_path: Path, mkdocs: str) -> Project:
    project = Project(tmp_path)
    project.mkdocs_yml.write_text(mkdocs, encoding="utf-8")
    return project


def test_address_comes_from_mkdocs_yml_or_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    diagnostics = Diagnostics()
    project = project_with(tmp_path, "site_url: https://clabsi.example.org/site\n")
    assert public_address(project, None, diagnostics) == "https://clabsi.example.org/site/"
    assert public_address(project, "https://staging.example.org/", diagnostics) == "https://staging.example.org/"
    monkeypatch.setenv("SITE_URL", "https://ci.example.org/")
    env = project_with(tmp_path, "site_url: !ENV [SITE_URL, 'https://x.example.org/']\n")
    assert public_address(env, None, diagnostics) == "https://ci.example.org/"
    assert len(diagnostics) == 0


def test_missing_or_local_address_is_a_warning(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    assert public_address(project_with(tmp_path, "site_name: x\n"), None, diagnostics) is None
    assert [d.format() for d in diagnostics] == [NO_ADDRESS]
    local = Diagnostics()
    assert public_address(project_with(tmp_path, "site_url: http://127.0.0.1:8000/\n"), None, local) is None
    (warning,) = list(local)
    assert warning.format() == (
        "mkdocs.yml:1:11: warning: the site's address http://127.0.0.1:8000/ only works on this computer: the pages"
        " and PDFs get no links to it; set the public address in site_url in mkdocs.yml (or pass --site-url) [site.url]"
    )
    flag = Diagnostics()
    assert public_address(project_with(tmp_path, "site_name: x\n"), "http://localhost:9000/", flag) is None
    assert next(iter(flag)).format().startswith("--site-url: warning: the site's address http://localhost:9000/")


def test_an_address_must_be_a_web_address(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="must start with https://"):
        public_address(project_with(tmp_path, "site_url: clabsi.example.org\n"), None, Diagnostics())


def uris(pdf: Path) -> list[str]:
    """The link annotations of a PDF (every clickable address in it)."""
    found = []
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            if "/URI" in action:
                found.append(str(action["/URI"]))
    return found


def build(project: Project, *args: str) -> str:
    result = CliRunner().invoke(main, ["--project", str(project.root), "build", *args])
    assert result.exit_code == 0, result.output
    return result.stderr


def page_links(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".xml"))


@pytest.fixture(scope="module")
def pdf_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(FIXTURES / "pdf-mini", tmp_path_factory.mktemp("address") / "project")


def test_public_address_reaches_pages_and_pdfs_and_no_loopback_does(pdf_project: Project) -> None:
    """Built with a public address: PDFs link online pages there; no PDF and no page names a local address."""
    output = build(pdf_project, "--site-url", "https://clabsi.example.org/")
    assert "Public address: https://clabsi.example.org/" in output and "[site.url]" not in output
    pdfs = sorted(pdf_project.site.rglob("*.pdf"))
    assert len(pdfs) == 3
    links = [uri for pdf in pdfs for uri in uris(pdf)]
    assert any(uri.startswith("https://clabsi.example.org/fr/topics/") for uri in links)
    assert not [uri for uri in links if LOOPBACK.search(uri)]
    pages = page_links(pdf_project.site)
    assert 'rel="canonical" href="https://clabsi.example.org/' in pages
    assert not LOOPBACK.search(pages)


def test_a_local_address_prints_no_online_links(pdf_project: Project) -> None:
    output = build(pdf_project, "--site-url", "http://127.0.0.1:8000/")
    assert "only works on this computer" in output and "Public address: none" in output
    for pdf in pdf_project.site.rglob("*.pdf"):
        online = [uri for uri in uris(pdf) if "/topics/" in uri or LOOPBACK.search(uri)]
        assert online == [], pdf
    assert not LOOPBACK.search(page_links(pdf_project.site))


def test_strict_build_refuses_to_publish_without_an_address(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "pdf-mini", tmp_path / "project")
    project.mkdocs_yml.write_text("site_name: Clinic Access Collaborative\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(project.root), "build", "--no-pdf", "--strict"])
    assert result.exit_code == 1
    assert NO_ADDRESS in result.stderr
    assert "Aborted with 0 errors and 1 warning." in result.stderr
    assert not project.site.exists()
