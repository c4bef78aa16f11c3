"""Split Markdown into translation units: one per paragraph, so one edit outdates one paragraph."""

from __future__ import annotations

import re

FENCE = re.compile(r"^(```|~~~)")


def split_paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines; fenced code blocks stay whole; outer whitespace trimmed."""
    blocks: list[str] = []
    current: list[str] = []
    fence: str | None = None
    for line in text.strip().split("\n"):
        marker = FENCE.match(line.strip())
        if marker and (fence is None or marker.group(1) == fence):
            fence = None if fence else marker.group(1)
        if not line.strip() and fence is None:
            if current:
                blocks.append("\n".join(current).strip("\n"))
                current = []
            continue
        current.append(line if line.endswith("  ") and line.strip() else line.rstrip())  # keep hard breaks
    if current:
        blocks.append("\n".join(current).strip("\n"))
    return blocks


def join_paragraphs(blocks: list[str]) -> str:
    return "\n\n".join(blocks) + "\n"
