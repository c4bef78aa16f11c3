"""The print theme: the print stylesheet and the fonts it embeds, and a digest of both."""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from generator.render.theme import assemble_theme
from generator.source.bundled import builtin_theme
from generator.source.project import Project

STYLESHEET = "print.css"
FONT_URL = re.compile(r"""url\(\s*["']?([^"')]+\.(?:ttf|otf|woff2?))["']?\s*\)""")


@dataclass(frozen=True)
class PrintTheme:
    """Where the print stylesheet lives; the fonts and images it uses are relative to it."""

    root: Path  # the theme folder: print/, fonts/, assets/

    @classmethod
    def locate(cls, project: Project | None) -> PrintTheme:
        """The project's assembled theme (built-in + its theme/ overrides), else the built-in theme."""
        if project is None:
            return cls(builtin_theme())
        return cls(assemble_theme(project).resolve())

    @property
    def folder(self) -> Path:
        return self.root / "print"

    @property
    def stylesheet(self) -> Path:
        return self.folder / STYLESHEET

    @property
    def base_url(self) -> str:
        """The URL the print HTML is resolved against (its `print.css` and `../fonts/`)."""
        return self.folder.as_uri() + "/"

    def font_files(self) -> list[Path]:
        """The font files the stylesheet loads with @font-face, in stylesheet order."""
        css = self.stylesheet.read_text(encoding="utf-8")
        paths = [(self.folder / match).resolve() for match in FONT_URL.findall(css)]
        return list(dict.fromkeys(paths))

    def digest(self) -> str:
        """A hash of every file that can change the PDF: the print folder, fonts and logo."""
        files = sorted(p for p in self.folder.rglob("*") if p.is_file()) + self.font_files()
        logo = self.root / "assets" / "logo.svg"
        if logo.is_file():
            files.append(logo)
        return digest_files(tuple(files))


def digest_files(paths: tuple[Path, ...]) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode() + b"\0")
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


@functools.cache
def font_coverage(paths: tuple[Path, ...]) -> frozenset[int]:
    """Every code point at least one of the fonts can draw."""
    points: set[int] = set()
    for path in paths:
        with TTFont(path, lazy=True) as font:
            points.update(font.getBestCmap())
    return frozenset(points)


def missing_characters(text: str, fonts: list[Path]) -> list[str]:
    """Characters of ``text`` that no shipped font has (they would print as empty boxes)."""
    covered = font_coverage(tuple(fonts))
    return sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace() and ord(ch) >= 0x20})
