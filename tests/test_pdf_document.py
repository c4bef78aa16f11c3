"""Print HTML of a change package (no WeasyPrint): content, links, fallbacks, French typography."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.check import load_knowledge_base
from generator.diagnostics import Diagnostics
from generator.editions.view import Edition, load_edition
from generator.knowledge.kb import KnowledgeBase
from generator.render.pdf import render_package_html
from generator.render.pdf.document import package_metadata, package_parts, page_css
from generator.render.pdf.links import Linker, anchor_id
from generator.render.pdf.typography import NBSP, NNBSP, french_html, french_spacing
from generator.source.project import Project
from tests.conftest import FIXTURES, copy_project

SITE = "https://example.org/access/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(FIXTURES / "pdf-mini", tmp_path_factory.mktemp("pdf") / "pdf-mini")


@pytest.fixture(scope="module")
def kb(project: Project) -> KnowledgeBase:
    return load_knowledge_base(project, Diagnostics())


def edition(kb: KnowledgeBase, project: Project, lang: str) -> Edition:
    return load_edition(kb, lang, project, Diagnostics())


@pytest.fixture(scope="module")
def html_en(kb: KnowledgeBase, project: Project) -> str:
    return render_package_html(kb, edition(kb, project, "en"), kb.package("clinic-access-2027"), site_url=SITE)


@pytest.fixture(scope="module")
def html_fr(kb: KnowledgeBase, project: Project) -> str:
    return render_package_html(kb, edition(kb, project, "fr"), kb.package("clinic-access-2027"), site_url=SITE)


def test_head_carries_the_pdf_metadata(html_en: str) -> None:
    assert '<html lang="en">' in html_en
    assert "<title>Same-Day Access in Clinics</title>" in html_en
    assert '<meta name="author" content="Ana Ferreira">' in html_en
    assert '<meta name="author" content="Paul Martin">' in html_en
    assert '<meta name="description" content="A change package for advanced access">' in html_en
    assert '<meta name="dcterms.created" content="2027-01-15T00:00:00Z">' in html_en
    assert '<link rel="stylesheet" href="print.css">' in html_en


def test_every_item_is_printed_with_an_anchor(kb: KnowledgeBase, html_en: str) -> None:
    entry = kb.topic("clinic-access")
    for key in [f"clinic-access/{item}" for item in entry.items]:
        assert f'id="{anchor_id(key)}"' in html_en, key
    for concept, idea in entry.ideas():
        assert concept.title in html_en
        assert idea.title in html_en


def test_contents_link_to_anchors_that_exist(html_en: str) -> None:
    contents = html_en[html_en.index('<nav class="ck-contents"') : html_en.index("</nav>")]
    targets = re.findall(r'href="#([^"]+)"', contents)
    assert len(targets) >= 8
    for target in targets:
        assert f'id="{target}"' in html_en, target


def test_ref_links_go_inside_the_pdf_or_online(kb: KnowledgeBase, html_en: str) -> None:
    # The background links to an idea printed in the package: an internal anchor.
    assert re.search(f'<a href="#{anchor_id("clinic-access/count-demand")}"[^>]*>daily demand</a>', html_en)
    # A package without the stories section links to the story's page on the site.
    linker = Linker(kb, kb.package("clinic-access-letter"), "en", SITE)
    assert linker.href("clinic-access/riverside-clinic") == SITE + "topics/clinic-access/stories/riverside-clinic/"
    assert linker.href("clinic-access/count-demand") == "#" + anchor_id("clinic-access/count-demand")
    assert Linker(kb, kb.package("clinic-access-letter"), "fr", SITE).online_key("clinic-access") == (
        SITE + "fr/topics/clinic-access/"
    )
    assert Linker(kb, kb.package("clinic-access-letter"), "en", None).href("clinic-access/riverside-clinic") is None


def test_sections_follow_the_package(kb: KnowledgeBase, project: Project) -> None:
    assert package_parts(kb.package("clinic-access-2027")) == ["introduction", "topics", "worksheets", "references"]
    short = kb.package("clinic-access-letter")
    assert package_parts(short) == ["topics"]
    html = render_package_html(kb, edition(kb, project, "en"), short)
    assert anchor_id("clinic-access/section-changes") in html
    assert anchor_id("clinic-access/section-measures") in html
    assert anchor_id("clinic-access/section-stories") not in html
    assert 'id="ck-worksheets"' not in html
    assert "size: letter" in html


def test_source_edition_has_no_fallback_marks(html_en: str) -> None:
    assert "ck-fallback" not in html_en


def test_fallbacks_are_marked_and_counted(html_fr: str) -> None:
    assert '<html lang="fr">' in html_fr
    # Untranslated: the idea "Keep two visit lengths" stays English, marked and tagged as English.
    assert re.search(
        r'<span class="ck-fallback ck-missing" lang="en" data-mark="EN">Keep two visit lengths</span>', html_fr
    )
    # Outdated (fuzzy) translations fall back too.
    assert 'class="ck-fallback ck-outdated" lang="en"' in html_fr
    # Translated text is printed as is.
    assert "Compter la demande chaque jour" in html_fr
    assert re.search(r'<div class="ck-completeness">\s*<p>\d+', html_fr)
    assert "ck-fallback-legend" in html_fr


def test_french_text_gets_non_breaking_spaces(html_fr: str) -> None:
    assert f"Accès le jour même{NBSP}: le guide des cliniques" in html_fr
    assert f"petite échelle{NNBSP}; tous enseignent, tous apprennent{NNBSP}!" in html_fr
    assert f"«{NNBSP}demande{NNBSP}»" in html_fr
    # URLs, in attributes and in text, are left alone.
    assert 'href="https://example.org/access/fr/change-packages/"' in html_fr
    assert ">https://example.org/access/fr/change-packages/<" in html_fr
    # English fallback passages keep English spacing.
    assert NNBSP not in "".join(re.findall(r'lang="en"[^>]*>([^<]*)<', html_fr))


def test_french_spacing_rules() -> None:
    assert french_spacing("Pourquoi ? Voici : « oui » ; non! 100 %") == (
        f"Pourquoi{NNBSP}? Voici{NBSP}: «{NNBSP}oui{NNBSP}»{NNBSP}; non{NNBSP}! 100{NNBSP}%"
    )
    assert french_spacing("à 10:30, voir https://x.org/a?b=1 ou mailto:a@b.fr") == (
        "à 10:30, voir https://x.org/a?b=1 ou mailto:a@b.fr"
    )
    html = (
        '<p lang="fr">Oui : <code>a ? b</code> <span lang="en">Why ?</span> <a href="https://a.b/?x=1">lien ?</a></p>'
    )
    assert french_html(html, "en") == (
        f'<p lang="fr">Oui{NBSP}: <code>a ? b</code> <span lang="en">Why ?</span> <a href="https://a.b/?x=1">lien{NNBSP}?</a></p>'
    )


def test_french_spacing_after_inline_markup_and_entities() -> None:
    html = '<p lang="fr"><a href="#x">lien</a>; suite &amp; fin <b>Note</b>: oui, à 10:30 &lt;b&gt;</p>'
    assert french_html(html, "en") == (
        f'<p lang="fr"><a href="#x">lien</a>{NNBSP}; suite &amp; fin <b>Note</b>{NBSP}: oui, à 10:30 &lt;b&gt;</p>'
    )


def test_metadata_is_fixed(kb: KnowledgeBase, project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    package = kb.package("clinic-access-2027")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    meta = package_metadata(kb, edition(kb, project, "fr"), package)
    assert meta.created == meta.modified == "2027-01-15T00:00:00Z"
    assert meta.lang == "fr"
    assert meta.title == "Accès le jour même : le guide des cliniques"
    assert meta.authors == ("Ana Ferreira", "Paul Martin")
    assert "Accès le jour même" in meta.keywords
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    again = package_metadata(kb, edition(kb, project, "fr"), package)
    assert again.modified == "2027-01-15T08:00:00Z"
    assert again.created == meta.created


def test_footer_is_localized(kb: KnowledgeBase, project: Project) -> None:
    css = page_css(kb.package("clinic-access-2027"), edition(kb, project, "en"))
    assert 'content: "Page " counter(page) " of " counter(pages);' in css
    assert "size: A4;" in css


def test_html_is_deterministic(kb: KnowledgeBase, project: Project, html_fr: str) -> None:
    again = render_package_html(kb, edition(kb, project, "fr"), kb.package("clinic-access-2027"), site_url=SITE)
    assert again == html_fr


def test_empty_sections_are_left_out(tmp_path: Path) -> None:
    """A topic with no stories and no references prints neither heading, nor lists them in the contents."""
    project = copy_project(FIXTURES / "minimal", tmp_path / "minimal")
    for story in (project.topics / "falls" / "stories").glob("*.yaml"):
        story.unlink()
    topic_file = project.topics / "falls" / "topic.yaml"
    topic_file.write_text(topic_file.read_text().split("references:")[0])
    kb = load_knowledge_base(project, Diagnostics())
    html = render_package_html(kb, load_edition(kb, "en", project, Diagnostics()), kb.packages[0])
    assert "Team stories" not in html
    assert "References" not in html
    assert "Measures" in html


def test_headings_in_fields_are_demoted_but_code_is_left_alone() -> None:
    from generator.text.markdown import shift_headings

    text = "Title\n=====\n\n```\n# a comment in code\n```\n\n## Part\n"
    assert shift_headings(text, 2) == "### Title\n\n```\n# a comment in code\n```\n\n#### Part\n"


def test_a_theme_without_a_logo_prints_no_logo(kb: KnowledgeBase, project: Project) -> None:
    edition = load_edition(kb, "en", project, Diagnostics())
    assert "ck-cover-logo" not in render_package_html(kb, edition, kb.packages[0], logo=False)
    html = render_package_html(kb, edition, kb.packages[0])
    organizer = kb.collaborative.organizer
    # named (PDF/UA wants every image described: WeasyPrint logs an error for alt="")
    assert f'class="ck-cover-logo" src="../assets/logo.svg" alt="{organizer}"' in html
