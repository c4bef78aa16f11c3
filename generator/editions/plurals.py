"""The `Plural-Forms` header of a catalog, checked as `msgfmt -c` does (a syntax error is fatal)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

Rule = Callable[[int], int]

NPLURALS = re.compile(r"(?<![A-Za-z])nplurals\s*=\s*(?P<n>\d+)\s*(?:;|$)")
PLURAL = re.compile(r"(?<![A-Za-z])plural\s*=\s*(?P<expr>[^;]*)")
TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
#: Longest expression read (the longest in use, Arabic's, has about 80 characters).
MAX_LENGTH = 500
MAX_NESTING = 50  # msgfmt accepts at least 30; each level costs the parser a few stack frames
#: Binary operators by precedence, loosest first (C's, as gettext's grammar).
LEVELS = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]
OPERATIONS: dict[str, Callable[[int, int], int]] = {
    "||": lambda a, b: int(bool(a) or bool(b)),
    "&&": lambda a, b: int(bool(a) and bool(b)),
    "==": lambda a, b: int(a == b),
    "!=": lambda a, b: int(a != b),
    "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b),
    "<=": lambda a, b: int(a <= b),
    ">=": lambda a, b: int(a >= b),
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a // b if b else 0,
    "%": lambda a, b: a % b if b else 0,
}


class PluralFormsError(ValueError):
    """What is wrong with a Plural-Forms value."""


@lru_cache(maxsize=64)
def check_plural_forms(value: str) -> None:
    """Raise PluralFormsError unless ``value`` is `nplurals=N; plural=EXPR;` with a valid C
    expression of `n` whose values stay below N (for n from 0 to 1,000).

    Every catalog of a language carries the same value: a valid one is checked once per run, and
    one of the values `translations update` writes not at all."""
    if value not in WRITTEN_BY_UPDATE:
        evaluate_plural_forms(value)


#: The Plural-Forms values `translations update` writes: Babel's for en, es, fr and pt (a test keeps
#: this so, and runs each through `evaluate_plural_forms` and msgfmt).
WRITTEN_BY_UPDATE = frozenset(
    {
        "nplurals=2; plural=(n != 1);",
        "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",
        "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
    }
)


def evaluate_plural_forms(value: str) -> None:
    """`check_plural_forms`, always: parse the rule and evaluate it for n from 0 to 1,000."""
    count_match, rule_match = NPLURALS.search(value), PLURAL.search(value)
    if count_match is None or rule_match is None:
        raise PluralFormsError("write it as 'nplurals=N; plural=EXPRESSION;'")
    count = int(count_match["n"])
    if not 1 <= count <= 100:
        raise PluralFormsError(f"nplurals must be between 1 and 100, not {count}")
    rule = parse_rule(rule_match["expr"].strip())
    values = [rule(n) for n in range(1001)]
    largest = max(values)
    if largest >= count or min(values) < 0:
        raise PluralFormsError(f"the plural expression gives {largest}, but nplurals is {count}")


def parse_rule(expression: str) -> Rule:
    """The plural expression as a function of n; PluralFormsError on a syntax error."""
    if not expression or len(expression) > MAX_LENGTH:
        raise PluralFormsError("the plural expression is missing or too long")
    tokens, position = [], 0
    while position < len(expression.rstrip()):
        found = TOKEN.match(expression, position)
        if found is None:
            raise PluralFormsError(f"syntax error in the plural expression at '{expression[position:][:10]}'")
        tokens.append(found.group(found.lastindex or 0))
        position = found.end()
    if max_nesting(tokens) > MAX_NESTING:
        raise PluralFormsError(f"the plural expression nests parentheses more than {MAX_NESTING} deep")
    parser = _Parser(tokens)
    rule = parser.conditional()
    if parser.index != len(tokens):
        raise PluralFormsError(f"syntax error in the plural expression at '{tokens[parser.index]}'")
    return rule


def max_nesting(tokens: list[str]) -> int:
    depth = deepest = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        deepest = max(deepest, depth)
    return deepest


class _Parser:
    """Recursive descent over the tokens (bounded by MAX_LENGTH)."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.index = tokens, 0

    def peek(self) -> str:
        return self.tokens[self.index] if self.index < len(self.tokens) else ""

    def take(self, expected: str) -> None:
        if self.peek() != expected:
            raise PluralFormsError(f"syntax error in the plural expression: expected '{expected}'")
        self.index += 1

    def conditional(self) -> Rule:
        test = self.binary(0)
        if self.peek() != "?":
            return test
        self.take("?")
        yes = self.conditional()
        self.take(":")
        no = self.conditional()
        return lambda n: yes(n) if test(n) else no(n)

    def binary(self, level: int) -> Rule:
        if level == len(LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while self.peek() in LEVELS[level]:
            operation = OPERATIONS[self.tokens[self.index]]
            self.index += 1
            right = self.binary(level + 1)
            left = _combine(operation, left, right)
        return left

    def unary(self) -> Rule:
        token = self.peek()
        self.index += 1
        if token == "!":
            inner = self.unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = self.conditional()
            self.take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            return _constant(int(token))
        raise PluralFormsError(f"syntax error in the plural expression at '{token or 'its end'}'")


def _constant(value: int) -> Rule:
    return lambda n: value


def _combine(operation: Callable[[int, int], int], left: Rule, right: Rule) -> Rule:
    return lambda n: operation(left(n), right(n))
