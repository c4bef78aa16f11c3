"""UI catalogs shipped in generator/locale: up to date with the code and complete for es, fr, pt."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.checkers import python_format
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from generator.editions.ui import LOCALE_DIR, compile_catalog, ui_translations

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = ("es", "fr", "pt")


def source_messages() -> set[str]:
    """Every UI msgid in the code and templates, extracted as `babel.cfg` says."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = extract_from_dir(
        str(ROOT), method_map, options_map, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def catalog_ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_template_catalog_is_up_to_date() -> None:
    """A new UI string must be extracted (see babel.cfg) before it can be translated."""
    missing = source_messages() - catalog_ids(LOCALE_DIR / "changekit.pot")
    assert not missing, f"run the extraction in babel.cfg; missing from changekit.pot: {sorted(missing)[:10]}"


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_ui_string_is_translated(lang: str) -> None:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "changekit.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    untranslated = [
        m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert not untranslated, f"{lang}: untranslated UI strings: {untranslated[:10]}"
    assert source_messages() <= catalog_ids(path)
    for message in catalog:
        if message.id:
            python_format(catalog, message)  # raises on a placeholder mismatch


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("es", "Conceptos de cambio"), ("fr", "Concepts de changement"), ("pt", "Conceitos de mudança")],
)
def test_ui_translations_are_used(lang: str, expected: str) -> None:
    assert ui_translations(lang).gettext("Change concepts") == expected
    assert ui_translations("en").gettext("Change concepts") == "Change concepts"


@pytest.mark.parametrize("lang", EDITIONS)
def test_compiled_catalog_matches_its_po(lang: str) -> None:
    """The `.mo` read at run time is the `.po` compiled: a stale one would show old translations."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    expected = compile_catalog(folder / "changekit.po", lang)
    assert (folder / "changekit.mo").read_bytes() == expected, (
        f"generator/locale/{lang}/LC_MESSAGES/changekit.mo is stale; compile it as babel.cfg says"
    )
