"""The files readers download beside the pages (each package's PDFs): their size and page count."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Download:
    """One PDF as its download button describes it."""

    size: int  # bytes
    pages: int | None = None  # None when no build recorded this file (its size is still known)


#: (package id, language) → its PDF. A package missing here has no PDF in that language yet.
Downloads = Mapping[tuple[str, str], Download]
