"""A large library's index is written by two processes (`text_writer`): the file is the same,
row for row, as the one a single process writes, and a second process that fails or stops
changes nothing: the index is then written by one."""

from __future__ import annotations

import sqlite3

import pytest

from wowcoach.errors import DataError
from wowcoach.knowledge.loader import load_library, load_vocabulary
from wowcoach.matching import text_writer
from wowcoach.matching.index import Store
from wowcoach.matching.vocabulary import Vocabulary

pytestmark = pytest.mark.slow  # each test starts Python processes


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.build(load_vocabulary())


def rows(path) -> dict[str, list[tuple]]:
    """Every table's rows, the full-text index's own tables among them."""
    conn = sqlite3.connect(path)
    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    found = {name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1, 2').fetchall() for name in tables}
    conn.close()
    return found


def build(path, vocabulary, library=None) -> None:
    Store.build(library or load_library(), vocabulary, str(path)).conn.close()


@pytest.fixture
def two_processes(monkeypatch):
    """Every library counts as large, and each writer started is kept to look at."""
    started: list[text_writer.TextWriter] = []
    start = text_writer.TextWriter.start.__func__

    def keep(cls, path, n_cases):
        writer = start(cls, path, n_cases)
        started.append(writer)
        return writer

    monkeypatch.setattr(text_writer, "FROM_CASES", 1)
    monkeypatch.setattr(text_writer.os, "cpu_count", lambda: 2)  # a machine of one core has them too
    monkeypatch.setattr(text_writer.TextWriter, "start", classmethod(keep))
    return started


def test_two_processes_write_the_same_index_as_one(tmp_path, vocabulary, monkeypatch):
    build(tmp_path / "one.sqlite", vocabulary)
    started: list = []
    monkeypatch.setattr(text_writer, "FROM_CASES", 1)
    monkeypatch.setattr(text_writer.os, "cpu_count", lambda: 2)
    original = text_writer.TextWriter.send
    monkeypatch.setattr(text_writer.TextWriter, "send", lambda self, batch: (started.append(1), original(self, batch)))
    build(tmp_path / "two.sqlite", vocabulary)
    assert started, "the texts went to a second process"
    one, two = rows(tmp_path / "one.sqlite"), rows(tmp_path / "two.sqlite")
    assert "texts_en_data" in one and len(one["terms"]) > 1000
    assert one == two


def test_a_second_process_that_fails_leaves_the_index_to_one(tmp_path, vocabulary, two_processes, monkeypatch):
    build(tmp_path / "one.sqlite", vocabulary)
    monkeypatch.setattr(text_writer, "_CHILD", "import sys; sys.stdin.buffer.read(10); sys.exit(1)")
    build(tmp_path / "two.sqlite", vocabulary)
    assert two_processes[-1]._proc.returncode == 1  # the first build had one that worked
    assert rows(tmp_path / "one.sqlite") == rows(tmp_path / "two.sqlite")


def test_a_library_with_a_mistake_stops_the_second_process_too(tmp_path, vocabulary, two_processes):
    cases = tmp_path / "cases.json"
    cases.write_text('{"cases": [{"id": "half-a-case"}]}', encoding="utf-8")
    with pytest.raises(DataError):
        build(tmp_path / "index.sqlite", vocabulary, load_library([cases], None, replace=True))
    assert len(two_processes) == 1 and two_processes[0]._proc.returncode is not None


def test_a_second_process_that_stops_after_the_texts_leaves_the_index_to_one(tmp_path, vocabulary, two_processes, monkeypatch):
    build(tmp_path / "one.sqlite", vocabulary)
    words_then_stop = (  # it reads the batches up to the last (a message of no bytes), answers, and stops
        "import sys, msgspec\n"
        "while size := int.from_bytes(sys.stdin.buffer.read(4), 'little'): sys.stdin.buffer.read(size)\n"
        "m = msgspec.msgpack.encode([[], [], []]); sys.stdout.buffer.write(len(m).to_bytes(4, 'little') + m); sys.stdout.flush(); sys.exit(3)"
    )
    monkeypatch.setattr(text_writer, "_CHILD", words_then_stop)
    build(tmp_path / "two.sqlite", vocabulary)
    assert two_processes[-1]._proc.returncode != 0  # 3, or stopped by the first once its file was not there
    assert rows(tmp_path / "one.sqlite") == rows(tmp_path / "two.sqlite")


def test_suggest_from_a_library_indexed_by_two_processes_says_what_one_process_says(run, tmp_path, monkeypatch):
    import json

    import yaml

    from wowcoach.knowledge.files import shipped_cases_path

    cases = tmp_path / "cases.json"  # a consultant's library is JSON: it is read without a copy kept
    cases.write_text(json.dumps({"cases": yaml.safe_load(shipped_cases_path().read_text(encoding="utf-8"))["cases"]}), encoding="utf-8")
    args = ["--cases", str(cases), "--replace-cases", "suggest", "--no-input", "--format", "json"]
    situation = ["--situation", "Een vaste klant kreeg haar verjaardagscadeau drie dagen te laat"]
    answers = {}
    monkeypatch.setattr(text_writer.os, "cpu_count", lambda: 2)
    sent: list = []
    original = text_writer.TextWriter.send
    monkeypatch.setattr(text_writer.TextWriter, "send", lambda self, batch: (sent.append(1), original(self, batch)))
    for n_cases, folder in ((10**9, "one"), (1, "two")):
        monkeypatch.setattr(text_writer, "FROM_CASES", n_cases)
        monkeypatch.setenv("WOWCOACH_CACHE_DIR", str(tmp_path / folder))
        result = run(*args, *situation)
        assert result.exit_code == 0, result.output
        answers[folder] = json.loads(result.stdout)
        assert list((tmp_path / folder).glob("index-*.sqlite")), "the index was kept"
    assert sent, "the second run's texts went to a second process"
    assert answers["one"] == answers["two"] and answers["one"]["suggestions"]
