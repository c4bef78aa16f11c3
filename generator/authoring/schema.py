"""JSON Schema files generated from the models, for editor completion and checking."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

import generator.model
from generator.model import ChangePackage, ChangesFile, Collaborative, MeasuresFile, TeamStory, Topic
from generator.model.docs import describe_fields
from generator.output import write_text

SCHEMAS: dict[str, type[BaseModel]] = {
    "collaborative": Collaborative,
    "topic": Topic,
    "changes": ChangesFile,
    "measures": MeasuresFile,
    "story": TeamStory,
    "changepackage": ChangePackage,
}


def schema_of(name: str, model: type[BaseModel]) -> dict[str, object]:
    schema = model.model_json_schema(mode="validation")
    describe_fields(schema, [getattr(generator.model, name) for name in generator.model.__all__])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"{name}.schema.json"
    return schema


def write_schemas(folder: Path) -> list[Path]:
    """Write one `<name>.schema.json` per authoring file kind; only changed files are touched."""
    paths = []
    for name, model in SCHEMAS.items():
        path = folder / f"{name}.schema.json"
        write_text(path, json.dumps(schema_of(name, model), indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        paths.append(path)
    return paths
