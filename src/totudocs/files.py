"""Writing outputs atomically: a temporary file in the same folder, then a rename, so an output's
name never holds a partial file, whatever interrupts the writer (Ctrl-C, a killed worker)."""

from __future__ import annotations

import os
import string
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


# --- output names ----------------------------------------------------------------------------
# A case id becomes a file name by percent-encoding every byte outside [A-Za-z0-9_-] (and a dot
# only where it is not the first character), then adding the format's suffix by concatenation,
# never with Path.with_suffix (which would cut "A.1" and "A.2" to the same "A"). The mapping is
# reversible (``case_id_from_name``), so distinct ids get distinct names on a case-sensitive file
# system; ``OutputNames`` also refuses names that differ only in letter case, for the file
# systems (macOS, Windows shares) that do not tell them apart.

_SAFE_NAME_CHARACTERS = frozenset(string.ascii_letters + string.digits + "_-.")
MAX_NAME_BYTES = 200  # leaves room for suffixes and the temporary-file prefix under 255


class OutputNameError(ValueError):
    """A case id cannot be turned into a file name that is distinct from every other one."""


def output_name(case_id: str) -> str:
    """The file-name stem for ``case_id`` ("2026/17" -> "2026%2F17"; "." -> "%2E")."""
    parts = []
    for index, character in enumerate(case_id):
        safe = character in _SAFE_NAME_CHARACTERS and not (index == 0 and character == ".")
        if safe:
            parts.append(character)
        else:
            parts.extend(f"%{byte:02X}" for byte in character.encode("utf-8"))
    name = "".join(parts)
    if not name:
        raise OutputNameError("the case id is empty")
    if len(name.encode()) > MAX_NAME_BYTES:
        raise OutputNameError(f"the case id is too long for a file name (over {MAX_NAME_BYTES})")
    return name


def case_id_from_name(name: str) -> str:
    """The inverse of :func:`output_name`."""
    from urllib.parse import unquote

    return unquote(name, errors="strict")


class OutputNames:
    """Hands out one file-name stem per case id for one run, and refuses repeats: a repeated id,
    or an id whose name differs from an earlier one only in letter case, is an error for that
    record rather than an overwrite of an earlier output."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}  # case-folded name -> name

    def claim(self, case_id: str) -> str:
        name = output_name(case_id)
        folded = name.casefold()
        if folded in self._seen:
            if self._seen[folded] == name:
                raise OutputNameError("the case id is repeated: an earlier record has the same id")
            raise OutputNameError(
                "the case id differs from an earlier record's id only in letter case, so their "
                "files would collide on case-insensitive file systems"
            )
        self._seen[folded] = name
        return name
