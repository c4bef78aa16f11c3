"""`changekit new`: commented, valid starting files that never overwrite anything."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import yaml

from generator.diagnostics import UsageError
from generator.model.fields import ID_PATTERN
from generator.output import write_text
from generator.source.project import Project


def read_template(name: str) -> str:
    return resources.files("generator.authoring.scaffolds").joinpath(name).read_text(encoding="utf-8")


def fill(template: str, **values: str) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", value)
    return template


def check_id(value: str, what: str) -> None:
    if not re.fullmatch(ID_PATTERN, value) or len(value) > 64:
        raise UsageError(f"'{value}' is not a valid {what} id: use lowercase letters, digits and single hyphens")


def refuse_existing(paths: list[Path], project: Project) -> None:
    """Refuse to write over anything; name the first path that exists (a topic's folder before its files)."""
    existing = next((path for path in paths if path.exists()), None)
    if existing is not None:
        raise UsageError(f"{project.display(existing)} already exists; `changekit new` never overwrites")


def new_topic(project: Project, topic_id: str) -> list[Path]:
    check_id(topic_id, "topic")
    folder = project.topics / topic_id
    files = {folder / name: f"topic-{name}" for name in ("topic.yaml", "changes.yaml", "measures.yaml")}
    refuse_existing([folder, *files], project)
    title = topic_id.replace("-", " ").capitalize()
    for path, template in files.items():
        write_text(path, fill(read_template(template), id=topic_id, title=title))
    (folder / "stories").mkdir()
    return list(files)


def new_story(project: Project, spec: str) -> list[Path]:
    topic_id, sep, story_id = spec.partition("/")
    if not sep:
        raise UsageError(f"write the story as TOPIC/ID (e.g. {spec}/my-team), not '{spec}'")
    check_id(topic_id, "topic")
    check_id(story_id, "story")
    if not (project.topics / topic_id / "topic.yaml").is_file():
        raise UsageError(f"there is no topic '{topic_id}' (content/topics/{topic_id}/topic.yaml)")
    path = project.topics / topic_id / "stories" / f"{story_id}.yaml"
    refuse_existing([path], project)
    idea = first_idea(project.topics / topic_id / "changes.yaml")
    write_text(path, fill(read_template("story.yaml"), id=story_id, topic=topic_id, idea=idea))
    return [path]


def first_idea(changes: Path) -> str:
    """The first change idea of a topic, so the new story is valid as written."""
    try:
        data = yaml.safe_load(changes.read_text(encoding="utf-8"))
        return str(data["change_concepts"][0]["change_ideas"][0]["id"])
    except (OSError, yaml.YAMLError, LookupError, TypeError):
        return ""


def new_package(project: Project, package_id: str, topics: list[str]) -> list[Path]:
    check_id(package_id, "change package")
    path = project.packages / f"{package_id}.yaml"
    refuse_existing([path], project)
    listed = ", ".join(topics) if topics else "my-topic"
    write_text(path, fill(read_template("changepackage.yaml"), id=package_id, topics=listed))
    return [path]
