"""Every label a reader sees, for one edition: one set for the site and the PDFs alike.

Labels are plain text in the edition's language; each renderer only escapes them (Markdown on
the site, HTML in print), so the two outputs cannot word or format the same thing differently.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date, format_interval
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit

from generator.i18n import N_
from generator.model.defaults import COMMON_SETTINGS

if TYPE_CHECKING:
    from generator.editions.view import Completeness, Edition
    from generator.model import Measure

#: Headings of the package's parts and of a topic's sections (also the bookmark labels).
SECTION_TITLES: dict[str, str] = {
    "contents": N_("Contents"),
    "foreword": N_("Foreword"),
    "introduction": N_("How to use this change package"),
    "aim": N_("Aim"),
    "driver-diagram": N_("Driver diagram"),
    "changes": N_("Change concepts and ideas"),
    "measures": N_("Measures"),
    "stories": N_("Team stories"),
    "worksheets": N_("Worksheets"),
    "references": N_("References"),
}

#: The values of the model's enumerations.
ENUM_LABELS: dict[str, str] = {
    # Langley's nine groups of change concepts
    "eliminate-waste": N_("Eliminate waste"),
    "improve-work-flow": N_("Improve work flow"),
    "optimize-inventory": N_("Optimize inventory"),
    "change-the-work-environment": N_("Change the work environment"),
    "enhance-the-producer-customer-relationship": N_("Enhance the producer/customer relationship"),
    "manage-time": N_("Manage time"),
    "manage-variation": N_("Manage variation"),
    "design-systems-to-avoid-mistakes": N_("Design systems to avoid mistakes"),
    "focus-on-the-product-or-service": N_("Focus on the product or service"),
    # evidence
    "evidence-based": N_("Evidence-based"),
    "practice-based": N_("Practice-based"),
    "expert-opinion": N_("Expert opinion"),
    # measure types, directions, frequencies and units
    "outcome": N_("Outcome measure"),
    "process": N_("Process measure"),
    "balancing": N_("Balancing measure"),
    "decrease": N_("Lower is better"),
    "increase": N_("Higher is better"),
    "weekly": N_("Weekly"),
    "monthly": N_("Monthly"),
    "quarterly": N_("Quarterly"),
    "percent": N_("Percent"),
    "rate": N_("Rate"),
    "count": N_("Count"),
    "days": N_("Days"),
    "minutes": N_("Minutes"),
    "hours": N_("Hours"),
    "score": N_("Score"),
    "ratio": N_("Ratio"),
    # timeline phases and faculty roles
    "prework": N_("Prework"),
    "learning-session": N_("Learning Session"),
    "action-period": N_("Action Period"),
    "congress": N_("Closing congress"),
    "other": N_("Other"),
    "chair": N_("Chair"),
    "faculty": N_("Faculty"),
    "improvement-advisor": N_("Improvement advisor"),
    "director": N_("Director"),
    "content-expert": N_("Content expert"),
}

#: Measure types in overview tables, where space is short.
TYPE_NAMES: dict[str, str] = {"outcome": N_("Outcome"), "process": N_("Process"), "balancing": N_("Balancing")}

#: The row label of one period on a data-collection sheet, by measure frequency.
PERIOD_NAMES: dict[str, str] = {"weekly": N_("Week"), "monthly": N_("Month"), "quarterly": N_("Quarter")}

#: What a result series shows since the changes began (charts/verdict.py), as a chip and in tables.
VERDICT_LABELS: dict[str, str] = {
    "improvement": N_("Improvement"),
    "deterioration": N_("Deterioration"),
    "mixed": N_("Mixed signals"),
    "unclear": N_("Signal without a clear direction"),
    "no-signal": N_("No signal yet"),
}

FACET_TITLES: dict[str, str] = {
    "setting": N_("By setting"),
    "evidence": N_("By evidence"),
    "group": N_("By concept group"),
    "driver": N_("By driver"),
}

#: Material's palette toggle names as Changekit's mkdocs.yml writes them; each edition shows them
#: in its language (other names an organizer writes are shown as written).
THEME_STRINGS = (N_("Dark mode"), N_("Light mode"), N_("Switch to dark mode"), N_("Switch to light mode"))

#: Licences by SPDX identifier: the name a reader knows, and where its text is.
LICENCES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": (N_("Creative Commons Attribution 4.0 International"), "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": (
        N_("Creative Commons Attribution-ShareAlike 4.0 International"),
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC-BY-NC-4.0": (
        N_("Creative Commons Attribution-NonCommercial 4.0 International"),
        "https://creativecommons.org/licenses/by-nc/4.0/",
    ),
    "CC-BY-NC-SA-4.0": (
        N_("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International"),
        "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    ),
    "CC-BY-ND-4.0": (
        N_("Creative Commons Attribution-NoDerivatives 4.0 International"),
        "https://creativecommons.org/licenses/by-nd/4.0/",
    ),
    "CC-BY-NC-ND-4.0": (
        N_("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International"),
        "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    ),
    "CC0-1.0": (
        N_("CC0 1.0 Universal (public domain dedication)"),
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
}

#: Narrow no-break space: French sets it before `%` and units, and a line never breaks there.
NNBSP = "\u202f"


def words(slug: str) -> str:
    """A slug as a capitalized label: `rural-clinic` → `Rural clinic` (the last resort)."""
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


class Labels:
    """The labels and formats of one edition. Obtain it as ``edition.labels``."""

    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.lang = edition.lang
        self._ = edition.gettext

    # Words ---------------------------------------------------------------------------------
    def enum(self, value: str) -> str:
        """A value of one of the model's enumerations (measure type, evidence, group, role…)."""
        return self._(ENUM_LABELS[value]) if value in ENUM_LABELS else self.setting(value)

    def setting(self, slug: str) -> str:
        """A setting: declared in collaborative.yaml (translated), common, or the slug as words."""
        for declared in self.edition.kb.collaborative.settings:
            if declared.id == slug:
                return str(self.edition.text(declared, "label"))
        if slug in COMMON_SETTINGS:
            return self._(COMMON_SETTINGS[slug])
        return words(slug)

    def unit(self, measure: Measure) -> str:
        """`Percent`, `Minutes`, `Rate per 1,000`."""
        unit = self._(ENUM_LABELS[measure.unit])
        if measure.per is None:
            return unit
        return self._("%(unit)s per %(base)s") % {"unit": unit, "base": self.number(measure.per, 0)}

    def verdict(self, verdict: str) -> str:
        return self._(VERDICT_LABELS[verdict])

    def section(self, name: str) -> str:
        return self._(SECTION_TITLES[name])

    def facet(self, name: str) -> str:
        return self._(FACET_TITLES[name])

    def type_name(self, kind: str) -> str:
        return self._(TYPE_NAMES[kind])

    def period_name(self, frequency: str) -> str:
        return self._(PERIOD_NAMES[frequency])

    def licence(self, spdx: str) -> str:
        """A licence's name (the SPDX identifier for one we do not know)."""
        known = LICENCES.get(spdx)
        return self._(known[0]) if known else spdx

    @staticmethod
    def licence_url(spdx: str) -> str:
        known = LICENCES.get(spdx)
        return known[1] if known else f"https://spdx.org/licenses/{spdx}.html"

    def language(self, lang: str) -> str:
        """A language's own name, as a label in a language selector ("Español")."""
        name = str(Locale.parse(lang).get_display_name(lang) or lang)
        return name[:1].upper() + name[1:]

    def language_in(self, lang: str) -> str:
        """The name of ``lang`` inside a sentence of this edition ("inglés")."""
        return str(Locale.parse(lang).get_display_name(self.lang) or lang)

    def completeness(self, counts: Completeness) -> str:
        """What a reader should know about how much of an edition (or a package) is translated."""
        source = self.language_in(self.edition.kb.source_language)
        if counts.shown_in_source == 0:
            return self._("This edition is translated from %(language)s.") % {"language": source}
        share = self._(
            "%(percent)s of this edition is translated from %(language)s (%(translated)s of %(total)s passages)."
        ) % {
            "percent": self.percent(counts.percent, 0),
            "language": source,
            "translated": self.number(counts.translated, 0),
            "total": self.number(counts.total, 0),
        }
        rest = self.edition.ngettext(
            "The other passage is shown in %(language)s, marked, until its translation is ready.",
            "The other %(count)s passages are shown in %(language)s, marked, until their translation is ready.",
            counts.shown_in_source,
        ) % {"count": self.number(counts.shown_in_source, 0), "language": source}
        return f"{share} {rest}"

    # Numbers and dates --------------------------------------------------------------------
    def number(self, value: float, digits: int = 1) -> str:
        """A number with at most ``digits`` decimals, grouped as the language groups them."""
        pattern = "#,##0" if digits == 0 else "#,##0." + "#" * digits
        return str(format_decimal(value, format=pattern, locale=self.lang)).replace("\u00a0", NNBSP)

    def score(self, value: float) -> str:
        """An assessment score, always with one decimal (3.0, 3.5)."""
        return str(format_decimal(value, format="0.0", locale=self.lang))

    def percent(self, value: float, digits: int = 1) -> str:
        """A share given in percent (`12.5` → `12.5%`, Spanish `12,5 %`) as the language writes it;
        French with a narrow no-break space (`12,5 %`), so the line never breaks before `%`."""
        pattern = str(Locale.parse(self.lang).percent_formats[None].pattern)
        if digits:
            pattern = pattern.replace("0", "0." + "#" * digits, 1) if "." not in pattern else pattern
        text = str(format_percent(value / 100, format=pattern, locale=self.lang))
        return text.replace("\u00a0", NNBSP) if self.lang.startswith("fr") else text

    def quantity(self, value: float, unit: str, digits: int = 1) -> str:
        """A value in a measure's unit, as a label beside a point or a target line."""
        if unit == "percent":
            return self.percent(value, digits)
        return self.number(value, digits)

    def file_size(self, size: int) -> str:
        """A download's size in decimal units, as the language abbreviates them: `850 kB`, `1.2 MB`,
        French `1,2 Mo` (never bytes: a button need not be exact)."""
        value: float = max(1, round(size / 1000))
        unit = "digital-kilobyte"
        if size >= 1_000_000:
            value, unit = round(size / 1_000_000, 1), "digital-megabyte"
        text = str(format_unit(value, unit, length="short", format="#,##0.#", locale=self.lang))
        return text.replace("\u00a0", NNBSP) if self.lang.startswith("fr") else text

    def page_count(self, pages: int) -> str:
        """`57 pages`, as a document's length."""
        return self.edition.ngettext("%(count)s page", "%(count)s pages", pages) % {"count": self.number(pages, 0)}

    def date(self, value: dt.date) -> str:
        return str(format_date(value, format="long", locale=self.lang))

    def date_range(self, start: dt.date, end: dt.date | None) -> str:
        if end is None or end == start:
            return self.date(start)
        return str(format_interval(start, end, "yMMMd", locale=self.lang))

    def period(self, period: str) -> str:
        """`2026-03` → "Mar 2026" (in the edition's language); daily periods as medium dates."""
        if len(period) == 7:
            return str(format_date(dt.date.fromisoformat(period + "-01"), format="MMM y", locale=self.lang))
        return str(format_date(dt.date.fromisoformat(period), format="medium", locale=self.lang))
