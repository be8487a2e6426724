"""The cached index: always current after an edit, never trusted when broken."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import time

import pytest
import yaml

from wowcoach.knowledge.files import shipped_cases_path


@pytest.fixture(autouse=True)
def private_cache(monkeypatch, tmp_path):
    """These tests look into the cache folder, so each has its own, empty, not the session's."""
    monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(tmp_path / "cache"))


def consultant_file(tmp_path, n):
    base = yaml.safe_load(shipped_cases_path().read_text(encoding="utf-8"))["cases"][0]
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
