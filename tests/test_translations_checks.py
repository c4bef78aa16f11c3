"""Translation checks: links, numbers across locales, Markdown structure, raw HTML; warnings at the msgstr line."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import localize
from generator.diagnostics import Diagnostics
from generator.editions import checks
from generator.editions.checks import check_translation
from generator.source.project import Project
from generator.text.scan import strip_code
from tests.test_translations_support import (
    EPOCH,
    TOPIC,
    context,
    invoke,
    load,
    mini_project,
    po_path,
    translate,
    update,
)


@pytest.mark.parametrize(
    ("source", "translation", "problem"),
    [
        (
            "Measure the [third next available](ref:third-next-available) weekly.",
            "Medir cada semana.",
            "translation drops the link to 'ref:third-next-available'",
        ),
        (
            "Measure the [wait](ref:third-next-available).",
            "Medir la [espera](ref:third-next-availble).",
            "translation changes the link to 'ref:third-next-available' into a link to 'ref:third-next-availble'",
        ),
        (
            "Measure the wait.",
            "Medir la [espera](https://example.org).",
            "translation adds a link to 'https://example.org'",
        ),
        (
            "See <https://example.org/a>.",
            "Ver https://example.org/a.",
            "translation drops the link to 'https://example.org/a'",
        ),
        ("Fell from 11.4% to 9.6%.", "Bajó del 11,4 % al 9,5 %.", "translation changes the number '9.6' to '9,5'"),
        ("Wait 2 days.", "Esperar dos días.", "translation drops the number '2'"),
        ("Wait two days.", "Esperar 3 días.", "translation adds the number '3'"),
        (
            "- count\n- plan\n- act",
            "- contar\n- planificar y actuar",
            "translation breaks the list: 3 bulleted items in the source, 2 bulleted items in the translation",
        ),
        (
            "- count\n- plan",
            "1. contar\n2. planificar",
            "translation breaks the list: 2 bulleted items in the source, 2 numbered items in the translation",
        ),
        (
            "Count *internal* demand.",
            "Contar la demanda *interna.",
            "translation has an unclosed emphasis marker (* or _)",
        ),
        ("Count **all** demand.", "Contar **toda la demanda.", "translation has an unclosed strong marker (** or __)"),
        ("Run `tally` daily.", "Ejecutar tally cada día.", "translation has 0 code spans where the source has 1"),
        ("## Steps", "Pasos", "translation changes the headings of the source"),
        ("Count demand.", "Contar la <b>demanda</b>.", "translation contains raw HTML (<b>, </b>); it is not shown"),
        ("Count demand.", "Contar <!-- nota --> la demanda.", "translation contains raw HTML (<!--); it is not shown"),
    ],
)
def test_problems(source: str, translation: str, problem: str) -> None:
    assert check_translation(source, translation, markdown=True) == [problem]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("A score of 12.5 points.", "Une note de 12,5 points."),
        ("About 8,600 patients and 1,000 visits.", "Environ 8\u202f600 patients et 1 000 visites."),
        ("About 8,600 patients.", "Unos 8.600 pacientes."),
        ("Cut from 11% to 6%.", "Reducir del 11 % al 6 %."),
        ("On Tuesday at 10:00.", "Le mardi à 10 h."),
        ("At 07:30.", "À 7 h 30."),
        ("The 1st and the 3rd.", "El 1.º y el 3.º."),
        ("In 2027, 120 teams.", "En 2027, 120 equipos."),
        (
            "[Murray 2003](https://doi.org/10.1001/jama.289.8.1035)",
            "[Murray, 2003](https://doi.org/10.1001/jama.289.8.1035)",
        ),
        ("1. count\n2. plan", "1. contar\n2. planificar"),
        ("Use snake_case names and 2 * 3 slots.", "Usar nombres snake_case y 2 * 3 huecos."),
        ("Count **external** and *internal* demand.", "Contar la demanda **externa** y la _interna_."),
    ],
)
def test_faithful_translations_pass(source: str, translation: str) -> None:
    assert check_translation(source, translation, markdown=True) == []


def test_plain_fields_are_checked_for_numbers_and_html_only() -> None:
    assert check_translation("Within 2 days [see](ref:x) *now", "En [ver] 2 días", markdown=False) == []
    assert check_translation("Within 2 days", "En 3 <i>días</i>", markdown=False) == [
        "translation contains raw HTML (<i>, </i>); it is not shown",
        "translation changes the number '2' to '3'",
    ]


#: Content never holds control characters or bidirectional overrides (they are errors there).
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@settings(deadline=None)  # no time limit: the machine may be busy (no timed tests)
@given(st.text(alphabet=st.characters(blacklist_characters="<" + BIDI, blacklist_categories=("Cc", "Cs"))))
def test_the_source_as_its_own_translation_has_no_problem(text: str) -> None:
    assert check_translation(text, text, markdown=True) == []
    assert check_translation(text, text, markdown=False) == []


@settings(deadline=None)  # no time limit: the machine may be busy (no timed tests)
@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(["es", "fr", "pt"]),
)
def test_numbers_match_in_every_locale_format(value: Decimal, lang: str) -> None:
    source = f"A target of {format_decimal(value, locale='en')} visits."
    translation = f"Un objectif de {format_decimal(value, locale=lang)} visites."
    assert check_translation(source, translation, markdown=False) == []


# In the catalogs ---------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    project = mini_project(tmp_path)
    update(project)
    return project


BACKGROUND_LINK = (
    "Teams measure the [third next available appointment](ref:third-next-available)\n"
    "every week, on the same day and at 10:00."
)


def check_catalogs(project: Project, diagnostics: Diagnostics) -> None:
    """What validate and build do: localize every edition, which checks its translations."""
    kb = load(project)
    localize(kb, project, kb.languages[1:], diagnostics)


def faithful(ctx: str, text: str) -> str:
    """A "translation" that keeps the structure: the text itself."""
    return text


def test_check_catalogs_warns_at_the_msgstr_line(project: Project) -> None:
    def translator(ctx: str, text: str) -> str:
        return "Los equipos miden la espera cada semana, a las 10:00." if text == BACKGROUND_LINK else text

    translate(project, "es", how=translator)
    diagnostics = Diagnostics()
    check_catalogs(project, diagnostics)
    [warning] = list(diagnostics)
    lines = po_path(project, "es").read_text().splitlines()
    line = lines.index('msgstr "Los equipos miden la espera cada semana, a las 10:00."') + 1
    assert warning.format() == (
        f"content/translations/es/{TOPIC}.po:{line}:1: warning: {context('background')}: "
        "translation drops the link to 'ref:third-next-available'; it is not shown [translation.link]"
    )


def test_fuzzy_and_untranslated_entries_are_not_checked(project: Project) -> None:
    translate(project, "es", how=faithful)
    path = po_path(project, "es")
    path.write_text(
        path.read_text().replace(f'msgctxt "{context("title")}"', f'#, fuzzy\nmsgctxt "{context("title")}"')
    )
    text = path.read_text().replace('msgstr "Same-day access"', 'msgstr "Acceso <b>hoy</b>"')
    path.write_text(text)
    diagnostics = Diagnostics()
    check_catalogs(project, diagnostics)
    assert list(diagnostics) == []


def test_update_and_status_report_the_problems(project: Project) -> None:
    translate(project, "es", how=lambda ctx, text: text.replace("2 days", "3 days"))
    for command in ("update", "status"):
        result = invoke(project, "translations", command)
        assert result.exit_code == 0, result.output
        assert (
            "warning: clinic-access/aim: translation changes the number '2' to '3' [translation.number]"
            in result.stderr
        )


def test_plural_entries_are_reported_before_an_update_drops_them(tmp_path: Path) -> None:
    import shutil

    from generator.cli import main

    shutil.copytree(Path(__file__).parent / "fixtures" / "translations-mini", tmp_path / "p")
    runner = CliRunner()
    assert runner.invoke(main, ["--project", str(tmp_path / "p"), "translations", "update"]).exit_code == 0
    po = tmp_path / "p" / "content" / "translations" / "es" / "site.po"
    po.write_text(
        po.read_text() + '\nmsgid "one"\nmsgid_plural "many"\nmsgstr[0] "uno"\nmsgstr[1] "x"\nmsgstr[2] "x"\n'
    )
    result = runner.invoke(main, ["--project", str(tmp_path / "p"), "validate"])
    assert "[translation.plural]" in result.stderr


# The shortcuts (a text without digits has no numbers…) give what the full scans give --------
#: `checks.NUMBER` as it was written before the lookahead that speeds it up.
FULL_NUMBER = re.compile(
    r"(?<![\d:])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?!\d)|(?P<colon>:)?\d+(?:[.,'’]\d+)*"
)


def full_numbers(text: str, *, markdown: bool) -> list[tuple[str, str]]:
    """`numbers` without its shortcuts (as it was written before them)."""
    link_free = checks.LINK.sub(lambda m: m.group(0)[: m.start("target") - m.start()], text)
    text = checks.BARE_URL.sub(" ", checks.AUTOLINK.sub(" ", link_free))
    if markdown:
        text = checks.ORDERED.sub("", text)
    found = []
    for match in FULL_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group(0)).lstrip("0") or "0"
        if not (match["colon"] and digits == "0"):
            found.append((digits, match.group(0).lstrip(":")))
    return found


def full_emphasis(text: str, marker: str) -> int:
    text = checks.LINK.sub(lambda m: m.group(0)[: m.start("target") - m.start()], checks.BULLET.sub("", text))
    text = checks.BARE_URL.sub(" ", text)
    if marker == "**":
        return len(checks.STRONG.findall(text))
    return len(checks.EMPHASIS.findall(checks.STRONG.sub("", text)))


MARKDOWN_PIECES = [
    "\n", "- ", "1. ", "* ", "+ ", "# ", "## ", "`", "```\n", "~~~\n", "**", "__", "*", "_", "[a](https://e.org/1)",
    "<https://e.org/2>", "https://e.org/3 ", "mailto:a@b.c", "10:00", "1,000.5", "12,5", "1 000", "007", "](", ":",
    "1\u202f000", "2'5", "3’5", ":0", "::", "٣",
]  # fmt: skip
markdown_like = st.lists(st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=5)), max_size=25).map("".join)


@settings(deadline=None, max_examples=300)
@given(markdown_like, st.booleans())
def test_numbers_with_shortcuts_are_the_full_scan(text: str, markdown: bool) -> None:
    assert checks.numbers(text, markdown=markdown) == full_numbers(text, markdown=markdown)


@settings(deadline=None, max_examples=300)
@given(markdown_like)
def test_the_structure_counts_with_shortcuts_are_the_full_scans(text: str) -> None:
    assert checks.emphasis_counts(text) == (full_emphasis(text, "**"), full_emphasis(text, "*"))
    assert checks.list_shape(text) == (len(checks.BULLET.findall(text)), len(checks.ORDERED.findall(text)))
    assert checks.count_fences(text) == len(checks.FENCE.findall(text))
    fenced = re.sub(r"(?ms)^ {0,3}(```|~~~).*?^ {0,3}\1", "", text)
    assert checks.count_code_spans(text) == len(checks.CODE_SPAN.findall(fenced))
    code_free = strip_code(text)
    links = [m["target"] for m in checks.LINK.finditer(code_free)] + [
        m["target"] for m in checks.AUTOLINK.finditer(code_free)
    ]
    assert checks.link_targets(text) == links
