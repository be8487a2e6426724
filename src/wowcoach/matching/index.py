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

import contextlib
import math
import os
import sqlite3
import stat
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import msgspec

from wowcoach.errors import UserError
from wowcoach.i18n import Msg
from wowcoach.knowledge.case_stream import Span
from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import Case
from wowcoach.matching import index_header, index_terms, text_writer
from wowcoach.matching.forgiving import one_typo_apart, one_typo_variants
from wowcoach.matching.index_schema import LANGS, TEXT_COLUMNS, connect, create
from wowcoach.matching.semantic import text_key
from wowcoach.safeio import open_without_waiting

if TYPE_CHECKING:
    from wowcoach.matching.vocabulary import Vocabulary

TEXT_KINDS = ("concept", "stem")  # found through the words in the full-text index; the rest in `postings`
CHUNK = 250  # cases whose texts are written at a time

SQL_PARAMETERS = 500  # SQLite limits the number of parameters of one statement
Item = TypeVar("Item")


def in_chunks(items: Sequence[Item]) -> Iterator[Sequence[Item]]:
    """`items`, as many at a time as one statement may take as parameters."""
    for i in range(0, len(items), SQL_PARAMETERS):
        yield items[i : i + SQL_PARAMETERS]


class Store:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._found: dict[tuple[str, str], list[int]] = {}  # (kind, term) -> positions, this run
        self._near: dict[tuple[str, str], list[str]] = {}  # (term, lang) -> terms a typo away, this run
        self._size: int | None = None
        self._cache: dict[str, Any] = {}
        self._head: index_header.Header | None = None

    # ---- building ---------------------------------------------------------------------------

    @classmethod
    def build(cls, library: Library, vocabulary: Vocabulary, path: str = ":memory:") -> Store:
        """Write the index of the library's cases to `path` (a file, or ":memory:").

        The cases are read once, in one pass that feeds every table, and none is kept: a large
        library is never in memory whole (see `case_stream`). The texts of a large one are
        written by a second process meanwhile (`text_writer`)."""
        store = None
        writer = text_writer.TextWriter.start(path, library.size())
        if writer is not None:
            try:
                store = cls._fill(library, vocabulary, path, writer)
            except (text_writer.WriterFailed, sqlite3.Error):  # the file it should have made, too
                with contextlib.suppress(OSError):
                    os.unlink(path)  # what it wrote: the index is written again, in one process
            finally:
                writer.close()
        if store is None:
            store = cls._fill(library, vocabulary, path, None)
        library.indexed_in(store)
        return store

    @classmethod
    def _fill(cls, library: Library, vocabulary: Vocabulary, path: str, writer: text_writer.TextWriter | None) -> Store:
        opened: list[sqlite3.Connection] = []

        def the_file() -> sqlite3.Connection:
            """The index at `path`, in a transaction: new, or the one the writer made."""
            if not opened:
                opened.append(create(path) if writer is None else connect(path))
                if writer is not None:
                    # Its rows stay in memory until it commits (a few MB; the cache grows past its
                    # size instead): written to the file before, they would wait for the writer to
                    # finish reading it.
                    opened[0].execute("PRAGMA cache_spill = OFF")
                opened[0].execute("BEGIN")
            return opened[0]

        try:
            return cls._write(the_file, library, vocabulary, writer or text_writer.InProcess(the_file()))
        except BaseException:
            for conn in opened:
                conn.close()
            raise

    @classmethod
    def _write(
        cls, the_file: Callable[[], sqlite3.Connection], library: Library, vocabulary: Vocabulary, writer: text_writer.Writer
    ) -> Store:
        tag_df: dict[str, int] = defaultdict(int)
        # One row per term, with the positions of the cases that have it packed as 32-bit ints:
        # a term's cases come back in one read.
        postings: dict[tuple[str, str], array] = defaultdict(lambda: array("i"))
        case_rows: list[tuple[Any, ...]] = []
        case_json = []  # (pos, JSON) of the cases that are in no JSON file
        files: dict[str, int] = {}  # the JSON files the cases are in -> their number
        n = 0
        lengths = {lang: array("f") for lang in LANGS}  # words per case and language, for BM25
        cue_keys: dict[str, int] = {}  # sentence -> vid, in the order of the vids
        new_vid = cue_keys.setdefault
        case_cues = []
        # A column's text that an earlier case has word for word (most often a language's
        # "applies when" sentences, which a consultant reuses from story to story) is split into
        # words once: the later cases leave that column empty in `texts`, and `copies` lists them
        # by the column and the first case's pos. A text is known by its hash (64 bits, keyed
        # per run) and length, so that the texts themselves need not be kept.
        first_with: dict[tuple[str, int, int], int] = {}  # (language, hash, length) -> first pos
        # (language, hash, length) of a list of sentences -> (first pos, vids, spaces, sentences).
        cue_lists: dict[tuple[str, int, int], tuple[int, array, int, str]] = {}
        copies: dict[tuple[str, int], array] = defaultdict(lambda: array("i"))

        column_rows: list[list[tuple[int, str]]] = [[] for _col in TEXT_COLUMNS]  # (pos, text) to write

        def write_texts() -> None:
            writer.send(column_rows)
            for rows in column_rows:
                rows.clear()

        def texts() -> None:
            """Each case's texts into the full-text index, CHUNK cases at a time; on the way, its other rows."""
            nonlocal n
            text_rows, cue_rows = column_rows[: len(LANGS)], column_rows[len(LANGS) :]
            for pos, (case, where) in enumerate(library.iter_cases_json()):
                n = pos + 1
                if isinstance(where, Span):
                    file = files.setdefault(where.path, len(files))
                    case_rows.append((pos, case.id, case.channel, len(case.situations), file, where.start, where.length))
                else:
                    case_rows.append((pos, case.id, case.channel, len(case.situations), None, None, None))
                    case_json.append((pos, where))
                for kind, terms in (("tag", case.situations), ("value", case.values), ("sector", case.sectors)):
                    for t in set(terms):
                        postings[(kind, t)].append(pos)
                for t in case.situations:
                    tag_df[t] += 1
                title, story, lesson, cues = case.title, case.story, case.lesson, case.applies_when
                vids = array("i")
                counts = []
                for i, lang in enumerate(LANGS):
                    text = f"{getattr(title, lang)} {getattr(story, lang)} {getattr(lesson, lang)}"
                    first = first_with.setdefault((lang, hash(text), len(text)), pos)
                    if first == pos:
                        text_rows[i].append((pos, text))
                    else:
                        copies[(lang, first)].append(pos)
                    sentences = getattr(cues, lang)
                    key = (lang, hash(sentences), len(sentences))
                    listed = cue_lists.get(key)
                    if listed is None:
                        joined = " ".join(sentences)
                        ids = array("i", [new_vid(s, len(cue_keys)) for s in sentences])
                        listed = cue_lists[key] = (pos, ids, joined.count(" "), str(len(sentences)))
                        cue_rows[i].append((pos, joined))
                    else:
                        copies[(lang + "_cues", listed[0])].append(pos)
                    vids.extend(listed[1])
                    counts.append(listed[3])
                    lengths[lang].append(text.count(" ") + listed[2] + 2)  # words, near enough for BM25
                case_cues.append((pos, ",".join(counts), vids.tobytes()))
                if n % CHUNK == 0:
                    write_texts()
            write_texts()

        texts()
        # The rest of the index, worked out while the writer writes the last texts, then written
        # while it reads the stories' words out of the full-text index.
        # The example questions of what wowcoach does not coach get vectors too: a situation close
        # to them is likely one that no story fits.
        not_coached: dict[str, list[int]] = {lang: [] for lang in LANGS}
        for concept in vocabulary.concepts.values():
            if concept.coached:
                continue
            for lang in LANGS:
                not_coached[lang] += [new_vid(sentence, len(cue_keys)) for sentence in getattr(concept.examples, lang)]
        vector_model, vectors = cls._vectors(list(cue_keys))
        # A tag few stories carry ("pet") says more than one many carry ("loyal-customer").
        tag_weight = {t: min(1.6, max(0.6, 0.6 + 0.2 * math.log2((n + 1) / (d + 1)))) for t, d in tag_df.items()}
        # A query looks up a few dozen words: their rules are read from `phrase_rules` (see
        # `rules`) instead of all of them being decoded on every start.
        rules = [(k, index_header.encode_rules(v)) for k, v in vocabulary.by_key.items()]
        header = index_header.Header(
            library=index_header.LibraryHeader.of(library),
            concepts=vocabulary.concepts,
            singles=vocabulary.singles,
            tag_weight=tag_weight,
            n=n,
            lengths={lang: a.tobytes() for lang, a in lengths.items()},
            vector_model=vector_model,
            not_coached=not_coached,
            files=list(files),
        )
        writer.texts_written()
        conn = the_file()
        conn.executemany("INSERT INTO copies VALUES (?, ?, ?)", ((col, first, others.tobytes()) for (col, first), others in copies.items()))
        conn.executemany("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?, ?)", case_rows)
        conn.executemany("INSERT INTO case_json VALUES (?, ?)", case_json)
        conn.executemany("INSERT INTO postings VALUES (?, ?, ?)", ((k, t, p.tobytes()) for (k, t), p in postings.items()))
        if vector_model is not None:
            conn.executemany("INSERT INTO vectors VALUES (?, ?)", enumerate(vectors))
            conn.executemany("INSERT INTO case_vectors VALUES (?, ?, ?)", case_cues)
        conn.executemany("INSERT INTO phrase_rules VALUES (?, ?)", rules)
        conn.execute("INSERT INTO meta VALUES ('header', ?)", (index_header.encode(header),))
        story_words = writer.story_words()
        conn.executemany(index_terms.INSERT, index_terms.vocabulary_rows(story_words, vocabulary))
        story_words.clear()
        conn.execute("COMMIT")  # the writer writes the lexical terms after it (`finish`)
        writer.finish()
        return cls(conn)

    @staticmethod
    def _vectors(texts: list[str]) -> tuple[str | None, list[bytes | None]]:
        """A vector for every sentence: the shipped ones from the wheel, the others made with the
        model now; and the model's fingerprint, or None when there are none (no model here):
        ranking then goes by words only."""
        from wowcoach.matching.semantic import Embedder, ModelUnavailable, model_files, shipped_vectors

        model, shipped = shipped_vectors()
        found = [shipped.get(text_key(t)) for t in texts]
        missing = [i for i, v in enumerate(found) if v is None]
        if missing:
            try:
                embedder = Embedder(*model_files(), expected=model or None)
            except ModelUnavailable:
                return None, []
            model = embedder.fingerprint
            for i, vec in zip(missing, embedder.passages([texts[i] for i in missing]), strict=False):
                found[i] = vec
        if not model:
            return None, []
        return model, found

    @classmethod
    def open(cls, path: Path) -> Store:
        """The index in `path`, its header read and checked (msgspec errors for one that isn't)."""
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        store = cls(conn)
        try:
            store._header()
        except BaseException:
            conn.close()
            raise
        return store

    # ---- reading ----------------------------------------------------------------------------

    def _header(self) -> index_header.Header:
        if self._head is None:
            row = self.conn.execute("SELECT value FROM meta WHERE key = 'header'").fetchone()
            if row is None:
                raise msgspec.DecodeError("the index has no header")
            self._head = index_header.decode(row[0])
        return self._head

    def meta(self, key: str):
        """A figure of the header ("n", "tag_weight", "lengths", "vector_model"), or the library
        ("library", its cases read from here) or the vocabulary ("vocabulary") it was built from."""
        header = self._header()
        if key == "library":
            return header.library.library()
        if key == "vocabulary":
            from wowcoach.matching.vocabulary import Vocabulary

            return Vocabulary(header.concepts, {}, header.singles)
        return getattr(header, key)

    def rules(self) -> StoredRules:
        return StoredRules(self.conn)

    def size(self) -> int:
        if self._size is None:
            self._size = self.meta("n")
        return self._size

    def postings(self, kind: str, terms: Iterable[str]) -> list[tuple[str, int]]:
        """(term, pos) for every case that has one of the terms."""
        if kind in TEXT_KINDS:
            terms = set(terms)
            self._read_text(kind, terms)
            return [(term, p) for term in terms for p in self._text_positions(kind, term)]
        terms = list(set(terms))
        out: list[tuple[str, int]] = []
        for chunk in in_chunks(terms):
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
            self._found[key] = self._cases_with(words)
        return self._found[key]

    def _read_text(self, kind: str, terms: Iterable[str]) -> None:
        """`_text_positions` of these terms, their words read in one query instead of one each."""
        todo = sorted({term for term in terms if (kind, term) not in self._found})
        for chunk in in_chunks(todo):
            words: dict[str, list[tuple[str, str]]] = {term: [] for term in chunk}
            rows = self.conn.execute(
                f"SELECT term, lang, word FROM terms WHERE kind = ? AND term IN ({','.join('?' * len(chunk))})", (kind, *chunk)
            )
            for term, lang, word in rows:  # in the order of the primary key, as `_text_positions` reads them
                words[term].append((lang, word))
            for term, found in words.items():
                self._found[(kind, term)] = self._cases_with(found)

    def _cases_with(self, words: list[tuple[str, str]]) -> list[int]:
        """The cases whose column holds one of these (column, word) pairs."""
        if not words:
            return []
        copies = self._copies()
        alone = [(col, word) for col, word in words if col not in copies]
        found = self._matching(alone) if alone else []
        shared = {col for col, _word in words if col in copies}
        if not shared:
            return found
        # A column with copies is looked in on its own: its matches stand for their copies too.
        having = set(found)
        for col in shared:
            firsts = self._matching([(c, word) for c, word in words if c == col])
            having.update(firsts)
            for first in firsts:
                having.update(copies[col].get(first, ()))
        return sorted(having)

    def _matching(self, words: list[tuple[str, str]]) -> list[int]:
        """The cases whose column holds one of these (column, word) pairs, in order."""
        # Each word as a quoted FTS5 string, looked for in its column's table only. The columns
        # come from the index's rows: only ever one of ours is named in SQL.
        by_col: dict[str, list[str]] = {}
        for col, word in words:
            if col in TEXT_COLUMNS:
                by_col.setdefault(col, []).append('"' + word.replace('"', '""') + '"')
        if not by_col:
            return []
        sql = " UNION ".join(f'SELECT rowid FROM "texts_{col}" WHERE "texts_{col}" MATCH ?' for col in by_col) + " ORDER BY 1"
        return [p for (p,) in self.conn.execute(sql, [" OR ".join(found) for found in by_col.values()])]

    def _copies(self) -> dict[str, dict[int, array]]:
        """column -> the pos of a case whose text is in `texts` -> the cases with the same text."""
        if "copies" not in self._cache:
            copies: dict[str, dict[int, array]] = defaultdict(dict)
            for col, first, blob in self.conn.execute("SELECT col, first, positions FROM copies"):
                copies[col][first] = positions = array("i")
                positions.frombytes(blob)
            self._cache["copies"] = dict(copies)
        return self._cache["copies"]

    def postings_for(self, kind: str, terms: Iterable[str], positions: set[int] | None) -> list[tuple[str, int]]:
        """Postings of these terms, only for these cases (all cases when `positions` is None)."""
        found = self.postings(kind, terms)
        return found if positions is None else [(t, p) for t, p in found if p in positions]

    def idf(self, stems: Iterable[str]) -> dict[str, float]:
        """How rare each stem is among the stories; a stem no story has is left out."""
        n = max(self.size(), 1)
        out = {}
        stems = set(stems)
        self._read_text("stem", stems)
        for stem in stems:
            df = len(self._text_positions("stem", stem))
            if df:
                out[stem] = math.log((n + 1) / (df + 0.5))
        return out

    # ---- lexical ranking (`lexical.py`) -------------------------------------------------------

    def lex_positions(self, term: str, col: str) -> list[int]:
        """The cases whose column (e.g. `nl` or `nl_cues`) holds a word with this lexical term."""
        key = ("lex:" + col, term)
        if key not in self._found:
            words = self.conn.execute("SELECT lang, word FROM terms WHERE kind = 'lex' AND term = ? AND lang = ?", (term, col)).fetchall()
            self._found[key] = self._cases_with(words)
        return self._found[key]

    def read_lex(self, terms: Iterable[str], cols: Iterable[str]) -> None:
        """Read the words of these lexical terms in these columns in one query, where
        `lex_positions` would ask once per term and column: a pasted e-mail has hundreds."""
        cols = sorted(set(cols))
        todo = sorted({term for term in terms for col in cols if ("lex:" + col, term) not in self._found})
        for chunk in in_chunks(todo):
            words: dict[tuple[str, str], list[tuple[str, str]]] = {("lex:" + col, term): [] for term in chunk for col in cols}
            rows = self.conn.execute(
                f"SELECT term, lang, word FROM terms WHERE kind = 'lex' AND lang IN ({','.join('?' * len(cols))})"
                f" AND term IN ({','.join('?' * len(chunk))})",
                (*cols, *chunk),
            )
            for term, col, word in rows:  # in the order of the primary key, as `lex_positions` reads them
                words[("lex:" + col, term)].append((col, word))
            for key, found in words.items():
                if key not in self._found:
                    self._found[key] = self._cases_with(found)

    def lex_known(self, term: str, lang: str) -> bool:
        return bool(self.lex_positions(term, lang) or self.lex_positions(term, lang + "_cues"))

    def spelled_like(self, term: str, lang: str) -> list[str]:
        """Terms of the stories one typo away from `term` (asked again for each sentence of a long text)."""
        if (term, lang) not in self._near:
            key = "spelling:" + lang
            if key not in self._cache:
                row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
                # Text, split into words: nothing else is made of it (anything but text is no words).
                known = frozenset(row[0].split("\n")) if row and isinstance(row[0], str) else frozenset()
                self._cache[key] = (known, frozenset("".join(known)))
            known, letters = self._cache[key]
            self._near[(term, lang)] = sorted(t for t in one_typo_variants(term, letters) if t in known and one_typo_apart(t, term))
        return self._near[(term, lang)]

    def lengths(self, lang: str) -> array:
        key = "lengths:" + lang
        if key not in self._cache:
            a = array("f")
            a.frombytes(self.meta("lengths")[lang])
            self._cache[key] = a
        return self._cache[key]

    def case_vectors(self, positions: list[int] | None) -> list[tuple[int, tuple[int, ...], array]]:
        """(pos, sentences per language, vector ids) of these cases, or of all."""
        sql = "SELECT pos, counts, vids FROM case_vectors"
        rows = []
        chunks = [None] if positions is None else list(in_chunks(positions))
        for chunk in chunks:
            params = chunk or []
            where = f" WHERE pos IN ({','.join('?' * len(chunk))})" if chunk else ""
            for pos, counts, blob in self.conn.execute(sql + where, params):
                vids = array("i")
                vids.frombytes(blob)
                rows.append((pos, tuple(int(c) for c in counts.split(",")), vids))
        return rows

    def not_coached(self) -> dict[str, list[int]]:
        """The vector ids of the example questions wowcoach does not coach, per language."""
        return self._header().not_coached

    def vectors(self, vids: set[int] | None) -> dict[int, bytes]:
        if vids is None:
            return dict(self.conn.execute("SELECT vid, vec FROM vectors"))
        out: dict[int, bytes] = {}
        ids = sorted(vids)
        for chunk in in_chunks(ids):
            out.update(self.conn.execute(f"SELECT vid, vec FROM vectors WHERE vid IN ({','.join('?' * len(chunk))})", chunk))
        return out

    def rows(self, positions: Iterable[int]) -> dict[int, tuple[str, str, int]]:
        """pos -> (id, channel, number of situation tags), for the cases being scored."""
        pos = list(set(positions))
        out: dict[int, tuple[str, str, int]] = {}
        for chunk in in_chunks(pos):
            marks = ",".join("?" * len(chunk))
            for p, cid, channel, n in self.conn.execute(f"SELECT pos, id, channel, n_situations FROM cases WHERE pos IN ({marks})", chunk):
                out[p] = (cid, channel, n)
        return out

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
        case_id, file, start, length = self.conn.execute("SELECT id, file, start, length FROM cases WHERE pos = ?", (pos,)).fetchone()
        if file is None:
            return self._case(case_id, None, self.conn.execute("SELECT json FROM case_json WHERE pos = ?", (pos,)).fetchone()[0])
        path = self._header().files[file]
        return self._case(case_id, path, read_file(path, start, length))

    def _case(self, case_id: str, path: str | None, json: bytes) -> Case:
        """The case decoded (and so checked) from `json`, which must be the case the index has
        under that id: a file changed under the index, between the check of its size and time
        and this read, is reported, never shown as another story."""
        try:
            case = _case_decoder().decode(json)
        except msgspec.DecodeError:  # ValidationError too
            case = None
        if case is None or case.id != case_id:
            if path is None:
                raise msgspec.DecodeError("a case in the index does not decode")  # a damaged index
            raise changed(path)
        return case

    # ---- the library's case source -----------------------------------------------------------

    def all_cases(self) -> list[Case]:
        own = dict(self.conn.execute("SELECT pos, json FROM case_json"))
        files = self._header().files
        texts = [read_file(path) for path in files]  # each file read once
        rows = self.conn.execute("SELECT pos, id, file, start, length FROM cases ORDER BY pos")
        return [
            self._case(case_id, None, own[pos]) if file is None else self._case(case_id, files[file], texts[file][start : start + length])
            for pos, case_id, file, start, length in rows
        ]

    def case_by_id(self, case_id: str) -> Case | None:
        row = self.conn.execute("SELECT pos FROM cases WHERE id = ?", (case_id,)).fetchone()
        return self.case_at(row[0]) if row else None

    def ids(self) -> list[str]:
        return [cid for (cid,) in self.conn.execute("SELECT id FROM cases ORDER BY pos")]


def read_file(path: str, start: int = 0, length: int = -1) -> bytes:
    """`length` bytes from `start` of a JSON file the cases are read from (all of it by default),
    only if it is still a regular file (a pipe put in its place would hang the read)."""
    try:
        fd = open_without_waiting(path)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise changed(path)
            handle.seek(start)
            return handle.read(length)
    except OSError:
        raise changed(path) from None


def changed(path: str) -> UserError:
    return UserError(Msg("{path} changed while wowcoach was reading it: run the command again.").format(path=path))


@lru_cache(maxsize=1)
def _case_decoder() -> msgspec.json.Decoder:
    return msgspec.json.Decoder(Case)


class StoredRules:
    """`Vocabulary.by_key` as the index keeps it: each word's rules are read when first asked for."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._read: dict[str, object] = {}

    def read(self, keys: Iterable[str]) -> None:
        """Read the rules of these keys in one query, where `get` would ask once per key."""
        todo = sorted(set(keys) - self._read.keys())
        for chunk in in_chunks(todo):
            found = dict(self.conn.execute(f"SELECT key, rules FROM phrase_rules WHERE key IN ({','.join('?' * len(chunk))})", chunk))
            for key in chunk:
                self._read[key] = index_header.decode_rules(found[key]) if key in found else None

    def get(self, key: str, default=()):
        if key not in self._read:
            row = self.conn.execute("SELECT rules FROM phrase_rules WHERE key = ?", (key,)).fetchone()
            self._read[key] = index_header.decode_rules(row[0]) if row else None
        found = self._read[key]
        return default if found is None else found
