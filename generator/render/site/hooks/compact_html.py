"""MkDocs hook: each built page, and the 404 page, without the theme's indentation (see
generator.render.site.compact)."""

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


@event_priority(-100)
def on_post_template(output_content: str, template_name: str, **kwargs: Any) -> str:
    """The theme's own pages (404.html; not sitemap.xml, which is not HTML)."""
    return compact_html(output_content) if enabled and template_name.endswith(".html") else output_content
