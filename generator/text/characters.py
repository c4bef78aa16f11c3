"""Characters that hide or reorder text: control characters and bidirectional overrides."""

from __future__ import annotations

import re

#: C0/C1 control characters (but tab and newline) and the bidirectional embeddings, overrides and
#: isolates: in a page they can hide or reorder what a reader sees ("Trojan Source"); on a terminal
#: an ESC sequence can rewrite the screen.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def describe(char: str) -> str:
    """`U+202E`, the way a diagnostic names a character it must not print."""
    return f"U+{ord(char):04X}"


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: every invisible character written as its escape."""
    return INVISIBLE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
