"""The guide's field reference (docs/fields.md), generated from the authoring models' docstrings.

Regenerate with `python -m generator.authoring.reference` (a test fails when it is stale).
"""

from __future__ import annotations

import datetime as dt
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel

from generator.model import (
    ChangeConcept,
    ChangeIdea,
    ChangePackage,
    ChangesFile,
    Collaborative,
    FacultyMember,
    Measure,
    MeasuresFile,
    PrimaryDriver,
    Quote,
    Reference,
    Resource,
    Result,
    ScaleLevel,
    SecondaryDriver,
    SeriesAnnotation,
    SettingLabel,
    TeamStory,
    TimelineEvent,
    Topic,
)
from generator.model.docs import field_docs
from generator.model.fields import Citation, Id, MarkdownText, Name, Number, Period, Ref, Spdx, Text, Url, Version

#: Each file kind: its title, where it lives, its top-level model and the models nested in it.
FILE_KINDS: list[tuple[str, str, type[BaseModel], list[type[BaseModel]]]] = [
    (
        "The collaborative",
        "content/collaborative.yaml",
        Collaborative,
        [TimelineEvent, FacultyMember, SettingLabel, ScaleLevel],
    ),
    ("A topic", "content/topics/<topic>/topic.yaml", Topic, [PrimaryDriver, SecondaryDriver, Reference]),
    ("Change concepts", "content/topics/<topic>/changes.yaml", ChangesFile, [ChangeConcept, ChangeIdea, Resource]),
    ("Measures", "content/topics/<topic>/measures.yaml", MeasuresFile, [Measure]),
    ("A team story", "content/topics/<topic>/stories/<story>.yaml", TeamStory, [Quote, Result, SeriesAnnotation]),
    ("A change package", "changepackages/<package>.yaml", ChangePackage, []),
]

#: Named field types of generator.model.fields, as the guide calls them.
NAMED_TYPES: list[tuple[Any, str]] = [
    (MarkdownText, "Markdown, translated"),
    (Text, "text, translated"),
    (Name, "name (the same in every edition)"),
    (Citation, "citation (as published, the same in every edition)"),
    (Version, 'version label (text, e.g. `"1.0"`)'),
    (Spdx, "SPDX licence identifier (`CC-BY-4.0`)"),
    (Id, "[id](authoring.md#ids)"),
    (Ref, "[reference](authoring.md#references) (`id` or `topic/id`)"),
    (Period, "[period](authoring.md#periods)"),
    (Number, "number"),
    (Url, "web address (`https://…` or `mailto:…`)"),
]
SIMPLE_TYPES: dict[Any, str] = {str: "text", int: "whole number", float: "number", bool: "true or false"}
SIMPLE_TYPES[dt.date] = "date (`YYYY-MM-DD`)"

HEADER = """<!-- Generated from the models' docstrings by `python -m generator.authoring.reference`; do not edit. -->

# Field reference

Every field of every authoring file, generated from Changekit's own models, so it is always the
format the checker applies. *Required* fields must be present; *optional* ones may be left out
(the default is shown when there is one). Unknown keys are errors. Fields marked *translated* are
extracted into the translation catalogs ([translating](translating.md)); *Markdown* fields accept
Markdown with [`ref:` links](authoring.md#references) but no raw HTML and no images. Ids, periods,
references, baselines and scores are explained in [authoring](authoring.md).
"""


def render_reference() -> str:
    """The whole field reference as Markdown."""
    parts = [HEADER]
    for title, path, model, nested in FILE_KINDS:
        parts.append(f"## {title}: `{path}`\n\n{docstring(model)}\n\n{field_table(model)}")
        for sub in nested:
            parts.append(f"### {sub.__name__}\n\n{docstring(sub)}\n\n{field_table(sub)}")
    return "\n".join(parts)


def docstring(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def field_table(model: type[BaseModel]) -> str:
    hints = typing.get_type_hints(model, include_extras=True)
    rows = ["| Field | Type | | Description |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        kind = describe_type(hints[name]) + constraints(info.metadata)
        presence = "required" if info.is_required() else "optional" + default_of(info.get_default())
        description = " ".join(field_docs(model).get(name, "").split()).replace("|", "\\|")
        rows.append(f"| `{name}` | {kind} | {presence} | {description} |")
    return "\n".join(rows) + "\n"


def describe_type(hint: Any) -> str:
    """A type as the guide names it: `list of id`, `one of: a, b`, `Markdown, translated`…"""
    for named, label in NAMED_TYPES:
        if hint == named:
            return label
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return describe_type(args[0]) + constraints(list(args[1:]))
    if origin in (typing.Union, types.UnionType):
        return " or ".join(describe_type(a) for a in args if a is not type(None))
    if origin is Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {describe_type(args[0])}"
    if origin is dict:
        return f"mapping {describe_type(args[0])} → {describe_type(args[1])}"
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return f"[{hint.__name__}](#{hint.__name__.lower()})"
    return SIMPLE_TYPES.get(hint, getattr(hint, "__name__", str(hint)))


def constraints(metadata: list[Any]) -> str:
    """Bounds from the field's metadata: `(at least 1)`, `(1 to 5, in steps of 0.5)`."""
    notes = []
    for item in metadata:
        if isinstance(item, annotated_types.MinLen) and item.min_length:
            notes.append(f"at least {item.min_length}")
        elif isinstance(item, annotated_types.Ge):
            notes.append(f"≥ {item.ge}")
        elif isinstance(item, annotated_types.Gt):
            notes.append(f"> {item.gt}")
        elif isinstance(item, annotated_types.Le):
            notes.append(f"≤ {item.le}")
        elif isinstance(item, annotated_types.MultipleOf):
            notes.append(f"in steps of {item.multiple_of}")
    return f" ({', '.join(notes)})" if notes else ""


def default_of(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, list):
        return ", default `[" + ", ".join(str(v) for v in value) + "]`"
    return f", default `{value}`"


#: Where the reference lives in the Changekit repository.
REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "fields.md"


def main(argv: list[str]) -> int:
    """`python -m generator.authoring.reference [PATH]`: write the reference (default docs/fields.md)."""
    target = Path(argv[0]) if argv else REFERENCE
    target.write_text(render_reference(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
