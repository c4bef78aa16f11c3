"""Progress on the terminal: rich progress bars on a terminal, one plain line per stage otherwise."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


@contextmanager
def progress_display(quiet: bool) -> Iterator[PlainProgress | RichProgress]:
    """Progress bars on a terminal; one plain line per stage in CI, in a pipe, or with `-q`."""
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield PlainProgress()
        return
    with RichProgress(console) as progress:
        yield progress


class PlainProgress:
    """One line per finished stage (CI logs, pipes, `-q`): `pdf: 16 done in 61.2 s`."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream
        self.done = 0

    def start(self, stage: str, total: int | None = None) -> None:
        self.done = 0

    def advance(self, item: str) -> None:
        self.done += 1

    def finish(self, stage: str, seconds: float) -> None:
        count = f" ({self.done} done)" if self.done else ""
        click.echo(f"{stage}{count}: {seconds:.1f} s", file=self.stream or sys.stderr)


class RichProgress:
    """A spinner or bar per stage on the terminal, with a line for each PDF as it is printed."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.bars = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bars.stop()

    def start(self, stage: str, total: int | None = None) -> None:
        self.task = self.bars.add_task(stage, total=total, count="" if total is None else f"0/{total}")

    def advance(self, item: str) -> None:
        if self.task is not None:
            self.bars.advance(self.task)
            task = next(t for t in self.bars.tasks if t.id == self.task)
            self.bars.update(self.task, count=f"{int(task.completed)}/{int(task.total)}" if task.total else "")
        self.console.print(f"  {item}", highlight=False, markup=False)

    def finish(self, stage: str, seconds: float) -> None:
        if self.task is not None:
            self.bars.remove_task(self.task)
            self.task = None
        self.console.print(f"[green]✓[/green] {stage} [dim]{seconds:.1f} s[/dim]", highlight=False)
