"""Validate stage: turn parsed YAML into typed models, every schema error with its location."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.diagnostics import Diagnostics
from generator.knowledge.refs import suggest
from generator.source.yamlfile import KeyPath, YamlDocument

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Sourced(Generic[M]):
    """A validated model with the document it came from (for later locations)."""

    model: M
    doc: YamlDocument


def validate_document(doc: YamlDocument, model: type[M], diagnostics: Diagnostics) -> Sourced[M] | None:
    """Validate one document against its model; report every error; None if invalid."""
    if not isinstance(doc.data, dict):
        diagnostics.error(
            doc.location(()), f"expected a mapping of keys (like 'title: …'), found {kind_of(doc.data)}", "schema.type"
        )
        return None
    try:
        return Sourced(model.model_validate(doc.data), doc)
    except ValidationError as exc:
        for error in exc.errors():
            report_error(doc, model, error, diagnostics)
        return None


def report_error(doc: YamlDocument, model: type[BaseModel], error: ErrorDetails, diagnostics: Diagnostics) -> None:
    loc = tuple(error["loc"])
    path: KeyPath = tuple(p for p in loc if p != "[key]")
    kind = error["type"]
    at_key = kind == "extra_forbidden" or "[key]" in loc
    location = doc.location(path, key=at_key)
    if kind == "missing":
        location = doc.location(path[:-1])
    message, code = describe_error(model, error, path)
    diagnostics.error(location, message, code, item_path(doc.data, path))


def describe_error(model: type[BaseModel], error: ErrorDetails, path: KeyPath) -> tuple[str, str]:
    """A message that says what is wrong and what to do, and a diagnostic code."""
    kind, value = error["type"], error.get("input")
    name = str(path[-1]) if path else ""
    if kind == "missing":
        return f"required key '{name}' is missing", "schema.missing"
    if kind == "extra_forbidden":
        hint = suggest(name, field_names(model, path[:-1])) or "; `changekit guide fields` lists the keys of every file"
        return f"unknown key '{name}'{hint}", "schema.unknown-key"
    if kind in ("string_type", "date_type", "float_type", "int_type", "list_type", "dict_type", "model_type"):
        return wrong_type(kind, value), "schema.type"
    if kind == "literal_error":
        options = allowed_literals(error)
        return (
            f"'{value}' is not allowed here{suggest(str(value), options)}; use one of: {', '.join(options)}",
            "schema.value",
        )
    if kind == "string_pattern_mismatch":
        return pattern_message(str(value), str(error.get("ctx", {}).get("pattern", ""))), "schema.format"
    if kind == "too_short":
        return "must not be empty", "schema.empty"
    if kind == "string_too_long":
        return f"'{value}' is too long (at most {error.get('ctx', {}).get('max_length')} characters)", "schema.format"
    if kind in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        return f"{value} is out of range ({error['msg'].removeprefix('Input should be ')})", "schema.value"
    if kind == "value_error":
        return error["msg"].removeprefix("Value error, "), "schema.value"
    return error["msg"], "schema.value"


EXPECTED = {
    "string_type": "text",
    "date_type": "a date written YYYY-MM-DD",
    "float_type": "a number",
    "int_type": "a whole number",
    "list_type": "a list",
    "dict_type": "a mapping of keys",
    "model_type": "a mapping of keys",
}


def wrong_type(kind: str, value: Any) -> str:
    expected = EXPECTED[kind]
    found = kind_of(value)
    if kind == "string_type" and isinstance(value, bool | int | float):
        return f"expected {expected}, found {found}; put the value in quotes"
    if kind == "date_type" and isinstance(value, str):
        return f"expected {expected}, found '{value}'"
    return f"expected {expected}, found {found}"


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def pattern_message(value: str, pattern: str) -> str:
    if pattern == r"\S":
        return "must not be blank"
    if "\\d{4}" in pattern:
        return f"'{value}' is not a period; write YYYY-MM (monthly) or YYYY-MM-DD"
    if "https?" in pattern:
        return f"'{value}' is not a web address; write it in full, starting with https://"
    if "/)?" in pattern:
        return f"'{value}' is not a valid reference; write item-id or other-topic/item-id"
    hint = "-".join(w for w in "".join(c if c.isalnum() else " " for c in value.lower()).split())
    example = f" (e.g. '{hint}')" if hint and hint != value else ""
    return f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens{example}"


def allowed_literals(error: ErrorDetails) -> list[str]:
    expected = str(error.get("ctx", {}).get("expected", ""))
    return [part.strip(" '") for part in expected.replace(" or ", ", ").split(",") if part.strip(" '")]


def field_names(model: type[BaseModel], path: KeyPath) -> list[str]:
    """The keys allowed in the mapping at ``path`` of a document of ``model``."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return []
            current = info.annotation
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional / list / Annotated down to a model class, where there is one."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (list, typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        else:
            return annotation


def item_path(data: Any, path: KeyPath) -> str:
    """`change_concepts[reliable-follow-up].change_ideas[call-within-72h].measures[0]`."""
    text, node = "", data
    for part in path:
        if isinstance(part, int):
            child = node[part] if isinstance(node, list) and part < len(node) else None
            ident = child.get("id") if isinstance(child, dict) else None
            text += f"[{ident}]" if isinstance(ident, str) else f"[{part}]"
            node = child
        else:
            text += f".{part}" if text else part
            node = node.get(part) if isinstance(node, dict) else None
    return text
