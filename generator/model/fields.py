"""Field types shared by the authoring models: identifiers, references, translatable text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
REF_PATTERN = r"^([a-z0-9]+(-[a-z0-9]+)*/)?[a-z0-9]+(-[a-z0-9]+)*$"
NOT_BLANK = r"\S"
PERIOD_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$"

#: Every authoring model: unknown keys are errors, no silent type coercion. The docstring under
#: each field documents it (the guide's reference, the JSON schemas: see generator.model.docs).
STRICT = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


@dataclass(frozen=True)
class Translatable:
    """Marks a field whose text is translated through the gettext catalogs."""

    markdown: bool = False


def _schema(markdown: bool) -> dict[str, Any]:
    return {"x-changekit-translatable": True, "x-changekit-markdown": markdown}


#: A translatable plain-text field (T in the brief).
Text = Annotated[str, StringConstraints(pattern=NOT_BLANK), Translatable(), Field(json_schema_extra=_schema(False))]
#: A translatable Markdown field (T md in the brief).
MarkdownText = Annotated[
    str, StringConstraints(pattern=NOT_BLANK), Translatable(markdown=True), Field(json_schema_extra=_schema(True))
]


@dataclass(frozen=True)
class Verbatim:
    """Marks a string a reader sees exactly as written in every edition, and says what it is:
    a proper name, a bibliographic citation, a version number or a licence identifier.
    Every other reader-visible string is translatable (a test walks the models to keep it so)."""

    kind: str


#: A proper name (a person, a team, an organization): the same in every edition.
Name = Annotated[str, StringConstraints(pattern=NOT_BLANK), Verbatim("name")]
#: A bibliographic citation, cited as published.
Citation = Annotated[str, StringConstraints(pattern=NOT_BLANK), Verbatim("citation")]
#: A version label ("1.0", "2027 edition 2").
Version = Annotated[str, StringConstraints(pattern=NOT_BLANK, max_length=40), Verbatim("version")]
#: An SPDX licence identifier (`CC-BY-4.0`); editions show the licence's translated name.
Spdx = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9.+-]+$", max_length=64), Verbatim("licence")]
#: An identifier: lowercase words joined by hyphens, at most 64 characters.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64), Verbatim("identifier")]
#: A reference to an item: `item-id` in the same topic or `other-topic/item-id`.
Ref = Annotated[str, StringConstraints(pattern=REF_PATTERN, max_length=129), Verbatim("identifier")]
#: A free slug used as a facet (settings).
Slug = Id


def _date_as_text(value: Any) -> Any:
    """An unquoted `2026-02-02` arrives from YAML as a date; a period is its ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


#: Periods fall in these years: charts count months from them (year 0 does not exist, 10000 is not a date).
PERIOD_YEARS = (1000, 9000)


def _real_day(value: str) -> str:
    if not PERIOD_YEARS[0] <= int(value[:4]) <= PERIOD_YEARS[1]:
        raise ValueError(f"a period's year must be between {PERIOD_YEARS[0]} and {PERIOD_YEARS[1]}")
    if len(value) == 10:
        dt.date.fromisoformat(value)  # ValueError "day is out of range for month" → a schema error
    return value


#: A data period: `YYYY-MM` (monthly) or `YYYY-MM-DD` (weekly/daily).
Period = Annotated[
    str,
    StringConstraints(pattern=PERIOD_PATTERN),
    AfterValidator(_real_day),
    BeforeValidator(_date_as_text),
    Verbatim("period"),
]
#: A data value or target: a finite number of a sensible size.
Number = Annotated[float, Field(ge=-1e12, le=1e12)]
#: An absolute web address.
Url = Annotated[
    str,
    StringConstraints(pattern=r"^(https?://[^\s/<>\"'`{}|\\^]+|mailto:)[^\s<>\"'`{}|\\^]*$"),
    Verbatim("address"),
]


def translatable_of(metadata: list[Any]) -> Translatable | None:
    """The Translatable marker among a field's metadata, if any."""
    for item in metadata:
        if isinstance(item, Translatable):
            return item
    return None
