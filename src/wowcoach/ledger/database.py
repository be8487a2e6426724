"""Which database a ledger is in: a SQLite file (the default) or a PostgreSQL server
(`--db postgresql://user@host/dbname`). `storage.Ledger` speaks to either (sqlite_db.py,
postgres_db.py) through the same few calls (`query`, `run`, `insert`, `transaction`), with the
same SQL."""

from __future__ import annotations

import os
from pathlib import Path

from wowcoach.errors import UserError
from wowcoach.i18n import Msg

URL_SCHEMES = ("postgresql://", "postgres://")


class Conflict(UserError):
    """A unique key already taken. A caller that knows what it means says so (a plan recorded
    twice); anywhere else it is this message, never an internal error."""

    def __init__(self, target: str, detail: str) -> None:
        super().__init__(
            Msg("The ledger {path} already holds a row with the same key ({detail}); nothing was changed: try again.").format(
                path=target, detail=" ".join(detail.split())[:160]
            )
        )


def is_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.lower().startswith(URL_SCHEMES)


def ledger_file(target: str | Path | None) -> Path | None:
    """The file of a SQLite ledger (given, or the default); None for a PostgreSQL one."""
    found = target or default_target()
    return None if is_url(found) else Path(found)


def default_target() -> str | Path:
    env = os.environ.get("WOWCOACH_DB")
    if env:
        return env if is_url(env) else Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("wowcoach", appauthor=False)) / "ledger.sqlite"
