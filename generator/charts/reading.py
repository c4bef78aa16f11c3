"""Run-chart readings in words: what each rule set found, as sentences in the reader's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from generator.charts.signals import (
    MIN_POINTS_ASTRONOMICAL,
    MIN_USEFUL_ANHOEJ,
    MIN_USEFUL_RUNS,
    RULES,
    SHIFT_LENGTH,
    TREND_LENGTH,
    Analysis,
    Point,
    Side,
    Signal,
    Verdict,
    anhoej_crossings_limit,
    anhoej_longest_run_limit,
    runs_limits,
)

__all__ = ["describe"]

Gettext = Callable[[str], str]
Format = Callable[[str], str]  # formats a period for the reader
_MEDIAN_RULES = frozenset({"shift", "runs", "long-run", "few-crossings"})


# --- sentences ------------------------------------------------------------------------------


def describe(
    analysis: Analysis, points: Sequence[Point], *, gettext: Gettext, format_period: Callable[[str], str]
) -> list[str]:
    """Say in words what the chart shows, and which rules could not be applied and why."""
    sentences = _opening(analysis, points, gettext)
    if analysis.useful_observations == 0:
        sentences.append(
            gettext("All points lie on the median, so the rules based on runs around the median cannot be applied.")
        )
    sentences += _signal_sentences(analysis, points, gettext, format_period)
    if any(signal.rule == "astronomical" for signal in analysis.signals):
        sentences.append(_astronomical_method(analysis, points, gettext))
    sentences += _not_applicable_sentences(analysis, points, gettext)
    applied = set(RULES[analysis.rule_set]) - set(analysis.not_applicable)
    if applied and not analysis.signals:
        sentences.append(gettext("No signal: the rules that could be applied find only random variation."))
    return sentences


def _verdict_words(verdict: Verdict, gettext: Gettext) -> str:
    if verdict == "improvement":
        return gettext("improvement")
    if verdict == "deterioration":
        return gettext("deterioration")
    return gettext("direction unclear")


def _position(side: Side, frozen: bool, gettext: Gettext) -> str:
    if frozen:
        return gettext("above the baseline median") if side == "above" else gettext("below the baseline median")
    return gettext("above the median") if side == "above" else gettext("below the median")


def _frozen(analysis: Analysis, points: Sequence[Point]) -> bool:
    return analysis.baseline_count < len(points)


def _distinct_steps(signal: Signal, points: Sequence[Point]) -> int:
    """Points counted by the trend rule: a repeated value counts once."""
    values = [points[i].value for i in signal.indices]
    return 1 + sum(1 for a, b in pairwise(values) if a != b)


def _opening(analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> list[str]:
    if analysis.rule_set == "ihi":
        rules = gettext("Rules applied: the IHI run-chart rules (Perla, Provost and Murray, 2011).")
    else:
        rules = gettext("Rules applied: the Anhøj rules for unusually long runs and unusually few crossings.")
    if _frozen(analysis, points):
        median = gettext(
            "The median is computed on the baseline points (%(count)d) and extended over the later points."
        ) % {"count": analysis.baseline_count}
    else:
        median = gettext("The median is computed on all points (%(count)d).") % {"count": len(points)}
    return [rules, median]


def _signal_sentences(analysis: Analysis, points: Sequence[Point], gettext: Gettext, fmt: Format) -> list[str]:
    """One sentence per signal, except astronomical points: one sentence per side of the median."""
    out: list[str] = []
    for signal in analysis.signals:
        if signal.rule in ("shift", "long-run"):
            out.append(_run_sentence(signal, analysis, points, gettext, fmt))
        elif signal.rule == "trend":
            out.append(_trend_sentence(signal, points, gettext, fmt))
        elif signal.rule != "astronomical":
            out.append(_count_sentence(signal, analysis, gettext))
        elif signal is next(s for s in analysis.signals if s.rule == "astronomical" and s.side == signal.side):
            group = [s for s in analysis.signals if s.rule == "astronomical" and s.side == signal.side]
            out.append(_astronomical_sentence(group, points, gettext, fmt))
    return out


def _run_sentence(signal: Signal, analysis: Analysis, points: Sequence[Point], gettext: Gettext, fmt: Format) -> str:
    values = {
        "count": len(signal.indices),
        "position": _position(signal.side, _frozen(analysis, points), gettext),
        "start": fmt(points[signal.indices[0]].period),
        "verdict": _verdict_words(signal.verdict, gettext),
        "limit": anhoej_longest_run_limit(max(analysis.useful_observations, 1)),
    }
    if signal.rule == "shift":
        return gettext("A shift of %(count)d points %(position)s from %(start)s — %(verdict)s.") % values
    return (
        gettext(
            "An unusually long run of %(count)d points %(position)s from %(start)s, longer than the %(limit)d"
            " expected at most — %(verdict)s."
        )
        % values
    )


def _trend_sentence(signal: Signal, points: Sequence[Point], gettext: Gettext, fmt: Format) -> str:
    values = {
        "count": _distinct_steps(signal, points),
        "start": fmt(points[signal.indices[0]].period),
        "end": fmt(points[signal.indices[-1]].period),
        "verdict": _verdict_words(signal.verdict, gettext),
    }
    if signal.side == "up":
        return gettext("A trend of %(count)d points going up from %(start)s to %(end)s — %(verdict)s.") % values
    return gettext("A trend of %(count)d points going down from %(start)s to %(end)s — %(verdict)s.") % values


def _astronomical_sentence(group: Sequence[Signal], points: Sequence[Point], gettext: Gettext, fmt: Format) -> str:
    side, verdict = group[0].side, group[0].verdict
    values = {
        "periods": ", ".join(fmt(points[signal.indices[0]].period) for signal in group),
        "position": gettext("far above the median") if side == "above" else gettext("far below the median"),
        "verdict": _verdict_words(verdict, gettext),
    }
    if len(group) == 1:
        return gettext("An astronomical point in %(periods)s, %(position)s — %(verdict)s.") % values
    return gettext("Astronomical points in %(periods)s, %(position)s — %(verdict)s.") % values


def _count_sentence(signal: Signal, analysis: Analysis, gettext: Gettext) -> str:
    """Sentences of the whole-series signals: too few or too many runs, too few crossings."""
    useful = analysis.useful_observations
    lower, upper = runs_limits(useful) or (0, 0)
    values = {
        "runs": analysis.runs or 0,
        "crossings": analysis.crossings or 0,
        "useful": useful,
        "lower": lower,
        "upper": upper,
        "limit": anhoej_crossings_limit(useful),
    }
    if signal.rule == "runs-too-few":
        message = gettext(
            "Too few runs: %(runs)d runs in %(useful)d useful observations, where fewer than %(lower)d"
            " is unusual — the data are not varying randomly around the median."
        )
    elif signal.rule == "runs-too-many":
        message = gettext(
            "Too many runs: %(runs)d runs in %(useful)d useful observations, where more than %(upper)d"
            " is unusual — the data may mix different processes."
        )
    else:
        message = gettext(
            "Unusually few crossings: the data cross the median %(crossings)d times in %(useful)d useful"
            " observations, fewer than the %(limit)d expected at least — a sign of a shift."
        )
    return message % values


def _astronomical_method(analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> str:
    if _frozen(analysis, points):
        return gettext(
            "Astronomical points are flagged objectively: beyond the median ± 3 × (average moving range"
            " ÷ 1.128) of the baseline points, unless they belong to a shift."
        )
    return gettext(
        "Astronomical points are flagged objectively: beyond the median ± 3 × (average moving range ÷ 1.128)"
        " of all points, unless they belong to a shift."
    )


def _not_applicable_sentences(analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> list[str]:
    rules = [rule for rule in analysis.not_applicable if rule != "few-crossings"]  # one sentence for Anhøj
    if analysis.useful_observations == 0:  # already said: every point is on the median
        rules = [rule for rule in rules if rule not in _MEDIAN_RULES]
    return [_not_applicable_sentence(rule, analysis, points, gettext) for rule in rules]


def _not_applicable_sentence(rule: str, analysis: Analysis, points: Sequence[Point], gettext: Gettext) -> str:
    useful = {"count": analysis.useful_observations}
    if rule == "shift":
        message = gettext(
            "Too few points (%(count)d) for the shift rule: it needs at least %(needed)d useful observations."
        )
        return message % {**useful, "needed": SHIFT_LENGTH}
    if rule == "trend":
        message = gettext("Too few points (%(count)d) for the trend rule: it needs at least %(needed)d points.")
        return message % {"count": len(points), "needed": TREND_LENGTH}
    if rule == "long-run":
        message = gettext(
            "Too few points (%(count)d) for the Anhøj rules: they need at least %(needed)d useful observations."
        )
        return message % {**useful, "needed": MIN_USEFUL_ANHOEJ}
    if rule == "runs":
        return _runs_not_applicable(analysis.useful_observations, gettext)
    return _astronomical_not_applicable(len(points), gettext)


def _runs_not_applicable(useful: int, gettext: Gettext) -> str:
    if useful < MIN_USEFUL_RUNS:
        message = gettext(
            "Too few points (%(count)d) for the runs rule: it needs at least %(needed)d useful observations."
        )
        return message % {"count": useful, "needed": MIN_USEFUL_RUNS}
    message = gettext(
        "The runs rule is not applied: the table of limits used here does not cover %(count)d useful observations."
    )
    return message % {"count": useful}


def _astronomical_not_applicable(count: int, gettext: Gettext) -> str:
    if count < MIN_POINTS_ASTRONOMICAL:
        message = gettext(
            "Too few points (%(count)d) for the astronomical-point rule: it needs at least %(needed)d points."
        )
        return message % {"count": count, "needed": MIN_POINTS_ASTRONOMICAL}
    return gettext("The astronomical-point rule is not applied: the baseline points do not vary.")
