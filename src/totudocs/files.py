"""Writing outputs atomically: a temporary file in the same folder, then a rename, so an output's
name never holds a partial file, whatever interrupts the writer (Ctrl-C, a killed worker)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Read once: os.umask can only be read by setting it.
_UMASK = os.umask(0)
os.umask(_UMASK)

TEMPORARY_GLOB = ".*.tmp"  # what write_atomic leaves behind if the process is killed mid-write


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file; the file gets the usual mode
    (0666 less the umask), like any file the user creates."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_partial_files(folder: Path) -> int:
    """Remove temporary files an interrupted run left in ``folder`` (never a finished output)."""
    count = 0
    for tmp in folder.glob(TEMPORARY_GLOB):
        tmp.unlink(missing_ok=True)
        count += 1
    return count
