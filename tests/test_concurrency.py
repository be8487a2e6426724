"""Many processes on one ledger at the same moment: 2, 4 and 8 writers start together behind a
barrier, on a new ledger, on a ledger of the first release (so they race its upgrade) and on one
with a recorded plan (so they race for the last of an allowance and for recording a plan).

Every call must end in success or in the refusal its data asks for ("more than Anna's
remaining", "already recorded"); never "locked", "not a wowcoach ledger" or an internal error.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CALLS = 6  # log add calls per process, after its plan --record

# One process: waits at the barrier (a file), then makes its calls through the CLI in-process,
# each opening the ledger afresh as a command does, and prints one JSON line per call.
WORKER = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path
    from typer.testing import CliRunner
    from wowcoach.cli.app import app

    db, folder, me, month = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    runner = CliRunner()
    runner.invoke(app, ["values", "list", "--format", "json"])  # load the library before the start
    (folder / f"ready-{me}").touch()
    while not (folder / "go").exists():
        time.sleep(0.001)
    calls = [["plan", "--no-input", "--budget", "100", "--staff-name", "Anna", "--staff-name", "Bo",
              "--month", month, "--record", "--db", db, "--format", "json"]]
    for i in range(%(calls)d):
        # A free gesture always fits; a €10 one only while Anna has €10 left of her €50.
        cost = "0" if i %% 2 else "10"
        calls.append(["log", "add", "--db", db, "--date", "2026-11-05", "--by", "Anna", "--what", f"w{me}-{i}",
                      "--cost", cost, "--value", "deliver-wow"])
    for args in calls:
        began = time.perf_counter()
        result = runner.invoke(app, args)
        ms = (time.perf_counter() - began) * 1000
        print(json.dumps({"args": args, "code": result.exit_code, "err": result.stderr.strip(), "ms": ms}), flush=True)
    """
) % {"calls": CALLS}

EXPECTED_REFUSALS = ("is more than Anna's remaining", "A plan for 2026-12 is already recorded")


def start(db: Path | str, folder: Path, n: int) -> list[dict]:
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(db), str(folder), str(i), "2026-12"], stdout=subprocess.PIPE, text=True)
        for i in range(n)
    ]
    deadline = time.monotonic() + 300
    while len(list(folder.glob("ready-*"))) < n and time.monotonic() < deadline:
        time.sleep(0.01)
    (folder / "go").touch()
    outs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0] * n
    return [json.loads(line) for out in outs for line in out.splitlines()]


def failed(calls: list[dict]) -> list[dict]:
    """Calls that neither succeeded nor were refused for a reason in their data."""
    return [c for c in calls if c["code"] != 0 and not any(r in c["err"] for r in EXPECTED_REFUSALS)]


def make_ledger(kind: str, path: Path | str, run) -> None:
    if kind == "v1":
        shutil.copy(FIXTURES / "ledger-v1.sqlite", path)
    elif kind == "plan":
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
            "--record",
            "--db",
            str(path),
            "--format",
            "json",
        )
        assert result.exit_code == 0, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["new", "v1", "plan"])
@pytest.mark.parametrize("n", [2, 4, 8])
def test_processes_starting_together(tmp_path, run, kind, n):
    db = tmp_path / "ledger.sqlite"
    make_ledger(kind, db, run)
    calls = start(db, tmp_path, n)
    assert len(calls) == n * (1 + CALLS)
    assert failed(calls) == []
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT what, cost_cents, over_budget_reason FROM entries WHERE day = '2026-11-05'").fetchall()
    plans = conn.execute("SELECT count(*) FROM plans WHERE month = '2026-12'").fetchone()[0]
    conn.close()
    added = [c["args"][c["args"].index("--what") + 1] for c in calls if c["args"][0] == "log" and c["code"] == 0]
    # Every committed row is there exactly once, and nothing that was refused.
    assert sorted(w for w, _, _ in rows) == sorted(added)
    # Exactly one of the concurrent `plan --record` runs recorded the plan; the others were told.
    recorded = [c for c in calls if c["args"][0] == "plan" and c["code"] == 0]
    assert (len(recorded), plans) == (1, 1)
    if kind == "plan":
        # No allowance over its share without a recorded reason: Anna's is €50.
        assert sum(cost for _, cost, reason in rows if reason is None) <= 5000


PG_PROCESSES = 16


def pg_rows(url: str) -> tuple[list[tuple], int]:
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT what, cost_cents, over_budget_reason FROM entries WHERE day = '2026-11-05'").fetchall()
        plans = conn.execute("SELECT count(*) FROM plans WHERE month = '2026-12'").fetchone()[0]
    return rows, plans


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["new", "plan"])
def test_16_processes_on_postgresql(tmp_path, run, pg_url, kind):
    """16 tills at once on one PostgreSQL ledger: on an empty database (they race to create the
    tables) and on one with a plan (they race for the last of Anna's allowance)."""
    make_ledger(kind, pg_url, run)
    calls = start(pg_url, tmp_path, PG_PROCESSES)
    assert len(calls) == PG_PROCESSES * (1 + CALLS)
    assert failed(calls) == []
    rows, plans = pg_rows(pg_url)
    added = [c["args"][c["args"].index("--what") + 1] for c in calls if c["args"][0] == "log" and c["code"] == 0]
    assert sorted(w for w, _, _ in rows) == sorted(added)  # every committed row once, nothing refused
    recorded = [c for c in calls if c["args"][0] == "plan" and c["code"] == 0]
    assert (len(recorded), plans) == (1, 1)
    if kind == "plan":
        assert sum(cost for _, cost, reason in rows if reason is None) <= 5000
