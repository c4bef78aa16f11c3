"""`changekit init`: a new project that validates and builds at once, or a copy of the sample."""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import metadata
from pathlib import Path

from generator.authoring.scaffold import fill, new_package, new_topic, read_template
from generator.authoring.schema import write_schemas
from generator.diagnostics import UsageError
from generator.output import write_text
from generator.source.bundled import sample_files
from generator.source.project import Project

FIRST_TOPIC = "first-topic"
FIRST_PACKAGE = "first-package"
#: What a folder may already hold for `init` to write into it.
ALLOWED = frozenset({".git"})


def init_project(target: Path, *, example: bool = False) -> list[Path]:
    """Write a new project into ``target`` (created if needed); never overwrite anything."""
    refuse_non_empty(target)
    project = Project(target)
    created = copy_sample(project) if example else write_starter(project)
    created.append(project.root / ".gitignore")
    write_text(created[-1], read_template("gitignore"))
    created.append(project.root / ".github" / "workflows" / "publish.yml")
    write_text(created[-1], fill(read_template("publish.yml"), version=changekit_version()))
    write_schemas(project.schemas)  # editors complete and check fields from the first keystroke
    created.append(project.schemas)
    return created


def refuse_non_empty(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file; `changekit init` needs an empty folder")
    present = sorted(p.name for p in target.iterdir() if p.name not in ALLOWED) if target.is_dir() else []
    if present:
        shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
        raise UsageError(
            f"{target} is not empty ({shown}); `changekit init` never overwrites: give it a new or empty folder"
        )


def write_starter(project: Project) -> list[Path]:
    """collaborative.yaml, one topic, one change package, mkdocs.yml."""
    start = first_of_next_month(dt.date.today()).isoformat()
    write_text(project.collaborative_file, fill(read_template("collaborative.yaml"), start=start))
    write_text(project.mkdocs_yml, read_template("mkdocs.yml"))
    topic = new_topic(project, FIRST_TOPIC)
    package = new_package(project, FIRST_PACKAGE, [FIRST_TOPIC])
    return [project.collaborative_file, *topic, project.topics / FIRST_TOPIC / "stories", *package, project.mkdocs_yml]


def copy_sample(project: Project) -> list[Path]:
    """The sample collaborative shipped with Changekit: content/, changepackages/, mkdocs.yml."""
    project.root.mkdir(parents=True, exist_ok=True)
    created = []
    for name, source in sample_files().items():
        destination = project.root / name
        if source.is_dir():
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        else:
            shutil.copy2(source, destination)
        created.append(destination)
    return created


def first_of_next_month(today: dt.date) -> dt.date:
    return dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)


def changekit_version() -> str:
    try:
        return metadata.version("changekit")
    except metadata.PackageNotFoundError:
        return "0.1.0"
