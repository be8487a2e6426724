"""The index's tables, and the connection that writes them: shared by the process that reads a
library's cases (`index.py`) and the second process that writes a large library's texts beside
it (`text_writer.py`).
"""

from __future__ import annotations

import contextlib
import sqlite3

from wowcoach.errors import UserError
from wowcoach.i18n import Msg
from wowcoach.languages import CODES

SCHEMA = """
-- One row, 'header': the library without its cases and the figures ranking needs (index_header.py);
-- one per language, 'spelling:en'...: the lexical terms a typo is corrected to, one a line.
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
-- Where each case is: `length` bytes from `start` in the JSON file it was read from (the
-- header's `files`, by number), or, without a file, its JSON in `case_json`.
CREATE TABLE cases (pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, channel TEXT NOT NULL,
                    n_situations INTEGER NOT NULL, file INTEGER, start INTEGER, length INTEGER);
CREATE TABLE case_json (pos INTEGER PRIMARY KEY, json BLOB NOT NULL);
CREATE TABLE postings (kind TEXT NOT NULL, term TEXT NOT NULL, positions BLOB NOT NULL,
                       PRIMARY KEY (kind, term)) WITHOUT ROWID;
-- The full-text index: a table per column (TEXT_COLUMNS and FULL_TEXT below).
-- The cases whose column is empty because an earlier case (`first`) has its text there.
CREATE TABLE copies (col TEXT NOT NULL, first INTEGER NOT NULL, positions BLOB NOT NULL,
                     PRIMARY KEY (col, first)) WITHOUT ROWID;
-- The vocabulary's rules by their first word or stem (Vocabulary.by_key), read per word.
CREATE TABLE phrase_rules (key TEXT PRIMARY KEY, rules BLOB NOT NULL) WITHOUT ROWID;
-- The sentence vectors of the cases' "applies when" sentences, one per distinct sentence, and
-- each case's vectors in the order en, nl, da of its sentences.
CREATE TABLE vectors (vid INTEGER PRIMARY KEY, vec BLOB NOT NULL);
CREATE TABLE case_vectors (pos INTEGER PRIMARY KEY, counts TEXT NOT NULL, vids BLOB NOT NULL);
-- The stems, concepts and lexical terms (`forgiving.term`) each distinct word of a column carries.
CREATE TABLE terms (kind TEXT NOT NULL, term TEXT NOT NULL, lang TEXT NOT NULL, word TEXT NOT NULL,
                    PRIMARY KEY (kind, term, lang, word)) WITHOUT ROWID;
"""

LANGS = CODES
# Each language's title, story and lesson ("en"), then each language's "applies when" sentences
# ("en_cues"): the columns of the full-text index.
TEXT_COLUMNS = (*LANGS, *(f"{lang}_cues" for lang in LANGS))
# A column's table, the case's pos its rowid, and the words in it. Only which cases have a word
# is kept (detail = none): a lookup never needs where in a text, or in which column, a word is,
# since each column has a table of its own; a third less time to build than one table of six
# columns that keeps each word's column. Apostrophes stay in a word ("customer's"), so that
# `text.words` splits each word as it splits any text.
FULL_TEXT = """
CREATE VIRTUAL TABLE "texts_{col}" USING fts5(text, content = '', detail = none, columnsize = 0,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '''’'");
CREATE VIRTUAL TABLE "words_{col}" USING fts5vocab("texts_{col}", row);
"""
FTS_PENDING = 8 << 20  # bytes


def insert_text(col: str) -> str:
    """The statement that adds a (pos, text) row to a column's full-text table."""
    return f'INSERT INTO "texts_{col}" (rowid, text) VALUES (?, ?)'


def connect(path: str) -> sqlite3.Connection:
    """A connection that writes a new index: no journal, no waiting for the disk (a build that
    fails is thrown away whole; the cache moves a finished file into place)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    return conn


def create(path: str) -> sqlite3.Connection:
    """A new index file (or database in memory) with every table, empty."""
    conn = connect(path)
    try:
        conn.executescript(SCHEMA + "".join(FULL_TEXT.replace("{col}", col) for col in TEXT_COLUMNS))
    except sqlite3.OperationalError as exc:
        conn.close()
        if "fts5" not in str(exc):
            raise
        raise UserError(
            Msg(
                "This Python's SQLite lacks full-text search (FTS5), which wowcoach needs: "
                "use a Python from python.org or from your system's packages."
            )
        ) from None
    # The words of many stories gathered in memory before they are written: a third less time
    # than FTS5's default of 1 MB, which writes and merges many small segments. An SQLite older
    # than the option keeps its default.
    with contextlib.suppress(sqlite3.OperationalError):
        for col in TEXT_COLUMNS:
            conn.execute(f'INSERT INTO "texts_{col}" ("texts_{col}", rank) VALUES (\'hashsize\', {FTS_PENDING})')
    return conn
