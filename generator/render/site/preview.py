"""`changekit serve`: regenerate an edition's Markdown when content changes; MkDocs serves and reloads.

A watcher thread calls the orchestrator's `preview_edition` (given as ``generate``) when a file
under content/, changepackages/ or theme/ changes. Only files whose text changed are written, so
MkDocs (watching the generated docs, the config, the assembled theme and mkdocs.yml) rebuilds once
per edit and never loops; an invalid edit writes nothing, so the last good pages stay in the preview.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from generator.diagnostics import ContentError, Diagnostics
from generator.render.site.config import config_path
from generator.source.project import Project

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3  # editors save in several steps; regenerate once they are done
#: Regenerates the edition (`build.preview_edition`): the language asked for (None: the source) → the language.
Generate = Callable[[Project, "str | None", Diagnostics], str]


class Preview:
    """One edition kept up to date in build/docs/<lang>/ while MkDocs serves it."""

    def __init__(
        self, project: Project, lang: str | None, generate: Generate, report: Callable[[Diagnostics], None]
    ) -> None:
        self.project = project
        self.lang = lang
        self.generate_edition = generate
        self.report = report
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def prepare(self, diagnostics: Diagnostics) -> None:
        """The first generation; raises ContentError when the content is invalid."""
        self.generate(diagnostics)

    def generate(self, diagnostics: Diagnostics) -> None:
        self.lang = self.generate_edition(self.project, self.lang, diagnostics)

    def regenerate(self) -> bool:
        """Regenerate after an edit; on invalid content report the diagnostics and keep the old pages."""
        with self._lock:
            diagnostics = Diagnostics()
            try:
                self.generate(diagnostics)
            except ContentError as exc:
                self.report(exc.diagnostics)
                return False
            except Exception:  # a bug must not stop the preview
                logger.exception("regenerating the preview failed")
                return False
            if len(diagnostics):
                self.report(diagnostics)
            return True

    def schedule(self) -> None:
        """Regenerate once no file event has arrived for DEBOUNCE_SECONDS."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer = threading.Timer(DEBOUNCE_SECONDS, self.regenerate)
        self._timer.daemon = True
        self._timer.start()

    def watched(self) -> list[Path]:
        return [p for p in (self.project.content, self.project.packages, self.project.theme) if p.is_dir()]

    def serve(self, dev_addr: str) -> None:
        """Serve with MkDocs' live-reload server until interrupted."""
        from mkdocs.commands.serve import serve
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        preview = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in ("created", "modified", "deleted", "moved"):
                    preview.schedule()

        observer = Observer()
        for folder in self.watched():
            observer.schedule(Handler(), str(folder), recursive=True)
        observer.start()
        assert self.lang is not None, "prepare() first"
        try:
            serve(config_file=str(config_path(self.project, self.lang)), livereload=True, dev_addr=dev_addr)
        finally:
            observer.stop()
            observer.join()
            if self._timer is not None:
                self._timer.cancel()

    def url(self, dev_addr: str) -> str:
        return f"http://{dev_addr}/"  # the previewed edition alone, at the root (no site_url path)
