"""The theme both renderers use: Changekit's built-in theme with the project's `theme/` on top.

A project's `theme/` holds only its overrides (Material's `custom_dir` convention): each file
replaces the built-in file of the same path. The two are assembled into `build/theme/`, which
MkDocs gets as `custom_dir` and the PDF printer as its print theme.
"""

from __future__ import annotations

from pathlib import Path

from generator.output import OutputTree
from generator.source.bundled import builtin_theme
from generator.source.project import Project

#: The assembled theme, inside build/.
ASSEMBLED = "theme"


def theme_files(folder: Path) -> dict[str, Path]:
    """Every file of a theme folder by its relative path (dot files and Python scripts left out)."""
    if not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.suffix not in (".py", ".pyc")
        and not any(part.startswith(".") or part == "__pycache__" for part in path.relative_to(folder).parts)
    }


def overrides(project: Project) -> dict[str, Path]:
    """The project's own theme files (none when its theme/ is the built-in theme itself)."""
    if project.theme.is_dir() and project.theme.resolve() == builtin_theme().resolve():
        return {}
    return theme_files(project.theme)


def assemble_theme(project: Project) -> Path:
    """Write `build/theme/`: built-in files, then the project's overrides; only changed files are written."""
    tree = OutputTree(project.build / ASSEMBLED)
    for relative, path in sorted({**theme_files(builtin_theme()), **overrides(project)}.items()):
        tree.write_bytes(relative, path.read_bytes(), origin=str(path))
    tree.remove_stale()
    return tree.root
