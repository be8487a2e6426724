"""Connections to one PostgreSQL ledger kept open for a server's threads (`wowcoach serve`):
opening one (connecting, signing in, checking the schema) costs ten times the queries of a page.
`open_ledger(pool)` lends a connection; closing the ledger gives it back. A SQLite ledger is
opened per call instead: its connections belong to the thread that made them, and opening a
local file is cheap."""

from __future__ import annotations

from pathlib import Path
from threading import Lock
from typing import Any

KEEP = 8  # idle connections kept; more are opened when more threads write at once, and closed after


class LedgerPool:
    def __init__(self, target: str | Path, keep: int = KEEP) -> None:
        self.target = target
        self.keep = keep
        self._idle: list[Any] = []
        self._lock = Lock()

    def __str__(self) -> str:
        return str(self.target)

    def take(self, connect: Any) -> Lent:
        """An idle connection that still works, else a new one from `connect(target)`."""
        while True:
            with self._lock:
                db = self._idle.pop() if self._idle else None
            if db is None:
                return Lent(connect(self.target), self)
            if not _broken(db):
                return Lent(db, self)
            db.close()

    def give_back(self, db: Any) -> None:
        if _broken(db) or db.in_transaction:
            db.close()
            return
        with self._lock:
            if len(self._idle) < self.keep:
                self._idle.append(db)
                return
        db.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for db in idle:
            db.close()


def _broken(db: Any) -> bool:
    conn = db.conn
    return bool(getattr(conn, "closed", False) or getattr(conn, "broken", False))


class Lent:
    """A pooled connection lent to one ledger: everything as the connection, but closing it gives it back."""

    def __init__(self, db: Any, pool: LedgerPool) -> None:
        self._db = db
        self._pool = pool

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            self._pool.give_back(db)
