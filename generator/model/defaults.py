"""What ships with the tool: the default 1.0–5.0 assessment scale and the common settings."""

from __future__ import annotations

from generator.i18n import N_
from generator.model import ScaleLevel

#: The IHI collaborative assessment scale (paraphrased); labels go through the UI catalogs.
DEFAULT_SCALE: tuple[tuple[float, str, str], ...] = (
    (1.0, N_("Forming team"), N_("The team is formed, the aim is set and baseline measurement has started.")),
    (1.5, N_("Planning has begun"), N_("The team meets regularly and has planned its first tests.")),
    (
        2.0,
        N_("Activity, but no changes"),
        N_("The team is busy studying and discussing, but has tested no change yet."),
    ),
    (
        2.5,
        N_("Changes tested, no improvement"),
        N_("PDSA cycles are under way and data are reported, without improvement yet."),
    ),
    (
        3.0,
        N_("Modest improvement"),
        N_("First changes are being implemented; process measures show modest improvement."),
    ),
    (3.5, N_("Improvement"), N_("Changes are tested on most components; outcome measures begin to improve.")),
    (
        4.0,
        N_("Significant improvement"),
        N_("Most changes are implemented; outcome measures improve steadily, half way to the goals."),
    ),
    (
        4.5,
        N_("Sustainable improvement"),
        N_("The improvement on key measures holds and spread to other units is planned."),
    ),
    (
        5.0,
        N_("Outstanding sustainable results"),
        N_("All goals are met and the results are sustained; the changes have spread."),
    ),
)


def default_scale() -> list[ScaleLevel]:
    """The default scale, in the source language (translated through the UI catalogs)."""
    return [ScaleLevel(score=s, label=label, description=text) for s, label, text in DEFAULT_SCALE]


#: Settings every collaborative may use without declaring them (`settings:` in collaborative.yaml
#: declares others, with translatable labels).
COMMON_SETTINGS: dict[str, str] = {
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
