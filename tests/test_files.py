"""Files are what they seem (issue 14, defects 5 and 11): regular files inside the project, read
with a size limit; links out of the project, FIFOs and devices are located errors that print
nothing of their target and never hang."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.check import load_knowledge_base
from generator.cli import main
from generator.diagnostics import ContentError, Diagnostics
from generator.editions.view import load_edition
from generator.source.files import MAX_FILE_BYTES, RefusedFileError, read_limited
from generator.source.project import Project
from tests.conftest import FIXTURES, ROOT, copy_project
from tests.test_translations_support import mini_project, po_path, update

STORIES = "content/topics/falls/stories"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return copy_project(FIXTURES / "minimal", tmp_path / "project")


def validate(project: Project) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(project.root), "validate"])
    return result.exit_code, result.output


def test_link_to_a_file_outside_prints_nothing_of_it(project: Project) -> None:
    (project.root / STORIES / "evil.yaml").symlink_to("/etc/passwd")
    code, output = validate(project)
    assert code == 1
    assert f"{STORIES}/evil.yaml: error: a symbolic link that leads outside the project" in output
    assert "root:" not in output and "/etc" not in output


def test_link_to_dev_zero_is_refused_before_reading(project: Project) -> None:
    (project.root / STORIES / "zero.yaml").symlink_to("/dev/zero")
    code, output = validate(project)
    assert code == 1 and f"{STORIES}/zero.yaml: error:" in output and "[file.outside]" in output


def test_topic_folder_linked_outside_is_not_published(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "walks"
    shutil.copytree(project.root / "content/topics/falls", outside)
    topic = outside / "topic.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace("id: falls", "id: walks"), encoding="utf-8")
    (project.root / "content/topics/walks").symlink_to(outside)
    code, output = validate(project)
    assert code == 1 and "content/topics/walks: error: a symbolic link that leads outside the project" in output
    assert str(tmp_path / "elsewhere") not in output


def test_link_inside_the_project_is_followed(project: Project) -> None:
    """Documented choice: a link that stays inside the project is an ordinary file."""
    story = project.root / STORIES / "ward-7.yaml"
    shared = project.root / "shared-ward-7.yaml"
    story.rename(shared)
    story.symlink_to(os.path.relpath(shared, story.parent))
    assert load_knowledge_base(project, Diagnostics()).topics[0].stories[0].id == "ward-7"


def run_with_timeout(target: object, seconds: float) -> None:
    thread = threading.Thread(target=target, daemon=True)  # type: ignore[arg-type]
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "hangs on a FIFO"


def test_fifo_story_is_an_error_not_a_hang(project: Project) -> None:
    os.mkfifo(project.root / STORIES / "pipe.yaml")
    diagnostics = Diagnostics()

    def load() -> None:
        with pytest.raises(ContentError):
            load_knowledge_base(project, diagnostics)

    run_with_timeout(load, 20)
    assert [d.format() for d in diagnostics if d.code == "file.special"] == [
        f"{STORIES}/pipe.yaml: error: not a regular file (a named pipe); authoring files are plain files [file.special]"
    ]


def test_fifo_package_is_an_error(project: Project) -> None:
    os.mkfifo(project.root / "changepackages" / "pipe.yaml")
    code, output = validate(project)
    assert code == 1 and "changepackages/pipe.yaml: error: not a regular file (a named pipe)" in output


def test_fifo_catalog_neither_hangs_build_nor_update(tmp_path: Path) -> None:
    project = mini_project(tmp_path)
    update(project)
    po = po_path(project, "es")
    po.unlink()
    os.mkfifo(po)
    updating, building = Diagnostics(), Diagnostics()

    def run() -> None:
        with pytest.raises(ContentError):
            update(project, updating)
        kb = load_knowledge_base(project, Diagnostics())
        load_edition(kb, "es", project, building)

    run_with_timeout(run, 30)
    where = "content/translations/es/clinic-access.po: error: not a regular file (a named pipe)"
    assert [d.code for d in updating if d.format().startswith(where)] == ["po.syntax"]
    assert [d.code for d in building if d.format().startswith(where)] == ["po.syntax"]
    assert po.is_fifo()  # `translations update` did not replace what it could not read


def test_size_limit_is_stated_in_the_message(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(RefusedFileError, match="over the limit of 10 MB for one authoring file"):
        read_limited(big)
    assert read_limited(big, limit=MAX_FILE_BYTES + 1) == b"#" * (MAX_FILE_BYTES + 1)


def test_oversized_story_is_a_located_error(project: Project) -> None:
    (project.root / STORIES / "huge.yaml").write_bytes(b"id: huge\n" + b"#" * MAX_FILE_BYTES)
    code, output = validate(project)
    assert code == 1 and f"{STORIES}/huge.yaml: error: the file is 10.0 MB, over the limit of 10 MB" in output


def test_data_files_must_be_regular_files_inside_the_project(project: Project, tmp_path: Path) -> None:
    data = project.root / "content" / "data"
    data.mkdir()
    outside = tmp_path / "results.csv"
    outside.write_text("story,measure,period,value\n", encoding="utf-8")
    (data / "linked.csv").symlink_to(outside)
    os.mkfifo(data / "pipe.csv")
    code, output = validate(project)
    assert code == 1
    assert "content/data/linked.csv: error: a symbolic link that leads outside the project" in output
    assert "content/data/pipe.csv: error: not a regular file (a named pipe)" in output
    assert str(tmp_path) not in output.replace(str(project.root), "")


def test_build_command_never_hangs_on_a_fifo_or_reads_a_link_out(project: Project, tmp_path: Path) -> None:
    """`build` fingerprints content before the pipeline (to skip an up-to-date build): that read,
    too, goes through the same checks."""
    shutil.copy(ROOT / "mkdocs.yml", project.root / "mkdocs.yml")
    os.mkfifo(project.root / STORIES / "pipe.yaml")
    (project.root / STORIES / "zero.yaml").symlink_to("/dev/zero")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "--project", str(project.root), "build", "--no-pdf"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    assert f"{STORIES}/pipe.yaml: error: not a regular file (a named pipe)" in result.stderr
    assert f"{STORIES}/zero.yaml: error: a symbolic link that leads outside the project" in result.stderr
