"""Build progress: a line per stage in CI and with -q; bars and one line per PDF on a terminal."""

from __future__ import annotations

import io

from rich.console import Console

from generator.check import stage
from generator.cli.progress import PlainProgress, RichProgress, progress_display


def test_plain_progress_prints_one_line_per_stage() -> None:
    out = io.StringIO()
    progress = PlainProgress(out)
    with stage("render", progress=progress):
        pass
    with stage("pdf", progress=progress, total=2):
        progress.advance("falls-2027 (en): 12 pages, 3.1 s")
        progress.advance("falls-2027 (es): 12 pages, 3.0 s")
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("render: ") and lines[0].endswith(" s")
    assert lines[1].startswith("pdf (2 done): ")


def test_rich_progress_shows_each_pdf_and_each_stage() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    with RichProgress(console) as progress, stage("pdf", progress=progress, total=2):
        progress.advance("falls-2027 (en): 12 pages, 3.1 s")
        progress.advance("falls-2027 (es): 12 pages, unchanged")
    text = out.getvalue()
    assert "falls-2027 (en): 12 pages, 3.1 s" in text and "falls-2027 (es): 12 pages, unchanged" in text
    assert "✓ pdf" in text


def test_quiet_or_not_a_terminal_means_plain_lines() -> None:
    with progress_display(quiet=True) as progress:
        assert isinstance(progress, PlainProgress)
    with progress_display(quiet=False) as progress:  # pytest captures stderr: not a terminal
        assert isinstance(progress, PlainProgress)
