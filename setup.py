"""Packaging: the metadata is in pyproject.toml; this copies the bundled data into the wheel.

The built-in theme (theme/), the guide (docs/) and the sample project (content/,
changepackages/, mkdocs.yml) are developed at the top of the repository and installed inside
the package (generator/theme, generator/guide, generator/sample), where
generator/source/bundled.py finds them.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = {
    "theme": "theme",
    "guide": "docs",
    "sample/content": "content",
    "sample/changepackages": "changepackages",
    "sample/mkdocs.yml": "mkdocs.yml",
}
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "build_fonts.py")


class BuildWithData(build_py):
    """build_py, then copy the bundled folders and files into build/lib/generator/."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "generator"
        for name, source in BUNDLED.items():
            origin, destination = ROOT / source, target / name
            if origin.is_dir():
                shutil.copytree(origin, destination, ignore=IGNORED, dirs_exist_ok=True)
            else:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origin, destination)


setup(cmdclass={"build_py": BuildWithData})
