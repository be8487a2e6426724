"""The ledger on a PostgreSQL server, for a chain or a consultant: many tills and laptops write
one database at once. psycopg 3 (the optional extra `wowcoach[postgres]`), imported only when a
postgresql:// ledger is opened. Used through `storage.Ledger` only, with the same SQL as SQLite:
this module turns `?` into psycopg's `%s` and gives the dialect's few differences.

A write is one transaction that first takes a lock of its shop (pg_advisory_xact_lock), as
SQLite's BEGIN IMMEDIATE takes the file's: the budget check reads what is left, in Python,
before the insert, so the two must not interleave with another writer of the same shop; shops
don't wait for each other. Upgrades take one lock of their own, so 16 processes starting on an
empty database create the tables once. The schema version is a row of `wowcoach_meta`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import parse_qs, urlsplit

from wowcoach.errors import UserError
from wowcoach.i18n import Msg
from wowcoach.ledger.database import Conflict

LOCK_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 10
UPGRADE_LOCK = 0x574F5743  # "WOWC": the advisory lock of schema upgrades


def shown(url: str) -> str:
    """The URL as messages show it: never with its password (in the address or as ?password=)."""
    import re

    try:
        parts = urlsplit(url)
        if parts.password is not None:
            parts = parts._replace(netloc=f"{parts.username or ''}:***@{parts.netloc.rpartition('@')[2]}")
        url = parts.geturl()
    except ValueError:  # a URL Python can't split (a stray bracket): the password found by its place
        url = re.sub(r"^([^/]*//[^:/@]*:).*@", r"\1***@", url)  # to the last @: masks too much, never too little
    return re.sub(r"(?i)(\bpassword=)[^&]*", r"\1***", url)


class PostgresDB:
    dialect = "postgresql"

    def __init__(self, url: str, conn: Any, psycopg: Any):
        self.url = url
        self.target = shown(url)
        self.conn = conn
        self._pg = psycopg
        parts = urlsplit(url)
        self._password = parts.password or next(iter(parse_qs(parts.query).get("password", [])), "")

    @classmethod
    def open(cls, url: str, create: bool, schema_version: int, migrate: Callable[[PostgresDB, int], None]) -> PostgresDB:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise UserError(Msg("A PostgreSQL ledger needs its driver: pip install 'wowcoach[postgres]'.")) from None
        _checked_url(url)
        try:
            conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=CONNECT_TIMEOUT_S)
            conn.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")  # not in `options`: the URL's own options stay
        except psycopg.ProgrammingError:  # the URL itself: an unknown parameter, a bad port...
            raise _not_a_url(url) from None
        except psycopg.Error as exc:
            raise _connect_error(url, exc) from None
        db = cls(url, conn, psycopg)
        try:
            version = db._version(schema_version)
            if version is None and not create:
                raise UserError(
                    Msg(
                        "There is no wowcoach ledger in {url}: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`."
                    ).format(url=db.target)
                )
            if (version or 0) < schema_version:
                with db.transaction(write=True, lock=None):
                    db.run("SELECT pg_advisory_xact_lock(?)", (UPGRADE_LOCK,))
                    db.run("CREATE TABLE IF NOT EXISTS wowcoach_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                    version = db._version(schema_version) or 0
                    if version < schema_version:
                        migrate(db, version)
                        db.run(
                            "INSERT INTO wowcoach_meta (key, value) VALUES ('schema_version', ?)"
                            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            (str(schema_version),),
                        )
        except BaseException:
            conn.close()
            raise
        return db

    def _version(self, schema_version: int) -> int | None:
        """The schema version; None when the database holds no ledger yet. Refuses the tables
        of another program, and a ledger of a newer wowcoach."""
        found = {
            r["name"]
            for r in self.query(
                "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()"
                " AND table_name IN ('wowcoach_meta', 'entries', 'plans')"
            )
        }
        if "wowcoach_meta" not in found:
            if found:
                raise UserError(
                    Msg("{url} holds tables that are not a wowcoach ledger: give another database or schema with --db.").format(
                        url=self.target
                    )
                )
            return None
        rows = self.query("SELECT value FROM wowcoach_meta WHERE key = 'schema_version'")
        stored = str(rows[0]["value"]).strip() if rows else "0"
        if not stored.isdigit() or len(stored) > 9:
            raise UserError(
                Msg(
                    "{url} holds a wowcoach ledger whose schema version '{found}' is not a whole number: restore it from a backup, or give another --db."
                ).format(url=self.target, found=" ".join(stored.split())[:40])
            )
        version = int(stored)
        if version > schema_version:
            raise UserError(
                Msg("{path} was made by a newer wowcoach (schema {found}, this one knows {known}): upgrade wowcoach.").format(
                    path=self.target, found=version, known=schema_version
                )
            )
        return version

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != self._pg.pq.TransactionStatus.IDLE

    @contextmanager
    def transaction(self, write: bool, lock: str | None = None) -> Iterator[None]:
        """A write waits for the lock of its shop (`lock`); a read sees one snapshot."""
        if self.in_transaction:  # already inside one: it decides
            yield
            return
        self._execute("BEGIN" if write else "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            if write and lock is not None:
                self._execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"wowcoach shop {lock}",))
            yield
            self._execute("COMMIT")
        except BaseException:
            if self.in_transaction and not self.conn.closed:
                with suppress(self._pg.Error):
                    self.conn.execute("ROLLBACK")
            raise

    def _execute(self, sql: str, params: tuple = ()) -> Any:
        try:
            return self.conn.execute(sql, params or None)
        except self._pg.errors.UniqueViolation as exc:
            raise Conflict(self.target, str(exc).splitlines()[0] if str(exc) else "") from None
        except self._pg.Error as exc:
            raise self._error(exc) from None

    def query(self, sql: str, params: tuple = ()) -> list[Any]:
        return self._execute(sql.replace("?", "%s"), params).fetchall()

    def run(self, sql: str, params: tuple = ()) -> None:
        self._execute(sql.replace("?", "%s"), params)

    def insert(self, sql: str, params: tuple = ()) -> int:
        """The new row's id."""
        return int(self._execute(sql.replace("?", "%s") + " RETURNING id", params).fetchone()["id"])

    def lock_ids(self, table: str) -> None:
        """Before rows are inserted with their own ids: no other shop may insert (and so draw a
        number from the shared sequence) until this transaction ends, so the ids checked as free
        stay free and the sequence can be moved past them safely."""
        self.run(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")

    def ids_given(self, table: str) -> None:
        """After rows were inserted with their own ids (under `lock_ids`): the sequence goes on
        from the largest id in the table, and never backwards, so a number another shop was given
        is never handed out again."""
        self.run(
            f"SELECT setval(seq, greatest((SELECT coalesce(max(id), 0) FROM {table}), coalesce(pg_sequence_last_value(seq), 0), 1))"
            f" FROM (SELECT pg_get_serial_sequence('{table}', 'id')::regclass AS seq) AS s"
        )

    def _error(self, exc: Exception) -> UserError:
        pg = self._pg
        if isinstance(exc, pg.errors.LockNotAvailable):
            return UserError(Msg("The ledger {path} is locked by another program: try again in a moment.").format(path=self.target))
        if isinstance(exc, pg.errors.InsufficientPrivilege):
            return UserError(
                Msg("The PostgreSQL user of {url} may not change the ledger: ask for the rights, or use another user.").format(
                    url=self.target
                )
            )
        if isinstance(exc, pg.OperationalError):
            return _connect_error(self.url, exc)
        reason = str(exc).replace(self._password, "***") if self._password else str(exc)
        # The server's message may run over several lines (DETAIL, HINT, the query): its first says what.
        first = next((line.strip() for line in reason.splitlines() if line.strip()), type(exc).__name__)
        return UserError(Msg("The ledger {path} could not be used: {reason}.").format(path=self.target, reason=first.rstrip(".")))

    def close(self) -> None:
        self.conn.close()


def _not_a_url(url: str) -> UserError:
    return UserError(
        Msg("{url} is not a PostgreSQL URL wowcoach can use: write it as postgresql://user@host/dbname.").format(url=shown(url))
    )


def _checked_url(url: str) -> None:
    """UserError for a URL that Python's own parser refuses (a stray bracket, a host in
    brackets that is no IP address, a port that is no number): the messages below read its parts."""
    try:
        parts = urlsplit(url)
        parts.port, parts.hostname  # noqa: B018 - each raises ValueError for what it can't read
    except ValueError:
        raise _not_a_url(url) from None


def _connect_error(url: str, exc: Exception) -> UserError:
    """One line for a server that can't be reached or refuses us; never the password."""
    text = str(exc).lower()
    parts = urlsplit(url)
    if "invalid" in text and any(word in text for word in ("option", "uri", "dsn", "port", "sslmode")):
        return _not_a_url(url)
    if "password" in text or "authentication" in text or ("role" in text and "does not exist" in text):
        return UserError(
            Msg("The PostgreSQL server refused the user '{user}' of {url}: check the user name and password.").format(
                user=parts.username or "", url=shown(url)
            )
        )
    if "database" in text and "does not exist" in text:
        return UserError(
            Msg("There is no database '{name}' on the server of {url}: create it (createdb {name}) or check --db.").format(
                name=parts.path.lstrip("/"), url=shown(url)
            )
        )
    return UserError(
        Msg("Cannot reach the PostgreSQL server of {url}: check that it runs and the host and port in --db.").format(url=shown(url))
    )
