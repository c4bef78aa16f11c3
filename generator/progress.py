"""How the orchestrator reports progress: stages and the items inside them (the CLI decides how it looks)."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Told when a stage starts, when one of its items is done, and when the stage ends."""

    def start(self, stage: str, total: int | None = None) -> None:
        """A stage begins; ``total`` items (PDFs, editions) when known."""

    def advance(self, item: str) -> None:
        """One item of the current stage is done (`emergency-flow-2027 (fr), 12 pages, 9.8 s`)."""

    def finish(self, stage: str, seconds: float) -> None:
        """The stage ended after ``seconds``."""


class NoProgress:
    """Reports nothing (the library default; tests and `serve`)."""

    def start(self, stage: str, total: int | None = None) -> None:
        pass

    def advance(self, item: str) -> None:
        pass

    def finish(self, stage: str, seconds: float) -> None:
        pass
