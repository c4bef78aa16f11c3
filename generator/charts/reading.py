"""A run chart's reading in words: one lead sentence, short notes, and one row per rule of each rule set.

API (pure; the caller passes the edition's gettext and formatters)::

    text = reading_text(reading, gettext=_, format_period=fmt_period, format_value=fmt_value)
    text.lead    # one sentence: the verdict and the signal that decided it (rule set, points, when)
    text.notes   # the baseline is not stable / the rule sets disagree / where the median comes from
    text.rows    # RuleRow per rule of each rule set: what it found and whether it counts

Every literal goes through ``gettext`` so Babel extracts it into the UI catalogs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from generator.charts.signals import (
    MIN_POINTS_ASTRONOMICAL,
    MIN_USEFUL_ANHOEJ,
    MIN_USEFUL_RUNS,
    RULES,
    SHIFT_LENGTH,
    TREND_LENGTH,
    Analysis,
    Side,
    Summary,
    anhoej_crossings_limit,
    anhoej_longest_run_limit,
    runs_limits,
)
from generator.charts.verdict import PlacedSignal, Reading

__all__ = ["ReadingText", "RuleRow", "reading_text", "rule_set_name"]

Gettext = Callable[[str], str]
Format = Callable[[str], str]  # formats a period for the reader
ValueFormat = Callable[[float], str]
_MEDIAN_RULES = frozenset({"shift", "runs", "long-run", "few-crossings"})
_RULE_OF = {"runs-too-few": "runs", "runs-too-many": "runs", "few-crossings": "few-crossings"}


@dataclass(frozen=True)
class RuleRow:
    """One rule of one rule set: its name, what it found, and where that lies in time (empty: nothing found)."""

    rule_set: str
    rule: str
    finding: str
    placement: str


@dataclass(frozen=True)
class ReadingText:
    """Everything a reader is told about one run chart, each thing once."""

    lead: str
    notes: tuple[str, ...]
    rule_set_names: tuple[tuple[str, str], ...]  # (rule set id, its name), in order
    rows: tuple[RuleRow, ...]


@dataclass(frozen=True)
class _Words:
    gettext: Gettext
    period: Format
    value: ValueFormat
    reading: Reading

    def at(self, index: int) -> str:
        return self.period(self.reading.points[index].period)


def reading_text(
    reading: Reading, *, gettext: Gettext, format_period: Format, format_value: ValueFormat
) -> ReadingText:
    """The words of a reading, in the caller's language."""
    words = _Words(gettext, format_period, format_value, reading)
    names = (("ihi", rule_set_name("ihi", gettext)), ("anhoej", rule_set_name("anhoej", gettext)))
    notes = [*_unstable_note(words), *_disagreement_note(words), _median_note(words)]
    rows = tuple(row for analysis in reading.analyses for row in _rows(words, analysis))
    return ReadingText(_lead(words), tuple(notes), names, rows)


def rule_set_name(rule_set: str, gettext: Gettext) -> str:
    if rule_set == "ihi":
        return gettext("IHI run-chart rules")
    return gettext("Anhøj rules")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the lead ---------------------------------------------------------------------------------


def _lead(w: _Words) -> str:
    reading, _ = w.reading, w.gettext
    if reading.start >= len(reading.points):
        return _("No points after the baseline yet: the rules cannot judge the changes.")
    if all(verdict is None for _set, verdict in reading.rule_set_verdicts):
        message = _("Too few points (%(count)d) to apply the run-chart rules.")
        return message % {"count": len(reading.points)}
    since = reading.start_reason != "none"
    values = {"start": w.at(reading.start)}
    if reading.verdict == "no-signal":
        if since:
            return _("No signal since the changes began in %(start)s: the data vary only randomly.") % values
        return _("No signal: the rules that could be applied find only random variation.")
    if reading.verdict == "mixed":
        return _mixed_lead(w, since)
    deciding = reading.deciding[0]
    values |= {"signal": _phrase(w, deciding, counted=True), "rules": rule_set_name(deciding.signal.rule_set, _)}
    return _lead_template(reading.verdict, since, _) % values


def _lead_template(verdict: Summary, since: bool, _: Gettext) -> str:
    if verdict == "improvement":
        if since:
            return _("Improvement since the changes began in %(start)s: %(signal)s (%(rules)s).")
        return _("Improvement: %(signal)s (%(rules)s).")
    if verdict == "deterioration":
        if since:
            return _("Deterioration since the changes began in %(start)s: %(signal)s (%(rules)s).")
        return _("Deterioration: %(signal)s (%(rules)s).")
    if since:
        return _("A signal without a clear direction since the changes began in %(start)s: %(signal)s (%(rules)s).")
    return _("A signal without a clear direction: %(signal)s (%(rules)s).")


def _mixed_lead(w: _Words, since: bool) -> str:
    better, worse = w.reading.deciding
    _ = w.gettext
    values = {
        "start": w.at(w.reading.start),
        "better": _phrase(w, better, counted=True),
        "better_rules": rule_set_name(better.signal.rule_set, _),
        "worse": _phrase(w, worse, counted=True),
        "worse_rules": rule_set_name(worse.signal.rule_set, _),
    }
    if since:
        message = _(
            "Mixed signals since the changes began in %(start)s: an improvement, %(better)s (%(better_rules)s),"
            " and a deterioration, %(worse)s (%(worse_rules)s)."
        )
    else:
        message = _(
            "Mixed signals: an improvement, %(better)s (%(better_rules)s), and a deterioration, %(worse)s"
            " (%(worse_rules)s)."
        )
    return message % values


# --- signals as phrases -----------------------------------------------------------------------


def _position(side: Side, frozen: bool, _: Gettext) -> str:
    if frozen:
        return _("above the baseline median") if side == "above" else _("below the baseline median")
    return _("above the median") if side == "above" else _("below the median")


def _distinct_steps(values: Sequence[float]) -> int:
    return (1 if values else 0) + sum(1 for a, b in pairwise(values) if a != b)


def _phrase(w: _Words, placed: PlacedSignal, *, counted: bool) -> str:
    """A signal as a phrase; ``counted``: only its points after the changes (what made it count)."""
    signal = placed.signal
    indices = placed.after if counted and placed.after else signal.indices
    if not signal.indices:
        return _whole_series_phrase(w, placed, counted=counted)
    if signal.rule == "astronomical":
        return _astronomical_phrase(w, [placed])
    analysis = next(a for a in w.reading.analyses if a.rule_set == signal.rule_set)
    _ = w.gettext
    values = {
        "count": len(indices),
        "start": w.at(indices[0]),
        "end": w.at(indices[-1]),
        "position": _position(signal.side, analysis.baseline_count < len(w.reading.points), _),
        "limit": anhoej_longest_run_limit(max(analysis.useful_observations, 1)),
    }
    if signal.rule == "shift":
        return _("a shift of %(count)d points %(position)s from %(start)s to %(end)s") % values
    if signal.rule == "long-run":
        message = _(
            "a run of %(count)d points %(position)s from %(start)s to %(end)s, longer than the %(limit)d expected"
        )
        return message % values
    values["count"] = _distinct_steps([w.reading.points[i].value for i in indices])
    if signal.side == "up":
        return _("a trend of %(count)d points going up from %(start)s to %(end)s") % values
    return _("a trend of %(count)d points going down from %(start)s to %(end)s") % values


def _astronomical_phrase(w: _Words, group: Sequence[PlacedSignal]) -> str:
    _ = w.gettext
    side = group[0].signal.side
    values = {
        "periods": ", ".join(w.at(p.signal.indices[0]) for p in group),
        "position": _("far above the median") if side == "above" else _("far below the median"),
    }
    if len(group) == 1:
        return _("an astronomical point in %(periods)s, %(position)s") % values
    return _("astronomical points in %(periods)s, %(position)s") % values


def _whole_series_phrase(w: _Words, placed: PlacedSignal, *, counted: bool) -> str:
    """Too few or too many runs, too few crossings: with the points the rule judged."""
    _ = w.gettext
    analysis = next(a for a in w.reading.analyses if a.rule_set == placed.signal.rule_set)
    if counted:
        useful, runs, first = placed.after_useful, placed.after_runs, w.reading.start
    else:
        useful, runs, first = analysis.useful_observations, analysis.runs or 0, placed.judged[0]
    lower, upper = runs_limits(useful) or (0, 0)
    values = {
        "runs": runs,
        "crossings": max(runs - 1, 0),
        "useful": useful,
        "lower": lower,
        "upper": upper,
        "limit": anhoej_crossings_limit(useful),
        "start": w.at(first),
        "end": w.at(placed.judged[1]),
    }
    if placed.signal.rule == "runs-too-few":
        message = _(
            "too few runs: %(runs)d in %(useful)d useful observations from %(start)s to %(end)s, fewer than %(lower)d"
        )
    elif placed.signal.rule == "runs-too-many":
        message = _(
            "too many runs: %(runs)d in %(useful)d useful observations from %(start)s to %(end)s, more than %(upper)d"
        )
    else:
        message = _(
            "too few crossings of the median: %(crossings)d in %(useful)d useful observations from %(start)s"
            " to %(end)s, fewer than %(limit)d"
        )
    return message % values


# --- notes ------------------------------------------------------------------------------------


def _unstable_note(w: _Words) -> list[str]:
    before = w.reading.unstable_baseline
    if not before:
        return []
    _ = w.gettext
    found = _phrases(w, before)
    by_set = [
        "; ".join(phrase for rule_set, phrase in found if rule_set == name) + f" ({rule_set_name(name, _)})"
        for name in ("ihi", "anhoej")
        if any(rule_set == name for rule_set, _phrase in found)
    ]
    message = _(
        "The baseline is not stable: before the changes began in %(start)s, %(signals)s. These signals are"
        " counted neither for nor against the changes."
    )
    start = w.at(min(w.reading.start, len(w.reading.points) - 1))
    return [message % {"start": start, "signals": "; ".join(by_set)}]


def _phrases(w: _Words, placed: Sequence[PlacedSignal]) -> list[tuple[str, str]]:
    """(rule set, phrase) of each signal as found; astronomical points of one side and rule set in one phrase."""
    out: list[tuple[str, str]] = []
    grouped: dict[tuple[str, str], list[PlacedSignal]] = {}
    for p in placed:
        if p.signal.rule == "astronomical":
            grouped.setdefault((p.signal.rule_set, p.signal.side), []).append(p)
        else:
            out.append((p.signal.rule_set, _phrase(w, p, counted=False)))
    out += [(rule_set, _astronomical_phrase(w, group)) for (rule_set, _side), group in grouped.items()]
    return out


def _finding_words(verdict: Summary | None, _: Gettext) -> str:
    if verdict == "improvement":
        return _("an improvement")
    if verdict == "deterioration":
        return _("a deterioration")
    if verdict == "mixed":
        return _("mixed signals")
    if verdict == "unclear":
        return _("a signal without a clear direction")
    return _("no signal")


def _disagreement_note(w: _Words) -> list[str]:
    if w.reading.agree:
        return []
    _ = w.gettext
    found = dict(w.reading.rule_set_verdicts)
    message = _("The two rule sets disagree: the IHI run-chart rules find %(ihi)s, the Anhøj rules find %(anhoej)s.")
    return [message % {"ihi": _finding_words(found["ihi"], _), "anhoej": _finding_words(found["anhoej"], _)}]


def _median_note(w: _Words) -> str:
    _ = w.gettext
    analysis = w.reading.analyses[0]
    values = {"count": analysis.baseline_count, "median": w.value(analysis.median)}
    if analysis.baseline_count < len(w.reading.points):
        message = _("Median %(median)s, computed on the %(count)d baseline points and extended over the later points.")
    else:
        message = _("Median %(median)s, computed on all %(count)d points.")
    return message % values


# --- rows -------------------------------------------------------------------------------------


def _rule_name(rule: str, _: Gettext) -> str:
    names = {
        "shift": _("Shift"),
        "trend": _("Trend"),
        "runs": _("Number of runs"),
        "astronomical": _("Astronomical point"),
        "long-run": _("Longest run"),
        "few-crossings": _("Number of crossings"),
    }
    return names[rule]


def _placement_words(w: _Words, placed: PlacedSignal) -> str:
    _ = w.gettext
    if placed.placement == "after" and not placed.signal.indices:
        message = _("Counts: the points since the changes alone meet the rule too (%(finding)s)")
        return message % {"finding": _phrase(w, placed, counted=True)}
    if placed.placement == "after":
        return _("Counts: after the changes began")
    if placed.placement == "before":
        return _("Not counted: before the changes began (the baseline is not stable)")
    return _("Not counted: it spans the start of the changes, and neither side meets the rule alone")


def _rows(w: _Words, analysis: Analysis) -> list[RuleRow]:
    _ = w.gettext
    placed = w.reading.of(analysis.rule_set)
    rows: list[RuleRow] = []
    for rule in RULES[analysis.rule_set]:
        name = _rule_name(rule, _)
        found = [p for p in placed if _RULE_OF.get(p.signal.rule, p.signal.rule) == rule]
        if rule in analysis.not_applicable or (rule == "few-crossings" and "long-run" in analysis.not_applicable):
            rows.append(RuleRow(analysis.rule_set, name, _not_applicable(w, rule, analysis), ""))
        elif not found:
            rows.append(RuleRow(analysis.rule_set, name, _("No signal"), ""))
        else:
            rows += [RuleRow(analysis.rule_set, name, finding, where) for finding, where in _findings(w, found)]
    return rows


def _findings(w: _Words, found: Sequence[PlacedSignal]) -> list[tuple[str, str]]:
    """One (finding, placement) per signal; astronomical points of one side and placement together."""
    out: list[tuple[str, str]] = []
    grouped: dict[tuple[str, str], list[PlacedSignal]] = {}
    for placed in found:
        if placed.signal.rule == "astronomical":
            grouped.setdefault((placed.signal.side, placed.placement), []).append(placed)
        else:
            out.append((_capital(_phrase(w, placed, counted=False)), _placement_words(w, placed)))
    for group in grouped.values():
        out.append((_capital(_astronomical_phrase(w, group)), _placement_words(w, group[0])))
    return out


def _not_applicable(w: _Words, rule: str, analysis: Analysis) -> str:
    _ = w.gettext
    points = w.reading.points
    if analysis.useful_observations == 0 and rule in _MEDIAN_RULES:
        return _("Not applied: every point lies on the median.")
    useful = {"count": analysis.useful_observations}
    if rule == "shift":
        message = _("Too few points (%(count)d) for the shift rule: it needs at least %(needed)d useful observations.")
        return message % {**useful, "needed": SHIFT_LENGTH}
    if rule == "trend":
        message = _("Too few points (%(count)d) for the trend rule: it needs at least %(needed)d points.")
        return message % {"count": len(points), "needed": TREND_LENGTH}
    if rule in ("long-run", "few-crossings"):
        message = _(
            "Too few points (%(count)d) for the Anhøj rules: they need at least %(needed)d useful observations."
        )
        return message % {**useful, "needed": MIN_USEFUL_ANHOEJ}
    if rule == "runs":
        return _runs_not_applicable(analysis.useful_observations, _)
    return _astronomical_not_applicable(len(points), _)


def _runs_not_applicable(useful: int, _: Gettext) -> str:
    if useful < MIN_USEFUL_RUNS:
        message = _("Too few points (%(count)d) for the runs rule: it needs at least %(needed)d useful observations.")
        return message % {"count": useful, "needed": MIN_USEFUL_RUNS}
    message = _(
        "The runs rule is not applied: the table of limits used here does not cover %(count)d useful observations."
    )
    return message % {"count": useful}


def _astronomical_not_applicable(count: int, _: Gettext) -> str:
    if count < MIN_POINTS_ASTRONOMICAL:
        message = _("Too few points (%(count)d) for the astronomical-point rule: it needs at least %(needed)d points.")
        return message % {"count": count, "needed": MIN_POINTS_ASTRONOMICAL}
    return _("The astronomical-point rule is not applied: the baseline points do not vary.")
