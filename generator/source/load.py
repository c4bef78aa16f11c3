"""Load stage: find the authoring files of a project and parse each into data + line map."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagnostics import Diagnostics, Location
from generator.source.datafiles import DataFiles, load_data_files
from generator.source.files import RefusedFileError, check_inside, exists
from generator.source.project import Project
from generator.source.yamlfile import YamlDocument, read_yaml

logger = logging.getLogger(__name__)

TOPIC_FILES = ("topic.yaml", "changes.yaml", "measures.yaml")


@dataclass
class TopicSources:
    """The parsed files of one topic folder (None where a file is missing or unreadable)."""

    folder: str
    topic: YamlDocument | None
    changes: YamlDocument | None
    measures: YamlDocument | None
    stories: list[YamlDocument] = field(default_factory=list)
    #: Files that exist but could not be parsed (their items are unknown, not missing).
    unreadable: set[str] = field(default_factory=set)


@dataclass
class Sources:
    """Every parsed authoring file of the project."""

    collaborative: YamlDocument | None
    topics: list[TopicSources]
    packages: list[YamlDocument]
    data: DataFiles = field(default_factory=DataFiles)


def load_sources(project: Project, diagnostics: Diagnostics) -> Sources:
    """Parse every authoring file, reporting each problem; nothing is written."""
    collaborative = _read_required(project, project.collaborative_file, diagnostics)
    topics = [load_topic(project, folder, diagnostics) for folder in _topic_folders(project, diagnostics)]
    packages = [_read(project, path, diagnostics) for path in _yaml_files(project, project.packages, diagnostics)]
    data = load_data_files(project, diagnostics)
    logger.debug("loaded %d topics and %d packages", len(topics), len(packages))
    return Sources(collaborative, topics, [doc for doc in packages if doc is not None], data)


def load_topic(project: Project, folder: Path, diagnostics: Diagnostics) -> TopicSources:
    topic = _read_required(project, folder / "topic.yaml", diagnostics)
    changes = _read_optional(project, folder / "changes.yaml", diagnostics)
    measures = _read_optional(project, folder / "measures.yaml", diagnostics)
    story_paths = _yaml_files(project, folder / "stories", diagnostics)
    stories = [doc for doc in (_read(project, p, diagnostics) for p in story_paths) if doc is not None]
    _check_stray_files(project, folder, diagnostics)
    unreadable = {
        name
        for name, doc in (("changes.yaml", changes), ("measures.yaml", measures))
        if doc is None and exists(folder / name)
    }
    if len(stories) < len(story_paths):
        unreadable.add("stories")
    return TopicSources(folder.name, topic, changes, measures, stories, unreadable)


def _topic_folders(project: Project, diagnostics: Diagnostics) -> list[Path]:
    if not project.topics.is_dir():
        diagnostics.warning(Location(project.display(project.topics)), "no topics folder", "file.missing")
        return []
    if not inside_project(project, project.topics, diagnostics):
        return []
    folders = sorted(p for p in project.topics.iterdir() if p.is_dir() and not p.name.startswith("."))
    return [folder for folder in folders if inside_project(project, folder, diagnostics)]


def inside_project(project: Project, path: Path, diagnostics: Diagnostics) -> bool:
    """A folder (or file) reached through a symbolic link must stay inside the project."""
    try:
        check_inside(path, project.root)
    except RefusedFileError as exc:
        diagnostics.error(Location(project.display(path)), str(exc), exc.code)
        return False
    return True


def _yaml_files(project: Project, folder: Path, diagnostics: Diagnostics) -> list[Path]:
    if not folder.is_dir() or not inside_project(project, folder, diagnostics):
        return []
    for odd in sorted(folder.glob("*.yml")):
        diagnostics.warning(
            Location(project.display(odd)), "ignored: authoring files end in '.yaml', rename it", "file.extension"
        )
    return sorted(folder.glob("*.yaml"))


def _check_stray_files(project: Project, folder: Path, diagnostics: Diagnostics) -> None:
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name not in TOPIC_FILES and not path.name.startswith("."):
            diagnostics.warning(
                Location(project.display(path)),
                f"ignored: a topic folder holds only {', '.join(TOPIC_FILES)} and stories/",
                "file.unexpected",
            )


def _read(project: Project, path: Path, diagnostics: Diagnostics) -> YamlDocument | None:
    return read_yaml(path, project.display(path), diagnostics, project.root)


def _read_required(project: Project, path: Path, diagnostics: Diagnostics) -> YamlDocument | None:
    if not exists(path):
        hint = (
            "start a project with `changekit init` (see `changekit guide getting-started`)"
            if path == project.collaborative_file
            else "see `changekit new topic`"
        )
        diagnostics.error(Location(project.display(path)), f"required file is missing: {hint}", "file.missing")
        return None
    return _read(project, path, diagnostics)


def _read_optional(project: Project, path: Path, diagnostics: Diagnostics) -> YamlDocument | None:
    if not exists(path):
        diagnostics.warning(Location(project.display(path)), "file is missing; the topic has none", "file.missing")
        return None
    return _read(project, path, diagnostics)
