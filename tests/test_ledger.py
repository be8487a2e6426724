"""The surprise ledger: each command and refusal, concurrency, migration, and nothing lost."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"


def planned(run, target):
    result = run(
        "plan",
        "--no-input",
        "--budget",
        "100",
        "--staff-name",
        "Anna",
        "--staff-name",
        "Bo",
        "--month",
        "2026-11",
        "--cap",
        "20",
        "--record",
        "--db",
        str(target),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    return target


@pytest.fixture
def db(run, ledger_target):
    """A ledger with a plan for 2026-11, on SQLite and on PostgreSQL (a SQLite file's folder does
    not exist yet: it is created)."""
    return planned(run, ledger_target)


@pytest.fixture
def sqlite_db(tmp_path, run):
    """For what only a file has: locks, permissions, the bytes on disk."""
    return planned(run, tmp_path / "shop" / "ledger.sqlite")


def add(run, db, *args):
    return run("log", "add", "--db", str(db), "--date", "2026-11-05", *args)


def test_add_prints_remaining_allowance(run, db):
    result = add(run, db, "--by", "anna", "--what", "Flowers for a widow", "--cost", "12,50", "--gesture", "bunch-of-flowers")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["Logged entry 1: Flowers for a widow by Anna.", "Anna has €37.50 left this month."]
    entry = json.loads(run("log", "list", "--db", str(db), "--month", "2026-11", "--format", "json").stdout)["entries"][0]
    assert entry["value_id"] == "deliver-wow"  # inferred from the gesture


def test_refusals(run, db):
    cases = [
        (
            ["--by", "Anna", "--what", "x", "--cost", "3"],
            2,
            "Name the core value this gesture shows: --value ID (see `wowcoach values list`) or --gesture ID.",
        ),
        (
            ["--by", "Anna", "--what", "x", "--cost", "25", "--value", "deliver-wow"],
            1,
            '€25.00 is more than the cap of €20.00 per customer: add --over-budget "reason" to log it anyway.',
        ),
        (
            ["--by", "Cees", "--what", "x", "--cost", "1", "--value", "deliver-wow"],
            1,
            "Cees is not in the plan for 2026-11 (Anna, Bo): check the name.",
        ),
        (["--by", "Anna", "--what", "x", "--cost", "-1", "--value", "deliver-wow"], 2, "The amount '-1' is negative: give 0 or more."),
        (
            ["--by", "Anna", "--what", "  ", "--cost", "1", "--value", "deliver-wow"],
            2,
            "--what is empty: say what was done for the customer.",
        ),
        (
            ["--by", "Anna", "--what", "x", "--cost", "1", "--value", "wowz"],
            2,
            "'wowz' is not a value wowcoach knows. Did you mean: Deliver WOW Through Service?",
        ),
        (
            ["--by", "Anna", "--what", "x", "--cost", "1", "--gesture", "unicorn"],
            2,
            "'unicorn' is not a gesture wowcoach knows: `wowcoach plan` shows them all.",
        ),
        (
            ["--by", "Anna", "--what", "x", "--cost", "1", "--value", "deliver-wow", "--date", "5-13-2026"],
            2,
            "'5-13-2026' has no month 13: months go from 1 to 12.",
        ),
    ]
    for args, code, message in cases:
        result = add(run, db, *args)
        assert (result.exit_code, result.stderr.strip()) == (code, message), args
    assert json.loads(run("log", "list", "--db", str(db), "--month", "2026-11", "--format", "json").stdout)["entries"] == []


def test_over_budget_needs_a_reason_and_keeps_it(run, db):
    for _ in range(4):
        assert add(run, db, "--by", "Bo", "--what", "card", "--cost", "12", "--value", "deliver-wow", "--over-budget", "x").exit_code == 0
    result = add(run, db, "--by", "Bo", "--what", "flowers", "--cost", "5", "--value", "deliver-wow")
    assert result.exit_code == 1
    assert result.stderr.strip() == '€5.00 is more than Bo\'s remaining €2.00: add --over-budget "reason" to log it anyway.'
    result = add(run, db, "--by", "Bo", "--what", "flowers", "--cost", "5", "--value", "deliver-wow", "--over-budget", "a funeral")
    assert result.exit_code == 0 and "Bo is €3.00 over budget this month." in result.stdout
    listed = run("log", "list", "--db", str(db), "--month", "2026-11", "--by", "bo", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(listed.removeprefix("\ufeff"))))
    assert len(rows) == 5 and rows[-1]["Over budget because"] == "a funeral"


def test_outcome_and_remove_keep_history(run, db):
    add(run, db, "--by", "Anna", "--what", "Dog biscuits", "--cost", "4", "--gesture", "pet-treat", "--customer", '=HYPERLINK("x")')
    assert run("log", "outcome", "1", "--came-back", "--note", "Came back with her sister", "--db", str(db)).exit_code == 0
    result = run("log", "outcome", "1", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "Say what happened: --came-back, --told-others or --note TEXT (or --clear to undo it).",
    )
    result = run("log", "remove", "1", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (2, "Removing needs a confirmation: add --yes when there is no terminal.")
    assert run("log", "remove", "1", "--yes", "--db", str(db)).exit_code == 0
    result = run("log", "remove", "1", "--yes", "--db", str(db))
    assert result.exit_code == 1 and result.stderr.startswith("Entry 1 was already removed on ")
    assert json.loads(run("log", "list", "--db", str(db), "--month", "2026-11", "--format", "json").stdout)["entries"] == []
    kept = json.loads(run("log", "list", "--db", str(db), "--month", "2026-11", "--removed", "--format", "json").stdout)["entries"]
    assert kept[0]["came_back"] is True and kept[0]["note"] == "Came back with her sister" and kept[0]["removed_at"]
    csv_text = run("log", "list", "--db", str(db), "--month", "2026-11", "--removed", "--format", "csv").stdout
    assert "'=HYPERLINK" in csv_text  # no formula runs when the CSV is opened in a spreadsheet
    result = run("log", "outcome", "9", "--came-back", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (1, "There is no entry 9: see `wowcoach log list` for the ids.")


def test_review_against_the_plan(run, db):
    add(run, db, "--by", "Anna", "--what", "Flowers", "--cost", "15", "--gesture", "bunch-of-flowers")
    add(run, db, "--by", "Bo", "--what", "Voucher", "--cost", "10", "--gesture", "gift-voucher", "--value", "be-humble")
    add(run, db, "--by", "Bo", "--what", "Called to check", "--cost", "0", "--value", "open-honest")
    run("log", "outcome", "1", "--came-back", "--told-others", "--db", str(db))
    data = json.loads(run("review", "--month", "2026-11", "--db", str(db), "--format", "json").stdout)["review"]
    assert (data["budget_cents"], data["spent_cents"], data["remaining_cents"]) == (10000, 2500, 7500)
    assert [(p["name"], p["spent_cents"], p["remaining_cents"]) for p in data["people"]] == [("Anna", 1500, 3500), ("Bo", 1000, 4000)]
    assert (data["emotional"], data["monetary"], data["unclassified"], data["came_back"], data["told_others"]) == (1, 1, 1, 1, 1)
    assert {v["id"]: v["gestures"] for v in data["values"]} == {"deliver-wow": 1, "be-humble": 1, "open-honest": 1}
    assert data["warning"] is None and data["questions"]
    table = run("review", "--month", "2026-11", "--db", str(db)).stdout
    assert "█" in table and "€25.00" in table
    md = run("review", "--month", "2026-11", "--db", str(db), "--format", "markdown").stdout
    assert "| Anna | 1 | €15.00 | €50.00 | €35.00 | 30% |" in md


def test_warnings_at_75_90_and_100_percent(run, db):
    def warning():
        return json.loads(run("review", "--month", "2026-11", "--db", str(db), "--format", "json").stdout)["review"]["warning"]

    add(run, db, "--by", "Anna", "--what", "a", "--cost", "20", "--value", "deliver-wow")
    add(run, db, "--by", "Anna", "--what", "b", "--cost", "20", "--value", "deliver-wow")
    add(run, db, "--by", "Bo", "--what", "c", "--cost", "20", "--value", "deliver-wow")
    assert warning() is None
    add(run, db, "--by", "Bo", "--what", "d", "--cost", "15", "--value", "deliver-wow")
    assert warning() == "75% of the budget is spent (€75.00 of €100.00)."
    add(run, db, "--by", "Anna", "--what", "e", "--cost", "10", "--value", "deliver-wow")
    add(run, db, "--by", "Bo", "--what", "f", "--cost", "5", "--value", "deliver-wow")
    assert warning() == "90% of the budget is spent (€90.00 of €100.00)."
    add(run, db, "--by", "Bo", "--what", "g", "--cost", "10", "--value", "deliver-wow")
    assert warning() == "The budget is used up: €100.00 of €100.00."


def test_roll_over_carries_last_months_rest(run, db):
    """A plan's policy is what becomes of its own month's unspent budget, as its review says:
    November's rolls over into December whatever December's policy; December's expires, so
    January starts with its own budget only."""

    def plan(month: str, policy: str, *force: str) -> None:
        args = ["--budget", "100", "--staff-name", "Anna", "--staff-name", "Bo", "--month", month, "--policy", policy]
        assert run("plan", "--no-input", *args, "--record", "--db", str(db), "--format", "json", *force).exit_code == 0

    def review(month: str) -> dict:
        return json.loads(run("review", "--month", month, "--db", str(db), "--format", "json").stdout)["review"]

    add(run, db, "--by", "Anna", "--what", "a", "--cost", "20", "--value", "deliver-wow")
    plan("2026-11", "rolls-over", "--force")
    plan("2026-12", "expires")
    plan("2027-01", "rolls-over")
    assert (review("2026-12")["carried_cents"], review("2026-12")["available_cents"]) == (8000, 18000)
    assert (review("2027-01")["carried_cents"], review("2027-01")["available_cents"]) == (0, 10000)
    # What was carried is the staff's to spend, shared as the budget is: each allowance has its part.
    assert [(p["name"], p["allowance_cents"]) for p in review("2026-12")["people"]] == [("Anna", 9000), ("Bo", 9000)]
    logged = run(
        "log", "add", "--db", str(db), "--date", "2026-12-03", "--by", "Bo", "--what", "b", "--cost", "80", "--value", "deliver-wow"
    )
    assert (logged.exit_code, logged.stdout.splitlines()[-1]) == (0, "Bo has €10.00 left this month."), logged.stderr
    assert "rolls over to next month" in run("review", "--month", "2026-11", "--db", str(db)).stdout
    result = run("plan", "--no-input", "--budget", "100", "--month", "2026-12", "--record", "--db", str(db), "--format", "json")
    assert (result.exit_code, result.stderr.strip()) == (1, "A plan for 2026-12 is already recorded: use --force to replace it.")


def test_the_over_budget_list_is_what_is_over_now(run, db):
    """A gesture logged over the cap with its reason is listed; edited back under it, it keeps
    the reason but leaves the list. Danish days keep their full stop ("5. nov.")."""

    def listed(*lang: str) -> list[str]:
        return json.loads(run("review", "--month", "2026-11", "--db", str(db), "--format", "json", *lang).stdout)["review"]["over_budget"]

    assert (
        add(run, db, "--by", "Anna", "--what", "lilies", "--cost", "25", "--value", "deliver-wow", "--over-budget", "funeral").exit_code
        == 0
    )
    assert listed() == ["5 Nov · Anna: lilies, €25.00, because: funeral"]
    assert listed("--lang", "da") == ["5. nov. · Anna: lilies, 25,00\xa0€, fordi: funeral"]
    assert run("log", "edit", "1", "--cost", "15", "--db", str(db)).exit_code == 0
    assert listed() == []
    entry = json.loads(run("log", "list", "--month", "2026-11", "--db", str(db), "--format", "json").stdout)["entries"][0]
    assert entry["over_budget_reason"] == "funeral"


def test_a_gestures_amount_never_changes_currency(run, db):
    """Entries keep cents; their currency is their month's plan's. Moving one to a month planned
    in another currency, or planning its month again in another, is refused: €10 would read as
    10 kr. A shop's first plan may still set the currency of what was logged before it."""
    assert add(run, db, "--by", "Anna", "--what", "tea", "--cost", "10", "--value", "deliver-wow").exit_code == 0
    december = ["--budget", "500", "--currency", "DKK", "--staff-name", "Anna", "--month", "2026-12", "--record", "--db", str(db)]
    assert run("plan", "--no-input", *december).exit_code == 0
    moved = run("log", "edit", "1", "--date", "2026-12-01", "--db", str(db))
    assert (moved.exit_code, moved.stderr.strip()) == (
        1,
        "Entry 1 is in EUR and 2026-12 in DKK: log it again in DKK for that month, and remove this one.",
    )
    assert run("log", "edit", "1", "--date", "2026-11-30", "--db", str(db)).exit_code == 0  # the same month's currency
    again = ["--budget", "100", "--currency", "DKK", "--staff-name", "Anna", "--month", "2026-11", "--record", "--force"]
    replanned = run("plan", "--no-input", *again, "--db", str(db))
    assert (replanned.exit_code, replanned.stderr.strip()) == (1, "2026-11 has 1 gesture logged in EUR: record its plan in EUR too.")
    entry = json.loads(run("log", "list", "--month", "2026-11", "--db", str(db), "--format", "json").stdout)["entries"][0]
    assert (entry["cost_cents"], entry["day"]) == (1000, "2026-11-30")
    first = ["log", "add", "--db", str(db), "--shop", "New", "--new-shop", "--date", "2026-11-02", "--by", "Li", "--what", "tea"]
    assert run(*first, "--cost", "5", "--value", "deliver-wow").exit_code == 0
    assert run("plan", "--no-input", *again[:-1], "--shop", "New", "--db", str(db)).exit_code == 0


def test_review_without_a_plan(run, tmp_path):
    path = tmp_path / "l.sqlite"
    run("plan", "--no-input", "--budget", "10", "--month", "2026-10", "--record", "--db", str(path), "--format", "json")
    result = run("review", "--month", "2026-11", "--db", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == "No plan is recorded for 2026-11: run `wowcoach plan --month 2026-11 --record` or give --profile."


def test_db_from_environment(run, tmp_path):
    path = tmp_path / "env.sqlite"
    run("plan", "--no-input", "--budget", "10", "--month", "2026-11", "--record", "--format", "json", env={"WOWCOACH_DB": str(path)})
    assert path.exists()


def test_not_a_ledger_corrupt_and_folder(run, tmp_path):
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (name TEXT)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    result = run("log", "list", "--db", str(other))
    assert (result.exit_code, result.stderr.strip()) == (1, f"{other} is not a wowcoach ledger: give another file with --db.")
    assert other.read_bytes() == before
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    result = run("log", "list", "--db", str(junk))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        f"{junk} is damaged or not a ledger; it was left untouched. Restore a backup or use another --db.",
    )
    assert junk.read_bytes() == b"this is not a database at all" * 100
    result = run("log", "list", "--db", str(tmp_path))
    assert (result.exit_code, result.stderr.strip()) == (1, f"{tmp_path} is a folder: give the ledger's file name with --db.")


def test_locked_ledger(run, sqlite_db, monkeypatch):
    db = sqlite_db
    import wowcoach.ledger.sqlite_db as ledger_module

    monkeypatch.setattr(ledger_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = add(run, db, "--by", "Anna", "--what", "x", "--cost", "1", "--value", "deliver-wow")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (result.exit_code, result.stderr.strip()) == (1, f"The ledger {db} is locked by another program: try again in a moment.")


def test_migration_from_version_1(run, tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "ledger-v1.sqlite", path)
    data = json.loads(run("log", "list", "--db", str(path), "--month", "2026-10", "--format", "json").stdout)["entries"]
    assert [(e["by"], e["cost_cents"], e["over_budget_reason"]) for e in data] == [
        ("Anna", 300, None),
        ("Bo", 2500, "funeral"),
        ("Anna", 0, None),
    ]
    assert all(e["came_back"] is False and e["removed_at"] is None for e in data)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()
    assert run("log", "outcome", "2", "--told-others", "--db", str(path)).exit_code == 0


def test_newer_ledger_is_refused(run, tmp_path):
    path = tmp_path / "new.sqlite"
    shutil.copy(FIXTURES / "ledger-v1.sqlite", path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    result = run("log", "list", "--db", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{path} was made by a newer wowcoach (schema 99, this one knows 4): upgrade wowcoach."


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from wowcoach.ledger.storage import Ledger
    from pathlib import Path
    with Ledger.open(Path(sys.argv[1])) as ledger:
        for i in range(100):
            ledger.add(date(2026, 11, 5), sys.argv[2], f"gesture {i}", 100, "", "deliver-wow", None, None)
    """
)


@pytest.mark.slow
def test_two_processes_logging_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite"
    from wowcoach.ledger.storage import Ledger

    Ledger.open(path).close()
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name]) for name in ("Anna", "Bo")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Ledger.open(path) as ledger:
        rows = ledger.entries("2026-11")
    assert len(rows) == 200
    assert sorted({r.by for r in rows}) == ["Anna", "Bo"]


@given(st.lists(st.one_of(st.tuples(st.just("add"), st.integers(0, 5000)), st.tuples(st.just("remove"), st.integers(0, 30))), max_size=25))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_review_totals_equal_the_logged_rows(tmp_path_factory, steps):
    from datetime import date

    from wowcoach.knowledge.loader import load_library
    from wowcoach.ledger.logbook import review
    from wowcoach.ledger.storage import Ledger, StoredPlan

    lib = load_library()
    path = tmp_path_factory.mktemp("prop") / "l.sqlite"
    expected: dict[int, int] = {}
    with Ledger.open(path) as ledger:
        ledger.save_plan(StoredPlan("2026-11", "EUR", 10000, {"Anna": 5000, "Bo": 5000}, "expires", None), replace=False)
        for i, (kind, n) in enumerate(steps):
            if kind == "add":
                who = "Anna" if i % 2 else "Bo"
                entry_id = ledger.add(date(2026, 11, 1 + i % 28), who, "x", n, "", "deliver-wow", None, None)
                expected[entry_id] = n
            elif expected:
                victim = sorted(expected)[n % len(expected)]
                ledger.remove(victim)
                del expected[victim]
        data = review(ledger, lib, "2026-11", None)
    assert data.spent_cents == sum(expected.values())
    assert sum(p.spent_cents for p in data.people) == sum(expected.values())
    assert sum(v.spent_cents for v in data.values) == sum(expected.values())
    assert len(data.entries) == len(expected)


def saved_profile(run, path, *args):
    result = run("suggest", "--no-input", "--situation", "x", "--save", str(path), "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return path


def test_review_with_a_profile_when_no_plan_is_recorded(run, tmp_path):
    ledger = tmp_path / "l.sqlite"
    add(run, ledger, "--by", "Anna", "--what", "Flowers", "--cost", "10", "--value", "deliver-wow")
    add(run, ledger, "--by", "Bo", "--what", "Coffee", "--cost", "5", "--value", "be-humble")
    profile = saved_profile(run, tmp_path / "shop.yaml", "--budget", "90", "--staff", "3", "--lang", "nl")
    result = run("review", "--month", "2026-11", "--db", str(ledger), "--profile", str(profile), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)["review"]
    assert (data["budget_cents"], data["spent_cents"], data["remaining_cents"], data["gestures"]) == (9000, 1500, 7500, 2)
    assert data["month_name"] == "november 2026"  # the profile's language
    english = json.loads(
        run("review", "--month", "2026-11", "--db", str(ledger), "--profile", str(profile), "--lang", "en", "--format", "json").stdout
    )["review"]
    assert english["month_name"] == "November 2026"


def test_a_recorded_plan_wins_over_the_profile(run, db, tmp_path):
    profile = saved_profile(run, tmp_path / "shop.yaml", "--budget", "90")
    data = json.loads(run("review", "--month", "2026-11", "--db", str(db), "--profile", str(profile), "--format", "json").stdout)
    assert data["review"]["budget_cents"] == 10000


def test_export_with_a_ledger_adds_last_months_review(run, db, tmp_path):
    add(run, db, "--by", "Anna", "--what", "Flowers", "--cost", "15", "--gesture", "bunch-of-flowers")
    profile = saved_profile(run, tmp_path / "shop.yaml", "--budget", "100")
    result = run("export", "--profile", str(profile), "-o", "-", "--month", "2026-12", "--db", str(db), "--date", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    doc = result.stdout
    assert "## Month-end review: November 2026" in doc
    assert "| Anna | 1 | €15.00 | €50.00 | €35.00 | 30% |" in doc
    assert doc.index("## Month-end review: November 2026") < doc.index("## Surprise budget for")
    without = run("export", "--profile", str(profile), "-o", "-", "--month", "2026-12", "--date", "2026-12-01").stdout
    assert "## Month-end review:" not in without


def test_reading_commands_never_create_a_ledger(run, tmp_path):
    """A typo in --db is said, not answered with a new empty ledger and an empty month."""
    typo = tmp_path / "typo" / "ledgr.sqlite"
    for args in (["log", "list"], ["review"], ["log", "outcome", "1", "--came-back"], ["log", "remove", "1", "--yes"]):
        result = run(*args, "--db", str(typo))
        assert (result.exit_code, result.stderr.strip()) == (
            1,
            f"There is no ledger at {typo}: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`.",
        )
    assert not typo.parent.exists()


def test_reading_a_ledger_on_a_read_only_disk(run, sqlite_db, monkeypatch):
    db = sqlite_db
    import wowcoach.ledger.sqlite_db as ledger_module

    assert add(run, db, "--by", "Anna", "--what", "tea", "--cost", "1", "--value", "deliver-wow").exit_code == 0
    before = db.read_bytes()
    monkeypatch.setattr(ledger_module, "_writable", lambda path: False)  # as on a read-only mount
    listed = run("log", "list", "--db", str(db), "--month", "2026-11", "--format", "json")
    assert listed.exit_code == 0, listed.stderr
    assert [e["what"] for e in json.loads(listed.stdout)["entries"]] == ["tea"]
    assert run("review", "--db", str(db), "--month", "2026-11", "--format", "json").exit_code == 0
    result = run("log", "outcome", "1", "--came-back", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (1, f"The ledger {db} is read-only: check its permissions.")
    assert db.read_bytes() == before


def test_a_ledger_must_be_a_regular_file(run):
    """/dev/zero is in the bad-input matrix; here also: no journal or log was made beside it."""
    device = "/dev/null"
    result = run("log", "add", "--db", device, "--by", "Anna", "--what", "x", "--cost", "0", "--value", "deliver-wow")
    assert (result.exit_code, result.stderr.strip()) == (1, f"{device} is not a regular file: give the ledger's file name with --db.")
    assert not Path(device + "-journal").exists() and not Path(device + "-wal").exists()


def test_a_full_disk_says_so_and_keeps_every_row(tmp_path):
    """SQLite rolls back by itself when the disk is full; the message names the cause, not
    'cannot rollback - no transaction is active'."""
    from datetime import date

    from wowcoach.errors import UserError
    from wowcoach.ledger.storage import Ledger

    path = tmp_path / "full.sqlite"
    with Ledger.open(path) as ledger:
        ledger.add(date(2026, 11, 5), "Anna", "kept", 100, "", "deliver-wow", None, None)
        pages = ledger.conn.execute("PRAGMA page_count").fetchone()[0]
        ledger.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from here on
        with pytest.raises(UserError) as caught:
            ledger.add(date(2026, 11, 5), "Anna", "x" * 100_000, 100, "", "deliver-wow", None, None)
        assert str(caught.value) == f"The disk holding the ledger {path} is full: free some space and try again; nothing was changed."
        assert not ledger.conn.in_transaction
    with Ledger.open(path) as ledger:
        assert [e.what for e in ledger.entries("2026-11")] == ["kept"]


def _swapped(path: Path, replacement: int) -> tuple[int, int]:
    """Point this process's open descriptor of `path` at `replacement`: (the descriptor, a copy
    of what it was, to put back)."""
    real = os.path.realpath(path)
    for name in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):
            if os.readlink(f"/proc/self/fd/{name}") == real:
                fd = int(name)
                saved = os.dup(fd)
                os.dup2(replacement, fd)
                return fd, saved
    raise AssertionError(f"{path} is not open")


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="finds the ledger's descriptor in /proc (Linux)")
def test_an_io_error_says_what_failed(tmp_path):
    """A real I/O error from SQLite (its write-ahead log's descriptor swapped for a read-only
    one): the message says writing failed, and nothing was logged."""
    from datetime import date

    from wowcoach.errors import UserError
    from wowcoach.ledger.storage import Ledger

    path = tmp_path / "l.sqlite"
    with Ledger.open(path) as ledger:
        ledger.add(date(2026, 11, 5), "Anna", "kept", 100, "", "deliver-wow", None, None)
        wal = Path(f"{path}-wal")
        fd, saved = _swapped(wal, os.open(wal, os.O_RDONLY))
        try:
            with pytest.raises(UserError) as caught:
                ledger.add(date(2026, 11, 6), "Anna", "lost", 100, "", "deliver-wow", None, None)
        finally:
            os.dup2(saved, fd)
        said = "Writing to" if sys.version_info >= (3, 11) else "Reading or writing"  # Python 3.11 names the SQLite error
        assert str(caught.value) == f"{said} the ledger {path} failed (a disk I/O error): check the disk, then try again."
    with Ledger.open(path) as ledger:
        assert [e.what for e in ledger.entries("2026-11")] == ["kept"]


def test_two_plan_records_at_once_keep_one(tmp_path):
    """The check and the insert are one transaction; plain INSERT unless --force."""
    from wowcoach.ledger.storage import Ledger, StoredPlan

    path = tmp_path / "l.sqlite"
    first = Ledger.open(path)
    plan = StoredPlan("2026-12", "EUR", 100, {"Anna": 100}, "expires", None)
    with first.writing():
        first.save_plan(plan, replace=False)
        # The second run waits for the first to commit, then sees its plan.
        import threading

        errors: list[str] = []
        t = threading.Thread(target=lambda: errors.append(_refusal(path, plan)))
        t.start()
        t.join(0.3)
    t.join(15)
    assert errors == ["A plan for 2026-12 is already recorded: use --force to replace it."]
    first.save_plan(StoredPlan("2026-12", "EUR", 200, {"Anna": 200}, "expires", None), replace=True)
    assert first.plan("2026-12").budget_cents == 200
    first.close()


def _refusal(path, plan) -> str:
    from wowcoach.errors import UserError
    from wowcoach.ledger.storage import Ledger

    with Ledger.open(path) as ledger:
        try:
            ledger.save_plan(plan, replace=False)
        except UserError as exc:
            return str(exc)
    return "recorded twice"


@pytest.mark.slow  # real processes in a shell pipeline
def test_a_reader_that_leaves_after_the_write_is_no_failure(tmp_path):
    """`log add ... | true`: the row is committed, so exit 0; exit 1 would make a retry log it twice."""
    path = tmp_path / "l.sqlite"
    for _ in range(3):
        proc = subprocess.run(
            f"{sys.executable} -m wowcoach log add --db {path} --date 2026-11-05 --by Anna --what tea --cost 0 --value deliver-wow | true;"
            " exit ${PIPESTATUS[0]}",
            shell=True,
            executable="/bin/bash",
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert (proc.returncode, proc.stderr) == (0, "")
    from wowcoach.ledger.storage import Ledger

    with Ledger.open(path) as ledger:
        assert [e.what for e in ledger.entries("2026-11")] == ["tea"] * 3


NEEDS_ROOT = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a disk needs root")


@contextlib.contextmanager
def one_row_on_a_small_disk(run, tmp_path, size):
    from conftest import tiny_disk

    with tiny_disk(tmp_path / "disk", size=size, fill=False) as disk:
        path = disk / "l.sqlite"
        assert add(run, path, "--by", "Anna", "--what", "kept", "--cost", "0", "--value", "deliver-wow").exit_code == 0
        yield disk, path


def listed(run, path) -> list[str]:
    result = run("log", "list", "--db", str(path), "--month", "2026-11", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [e["what"] for e in json.loads(result.stdout)["entries"]]


@NEEDS_ROOT
def test_a_really_full_disk(run, tmp_path):
    from conftest import fill_disk

    with one_row_on_a_small_disk(run, tmp_path, "256k") as (disk, path):
        fill_disk(disk)
        result = add(run, path, "--by", "Anna", "--what", "x" * 9000, "--cost", "0", "--value", "deliver-wow", "--customer", "y" * 9000)
        assert (result.exit_code, result.stderr.strip()) == (
            1,
            f"The disk holding the ledger {path} is full: free some space and try again; nothing was changed.",
        )
        (disk / "filler").unlink()
        assert listed(run, path) == ["kept"]


@NEEDS_ROOT
def test_a_really_read_only_disk(run, tmp_path):
    with one_row_on_a_small_disk(run, tmp_path, "1m") as (disk, path):
        assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
        assert listed(run, path) == ["kept"]
        assert run("review", "--db", str(path), "--month", "2026-11").exit_code == 1  # no plan: said, not a crash
        result = add(run, path, "--by", "Anna", "--what", "x", "--cost", "0", "--value", "deliver-wow")
        assert (result.exit_code, result.stderr.strip()) == (1, f"The ledger {path} is read-only: check its permissions.")


def entries_of(run, db, *args):
    return json.loads(run("log", "list", "--db", str(db), "--month", "2026-11", "--format", "json", *args).stdout)["entries"]


def test_edit_changes_only_what_is_given_with_the_budget_check(run, db):
    add(run, db, "--by", "Anna", "--what", "Flowers", "--cost", "15", "--gesture", "bunch-of-flowers", "--customer", "widow")
    add(run, db, "--by", "Anna", "--what", "Cake", "--cost", "20", "--value", "deliver-wow")
    result = run("log", "edit", "1", "--cost", "12,50", "--what", "Tulips", "--db", str(db))
    assert (result.exit_code, result.stdout.splitlines()) == (
        0,
        ["Entry 1 changed: Tulips by Anna, 2026-11-05.", "Anna has €17.50 left this month."],
    )
    first = entries_of(run, db)[0]
    assert (first["what"], first["cost_cents"], first["customer"], first["value_id"]) == ("Tulips", 1250, "widow", "deliver-wow")
    # The entry's own old cost is given back: €30 - €20 of Cake leaves Anna €30 for it, but the cap is €20.
    result = run("log", "edit", "1", "--cost", "25", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        '€25.00 is more than the cap of €20.00 per customer: add --over-budget "reason" to change it anyway.',
    )
    assert run("log", "edit", "1", "--cost", "20", "--db", str(db)).exit_code == 0
    assert run("log", "edit", "1", "--by", "bo", "--date", "2026-11-07", "--value", "be-humble", "--db", str(db)).exit_code == 0
    first = next(e for e in entries_of(run, db) if e["id"] == 1)
    assert (first["by"], first["day"], first["value_id"]) == ("Bo", "2026-11-07", "be-humble")
    add(run, db, "--by", "Bo", "--what", "Tea", "--cost", "15", "--value", "deliver-wow")  # Bo: €50 - €20 - €15
    result = run("log", "edit", "2", "--by", "Bo", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        '€20.00 is more than Bo\'s remaining €15.00: add --over-budget "reason" to change it anyway.',
    )
    assert run("log", "edit", "2", "--by", "Bo", "--over-budget", "her birthday", "--db", str(db)).exit_code == 0
    assert next(e for e in entries_of(run, db) if e["id"] == 2)["over_budget_reason"] == "her birthday"
    # Free gestures are never refused for budget, also when edited.
    assert run("log", "edit", "2", "--cost", "0", "--db", str(db)).exit_code == 0


def test_edit_refusals(run, db):
    add(run, db, "--by", "Anna", "--what", "Flowers", "--cost", "5", "--value", "deliver-wow")
    cases = [
        (["1"], 2, "Say what to change: --date, --by, --what, --cost, --customer, --value, --gesture or --over-budget."),
        (["1", "--what", " "], 2, "--what is empty: say what was done for the customer."),
        (["1", "--by", "Cees"], 1, "Cees is not in the plan for 2026-11 (Anna, Bo): check the name."),
        (["1", "--gesture", "unicorn"], 2, "'unicorn' is not a gesture wowcoach knows: `wowcoach plan` shows them all."),
        (["1", "--cost", "£4"], 2, "'£4' is in GBP, not EUR: give the amount in EUR, or choose GBP as the currency (--currency GBP)."),
        (["1", "--date", "2026-13-01"], 2, "'2026-13-01' has no month 13: months go from 1 to 12."),
        (["7", "--what", "x"], 1, "There is no entry 7: see `wowcoach log list` for the ids."),
    ]
    for args, code, message in cases:
        result = run("log", "edit", *args, "--db", str(db))
        assert (result.exit_code, result.stderr.strip()) == (code, message), args
    assert [(e["what"], e["cost_cents"], e["by"]) for e in entries_of(run, db)] == [("Flowers", 500, "Anna")]
    run("log", "remove", "1", "--yes", "--db", str(db))
    result = run("log", "edit", "1", "--what", "x", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (1, "Entry 1 is removed: bring it back first with `wowcoach log restore 1`.")


def test_outcome_can_be_undone(run, db):
    add(run, db, "--by", "Anna", "--what", "Card", "--cost", "0", "--value", "deliver-wow")
    run("log", "outcome", "1", "--came-back", "--told-others", "--note", "wrong customer", "--db", str(db))
    result = run("log", "outcome", "1", "--clear", "--db", str(db))
    assert (result.exit_code, result.stdout.strip()) == (0, "Entry 1: its outcome is cleared.")
    e = entries_of(run, db)[0]
    assert (e["came_back"], e["told_others"], e["note"]) == (False, False, "")
    assert run("log", "outcome", "1", "--came-back", "--note", "x", "--db", str(db)).exit_code == 0
    assert run("log", "outcome", "1", "--clear", "--told-others", "--db", str(db)).stdout.strip() == "Entry 1 updated."
    e = entries_of(run, db)[0]
    assert (e["came_back"], e["told_others"], e["note"]) == (False, True, "")
    result = run("log", "outcome", "1", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "Say what happened: --came-back, --told-others or --note TEXT (or --clear to undo it).",
    )


def test_restore_brings_an_entry_back_if_there_is_room(run, db):
    add(run, db, "--by", "Bo", "--what", "Cake", "--cost", "20", "--value", "deliver-wow")
    run("log", "remove", "1", "--yes", "--db", str(db))
    result = run("log", "restore", "1", "--db", str(db))
    assert (result.exit_code, result.stdout.splitlines()) == (
        0,
        ["Entry 1 is back in 2026-11: Cake by Bo.", "Bo has €30.00 left this month."],
    )
    result = run("log", "restore", "1", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (1, "Entry 1 is not removed: there is nothing to restore.")
    run("log", "remove", "1", "--yes", "--db", str(db))
    for what in ("a", "b"):
        add(run, db, "--by", "Bo", "--what", what, "--cost", "20", "--value", "deliver-wow")
    result = run("log", "restore", "1", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        '€20.00 is more than Bo\'s remaining €10.00: add --over-budget "reason" to restore it anyway.',
    )
    result = run("log", "restore", "1", "--over-budget", "the wedding", "--db", str(db))
    assert result.exit_code == 0 and result.stdout.splitlines()[1] == "Bo is €10.00 over budget this month."
    assert [(e["what"], e["over_budget_reason"]) for e in entries_of(run, db)] == [("Cake", "the wedding"), ("a", None), ("b", None)]
    result = run("log", "restore", "9", "--db", str(db))
    assert (result.exit_code, result.stderr.strip()) == (1, "There is no entry 9: see `wowcoach log list` for the ids.")


def test_months_lists_what_the_ledger_holds(run, db):
    add(run, db, "--by", "Anna", "--what", "a", "--cost", "5", "--value", "deliver-wow")
    add(run, db, "--by", "Bo", "--what", "b", "--cost", "2,50", "--value", "deliver-wow")
    run("log", "add", "--db", str(db), "--date", "2026-09-30", "--by", "Bo", "--what", "c", "--cost", "1", "--value", "deliver-wow")
    run("log", "add", "--db", str(db), "--date", "2026-09-30", "--by", "Bo", "--what", "d", "--cost", "9", "--value", "deliver-wow")
    run("log", "remove", "4", "--yes", "--db", str(db))
    data = json.loads(run("log", "months", "--db", str(db), "--format", "json").stdout)["months"]
    assert [(m["month"], m["gestures"], m["spent_cents"], m["budget_cents"]) for m in data] == [
        ("2026-11", 2, 750, 10000),
        ("2026-09", 1, 100, None),
    ]
    table = run("log", "months", "--db", str(db)).stdout
    assert "2026-11" in table and "€7.50" in table and "€100.00" in table and "no plan" in table
    nl = run("log", "months", "--db", str(db), "--lang", "nl", "--format", "json").stdout
    assert json.loads(nl)["months"][0]["spent"] == "€\u00a07,50"
    result = run("log", "months", "--db", str(Path(os.getcwd()) / "missing.sqlite"))
    assert result.exit_code == 1 and result.stderr.startswith("There is no ledger at ")
