"""Hammer one ledger with processes that start together, and count what went wrong.

    python benchmarks/ledger_stress.py [--rounds 5] [--processes 2 4 8]

Each round starts the processes of tests/test_concurrency.py behind a barrier, on a new ledger,
a ledger of the first release and one with a recorded plan, and prints: calls tried, calls
failed (anything but success or the refusal the data asks for), rows lost or doubled, plans
recorded more than once, and allowances over their share without a reason. All should be 0.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_concurrency import FIXTURES, failed, start  # noqa: E402


def make(kind: str, db: Path) -> None:
    from typer.testing import CliRunner

    from wowcoach.cli.app import app

    if kind == "v1":
        shutil.copy(FIXTURES / "ledger-v1.sqlite", db)
    elif kind == "plan":
        args = ["plan", "--no-input", "--budget", "100", "--staff-name", "Anna", "--staff-name", "Bo", "--month", "2026-11",
                "--record", "--db", str(db), "--format", "json"]
        assert CliRunner().invoke(app, args).exit_code == 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--processes", type=int, nargs="+", default=[2, 4, 8])
    opts = parser.parse_args()
    totals = dict(tried=0, failed=0, lost=0, plans=0, over=0)
    for _round in range(opts.rounds):
        for kind in ("new", "v1", "plan"):
            for n in opts.processes:
                with tempfile.TemporaryDirectory() as tmp:
                    folder = Path(tmp)
                    db = folder / "ledger.sqlite"
                    make(kind, db)
                    calls = start(db, folder, n)
                    conn = sqlite3.connect(db)
                    rows = conn.execute("SELECT what, cost_cents, over_budget_reason FROM entries WHERE day = '2026-11-05'").fetchall()
                    plans = conn.execute("SELECT count(*) FROM plans WHERE month = '2026-12'").fetchone()[0]
                    conn.close()
                    added = sorted(c["args"][c["args"].index("--what") + 1] for c in calls if c["args"][0] == "log" and c["code"] == 0)
                    totals["tried"] += len(calls)
                    totals["failed"] += len(failed(calls))
                    totals["lost"] += len(set(added) ^ set(w for w, _, _ in rows)) + (len(rows) - len(set(w for w, _, _ in rows)))
                    totals["plans"] += abs(plans - 1)
                    if kind == "plan":
                        totals["over"] += sum(cost for _, cost, reason in rows if reason is None) > 5000
    print(", ".join(f"{k}: {v}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
