"""One build at a time, `site/` replaced in one step or a clear error with nothing left behind
(issue 14, defects 8, 10 and 18)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.build import build_site
from generator.cli import main
from generator.diagnostics import Diagnostics
from generator.output import OutputError, project_lock, replacement, swap_site, write_atomic
from generator.source.project import Project
from tests.conftest import ROOT
from tests.test_site_build import make_site_project


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built site-mini project, copied by each test (one build for the module)."""
    project = make_site_project(tmp_path_factory.mktemp("output") / "project")
    build_site(project, Diagnostics(), pdf=False)
    return project.root


def fresh(template: Path, tmp_path: Path) -> Project:
    """A copy of the built project with its content edited, so that a build has work to do (an
    up-to-date site is left alone without taking the lock)."""
    subprocess.run(["cp", "-a", str(template), str(tmp_path / "project")], check=True)
    project = Project(tmp_path / "project")
    with project.collaborative_file.open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    return project


def leftovers(project: Project) -> list[str]:
    names = [p.name for p in project.root.iterdir()] + [p.name for p in project.build.iterdir()]
    return sorted(name for name in names if name.startswith(("site.", "site-")) or name.endswith(".tmp"))


def build_cli(project: Project) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(project.root), "build", "--no-pdf"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def test_a_second_build_is_refused_with_a_message(template: Path, tmp_path: Path) -> None:
    project = fresh(template, tmp_path)
    before = sorted(p.relative_to(project.site) for p in project.site.rglob("*"))
    with project_lock(project.build):
        code, output = build_cli(project)
    assert code == 1
    assert "error: another build of this project is running (it holds build/.changekit.lock)" in output
    assert sorted(p.relative_to(project.site) for p in project.site.rglob("*")) == before
    assert build_cli(project)[0] == 0  # released


def test_two_build_processes_never_interleave(template: Path, tmp_path: Path) -> None:
    """Defect 8: two builds at once both exited 0 and left `site/` without its index.html."""
    project = fresh(template, tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "--project", str(project.root), "build", "--no-pdf"]
    runs = [subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(timeout=600), run.stderr.read() if run.stderr else "") for run in runs]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1])
    for code, stderr in results:
        assert "Traceback" not in stderr
        if code == 1:
            assert "another build of this project is running" in stderr
    assert (project.site / "index.html").is_file() and (project.site / "es" / "index.html").is_file()
    assert leftovers(project) == []


def test_site_as_a_symbolic_link_is_a_clear_error(template: Path, tmp_path: Path) -> None:
    """Defect 10: a traceback, and every later build failed until site.previous was deleted by hand."""
    project = fresh(template, tmp_path)
    elsewhere = tmp_path / "published"
    project.site.rename(elsewhere)
    project.site.symlink_to(elsewhere)
    code, output = build_cli(project)
    assert code == 1 and "error: site/ is a symbolic link" in output and "Traceback" not in output
    assert project.site.is_symlink() and (elsewhere / "index.html").is_file()
    assert leftovers(project) == []
    project.site.unlink()
    assert build_cli(project)[0] == 0


@pytest.mark.parametrize("kind", ["folder", "link"])
def test_stale_site_previous_is_cleared(template: Path, tmp_path: Path, kind: str) -> None:
    project = fresh(template, tmp_path)
    previous = project.root / "site.previous"
    if kind == "folder":
        (previous / "old").mkdir(parents=True)
    else:
        (tmp_path / "target").mkdir()
        (tmp_path / "target" / "keep").write_text("kept", encoding="utf-8")
        previous.symlink_to(tmp_path / "target")
    assert build_cli(project)[0] == 0
    assert not os.path.lexists(previous) and (project.site / "index.html").is_file()
    assert (tmp_path / "target" / "keep").is_file() if kind == "link" else True  # a link's target is kept


def test_mount_point_at_site_is_a_clear_error(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = fresh(template, tmp_path)
    real = os.path.ismount
    monkeypatch.setattr("generator.output.os.path.ismount", lambda p: Path(p) == project.site or real(p))
    code, output = build_cli(project)
    assert code == 1 and "error: site/ is a mount point and cannot be replaced in one step" in output
    assert (project.site / "index.html").is_file() and leftovers(project) == []


@pytest.mark.parametrize(
    ("number", "advice"),
    [
        (errno.ENOSPC, "the disk is full; free some space and build again"),
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied; make the project folder writable"),
        (errno.EBUSY, "the folder is in use or a mount point"),
    ],
)
def test_failing_swap_keeps_the_old_site_and_leaves_nothing(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, number: int, advice: str
) -> None:
    """Defect 18: read-only `site/`, a full disk or a busy mount point gave tracebacks."""
    project = fresh(template, tmp_path)
    index = (project.site / "index.html").read_bytes()
    real_rename = Path.rename

    def rename(self: Path, target: str | os.PathLike[str]) -> Path:
        if Path(target) == project.site and self.name == "site.staging":
            raise OSError(number, os.strerror(number), str(project.site))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    code, output = build_cli(project)
    assert code == 1 and f"error: cannot write site: {os.strerror(number)}; {advice}" in output
    assert "Traceback" not in output
    assert (project.site / "index.html").read_bytes() == index and leftovers(project) == []


def test_full_disk_while_writing_pages_leaves_nothing(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = fresh(template, tmp_path)
    index = (project.site / "index.html").read_bytes()
    (project.build / "docs" / "en" / "index.md").unlink()  # a page to write again
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if str(dst).endswith(".md"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr("generator.output.os.replace", replace)
    code, output = build_cli(project)
    assert (
        code == 1 and "error: cannot write build/docs/en/index.md: No space left on device; the disk is full" in output
    )
    assert "Traceback" not in output
    assert (project.site / "index.html").read_bytes() == index and leftovers(project) == []
    assert not list(project.build.rglob("*.tmp")) and not list(project.build.rglob(".*.tmp"))


def test_swap_puts_the_old_site_back_when_the_second_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, staging = tmp_path / "site", tmp_path / "build" / "site.staging"
    (site / "old").mkdir(parents=True)
    (staging / "new").mkdir(parents=True)
    real_rename = Path.rename

    def rename(self: Path, target: str | os.PathLike[str]) -> Path:
        if self == staging:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OutputError, match="the disk is full"):
        swap_site(staging, site)
    assert (site / "old").is_dir() and not (tmp_path / "site.previous").exists()


def test_a_fifo_where_output_goes_is_replaced_not_read(tmp_path: Path) -> None:
    """A FIFO never hangs a write: the comparison with the old content reads regular files only."""
    from generator.output import write_atomic

    target = tmp_path / "site.pot"
    os.mkfifo(target)
    assert write_atomic(target, b"data") is True
    assert target.read_bytes() == b"data"


def test_a_replacement_is_a_new_readable_file_or_nothing(tmp_path: Path) -> None:
    """Every write goes through a temporary file and a rename: readable by the web server (0644),
    never through a hard link into another site's copy, and nothing left behind by a failure."""
    shared = tmp_path / "other-site.zip"
    shared.write_bytes(b"old")
    target = tmp_path / "site" / "offline.zip"
    target.parent.mkdir()
    os.link(shared, target)  # as a kept edition's file is
    with replacement(target) as tmp:
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new" and shared.read_bytes() == b"old"
    assert target.stat().st_mode & 0o777 == 0o644
    with pytest.raises(RuntimeError), replacement(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("interrupted")
    assert target.read_bytes() == b"new" and sorted(p.name for p in target.parent.iterdir()) == ["offline.zip"]


def test_an_identical_replacement_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    assert write_atomic(target, b"same")
    before = target.stat()
    with replacement(target, keep_identical=True) as tmp:
        tmp.write_bytes(b"same")
    assert (target.stat().st_ino, target.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not write_atomic(target, b"same")
    with replacement(target, keep_identical=True) as tmp:
        tmp.write_bytes(b"other")
    assert target.read_bytes() == b"other" and target.stat().st_ino != before.st_ino
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
