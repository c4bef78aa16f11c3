"""Authoring commands: `changekit new …` scaffolds and `changekit schema`."""

from __future__ import annotations

from pathlib import Path

import click

from generator.authoring.scaffold import new_package, new_story, new_topic
from generator.authoring.schema import write_schemas
from generator.cli.common import State, run
from generator.diagnostics import Diagnostics
from generator.source.project import Project


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--example", is_flag=True, help="Copy Changekit's full sample collaborative instead of a starter.")
@click.pass_obj
def init(state: State, directory: Path, example: bool) -> None:
    """Start a project in DIRECTORY (default: here): it validates and builds at once. Never overwrites."""
    from generator.authoring.init import init_project

    def action(_: Diagnostics) -> None:
        project = Project(directory)
        for path in init_project(directory, example=example):
            click.echo(f"created {project.display(path)}{'/' if path.is_dir() else ''}")
        go = "" if directory.resolve() == Path.cwd().resolve() else f"cd {directory} && "
        click.echo(f"Next: {go}changekit build  (then `changekit serve` to preview; `changekit guide getting-started`)")

    run(state, action)


@click.group()
def new() -> None:
    """Scaffold a topic, a story or a change package (never overwrites)."""


def report(state: State, paths: list[Path]) -> None:
    for path in paths:
        click.echo(f"created {state.project.display(path)}")


@new.command("topic")
@click.argument("topic_id", metavar="ID")
@click.pass_obj
def new_topic_command(state: State, topic_id: str) -> None:
    """A topic folder with topic.yaml, changes.yaml, measures.yaml and stories/."""
    run(state, lambda _: report(state, new_topic(state.project, topic_id)))


@new.command("story")
@click.argument("spec", metavar="TOPIC/ID")
@click.pass_obj
def new_story_command(state: State, spec: str) -> None:
    """A team story in a topic."""
    run(state, lambda _: report(state, new_story(state.project, spec)))


@new.command("package")
@click.argument("package_id", metavar="ID")
@click.option("--topic", "topics", multiple=True, help="Topic to include (repeatable).")
@click.pass_obj
def new_package_command(state: State, package_id: str, topics: tuple[str, ...]) -> None:
    """A change package (changepackages/ID.yaml)."""
    run(state, lambda _: report(state, new_package(state.project, package_id, list(topics))))


@click.command()
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder (default: schemas/)."
)
@click.pass_obj
def schema(state: State, out: Path | None) -> None:
    """Write JSON Schema files for editor completion (yaml-language-server)."""

    def action(_: Diagnostics) -> None:
        report(state, write_schemas(out or state.project.schemas))

    run(state, action)


@click.command()
@click.argument("page", required=False)
@click.pass_obj
def guide(state: State, page: str | None) -> None:
    """The guide: list its pages, or print one (e.g. `changekit guide fields`)."""
    from generator.authoring.guide import guide_page, guide_pages

    def action(_: Diagnostics) -> None:
        if page is None:
            pages = guide_pages()
            width = max(len(name) for name in pages)
            click.echo(f"The Changekit guide ({bundled_guide()}):")
            for name, title in pages.items():
                click.echo(f"  {name.ljust(width)}  {title}")
            click.echo("Print a page with `changekit guide PAGE`.")
        else:
            click.echo(guide_page(page), nl=False)

    run(state, action)


def bundled_guide() -> Path:
    from generator.source.bundled import guide as folder

    return folder()
