"""Hammer one ledger with processes that start together, and count what went wrong.

    python benchmarks/ledger_stress.py [--rounds 5] [--processes 2 4 8]
    python benchmarks/ledger_stress.py --pg postgresql://user:pw@host/db [--rounds 5] [--processes 16]

Each round starts the processes of tests/test_concurrency.py behind a barrier, on a new ledger,
a ledger of the first release and one with a recorded plan, and prints: calls tried, calls
failed (anything but success or the refusal the data asks for), rows lost or doubled, plans
recorded more than once, and allowances over their share without a reason. All should be 0.
With --pg, the same against a PostgreSQL database (a new schema for each run, dropped after; no
ledger of the first release there), and the wall time of each run. `--update-readme` writes
the figures into benchmarks/README.md (`readme.py`), one block for SQLite and one for PostgreSQL.
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
sys.path.insert(0, str(ROOT / "benchmarks"))

import readme  # noqa: E402 - a sibling script, found through the line above

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
    parser.add_argument("--update-readme", action="store_true", help="write the figures into benchmarks/README.md")
    opts = parser.parse_args()
    where = readme.machine()  # before the runs: the load average of the machine as it was
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
    median_ms, p95_ms = statistics.median(call_ms), call_ms[int(0.95 * (len(call_ms) - 1))]
    print(
        f"one call (opens the ledger, checks, writes, commits): median {median_ms:.0f} ms, "
        f"95th percentile {p95_ms:.0f} ms, max {call_ms[-1]:.0f} ms"
    )
    print(
        f"runs: {len(walls)}, wall time per run (all processes started, each loads the library, then makes its calls): median {statistics.median(walls):.1f} s, "
        f"max {max(walls):.1f} s"
    )
    if opts.update_readme:
        backend = f"PostgreSQL {pg_version(opts.pg)}" if opts.pg else "SQLite files"
        command = "python benchmarks/ledger_stress.py" + (' --pg "$WOWCOACH_TEST_PG"' if opts.pg else "")
        command += f" --rounds {opts.rounds} --processes {' '.join(map(str, processes))} --update-readme"
        block = (
            f"Measured with `{command}` on {where}; {backend}:\n\n"
            f"**{len(walls)} runs of {' or '.join(map(str, processes))} processes, {totals['tried']} calls: "
            f"{totals['failed']} failed, {totals['lost']} rows lost or doubled, {totals['plans']} plans not recorded exactly once, "
            f"{totals['over']} allowances overspent.** One call (the command in-process: open the ledger, check, write, commit) "
            f"took {median_ms:.0f} ms at the median and {p95_ms:.0f} ms at the 95th percentile; a run (the processes started "
            f"together, each loading the library, then making its calls) took {statistics.median(walls):.1f} s at the median."
        )
        readme.update("ledger_stress.py " + ("postgresql" if opts.pg else "sqlite"), block)


def pg_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0]).split()[0]


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
