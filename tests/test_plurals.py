"""`Plural-Forms` checked as `msgfmt -c` does (issue 14, defect 16): a syntax error is refused by
every command that reads the catalog, and `translations update` no longer keeps it."""

from __future__ import annotations

import subprocess
import typing
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.editions.plurals import WRITTEN_BY_UPDATE, PluralFormsError, check_plural_forms, evaluate_plural_forms
from generator.editions.pofile import parse_header
from tests.test_translations_support import mini_project, po_path, update

HEADERS = [
    "nplurals=2; plural=(n != 1);",
    "nplurals=2; plural=n != 1",
    "plural=n!=1; nplurals=2;",
    "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",
    "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;",
    "nplurals=1; plural=0;",
    "nplurals=2; plural=!(n == 1);",
    "nplurals=2; plural=(n != 1;",
    "nplurals=2; plural=n >> 1;",
    "nplurals=2; plural=;",
    "nplurals=x; plural=n;",
    "nplurals=2; plural=n;",
    "nplurals=2; plural=(n==1) ? 0 : 1 :;",
    "nplurals=2; plural=n+;",
    "nplurals=2; plural=n ! 1;",
    "nplurals=2",
    "nplurals=2; plural=" + "(" * 30 + "n!=1" + ")" * 30 + ";",
]


def msgfmt_accepts(header: str, tmp_path: Path) -> bool:
    count = int(header.split("nplurals=")[1][0]) if header.split("nplurals=")[1][:1].isdigit() else 2
    forms = "".join(f'msgstr[{i}] "x{i}"\n' for i in range(count))
    po = tmp_path / "check.po"
    po.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {header}\\n"\n\n'
        f'msgid "a"\nmsgid_plural "b"\n{forms}',
        encoding="utf-8",
    )
    result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(po)], capture_output=True, check=False)
    return result.returncode == 0


def accepts(header: str) -> bool:
    try:
        evaluate_plural_forms(header)
    except PluralFormsError:
        return False
    return True


@pytest.mark.parametrize("header", HEADERS)
def test_same_verdict_as_msgfmt(header: str, tmp_path: Path) -> None:
    assert accepts(header) == msgfmt_accepts(header, tmp_path)


def test_the_values_update_writes_are_trusted_because_every_one_passes_here(tmp_path: Path) -> None:
    """`check_plural_forms` skips the values `translations update` writes (Babel's for the languages
    Changekit publishes): each passes our evaluation and msgfmt's."""
    from babel.messages.plurals import get_plural

    from generator.model.collaborative import Language

    written = {get_plural(lang).plural_forms for lang in typing.get_args(Language)}
    assert written == WRITTEN_BY_UPDATE
    for value in sorted(WRITTEN_BY_UPDATE):
        evaluate_plural_forms(value)
        assert msgfmt_accepts(value, tmp_path), value


def test_ui_catalogs_pass() -> None:
    catalogs = sorted(Path(__file__).resolve().parent.parent.glob("generator/locale/*/LC_MESSAGES/*.po"))
    assert len(catalogs) >= 3
    for po in catalogs:
        value = parse_header(po.read_text(encoding="utf-8")).get("Plural-Forms")
        assert value is not None
        check_plural_forms(value)


def test_update_refuses_and_keeps_the_file(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    update(project)
    path = po_path(project, "es")
    text = path.read_text(encoding="utf-8")
    assert '"Plural-Forms: ' in text
    broken = "".join(
        '"Plural-Forms: nplurals=2; plural=(n != 1;\\n"\n' if line.startswith('"Plural-Forms:') else line
        for line in text.splitlines(keepends=True)
    )
    path.write_text(broken, encoding="utf-8")
    diagnostics = Diagnostics()
    with pytest.raises(Exception, match="Aborted"):
        update(project, diagnostics)
    line = broken.splitlines().index('"Plural-Forms: nplurals=2; plural=(n != 1;\\n"') + 1
    assert [d.format() for d in diagnostics if "Plural-Forms" in d.message] == [
        f"content/translations/es/{path.name}:{line}: error: the Plural-Forms header is invalid: syntax error in "
        "the plural expression: expected ')' (msgfmt -c refuses it too); fix the file: until then it is neither "
        "used nor updated [po.syntax]"
    ]
    assert path.read_text(encoding="utf-8") == broken
