"""MkDocs hook: each built page without the theme's indentation (see generator.render.site.compact)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from generator.render.site.compact import compact_html, keeps_whitespace

#: Off for a build whose own stylesheets make whitespace significant (set by on_config).
enabled = True


def on_config(config: Any) -> Any:
    global enabled
    folders = [Path(config["docs_dir"]), *(Path(folder) for folder in config["theme"].dirs)]
    stylesheets = [folder / str(css) for css in config["extra_css"] for folder in folders]
    enabled = not keeps_whitespace(stylesheets)
    return config


@event_priority(-100)  # last: the page as the theme and every other hook made it
def on_post_page(output: str, **kwargs: Any) -> str:
    return compact_html(output) if enabled else output
