"""The index's `terms` table: what each distinct word of the full-text index carries.

SQLite splits the stories into words (`index_schema.FULL_TEXT`); each distinct word is then split
as `text.words` splits any text, once, and looked at for two things that do not depend on each
other:
- its lexical terms (`forgiving.lexical_terms`), in every column, for BM25 and the typo lists;
- its stems and one-word concepts, in the stories' own text, which the vocabulary ranking reads.
A large library's second process works out the first while the first process works out the
second (`text_writer`); a small library's one process does both.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from wowcoach.matching.forgiving import TYPO_MIN, lexical_terms
from wowcoach.matching.index_schema import LANGS
from wowcoach.matching.text import NUMBER, words

if TYPE_CHECKING:
    from wowcoach.matching.vocabulary import Vocabulary

Row = tuple[str, str, str, str]  # kind, term, column or language, word
INSERT = "INSERT INTO terms VALUES (?, ?, ?, ?)"


def column_words(conn: sqlite3.Connection, cols: Iterable[str]) -> dict[str, list[str]]:
    """The distinct words of each of these columns of the full-text index."""
    return {col: [word for (word,) in conn.execute(f'SELECT term FROM "words_{col}"')] for col in cols}


Split = dict[str, list[str]]  # a word of the full-text index -> as `text.words` splits it


def split_words(raw_words: Iterable[str]) -> Split:
    return {raw: words(raw) for raw in dict.fromkeys(raw_words)}


class Lexical(NamedTuple):
    """What `lexical_rows` works out, to be written by `write`."""

    rows: set[Row]  # ("lex", term, column, word)
    spelling: list[tuple[str, str]]  # ("spelling:" + language, the terms a typo is corrected to, one a line)
    split: Split  # how each word splits, for `vocabulary_rows`

    def write(self, conn: sqlite3.Connection) -> None:
        conn.executemany(INSERT, self.rows)
        conn.executemany("INSERT INTO meta VALUES (?, ?)", self.spelling)


def lexical_rows(words_in: Mapping[str, list[str]]) -> Lexical:
    """The lexical terms of every column's words, and each language's list of the terms a typo
    is corrected to (`spelled_like`: trying the words one typo from it took less time, all the
    typos of a year together, than writing a table of every term's variants)."""
    lexical: dict[str, set[str]] = {lang: set() for lang in LANGS}
    # Each word split once (most are in a story and in its sentences), and the words of each
    # language: the parts a compound may be cut into.
    split = split_words(chain.from_iterable(words_in.values()))
    known: dict[str, set[str]] = {lang: set() for lang in LANGS}
    for col, col_words in words_in.items():
        known[col[:2]].update(chain.from_iterable(map(split.__getitem__, col_words)))
    rows: set[Row] = set()
    add = rows.add
    lexical_of: dict[tuple[str, ...], list[str]] = {}  # many words split alike (every number is NUMBER)
    for col, col_words in words_in.items():
        lang = col[:2]
        for word in col_words:
            toks = split[word]
            key = (lang, *toks)
            lex = lexical_of.get(key)
            if lex is None:
                lex = lexical_of[key] = lexical_terms(toks, lang, known[lang])
                lexical[lang].update(lex)
            for t in lex:
                add(("lex", t, col, word))
    spelling = [("spelling:" + lang, "\n".join(sorted(t for t in ts if len(t) >= TYPO_MIN))) for lang, ts in lexical.items()]
    return Lexical(rows, spelling, split)


def vocabulary_rows(story_words: Mapping[str, Split], vocabulary: Vocabulary) -> set[Row]:
    """The stems and one-word concepts of each language's words in the stories' own text (each
    word with its split words)."""
    rows: set[Row] = set()
    add = rows.add
    for lang, lang_words in story_words.items():
        analysed: dict[tuple[str, ...], tuple[list[str], dict[str, str]]] = {}  # by the split words
        for word, toks in lang_words.items():
            key = tuple(toks)
            found = analysed.get(key)
            if found is None:
                stems, concepts = vocabulary.analyse_word(toks, lang)
                # Every number's stem is NUMBER, which the vocabulary ranking never asks for (it
                # reads words of three letters or more): rows for it would be most of the table
                # in a library of numbered stories.
                found = analysed[key] = ([s for s in stems if s != NUMBER], concepts)
            for s in found[0]:
                add(("stem", s, lang, word))
            for c in found[1]:
                add(("concept", c, lang, word))
    return rows
