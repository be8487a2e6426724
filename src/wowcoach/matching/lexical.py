"""Ranking by words, forgiving how people type: BM25 over the lexical terms of each language
(`forgiving.term`: one spelling, stemmed), with compound words split and near-misses of the
stories' words corrected.

A case's document in a language is its title, story and lesson plus its "applies when"
sentences, which count double: they are written in the words owners use.
"""

from __future__ import annotations

import heapq
import math
from typing import NamedTuple

from wowcoach.languages import CODES
from wowcoach.matching.forgiving import STOP_PLAIN, TYPO_MIN, content_word, plain, split_compound, term
from wowcoach.matching.text import STOPWORDS, detect_language

K1, B = 1.2, 0.75  # BM25's usual saturation and length normalisation
W_CUES, W_TEXT = 1.0, 0.5  # a term in the "applies when" sentences, and in the story's own text
W_PART = 0.7  # a part of a compound word the owner typed
W_TYPO = 0.7  # a story's word one typo from what the owner typed
LANGS = CODES


class Hit(NamedTuple):
    pos: int
    score: float
    words: tuple[str, ...]  # what the owner typed that the case shares
    telling: tuple[str, ...] = ()  # of those, the ones few stories have: the "words in common" an owner is shown


TELLING = 0.25  # a word in more than this share of the stories is too common to name as a reason


def detect(toks: list[str]) -> str | None:
    """The language of a text from its common words, spelled as typed ("paa", "foer" too)."""
    return detect_language([plain(t) for t in toks], STOP_PLAIN)


def query_terms(store, toks: list[str], lang: str, unsure: bool = False) -> dict[str, tuple[float, str]]:
    """term -> (weight, the word typed) for what the owner wrote, in one language. `unsure`: the
    language is a guess, so a common word of any of the three is no content word ("niet" is
    not an English word worth matching)."""
    found: dict[str, tuple[float, str]] = {}

    def add(t: str, weight: float, word: str) -> None:
        if weight > found.get(t, (0.0, ""))[0]:
            found[t] = (weight, word)

    typed = _content_words(toks, lang, unsure)
    if hasattr(store, "read_lex"):  # the index: every word's term looked up at once
        store.read_lex({term(word, lang) for word in typed}, (lang, lang + "_cues"))
    for word in typed:
        t = term(word, lang)
        if store.lex_known(t, lang):
            add(t, 1.0, word)
            continue
        parts = split_compound(word, lambda w: content_word(w, lang) and store.lex_known(term(w, lang), lang)) if lang != "en" else None
        if parts:
            for part in parts:
                add(term(part, lang), W_PART, word)
            continue
        if len(t) >= TYPO_MIN:
            for near in store.spelled_like(t, lang):
                add(near, W_TYPO, word)
    return found


def _content_words(toks: list[str], lang: str, unsure: bool) -> list[str]:
    return [word for word in dict.fromkeys(toks) if content_word(word, lang) and not (unsure and word in STOPWORDS)]


def read_ahead(store, toks: list[str], lang: str | None) -> None:
    """Look up the terms of all these words at once: a long text's sentences are then ranked one
    by one (`moment.focus`) without a query each."""
    if hasattr(store, "read_lex"):
        for lng in (lang,) if lang else LANGS:
            store.read_lex({term(word, lng) for word in _content_words(toks, lng, lang is None)}, (lng, lng + "_cues"))


def detect_by_words(store, toks: list[str]) -> str | None:
    """The language of a text too short to tell by its common words ("late parcel, party
    tomorrow"): the one whose stories know most of its words, when it knows at least two and
    more than either other language."""
    known = {lng: sum(store.lex_known(term(word, lng), lng) for word in _content_words(toks, lng, True)) for lng in LANGS}
    best = max(known, key=known.__getitem__)
    return best if known[best] >= 2 and all(known[best] > n for lng, n in known.items() if lng != best) else None


def rank(store, toks: list[str], lang: str | None, limit: int | None) -> list[Hit]:
    """The `limit` best cases (all with a word in common when None) for the situation's words
    (`text.words`) in its language (`detect`; all three when None), best first; ties by
    position: the library's order."""
    return scored(store, toks, lang).top(limit)


class Scored:
    """Every case's BM25 score for one situation (`scored`). What a case shares with the
    situation is worked out only for the cases asked about (`hit`): in a library of ten
    thousand stories thousands share a word with it, and ranking reads the words of a few dozen."""

    def __init__(self) -> None:
        self.best: dict[int, tuple[float, int]] = {}  # pos -> (score, its language's index in `matched`)
        # Per language scored: (the word typed, the cases with its term, whether few stories have it).
        self.matched: list[list[tuple[str, set[int], bool]]] = []

    def top(self, limit: int | None, among: set[int] | None = None) -> list[Hit]:
        """The `limit` best (all when None), of the cases `among` (all when None), best first;
        ties by position."""

        def order(item: tuple[int, tuple[float, int]]) -> tuple[float, int]:
            return (-round(item[1][0], 6), item[0])

        items = self.best.items() if among is None else [(pos, self.best[pos]) for pos in among if pos in self.best]
        best = sorted(items, key=order) if limit is None else heapq.nsmallest(limit, items, key=order)
        return [self.hit(pos) for pos, _found in best]

    def hit(self, pos: int) -> Hit:
        """A case's score, and the words it shares (KeyError for a case with none)."""
        score, which = self.best[pos]
        matched = self.matched[which]
        shared = tuple(dict.fromkeys(word for word, having, _telling in matched if pos in having))
        telling = tuple(dict.fromkeys(word for word, having, few in matched if few and pos in having))
        return Hit(pos, score, shared, telling)


def scored(store, toks: list[str], lang: str | None) -> Scored:
    """`rank`'s scores, every case with a word in common."""
    out = Scored()
    if not toks:
        return out
    n = max(store.size(), 1)
    best = out.best
    for lng in (lang,) if lang else LANGS:
        lengths = store.lengths(lng)
        avg = (sum(lengths) / len(lengths)) if lengths else 1.0
        scores: dict[int, float] = {}
        matched: list[tuple[str, set[int], bool]] = []
        for t, (weight, word) in query_terms(store, toks, lng, unsure=lang is None).items():
            in_cues = set(store.lex_positions(t, lng + "_cues"))
            in_text = set(store.lex_positions(t, lng))
            having = in_cues | in_text
            if not having:
                continue
            matched.append((word, having, len(having) <= TELLING * n and word not in STOPWORDS))
            idf = math.log(1 + (n - len(having) + 0.5) / (len(having) + 0.5))
            for pos in having:
                tf = W_CUES * (pos in in_cues) + W_TEXT * (pos in in_text)
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[pos] / avg))
                scores[pos] = scores.get(pos, 0.0) + weight * idf * norm
        index = len(out.matched)
        out.matched.append(matched)
        for pos, score in scores.items():
            if score > best.get(pos, (0.0, 0))[0]:
                best[pos] = (score, index)
    return out
