"""`changekit serve`: regenerate an edition's Markdown when content changes; MkDocs serves and reloads.

A watcher thread regenerates the Markdown of the previewed edition (and the assembled theme)
when a file under content/, changepackages/ or theme/ changes. Only files whose text changed are
written, so MkDocs (watching the generated docs, the config, the assembled theme and mkdocs.yml)
rebuilds once per edit and never loops; an invalid edit writes nothing, so the last good pages
stay in the preview.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from generator.build import load_knowledge_base
from generator.diagnostics import ContentError, Diagnostics, UsageError
from generator.editions.view import load_edition
from generator.knowledge.urls import edition_prefix
from generator.render.site.config import config_path, language_config
from generator.render.site.render import render_site
from generator.render.site.write import write_edition
from generator.render.theme import assemble_theme
from generator.source.project import Project

logger = logging.getLogger(__name__)

DEBOUNCE_SECONDS = 0.3  # editors save in several steps; regenerate once they are done


class Preview:
    """One edition kept up to date in build/docs/<lang>/ while MkDocs serves it."""

    def __init__(self, project: Project, lang: str | None, report: Callable[[Diagnostics], None]) -> None:
        self.project = project
        self.lang = lang
        self.prefix = ""
        self.report = report
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()

    def prepare(self, diagnostics: Diagnostics) -> None:
        """The first generation; raises ContentError when the content is invalid."""
        self.generate(diagnostics)

    def generate(self, diagnostics: Diagnostics) -> None:
        kb = load_knowledge_base(self.project, diagnostics)
        lang = self.lang or kb.source_language
        if lang not in kb.languages:
            raise UsageError(f"unknown language {lang}; the collaborative has {', '.join(kb.languages)}")
        self.lang, self.prefix = lang, edition_prefix(kb, lang)
        edition = load_edition(kb, lang, self.project, diagnostics)
        if diagnostics.failed(strict=False):
            raise ContentError(diagnostics)
        pages = render_site(edition, [lang])
        assemble_theme(self.project)  # the theme/ overrides on the built-in theme; MkDocs watches the result
        written = write_edition(
            self.project, lang, pages, language_config(self.project, kb, edition, pages, [lang], serve=True)
        )
        if written.changed or written.removed:
            logger.info("regenerated %d pages (%d removed)", written.changed, written.removed)

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
        return f"http://{dev_addr}/{self.prefix}"
