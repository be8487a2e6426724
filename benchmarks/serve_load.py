"""32 phones logging at once: `wowcoach serve` under load, on SQLite and on PostgreSQL.

    python benchmarks/serve_load.py [--clients 32] [--seconds 20] [--pg postgresql://...]

Starts the real server (`python -m wowcoach serve --port 0`) on a new ledger with this month's
plan for 8 people, then `--clients` threads, 4 to a person, each with its own session: it opens
its page, then logs gestures (a cost of 0 to 3 euros, each `what` unique) until the time is up,
following every redirect as a browser does. Then it reads the ledger and prints, per backend:
requests, gestures logged, refused (over the allowance: the answer the data asks for), failed
(anything else: an error page, a dropped connection), rows lost or doubled, people over their
allowance, and the latency of a log (the POST) and of a page (the GET), p50 and p95.
All of failed, lost, doubled and overspent should be 0.

PostgreSQL: --pg, else WOWCOACH_TEST_PG (`source /work/pgenv.sh` or .ci/postgres.sh sets it);
without either, SQLite only. Each run gets a new schema, dropped after.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = [f"P{i}" for i in range(1, 9)]
ALLOWANCE_EUR = 40
MONTH = date.today().strftime("%Y-%m")


@dataclass
class Tally:
    logged: list[str] = field(default_factory=list)  # the `what` of every 303
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    post_ms: list[float] = field(default_factory=list)
    get_ms: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Phone:
    """One browser: a keep-alive connection and its session cookie."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.cookie = ""

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, str]:
        headers = {"cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["content-type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        cookie = response.getheader("set-cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, response.getheader("location") or "", text


def client(url: str, n: int, deadline: float, tally: Tally) -> None:
    phone, person, rng = Phone(url), PEOPLE[n % len(PEOPLE)], random.Random(n)
    seq = 0
    try:
        began = time.perf_counter()
        status, _, page = phone.request("GET", "/log?" + urlencode({"name": person}))
        tally.get_ms.append((time.perf_counter() - began) * 1000)
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    except Exception as exc:  # counted, and the run goes on
        tally.failed.append(f"client {n} could not start: {exc!r}")
        return
    while time.monotonic() < deadline:
        seq += 1
        what = f"c{n}-{seq}"
        form = {"csrf": token, "name": person, "what": what, "cost": str(rng.choice([0, 1, 2, 3])), "value": "be-humble"}
        try:
            began = time.perf_counter()
            status, location, page = phone.request("POST", "/log", urlencode(form))
            post_ms = (time.perf_counter() - began) * 1000
            if status == 303:
                began = time.perf_counter()
                status, _, page = phone.request("GET", location)
                get_ms = (time.perf_counter() - began) * 1000
                with tally.lock:
                    tally.logged.append(what)
                    tally.post_ms.append(post_ms)
                    tally.get_ms.append(get_ms)
                if status != 200 or "Logged entry" not in page:
                    tally.failed.append(f"{what}: the page after logging answered {status}")
            elif status == 409 and "more than" in page:
                with tally.lock:
                    tally.refused.append(what)
                    tally.post_ms.append(post_ms)
            else:
                tally.failed.append(f"{what}: {status} {re.sub(r'<[^>]+>', ' ', page)[:200]}")
        except Exception as exc:
            tally.failed.append(f"{what}: {exc!r}")
            phone = Phone(url)
            phone.cookie = ""
            with contextlib.suppress(Exception):
                _s, _l, page = phone.request("GET", "/log?" + urlencode({"name": person}))
                token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)


@contextlib.contextmanager
def ledger(pg: str | None, folder: Path):
    if not pg:
        yield str(folder / "ledger.sqlite")
        return
    import psycopg

    schema = f"load_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield pg + ("&" if "?" in pg else "?") + f"options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def record_plan(db: str) -> None:
    from typer.testing import CliRunner

    from wowcoach.cli.app import app

    args = ["plan", "--no-input", "--budget", str(ALLOWANCE_EUR * len(PEOPLE)), "--month", MONTH, "--record", "--db", db]
    for name in PEOPLE:
        args += ["--staff-name", name]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.stderr


def start_server(db: str, folder: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen(
        [sys.executable, "-m", "wowcoach", "serve", "--port", "0", "--db", db, "--passphrase-file", str(folder / "serve.json")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    for line in server.stderr:
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if found:
            threading.Thread(target=server.stderr.read, daemon=True).start()  # keep draining the log
            return server, found.group(1)
    raise SystemExit("the server did not start")


def check(db: str, tally: Tally) -> dict[str, int]:
    """What the ledger holds against what the clients were told."""
    from wowcoach.ledger.storage import open_ledger

    with open_ledger(db, create=False) as book:
        rows = book.entries(MONTH)
        plan = book.plan(MONTH)
    stored = [e.what for e in rows]
    told = set(tally.logged)
    spent: dict[str, int] = {}
    for e in rows:
        spent[e.by] = spent.get(e.by, 0) + e.cost_cents
    return {
        "lost": len(told - set(stored)),
        "doubled": len(stored) - len(set(stored)),
        "unannounced": len(set(stored) - told),  # in the ledger, but the client was told it failed
        "overspent": sum(1 for name, cents in spent.items() if cents > plan.allowances[name]),
    }


def percentile(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def run(backend: str, pg: str | None, clients: int, seconds: float) -> bool:
    with tempfile.TemporaryDirectory() as tmp, ledger(pg, Path(tmp)) as db:
        record_plan(db)
        server, url = start_server(db, Path(tmp))
        tally = Tally()
        try:
            deadline = time.monotonic() + seconds
            threads = [threading.Thread(target=client, args=(url, n, deadline, tally)) for n in range(clients)]
            began = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(seconds + 120)
            wall = time.perf_counter() - began
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
        found = check(db, tally)
    requests = len(tally.logged) + len(tally.refused) + len(tally.failed)
    print(
        f"{backend:10} {clients} clients, {wall:.0f} s: {requests} logs sent ({requests / wall:.1f}/s), {len(tally.logged)} logged,"
        f" {len(tally.refused)} refused over the allowance, {len(tally.failed)} failed;"
        f" rows lost {found['lost']}, doubled {found['doubled']}, unannounced {found['unannounced']}; overspent {found['overspent']}"
    )
    print(
        f"{'':10} log (POST) p50 {percentile(tally.post_ms, 50):.0f} ms, p95 {percentile(tally.post_ms, 95):.0f} ms;"
        f" page (GET) p50 {percentile(tally.get_ms, 50):.0f} ms, p95 {percentile(tally.get_ms, 95):.0f} ms"
    )
    for problem in tally.failed[:5]:
        print(f"{'':10} failed: {problem}")
    return not (tally.failed or found["lost"] or found["doubled"] or found["unannounced"] or found["overspent"])


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--pg", default=os.environ.get("WOWCOACH_TEST_PG"), help="a PostgreSQL URL (default: WOWCOACH_TEST_PG)")
    opts = parser.parse_args()
    good = run("SQLite", None, opts.clients, opts.seconds)
    if opts.pg:
        good = run("PostgreSQL", opts.pg, opts.clients, opts.seconds) and good
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
