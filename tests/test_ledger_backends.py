"""The ledger on PostgreSQL as well as SQLite: shops, the comparison of shops, moving a shop's
ledger between the two, the upgrade of a ledger made before shops, and a server that can't be
used (one line, exit 1, never the password)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).parent / "fixtures"


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def plan(run, db, *args):
    return ok(
        run(
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
            db,
            "--format",
            "json",
            *args,
        )
    )


def add(run, db, *args, env=None):
    return run("log", "add", "--db", db, "--date", "2026-11-05", "--value", "deliver-wow", *args, env=env)


def db_name(db) -> str:
    """The ledger as messages name it: the file, or the URL without its password."""
    from wowcoach.ledger.database import is_url
    from wowcoach.ledger.postgres_db import shown

    return shown(str(db)) if is_url(str(db)) else str(db)


def listed(run, db, *args):
    result = ok(run("log", "list", "--db", db, "--month", "2026-11", "--format", "json", *args))
    return [(e["by"], e["what"], e["cost_cents"]) for e in json.loads(result.stdout)["entries"]]


def test_every_entry_and_plan_belongs_to_a_shop(run, ledger_target):
    db = ledger_target
    plan(run, db)
    plan(run, db, "--shop", "Zon Utrecht", "--budget", "60")
    # Two shops now: a command names its shop (the one made before shops is `default`).
    result = add(run, db, "--by", "Anna", "--what", "tea", "--cost", "40")
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        f"{db_name(db)} holds several shops (default, Zon Utrecht): say which with --shop NAME (or WOWCOACH_SHOP).",
    )
    result = ok(add(run, db, "--by", "Anna", "--what", "tea", "--cost", "40", "--shop", "default"))
    assert result.stdout.splitlines()[1] == "Anna has €10.00 left this month."
    # The same name in another shop has an allowance of its own.
    result = ok(add(run, db, "--by", "Anna", "--what", "cake", "--cost", "25", "--shop", "Zon Utrecht"))
    assert result.stdout.splitlines()[1] == "Anna has €5.00 left this month."
    result = add(run, db, "--by", "Anna", "--what", "x", "--cost", "6", env={"WOWCOACH_SHOP": "Zon Utrecht"})
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        '€6.00 is more than Anna\'s remaining €5.00: add --over-budget "reason" to log it anyway.',
    )
    assert listed(run, db, "--shop", "default") == [("Anna", "tea", 4000)]
    assert listed(run, db, "--shop", "Zon Utrecht") == [("Anna", "cake", 2500)]
    # An entry is found in its own shop only.
    result = run("log", "outcome", "2", "--came-back", "--db", db, "--shop", "DEFAULT")
    assert (result.exit_code, result.stderr.strip()) == (1, "There is no entry 2: see `wowcoach log list` for the ids.")
    ok(run("log", "outcome", "2", "--came-back", "--db", db, "--shop", "Zon Utrecht"))
    result = run("log", "list", "--db", db, "--shop", "  ")
    assert (result.exit_code, result.stderr.strip()) == (2, '--shop is empty: give the shop\'s name, e.g. --shop "De Zon Utrecht".')


def test_review_all_shops_side_by_side(run, ledger_target):
    db = ledger_target
    plan(run, db, "--shop", "Noord")
    plan(run, db, "--shop", "Zuid", "--budget", "50")
    ok(add(run, db, "--by", "Anna", "--what", "a", "--cost", "30", "--shop", "Noord"))
    ok(add(run, db, "--by", "Bo", "--what", "b", "--cost", "0", "--shop", "Noord"))
    ok(add(run, db, "--by", "Bo", "--what", "c", "--cost", "12,50", "--shop", "Zuid"))
    ok(add(run, db, "--by", "Cees", "--what", "d", "--cost", "2", "--shop", "Oost", "--new-shop"))  # no plan there
    ok(run("log", "outcome", "1", "--came-back", "--told-others", "--db", db, "--shop", "Noord"))
    # Not of the month: the days either side of it, and an entry removed.
    ok(add(run, db, "--by", "Anna", "--what", "e", "--cost", "99", "--shop", "Noord", "--date", "2026-12-01"))
    ok(add(run, db, "--by", "Anna", "--what", "f", "--cost", "99", "--shop", "Noord", "--date", "2026-10-31"))
    ok(add(run, db, "--by", "Bo", "--what", "g", "--cost", "7", "--shop", "Zuid"))
    ok(run("log", "remove", "7", "--yes", "--db", db, "--shop", "Zuid"))
    data = json.loads(ok(run("review", "--all-shops", "--month", "2026-11", "--db", db, "--format", "json")).stdout)
    assert data["month"] == "2026-11"
    assert [
        (s["shop"], s["plan_cents"], s["spent_cents"], s["percent"], s["gestures"], s["came_back"], s["told_others"]) for s in data["shops"]
    ] == [("Noord", 10000, 3000, 30, 2, 1, 1), ("Oost", None, 200, None, 1, 0, 0), ("Zuid", 5000, 1250, 25, 1, 0, 0)]
    table = ok(run("review", "--all-shops", "--month", "2026-11", "--db", db)).stdout
    assert "The shops in Nov 2026" in table and "Zuid" in table and "€12.50" in table and "no plan" in table
    result = run("review", "--all-shops", "--db", db, "--format", "markdown")
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "--all-shops shows a table, JSON, HTML or PDF: use --format table, json, html or pdf.",
    )


def test_the_profile_names_its_shop_when_the_ledger_holds_it(run, ledger_target, tmp_path):
    db = ledger_target
    profile = tmp_path / "zon.yaml"
    ok(
        run(
            "suggest",
            "--no-input",
            "--situation",
            "x",
            "--shop-name",
            "De Zon",
            "--budget",
            "90",
            "--save",
            str(profile),
            "--format",
            "json",
        )
    )
    # A ledger without that shop: the default shop, as before shops.
    ok(add(run, db, "--by", "Anna", "--what", "a", "--cost", "10"))
    data = json.loads(ok(run("review", "--month", "2026-11", "--db", db, "--profile", str(profile), "--format", "json")).stdout)["review"]
    assert data["spent_cents"] == 1000
    ok(add(run, db, "--by", "Anna", "--what", "b", "--cost", "4", "--shop", "De Zon", "--new-shop"))
    data = json.loads(ok(run("review", "--month", "2026-11", "--db", db, "--profile", str(profile), "--format", "json")).stdout)["review"]
    assert data["spent_cents"] == 400


def test_a_ledger_made_before_shops_is_upgraded_without_loss(run, tmp_path):
    path = tmp_path / "v2.sqlite"
    shutil.copy(FIXTURES / "ledger-v2.sqlite", path)
    before = sqlite3.connect(path).execute("SELECT * FROM entries ORDER BY id").fetchall()
    entries = json.loads(ok(run("log", "list", "--db", str(path), "--month", "2026-10", "--removed", "--format", "json")).stdout)["entries"]
    assert [(e["id"], e["by"], e["cost_cents"], e["over_budget_reason"], e["came_back"], e["note"]) for e in entries] == [
        (1, "Anna", 1250, None, True, "Came back with her sister"),
        (2, "Bo", 6000, "funeral", False, ""),
        (3, "Anna", 0, None, False, ""),
    ]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    after = conn.execute("SELECT * FROM entries ORDER BY id").fetchall()
    assert [row[:-1] for row in after] == before and {row[-1] for row in after} == {"default"}  # every column kept, one added
    conn.close()
    data = json.loads(ok(run("review", "--month", "2026-10", "--db", str(path), "--format", "json")).stdout)["review"]
    assert (data["budget_cents"], data["spent_cents"], data["came_back"]) == (10000, 7250, 1)
    result = run("plan", "--no-input", "--budget", "5", "--month", "2026-10", "--record", "--db", str(path), "--format", "json")
    assert (result.exit_code, result.stderr.strip()) == (1, "A plan for 2026-10 is already recorded: use --force to replace it.")
    ok(run("log", "restore", "4", "--db", str(path)))
    assert [m["month"] for m in json.loads(ok(run("log", "months", "--db", str(path), "--format", "json")).stdout)["months"]] == [
        "2026-10",
        "2026-09",
    ]


def test_postgresql_runs_the_same_migrations(run, pg_url):
    """A database left at schema 2 by the SQL of that release is upgraded as a file is."""
    import psycopg

    from wowcoach.ledger.storage import DIALECT, MIGRATIONS

    with psycopg.connect(pg_url, autocommit=True) as conn:
        for step in MIGRATIONS[:2]:
            for statement in filter(str.strip, step.format(**DIALECT["postgresql"]).split(";")):
                conn.execute(statement)
        conn.execute("CREATE TABLE wowcoach_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO wowcoach_meta VALUES ('schema_version', '2')")
        conn.execute(
            "INSERT INTO entries (day, by_name, what, cost_cents, value_id, created_at) VALUES"
            " ('2026-11-05', 'Anna', 'old', 300, 'deliver-wow', 'x')"
        )
        conn.execute(
            "INSERT INTO plans VALUES ('2026-11', 'EUR', 10000, '{\"named\": true, \"people\": [[\"Anna\", 10000]]}', 'expires', NULL, 'x')"
        )
    assert listed(run, pg_url) == [("Anna", "old", 300)]
    assert ok(add(run, pg_url, "--by", "Anna", "--what", "new", "--cost", "1")).stdout.splitlines() == [
        "Logged entry 2: new by Anna.",
        "Anna has €96.00 left this month.",
    ]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT value FROM wowcoach_meta WHERE key = 'schema_version'").fetchone() == ("4",)
        assert conn.execute("SELECT DISTINCT shop FROM entries").fetchall() == [("default",)]


def test_a_database_of_another_program_is_left_alone(run, pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE entries (x INTEGER)")
    result = run("log", "add", "--db", pg_url, "--by", "Anna", "--what", "x", "--cost", "0", "--value", "deliver-wow")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("holds tables that are not a wowcoach ledger: give another database or schema with --db.")
    result = run("log", "list", "--db", pg_url.replace("options=", "application_name=x&options="))
    assert result.exit_code == 1


def test_reading_commands_never_create_a_postgresql_ledger(run, pg_url):
    result = run("log", "list", "--db", pg_url)
    shown = pg_url.replace(":" + urlsplit(pg_url).password + "@", ":***@")
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        f"There is no wowcoach ledger in {shown}: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`.",
    )


def dump(run, db, shop=None) -> dict:
    """What `log export` writes, as data."""
    import tempfile

    out = Path(tempfile.mkdtemp()) / "shop.json"
    ok(run("log", "export", str(out), "--db", db, *(["--shop", shop] if shop else [])))
    return json.loads(out.read_text(encoding="utf-8"))


def fill(run, db, shop):
    plan(run, db, "--shop", shop, "--cap", "20")
    ok(
        add(
            run,
            db,
            "--shop",
            shop,
            "--by",
            "Anna",
            "--what",
            'Bloemen 🌷 voor mevrouw "Smit"',
            "--cost",
            "12,50",
            "--customer",
            '=HYPERLINK("x")',
            "--gesture",
            "bunch-of-flowers",
        )
    )
    ok(add(run, db, "--shop", shop, "--by", "Bo", "--what", "Taart", "--cost", "25", "--over-budget", "uitvaart"))
    ok(add(run, db, "--shop", shop, "--by", "Bo", "--what", "weg", "--cost", "1", "--date", "2026-10-31"))
    ok(run("log", "outcome", "1", "--came-back", "--note", "kwam terug\nmet haar zus", "--db", db, "--shop", shop))
    ok(run("log", "remove", "3", "--yes", "--db", db, "--shop", shop))


def test_a_shop_moves_between_sqlite_and_postgresql_without_loss(run, pg_url, tmp_path):
    sqlite_db = str(tmp_path / "shop.sqlite")
    fill(run, sqlite_db, "De Zon")
    original = dump(run, sqlite_db, "De Zon")
    assert len(original["entries"]) == 3 and len(original["plans"]) == 1
    exported = tmp_path / "zon.json"
    ok(run("log", "export", str(exported), "--db", sqlite_db, "--shop", "De Zon"))
    result = ok(run("log", "import", str(exported), "--db", pg_url))
    assert result.stdout.strip() == (
        f"Imported 3 entries and 1 plans into the shop 'De Zon' of {pg_url.replace(':' + urlsplit(pg_url).password + '@', ':***@')}."
    )
    assert dump(run, pg_url, "De Zon") == original
    # Numbers go on after the imported ones, and the shop works as it did.
    assert ok(add(run, pg_url, "--shop", "De Zon", "--by", "Anna", "--what", "next", "--cost", "0")).stdout.startswith("Logged entry 4:")
    # And back, into a new file.
    back = str(tmp_path / "back.sqlite")
    pg_file = tmp_path / "pg.json"
    ok(run("log", "export", str(pg_file), "--db", pg_url, "--shop", "De Zon"))
    ok(run("log", "import", str(pg_file), "--db", back))
    assert dump(run, back, "De Zon") == dump(run, pg_url, "De Zon")


def test_import_and_export_never_overwrite_without_force(run, ledger_target, tmp_path):
    db = ledger_target
    fill(run, db, "default")
    out = tmp_path / "l.json"
    ok(run("log", "export", str(out), "--db", db))
    before = out.read_bytes()
    result = run("log", "export", str(out), "--db", db)
    assert (result.exit_code, result.stderr.strip()) == (1, f"{out} already exists: use --force to overwrite it.")
    assert out.read_bytes() == before and not list(tmp_path.glob("*.tmp*"))
    result = run("log", "import", str(out), "--db", db)
    assert result.exit_code == 1 and result.stderr.strip().startswith("The shop 'default' in ")
    assert result.stderr.strip().endswith("already holds 3 entries and 1 plans: add --force to replace them.")
    ok(add(run, db, "--by", "Anna", "--what", "after the export", "--cost", "0"))
    result = ok(run("log", "import", str(out), "--db", db, "--force"))
    assert [w for _, w, _ in listed(run, db, "--removed")] == ['Bloemen 🌷 voor mevrouw "Smit"', "Taart"]
    # Another shop of the same ledger: the numbers are taken, so the entries get new ones.
    result = ok(run("log", "import", str(out), "--db", db, "--shop", "Kopie"))
    assert (
        result.stdout.splitlines()[1]
        == "Their numbers were taken in this ledger, so the entries have new numbers: see `wowcoach log list`."
    )
    assert len(dump(run, db, "Kopie")["entries"]) == 3
    junk = tmp_path / "junk.json"
    junk.write_text('{"entries": []}')
    result = run("log", "import", str(junk), "--db", db)
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        f"{junk} is not a ledger file of `wowcoach log export`: give the file it wrote.",
    )
    result = run("log", "import", str(tmp_path / "nope.json"), "--db", db)
    assert (result.exit_code, result.stderr.strip()) == (1, f"There is no file {tmp_path / 'nope.json'}: check the name.")


# ---- a server that can't be used ------------------------------------------------------------

SECRET = "s3cret-Pw-7"


def assert_one_line(result, expected_start: str):
    out = result.stdout + result.stderr
    assert result.exit_code == 1, out
    assert SECRET not in out and "Traceback" not in out
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith(expected_start), result.stderr


def with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    return parts._replace(netloc=f"{parts.username}:{password}@{parts.hostname}:{parts.port}").geturl()


def test_a_bad_url_says_so(run):
    for url in (f"postgresql://shop:{SECRET}@127.0.0.1:notaport/ledger", f"postgresql://shop:{SECRET}@127.0.0.1/ledger?nonsense=1"):
        result = run("log", "list", "--db", url)
        assert_one_line(result, "postgresql://shop:***@127.0.0.1")
        assert result.stderr.strip().endswith("is not a PostgreSQL URL wowcoach can use: write it as postgresql://user@host/dbname.")


def test_a_url_python_cannot_split_says_so_without_its_password(run):
    """A stray bracket or a bracketed host that is no IP address: Python's URL parser raises
    ValueError, which was an internal error."""
    for url in (f"postgresql://shop:{SECRET}@h]/ledger", f"postgresql://shop:{SECRET}@h[x/ledger", "postgresql://shop[1]/ledger"):
        result = run("log", "list", "--db", url)
        assert_one_line(result, "postgresql://shop")
        assert result.stderr.strip().endswith("is not a PostgreSQL URL wowcoach can use: write it as postgresql://user@host/dbname.")
    result = run("review", "--month", "2027-03", env={"WOWCOACH_DB": f"postgresql://shop:{SECRET}@h]/ledger"})
    assert_one_line(result, "postgresql://shop:***@h]/ledger is not a PostgreSQL URL")


def test_a_server_that_is_down(run):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run(
        "log",
        "add",
        "--db",
        f"postgresql://shop:{SECRET}@127.0.0.1:{port}/ledger",
        "--by",
        "Anna",
        "--what",
        "x",
        "--cost",
        "0",
        "--value",
        "deliver-wow",
    )
    assert_one_line(result, f"Cannot reach the PostgreSQL server of postgresql://shop:***@127.0.0.1:{port}/ledger: check that it runs")


def test_wrong_credentials_and_a_missing_database(run, pg_url):
    result = run("log", "list", "--db", with_password(pg_url, SECRET))
    assert_one_line(result, "The PostgreSQL server refused the user ")
    assert result.stderr.strip().endswith(": check the user name and password.")
    parts = urlsplit(pg_url)
    nodb = parts._replace(netloc=f"{parts.username}:{SECRET}@{parts.hostname}:{parts.port}", path="/no_such_db", query="").geturl()
    result = run("log", "list", "--db", nodb)
    assert result.exit_code == 1 and SECRET not in result.stderr  # refused or missing: the password is what the server checks first


def test_a_missing_driver(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if wowcoach[postgres] was not installed
    result = run("log", "list", "--db", f"postgresql://shop:{SECRET}@127.0.0.1/ledger")
    assert_one_line(result, "A PostgreSQL ledger needs its driver: pip install 'wowcoach[postgres]'.")


def test_the_password_is_never_shown_in_a_message(run, pg_url):
    ok(add(run, pg_url, "--by", "Anna", "--what", "x", "--cost", "0"))
    out = ok(plan(run, pg_url, "--month", "2026-12")).stderr + ok(run("log", "list", "--db", pg_url, "--month", "2026-11")).stdout
    assert urlsplit(pg_url).password not in out and ":***@" in out


def test_version_and_suggest_never_import_the_driver():
    import subprocess

    code = (
        "import sys; from wowcoach.cli.launch import main; sys.argv = ['wowcoach', '--version'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'psycopg' not in sys.modules and 'wowcoach.ledger.postgres_db' not in sys.modules"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_a_password_in_the_query_is_hidden_too(run):
    result = run("log", "list", "--db", f"postgresql://shop@127.0.0.1:1/ledger?password={SECRET}")
    assert_one_line(result, "Cannot reach the PostgreSQL server of postgresql://shop@127.0.0.1:1/ledger?password=***: check")


def test_a_document_of_one_shop_of_a_chain_names_the_shop(run, ledger_target, tmp_path):
    """Markdown has no cover: its heading names the shop as the terminal does; HTML names it in
    the document's title. Escaped as any text, in each language."""
    db, shop = ledger_target, "Zon <b>*Noord*</b>"
    plan(run, db, "--shop", shop, "--new-shop")
    plan(run, db, "--shop", "Zuid")
    for lang, heading in (
        ("en", "# Month-end review: November 2026 · Zon \\<b\\>\\*Noord\\*\\</b\\>"),
        ("nl", "# Maandevaluatie: november 2026 · Zon \\<b\\>\\*Noord\\*\\</b\\>"),
        ("da", "# Månedsevaluering: november 2026 · Zon \\<b\\>\\*Noord\\*\\</b\\>"),
    ):
        args = ("review", "--month", "2026-11", "--db", db, "--shop", shop, "--lang", lang)
        assert ok(run(*args, "--format", "markdown")).stdout.splitlines()[0] == heading
        out = tmp_path / f"{lang}.html"
        ok(run(*args, "--format", "html", "-o", str(out)))
        page = out.read_text(encoding="utf-8")
        title = heading.split(":")[0].lstrip("# ")
        assert f"<h1>{title}: Zon &lt;b&gt;*Noord*&lt;/b&gt;</h1>" in page and "<b>*Noord" not in page
    # The only shop of a ledger is the ledger's: no name to add.
    only = str(tmp_path / "only.sqlite")
    plan(run, only)
    assert ok(run("review", "--month", "2026-11", "--db", only, "--format", "markdown")).stdout.splitlines()[0] == (
        "# Month-end review: November 2026"
    )


def test_a_recorded_plan_keeps_its_sector_and_channel(run, ledger_target, tmp_path):
    """The pages of `serve` without --profile show the menu of the sector and channel the plan
    was made for; a profile still wins; the two move with the shop's ledger file."""
    from datetime import date

    from wowcoach.app.log import staff_month
    from wowcoach.app.plan import recorded_plan
    from wowcoach.app.sources import Sources
    from wowcoach.i18n import translator

    db, library, t = ledger_target, Sources().library, translator("en")
    shown = json.loads(plan(run, db, "--sector", "bakery", "--channel", "online").stdout)["plan"]  # as `plan` showed it
    report = recorded_plan(library, "2026-11", t, db)
    assert (report.sector, report.channel) == ("bakery", "online")
    assert [g.id for g in report.gestures] == [g["id"] for g in shown["gestures"]]
    assert recorded_plan(library, "2026-11", t, db, sector="other", channel="shop").channel == "shop"  # a profile's
    staff = staff_month(library, None, t, db, today=date(2026, 11, 10))
    assert [g.id for g in staff.gestures] == [g["id"] for g in shown["gestures"]]
    rows = dump(run, db)["plans"]
    assert [(p["sector"], p["channel"]) for p in rows] == [("bakery", "online")]
    copy = tmp_path / "copy.sqlite"
    out = tmp_path / "shop.json"
    ok(run("log", "export", str(out), "--db", db))
    ok(run("log", "import", str(out), "--db", str(copy)))
    assert recorded_plan(library, "2026-11", t, str(copy)).sector == "bakery"


def test_a_plan_recorded_before_the_ledger_kept_its_sector_shows_any_shop_s_menu(run, tmp_path):
    from wowcoach.app.plan import recorded_plan
    from wowcoach.app.sources import Sources
    from wowcoach.i18n import translator

    path = tmp_path / "v2.sqlite"
    shutil.copy(FIXTURES / "ledger-v2.sqlite", path)
    report = recorded_plan(Sources().library, "2026-10", translator("en"), str(path))
    assert (report.sector, report.channel) == ("other", "both")
    assert dump(run, str(path))["plans"][0]["sector"] is None
