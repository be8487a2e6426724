"""The matcher's index in SQLite: the cases, and which cases carry each tag, value, sector,
concept and word stem.

Ranking asks the index only for the cases that share something with the situation, so a
library of ten thousand stories answers about as fast as one of fifty, and never has to be
held in memory whole. The file is the cache (`cache.py`); it is rebuilt whenever a data file
changes.
"""

from __future__ import annotations

import math
import pickle
from array import array
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from wowcoach.kb import Case
from wowcoach.library import Library

FORMAT = 2  # bump when the layout changes; an older file is then rebuilt

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE cases (pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL,
                    n_situations INTEGER NOT NULL, blob BLOB NOT NULL);
CREATE TABLE postings (kind TEXT NOT NULL, term TEXT NOT NULL, positions BLOB NOT NULL,
                       PRIMARY KEY (kind, term)) WITHOUT ROWID;
CREATE TABLE idf (term TEXT PRIMARY KEY, idf REAL NOT NULL) WITHOUT ROWID;
"""

# What a case row tells the ranking, without unpickling the case.
KINDS = ("tag", "value", "sector", "concept", "stem")


class Store:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    # ---- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, library: Library, vocabulary, features, path: str = ":memory:") -> "Store":
        """Write the index. `features(case)` gives a case's (word stems, topic concepts)."""
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(SCHEMA)
        conn.execute("BEGIN")
        df: dict[str, int] = defaultdict(int)
        tag_df: dict[str, int] = defaultdict(int)
        # One row per term, with the positions of the cases that have it packed as 32-bit ints:
        # a tenth of the rows, and a term's cases come back in one read.
        postings: dict[tuple[str, str], array] = defaultdict(lambda: array("i"))
        case_rows = []
        for pos, case in enumerate(library.cases):
            stems, concepts = features(case)
            case_rows.append((pos, case.id, case.channel, len(case.situations), pickle.dumps(case, protocol=pickle.HIGHEST_PROTOCOL)))
            for kind, terms in (("tag", case.situations), ("value", case.values), ("sector", case.sectors),
                                ("concept", concepts), ("stem", stems)):
                for t in set(terms):
                    postings[(kind, t)].append(pos)
            for s in stems:
                df[s] += 1
            for t in case.situations:
                tag_df[t] += 1
        conn.executemany("INSERT INTO cases VALUES (?, ?, ?, ?, ?)", case_rows)
        conn.executemany("INSERT INTO postings VALUES (?, ?, ?)", ((k, t, p.tobytes()) for (k, t), p in postings.items()))
        n = max(len(library.cases), 1)
        conn.executemany("INSERT INTO idf VALUES (?, ?)", ((s, math.log((n + 1) / (d + 0.5))) for s, d in df.items()))
        # A tag few stories carry ("pet") says more than one many carry ("loyal-customer").
        tag_weight = {t: min(1.6, max(0.6, 0.6 + 0.2 * math.log2((n + 1) / (d + 1)))) for t, d in tag_df.items()}
        library.cases_kept_elsewhere()
        meta = {"format": FORMAT, "library": library, "vocabulary": vocabulary, "tag_weight": tag_weight, "n": len(library.cases)}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", ((k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL)) for k, v in meta.items()))
        library._cases_in_index = False  # this object goes on holding its cases
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

    def postings(self, kind: str, terms: Iterable[str]) -> list[tuple[str, int]]:
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

    def postings_for(self, kind: str, terms: Iterable[str], positions: set[int] | None) -> list[tuple[str, int]]:
        """Postings of these terms, only for these cases (all cases when `positions` is None)."""
        found = self.postings(kind, terms)
        return found if positions is None else [(t, p) for t, p in found if p in positions]

    def idf(self, terms: Iterable[str]) -> dict[str, float]:
        terms = list(set(terms))
        marks = ",".join("?" * len(terms))
        return dict(self.conn.execute(f"SELECT term, idf FROM idf WHERE term IN ({marks})", terms).fetchall()) if terms else {}

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
        return pickle.loads(self.conn.execute("SELECT blob FROM cases WHERE pos = ?", (pos,)).fetchone()[0])

    # ---- the library's case source -----------------------------------------------------------

    def all_cases(self) -> list[Case]:
        return [pickle.loads(b) for (b,) in self.conn.execute("SELECT blob FROM cases ORDER BY pos")]

    def case_by_id(self, case_id: str) -> Case | None:
        row = self.conn.execute("SELECT blob FROM cases WHERE id = ?", (case_id,)).fetchone()
        return pickle.loads(row[0]) if row else None

    def ids(self) -> list[str]:
        return [cid for (cid,) in self.conn.execute("SELECT id FROM cases ORDER BY pos")]
