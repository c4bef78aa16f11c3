"""The guide installed with Changekit (docs/): its pages and their titles."""

from __future__ import annotations

from generator.diagnostics import UsageError
from generator.source.bundled import guide


def guide_pages() -> dict[str, str]:
    """Page name (file name without .md) → its title (first heading), in the index's order."""
    folder = guide()
    pages = {path.stem: first_heading(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.md"))}
    index = pages.pop("index", None)
    return {"index": index, **pages} if index is not None else pages


def first_heading(markdown: str) -> str:
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def guide_page(name: str) -> str:
    """The Markdown of one page; a UsageError listing the pages for an unknown name."""
    pages = guide_pages()
    stem = name.removesuffix(".md")
    if stem not in pages:  # only the guide's own pages: never a path the caller made up
        raise UsageError(f"the guide has no page '{name}'; its pages are: {', '.join(pages)}")
    return (guide() / f"{stem}.md").read_text(encoding="utf-8")
