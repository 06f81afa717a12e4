"""Drafts in SQLite, in the user's data folder: they survive a reload and a server restart.

The drafts hold clients' personal data (names, henkilötunnus, health), so the folder is 0700 and
the database 0600 however the process umask is set, and files left by older versions, which
created them with the default umask (usually world-readable), are tightened when the store opens.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

FOLDER_MODE = 0o700
FILE_MODE = 0o600
# SQLite's side files: they hold pages of the database while a transaction runs (or, for WAL,
# until a checkpoint), so they are as sensitive as the database itself.
SIDE_FILES = ("-journal", "-wal", "-shm")


def _tighten(path: Path, mode: int) -> None:
    """chmod ``path`` to ``mode`` unless it already has no more than that (skips a needless write
    to the inode and works on files the user cannot chmod but that are already private)."""
    current = stat.S_IMODE(path.stat().st_mode)
    if current & ~mode:
        path.chmod(mode)


class DraftStore:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        _tighten(folder, FOLDER_MODE)  # mkdir's mode is masked by the umask; older folders are 0755
        self.path = folder / "drafts.sqlite3"
        # Create the file ourselves with 0600 before SQLite opens it: os.open's mode can only be
        # narrowed by the umask, so there is no moment when the file exists with wider rights.
        # (Changing the process-wide umask instead would race with other threads.) SQLite gives
        # its -journal/-wal/-shm files the permissions of the database file, so they follow.
        # An existing (perhaps read-only) database is left to SQLite and tightened below.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        for path in [self.path, *(Path(f"{self.path}{suffix}") for suffix in SIDE_FILES)]:
            if path.exists():
                _tighten(path, FILE_MODE)
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS drafts "
                "(id TEXT PRIMARY KEY, updated TEXT NOT NULL, data TEXT NOT NULL)"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path)

    def create(self, data: dict[str, Any]) -> str:
        draft_id = uuid.uuid4().hex[:12]
        self.save(draft_id, data)
        return draft_id

    def save(self, draft_id: str, data: dict[str, Any]) -> None:
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO drafts VALUES (?, ?, ?)",
                (
                    draft_id,
                    datetime.now().isoformat(timespec="seconds"),
                    json.dumps(data, ensure_ascii=False),
                ),
            )

    def get(self, draft_id: str) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute("SELECT data FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def list(self) -> list[tuple[str, str, dict[str, Any]]]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, updated, data FROM drafts ORDER BY updated DESC"
            ).fetchall()
        return [(r[0], r[1], json.loads(r[2])) for r in rows]
