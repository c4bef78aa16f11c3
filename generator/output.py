"""All file writes: atomic, only when the content changed, never the same path twice."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` via a temporary file and rename; skip when unchanged.

    Returns True when the file was (re)written. Unchanged files keep their mtime, so a
    watching `serve` does not loop on its own output.
    """
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; published pages and PDFs must be readable
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    logger.debug("wrote %s", path)
    return True


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
