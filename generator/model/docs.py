"""The fields' documentation: the docstring written under each field of an authoring model.

Read on demand, for the two places that show it (the guide's field reference and the JSON
schemas), not when the models are defined: reading the models' source costs 20 ms, a tenth of
what `changekit validate` may take on the sample.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import textwrap
from typing import Any

from pydantic import BaseModel


@functools.cache
def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field name → its docstring, inherited fields included (what pydantic's
    `use_attribute_docstrings` reads, as `inspect.cleandoc` cleans it)."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not BaseModel:
            docs.update(_own_docs(cls))
    return {name: docs[name] for name in model.model_fields if name in docs}


def _own_docs(cls: type[BaseModel]) -> dict[str, str]:
    """The docstrings in the class's own body: a string statement right after `name: type`."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for previous, statement in itertools.pairwise(body):
        if (
            isinstance(previous, ast.AnnAssign)
            and isinstance(previous.target, ast.Name)
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            docs[previous.target.id] = inspect.cleandoc(statement.value.value)
    return docs


def describe_fields(schema: dict[str, Any], models: list[type[BaseModel]]) -> None:
    """Add each field's docstring to a JSON schema (the root and its `$defs`), as pydantic does with
    `use_attribute_docstrings`: a `description` beside the field's type."""
    by_name = {model.__name__: model for model in models}
    for definition in [schema, *schema.get("$defs", {}).values()]:
        model = by_name.get(definition.get("title", ""))
        if model is None:
            continue
        properties = definition.get("properties", {})
        for name, doc in field_docs(model).items():
            if name in properties:
                properties[name].setdefault("description", doc)
