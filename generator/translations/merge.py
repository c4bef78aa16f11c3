"""Merge a template into a language's catalog, by msgctxt and msgid; a translation is never lost.

Babel's `Catalog.update` matches changed strings by similarity across the whole catalog,
so a translation could move to another field. Here an entry only ever moves within its
own msgctxt (its field): unchanged → kept; changed → kept, fuzzy, with the previous msgid;
gone → obsolete (`#~`); back → restored as it was.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from generator.editions.pofile import entries, key_of, msgid, msgstr, new_message
from generator.editions.units import TranslationUnit

#: Two paragraphs of one field at least this similar (difflib ratio) are the same paragraph, edited.
SIMILARITY = 0.5
MARKDOWN_COMMENT = "Markdown: keep the links, emphasis and list markers of the source."

Key = tuple[str, str]  # (msgctxt, msgid)


@dataclass
class MergeStats:
    """What one merge changed: entries added empty, marked outdated, made obsolete, restored."""

    new: int = 0
    outdated: int = 0
    obsolete: int = 0
    restored: int = 0


def template_catalog(units: Iterable[TranslationUnit]) -> Catalog:
    """The template (POT) of one catalog, in the order of ``units``."""
    catalog = Catalog(fuzzy=False)
    for unit in units:
        catalog[unit.msgid] = template_message(unit)
    return catalog


def template_message(unit: TranslationUnit, string: str = "") -> Message:
    return new_message(
        unit.msgctxt,
        unit.msgid,
        string,
        locations=[(loc.path, loc.line) for loc in unit.locations],
        auto_comments=[MARKDOWN_COMMENT] if unit.markdown else [],
    )


def merge_catalog(units: list[TranslationUnit], old: Catalog | None, locale: str) -> tuple[Catalog, MergeStats]:
    """The catalog of ``locale`` for the template ``units`` (in order), carrying over ``old``."""
    active = {key_of(m): m for m in entries(old)} if old is not None else {}
    obsolete = {key_of(m): m for m in old.obsolete.values() if isinstance(m.id, str)} if old is not None else {}
    wanted = {unit.key for unit in units}
    stats = MergeStats()
    pending = [u for u in units if u.key not in active and not (u.key in obsolete and translated(obsolete[u.key]))]
    leftovers = [m for key, m in active.items() if key not in wanted and translated(m)]
    single = single_field_contexts(units, active)
    pairs = pair_within_context(pending, leftovers, single)
    unpaired = [u for u in pending if u.key not in pairs]
    pairs |= pair_within_context(unpaired, [m for k, m in obsolete.items() if k not in wanted and translated(m)], set())

    catalog = Catalog(locale=locale, fuzzy=False)
    for unit in units:
        if unit.key in active:
            catalog[unit.msgid] = carry(unit, active[unit.key])
        elif unit.key in obsolete and translated(obsolete[unit.key]):
            catalog[unit.msgid] = carry(unit, obsolete[unit.key])
            stats.restored += 1
        elif unit.key in pairs:
            catalog[unit.msgid] = outdate(unit, pairs[unit.key])
            stats.outdated += 1
        else:
            catalog[unit.msgid] = template_message(unit)
            stats.new += 1

    consumed = {key_of(m) for m in pairs.values()}
    retired = {key_of(m): m for m in leftovers if key_of(m) not in consumed}
    stats.obsolete = len(retired)
    kept = {k: m for k, m in obsolete.items() if k not in wanted and k not in consumed and translated(m)}
    for key, message in sorted((kept | retired).items()):
        catalog.obsolete[key] = retire(message)
    return catalog, stats


def translated(message: Message) -> bool:
    return bool(msgstr(message))


def carry(unit: TranslationUnit, old: Message) -> Message:
    """The same source text: translation, flags and translator comments kept as they are."""
    message = template_message(unit, msgstr(old))
    message.flags |= old.flags
    message.user_comments = list(old.user_comments)
    if old.fuzzy and old.previous_id:
        if list(old.previous_id) == [unit.msgid]:  # the English went back to what was translated
            message.flags.discard("fuzzy")
        else:
            message.previous_id = list(old.previous_id)
    return message


def outdate(unit: TranslationUnit, old: Message) -> Message:
    """Changed source text: the old translation stays, fuzzy, with the msgid it translates."""
    message = carry(unit, old)
    message.flags.add("fuzzy")
    # Already outdated: the translation still matches the older source, keep that one.
    message.previous_id = list(old.previous_id) if old.fuzzy and old.previous_id else [msgid(old)]
    return message


def retire(old: Message) -> Message:
    """Obsolete (`#~`): translation, flags, comments and an outdated entry's previous source kept."""
    previous = old.previous_id[0] if old.fuzzy and old.previous_id else ""
    return new_message(
        old.context or "",
        msgid(old),
        msgstr(old),
        flags=old.flags,
        user_comments=old.user_comments,
        previous_id=previous,
    )


def single_field_contexts(units: list[TranslationUnit], active: dict[Key, Message]) -> set[str]:
    """Contexts that held one entry and still hold one: a plain field, or a one-paragraph text."""
    new_counts = Counter(unit.msgctxt for unit in units)
    old_counts = Counter(ctx for ctx, _ in active)
    return {ctx for ctx, count in new_counts.items() if count == 1 and old_counts[ctx] == 1}


def pair_within_context(units: list[TranslationUnit], olds: list[Message], single: set[str]) -> dict[Key, Message]:
    """Match new entries to old translated ones of the same msgctxt.

    A field that was and is one entry pairs whatever the edit; paragraphs and list items pair
    with the most similar old one (ratio ≥ SIMILARITY), each old entry at most once.
    """
    by_context: dict[str, list[Message]] = defaultdict(list)
    for old in olds:
        by_context[old.context or ""].append(old)
    grouped: dict[str, list[TranslationUnit]] = defaultdict(list)
    for unit in units:
        grouped[unit.msgctxt].append(unit)
    pairs: dict[Key, Message] = {}
    for ctx, news in grouped.items():
        candidates = by_context.get(ctx, [])
        if ctx in single and len(news) == 1 and len(candidates) == 1:
            pairs[news[0].key] = candidates[0]
            continue
        scored = sorted(
            (-score, i, j)
            for i, unit in enumerate(news)
            for j, old in enumerate(candidates)
            if (score := similarity(unit.msgid, msgid(old))) >= SIMILARITY
        )
        used_new: set[int] = set()
        used_old: set[int] = set()
        for _, i, j in scored:
            if i not in used_new and j not in used_old:
                pairs[news[i].key] = candidates[j]
                used_new.add(i)
                used_old.add(j)
    return pairs


def similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
        return 0.0
    return matcher.ratio()
