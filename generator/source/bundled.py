"""Files shipped with Changekit: the built-in theme, the guide and the sample project.

An installed package carries them inside `generator/` (setup.py copies them there); a checkout
of the repository has them at its top level, where they are developed.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
CHECKOUT = PACKAGE.parent

#: Name inside the installed package → folder or file in a checkout.
BUNDLED = {
    "theme": "theme",
    "guide": "docs",
    "sample/content": "content",
    "sample/changepackages": "changepackages",
    "sample/mkdocs.yml": "mkdocs.yml",
}


def bundled(name: str) -> Path:
    """Where a bundled folder or file is: inside the installed package, else in the checkout."""
    installed = PACKAGE / name
    return installed if installed.exists() else CHECKOUT / BUNDLED[name]


def builtin_theme() -> Path:
    """The built-in theme: Material overrides, stylesheets, fonts, print templates, logo."""
    return bundled("theme")


def guide() -> Path:
    """The user guide (the repository's docs/)."""
    return bundled("guide")


def sample_files() -> dict[str, Path]:
    """The sample project's top-level entries: content/, changepackages/ and mkdocs.yml."""
    return {name.removeprefix("sample/"): bundled(name) for name in BUNDLED if name.startswith("sample/")}
