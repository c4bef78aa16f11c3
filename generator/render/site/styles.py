"""An edition's stylesheets cut to the rules its pages can use, written without comments or indentation.

Material's stylesheet styles every feature it has (content tabs, annotations, blog posts, the
repository widget…); a page downloads all of it. A rule is left out when each of its selectors
names a class that occurs nowhere in the edition: not in any built page, not in any script of
the site (Material's script adds classes of its own, some from a prefix and a value), so no
element can ever carry it. Classes inside `:not()`, `:is()` and other parentheses, and
selectors with escapes, never count against a rule. What is kept is written token by token
(tinycss2) with comments dropped and whitespace cut to what separates tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import tinycss2
from tinycss2.ast import WhitespaceToken

#: At-rules holding rules (their rules are cut like the top level); other blocks are kept whole.
GROUPING = {"media", "supports", "layer", "container", "document", "scope"}
#: The words of a page or script: any of them may be a class name.
WORD = re.compile(r"[A-Za-z_][\w-]*")
#: A class built in a script from a prefix and a value (`md-tag--${…}`).
PREFIX = re.compile(r"([A-Za-z_][\w-]*)\$\{")
#: What never counts against a selector: arguments in parentheses.
ARGUMENTS = re.compile(r"\([^()]*\)")
#: An attribute selector; the word an element's attribute must equal (`=`, `~=`, `|=`) counts.
ATTRIBUTE = re.compile(r"""\[[^\[\]=*^$~|]*(?:[~|]?=\s*["']?(?P<value>[A-Za-z_][\w-]*)?|[*^$]=)?[^\]]*\]""")
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
#: Punctuation that needs no whitespace around it (not `:`, `>` or `+`: in a selector a space
#: around them may be a combinator, in `calc()` one around `+` is required).
TIGHT = {",", ";"}


class Vocabulary:
    """The words an edition's pages and scripts contain, and the class prefixes its scripts build."""

    def __init__(self) -> None:
        self.words: set[str] = set()
        self.prefixes: set[str] = set()

    def add_page(self, html: str) -> None:
        self.words.update(WORD.findall(html))

    def add_script(self, script: str) -> None:
        self.words.update(WORD.findall(script))
        self.prefixes.update(PREFIX.findall(script))

    def has(self, name: str) -> bool:
        return name in self.words or any(name.startswith(prefix) for prefix in self.prefixes)


def may_match(selector: str, has: Callable[[str], bool]) -> bool:
    """Whether some element of the edition could match ``selector`` (one selector, no comma):
    every class it names, and every word an attribute must equal, occurs in the edition."""
    if "\\" in selector:
        return True
    values = [found["value"] for found in ATTRIBUTE.finditer(selector) if found["value"]]
    names = CLASS.findall(ATTRIBUTE.sub("", selector))
    return all(has(word) for word in (*values, *names))


def selectors(prelude: str) -> list[str]:
    """A rule's selectors, with what sits in parentheses taken out."""
    while True:
        flat = ARGUMENTS.sub("", prelude)
        if flat == prelude:
            return flat.split(",")
        prelude = flat


def slim_stylesheet(css: str, has: Callable[[str], bool]) -> str:
    """``css`` with the rules no element can match left out, written compactly."""
    return slim_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), has)


def slim_rules(rules: Iterable[Any], has: Callable[[str], bool]) -> str:
    out: list[str] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            prelude = compact(rule.prelude)
            if any(may_match(selector, has) for selector in selectors(prelude)):
                out.append(f"{prelude}{{{compact(without_last_semicolon(rule.content))}}}")
        elif rule.type == "at-rule":
            head = f"@{rule.at_keyword}" + (f" {prelude}" if (prelude := compact(rule.prelude)) else "")
            if rule.content is None:
                out.append(f"{head};")
            elif rule.lower_at_keyword in GROUPING:
                inner = slim_rules(tinycss2.parse_rule_list(rule.content, True, True), has)
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:
                out.append(f"{head}{{{compact(rule.content)}}}")
        else:  # a parse error: kept as written
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def without_last_semicolon(tokens: list[Any]) -> list[Any]:
    """A block's tokens without the `;` that closes its last declaration."""
    end = len(tokens)
    while end and tokens[end - 1].type in ("whitespace", "comment"):
        end -= 1
    return tokens[: end - 1] if end and tight(tokens[end - 1]) and tokens[end - 1].value == ";" else tokens


def compact(tokens: list[Any]) -> str:
    """Tokens written without comments, with one space where whitespace separates them and none
    next to punctuation; tinycss2 keeps apart the tokens that would otherwise merge."""
    return str(tinycss2.serialize(compact_tokens(tokens))).strip()


def compact_tokens(tokens: list[Any]) -> list[Any]:
    kept: list[Any] = []
    for token in tokens:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            if kept and kept[-1].type != "whitespace" and not tight(kept[-1]):
                kept.append(WhitespaceToken(token.source_line, token.source_column, " "))
            continue
        if tight(token) and kept and kept[-1].type == "whitespace":
            kept.pop()
        if token.type == "function":
            token.arguments = compact_tokens(token.arguments)
        elif token.type in ("() block", "[] block", "{} block"):
            token.content = compact_tokens(token.content)
        kept.append(token)
    if kept and kept[-1].type == "whitespace":
        kept.pop()
    return kept


def tight(token: Any) -> bool:
    return token.type == "literal" and token.value in TIGHT
