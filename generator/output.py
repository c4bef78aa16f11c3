"""All writes: atomic, only when changed, never twice; one build per project; `site/` swapped whole."""

from __future__ import annotations

import errno
import fcntl
import filecmp
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.diagnostics import BuildError

logger = logging.getLogger(__name__)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and rename; skip when unchanged.

    Returns True when the file was (re)written. Unchanged files keep their mtime, so a
    watching `serve` does not loop on its own output.
    """
    try:
        if is_file(path) and path.read_bytes() == data:  # never read a FIFO
            return False
    except OSError:
        pass
    with replacement(path) as tmp:
        tmp.write_bytes(data)
    logger.debug("wrote %s", path)
    return True


@contextmanager
def replacement(path: Path, *, keep_identical: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` for the caller to write; it then replaces ``path`` by a
    rename (a new file: never written through a link to another site's copy), or is removed if the
    block fails. With ``keep_identical``, a result identical to ``path`` leaves ``path`` as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; published pages and PDFs must be readable
        yield tmp
        if keep_identical and is_file(path) and filecmp.cmp(tmp, path, shallow=False):
            tmp.unlink()
        else:
            os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def is_file(path: Path) -> bool:
    """A regular file (not a link, FIFO or folder): one that may be read to compare."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def write_text(path: Path, text: str) -> bool:
    return write_atomic(path, text.encode("utf-8"))


class OutputTree:
    """A folder written by one build: refuses duplicate destinations, removes stale files."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: dict[Path, str] = {}

    def write_text(self, relative: str, text: str, origin: str = "") -> bool:
        return self.write_bytes(relative, text.encode("utf-8"), origin)

    def write_bytes(self, relative: str, data: bytes, origin: str = "") -> bool:
        path = (self.root / relative).resolve()
        if path in self.written:
            raise ValueError(f"{relative} would be written twice ({self.written[path]} and {origin})")
        self.written[path] = origin or relative
        return write_atomic(path, data)

    def remove_stale(self) -> list[Path]:
        """Delete files under the root that this build did not write (renamed/removed items)."""
        stale = [p for p in self.root.rglob("*") if p.is_file() and p.resolve() not in self.written]
        for path in stale:
            path.unlink()
        for folder in sorted((p for p in self.root.rglob("*") if p.is_dir()), reverse=True):
            if not any(folder.iterdir()):
                folder.rmdir()
        return stale


class OutputError(BuildError):
    """The build could not write its output (read-only folder, full disk, a link or a mount point)."""


#: What to do about an OSError while writing, by errno.
ADVICE = {
    errno.ENOSPC: "the disk is full; free some space and build again",
    errno.EDQUOT: "the disk quota is used up; free some space and build again",
    errno.EROFS: "the file system is read-only; build in a writable copy of the project",
    errno.EACCES: "permission denied; make the project folder writable for this user",
    errno.EPERM: "permission denied; make the project folder writable for this user",
    errno.EBUSY: "the folder is in use or a mount point; stop what holds it, or publish by copying",
    errno.EXDEV: "build/ and site/ are on different file systems; keep them in the same project folder",
}


@contextmanager
def output_errors(root: Path) -> Iterator[None]:
    """Turn an OSError of the writing stages into an OutputError naming the file and the remedy."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        where = shown(Path(exc.filename), root) if exc.filename else "the output"
        advice = ADVICE.get(exc.errno or 0, "check the folder and build again")
        raise OutputError(f"cannot write {where}: {exc.strerror or exc}; {advice}") from exc


def shown(path: Path, root: Path) -> str:
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.name


LOCK_FILE = ".changekit.lock"


@contextmanager
def project_lock(build: Path) -> Iterator[None]:
    """One build at a time per project: a second one is refused with a message (not interleaved,
    which left `site/` half written). The lock is `build/.changekit.lock`, released by the kernel
    when the process ends, however it ends."""
    with output_errors(build.parent):
        build.mkdir(parents=True, exist_ok=True)
        fd = os.open(build / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                "another build of this project is running (it holds build/.changekit.lock); "
                "wait until it has finished, then build again"
            ) from None
        yield
    finally:
        os.close(fd)


def swap_site(staging: Path, site: Path) -> None:
    """Replace `site/` by the finished ``staging`` tree with two renames, then remove the old tree.

    A symbolic link or a mount point at `site/` cannot be replaced in one step: an OutputError
    says so before anything moves. If the second rename fails, the old site is put back.
    """
    root = site.parent
    if site.is_symlink():
        raise OutputError(
            f"{site.name}/ is a symbolic link; the build replaces {site.name}/ as a whole, so it must be a "
            "folder: remove the link and publish by copying site/ where it pointed"
        )
    if site.is_dir() and os.path.ismount(site):
        raise OutputError(
            f"{site.name}/ is a mount point and cannot be replaced in one step; mount the folder above it, "
            "or publish by copying site/ into the mount"
        )
    previous = site.with_name(site.name + ".previous")
    with output_errors(root):
        remove_path(previous)  # left by a build that was killed between the two renames
        if site.exists():
            site.rename(previous)
        try:
            staging.rename(site)
        except OSError:
            if previous.exists() and not site.exists():
                previous.rename(site)
            raise
        remove_path(previous)


def remove_path(path: Path) -> None:
    """Remove a folder tree, a file or a symbolic link (never what a link points to)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)
