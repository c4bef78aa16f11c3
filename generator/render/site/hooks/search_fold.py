"""MkDocs hook: make the search index accent-insensitive (see generator.render.site.search_fold)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from generator.render.site.search_fold import fold_search_index


@event_priority(-100)  # after Material's search plugin has written the index
def on_post_build(config: Any) -> None:
    fold_search_index(Path(config["site_dir"]))
