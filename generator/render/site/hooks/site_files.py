"""MkDocs hook: leave out the theme files no page requests (see generator.render.site.assets)."""

from __future__ import annotations

from typing import Any

from generator.render.site.assets import unused_on_site


def on_files(files: Any, config: Any) -> Any:
    search = config["plugins"].get("material/search") or config["plugins"].get("search")
    languages = list(search.config["lang"] or []) if search is not None else ["en"]
    for file in list(files):
        if file.src_dir != config["docs_dir"] and unused_on_site(file.src_uri, languages):
            files.remove(file)
    return files
