"""Rebuilds that skip what did not change: a no-change build writes nothing; an edit rebuilds only
the editions whose pages it changes (the others are kept as they are, not rewritten)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build_site
from generator.buildstate import read_stamp, satisfies
from generator.diagnostics import ContentError, Diagnostics
from generator.source.project import Project
from tests.test_site_build import make_site_project


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: a rewrite, even of the same bytes, changes one."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def rewritten(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {path for path, stamp in after.items() if before.get(path) != stamp}


def in_edition(paths: set[str], prefix: str) -> set[str]:
    return {p for p in paths if p.startswith(prefix)}


def test_a_no_change_build_with_pdfs_does_nothing_and_writes_nothing(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project")
    first = build_site(project, Diagnostics(), pdf=True)
    assert not first.up_to_date and first.pdfs
    before = snapshot(project.site)
    again = build_site(project, Diagnostics(), pdf=True)
    assert again.up_to_date and again.pages == first.pages
    assert "load" not in again.timings and "mkdocs" not in again.timings
    assert rewritten(before, snapshot(project.site)) == set()
    partial = build_site(project, Diagnostics(), languages=["es"], pdf=False)  # asks for less: also done
    assert partial.up_to_date and partial.languages == ["es"]


def test_a_translation_edit_rebuilds_only_its_edition(tmp_path: Path) -> None:
    project = site_built(tmp_path)
    before = snapshot(project.site)
    catalog = project.translations / "es" / "falls.po"
    text = catalog.read_text(encoding="utf-8")
    assert text.count('msgstr "Caídas') >= 1
    catalog.write_text(text.replace('msgstr "Caídas', 'msgstr "Las caídas', 1), encoding="utf-8")
    result = build_site(project, Diagnostics(), pdf=False)
    assert result.reused == ["en"]
    changed = rewritten(before, snapshot(project.site))
    # every language's offline zip holds every edition, so each zip changes with the Spanish pages
    # (and the English link to it, where the rounded size it gives changes)
    changed = {p for p in changed if not p.endswith("-offline-en.zip") and p != "change-packages/index.html"}
    assert changed and changed == in_edition(changed, "es/")  # English kept as it was: hard links
    assert (project.site / "index.html").stat().st_nlink == 1  # the old tree is gone


def test_an_english_edit_rebuilds_the_editions_whose_pages_change(tmp_path: Path) -> None:
    project = site_built(tmp_path)
    docs = {lang: snapshot(project.build / "docs" / lang) for lang in ("en", "es")}
    story = project.topics / "falls" / "stories" / "ward-7.yaml"
    text = story.read_text(encoding="utf-8")
    team = next(line for line in text.splitlines() if line.startswith("team: "))
    story.write_text(text.replace(team, team + " East"), encoding="utf-8")  # a name: shown in every edition
    result = build_site(project, Diagnostics(), pdf=False)
    changed = {lang for lang, before in docs.items() if rewritten(before, snapshot(project.build / "docs" / lang))}
    assert "en" in changed
    assert set(result.reused) == {"en", "es"} - changed


def test_a_site_changed_by_hand_is_rebuilt_whole(tmp_path: Path) -> None:
    project = site_built(tmp_path)
    (project.site / "about" / "index.html").write_text("edited by hand", encoding="utf-8")
    result = build_site(project, Diagnostics(), pdf=False)
    assert not result.up_to_date and result.reused == []
    assert "edited by hand" not in (project.site / "about" / "index.html").read_text(encoding="utf-8")
    assert build_site(project, Diagnostics(), pdf=False).up_to_date


def test_a_skipped_build_repeats_the_warnings_and_fails_under_strict(tmp_path: Path) -> None:
    project = site_built(tmp_path)  # its site_url is local: a warning
    stamp = read_stamp(project)
    assert stamp is not None and stamp.languages == ["en", "es"] and stamp.warnings
    again = Diagnostics()
    assert build_site(project, again, pdf=False).up_to_date
    assert [d.format() for d in again] == [d.format() for d in stamp.diagnostics()]
    with pytest.raises(ContentError):
        build_site(project, Diagnostics(), pdf=False, strict=True)
    assert satisfies(stamp, stamp.inputs, None, pdf=False)
    assert not satisfies(stamp, stamp.inputs, None, pdf=True)  # its PDFs were not built
    assert not satisfies(stamp, "other inputs", None, pdf=False)
    assert not satisfies(stamp, stamp.inputs, ["de"], pdf=False)  # unknown: the build says so


def site_built(tmp_path: Path) -> Project:
    project = make_site_project(tmp_path / "project")
    build_site(project, Diagnostics(), pdf=False)
    return project


def test_an_address_from_the_environment_is_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`site_url: !ENV [CHANGEKIT_TEST_URL, default]`: a build with another value of the variable is not
    "up to date", and its pages link to the address it now resolves to."""
    project = make_site_project(tmp_path / "project")
    config = project.mkdocs_yml.read_text(encoding="utf-8")
    lines = [line for line in config.splitlines() if not line.startswith("site_url:")]
    lines.insert(1, 'site_url: !ENV [CHANGEKIT_TEST_URL, "https://default.example.org/"]')
    project.mkdocs_yml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("CHANGEKIT_TEST_URL", "https://env.example.org/")
    assert not build_site(project, Diagnostics(), pdf=False).up_to_date
    assert "https://env.example.org/" in (project.site / "index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("UNRELATED_VARIABLE", "changed")  # a variable mkdocs.yml does not name: still up to date
    assert build_site(project, Diagnostics(), pdf=False).up_to_date
    monkeypatch.delenv("CHANGEKIT_TEST_URL")
    assert not build_site(project, Diagnostics(), pdf=False).up_to_date
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert "https://default.example.org/" in home and "env.example.org" not in home
