"""Where a Changekit project keeps its files (docs/authoring.md describes it)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folders and files of one project, all derived from its root."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def collaborative_file(self) -> Path:
        return self.content / "collaborative.yaml"

    @property
    def topics(self) -> Path:
        return self.content / "topics"

    @property
    def data(self) -> Path:
        """Result data files (CSV, Excel), any names, sub-folders allowed."""
        return self.content / "data"

    @property
    def translations(self) -> Path:
        return self.content / "translations"

    @property
    def templates(self) -> Path:
        return self.translations / "templates"

    @property
    def packages(self) -> Path:
        return self.root / "changepackages"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    def display(self, path: Path) -> str:
        """The path relative to the project root, as diagnostics show it. Symbolic links are not
        followed: a link is named as written, never by its target (which may be outside)."""
        absolute, root = Path(os.path.abspath(path)), Path(os.path.abspath(self.root))
        try:
            return absolute.relative_to(root).as_posix()
        except ValueError:
            try:
                return path.resolve().relative_to(self.root.resolve()).as_posix()
            except (ValueError, OSError, RuntimeError):
                return path.name
