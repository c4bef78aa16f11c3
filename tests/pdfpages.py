"""What each page of a PDF holds between its running header and footer (poppler's word boxes)."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
#: The print stylesheet's page margins (theme/print/print.css): running header above, footer below.
TOP_MARGIN = 20 * MM
BOTTOM_MARGIN = 18 * MM
#: A page with fewer words than this in its body holds a heading, a link or nothing by itself.
NEAR_BLANK_WORDS = 12

PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class PageBody:
    number: int  # from 1
    words: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.words)


def page_bodies(pdf: Path) -> list[PageBody]:
    """Each page's words outside the running header and footer, in reading order."""
    xhtml = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    bodies = []
    for number, (_, height, content) in enumerate(PAGE.findall(xhtml), 1):
        bottom = float(height) - BOTTOM_MARGIN
        words = [
            html.unescape(text)
            for top, low, text in WORD.findall(content)
            if float(top) >= TOP_MARGIN - 1 and float(low) <= bottom + 1
        ]
        bodies.append(PageBody(number, words))
    return bodies


def near_blank_pages(pdf: Path) -> list[PageBody]:
    """Pages (other than the cover) whose body is only a heading, a link, or nothing at all."""
    return [body for body in page_bodies(pdf)[1:] if len(body.words) < NEAR_BLANK_WORDS]
