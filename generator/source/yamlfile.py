"""Load stage, file level: read one YAML file strictly into plain data and a line map."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostics, Location
from generator.source.files import RefusedFileError, read_limited
from generator.text.characters import INVISIBLE, describe

Key = str | int
KeyPath = tuple[Key, ...]

#: Expanding anchors and aliases beyond this many nodes is refused ("billion laughs").
MAX_NODES = 100_000
#: The tag YAML resolves a plain text scalar to.
STRING_TAG = "tag:yaml.org,2002:str"
#: Mappings and lists nested deeper than this are refused (the format needs about 6 levels).
MAX_DEPTH = 50
#: The longest text value, in characters (a long story narrative is about 3,000).
MAX_TEXT_LENGTH = 20_000
#: YAML 1.1 reads these as booleans; authors almost always mean text.
AMBIGUOUS_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})


@dataclass(frozen=True)
class Position:
    """Where a key and its value stand in the file (1-based)."""

    line: int
    column: int
    block: bool = False  # the value is a literal/folded block: its text starts a line below


@dataclass
class YamlDocument:
    """A parsed authoring file: its data, and the position of every key and value."""

    path: Path
    display: str
    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)

    def location(self, path: KeyPath, *, key: bool = False) -> Location:
        """The location of the value (or key) at ``path``, or of its nearest ancestor."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            pos = table.get(path[:end]) or self.values.get(path[:end])
            if pos is not None:
                return Location(self.display, pos.line, pos.column)
        return Location(self.display, 1, 1)

    def text_line(self, path: KeyPath, offset_lines: int) -> Location:
        """Location of a line inside a (possibly block) string value."""
        pos = self.values.get(path)
        if pos is None:
            return self.location(path)
        line = pos.line + offset_lines + (1 if pos.block else 0)
        return Location(self.display, line, 1 if offset_lines or pos.block else pos.column)


class _Converter:
    """Turns a composed YAML node graph into plain data, recording positions and hazards."""

    def __init__(self, doc: YamlDocument, diagnostics: Diagnostics) -> None:
        self.doc = doc
        self.diagnostics = diagnostics
        self.count = 0
        self.seen: set[int] = set()
        self.constructor = yaml.SafeLoader("")

    def convert(self, node: yaml.Node, path: KeyPath) -> Any:
        # Only a node met again (through an alias) is an expansion: a long series written out in
        # full is data, limited by the series-length limit, not by the alias limit.
        if id(node) in self.seen:
            self.count += 1
            if self.count > MAX_NODES:
                raise _TooLargeError(node)
        else:
            self.seen.add(id(node))
        if len(path) > MAX_DEPTH:
            raise _TooDeepError(node.start_mark)
        mark = node.start_mark
        block = isinstance(node, yaml.ScalarNode) and node.style in ("|", ">")
        self.doc.values.setdefault(path, Position(mark.line + 1, mark.column + 1, block))
        if isinstance(node, yaml.MappingNode):
            return self.convert_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self.convert_scalar(node)

    def convert_mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            loc = Location(self.doc.display, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.diagnostics.error(loc, "a key must be plain text", "yaml.key")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.diagnostics.error(loc, "merge keys ('<<') are not supported; write the keys out", "yaml.merge")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.keys[(*path, key)]
                self.diagnostics.error(
                    loc,
                    f"duplicate key '{key}' (first defined at line {first.line}); "
                    "YAML would silently keep only the last one — remove or rename one",
                    "yaml.duplicate-key",
                )
                continue
            self.doc.keys[(*path, key)] = Position(loc.line, loc.column)
            result[key] = self.convert(value_node, (*path, key))
        return result

    def convert_scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() in AMBIGUOUS_BOOLEANS:
            mark = node.start_mark
            self.diagnostics.error(
                Location(self.doc.display, mark.line + 1, mark.column + 1),
                f"'{node.value}' is read by YAML as the boolean {node.value.lower() in ('yes', 'on', 'y')}; "
                f'if you mean the text, write it in quotes: "{node.value}"',
                "yaml.boolean",
            )
            return node.value
        try:  # a plain string is its text (what the constructor would give, without its bookkeeping)
            value = node.value if node.tag == STRING_TAG else self.constructor.construct_object(node)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            self.report_value(node, exc)
            return node.value
        if isinstance(value, str):
            self.check_text(node, value)
        if (
            node.tag == "tag:yaml.org,2002:timestamp"
            and isinstance(value, dt.datetime)
            and "T" not in node.value.upper()
        ):
            return value.date()
        return value

    def check_text(self, node: yaml.ScalarNode, value: str) -> None:
        """Control characters and bidirectional overrides (written as `\\e`, `\\u202e` or raw) are
        errors; so is a text longer than MAX_TEXT_LENGTH."""
        mark = node.start_mark
        where = Location(self.doc.display, mark.line + 1, mark.column + 1)
        if len(value) > MAX_TEXT_LENGTH:
            message = f"the text has {len(value):,} characters, over the limit of {MAX_TEXT_LENGTH:,}; shorten it"
            self.diagnostics.error(where, message, "text.too-long")
        found = INVISIBLE.search(value)
        if found is not None:
            self.diagnostics.error(
                where,
                f"the text holds the invisible character {describe(found.group(0))} (a control character or a "
                "bidirectional override, which can hide or reorder text); remove it",
                "text.control",
            )

    def report_value(self, node: yaml.ScalarNode, exc: Exception) -> None:
        """A scalar YAML cannot build: an impossible date, an unknown `!tag`, a bad `!!float`."""
        mark = node.start_mark
        if node.tag == "tag:yaml.org,2002:timestamp":
            message = f"'{node.value}' is not a real date ({exc}); write an existing date as YYYY-MM-DD"
        elif not node.tag.startswith("tag:yaml.org,2002:") or "python/" in node.tag:
            message = f"the YAML tag '{node.tag}' is not supported; remove it"
        else:
            message = f"'{node.value}' cannot be read as {node.tag.rsplit(':', 1)[-1]}; remove the tag or fix the value"
        self.diagnostics.error(Location(self.doc.display, mark.line + 1, mark.column + 1), message, "yaml.value")


class _TooLargeError(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _TooDeepError(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark  # a yaml Mark (pure or C loader) or None


def read_yaml(path: Path, display: str, diagnostics: Diagnostics, root: Path | None = None) -> YamlDocument | None:
    """Read one YAML file (inside ``root`` when given); report every hazard; None if unreadable."""
    text = decode_text(path, display, diagnostics, root)
    if text is None:
        return None
    errors = diagnostics.errors
    node = compose_checked(text, display, diagnostics)
    if node is None and diagnostics.errors > errors:
        return None
    if node is None:
        diagnostics.error(
            Location(display, 1, 1), "the file is empty; see `changekit new` for a scaffold", "yaml.empty"
        )
        return None
    doc = YamlDocument(path, display, None)
    try:
        doc.data = _Converter(doc, diagnostics).convert(node, ())
    except _TooDeepError as exc:
        report_depth(exc.mark, display, diagnostics)
        return None
    except _TooLargeError as exc:
        report_alias_bomb(exc.node, display, diagnostics, "data")
        return None
    return doc


#: libyaml's parser (when PyYAML was built with it) composes the same nodes at the same positions
#: several times faster; the resolver (and so every tag) is PyYAML's own in both.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose_checked(text: str, display: str, diagnostics: Diagnostics) -> yaml.Node | None:
    """The node graph of ``text``, or None: empty, or a syntax or nesting error (reported)."""
    try:
        return compose(text)
    except _TooDeepError as exc:
        report_depth(exc.mark, display, diagnostics)
    except yaml.MarkedYAMLError as exc:
        report_syntax_error(exc, display, diagnostics)
    except yaml.YAMLError as exc:
        diagnostics.error(Location(display), f"YAML error: {exc}", "yaml.syntax")
    return None


def compose(text: str) -> yaml.Node | None:
    """The document's node graph; _TooDeepError (located) past MAX_DEPTH levels. A syntax error is
    raised by the pure-Python parser, whose messages the diagnostics are written for.

    The depth is checked first on the event stream (libyaml's parser is not recursive): libyaml's
    composer is, and 100,000 nested `[` crash the interpreter (a segmentation fault, not an error).
    """
    mark = deepest_mark(text, FAST_LOADER)
    if mark is not None:
        raise _TooDeepError(mark)
    try:
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        if FAST_LOADER is yaml.SafeLoader:
            raise
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise _TooDeepError(deepest_mark(text, yaml.SafeLoader)) from None


def deepest_mark(text: str, loader: type[yaml.SafeLoader]) -> Any:
    """Where nesting first goes deeper than MAX_DEPTH, or None (a syntax error is left to compose)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


def report_alias_bomb(node: yaml.Node, display: str, diagnostics: Diagnostics, what: str) -> None:
    """Anchors and aliases that expand past MAX_NODES, reported where the expansion starts."""
    mark = node.start_mark
    diagnostics.error(
        Location(display, mark.line + 1, mark.column + 1),
        f"anchors and aliases expand to more than {MAX_NODES:,} values; write the {what} out instead",
        "yaml.alias-bomb",
    )


def report_depth(mark: Any, display: str, diagnostics: Diagnostics) -> None:
    location = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display, 1, 1)
    diagnostics.error(
        location,
        f"lists and mappings are nested more than {MAX_DEPTH} levels deep (the limit); flatten the data",
        "yaml.depth",
    )


def decode_text(path: Path, display: str, diagnostics: Diagnostics, root: Path | None = None) -> str | None:
    """UTF-8 (with or without BOM); CRLF line endings are accepted. The file must be a regular file
    (inside ``root`` when given) of at most MAX_FILE_BYTES (see generator.source.files)."""
    try:
        raw = read_limited(path, root)
    except RefusedFileError as exc:
        diagnostics.error(Location(display), str(exc), exc.code)
        return None
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.error(
            Location(display, line, column),
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            "file.encoding",
        )
        return None


def report_syntax_error(exc: yaml.MarkedYAMLError, display: str, diagnostics: Diagnostics) -> None:
    mark = exc.problem_mark or exc.context_mark
    location = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    problem = exc.problem or "syntax error"
    if "'\\t'" in problem:  # the scanner met a tab where indentation or a token belongs
        message = "tab character in indentation; YAML allows only spaces — replace tabs with spaces"
        diagnostics.error(location, message, "yaml.tab")
        return
    context = f" ({exc.context})" if exc.context else ""
    diagnostics.error(location, f"YAML syntax error: {problem}{context}", "yaml.syntax")
