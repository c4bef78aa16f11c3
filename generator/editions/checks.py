"""Translation checks: links, numbers and Markdown structure kept; no raw HTML (warnings).

Translated text is as untrusted as the source: a translation that drops a link, changes a
number or breaks a list is reported at its msgstr line in the catalog, with the msgctxt.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics, Location
from generator.editions.view import Edition, refusal
from generator.source.yamlfile import MAX_TEXT_LENGTH
from generator.text.characters import INVISIBLE, describe
from generator.text.scan import MAX_REPORTED, find_raw_html, strip_code, unsafe_markdown

#: Problems whose message already says the translation is not shown.
REFUSED_CODES = ("translation.html", "translation.unsafe", "translation.too-long", "translation.control")
#: An inline link or image: `[text](target "title")`, `![alt](target)`.
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<(?P<target>(?:https?|mailto):[^>\s]+)>")
BARE_URL = re.compile(r"(?:https?|mailto):\S+")
DIGIT = re.compile(r"\d")
NON_DIGIT = re.compile(r"\D")
#: A number: digit groups joined by a thousands space (`1 000`), or by `.` `,` `'` (`1,000.5`, `12,5`).
#: (Every number starts with a digit or `:`; the lookahead says so first, which lets the regex engine
#: skip to the next candidate instead of trying both alternatives at every position: 4× faster.)
NUMBER = re.compile(
    r"(?=[\d:])(?:(?<![\d:])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?(?!\d)|(?P<colon>:)?\d+(?:[.,'’]\d+)*)"
)
BULLET = re.compile(r"^ {0,3}[-*+][ \t]+", re.MULTILINE)
ORDERED = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]+", re.MULTILINE)
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)", re.MULTILINE)
FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
CODE_SPAN = re.compile(r"`[^`\n]+`")
STRONG = re.compile(r"\*\*|__")
#: A single `*` or `_` that can open or close emphasis (not `a * b`, not snake_case, not a bullet).
EMPHASIS = re.compile(r"(?<![\s*])\*(?!\*)|(?<!\*)\*(?![\s*])|(?<![\w_])_(?!_)|(?<!_)_(?![\w_])")


@dataclass(frozen=True)
class Problem:
    """One problem of a translation, with its diagnostic code."""

    code: str
    message: str


def check_translation(source: str, translation: str, *, markdown: bool) -> list[str]:
    """The problems of ``translation`` against its ``source`` (empty when it looks faithful)."""
    return [problem.message for problem in find_problems(source, translation, markdown=markdown)]


@dataclass(frozen=True)
class Shape:
    """What a translation must keep of its text: link targets, numbers and the Markdown structure."""

    links: list[str]
    numbers: list[tuple[str, str]]
    lists: tuple[int, int] = (0, 0)
    headings: list[str] = field(default_factory=list)
    code_spans: int = 0
    fences: int = 0
    marks: tuple[int, int] = (0, 0)  # strong and emphasis delimiters


def shape_of(text: str, *, markdown: bool) -> Shape:
    found = numbers(text, markdown=markdown)
    if not markdown:
        return Shape([], found)
    code_free = strip_code(text)
    headings = HEADING.findall(code_free) if "#" in code_free else []
    return Shape(
        link_targets(text),
        found,
        list_shape(code_free),
        headings,
        count_code_spans(text),
        count_fences(text),
        emphasis_counts(code_free),
    )


def find_problems(source: str, translation: str, *, markdown: bool, shape: Shape | None = None) -> list[Problem]:
    """The problems of a translation; ``shape`` is the source's when it is already known."""
    source_shape = shape or shape_of(source, markdown=markdown)
    translated = shape_of(translation, markdown=markdown)
    problems = check_html(translation)
    if markdown:
        problems += check_links(source_shape.links, translated.links)
    problems += check_numbers(source_shape.numbers, translated.numbers)
    if markdown:
        problems += check_structure(source_shape, translated)
    return problems


def check_translations(editions: Iterable[Edition], diagnostics: Diagnostics) -> None:
    """Check every translation the editions would show; warn at its msgstr line in the catalog.

    A refused translation (the edition shows the source instead) is reported with why; a
    translation that is shown but drops a link, changes a number or breaks the Markdown is
    reported so that the translator can fix it. Each source text is read once for all editions.
    """
    shapes: dict[int, Shape] = {}  # id of a unit (the editions share them) → its source's shape
    for edition in editions:
        check_edition(edition, diagnostics, shapes)


def check_edition(edition: Edition, diagnostics: Diagnostics, shapes: dict[int, Shape]) -> None:
    if edition.catalogs is None:
        return
    for name, lines in edition.catalogs.plural_lines.items():
        warn_plurals(lines, edition.catalogs.displays[name], diagnostics)
    for unit in edition.units():
        entry = edition.catalogs.get(unit.catalog, unit.key)
        if entry is None or entry.fuzzy or not entry.msgstr:
            continue
        where = Location(entry.display, entry.line, 1)
        shape = shapes.get(id(unit)) or shapes.setdefault(id(unit), shape_of(unit.msgid, markdown=unit.markdown))
        problems = find_problems(unit.msgid, entry.msgstr, markdown=unit.markdown, shape=shape)
        reason = refusal(entry.msgstr, unit.msgid)
        refused_codes = REFUSED_CODES  # their messages say "it is not shown"
        for problem in problems:
            note = "; it is not shown" if reason and problem.code not in refused_codes else ""
            diagnostics.warning(where, problem.message + note, problem.code, unit.msgctxt)
        if reason and not problems:
            diagnostics.warning(where, f"translation not shown: {reason}", "translation.refused", unit.msgctxt)


def warn_plurals(lines: list[int], display: str, diagnostics: Diagnostics) -> None:
    """Content has no plural messages: such an entry (added by hand or by a tool) is not used
    and `translations update` does not keep it — say so before it goes."""
    for line in lines:
        diagnostics.warning(
            Location(display, line, 1),
            "an entry with plural forms is not part of the content and is dropped by `translations update`",
            "translation.plural",
        )


# Raw HTML ---------------------------------------------------------------------------------
def check_html(translation: str) -> list[Problem]:
    """Untrusted markup (raw HTML, images, attribute lists, unsafe links): the translation is not shown."""
    tags = list(dict.fromkeys(tag for tag, _ in find_raw_html(translation)))[:MAX_REPORTED]
    problems = [Problem("translation.html", f"translation contains raw HTML ({', '.join(tags)}); it is not shown")]
    others = [text for code, text, _ in unsafe_markdown(translation) if code != "html"]
    problems += [Problem("translation.unsafe", f"translation contains {text}; it is not shown") for text in others]
    if len(translation) > MAX_TEXT_LENGTH:
        message = f"translation has {len(translation):,} characters, over the limit of {MAX_TEXT_LENGTH:,}"
        problems.append(Problem("translation.too-long", message + "; it is not shown"))
    invisible = INVISIBLE.search(translation)
    if invisible:
        message = f"translation contains the invisible character {describe(invisible.group(0))}; it is not shown"
        problems.append(Problem("translation.control", message))
    return problems if tags else problems[1:]


# Links ------------------------------------------------------------------------------------
def link_targets(text: str) -> list[str]:
    if "](" not in text and "<" not in text:
        return []
    code_free = strip_code(text)
    return [m["target"] for m in LINK.finditer(code_free)] + [m["target"] for m in AUTOLINK.finditer(code_free)]


def check_links(source: list[str], translation: list[str]) -> list[Problem]:
    """Link targets dropped, added or changed (``source`` and ``translation`` are the targets)."""
    dropped, added = differences(source, translation)
    problems = [
        Problem("translation.link", f"translation changes the link to '{old}' into a link to '{new}'")
        for old, new in zip(dropped, added, strict=False)
    ]
    problems += [Problem("translation.link", f"translation drops the link to '{t}'") for t in dropped[len(added) :]]
    problems += [Problem("translation.link", f"translation adds a link to '{t}'") for t in added[len(dropped) :]]
    return problems


# Numbers ----------------------------------------------------------------------------------
def numbers(text: str, *, markdown: bool) -> list[tuple[str, str]]:
    """(digits, as written) of each number outside link targets, URLs and list markers (`1.`).

    Numbers compare as digit sequences, so `12.5`, `12,5`, `1,000`, `1.000` and `1 000`
    match across locales; leading zeros and the `:00` of a time (`10:00` → `10 h`) are ignored.
    """
    if not DIGIT.search(text):
        return []
    if "](" in text:
        text = LINK.sub(lambda m: m.group(0)[: m.start("target") - m.start()], text)
    if "<" in text:
        text = AUTOLINK.sub(" ", text)
    if ":" in text:
        text = BARE_URL.sub(" ", text)
    if markdown:
        text = ORDERED.sub("", text)
    found = []
    for match in NUMBER.finditer(text):
        written = match.group(0)  # starts with ":" exactly when the colon group matched
        digits = (written if written.isdecimal() else NON_DIGIT.sub("", written)).lstrip("0") or "0"
        if digits == "0" and written[0] == ":":
            continue
        found.append((digits, written.lstrip(":")))
    return found


def check_numbers(source_numbers: list[tuple[str, str]], translated_numbers: list[tuple[str, str]]) -> list[Problem]:
    """Numbers dropped, added or changed (the arguments are `numbers` of each text)."""
    if source_numbers == translated_numbers:
        return []
    dropped, added = differences([d for d, _ in source_numbers], [d for d, _ in translated_numbers])
    written = dict(reversed(source_numbers + translated_numbers))
    problems = [
        Problem("translation.number", f"translation changes the number '{written[old]}' to '{written[new]}'")
        for old, new in zip(dropped, added, strict=False)
    ]
    problems += [
        Problem("translation.number", f"translation drops the number '{written[d]}'") for d in dropped[len(added) :]
    ]
    problems += [
        Problem("translation.number", f"translation adds the number '{written[d]}'") for d in added[len(dropped) :]
    ]
    return problems


# Markdown structure -----------------------------------------------------------------------
def check_structure(source: Shape, translation: Shape) -> list[Problem]:
    problems = []
    if source.lists != translation.lists:
        problems.append(
            Problem(
                "translation.markdown",
                f"translation breaks the list: {describe_list(source.lists)} in the source, "
                f"{describe_list(translation.lists)} in the translation",
            )
        )
    if source.headings != translation.headings:
        problems.append(Problem("translation.markdown", "translation changes the headings of the source"))
    for kind, source_count, translated_count in (
        ("code spans", source.code_spans, translation.code_spans),
        ("fenced code blocks", source.fences, translation.fences),
    ):
        if source_count != translated_count:
            problems.append(
                Problem(
                    "translation.markdown",
                    f"translation has {translated_count} {kind} where the source has {source_count}",
                )
            )
    for index, (name, marker) in enumerate((("strong", "**"), ("emphasis", "*"))):
        if source.marks[index] % 2 == 0 and translation.marks[index] % 2 == 1:
            problems.append(
                Problem(
                    "translation.markdown",
                    f"translation has an unclosed {name} marker ({marker} or {marker.replace('*', '_')})",
                )
            )
    return problems


def list_shape(text: str) -> tuple[int, int]:
    """(bulleted items, numbered items)."""
    bullets = len(BULLET.findall(text)) if "-" in text or "*" in text or "+" in text else 0
    return (bullets, len(ORDERED.findall(text)) if DIGIT.search(text) else 0)


def describe_list(shape: tuple[int, int]) -> str:
    bullets, ordered = shape
    parts = [f"{bullets} bulleted" if bullets else "", f"{ordered} numbered" if ordered else ""]
    described = " and ".join(p for p in parts if p)
    return f"{described} item{'s' if bullets + ordered != 1 else ''}" if described else "no list items"


def count_code_spans(text: str) -> int:
    if "`" not in text:
        return 0
    return len(CODE_SPAN.findall(re.sub(r"(?ms)^ {0,3}(```|~~~).*?^ {0,3}\1", "", text)))


def count_fences(text: str) -> int:
    return len(FENCE.findall(text)) if "```" in text or "~~~" in text else 0


def emphasis_counts(text: str) -> tuple[int, int]:
    """How many strong (`**`, `__`) and emphasis (`*`, `_`) delimiters the text has."""
    if "*" not in text and "_" not in text:
        return (0, 0)
    text = BULLET.sub("", text)
    if "](" in text:
        text = LINK.sub(lambda m: m.group(0)[: m.start("target") - m.start()], text)
    if ":" in text:
        text = BARE_URL.sub(" ", text)
    return (len(STRONG.findall(text)), len(EMPHASIS.findall(STRONG.sub("", text))))


def differences(source: list[str], translation: list[str]) -> tuple[list[str], list[str]]:
    """What the translation lacks and what it adds, as multisets, in order of appearance."""
    if source == translation:
        return [], []
    missing = Counter(source) - Counter(translation)
    extra = Counter(translation) - Counter(source)
    return take(source, missing), take(translation, extra)


def take(values: list[str], wanted: Counter[str]) -> list[str]:
    taken, left = [], Counter(wanted)
    for value in values:
        if left[value] > 0:
            taken.append(value)
            left[value] -= 1
    return taken
