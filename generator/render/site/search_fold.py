"""Accent-insensitive search: add accent-folded words to Material's search index.

Material's lunr search lowercases words but keeps accents, and appends a trailing wildcard
to every query term, so `prevencion` never matches `prevención` (nor `evaluation` matches
`évaluation`). Each document of `search/search_index.json` gets two extra fields,
`title_folded` and `text_folded`, holding the folded form of every word whose folded form
differs, and the index configuration lists them with the boosts of `title` and `text`.
Material's worker indexes every field named in `config.fields` but only displays `title`
and `text`, so results show the original, accented text while unaccented queries match.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

WORD = re.compile(r"\w+")
TAG = re.compile(r"<[^>]*>")
#: Letters NFKD does not decompose, as readers type them.
LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L"}
)
FIELDS = {"title": "title_folded", "text": "text_folded"}


def fold(text: str) -> str:
    """`Prevención, cœur` → `Prevencion, coeur`: accents and ligatures removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def folded_words(html: str) -> str:
    """The folded forms of the words that change when folded, in order of first appearance."""
    seen: dict[str, None] = {}
    for word in WORD.findall(TAG.sub(" ", html)):
        folded = fold(word).lower()
        if folded != word.lower():
            seen.setdefault(folded, None)
    return " ".join(seen)


def fold_index(index: dict[str, Any]) -> dict[str, Any]:
    """Add the folded fields to every document and to the index configuration."""
    fields = index.setdefault("config", {}).setdefault("fields", {})
    for source, target in FIELDS.items():
        fields[target] = dict(fields.get(source, {"boost": 1.0}))
    for doc in index.get("docs", []):
        for source, target in FIELDS.items():
            words = folded_words(str(doc.get(source, "")))
            if words:
                doc[target] = words
            else:
                doc.pop(target, None)
    return index


def fold_search_index(site_dir: Path) -> bool:
    """Rewrite `search/search_index.json` under ``site_dir``; False when there is none."""
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return False
    index = fold_index(json.loads(path.read_text(encoding="utf-8")))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
