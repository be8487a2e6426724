"""Which database a ledger is in: a SQLite file (the default) or a PostgreSQL server
(`--db postgresql://user@host/dbname`). `storage.Ledger` speaks to either (sqlite_db.py,
postgres_db.py) through the same few calls (`query`, `run`, `insert`, `transaction`), with the
same SQL."""

from __future__ import annotations

import os
from pathlib import Path

URL_SCHEMES = ("postgresql://", "postgres://")


class Conflict(Exception):
    """A unique key already taken (the caller says what that means)."""


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.lower().startswith(URL_SCHEMES)


def default_target() -> str | Path:
    env = os.environ.get("WOWCOACH_DB")
    if env:
        return env if is_url(env) else Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("wowcoach", appauthor=False)) / "ledger.sqlite"
