"""The surprise ledger: one SQLite file, every write one transaction, nothing ever destroyed.

Removed entries stay in the file with the time they were removed, so the history is complete.
The schema has a version (PRAGMA user_version) and migrations, so a ledger made by an older
release opens in a newer one without loss. WAL mode and a busy timeout let two terminals log
at the same time.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from wowcoach.errors import UserError
from wowcoach.i18n import _

APPLICATION_ID = 0x574F5743  # "WOWC": tells a wowcoach ledger from any other SQLite file
BUSY_TIMEOUT_MS = 10_000

# Each migration takes the schema from version i to i + 1. Never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    # 1: the first release
    """
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL,
        by_name TEXT NOT NULL,
        what TEXT NOT NULL,
        cost_cents INTEGER NOT NULL CHECK (cost_cents >= 0),
        customer TEXT NOT NULL DEFAULT '',
        value_id TEXT NOT NULL,
        gesture_id TEXT,
        over_budget_reason TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX entries_day ON entries (day);
    """,
    # 2: outcomes, soft removal and the month's plan
    """
    ALTER TABLE entries ADD COLUMN came_back INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entries ADD COLUMN told_others INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entries ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
    ALTER TABLE entries ADD COLUMN removed_at TEXT;
    CREATE TABLE plans (
        month TEXT PRIMARY KEY,
        currency TEXT NOT NULL,
        budget_cents INTEGER NOT NULL CHECK (budget_cents >= 0),
        allowances TEXT NOT NULL,
        policy TEXT NOT NULL,
        cap_cents INTEGER,
        saved_at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def default_path() -> Path:
    env = os.environ.get("WOWCOACH_DB")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("wowcoach", appauthor=False)) / "ledger.sqlite"


@dataclass(frozen=True)
class Entry:
    id: int
    day: date
    by: str
    what: str
    cost_cents: int
    customer: str
    value_id: str
    gesture_id: str | None
    over_budget_reason: str | None
    came_back: bool
    told_others: bool
    outcome_note: str
    removed_at: str | None


@dataclass(frozen=True)
class StoredPlan:
    month: str
    currency: str
    budget_cents: int
    allowances: dict[str, int]  # person -> cents, in plan order
    policy: str
    cap_cents: int | None
    named: bool = True  # False: planned by head count, so anyone may log against one share


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Ledger:
    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn

    # ---- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, create: bool = True) -> "Ledger":
        """Open or create a ledger; refuse anything that is not one, and never 'repair' it.

        `create=False` (the commands that only read): a missing ledger is an error, not a new
        empty file, and a ledger on a read-only disk is read where it is.
        """
        check_path(path, create)
        if not _writable(path):
            if not create:
                return cls._open_read_only(path)
            if path.exists():
                raise UserError(_("The ledger {path} is read-only: check its permissions.").format(path=path))
            raise UserError(_("Cannot write to {folder}: check its permissions.").format(folder=path.parent))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(_("Cannot create the folder {folder}: {reason}.").format(folder=path.parent, reason=exc.strerror)) from None
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise UserError(_("Cannot open the ledger {path}: {reason}.").format(path=path, reason=exc)) from None
        ledger = cls(path, conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            with ledger.reading():
                version = ledger._check_header()  # before anything is changed: another program's file stays as it was
            ledger._use_wal()
            if version < SCHEMA_VERSION:
                # Read again and upgraded under the write lock, so another process's upgrade
                # can never land between the two.
                with ledger.writing():
                    ledger._migrate(ledger._check_header())
        except BaseException:
            conn.close()
            raise
        return ledger

    @classmethod
    def _open_read_only(cls, path: Path) -> "Ledger":
        # A WAL ledger on a read-only disk has no -shm file to share: nobody can write there, so
        # reading it as immutable is safe.
        for query in ("mode=ro", "immutable=1"):
            conn = None
            try:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, isolation_level=None,
                                       timeout=BUSY_TIMEOUT_MS / 1000)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # can it be read this way?
                break
            except sqlite3.Error as exc:
                if conn is not None:
                    conn.close()
                if query == "immutable=1":
                    raise _db_error(path, exc) from None
        ledger = cls(path, conn)
        try:
            with ledger.reading():
                version = ledger._check_header()
        except BaseException:
            conn.close()
            raise
        if version < SCHEMA_VERSION:
            conn.close()
            raise UserError(
                _("The ledger {path} was made by an older wowcoach and is read-only: make it writable once so it can be upgraded.").format(path=path)
            )
        return ledger

    def _check_header(self) -> int:
        """The schema version, after checking this is a wowcoach ledger this release can read."""
        app_id = self.conn.execute("PRAGMA application_id").fetchone()[0]
        tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != APPLICATION_ID:
            raise UserError(_("{path} is not a wowcoach ledger: give another file with --db.").format(path=self.path))
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise UserError(
                _("{path} was made by a newer wowcoach (schema {found}, this one knows {known}): upgrade wowcoach.").format(
                    path=self.path, found=version, known=SCHEMA_VERSION
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

    def _migrate(self, version: int) -> None:
        """Inside `writing()`: one transaction for all steps, so a failed upgrade leaves the file as it was."""
        if version == SCHEMA_VERSION:
            return
        for step in MIGRATIONS[version:]:
            for statement in filter(str.strip, step.split(";")):
                self.conn.execute(statement)
        self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction: what is read inside it can't change before it commits."""
        with self._transaction("BEGIN IMMEDIATE"):
            yield

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One consistent snapshot for several reads."""
        with self._transaction("BEGIN"):
            yield

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[None]:
        if self.conn.in_transaction:  # already inside one: it decides
            yield
            return
        try:
            self.conn.execute(begin)
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                # SQLite rolls back by itself after a full disk or an I/O error; a second
                # ROLLBACK would then fail and hide the real cause.
                if self.conn.in_transaction:
                    try:
                        self.conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        pass
                raise
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------------------------

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        with self.writing():
            return self._execute(sql, params)

    def _execute(self, sql: str, params: tuple) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def add(self, day: date, by: str, what: str, cost_cents: int, customer: str, value_id: str,
            gesture_id: str | None, over_budget_reason: str | None) -> int:
        cur = self._write(
            "INSERT INTO entries (day, by_name, what, cost_cents, customer, value_id, gesture_id, over_budget_reason, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (day.isoformat(), by, what, cost_cents, customer, value_id, gesture_id, over_budget_reason, _now()),
        )
        return int(cur.lastrowid)

    def set_outcome(self, entry_id: int, came_back: bool | None, told_others: bool | None, note: str | None) -> Entry:
        with self.writing():
            return self._set_outcome(self.get(entry_id), came_back, told_others, note)

    def _set_outcome(self, entry: Entry, came_back: bool | None, told_others: bool | None, note: str | None) -> Entry:
        entry_id = entry.id
        self._write(
            "UPDATE entries SET came_back = ?, told_others = ?, outcome_note = ? WHERE id = ?",
            (
                int(entry.came_back if came_back is None else came_back),
                int(entry.told_others if told_others is None else told_others),
                entry.outcome_note if note is None else note,
                entry_id,
            ),
        )
        return self.get(entry_id)

    def remove(self, entry_id: int) -> Entry:
        with self.writing():
            entry = self.get(entry_id)
            if entry.removed_at:
                raise UserError(_("Entry {id} was already removed on {when}.").format(id=entry_id, when=entry.removed_at[:10]))
            self._write("UPDATE entries SET removed_at = ? WHERE id = ?", (_now(), entry_id))
            return self.get(entry_id)

    def edit(self, entry_id: int, day: date, by: str, what: str, cost_cents: int, customer: str, value_id: str,
             gesture_id: str | None, over_budget_reason: str | None) -> None:
        self._write(
            "UPDATE entries SET day = ?, by_name = ?, what = ?, cost_cents = ?, customer = ?, value_id = ?, gesture_id = ?,"
            " over_budget_reason = ? WHERE id = ?",
            (day.isoformat(), by, what, cost_cents, customer, value_id, gesture_id, over_budget_reason, entry_id),
        )

    def restore(self, entry_id: int, over_budget_reason: str | None = None) -> None:
        """Back in the month's figures; a reason given now replaces none."""
        self._write(
            "UPDATE entries SET removed_at = NULL, over_budget_reason = coalesce(over_budget_reason, ?) WHERE id = ?",
            (over_budget_reason, entry_id),
        )

    def save_plan(self, plan: StoredPlan, replace: bool) -> None:
        """The check and the write are one transaction: of two runs at once, one records, the other is told."""
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        with self.writing():
            if not replace and self.plan(plan.month) is not None:
                raise self._plan_exists(plan.month)
            try:
                self.conn.execute(
                    f"{verb} INTO plans (month, currency, budget_cents, allowances, policy, cap_cents, saved_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (plan.month, plan.currency, plan.budget_cents,
                     json.dumps({"named": plan.named, "people": list(plan.allowances.items())}), plan.policy, plan.cap_cents, _now()),
                )
            except sqlite3.IntegrityError:
                raise self._plan_exists(plan.month) from None

    @staticmethod
    def _plan_exists(month: str) -> UserError:
        return UserError(_("A plan for {month} is already recorded: use --force to replace it.").format(month=month))

    # ---- reading ---------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        try:
            self.conn.row_factory = sqlite3.Row
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def get(self, entry_id: int) -> Entry:
        # SQLite's integers are 64-bit: a larger id is no entry (and no OverflowError).
        rows = self._rows("SELECT * FROM entries WHERE id = ?", (entry_id,)) if 0 < entry_id < 2**63 else []
        if not rows:
            raise UserError(_("There is no entry {id}: see `wowcoach log list` for the ids.").format(id=entry_id))
        return _entry(rows[0])

    def entries(self, month: str | None = None, by: str | None = None, include_removed: bool = False) -> list[Entry]:
        sql = "SELECT * FROM entries WHERE 1 = 1"
        params: list[object] = []
        if month:
            sql += " AND substr(day, 1, 7) = ?"
            params.append(month)
        if by:
            sql += " AND by_name = ? COLLATE NOCASE"
            params.append(by)
        if not include_removed:
            sql += " AND removed_at IS NULL"
        return [_entry(r) for r in self._rows(sql + " ORDER BY day, id", tuple(params))]

    def months(self) -> list[tuple[str, int, int, bool]]:
        """(month, gestures, spent cents, has a plan) of every month with an entry or a plan, newest first."""
        counted = self._rows(
            "SELECT substr(day, 1, 7) AS month, count(*) AS n, sum(cost_cents) AS spent FROM entries"
            " WHERE removed_at IS NULL GROUP BY substr(day, 1, 7)"
        )
        planned = {r["month"] for r in self._rows("SELECT month FROM plans")}
        found = {r["month"]: (int(r["n"]), int(r["spent"])) for r in counted}
        return [(m, *found.get(m, (0, 0)), m in planned) for m in sorted(set(found) | planned, reverse=True)]

    def plan(self, month: str) -> StoredPlan | None:
        rows = self._rows("SELECT * FROM plans WHERE month = ?", (month,))
        if not rows:
            return None
        r = rows[0]
        people = json.loads(r["allowances"])
        return StoredPlan(r["month"], r["currency"], r["budget_cents"], dict(people["people"]), r["policy"], r["cap_cents"], people["named"])


def _entry(r: sqlite3.Row) -> Entry:
    return Entry(
        id=r["id"], day=date.fromisoformat(r["day"]), by=r["by_name"], what=r["what"], cost_cents=r["cost_cents"],
        customer=r["customer"], value_id=r["value_id"], gesture_id=r["gesture_id"],
        over_budget_reason=r["over_budget_reason"], came_back=bool(r["came_back"]), told_others=bool(r["told_others"]),
        outcome_note=r["outcome_note"], removed_at=r["removed_at"],
    )


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
        raise UserError(_("{path} is a folder: give the ledger's file name with --db.").format(path=path))
    if path.exists() and not path.is_file():
        raise UserError(_("{path} is not a regular file: give the ledger's file name with --db.").format(path=path))
    if not create and not path.exists():
        raise UserError(
            _("There is no ledger at {path}: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`.").format(path=path)
        )


def _db_error(path: Path, exc: sqlite3.DatabaseError) -> UserError:
    text = str(exc).lower()
    io_error = "disk i/o" in text or "i/o error" in text
    # A full disk shows up as SQLITE_FULL, or (writing the WAL) as a plain I/O error.
    if "full" in text or (io_error and _free_bytes(path) < LOW_SPACE):
        return UserError(_("The disk holding the ledger {path} is full: free some space and try again; nothing was changed.").format(path=path))
    if io_error:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if "READ" in name:
            return UserError(_("Reading the ledger {path} failed (a disk I/O error): check the disk, then try again.").format(path=path))
        if any(part in name for part in ("WRITE", "FSYNC", "TRUNCATE")):
            return UserError(_("Writing to the ledger {path} failed (a disk I/O error): check the disk, then try again.").format(path=path))
        return UserError(_("Reading or writing the ledger {path} failed (a disk I/O error): check the disk, then try again.").format(path=path))
    if _is_busy(exc):
        return UserError(_("The ledger {path} is locked by another program: try again in a moment.").format(path=path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return UserError(_("{path} is damaged or not a ledger; it was left untouched. Restore a backup or use another --db.").format(path=path))
    if "readonly" in text or "read-only" in text:
        return UserError(_("The ledger {path} is read-only: check its permissions.").format(path=path))
    return UserError(_("The ledger {path} could not be used: {reason}.").format(path=path, reason=exc))


def open_ledger(path: Path | None, create: bool = True) -> Ledger:
    """The ledger at `path`, or at WOWCOACH_DB, or in the user data folder; `create=False` for
    the commands that only read it."""
    return Ledger.open(path or default_path(), create)
