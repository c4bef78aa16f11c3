"""Reading untrusted authoring files: regular files inside the project, with a size limit."""

# Content, catalogs and data files are untrusted. A file (or a folder on its way) may be a symbolic
# link only when it points inside the project; a link leading out of it, a FIFO, a device or a
# socket is refused before anything is read, and the message names the file, never its target.

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The largest authoring file read (YAML, PO catalog, data file): 10 MB.
MAX_FILE_BYTES = 10 * 1024 * 1024


class RefusedFileError(Exception):
    """The file is not read; the message says why without showing anything of its target."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def check_inside(path: Path, root: Path) -> None:
    """Raise RefusedFileError when ``path`` (a file or folder), once links are followed, leaves ``root``."""
    try:
        resolved = path.resolve(strict=False)
        resolved.relative_to(root.resolve())
    except ValueError:
        raise RefusedFileError(
            "a symbolic link that leads outside the project; copy the file into the project instead",
            "file.outside",
        ) from None
    except (OSError, RuntimeError):  # a loop of links
        raise RefusedFileError(
            "a symbolic link that cannot be followed (a loop?); replace it by the file", "file.link"
        ) from None


def read_limited(path: Path, root: Path | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, inside ``root`` when given.

    Opened without blocking (a FIFO never hangs) and checked on the open file (no race between
    the check and the read).
    """
    if root is not None:
        check_inside(path, root)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise RefusedFileError(f"cannot read the file: {exc.strerror}", "file.unreadable") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RefusedFileError(
                f"not a regular file ({kind(info.st_mode)}); authoring files are plain files", "file.special"
            )
        if info.st_size > limit:
            raise RefusedFileError(too_large(info.st_size, limit), "file.too-large")
        data = handle.read(limit + 1)
    if len(data) > limit:  # the file grew while it was read
        raise RefusedFileError(too_large(len(data), limit), "file.too-large")
    return data


def check_file(path: Path, root: Path, limit: int = MAX_FILE_BYTES) -> None:
    """Raise RefusedFileError unless ``path`` is a regular file inside ``root`` of at most ``limit``
    bytes (for files another library opens, such as workbooks)."""
    check_inside(path, root)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise RefusedFileError(f"cannot read the file: {exc.strerror}", "file.unreadable") from None
    if not stat.S_ISREG(info.st_mode):
        raise RefusedFileError(
            f"not a regular file ({kind(info.st_mode)}); authoring files are plain files", "file.special"
        )
    if info.st_size > limit:
        raise RefusedFileError(too_large(info.st_size, limit), "file.too-large")


def too_large(size: int, limit: int) -> str:
    return (
        f"the file is {size / 1_048_576:.1f} MB, over the limit of {limit // 1_048_576} MB for one authoring "
        "file; split it (one story per file) or shorten it"
    )


def kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def exists(path: Path) -> bool:
    """True for anything at ``path``, a broken symbolic link included (it is reported, not missing)."""
    return os.path.lexists(path)
