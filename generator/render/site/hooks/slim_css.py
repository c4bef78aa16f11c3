"""MkDocs hook: Material's and Changekit's stylesheets cut to what the edition uses (see render.site.styles)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.render.site.styles import Vocabulary, slim_stylesheet

#: Material's bundled stylesheets and Changekit's built-in one (the organizer's own are left alone).
SLIMMED = re.compile(r"assets/stylesheets/((main|palette)\.[0-9a-f]+\.min|changekit)\.css")

vocabulary = Vocabulary()
stylesheets: list[Path] = []
scripts: list[Path] = []


def on_config(config: Any) -> Any:
    global vocabulary
    vocabulary = Vocabulary()
    return config


def on_files(files: Any, config: Any) -> Any:
    stylesheets[:] = [Path(f.abs_dest_path) for f in files if SLIMMED.fullmatch(f.dest_uri)]
    scripts[:] = [Path(f.abs_dest_path) for f in files if f.dest_uri.endswith(".js")]
    return files


def on_post_page(output: str, **kwargs: Any) -> str:
    vocabulary.add_page(output)
    return output


def on_post_build(config: Any) -> None:
    not_found = Path(config["site_dir"]) / "404.html"  # rendered apart from the pages
    if not_found.is_file():
        vocabulary.add_page(not_found.read_text("utf-8"))
    for script in scripts:
        vocabulary.add_script(script.read_text("utf-8", "replace"))
    for stylesheet in stylesheets:
        slim = stylesheet.with_name(stylesheet.name + ".slim")
        slim.write_text(slim_stylesheet(stylesheet.read_text("utf-8"), vocabulary.has), "utf-8")
        slim.replace(stylesheet)  # a new file: never written through a link to another site's copy
    release()


def release() -> None:
    """Let go of this build's words and files: MkDocs keeps this module until the next build."""
    global vocabulary
    vocabulary = Vocabulary()
    stylesheets.clear()
    scripts.clear()
