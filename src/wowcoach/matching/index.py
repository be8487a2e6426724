"""The matcher's index in SQLite: the cases, which cases carry each tag, value and sector, and a
full-text index of their stories.

Ranking asks the index only for the cases that share something with the situation, so a
library of ten thousand stories answers about as fast as one of fifty, and never has to be
held in memory whole. The file is the cache (`cache.py`); it is rebuilt whenever a data file
changes.

The stories' words are split by SQLite's full-text search (FTS5), in C, many times faster than
Python splits them. Only the distinct words are then stemmed and looked up in the vocabulary
(the `terms` table), so a stem or a concept is found through the words that carry it.
"""

from __future__ import annotations

import dataclasses
import math
import pickle
import sqlite3
from array import array
from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import msgspec

from wowcoach.errors import UserError
from wowcoach.i18n import _
from wowcoach.knowledge.schema import Case
from wowcoach.knowledge.library import Library

if TYPE_CHECKING:
    from wowcoach.matching.vocabulary import Vocabulary

FORMAT = 8  # bump when the layout changes; an older file is then rebuilt

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE cases (pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL,
                    n_situations INTEGER NOT NULL);
-- The cases themselves, BLOCK at a time (block = pos // BLOCK), as MessagePack.
CREATE TABLE case_blocks (block INTEGER PRIMARY KEY, cases BLOB NOT NULL);
CREATE TABLE postings (kind TEXT NOT NULL, term TEXT NOT NULL, positions BLOB NOT NULL,
                       PRIMARY KEY (kind, term)) WITHOUT ROWID;
-- Each language's title, story and lesson; the rowid is the case's pos. Apostrophes stay in a
-- word ("customer's"), so that `textnorm.words` splits each word as it splits any text.
CREATE VIRTUAL TABLE texts USING fts5(en, nl, da, content = '', detail = column, columnsize = 0,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '''’'");
CREATE VIRTUAL TABLE text_words USING fts5vocab(texts, col);
-- The vocabulary's rules by their first word or stem (Vocabulary.by_key), read per word.
CREATE TABLE phrase_rules (key TEXT PRIMARY KEY, rules BLOB NOT NULL) WITHOUT ROWID;
-- The stems and concepts each distinct word of a language's column carries.
CREATE TABLE terms (kind TEXT NOT NULL, term TEXT NOT NULL, lang TEXT NOT NULL, word TEXT NOT NULL,
                    PRIMARY KEY (kind, term, lang, word)) WITHOUT ROWID;
"""

# Cases packed a few together: written in half the time single ones take, and an answer still
# reads only a few small blocks.
BLOCK = 8
TEXT_KINDS = ("concept", "stem")  # found through the words in `texts`; the rest in `postings`


def _create(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    try:
        conn.executescript(SCHEMA)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "fts5" not in str(exc):
            raise
        raise UserError(_("This Python's SQLite lacks full-text search (FTS5), which wowcoach needs: "
                          "use a Python from python.org or from your system's packages.")) from None
    return conn


class Store:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._found: dict[tuple[str, str], list[int]] = {}  # (kind, term) -> positions, this run
        self._blocks: dict[int, list[msgspec.Raw]] = {}
        self._size: int | None = None

    # ---- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, library: Library, vocabulary: "Vocabulary", path: str = ":memory:") -> "Store":
        """Write the index of the library's cases to `path` (a file, or ":memory:").

        The cases are read once, in one pass that feeds every table, and none is kept: a large
        library is never in memory whole (see `case_stream`)."""
        conn = _create(path)
        try:
            store = cls._fill(conn, library, vocabulary)
        except BaseException:
            conn.close()
            raise
        library.indexed_in(store)
        return store

    @classmethod
    def _fill(cls, conn: sqlite3.Connection, library: Library, vocabulary: "Vocabulary") -> "Store":
        conn.execute("BEGIN")
        tag_df: dict[str, int] = defaultdict(int)
        # One row per term, with the positions of the cases that have it packed as 32-bit ints:
        # a term's cases come back in one read.
        postings: dict[tuple[str, str], array] = defaultdict(lambda: array("i"))
        case_rows = []
        encode = msgspec.msgpack.Encoder().encode
        n = 0

        def texts() -> Iterator[tuple[int, str, str, str]]:
            """Each case's row of `texts`; on the way, its other rows."""
            nonlocal n
            block: list[Case] = []
            for pos, case in enumerate(library.iter_cases()):
                n = pos + 1
                case_rows.append((pos, case.id, case.channel, len(case.situations)))
                for kind, terms in (("tag", case.situations), ("value", case.values), ("sector", case.sectors)):
                    for t in set(terms):
                        postings[(kind, t)].append(pos)
                for t in case.situations:
                    tag_df[t] += 1
                block.append(case)
                if len(block) == BLOCK:
                    conn.execute("INSERT INTO case_blocks VALUES (?, ?)", (pos // BLOCK, encode(block)))
                    block = []
                title, story, lesson = case.title, case.story, case.lesson
                yield (pos, f"{title.en} {story.en} {lesson.en}", f"{title.nl} {story.nl} {lesson.nl}",
                       f"{title.da} {story.da} {lesson.da}")  # the columns of `texts`
            if block:
                conn.execute("INSERT INTO case_blocks VALUES (?, ?)", ((n - 1) // BLOCK, encode(block)))

        conn.executemany("INSERT INTO texts (rowid, en, nl, da) VALUES (?, ?, ?, ?)", texts())
        conn.executemany("INSERT INTO cases VALUES (?, ?, ?, ?)", case_rows)
        conn.executemany("INSERT INTO postings VALUES (?, ?, ?)", ((k, t, p.tobytes()) for (k, t), p in postings.items()))
        case_rows.clear()  # written; the terms below are many
        terms_rows = set()
        for word, lang in conn.execute("SELECT term, col FROM text_words").fetchall():
            stems, concepts = vocabulary.analyse_word(word, lang)
            terms_rows.update(("stem", s, lang, word) for s in stems)
            terms_rows.update(("concept", c, lang, word) for c in concepts)
        conn.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", terms_rows)
        # A tag few stories carry ("pet") says more than one many carry ("loyal-customer").
        tag_weight = {t: min(1.6, max(0.6, 0.6 + 0.2 * math.log2((n + 1) / (d + 1)))) for t, d in tag_df.items()}
        # A query looks up a few dozen words: their rules are read from `phrase_rules` (see
        # `rules`) instead of all of them being unpickled on every start.
        conn.executemany("INSERT INTO phrase_rules VALUES (?, ?)",
                         ((k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in vocabulary.by_key.items()))
        header_vocabulary = dataclasses.replace(vocabulary, by_key={})
        library.cases_kept_elsewhere()
        meta = {"format": FORMAT, "library": library, "vocabulary": header_vocabulary, "tag_weight": tag_weight, "n": n}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", ((k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in meta.items()))
        library._cases_in_index = False  # a library that holds its cases goes on holding them
        conn.execute("COMMIT")
        return cls(conn)

    @classmethod
    def open(cls, path: Path) -> "Store":
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        store = cls(conn)
        if store.meta("format") != FORMAT:
            conn.close()
            raise ValueError("index format changed")
        return store

    # ---- reading ----------------------------------------------------------------------------

    def meta(self, key: str):
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def rules(self) -> "StoredRules":
        return StoredRules(self.conn)

    def size(self) -> int:
        if self._size is None:
            self._size = self.meta("n")
        return self._size

    def postings(self, kind: str, terms: Iterable[str]) -> list[tuple[str, int]]:
        """(term, pos) for every case that has one of the terms."""
        if kind in TEXT_KINDS:
            return [(term, p) for term in set(terms) for p in self._text_positions(kind, term)]
        terms = list(set(terms))
        out: list[tuple[str, int]] = []
        for i in range(0, len(terms), 500):  # SQLite limits the number of parameters
            chunk = terms[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for term, blob in self.conn.execute(
                f"SELECT term, positions FROM postings WHERE kind = ? AND term IN ({marks})", (kind, *chunk)
            ):
                positions = array("i")
                positions.frombytes(blob)
                out.extend((term, p) for p in positions)
        return out

    def _text_positions(self, kind: str, term: str) -> list[int]:
        """The cases whose stories hold a word that carries this stem or concept."""
        key = (kind, term)
        if key not in self._found:
            words = self.conn.execute("SELECT lang, word FROM terms WHERE kind = ? AND term = ?", key).fetchall()
            # Each word as a quoted FTS5 string, looked for in its own language's column only.
            match = " OR ".join(f'{{{lang}}} : "{word.replace(chr(34), chr(34) * 2)}"' for lang, word in words)
            self._found[key] = [p for (p,) in self.conn.execute("SELECT rowid FROM texts WHERE texts MATCH ?", (match,))] if words else []
        return self._found[key]

    def postings_for(self, kind: str, terms: Iterable[str], positions: set[int] | None) -> list[tuple[str, int]]:
        """Postings of these terms, only for these cases (all cases when `positions` is None)."""
        found = self.postings(kind, terms)
        return found if positions is None else [(t, p) for t, p in found if p in positions]

    def idf(self, stems: Iterable[str]) -> dict[str, float]:
        """How rare each stem is among the stories; a stem no story has is left out."""
        n = max(self.size(), 1)
        out = {}
        for stem in set(stems):
            df = len(self._text_positions("stem", stem))
            if df:
                out[stem] = math.log((n + 1) / (df + 0.5))
        return out

    def rows(self, positions: Iterable[int]) -> dict[int, tuple[str, str, int]]:
        """pos -> (id, channel, number of situation tags), for the cases being scored."""
        pos = list(set(positions))
        out: dict[int, tuple[str, str, int]] = {}
        for i in range(0, len(pos), 500):
            chunk = pos[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for p, cid, channel, n in self.conn.execute(
                f"SELECT pos, id, channel, n_situations FROM cases WHERE pos IN ({marks})", chunk
            ):
                out[p] = (cid, channel, n)
        return out

    def all_rows(self) -> dict[int, tuple[str, str, int]]:
        return {p: (cid, ch, n) for p, cid, ch, n in self.conn.execute("SELECT pos, id, channel, n_situations FROM cases")}

    def first_ids(self, limit: int, exclude: set[int], channels: tuple[str, ...] | None) -> list[int]:
        """Cases that share nothing with the situation, by id: what fills an answer when few match."""
        sql = "SELECT pos FROM cases"
        params: list[object] = []
        if channels is not None:
            sql += f" WHERE channel IN ({','.join('?' * len(channels))})"
            params += list(channels)
        sql += " ORDER BY id"
        out = []
        for (p,) in self.conn.execute(sql, params):
            if p not in exclude:
                out.append(p)
                if len(out) >= limit:
                    break
        return out

    def case_at(self, pos: int) -> Case:
        block = pos // BLOCK
        if block not in self._blocks:
            row = self.conn.execute("SELECT cases FROM case_blocks WHERE block = ?", (block,)).fetchone()
            # Split into the cases' raw bytes only: an answer decodes just the few it shows.
            self._blocks[block] = _raw_block_decoder().decode(row[0])
        return _case_decoder().decode(self._blocks[block][pos % BLOCK])

    # ---- the library's case source -----------------------------------------------------------

    def all_cases(self) -> list[Case]:
        decode = _block_decoder().decode
        return [case for (blob,) in self.conn.execute("SELECT cases FROM case_blocks ORDER BY block") for case in decode(blob)]

    def case_by_id(self, case_id: str) -> Case | None:
        row = self.conn.execute("SELECT pos FROM cases WHERE id = ?", (case_id,)).fetchone()
        return self.case_at(row[0]) if row else None

    def ids(self) -> list[str]:
        return [cid for (cid,) in self.conn.execute("SELECT id FROM cases ORDER BY pos")]


@lru_cache(maxsize=1)
def _block_decoder() -> msgspec.msgpack.Decoder:
    return msgspec.msgpack.Decoder(list[Case])


@lru_cache(maxsize=1)
def _raw_block_decoder() -> msgspec.msgpack.Decoder:
    return msgspec.msgpack.Decoder(list[msgspec.Raw])


@lru_cache(maxsize=1)
def _case_decoder() -> msgspec.msgpack.Decoder:
    return msgspec.msgpack.Decoder(Case)


class StoredRules:
    """`Vocabulary.by_key` as the index keeps it: each word's rules are read when first asked for."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._read: dict[str, object] = {}

    def get(self, key: str, default=()):
        if key not in self._read:
            row = self.conn.execute("SELECT rules FROM phrase_rules WHERE key = ?", (key,)).fetchone()
            self._read[key] = pickle.loads(row[0]) if row else None
        found = self._read[key]
        return default if found is None else found
