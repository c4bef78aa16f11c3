"""UI labels of the printed package: section names and the names of the model's enumerations."""

from __future__ import annotations

from generator.i18n import N_

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

VALUE_LABELS: dict[str, str] = {
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
    # common settings (settings are free slugs; unknown ones are shown as words)
    "primary-care": N_("Primary care"),
    "hospital": N_("Hospital"),
    "emergency-department": N_("Emergency department"),
    "inpatient-ward": N_("Inpatient ward"),
    "outpatient-clinic": N_("Outpatient clinic"),
    "intensive-care": N_("Intensive care"),
    "community": N_("Community"),
    "home-care": N_("Home care"),
    "long-term-care": N_("Long-term care"),
    "mental-health": N_("Mental health"),
}

#: Measure types in the overview table of a topic's measures, where space is short.
TYPE_NAMES: dict[str, str] = {"outcome": N_("Outcome"), "process": N_("Process"), "balancing": N_("Balancing")}

#: The row label of one period on a data-collection sheet, by measure frequency.
PERIOD_NAMES: dict[str, str] = {"weekly": N_("Week"), "monthly": N_("Month"), "quarterly": N_("Quarter")}


def slug_label(slug: str) -> str:
    """A free slug (a setting) as words: `primary-care` → `primary care`."""
    return slug.replace("-", " ")


#: What a result series shows since the changes began (charts/verdict.py), as a chip and in tables.
VERDICT_LABELS: dict[str, str] = {
    "improvement": N_("Improvement"),
    "deterioration": N_("Deterioration"),
    "mixed": N_("Mixed signals"),
    "unclear": N_("Signal without a clear direction"),
    "no-signal": N_("No signal yet"),
}
