"""`translations status`: how complete each edition is, catalog by catalog, as the edition shows it.

The counts come from `Edition.translate`, the rule the site and the PDFs use, so a unit the
build refuses (unsafe markup, a changed `ref:` link) is counted as refused here too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.editions.units import catalog_names
from generator.editions.view import Completeness, Edition


@dataclass(frozen=True)
class CatalogStatus:
    """Counts of one catalog (or of a whole edition, as `total`) in one language."""

    lang: str
    catalog: str
    counts: Completeness

    @property
    def translated(self) -> int:
        return self.counts.translated

    @property
    def outdated(self) -> int:
        return self.counts.outdated

    @property
    def missing(self) -> int:
        return self.counts.missing

    @property
    def refused(self) -> int:
        return self.counts.refused

    @property
    def total(self) -> int:
        return self.counts.total

    @property
    def translated_percent(self) -> float:
        """Exact share translated (100 for an empty catalog: nothing is missing)."""
        return 100.0 * self.translated / self.total if self.total else 100.0

    def percent(self, count: int) -> str:
        """A share for people: rounded down, so 100.0% means complete."""
        value = 100.0 * count / self.total if self.total else (100.0 if count == self.translated else 0.0)
        return f"{math.floor(value * 10) / 10:.1f}%"


@dataclass(frozen=True)
class EditionStatus:
    """The catalogs of one language and their total."""

    lang: str
    catalogs: list[CatalogStatus]

    @property
    def total(self) -> CatalogStatus:
        counts = sum((c.counts for c in self.catalogs), Completeness())
        return CatalogStatus(self.lang, "total", counts)


def edition_status(edition: Edition) -> EditionStatus:
    """The status of one edition, catalog by catalog."""
    names = catalog_names(edition.kb)
    return EditionStatus(edition.lang, [CatalogStatus(edition.lang, n, edition.completeness([n])) for n in names])
