"""The surprise ledger: one SQLite file, every write one transaction, nothing ever destroyed.

Removed entries stay in the file with the time they were removed, so the history is complete.
The schema has a version (PRAGMA user_version) and migrations, so a ledger made by an older
release opens in a newer one without loss. WAL mode and a busy timeout let two terminals log
at the same time.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

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
    def open(cls, path: Path) -> "Ledger":
        """Open or create a ledger; refuse anything that is not one, and never 'repair' it."""
        if path.is_dir():
            raise UserError(_("{path} is a folder: give the ledger's file name with --db.").format(path=path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(_("Cannot create the folder {folder}: {reason}.").format(folder=path.parent, reason=exc.strerror)) from None
        existed = path.exists() and path.stat().st_size > 0
        try:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise UserError(_("Cannot open the ledger {path}: {reason}.").format(path=path, reason=exc)) from None
        ledger = cls(path, conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if existed and app_id != APPLICATION_ID and tables:
                raise UserError(_("{path} is not a wowcoach ledger: give another file with --db.").format(path=path))
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise UserError(
                    _("{path} was made by a newer wowcoach (schema {found}, this one knows {known}): upgrade wowcoach.").format(
                        path=path, found=version, known=SCHEMA_VERSION
                    )
                )
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            ledger._migrate(version)
        except UserError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise _db_error(path, exc) from None
        return ledger

    def _migrate(self, version: int) -> None:
        if version == SCHEMA_VERSION:
            return
        # One transaction for all steps: a failed upgrade leaves the file as it was.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            current = self.conn.execute("PRAGMA user_version").fetchone()[0]
            for step in MIGRATIONS[current:]:
                for statement in filter(str.strip, step.split(";")):
                    self.conn.execute(statement)
            self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------------------------

    def _write(self, sql: str, params: tuple) -> sqlite3.Cursor:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                cur = self.conn.execute(sql, params)
                self.conn.execute("COMMIT")
                return cur
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
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
        entry = self.get(entry_id)
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
        entry = self.get(entry_id)
        if entry.removed_at:
            raise UserError(_("Entry {id} was already removed on {when}.").format(id=entry_id, when=entry.removed_at[:10]))
        self._write("UPDATE entries SET removed_at = ? WHERE id = ?", (_now(), entry_id))
        return self.get(entry_id)

    def save_plan(self, plan: StoredPlan, replace: bool) -> None:
        if not replace and self.plan(plan.month) is not None:
            raise UserError(_("A plan for {month} is already recorded: use --force to replace it.").format(month=plan.month))
        self._write(
            "INSERT OR REPLACE INTO plans (month, currency, budget_cents, allowances, policy, cap_cents, saved_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (plan.month, plan.currency, plan.budget_cents, json.dumps({"named": plan.named, "people": list(plan.allowances.items())}),
             plan.policy, plan.cap_cents, _now()),
        )

    # ---- reading ---------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        try:
            self.conn.row_factory = sqlite3.Row
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise _db_error(self.path, exc) from None

    def get(self, entry_id: int) -> Entry:
        rows = self._rows("SELECT * FROM entries WHERE id = ?", (entry_id,))
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


def _db_error(path: Path, exc: sqlite3.DatabaseError) -> UserError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return UserError(_("The ledger {path} is locked by another program: try again in a moment.").format(path=path))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return UserError(_("{path} is damaged or not a ledger; it was left untouched. Restore a backup or use another --db.").format(path=path))
    if "readonly" in text or "read-only" in text:
        return UserError(_("The ledger {path} is read-only: check its permissions.").format(path=path))
    return UserError(_("The ledger {path} could not be used: {reason}.").format(path=path, reason=exc))


def open_ledger(path: Path | None) -> Ledger:
    """The ledger at `path`, or at WOWCOACH_DB, or in the user data folder."""
    return Ledger.open(path or default_path())
