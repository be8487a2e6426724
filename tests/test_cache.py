"""The cached index: always current after an edit, never trusted when broken."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import time

import pytest

from conftest import shipped_case
from wowcoach.knowledge.files import shipped_cases_path


@pytest.fixture(autouse=True)
def private_cache(monkeypatch, tmp_path):
    """These tests look into the cache folder, so each has its own, empty, not the session's."""
    monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(tmp_path / "cache"))


def consultant_file(tmp_path, n):
    base = shipped_case()
    cases = []
    for i in range(n):
        case = copy.deepcopy(base)
        case["id"] = f"my-story-{i}"
        cases.append(case)
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"cases": cases}), encoding="utf-8")
    return path


def ids(run, path):
    result = run("--cases", str(path), "--replace-cases", "cases", "list", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [c["id"] for c in json.loads(result.stdout)["cases"]]


def test_an_edit_is_always_seen(run, tmp_path):
    path = consultant_file(tmp_path, 2)
    assert ids(run, path) == ["my-story-0", "my-story-1"]
    cache = tmp_path / "cache"
    assert len(list(cache.glob("index-*.sqlite"))) == 1
    path.write_text(path.read_text().replace("my-story-1", "my-story-b"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert ids(run, path) == ["my-story-0", "my-story-b"]
    grown = consultant_file(tmp_path, 3)
    assert ids(run, grown) == ["my-story-0", "my-story-1", "my-story-2"]


def test_a_json_librarys_cases_stay_in_its_file_and_read_back_as_written(run, tmp_path):
    """The index keeps where each story of a JSON library is, not a copy of it: a story shown
    after the index was built is the one in the file, word for word."""
    path = consultant_file(tmp_path, 3)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cases"][1]["title"]["en"] = "The second story, in its own words"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert ids(run, path) == ["my-story-0", "my-story-1", "my-story-2"]
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    conn = sqlite3.connect(index)
    assert conn.execute("SELECT count(*) FROM case_json").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM cases WHERE file IS NULL").fetchone()[0] == 0
    conn.close()
    result = run("--cases", str(path), "--replace-cases", "cases", "show", "my-story-1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "The second story, in its own words"


def test_stories_of_two_json_files_are_each_read_from_their_own(run, tmp_path):
    """With two JSON libraries, each story is read back from the file it came from, and a story
    the second file gives again under the same id is the second file's."""
    first = consultant_file(tmp_path, 3)
    data = json.loads(first.read_text(encoding="utf-8"))
    data["cases"][1]["title"]["en"] = "Told again in the second file"
    data["cases"][0]["id"] = "only-in-the-second"
    second = tmp_path / "more.json"
    second.write_text(json.dumps({"cases": data["cases"][:2]}, indent=1), encoding="utf-8")
    args = ("--cases", str(first), "--cases", str(second), "--replace-cases", "cases")
    result = run(*args, "list", "--format", "json")
    assert [c["id"] for c in json.loads(result.stdout)["cases"]] == ["my-story-0", "my-story-1", "my-story-2", "only-in-the-second"]
    titles = {cid: json.loads(run(*args, "show", cid, "--format", "json").stdout)["title"] for cid in ("my-story-1", "my-story-2")}
    assert titles["my-story-1"] == "Told again in the second file"
    assert titles["my-story-2"] == shipped_case()["title"]["en"]


def test_a_file_changed_behind_the_index_is_said_not_misread(run, tmp_path):
    """A JSON library changed while its size and time stay the same (the index can't tell) is
    never shown as other stories: the run says what happened and what to do."""
    path = consultant_file(tmp_path, 2)
    assert ids(run, path) == ["my-story-0", "my-story-1"]
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("my-story-1", "my-story-x"), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    result = run("--cases", str(path), "--replace-cases", "cases", "list", "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"{path.resolve()} changed while wowcoach was reading it: run the command again."


def test_a_corrupt_index_is_ignored_and_rebuilt(run, tmp_path):
    path = consultant_file(tmp_path, 2)
    ids(run, path)
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    index.write_bytes(b"garbage" * 1000)
    assert ids(run, path) == ["my-story-0", "my-story-1"]
    conn = sqlite3.connect(index)
    assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == 2
    conn.close()
    index.write_bytes(index.read_bytes()[:2048])  # a truncated file
    assert ids(run, path) == ["my-story-0", "my-story-1"]


DAMAGED = "The search index in the cache was damaged; wowcoach rebuilt it"


@pytest.mark.parametrize("damage", ["zeroed page", "flipped byte", "folder", "pipe"])
def test_a_damaged_index_is_said_and_rebuilt(run, tmp_path, damage):
    path = consultant_file(tmp_path, 2)
    ids(run, path)
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    if damage == "zeroed page":  # as `dd conv=notrunc` leaves it: size kept, a page of zeros
        with index.open("r+b") as handle:
            handle.seek(4096 * 3)
            handle.write(bytes(4096))
    elif damage == "flipped byte":  # inside a record: SQLite would read it as good
        data = bytearray(index.read_bytes())
        data[len(data) // 2] ^= 0xFF
        index.write_bytes(bytes(data))
    elif damage == "folder":
        index.unlink()
        index.mkdir()
        (index / "x").write_text("x")
    else:
        index.unlink()
        os.mkfifo(index)  # reading it would wait for a writer forever
    result = run("--cases", str(path), "--replace-cases", "cases", "list", "--format", "json")
    assert result.exit_code == 0
    assert [c["id"] for c in json.loads(result.stdout)["cases"]] == ["my-story-0", "my-story-1"]
    assert result.stderr.startswith(DAMAGED) and result.stderr.count("\n") == 1
    assert index.is_file()
    assert run("--cases", str(path), "--replace-cases", "cases", "list").stderr == ""  # rebuilt, and trusted again


def test_a_touched_but_unchanged_index_is_trusted_without_a_note(run, tmp_path):
    path = consultant_file(tmp_path, 2)
    ids(run, path)
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    os.utime(index, ns=(index.stat().st_atime_ns, index.stat().st_mtime_ns + 5_000_000_000))
    result = run("--cases", str(path), "--replace-cases", "cases", "list")
    assert result.exit_code == 0 and result.stderr == ""


def test_the_cache_holds_plain_data_and_runs_none_of_it(run, tmp_path):
    """A pickle put where the header belongs is not run: the header is read as typed MessagePack."""
    import pickle

    path = consultant_file(tmp_path, 2)
    ids(run, path)
    (index,) = (tmp_path / "cache").glob("index-*.sqlite")
    conn = sqlite3.connect(index)
    assert [r[0] for r in conn.execute("SELECT key FROM meta ORDER BY key")] == ["header", "spelling:da", "spelling:en", "spelling:nl"]

    class Payload:
        def __reduce__(self):
            return (os.mkdir, (str(tmp_path / "pwned"),))

    conn.execute("UPDATE meta SET value = ? WHERE key = 'header'", (pickle.dumps(Payload()),))
    conn.commit()
    conn.close()
    (index.with_suffix(".sum")).unlink()  # as if whoever wrote it had made a checksum too
    result = run("--cases", str(path), "--replace-cases", "cases", "list", "--format", "json")
    assert result.exit_code == 0 and not (tmp_path / "pwned").exists()
    assert result.stderr.startswith(DAMAGED)


def test_the_key_follows_the_code_that_builds_the_index(tmp_path, monkeypatch):
    """No format number to bump by hand: a change to the code of knowledge/ or matching/ is a new key."""
    import shutil

    from wowcoach.matching import cache

    for folder in cache.INDEX_CODE:
        shutil.copytree(cache.PACKAGE / folder, tmp_path / folder)
    monkeypatch.setattr(cache, "PACKAGE", tmp_path)
    cache.code_fingerprint.cache_clear()
    try:
        before = cache.cache_key([])
        assert cache.cache_key([]) == before
        with (tmp_path / "matching" / "index.py").open("a", encoding="utf-8") as handle:
            handle.write("\n# a change to the layout\n")
        cache.code_fingerprint.cache_clear()
        assert cache.cache_key([]) != before
    finally:
        cache.code_fingerprint.cache_clear()


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(run, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(blocker / "cache"))
    path = consultant_file(tmp_path, 1)
    assert ids(run, path) == ["my-story-0"]
    result = run("suggest", "--no-input", "--situation", "sold out", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["suggestions"]


def test_the_cache_gives_the_same_answer_as_a_fresh_build(run, tmp_path):
    args = ("suggest", "--no-input", "--format", "json", "--situation", "De klant was boos over een te laat pakketje")
    first = run(*args).stdout  # builds the index
    second = run(*args).stdout  # reads it
    assert first == second


def test_any_sqlite_error_while_building_falls_back_to_memory(tmp_path):
    """A full cache folder: SQLite says 'database or disk is full', which is no OSError."""
    from wowcoach.matching.cache import open_index

    files = [shipped_cases_path()]
    built: list[str] = []

    def build(path: str):
        built.append(path)
        if path != ":memory:":
            raise sqlite3.OperationalError("database or disk is full")
        return "in memory"

    assert open_index(files, build, lambda path: "from disk") == "in memory"
    assert built[-1] == ":memory:"
    assert not list((tmp_path / "cache").glob(".index-*"))


def test_stale_temporary_files_are_removed_by_the_next_build(run, tmp_path):
    """kill -9 during a build leaves `.index-*.tmp` (and its journal) behind."""
    cache = tmp_path / "cache"
    cache.mkdir()
    stale, fresh = cache / ".index-dead.tmp", cache / ".index-running.tmp"
    for leftover in (stale, cache / ".index-dead.tmp-journal", fresh):
        leftover.write_bytes(b"x")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(cache / ".index-dead.tmp-journal", (old, old))
    ids(run, consultant_file(tmp_path, 1))
    assert sorted(p.name for p in cache.glob(".index-*")) == [fresh.name]  # a build still running keeps its file


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="mounting a tiny disk needs root")
def test_a_full_cache_disk_only_costs_speed(run, tmp_path, monkeypatch):
    from conftest import tiny_disk

    with tiny_disk(tmp_path / "disk") as disk:
        monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(disk))
        path = consultant_file(tmp_path, 3)
        assert ids(run, path) == ["my-story-0", "my-story-1", "my-story-2"]
        result = run("suggest", "--no-input", "--situation", "sold out", "--format", "json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["suggestions"]


@pytest.fixture
def prepared(tmp_path, monkeypatch):
    """The shipped sentences' vector file, at a place of the test's own."""
    from wowcoach.matching import semantic

    path = tmp_path / "compiled" / semantic.VECTORS_FILE
    path.parent.mkdir()
    monkeypatch.setattr(semantic, "prepared_vectors_path", lambda: path)
    semantic.shipped_vectors.cache_clear()
    yield path
    semantic.shipped_vectors.cache_clear()


def write_vectors(path, model: str) -> None:
    import msgspec

    path.write_bytes(msgspec.msgpack.encode({"model": model, "vectors": {}}))


def test_new_prepared_vectors_rebuild_the_index(run, tmp_path, monkeypatch, prepared):
    """The index copies the prepared vectors (even with the model off): a new vector file, as a
    rebuilt or reinstalled package brings, is a new index; the same file is the same index."""
    monkeypatch.setenv("WOWCOACH_MODEL", "off")
    cache, path = tmp_path / "cache", consultant_file(tmp_path, 1)

    def indexes() -> set[str]:
        assert ids(run, path) == ["my-story-0"]
        return {p.name for p in cache.glob("index-*.sqlite")}

    (without,) = indexes()
    write_vectors(prepared, "sha256=one")
    (with_one,) = indexes() - {without}
    assert indexes() == {without, with_one}  # the same file: read, not built again
    write_vectors(prepared, "sha256=another")
    (with_another,) = indexes() - {without, with_one}
    prepared.unlink()
    assert indexes() == {without, with_one, with_another}  # as at first: the first index serves


def test_the_key_follows_the_model_file(tmp_path, monkeypatch, prepared):
    import shutil

    from wowcoach.matching.semantic import model_files, model_stamp

    _engine, model = model_files()
    copy = tmp_path / model.name
    shutil.copyfile(model, copy)
    monkeypatch.setenv("WOWCOACH_MODEL", str(copy))
    first = model_stamp()
    assert model_stamp() == first and first.startswith("sha256|")
    os.utime(copy, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns + 1_000_000))  # the model put back, or another copy
    assert model_stamp() != first
    monkeypatch.setenv("WOWCOACH_MODEL", "off")
    assert model_stamp() == "none;vectors|none"
