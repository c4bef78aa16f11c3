"""Run MkDocs in-process on one generated config, strictly: a warning (broken link) fails the build."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.diagnostics import BuildError

logger = logging.getLogger(__name__)


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings so the error message can repeat them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def collect_mkdocs_warnings() -> Iterator[_Collector]:
    mkdocs_logger = logging.getLogger("mkdocs")
    collector = _Collector()
    previous = mkdocs_logger.level
    if mkdocs_logger.getEffectiveLevel() > logging.WARNING:
        mkdocs_logger.setLevel(logging.WARNING)  # strict mode counts warnings: they must not be filtered out
    mkdocs_logger.addHandler(collector)
    try:
        yield collector
    finally:
        mkdocs_logger.removeHandler(collector)
        mkdocs_logger.setLevel(previous)


def build_with_mkdocs(config_file: Path, *, strict: bool = True) -> None:
    """`mkdocs build --strict -f config_file`, in this process; BuildError with the warnings on failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with collect_mkdocs_warnings() as collector:
        try:
            config = load_config(str(config_file), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            details = "".join(f"\n  {message}" for message in collector.messages)
            raise BuildError(f"MkDocs could not build {config_file.name}: {exc}{details}") from exc
