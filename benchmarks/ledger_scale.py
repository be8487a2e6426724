"""The ledger at the size of a chain, timed as whole processes against the import floor.

    python benchmarks/ledger_scale.py --pg postgresql://user:pw@host/db [--runs 5] [--update-readme]
    python benchmarks/ledger_scale.py [--shops 500 --months 36 --per-month 100 --years 10 --sqlite-per-month 200]

Builds, once per run, a PostgreSQL ledger of 500 shops × 36 months × 100 entries (a new schema,
dropped after) and a SQLite ledger of one shop with 10 years of 200 entries a month, each month
with a recorded plan, written straight into the tables (COPY, executemany) as `log import`
would leave them. Then times, as ratios to the floor of any Typer + Rich + YAML program
(`python -c "import typer, rich.table, yaml"`, see bench.py): `review --all-shops` for one
month, and `review`, `log add` and `log months` for one shop. Goals: `review --all-shops`
≤ 4× the floor, the others ≤ 2×. Without --pg only the SQLite ledger is measured.
`--update-readme` writes the figures into benchmarks/README.md (`readme.py`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import uuid
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import readme  # noqa: E402 - sibling scripts, found through the line above
from bench import measure, wowcoach_command  # noqa: E402

GOALS = {"review --all-shops": 4.0, "review": 2.0, "log add": 2.0, "log months": 2.0}
STAFF = ["Anna", "Bo", "Chris", "Dana", "Eli"]
VALUES = ["deliver-wow", "be-humble", "open-honest", "passionate-determined", "fun-weirdness"]


def months_back(last: date, count: int) -> list[str]:
    """`count` months ending with `last`'s, oldest first, as YYYY-MM."""
    y, m = last.year, last.month
    out = []
    for _ in range(count):
        out.append(f"{y}-{m:02d}")
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def rows(shop: str, months: list[str], per_month: int, rng: random.Random):
    """The entries and plans of one shop, as `log export` lists their columns (id left to the database)."""
    entries, plans = [], []
    for month in months:
        allowances = json.dumps({"named": True, "people": [[name, 10_000] for name in STAFF]})
        plans.append((shop, month, "EUR", 50_000, allowances, "expires", 2_500, f"{month}-01T08:00:00+00:00"))
        for i in range(per_month):
            day = f"{month}-{1 + i % 28:02d}"
            entries.append(
                (
                    shop, day, STAFF[i % len(STAFF)], f"gesture {i}", rng.choice((0, 0, 300, 500, 1500)), "",
                    VALUES[i % len(VALUES)], None, None, f"{day}T10:00:00+00:00", int(i % 7 == 0), int(i % 11 == 0), "", None,
                )
            )  # fmt: skip
    return entries, plans


ENTRY_COLUMNS = (
    "shop, day, by_name, what, cost_cents, customer, value_id, gesture_id, over_budget_reason, created_at, came_back, told_others,"
    " outcome_note, removed_at"
)
PLAN_COLUMNS = "shop, month, currency, budget_cents, allowances, policy, cap_cents, saved_at"


def build_sqlite(path: Path, months: list[str], per_month: int) -> None:
    from wowcoach.ledger.storage import Ledger

    Ledger.open(path).close()  # the schema, as wowcoach makes it
    entries, plans = rows("default", months, per_month, random.Random(1))
    with sqlite3.connect(path) as conn:
        conn.executemany(f"INSERT INTO entries ({ENTRY_COLUMNS}) VALUES ({', '.join('?' * 14)})", entries)
        conn.executemany(f"INSERT INTO plans ({PLAN_COLUMNS}) VALUES ({', '.join('?' * 8)})", plans)
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()


def build_postgres(url: str, shops: int, months: list[str], per_month: int) -> None:
    import psycopg

    from wowcoach.ledger.storage import Ledger

    Ledger.open(url).close()
    rng = random.Random(1)
    with psycopg.connect(url) as conn:
        with conn.cursor() as cur:
            for n in range(shops):
                entries, plans = rows(f"Shop {n:03d}", months, per_month, rng)
                with cur.copy(f"COPY entries ({ENTRY_COLUMNS}) FROM STDIN") as copy:
                    for row in entries:
                        copy.write_row(row)
                with cur.copy(f"COPY plans ({PLAN_COLUMNS}) FROM STDIN") as copy:
                    for row in plans:
                        copy.write_row(row)
        conn.execute("ANALYZE entries")
        conn.execute("ANALYZE plans")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="a PostgreSQL URL; a new schema is made there and dropped after")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--shops", type=int, default=500)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--per-month", type=int, default=100)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--sqlite-per-month", type=int, default=200)
    parser.add_argument("--update-readme", action="store_true", help="write the figures into benchmarks/README.md")
    args = parser.parse_args()
    where = readme.machine()  # before the runs: the load average of the machine as it was

    work = Path(tempfile.mkdtemp(prefix="wowcoach-scale-"))
    env = {**os.environ, "WOWCOACH_CACHE_DIR": str(work / "cache"), "LANG": "C.UTF-8", "COLUMNS": "100", "NO_COLOR": "1"}
    for name in ("WOWCOACH_LANG", "WOWCOACH_DB", "WOWCOACH_SHOP", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    wc = wowcoach_command()
    last = date(2029, 12, 1)
    month = last.strftime("%Y-%m")
    results: list[tuple[str, str, dict]] = []
    schema = None
    try:
        measure([*wc, "values", "list"], env, 1)  # the cached index and compiled modules, once
        floor = measure([sys.executable, "-c", "import typer, rich.table, yaml"], env, args.runs)

        def ledger_rows(label: str, db: list[str], shop: list[str]) -> None:
            add = [*wc, "log", "add", *db, *shop, "--date", f"{month}-28", "--by", "Anna", "--what", "tea", "--cost", "0"]
            add += ["--value", "be-humble"]
            for name, cmd in (
                ("review", [*wc, "review", *db, *shop, "--month", month, "--format", "json"]),
                ("log add", add),
                ("log months", [*wc, "log", "months", *db, *shop, "--format", "json"]),
            ):
                results.append((label, name, measure(cmd, env, args.runs)))

        sqlite_db = work / "ledger.sqlite"
        build_sqlite(sqlite_db, months_back(last, 12 * args.years), args.sqlite_per_month)
        sqlite_label = f"SQLite, 1 shop × {12 * args.years} months × {args.sqlite_per_month}"
        ledger_rows(sqlite_label, ["--db", str(sqlite_db)], [])
        if args.pg:
            schema = f"scale_{uuid.uuid4().hex[:12]}"
            _admin(args.pg, f"CREATE SCHEMA {schema}")
            url = args.pg + ("&" if "?" in args.pg else "?") + f"options=-csearch_path%3D{schema}"
            build_postgres(url, args.shops, months_back(last, args.months), args.per_month)
            pg_label = f"PostgreSQL, {args.shops} shops × {args.months} months × {args.per_month}"
            results.append(
                (
                    pg_label,
                    "review --all-shops",
                    measure([*wc, "review", "--all-shops", "--db", url, "--month", month, "--format", "json"], env, args.runs),
                )
            )
            ledger_rows(pg_label, ["--db", url], ["--shop", f"Shop {args.shops // 2:03d}"])
    finally:
        if schema:
            _admin(args.pg, f"DROP SCHEMA {schema} CASCADE")
        shutil.rmtree(work, ignore_errors=True)

    base = floor["median"]
    print(f"wowcoach ledger at scale, {date.today()}, {os.cpu_count()} cores, {args.runs} runs each; floor {base * 1000:.0f} ms")
    print(f"{'ledger':<48}{'command':<20}{'median':>9}{'× floor':>9}{'goal':>7}")
    for label, name, r in results:
        ratio = r["median"] / base
        goal = GOALS[name]
        print(f"{label:<48}{name:<20}{r['median'] * 1000:>7.0f}ms{ratio:>9.2f}{'≤' + str(goal):>7}{' ok' if ratio <= goal else ' over'}")
    if args.update_readme:
        readme.update("ledger_scale.py", markdown(args, results, floor, where))


def markdown(args: argparse.Namespace, results: list[tuple[str, str, dict]], floor: dict, where: str) -> str:
    """The figures as the block benchmarks/README.md keeps, with the command that measured them."""
    command = "python benchmarks/ledger_scale.py" + (' --pg "$WOWCOACH_TEST_PG"' if args.pg else "") + f" --runs {args.runs}"
    defaults = {"shops": 500, "months": 36, "per_month": 100, "years": 10, "sqlite_per_month": 200}
    for name, default in defaults.items():
        if getattr(args, name) != default:
            command += f" --{name.replace('_', '-')} {getattr(args, name)}"
    base = floor["median"]
    lines = [
        f"Measured with `{command} --update-readme` on {where}; the installed `wowcoach` command, {args.runs} runs each.",
        "",
        "| ledger | command | median | min | max | × floor | goal |",
        "|---|---|---|---|---|---|---|",
        f"| | floor: import typer, rich.table, yaml | {base * 1000:.0f} ms | {floor['min'] * 1000:.0f} ms | {floor['max'] * 1000:.0f} ms | 1.00 | |",
    ]
    over = []
    for label, name, r in results:
        ratio, goal = r["median"] / base, GOALS[name]
        lines.append(
            f"| {label} | {name} | {r['median'] * 1000:.0f} ms | {r['min'] * 1000:.0f} ms | {r['max'] * 1000:.0f} ms | {ratio:.2f} | ≤ {goal:g} |"
        )
        if ratio > goal:
            over.append(f"{name} on {label.split(',')[0]} ({ratio:.2f} × the floor, goal ≤ {goal:g})")
    lines += ["", "Over their goals: " + "; ".join(over) + "." if over else "Every command within its goal."]
    return "\n".join(lines)


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


if __name__ == "__main__":
    main()
