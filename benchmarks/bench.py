"""Time wowcoach as whole processes against the import floor of any Typer + Rich + YAML program.

    python benchmarks/bench.py [--runs 9] [--markdown] [--update-readme]

One run measures, on this machine: the floor (`python -c "import typer, rich.table, yaml"`),
each command's median, min and max wall time and peak memory over several runs, each as a
ratio to the floor timed between its runs; `suggest` against generated libraries of 100, 1,000
and 10,000 cases, cold (no cached index) and warm; and the time ranking itself takes in-process
for each size, to show how it grows. The generated libraries are written to a temporary folder
and removed.
`--update-readme` writes the figures into benchmarks/README.md (`readme.py`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import readme  # noqa: E402 - a sibling script, found through the line above

SITUATION = "A regular customer's parcel with a birthday present arrived three days late"
# A customer's e-mail pasted whole, as owners do: greeting, the week around it, signature (1,500 characters).
PASTED = """Fwd: complaint about order 20931

Can you have a look at this one? Came in last night, just before closing.

Hello,

I am writing about the jacket I ordered from your web shop three weeks ago. I have been a customer
of yours for years, my whole family buys our winter coats from you, and I have always recommended
you to friends. We live a bit outside town, the bus only goes twice a day, so ordering online is
much easier for us than coming in, even though we like the shop itself very much.

I ordered the green waterproof jacket in size 12 for my son, who starts at his new school on
Monday. The confirmation said it would be delivered within two working days. It is now eight days
later, the tracking page has said "at the sorting centre" since last Thursday, and nobody answers
the phone. I sent two e-mails before this one and got an automatic reply each time.

It has been raining all week here and he has been walking to football practice in an old coat that
is far too small for him. I know these things happen and that parcels get stuck, but I would really
like to know whether the jacket will arrive before Monday, and if not, what you can do. I do not want
to cancel, because he chose this jacket himself and he is very excited about it.

If it is easier, I could also collect it from the shop on Saturday morning, although my husband
needs the car that day, so I would have to take the bus. Thank you for reading this and I hope to
hear from you soon.

Kind regards,
Margaret Holloway
"""
TARGETS = {  # ratio of the median to the floor's median; memory in MiB
    "wowcoach --version": 1.1,
    "cases list --format json": 1.1,
    "suggest (shipped library)": 2.0,  # the sentence model loads and embeds the situation
    "suggest, words only (WOWCOACH_MODEL=off)": 1.6,
    "suggest, a 1,500-character e-mail pasted": 2.5,  # the model reads its likeliest sentences only
    "suggest, 10,000 cases, warm": 2.5,
    "suggest, 10,000 cases, cold": 8.0,
}
MEMORY_TARGET = (
    ("suggest (shipped library)", "suggest, a 1,500-character e-mail pasted", "suggest, 10,000 cases, warm", "suggest, 10,000 cases, cold"),
    150,
)  # MiB, peak


def wowcoach_command() -> list[str]:
    script = Path(sys.executable).with_name("wowcoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "wowcoach"]


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


FLOOR = [sys.executable, "-c", "import typer, rich.table, yaml"]


def measure(cmd: list[str], env: dict[str, str], runs: int, before=None, beside_floor: bool = True) -> dict:
    """Each run of `cmd` followed by a run of the floor: a row's ratio is to the floor measured
    beside it, so that a machine that slows down or speeds up during the benchmark moves both
    (on a shared machine the floor alone drifted from 90 to 140 ms within one benchmark)."""
    walls, mems, floors = [], [], []
    for _ in range(runs):
        if before:
            before()
        wall, mem = run_once(cmd, env)
        walls.append(wall)
        mems.append(mem)
        if beside_floor:
            floors.append(run_once(FLOOR, env)[0])
    figures = {"median": statistics.median(walls), "min": min(walls), "max": max(walls), "mem": max(mems)}
    return figures | ({"floor": statistics.median(floors)} if floors else {})


RANK_SNIPPET = """
import statistics, sys, time
from pathlib import Path
from wowcoach.matching.load import load_bundle
from wowcoach.matching.rank import Query, rank
_library, matcher = load_bundle([Path(sys.argv[1])], None, replace=True)
query = Query(sys.argv[2], None, "bakery", "shop")
rank(matcher, query, top=3)
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    rank(matcher, query, top=3)
    times.append((time.perf_counter() - start) * 1000)
print(statistics.median(times))
"""


def rank_time(path: Path, runs: int) -> float:
    """Median milliseconds of one in-process ranking over the library (index in memory).

    Run in a child process: the parent must stay small, or every process it starts would
    count the parent's memory (a forked child starts as a copy of it)."""
    out = subprocess.run([sys.executable, "-c", RANK_SNIPPET, str(path), SITUATION, str(runs)], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--markdown", action="store_true", help="print the results as a Markdown table too")
    parser.add_argument("--update-readme", action="store_true", help="write the figures into benchmarks/README.md")
    args = parser.parse_args()
    runs = args.runs
    where = readme.machine()  # before the runs: the load average of the machine as it was

    work = Path(tempfile.mkdtemp(prefix="wowcoach-bench-"))
    cache = work / "cache"
    env = {**os.environ, "WOWCOACH_CACHE_DIR": str(cache), "LANG": "C.UTF-8", "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("WOWCOACH_LANG", None)
    # Measure as installed: pip compiles every module to bytecode, so let Python keep the
    # compiled files of a source checkout too (the first runs below write them).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    wc = wowcoach_command()
    results: list[tuple[str, dict]] = []
    try:
        run_once([*wowcoach_command(), "suggest", "--no-input", "--situation", "warm-up", "--format", "json"], env)
        floor = measure(FLOOR, env, runs, beside_floor=False)
        results.append(("floor: import typer, rich.table, yaml", floor))

        def add(name: str, cmd: list[str], n: int = runs, before=None) -> None:
            results.append((name, measure(cmd, env, n, before)))

        add("wowcoach --version", [*wc, "--version"])
        suggest = [*wc, "suggest", "--no-input", "--situation", SITUATION, "--format", "json"]
        run_once(suggest, env)  # build the cached index once: the rows below are warm
        add("suggest (shipped library)", suggest)
        results.append(("suggest, words only (WOWCOACH_MODEL=off)", measure(suggest, {**env, "WOWCOACH_MODEL": "off"}, runs)))
        add("suggest, a 1,500-character e-mail pasted", [*wc, "suggest", "--no-input", "--situation", PASTED, "--format", "json"])
        add("plan --format json", [*wc, "plan", "--no-input", "--budget", "250", "--staff", "3", "--month", "2027-03", "--format", "json"])
        add("cases list --format json", [*wc, "cases", "list", "--format", "json"])
        ledger = str(work / "ledger.sqlite")  # the ledger commands: no sentence model, no PostgreSQL driver
        run_once([*wc, "plan", "--no-input", "--budget", "100", "--month", "2027-03", "--record", "--db", ledger, "--format", "json"], env)
        add("log list --format json (SQLite ledger)", [*wc, "log", "list", "--month", "2027-03", "--db", ledger, "--format", "json"])

        curve = []
        for n in (100, 1000, 10000):
            path = work / f"cases-{n}.json"
            # Written by a child process, for the same reason as in rank_time.
            subprocess.run([sys.executable, str(HERE / "generate_library.py"), str(n), str(path)], check=True, capture_output=True)
            cmd = [*wc, "--cases", str(path), "--replace-cases", "suggest", "--no-input", "--situation", SITUATION, "--format", "json"]
            cold_runs = max(3, runs // 3) if n == 10000 else runs
            add(f"suggest, {n:,} cases, cold", cmd, cold_runs, before=lambda: shutil.rmtree(cache, ignore_errors=True))
            run_once(cmd, env)
            add(f"suggest, {n:,} cases, warm", cmd)
            curve.append((n, rank_time(path, runs)))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"wowcoach benchmarks, {where}, {runs} runs each")
    print(text_table(results))
    print("ranking in-process (index in memory), median per query:")
    for n, ms in curve:
        print(f"  {n:>6,} cases: {ms:7.2f} ms")
    if args.markdown or args.update_readme:
        block = markdown(results, curve, runs, where)
        print()
        print(block)
        if args.update_readme:
            readme.update("bench.py", block)


def verdicts(results: list[tuple[str, dict]]) -> list[tuple[str, dict, float, float | None, bool]]:
    """(name, figures, ratio to the floor, target, within it) of each row; the figures' "floor" is
    the floor timed beside the row (the floor's own row: itself)."""
    rows = []
    for name, r in results:
        target = TARGETS.get(name)
        figures = {"floor": results[0][1]["median"]} | r
        ratio = figures["median"] / figures["floor"]
        rows.append((name, figures, ratio, target, target is None or ratio <= target))
    return rows


def text_table(results: list[tuple[str, dict]]) -> str:
    lines = [f"{'command':<42}{'median':>9}{'min':>9}{'max':>9}{'floor':>9}{'× floor':>9}{'target':>8}{'MiB':>7}"]
    for name, r, ratio, target, ok in verdicts(results):
        verdict = "" if target is None else (" ok" if ok else " over")
        lines.append(
            f"{name:<42}{r['median'] * 1000:>7.0f}ms{r['min'] * 1000:>7.0f}ms{r['max'] * 1000:>7.0f}ms"
            f"{r['floor'] * 1000:>7.0f}ms{ratio:>9.2f}"
            f"{(f'≤{target}' if target else ''):>8}{r['mem']:>7.0f}{verdict}"
        )
    mem_names, mem_limit = MEMORY_TARGET
    for mem_name in mem_names:
        mem = dict(results)[mem_name]["mem"]
        lines.append(f"peak memory, {mem_name}: {mem:.0f} MiB (target ≤ {mem_limit} MiB){' ok' if mem <= mem_limit else ' over'}")
    return "\n".join(lines)


def markdown(results: list[tuple[str, dict]], curve: list[tuple[int, float]], runs: int, where: str) -> str:
    """The figures as the README shows them: the table, what misses its target, the ranking curve."""
    cold_runs = max(3, runs // 3)
    command = "python benchmarks/bench.py" + ("" if runs == 9 else f" --runs {runs}") + " --update-readme"
    timed = "the installed `wowcoach` command" if len(wowcoach_command()) == 1 else "`python -m wowcoach`"
    lines = [
        f"Measured with `{command}` on {where}; {timed}, {runs} runs each ({cold_runs} for the cold 10,000).",
        "",
        "| command | median | min | max | floor beside it | × floor | target | peak MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    rows = verdicts(results)
    for name, r, ratio, target, _ok in rows:
        lines.append(
            f"| {name} | {r['median'] * 1000:.0f} ms | {r['min'] * 1000:.0f} ms | {r['max'] * 1000:.0f} ms | "
            f"{r['floor'] * 1000:.0f} ms | {ratio:.2f} | "
            f"{'≤ ' + str(target) if target else ''} | {r['mem']:.0f} |"
        )
    lines.append("")
    over = [f"{name} ({ratio:.2f} × the floor, target ≤ {target})" for name, _r, ratio, target, ok in rows if not ok]
    mem_names, mem_limit = MEMORY_TARGET
    heavy = [f"{name} ({dict(results)[name]['mem']:.0f} MiB)" for name in mem_names if dict(results)[name]["mem"] > mem_limit]
    lines.append("Over their targets: " + "; ".join(over + heavy) + "." if over or heavy else "Every figure is within its target.")
    peak = max(dict(results)[name]["mem"] for name in mem_names)
    lines.append(f"Peak memory of `suggest`, at most {peak:.0f} MiB (target ≤ {mem_limit} MiB).")
    lines.append("")
    lines.append(
        "Ranking alone, in-process with the index in memory, median per query: "
        + ", ".join(f"{n:,} stories {ms:.1f} ms" for n, ms in curve)
        + "."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
