"""The ledger in one SQLite file (the default): WAL mode and a busy timeout let two terminals
log at the same time; the schema version is PRAGMA user_version, and PRAGMA application_id
tells a wowcoach ledger from any other SQLite file. Used through `storage.Ledger` only."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from wowcoach.errors import UserError
from wowcoach.i18n import Msg
from wowcoach.ledger.database import Conflict

APPLICATION_ID = 0x574F5743  # "WOWC"
BUSY_TIMEOUT_MS = 10_000


class SQLiteDB:
    dialect = "sqlite"

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.target = str(path)
        self.conn = conn
        self._scratch: str | None = None  # a read-only ledger's copy, removed on close
        conn.row_factory = sqlite3.Row

    # ---- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, create: bool, schema_version: int, migrate: Callable[[SQLiteDB, int], None]) -> SQLiteDB:
        """Open or create a ledger; refuse anything that is not one, and never 'repair' it.

        `create=False` (the commands that only read): a missing ledger is an error, not a new
        empty file, and a ledger on a read-only disk is read where it is.
        """
        check_path(path, create)
        if not _writable(path):
            if not create:
                return cls._open_read_only(path, schema_version)
            if path.exists():
                raise UserError(Msg("The ledger {path} is read-only: check its permissions.").format(path=path))
            raise UserError(Msg("Cannot write to {folder}: check its permissions.").format(folder=path.parent))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(Msg("Cannot create the folder {folder}: {reason}.").format(folder=path.parent, reason=exc.strerror)) from None
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise UserError(Msg("Cannot open the ledger {path}: {reason}.").format(path=path, reason=exc)) from None
        db = cls(path, conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            with db.transaction(write=False):
                version = db._check_header(schema_version)  # before anything is changed: another program's file stays as it was
            db._use_wal()
            if version < schema_version:
                # Read again and upgraded under the write lock, so another process's upgrade
                # can never land between the two.
                with db.transaction(write=True):
                    version = db._check_header(schema_version)
                    if version < schema_version:
                        migrate(db, version)
                        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                        conn.execute(f"PRAGMA user_version = {schema_version}")
        except BaseException:
            conn.close()
            raise
        return db

    @classmethod
    def _open_read_only(cls, path: Path, schema_version: int) -> SQLiteDB:
        # A WAL ledger on a read-only disk has no -shm file to share: nobody can write there, so
        # reading it as immutable is safe, unless its -wal file still holds changes: immutable
        # reads skip them, so the ledger and its -wal are read from a copy instead.
        scratch = None
        try:
            conn = _connect_read_only(path, "mode=ro")
        except sqlite3.Error:
            try:
                if _has_wal(path):
                    scratch, target = _copy_with_wal(path)
                    conn = _connect_read_only(target, "mode=rw")  # the copy is ours: SQLite may make its -shm
                else:
                    conn = _connect_read_only(path, "immutable=1")
            except sqlite3.Error as exc:
                _remove(scratch)
                raise _db_error(path, exc) from None
        db = cls(path, conn)
        db._scratch = scratch
        try:
            with db.transaction(write=False):
                version = db._check_header(schema_version)
        except BaseException:
            conn.close()
            raise
        if version < schema_version:
            conn.close()
            raise UserError(
                Msg(
                    "The ledger {path} was made by an older wowcoach and is read-only: make it writable once so it can be upgraded."
                ).format(path=path)
            )
        return db

    def _check_header(self, schema_version: int) -> int:
        """The schema version, after checking this is a wowcoach ledger this release can read."""
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise UserError(Msg("{path} is not a wowcoach ledger: give another file with --db.").format(path=self.path))
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema_version:
            raise UserError(
                Msg("{path} was made by a newer wowcoach (schema {found}, this one knows {known}): upgrade wowcoach.").format(
                    path=self.path, found=version, known=schema_version
                )
            )
        return version

    def _use_wal(self) -> None:
        # Switching the journal needs every other connection to let go, and SQLite answers
        # "busy" at once for it, without waiting: so wait here, within the same timeout.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise _db_error(self.path, exc) from None
                time.sleep(random.uniform(0.002, 0.02))

    # ---- transactions and statements -------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    @contextmanager
    def transaction(self, write: bool, lock: str | None = None) -> Iterator[None]:
        """BEGIN IMMEDIATE for a write: the whole file's write lock, so what is read inside it
        can't change before it commits (`lock` names a shop; the file has one lock for all)."""
        if self.conn.in_transaction:  # already inside one: it decides
            yield
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                # SQLite rolls back by itself after a full disk or an I/O error; a second
                # ROLLBACK would then fail and hide the real cause.
                if self.conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def query(self, sql: str, params: tuple = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def run(self, sql: str, params: tuple = ()) -> None:
        self.insert(sql, params)

    def insert(self, sql: str, params: tuple = ()) -> int:
        """The new row's id."""
        try:
            return int(self.conn.execute(sql, params).lastrowid or 0)
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise Conflict(self.target, str(exc)) from None
            raise _db_error(self.path, exc) from None
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def lock_ids(self, table: str) -> None:
        """Before rows are inserted with their own ids: the write transaction holds the whole file already."""

    def ids_given(self, table: str) -> None:
        """After rows were inserted with their own ids: nothing to do, SQLite numbers on from the largest."""

    def close(self) -> None:
        self.conn.close()
        _remove(self._scratch)


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


MAX_COPY = 2 * 1024**3  # a ledger larger than this on a read-only disk is refused rather than copied


def _copy_with_wal(path: Path) -> tuple[str, Path]:
    """The ledger and its -wal copied to a private temporary folder, where SQLite can read the
    changes the -wal holds; (folder, copy). Refused when there is no room for the copy."""
    import tempfile

    wal = path.with_name(path.name + "-wal")
    size = path.stat().st_size + wal.stat().st_size
    folder = tempfile.mkdtemp(prefix="wowcoach-ledger-")
    try:
        if size > MAX_COPY or shutil.disk_usage(folder).free < size + LOW_SPACE:
            raise OSError("no room")
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    except BaseException as exc:
        _remove(folder)
        if not isinstance(exc, OSError):
            raise
        raise UserError(
            Msg(
                "The ledger {path} is on a read-only disk with changes in its -wal file that can't be read there: open it once where it can be written."
            ).format(path=path)
        ) from None
    return folder, copy


def _remove(folder: str | None) -> None:
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


LOW_SPACE = 1024 * 1024  # bytes free below which an I/O error is taken for a full disk


def _free_bytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return LOW_SPACE


def _is_busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _writable(path: Path) -> bool:
    """Whether the ledger (or, when it is new, its nearest existing folder) can be written."""
    if path.exists():
        return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def check_path(path: Path, create: bool) -> None:
    """A ledger is a regular file, or (when it may be made) nothing yet."""
    if path.is_dir():
        raise UserError(Msg("{path} is a folder: give the ledger's file name with --db.").format(path=path))
    if path.exists() and not path.is_file():
        raise UserError(Msg("{path} is not a regular file: give the ledger's file name with --db.").format(path=path))
    if not create and not path.exists():
        raise UserError(
            Msg("There is no ledger at {path}: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`.").format(
                path=path
            )
        )


def _connect_read_only(path: Path, query: str) -> sqlite3.Connection:
    """A connection that has read the schema (can the ledger be read this way?), or the error."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except BaseException:
        conn.close()
        raise
    return conn


def _db_error(path: Path, exc: sqlite3.Error) -> UserError:
    text = str(exc).lower()
    io_error = "disk i/o" in text or "i/o error" in text
    # A full disk shows up as SQLITE_FULL, or (writing the WAL) as a plain I/O error.
    if "full" in text or (io_error and _free_bytes(path) < LOW_SPACE):
        return UserError(
            Msg("The disk holding the ledger {path} is full: free some space and try again; nothing was changed.").format(path=path)
        )
    if io_error:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if "READ" in name:
            return UserError(Msg("Reading the ledger {path} failed (a disk I/O error): check the disk, then try again.").format(path=path))
        if any(part in name for part in ("WRITE", "FSYNC", "TRUNCATE")):
            return UserError(
                Msg("Writing to the ledger {path} failed (a disk I/O error): check the disk, then try again.").format(path=path)
            )
        return UserError(
            Msg("Reading or writing the ledger {path} failed (a disk I/O error): check the disk, then try again.").format(path=path)
        )
    if _is_busy(exc):
        return UserError(Msg("The ledger {path} is locked by another program: try again in a moment.").format(path=path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return UserError(
            Msg("{path} is damaged or not a ledger; it was left untouched. Restore a backup or use another --db.").format(path=path)
        )
    if "readonly" in text or "read-only" in text:
        return UserError(Msg("The ledger {path} is read-only: check its permissions.").format(path=path))
    return UserError(Msg("The ledger {path} could not be used: {reason}.").format(path=path, reason=exc))
