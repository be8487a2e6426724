"""The bad-input matrix (docs/bad-input.md): every case ends with the documented exit code, one
line that says what to do, no traceback, and nothing half-written or lost."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import TRACEBACK

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"


@dataclass
class Case:
    name: str
    args: list[str]
    code: int
    message: str
    files: dict[str, bytes] = field(default_factory=dict)  # written into the test folder first
    input: str | None = None
    setup: Callable[[Path], None] | None = None


def big_file(folder: Path) -> None:
    with (folder / "big.yaml").open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk


def empty_ledger(folder: Path) -> None:
    from wowcoach.ledger.storage import Ledger

    Ledger.open(folder / "l.sqlite").close()


def fifo(folder: Path) -> None:
    os.mkfifo(folder / "p.yaml")  # nobody ever writes to it: reading would wait forever


def foreign_sqlite(folder: Path) -> None:
    import sqlite3

    with sqlite3.connect(folder / "other.sqlite") as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")


# What `log export` writes for one entry and one plan.
LEDGER_FILE = (
    b'{"format": "wowcoach-ledger", "schema": 3, "shop": "default", "entries": [{"id": 1, "day": "2027-03-02", "by_name": "Anna",'
    b' "what": "tea", "cost_cents": 100, "customer": "", "value_id": "be-humble", "gesture_id": null, "over_budget_reason": null,'
    b' "created_at": "2027-03-02T10:00:00+00:00", "came_back": 0, "told_others": 0, "outcome_note": "", "removed_at": null}],'
    b' "plans": [{"month": "2027-03", "currency": "EUR", "budget_cents": 10000, "allowances":'
    b' "{\\"named\\": true, \\"people\\": [[\\"Anna\\", 10000]]}", "policy": "expires", "cap_cents": null,'
    b' "saved_at": "2027-03-01T10:00:00+00:00"}]}'
)


def ledger_junk(folder: Path) -> None:
    (folder / "ledger.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)


MATRIX = [
    # data files
    Case("cases file empty", ["--cases", "c.yaml", "cases", "list"], 1, "c.yaml: the file is empty.", {"c.yaml": b""}),
    Case("cases file not YAML", ["--cases", "c.yaml", "cases", "list"], 1, "not valid YAML", {"c.yaml": b"cases: [\n  - {id: x\n"}),
    Case("cases file not UTF-8", ["--cases", "c.yaml", "cases", "list"], 1, "is not UTF-8 (byte", {"c.yaml": b"cases:\n- id: caf\xe9\n"}),
    Case("cases file binary", ["--cases", "c.yaml", "cases", "list"], 1, "is a binary file, not YAML.", {"c.yaml": bytes(range(256))}),
    Case("YAML alias bomb", ["data", "check", "bomb.yaml"], 1, "YAML aliases (*name) are not allowed", {"bomb.yaml": BOMB.encode()}),
    Case(
        "200 MB file",
        ["--cases", "big.yaml", "cases", "list"],
        1,
        "is too large (200 MB); data files are limited to 128 MB.",
        setup=big_file,
    ),
    Case("deep nesting", ["data", "check", "deep.yaml"], 1, "not valid YAML", {"deep.yaml": b"[" * 20000 + b"]" * 20000}),
    Case(
        "python object tag",
        ["--values", "v.yaml", "values", "list"],
        1,
        "a YAML tag (!something) that wowcoach does not read: remove it.",
        {"v.yaml": b"values: !!python/object/apply:os.system ['echo hi']\n"},
    ),
    Case(
        "unknown key",
        ["suggest", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml: staf: unknown field (check its spelling)",
        {"p.yaml": b"staf: 3\n"},
    ),
    Case(
        "duplicate key in a profile",
        ["suggest", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml:2: not valid YAML: the key 'budget' is given twice (first on line 1): keep one.",
        {"p.yaml": b"budget: 10\nbudget: 20\n"},
    ),
    Case(
        "hex budget in a profile",
        ["plan", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml: budget: '0x10' is not an amount",
        {"p.yaml": b"budget: 0x10\n"},
    ),
    Case(
        "clock-time budget in a profile",
        ["plan", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml: budget: '1:30' is not an amount",
        {"p.yaml": b"budget: 1:30\n"},
    ),
    Case(
        "wrong type",
        ["suggest", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml: staff: expected a whole number, got a list",
        {"p.yaml": b"staff: [1, 2]\n"},
    ),
    Case(
        "duplicate ids",
        ["data", "check", "c.yaml"],
        1,
        "dup: id: duplicate id",
        {"c.yaml": b"cases: []\nsituations:\n- {id: dup, label: {en: a, nl: a, da: a}}\n- {id: dup, label: {en: a, nl: a, da: a}}\n"},
    ),
    Case(
        "missing language",
        ["data", "check", "c.yaml"],
        1,
        "c.yaml:2: x: label.da: missing",
        {"c.yaml": b"sectors:\n- {id: x, label: {en: a, nl: a}}\n"},
    ),
    Case("path is a folder", ["suggest", "--no-input", "--profile", "."], 1, ". is a folder, not a file: give the path of a YAML file."),
    Case("path missing", ["--values", "nope.yaml", "values", "list"], 1, "nope.yaml does not exist: check the path."),
    Case(
        "cases file is a device",
        ["--cases", "/dev/zero", "cases", "list"],
        1,
        "/dev/zero is not a regular file: give the path of a YAML file.",
    ),
    Case(
        "profile is a FIFO",
        ["suggest", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml is not a regular file: give the path of a YAML file.",
        setup=fifo,
    ),
    Case(
        "answers not yes/no",
        ["values", "checklist", "--answers", "a.yaml"],
        1,
        "a.yaml: phone-on-every-page: answer yes or no",
        {"a.yaml": b"phone-on-every-page: maybe\n"},
    ),
    # text the user types
    Case("situation too long", ["suggest", "--no-input", "--situation", "x" * 10_001], 2, "That is 10001 characters; keep it under 10000."),
    Case(
        "empty gesture text",
        ["log", "add", "--db", "l.sqlite", "--by", "Bo", "--what", "\n", "--cost", "1", "--value", "be-humble"],
        2,
        "--what is empty: say what was done for the customer.",
    ),
    # numbers
    Case("negative budget", ["plan", "--no-input", "--budget", "-1"], 2, "The amount '-1' is negative: give 0 or more."),
    Case("NaN budget", ["plan", "--no-input", "--budget", "nan"], 2, "'nan' is not an amount"),
    Case("infinite budget", ["plan", "--no-input", "--budget", "inf"], 2, "'inf' is not an amount"),
    Case("1e309 budget", ["suggest", "--no-input", "--budget", "1e309"], 2, "'1e309' is not an amount"),
    Case("absurd budget", ["plan", "--no-input", "--budget", "1.000.000.000"], 2, "is more than any amount wowcoach takes"),
    Case("zero staff", ["plan", "--no-input", "--staff", "0"], 2, "0 is out of range: give a number from 1 to 100000."),
    Case("too many staff", ["plan", "--no-input", "--staff", "1000001"], 2, "1000001 is out of range: give a number from 1 to 100000."),
    Case(
        "malformed month",
        ["plan", "--no-input", "--month", "2027-x"],
        2,
        "'2027-x' is not a month: write it like 2027-01, 1/2027 or January 2027 (or next, this, last).",
    ),
    Case("month 13", ["plan", "--no-input", "--month", "2027-13"], 2, "'2027-13' has no month 13: months go from 1 to 12."),
    Case("unknown currency", ["plan", "--no-input", "--currency", "XYZ"], 2, "Unknown currency 'XYZ'"),
    Case("top out of range", ["suggest", "--no-input", "--top", "0"], 2, "Invalid value for '--top'"),
    # the terminal and the command line
    Case("unknown option", ["cases", "list", "--colour"], 2, "No such option: --colour"),
    Case("unknown command", ["sugest"], 2, "No such command 'sugest'"),
    Case("a language wowcoach does not speak", ["values", "list", "--lang", "de"], 2, "'de' is not one of: English, Nederlands, Dansk."),
    Case(
        "a --db address Python cannot split",
        ["log", "list", "--db", "postgresql://bo:pw@h]/x"],
        1,
        "postgresql://bo:***@h]/x is not a PostgreSQL URL wowcoach can use: write it as postgresql://user@host/dbname.",
    ),
    Case(
        "--force onto the ledger the command reads",
        ["log", "export", "--db", "l.sqlite", "l.sqlite", "--force"],
        1,
        "l.sqlite is a file this command reads: write to another file.",
        setup=empty_ledger,
    ),
    Case("end of input at a prompt", ["suggest", "--ask"], 1, "No answer (end of input): use --no-input", input=""),
    Case(
        "huge entry id",
        ["log", "outcome", "99999999999999999999999", "--came-back", "--db", "l.sqlite"],
        1,
        "There is no entry 99999999999999999999999: see `wowcoach log list` for the ids.",
        setup=empty_ledger,
    ),
    Case(
        "date that can never be listed",
        ["log", "add", "--db", "l.sqlite", "--date", "9999-12-31", "--by", "Bo", "--what", "tea", "--cost", "0", "--value", "be-humble"],
        2,
        "'9999-12-31' is outside the years 1900 to 2999: check the year.",
    ),
    Case("remove an entry that does not exist", ["log", "remove", "1", "--db", "l.sqlite"], 1, "There is no entry 1", setup=empty_ledger),
    # files
    Case(
        "export target exists",
        ["export", "--profile", "p.yaml", "-o", "out.md"],
        1,
        "out.md already exists: use --force to overwrite it.",
        {"p.yaml": b"shop_name: Bo\n", "out.md": b"keep"},
    ),
    Case(
        "export folder missing",
        ["export", "--profile", "p.yaml", "-o", "no/such/out.md"],
        1,
        "The folder no/such does not exist: create it first.",
        {"p.yaml": b"shop_name: Bo\n"},
    ),
    Case(
        "ledger corrupted",
        ["log", "list", "--db", "ledger.sqlite"],
        1,
        "is damaged or not a ledger; it was left untouched.",
        setup=ledger_junk,
    ),
    Case("ledger is a folder", ["review", "--db", "."], 1, ". is a folder: give the ledger's file name with --db."),
    Case(
        "ledger path mistyped",
        ["log", "list", "--db", "typo/ledgr.sqlite"],
        1,
        "There is no ledger at typo/ledgr.sqlite: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`.",
    ),
    Case(
        "ledger is a device",
        ["log", "add", "--db", "/dev/zero", "--by", "Bo", "--what", "tea", "--cost", "0", "--value", "be-humble"],
        1,
        "/dev/zero is not a regular file: give the ledger's file name with --db.",
    ),
    Case(
        "ledger of another program",
        ["log", "list", "--db", "other.sqlite"],
        1,
        "other.sqlite is not a wowcoach ledger: give another file with --db.",
        setup=foreign_sqlite,
    ),
    Case(
        "amount with a space inside",
        ["log", "add", "--db", "l.sqlite", "--by", "Bo", "--what", "tea", "--cost", "5 5", "--value", "be-humble"],
        2,
        "'5 5' is not an amount: write it like 250, 250.00 or 250,00.",
    ),
    Case(
        "empty shop name",
        ["log", "list", "--db", "l.sqlite", "--shop", ""],
        2,
        '--shop is empty: give the shop\'s name, e.g. --shop "De Zon Utrecht".',
        setup=empty_ledger,
    ),
    Case(
        "currency left empty in a profile",
        ["plan", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml: currency: give a three-letter code such as EUR, DKK or USD.",
        {"p.yaml": b"currency:\n"},
    ),
    Case(
        "not UTF-8 on the command line",
        ["log", "add", "--db", "l.sqlite", "--by", "Bo\udcff", "--what", "tea", "--cost", "0", "--value", "be-humble"],
        2,
        "'Bo\\xff' is not UTF-8 text: type it again (check your terminal's encoding).",
    ),
    Case(
        "ledger import from a device",
        ["log", "import", "/dev/zero", "--db", "l.sqlite"],
        1,
        "/dev/zero is not a regular file: give the file `wowcoach log export` wrote.",
    ),
    Case(
        "ledger import with a day that is no date",
        ["log", "import", "x.json", "--db", "l.sqlite"],
        1,
        "x.json: entry 1: day: '2027-03-xx' is not a date: write it as YYYY-MM-DD.",
        {"x.json": LEDGER_FILE.replace(b'"day": "2027-03-02"', b'"day": "2027-03-xx"')},
    ),
    Case(
        "line break in an id",
        ["cases", "show", "\r\nfake line"],
        1,
        "Unknown case '\\r\\nfake line'. See `wowcoach cases list` for the ids.",
    ),
    Case(
        "5,000-digit number in a cases file",
        ["data", "check", "c.yaml"],
        1,
        "c.yaml: a number has more than 4300 digits: shorten it, or write it in quotes if it is text.",
        {"c.yaml": b"cases:\n- id: x\n  year: 1" + b"0" * 5000 + b"\n"},
    ),
    Case(
        "date that does not exist in a YAML file",
        ["values", "checklist", "--answers", "a.yaml"],
        1,
        "a.yaml: a value can't be read (day is out of range for month): correct it, or write it in quotes if it is text.",
        {"a.yaml": b"be-humble-1: 2027-02-30\n"},
    ),
    Case(
        "5,000-digit amount in a profile",
        ["plan", "--no-input", "--profile", "p.yaml"],
        1,
        "p.yaml: budget: " + "1" + "0" * 998 + "… is more than any amount wowcoach takes (100 million): check the number.",
        {"p.yaml": b"budget: 1" + b"0" * 5000 + b"\n"},
    ),
]


@pytest.mark.parametrize("case", MATRIX, ids=[c.name for c in MATRIX])
def test_bad_input(run, tmp_path, case):
    for name, content in case.files.items():
        (tmp_path / name).write_bytes(content)
    if case.setup:
        case.setup(tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file() and p.stat().st_size < 1_000_000}
    result = run(*case.args, input=case.input)
    lines = [line for line in result.stderr.splitlines() if line.strip() and not line.startswith("stdin is not a terminal")]
    assert result.exit_code == case.code, (result.exit_code, result.stderr)
    assert any(case.message in line for line in lines), result.stderr
    if case.code == 1:
        assert len(lines) == 1, lines  # one line that says what to do
    assert not TRACEBACK.search(result.stdout + result.stderr)
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file() and p.name in before}
    assert after == before  # nothing the user had was changed
    assert not list(tmp_path.rglob("*.tmp"))


def test_the_matrix_is_documented():
    doc = (Path(__file__).resolve().parents[1] / "docs" / "bad-input.md").read_text(encoding="utf-8")
    assert len(MATRIX) >= 30
    for case in MATRIX:
        assert f"| {case.name} |" in doc, case.name


def test_markup_and_control_characters_are_shown_as_text(run):
    name = "[bold]Bo[/] [link=http://evil.example]x[/link] \x1b[31mred\x1b[0m 🚲 \x07"
    result = run("suggest", "--no-input", "--shop-name", name, "--situation", "[red]late[/red] parcel")
    assert result.exit_code == 0
    assert "[bold]Bo[/] [link=http://evil.example]x[/link]" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "red 🚲" in result.stdout


def test_internal_error_is_short_and_debug_shows_it(run, monkeypatch):
    import wowcoach.app.browse

    def bug(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(wowcoach.app.browse, "list_cases", bug)
    result = run("cases", "list")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Internal error (ZeroDivisionError: division by zero). Please report it with the command you ran; --debug shows the details."
    )
    with pytest.raises(ZeroDivisionError):
        run.runner.invoke(app_(), ["--debug", "cases", "list"], catch_exceptions=False)


def app_():
    from wowcoach.cli.app import app

    return app


def _cli(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("WOWCOACH_")}
    base.update(env or {})
    return subprocess.run([sys.executable, "-m", "wowcoach", *args], capture_output=True, env=base, timeout=60, **kw)


@pytest.mark.slow  # real processes
def test_stdout_closed_early():
    proc = subprocess.Popen(
        [sys.executable, "-m", "wowcoach", "cases", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "100"},
    )
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    proc.wait(timeout=30)
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


@pytest.mark.slow  # real processes
@pytest.mark.parametrize("env,args", [({"NO_COLOR": "1"}, []), ({}, ["--no-color"]), ({"TERM": "dumb"}, [])])
def test_no_escape_codes(env, args):
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "wowcoach", *args, "plan", "--no-input", "--month", "2027-01"],
        env={**os.environ, "COLUMNS": "100", **env},
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "\x1b[" not in child.before, repr(child.before[:200])


@pytest.mark.slow  # real processes
def test_narrow_terminal_stacks_tables():
    result = _cli("plan", "--no-input", "--month", "2027-01", env={"COLUMNS": "40"}, text=True)
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    assert "Typical cost €3.00" in result.stdout.replace("\xa0", " ")


@pytest.mark.slow  # real processes
def test_output_encoding_that_is_not_utf8():
    result = _cli("cases", "show", "zappos-pizza", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    json_out = _cli("suggest", "--no-input", "--situation", "x", "--format", "json", env={"PYTHONIOENCODING": "latin-1"})
    assert json_out.returncode == 0
    import json

    assert json.loads(json_out.stdout.decode("latin-1"))["suggestions"]


def test_ctrl_c_at_every_interview_prompt(run, monkeypatch):
    import rich.prompt

    calls = {"n": 0}
    for stop_at in range(1, 11):

        def ask(*args, _stop=stop_at, **kwargs):
            calls["n"] += 1
            if calls["n"] >= _stop:
                raise KeyboardInterrupt
            return kwargs.get("default") or "3"

        calls["n"] = 0
        monkeypatch.setattr(rich.prompt.Prompt, "ask", ask)
        result = run("suggest", "--ask")
        assert (result.exit_code, result.stderr.strip()) == (130, "Execution stopped by user."), stop_at


def test_unreadable_and_read_only(run, tmp_path, monkeypatch):
    profile = tmp_path / "p.yaml"
    profile.write_text("shop_name: Bo\n")
    real = os.open

    def denied(path, *args, **kwargs):  # as chmod 0 does, for a test run as root too
        if Path(path) == profile:
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    result = run("suggest", "--no-input", "--profile", str(profile))
    assert (result.exit_code, result.stderr.strip()) == (1, f"{profile} cannot be read: check its permissions.")
    monkeypatch.setattr(os, "open", real)

    import tempfile

    def no_write(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", no_write)
    result = run("export", "--profile", str(profile), "-o", str(tmp_path / "out.md"))
    assert (result.exit_code, result.stderr.strip()) == (1, f"Cannot write to {tmp_path}: check its permissions.")


def test_no_color_reaches_error_messages(run):
    message = "Unknown case 'nope'"
    forced = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    coloured = run("cases", "show", "nope", env=forced)
    assert coloured.exit_code == 1 and message in coloured.stderr and "\x1b[" in coloured.stderr
    plain = run("--no-color", "cases", "show", "nope", env=forced)
    assert plain.exit_code == 1 and message in plain.stderr and "\x1b[" not in plain.stderr


@pytest.mark.parametrize(
    "written,cents,staff", [("0050", 5000, "010"), ("010", 1000, "3"), ("150.00", 15000, "+2"), ("12,50", 1250, "007")]
)
def test_profile_numbers_are_read_as_written(run, tmp_path, written, cents, staff):
    """YAML 1.1 would read 0050 as 40 and 010 as 8: the profile's numbers are the text the user wrote."""
    import json

    profile = tmp_path / "p.yaml"
    profile.write_text(f"budget: {written}\nstaff: {staff}\n", encoding="utf-8")
    result = run("plan", "--no-input", "--profile", str(profile), "--month", "2027-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)["plan"]
    assert (plan["budget_cents"], len(plan["allowances"])) == (cents, int(staff))


def _shell(command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "100"}
    )


@pytest.mark.slow  # real processes
def test_closed_stdin_and_stdout():
    me = f"{sys.executable} -m wowcoach"
    result = _shell(f"{me} suggest --no-input --situation 'late parcel' <&-")
    assert result.returncode == 0 and "Internal error" not in result.stderr and "Suggestions for" in result.stdout
    for command in (f"{me} suggest --ask <&-", f"{me} plan --ask <&-"):
        result = _shell(command)
        assert (result.returncode, result.stderr.strip().splitlines()[-1]) == (
            1,
            "No answer (end of input): use --no-input and flags such as --situation to run without questions.",
        )
    result = _shell(f"{me} cases list >&-")
    assert (result.returncode, result.stderr.strip()) == (1, "The output is closed (>&-): run the command with its output open.")


@pytest.mark.slow  # real processes
def test_piped_answers_that_never_fit_stop():
    """`yes notanumber | wowcoach suggest --ask` asked forever (12 MB in 10 s)."""
    result = _shell(f"yes notanumber | {sys.executable} -m wowcoach suggest --ask")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "5 answers in a row could not be used: answer the question, or give the answer as a flag or in --profile."
    )
    assert len(result.stdout) < 20_000


def test_the_sector_choices_list_other_once(run):
    result = run("suggest", "--ask", "--format", "json", input="\n" * 30)
    menu = result.stdout.split("Sector (")[0]
    assert menu.count("Other") == 1 and "Media and publishing" in menu
