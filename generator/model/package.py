"""A change package: `changepackages/<id>.yaml` — what one printable PDF contains."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Literal

from pydantic import BaseModel, Field

from generator.model.collaborative import Language
from generator.model.fields import STRICT, Id, MarkdownText, Name, Spdx, Text, Version

Section = Literal["introduction", "driver-diagram", "changes", "measures", "stories", "worksheets", "references"]
SECTIONS: tuple[Section, ...] = typing.get_args(Section)
PaperSize = Literal["A4", "letter"]


class ChangePackage(BaseModel):
    """A printable change package."""

    model_config = STRICT
    id: Id
    """Identifier; equals the file name; the PDF is `<id>.pdf`."""
    title: Text
    """Title on the cover."""
    subtitle: Text | None = None
    """Subtitle on the cover."""
    edition: Version
    """Edition, as text ("1.0" — in quotes)."""
    published: dt.date
    """Publication date."""
    topics: list[Id] = Field(min_length=1)
    """Topics it covers, in order."""
    sections: list[Section] = Field(default=list(SECTIONS), min_length=1)
    """Sections to include, in order; default: all."""
    foreword: MarkdownText | None = None
    """Foreword printed after the cover."""
    authors: list[Name] = []
    """Authors printed on the cover and in the metadata."""
    license: Spdx | None = None
    """SPDX identifier of the licence (`CC-BY-4.0`); editions print the licence's name in their language."""
    languages: list[Language] | None = None
    """Languages to print; default: every language of the collaborative."""
    paper: PaperSize = "A4"
    """Paper size: A4 or letter."""
