"""The built-in theme ships with Changekit; a project's theme/ holds only overrides, assembled on top."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import build_site
from generator.diagnostics import Diagnostics
from generator.render.pdf.theme import PrintTheme
from generator.render.theme import assemble_theme, theme_files
from generator.source.bundled import builtin_theme
from generator.source.project import Project
from tests.test_site_build import make_site_project

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4"/></svg>\n'
PARTIAL = '<div class="md-copyright">Clabsi collaborative, printed with care</div>\n'


def test_without_theme_the_built_in_theme_is_used(tmp_path: Path) -> None:
    project = Project(tmp_path)
    assembled = assemble_theme(project)
    assert sorted(theme_files(assembled)) == sorted(theme_files(builtin_theme()))
    assert "fonts/build_fonts.py" not in theme_files(assembled)  # a developer's script, not part of the look
    assert (assembled / "print" / "print.css").read_bytes() == (builtin_theme() / "print" / "print.css").read_bytes()


def test_overrides_replace_built_in_files_and_go_away_with_them(tmp_path: Path) -> None:
    project = Project(tmp_path)
    (project.theme / "assets").mkdir(parents=True)
    (project.theme / "assets" / "logo.svg").write_text(LOGO)
    (project.theme / "partials").mkdir()
    (project.theme / "partials" / "copyright.html").write_text(PARTIAL)
    (project.theme / "partials" / "ck-note.html").write_text(PARTIAL)  # a file the built-in theme lacks
    assembled = assemble_theme(project)
    assert (assembled / "assets" / "logo.svg").read_text() == LOGO
    assert (assembled / "partials" / "ck-note.html").read_text() == PARTIAL
    assert (assembled / "partials" / "copyright.html").read_text() == PARTIAL
    assert (assembled / "fonts" / "Inter-Regular.ttf").is_file()  # everything else stays built-in
    assert PrintTheme.locate(project).root == assembled.resolve()  # the PDFs print the same logo
    (project.theme / "partials" / "copyright.html").unlink()
    (project.theme / "partials" / "ck-note.html").unlink()
    (project.theme / "assets" / "logo.svg").unlink()
    assemble_theme(project)
    assert not (assembled / "partials" / "ck-note.html").exists()
    built_in = builtin_theme() / "partials" / "copyright.html"  # the built-in footer comes back
    assert (assembled / "partials" / "copyright.html").read_bytes() == built_in.read_bytes()
    assert (assembled / "assets" / "logo.svg").read_bytes() == (builtin_theme() / "assets" / "logo.svg").read_bytes()


def test_unchanged_theme_files_are_not_rewritten(tmp_path: Path) -> None:
    """`serve` watches the assembled theme: assembling again must not touch it."""
    project = Project(tmp_path)
    assembled = assemble_theme(project)
    before = {p: p.stat().st_mtime_ns for p in assembled.rglob("*") if p.is_file()}
    assemble_theme(project)
    assert {p: p.stat().st_mtime_ns for p in assembled.rglob("*") if p.is_file()} == before


def test_a_project_with_only_a_partial_override_builds_with_it(tmp_path: Path) -> None:
    project = make_site_project(tmp_path / "project", site_url="https://falls.example.org/")
    shutil.rmtree(project.theme)
    project.mkdocs_yml.write_text("site_url: https://falls.example.org/\n", encoding="utf-8")  # nothing else
    (project.theme / "partials").mkdir(parents=True)
    (project.theme / "partials" / "copyright.html").write_text(PARTIAL)
    (project.theme / "assets").mkdir()
    (project.theme / "assets" / "logo.svg").write_text(LOGO)
    diagnostics = Diagnostics()
    build_site(project, diagnostics, pdf=False, strict=True)
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert "printed with care" in home
    assert (project.site / "assets" / "logo.svg").read_text() == LOGO
    assert (project.site / "fonts" / "Inter-Regular.woff2").is_file()
    assert "assets/stylesheets/changekit.css" in home and "fonts.googleapis" not in home
    edition = (project.site / "es" / "index.html").read_text(encoding="utf-8")
    assert "printed with care" in edition


def unicode_range(text: str) -> set[int]:
    """The code points of a CSS unicode-range (`U+0000-00FF, U+0131, …`)."""
    points: set[int] = set()
    for part in text.replace("U+", "").split(","):
        first, _, last = part.strip().partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def test_the_latin_cuts_hold_what_the_stylesheet_draws() -> None:
    """A character changekit.css draws (`content:`) outside a face's Latin cut would make every
    page showing it download the full face (an arrow on every topic page did: 34 KB more)."""
    import re

    from fontTools.ttLib import TTFont

    css = (builtin_theme() / "assets/stylesheets/changekit.css").read_text(encoding="utf-8")
    drawn: set[int] = set()
    for value in re.findall(r'content:\s*"((?:[^"\\]|\\.)*)"', css):
        text = re.sub(r"\\([0-9A-Fa-f]{1,6})\s?", lambda m: chr(int(m[1], 16)), value)
        drawn.update(ord(ch) for ch in text)
    assert {0x203A, 0x25CB} <= drawn  # the outline's › and the ring
    faces = re.findall(r'url\("\.\./\.\./fonts/([\w-]+-latin\.woff2)"\)[^}]*unicode-range:\s*([^;]+);', css)
    assert len(faces) == 6
    for face in faces:
        covered = set(TTFont(builtin_theme() / "fonts" / face[0]).getBestCmap())
        assert drawn <= covered & unicode_range(face[1]), face[0]
