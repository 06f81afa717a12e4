"""Drafts in SQLite, in the user's data folder: they survive a reload and a server restart."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any


class DraftStore:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "drafts.sqlite3"
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
