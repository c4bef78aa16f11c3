"""Walk the text fields of a model: key paths (for locations) and id paths (for msgctxt)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.model.fields import Translatable, translatable_of
from generator.source.yamlfile import KeyPath

#: Fields that identify an item in a list when it has no `id` (so msgctxt never uses positions).
NATURAL_KEYS = ("id", "measure", "period", "score", "start", "url", "name")


@dataclass(frozen=True)
class TextField:
    """One string of a model: where it is in the file, its stable id path, and its marker."""

    owner: BaseModel
    name: str
    keypath: KeyPath  # with list positions, for the line map
    idpath: tuple[str, ...]  # with ids instead of positions, for msgctxt
    value: str
    marker: Translatable | None


def natural_key(model: BaseModel) -> str | None:
    for name in NATURAL_KEYS:
        value = getattr(model, name, None)
        if value is not None and name in type(model).model_fields:
            return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return None


def text_fields(model: BaseModel, keypath: KeyPath = (), idpath: tuple[str, ...] = ()) -> list[TextField]:
    """Every string field of ``model`` and its sub-models, in document order."""
    found: list[TextField] = []
    _collect(model, keypath, idpath, found)
    return found


@cache
def field_markers(model: type[BaseModel]) -> tuple[tuple[str, Translatable | None], ...]:
    """The fields of a model class with their markers, in schema order (read once per class)."""
    fields = model.model_fields.items()
    return tuple((name, translatable_of(info.metadata) or item_marker(info.annotation)) for name, info in fields)


def _collect(model: BaseModel, keypath: KeyPath, idpath: tuple[str, ...], found: list[TextField]) -> None:
    for name, marker in field_markers(type(model)):
        _collect_value(model, name, getattr(model, name), marker, (*keypath, name), (*idpath, name), found)


def _collect_value(
    owner: BaseModel,
    name: str,
    value: Any,
    marker: Translatable | None,
    keypath: KeyPath,
    idpath: tuple[str, ...],
    found: list[TextField],
) -> None:
    if isinstance(value, str):
        found.append(TextField(owner, name, keypath, idpath, value, marker))
    elif isinstance(value, BaseModel):
        _collect(value, keypath, idpath, found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            key = natural_key(item) if isinstance(item, BaseModel) else None
            _collect_value(owner, name, item, marker, (*keypath, index), (*idpath, key) if key else idpath, found)


def item_marker(annotation: Any) -> Translatable | None:
    """The marker of `list[Text]` fields, which sits on the item type."""
    for arg in getattr(annotation, "__args__", ()):
        marker = translatable_of(list(getattr(arg, "__metadata__", ())))
        if marker is not None:
            return marker
        marker = item_marker(arg)
        if marker is not None:
            return marker
    return None
