"""`changekit serve`: a YAML edit regenerates the page; an invalid edit keeps the last good page."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.source.project import Project
from tests.test_site_build import make_site_project

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {seconds} s waiting for {what}")


@contextmanager
def serving(project: Project, log: Path, *options: str) -> Iterator[str]:
    """`changekit serve` on a free port, its output in `log`; yields the address it serves on."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "--project",
                str(project.root),
                "serve",
                "--dev-addr",
                f"127.0.0.1:{port}",
                *options,
            ],
            stdout=stderr,
            stderr=stderr,
            env=env,
        )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Project, str, Path]]:
    project = make_site_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serving(project, log) as url:
        yield project, url, log


def test_yaml_edit_reloads_and_invalid_edit_keeps_the_last_good_page(served: tuple[Project, str, Path]) -> None:
    project, url, log = served
    page = url + "topics/falls/"
    wait_for(lambda: "Inpatient falls" in fetch(page), 60, "the first preview")

    topic = project.topics / "falls" / "topic.yaml"
    original = topic.read_text(encoding="utf-8")
    topic.write_text(original.replace("title: Inpatient falls", "title: Falls on the wards"), encoding="utf-8")
    wait_for(lambda: "Falls on the wards" in fetch(page), 60, "the edited title to be served")

    topic.write_text(original.replace("title: Inpatient falls", "title: [Falls on"), encoding="utf-8")
    wait_for(lambda: "topic.yaml" in log.read_text(encoding="utf-8", errors="replace"), 60, "the diagnostics")
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "content/topics/falls/topic.yaml:" in output and "error:" in output
    assert "keeps the last good pages" in output
    time.sleep(1.0)  # give a (wrong) rebuild the time to happen
    assert "Falls on the wards" in fetch(page)  # still the last good page


def test_the_address_serve_prints_serves_the_edition(tmp_path: Path) -> None:
    """`serve --lang es` tells where the Spanish preview is, and that address serves it."""
    project = make_site_project(tmp_path / "project")
    log = tmp_path / "serve.log"
    with serving(project, log, "--lang", "es"):
        wait_for(lambda: "Previewing es on " in log.read_text(encoding="utf-8"), 60, "the preview's address")
        printed = re.search(r"Previewing es on (\S+) ", log.read_text(encoding="utf-8"))
        assert printed is not None
        wait_for(lambda: '<html lang="es"' in fetch(printed[1]), 60, f"the Spanish edition at {printed[1]}")


def test_an_edit_that_only_warns_is_previewed_without_a_refusal(served: tuple[Project, str, Path]) -> None:
    """A valid edit with a warning regenerates the page; the terminal does not claim the old page was kept."""
    project, url, log = served
    page = url + "topics/falls/"
    wait_for(lambda: "Inpatient falls" in fetch(page), 60, "the first preview")
    topic = project.topics / "falls" / "topic.yaml"
    placeholder = "By (month year), (how much) (what) for (whom)."
    topic.write_text(
        topic.read_text(encoding="utf-8").replace("By December 2027, reduce falls with harm by 50%.", placeholder),
        encoding="utf-8",
    )
    wait_for(lambda: placeholder in fetch(page), 60, "the edited aim to be served")
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "[content.placeholder]" in output
    assert "keeps the last good pages" not in output
