"""Hammer one ledger with processes that start together, and count what went wrong.

    python benchmarks/ledger_stress.py [--rounds 5] [--processes 2 4 8]
    python benchmarks/ledger_stress.py --pg postgresql://user:pw@host/db [--rounds 5] [--processes 16]

Each round starts the processes of tests/test_concurrency.py behind a barrier, on a new ledger,
a ledger of the first release and one with a recorded plan, and prints: calls tried, calls
failed (anything but success or the refusal the data asks for), rows lost or doubled, plans
recorded more than once, and allowances over their share without a reason. All should be 0.
With --pg, the same against a PostgreSQL database (a new schema for each run, dropped after; no
ledger of the first release there), and the wall time of each run.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_concurrency import FIXTURES, failed, pg_rows, start  # noqa: E402 - found once tests/ is on the path


def make(kind: str, db: Path | str) -> None:
    from typer.testing import CliRunner

    from wowcoach.cli.app import app

    if kind == "v1":
        shutil.copy(FIXTURES / "ledger-v1.sqlite", db)
    elif kind == "plan":
        args = [
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
            str(db),
            "--format",
            "json",
        ]
        assert CliRunner().invoke(app, args).exit_code == 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--processes", type=int, nargs="+", default=None)
    parser.add_argument("--pg", help="a PostgreSQL URL: test that instead of SQLite files")
    opts = parser.parse_args()
    processes = opts.processes or ([16] if opts.pg else [2, 4, 8])
    totals = {"tried": 0, "failed": 0, "lost": 0, "plans": 0, "over": 0}
    walls, call_ms = [], []
    for _round in range(opts.rounds):
        for kind in ("new", "plan") if opts.pg else ("new", "v1", "plan"):
            for n in processes:
                with tempfile.TemporaryDirectory() as tmp, ledger(opts.pg, Path(tmp)) as db:
                    folder = Path(tmp)
                    make(kind, db)
                    began = time.perf_counter()
                    calls = start(db, folder, n)
                    walls.append(time.perf_counter() - began)
                    rows, plans = pg_rows(db) if opts.pg else sqlite_rows(db)
                    added = sorted(c["args"][c["args"].index("--what") + 1] for c in calls if c["args"][0] == "log" and c["code"] == 0)
                    call_ms += [c["ms"] for c in calls]
                    totals["tried"] += len(calls)
                    totals["failed"] += len(failed(calls))
                    totals["lost"] += len(set(added) ^ {w for w, _, _ in rows}) + (len(rows) - len({w for w, _, _ in rows}))
                    totals["plans"] += abs(plans - 1)
                    if kind == "plan":
                        totals["over"] += sum(cost for _, cost, reason in rows if reason is None) > 5000
    print(", ".join(f"{k}: {v}" for k, v in totals.items()))
    call_ms.sort()
    print(
        f"one call (opens the ledger, checks, writes, commits): median {statistics.median(call_ms):.0f} ms, "
        f"95th percentile {call_ms[int(0.95 * (len(call_ms) - 1))]:.0f} ms, max {call_ms[-1]:.0f} ms"
    )
    print(
        f"runs: {len(walls)}, wall time per run (all processes started, each loads the library, then makes its calls): median {statistics.median(walls):.1f} s, "
        f"max {max(walls):.1f} s"
    )


def sqlite_rows(db: Path) -> tuple[list[tuple], int]:
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT what, cost_cents, over_budget_reason FROM entries WHERE day = '2026-11-05'").fetchall()
    plans = conn.execute("SELECT count(*) FROM plans WHERE month = '2026-12'").fetchone()[0]
    conn.close()
    return rows, plans


@contextlib.contextmanager
def ledger(url: str | None, folder: Path):
    """A new ledger: a file, or a new schema of the database at `url` (dropped after)."""
    if url is None:
        yield folder / "ledger.sqlite"
        return
    import uuid

    import psycopg

    schema = f"stress_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


if __name__ == "__main__":
    main()
