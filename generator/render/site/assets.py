"""Theme files a built site does not need: source maps, print-only fonts and CSS, other languages' search."""

from __future__ import annotations

import re

#: Search-language files Material's worker loads only for these languages (Japanese; Hindi, Thai).
SEGMENTERS = {"assets/javascripts/lunr/tinyseg.js": {"ja"}, "assets/javascripts/lunr/wordcut.js": {"hi", "th"}}
LUNR_LANGUAGE = re.compile(r"assets/javascripts/lunr/min/lunr\.(?P<lang>[a-z]{2})\.min\.js")
#: The PDFs' fonts and stylesheet (WeasyPrint reads them from theme/; pages use the WOFF2 fonts).
PRINT_ONLY = re.compile(r"(fonts/[^/]+\.(ttf|otf)|print/.*)")


def unused_on_site(path: str, search_languages: list[str]) -> bool:
    """Whether a theme file (`path` as in the site) is never requested by the pages of an edition
    whose search uses ``search_languages``."""
    if path.endswith(".map") or PRINT_ONLY.fullmatch(path):
        return True
    if path in SEGMENTERS:
        return not SEGMENTERS[path] & set(search_languages)
    found = LUNR_LANGUAGE.fullmatch(path)
    if found:
        return found["lang"] not in search_languages
    if path == "assets/javascripts/lunr/min/lunr.multi.min.js":
        return len(search_languages) < 2
    return False
