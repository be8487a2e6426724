"""Rank cases against a shop's situation: deterministic, explainable, offline.

A situation is read in English, Dutch or Danish without being told which: every word is
stemmed by all three Snowball stemmers, and a small multilingual vocabulary maps words and
phrases ("uitverkocht", "udsolgt", "sold out") to concepts and situation tags. Each point a
case earns is recorded as a reason, so the answer can say why it matches.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from wowcoach.library import Library
from wowcoach.kb import Case, Concept
from wowcoach.textnorm import STOPWORDS, candidate_stems, detect_language, stem, stems_in, words

# Weights, in points. A situation tag is the strongest evidence: it is what the story is about.
W_TAG = 3.0
W_TYPE = 4.0
W_CONCEPT = 1.0
W_WORD = 0.35
W_SECTOR = 1.0
W_SECTOR_NEAR = 0.3
W_CHANNEL = 0.3
W_VALUE = 1.5
W_COVER = 2.0
MAX_CONCEPTS = 4
MAX_WORD_POINTS = 1.5
COMPOUND_MIN = 5  # a stem this long may sit inside a Dutch or Danish compound word
COMPOUND_REST = 4  # ...next to at least this many more letters
PHRASE_GAP = 3  # words allowed between the words of a phrase
MIN_STEM = 4  # shorter stems collide too often (Danish "bil" is both car and cheap)
MIN_PREFIX = 6  # a shared beginning this long, with at most two letters more, is the same word
LANGS = ("en", "nl", "da")

# Sectors whose customers and gestures resemble each other.
SECTOR_FAMILIES = (
    {"shoes", "fashion", "department-store", "optician"},
    {"restaurant", "cafe", "bakery", "ice-cream", "grocery"},
    {"web-shop", "music"},
    {"hotel", "airline"},
    {"florist", "pet-shop", "toys", "bookshop"},
    {"bike-shop", "garage", "repair"},
    {"hairdresser", "pharmacy"},
)
ONLINE_CHANNELS = {"online", "phone", "social"}


class PhraseRule(NamedTuple):
    concept: str
    lang: str
    words: tuple[str, ...]
    stems: tuple[str, ...]

    def fits(self, k: int, token: str, token_stems: dict[str, str]) -> bool:
        """Word k of the phrase is this token: the same word, the same stem in the phrase's own
        language, or the same long beginning ("forsinkede" and "forsinket").

        Stemmers over-merge, so a stem counts only when it is long and both words really start
        with it: Dutch "jaar" and "jarig" both stem to "jaar", Danish "billigst" and "bilen"
        to "bil"."""
        word = self.words[k]
        if word == token:
            return True
        stem_ = token_stems.get(self.lang)
        if (
            stem_ is not None
            and stem_ == self.stems[k]
            and len(stem_) >= MIN_STEM
            and token.startswith(stem_[:-1])
            and word.startswith(stem_[:-1])
        ):
            return True
        shared = len(os.path.commonprefix([word, token]))
        return shared >= MIN_PREFIX and shared >= len(word) - 2


@dataclass
class Vocabulary:
    concepts: dict[str, Concept]
    by_key: dict[str, list[PhraseRule]] = field(default_factory=dict)
    singles: dict[str, PhraseRule] = field(default_factory=dict)  # long one-word stem -> rule

    @classmethod
    def build(cls, concepts: list[Concept]) -> "Vocabulary":
        vocab = cls({c.id: c for c in concepts})
        index: dict[str, list[PhraseRule]] = defaultdict(list)
        for concept in concepts:
            for lang in LANGS:
                for phrase in getattr(concept, lang):
                    ws = tuple(words(phrase))
                    if not ws:
                        continue
                    rule = PhraseRule(concept.id, lang, ws, tuple(stem(w, lang) for w in ws))
                    for key in {rule.words[0], rule.stems[0]}:
                        index[key].append(rule)
                    if len(ws) == 1 and len(rule.stems[0]) >= COMPOUND_MIN:
                        vocab.singles.setdefault(rule.stems[0], rule)
        vocab.by_key = dict(index)
        return vocab

    def find(self, text: str, lang: str | None = None) -> dict[str, str]:
        """Concepts named in the text, each with the words that named it.

        Without `lang` the language is guessed from common words; when it can't be told,
        every word is tried with all three stemmers. A one-word phrase never matches a stop
        word: Dutch "die" is not English "die".
        """
        toks = words(text)
        lang = lang or detect_language(toks)
        scope = (lang,) if lang else LANGS
        stems = [{l: stem(t, l) for l in scope} for t in toks]
        found: dict[str, str] = {}
        for i, token in enumerate(toks):
            for key in {token, *stems[i].values()}:
                for rule in self.by_key.get(key, ()):
                    # Only the text's own language: Danish "stole" (chairs) is not "stole".
                    if rule.lang not in scope or rule.concept in found or not rule.fits(0, token, stems[i]):
                        continue
                    if len(rule.words) == 1 and token in STOPWORDS:
                        continue
                    end = _match_rest(rule, toks, stems, i)
                    if end is not None:
                        found[rule.concept] = " ".join(toks[i : end + 1])
            if len(token) >= COMPOUND_MIN + COMPOUND_REST:
                # Compounds: "bryllupssko" starts with "bryllup", "verjaardagstaart" ends in "taart".
                # The rest must be a word too: "kletsnat" (soaking wet) is not "kletsen" + "nat".
                for cut in range(COMPOUND_MIN, len(token) - COMPOUND_REST + 1):
                    for part in (token[:cut], token[-cut:]):
                        rule = self.singles.get(part)
                        if rule and rule.lang in scope and rule.concept not in found:
                            found[rule.concept] = token
        return found


def _match_rest(rule: PhraseRule, toks: list[str], stems: list[dict[str, str]], start: int) -> int | None:
    """Where a phrase that starts at `start` ends, allowing a few words in between
    ("arrived three days late" is "arrived late"); None when it doesn't match."""
    pos = start
    for k in range(1, len(rule.words)):
        for nxt in range(pos + 1, min(pos + 2 + PHRASE_GAP, len(toks))):
            if rule.fits(k, toks[nxt], stems[nxt]):
                pos = nxt
                break
        else:
            return None
    return pos


class CaseIndex(NamedTuple):
    case: Case
    stems: frozenset[str]
    concepts: frozenset[str]


@dataclass
class Matcher:
    library: Library
    vocabulary: Vocabulary
    index: list[CaseIndex]
    idf: dict[str, float]
    tag_weight: dict[str, float] = field(default_factory=dict)

    @classmethod
    def build(cls, library: Library, vocabulary: Vocabulary) -> "Matcher":
        index = []
        df: dict[str, int] = defaultdict(int)
        for case in library.cases:
            stems: set[str] = set()
            concepts: set[str] = set()
            for lang in ("en", "nl", "da"):
                text = " ".join([case.title.get(lang), case.story.get(lang), case.lesson.get(lang)])
                stems.update(stems_in(text, lang))
                concepts.update(vocabulary.find(text, lang))
            for s in stems:
                df[s] += 1
            index.append(CaseIndex(case, frozenset(stems), frozenset(concepts)))
        n = max(len(index), 1)
        idf = {s: math.log((n + 1) / (d + 0.5)) for s, d in df.items()}
        # A tag few stories carry ("pet") says more than one many carry ("loyal-customer").
        tag_df: dict[str, int] = defaultdict(int)
        for case in library.cases:
            for tag in case.situations:
                tag_df[tag] += 1
        tag_weight = {t: min(1.6, max(0.6, 0.6 + 0.2 * math.log2((n + 1) / (d + 1)))) for t, d in tag_df.items()}
        return cls(library, vocabulary, index, idf, tag_weight)


class Query(NamedTuple):
    situation: str = ""
    situation_type: str | None = None
    sector: str | None = None
    channel: str | None = None  # shop | online | both


class Reason(NamedTuple):
    kind: str  # tag | type | concept | words | sector | sector-near | channel
    detail: str  # a tag or sector id, the matched concept ids or words
    evidence: str = ""  # what the user wrote that triggered it


class Match(NamedTuple):
    case: Case
    score: float
    reasons: tuple[Reason, ...]


def _channel_fits(case_channel: str, shop_channel: str | None) -> bool:
    if not shop_channel or shop_channel == "both" or case_channel == "any":
        return shop_channel is not None
    if shop_channel == "online":
        return case_channel in ONLINE_CHANNELS
    return case_channel == "shop"


def _sector_near(a: str, b: str) -> bool:
    return any(a in fam and b in fam for fam in SECTOR_FAMILIES)


def rank(matcher: Matcher, query: Query, top: int | None = None) -> list[Match]:
    found = matcher.vocabulary.find(query.situation) if query.situation else {}
    tag_evidence: dict[str, tuple[float, str, str]] = {}  # tag -> (weight, words, concept)
    for concept_id, surface in found.items():
        concept = matcher.vocabulary.concepts[concept_id]
        for tag in concept.tags:
            if concept.weight > tag_evidence.get(tag, (0.0, "", ""))[0]:
                tag_evidence[tag] = (concept.weight, surface, concept_id)
    value_evidence: dict[str, tuple[float, str]] = {}
    for concept_id, surface in found.items():
        concept = matcher.vocabulary.concepts[concept_id]
        for value in concept.values:
            if concept.weight > value_evidence.get(value, (0.0, ""))[0]:
                value_evidence[value] = (concept.weight, surface)
    toks = words(query.situation)
    lang = detect_language(toks)
    query_words = [w for w in toks if w not in STOPWORDS and len(w) > 2]
    query_stems = {w: frozenset({w, stem(w, lang)}) if lang else candidate_stems(w) for w in dict.fromkeys(query_words)}

    matches = []
    for entry in matcher.index:
        case = entry.case
        score = 0.0
        reasons: list[Reason] = []
        covered = 0.0
        used: set[str] = set()  # one thing the owner said counts once, however many tags it hints at
        for tag in sorted(
            (t for t in case.situations if t in tag_evidence),
            key=lambda t: -tag_evidence[t][0] * matcher.tag_weight.get(t, 1.0),
        ):
            weight, surface, concept_id = tag_evidence[tag]
            if concept_id in used:
                continue
            used.add(concept_id)
            score += W_TAG * weight * matcher.tag_weight.get(tag, 1.0)
            covered += weight
            reasons.append(Reason("tag", tag, surface))
        # A story that is wholly about your situation beats one where it is a side issue.
        score += W_COVER * covered / len(case.situations)
        for value in case.values:
            if value in value_evidence:
                weight, surface = value_evidence[value]
                score += W_VALUE * weight
                reasons.append(Reason("value", value, surface))
        if query.situation_type and query.situation_type in case.situations:
            score += W_TYPE
            reasons.append(Reason("type", query.situation_type))
        shared = sorted(c for c in found if c in entry.concepts and not matcher.vocabulary.concepts[c].tags)
        if shared:
            score += W_CONCEPT * min(len(shared), MAX_CONCEPTS)
            reasons.append(Reason("concept", ", ".join(shared), ", ".join(found[c] for c in shared)))
        hits = []
        word_points = 0.0
        for word, options in query_stems.items():
            best = max((matcher.idf[s] for s in options if s in entry.stems), default=0.0)
            if best > 0:
                word_points += W_WORD * best
                hits.append(word)
        # Shared words support a match but can't make one: a rare word alone is often chance.
        score += min(word_points, MAX_WORD_POINTS)
        if hits:
            reasons.append(Reason("words", ", ".join(hits)))
        if query.sector:
            if query.sector in case.sectors:
                score += W_SECTOR
                reasons.append(Reason("sector", query.sector))
            elif any(_sector_near(query.sector, s) for s in case.sectors):
                score += W_SECTOR_NEAR
                reasons.append(Reason("sector-near", next(s for s in case.sectors if _sector_near(query.sector, s))))
        if _channel_fits(case.channel, query.channel):
            score += W_CHANNEL
            reasons.append(Reason("channel", case.channel))
        matches.append(Match(case, round(score, 3), tuple(reasons)))
    # Highest score first; the id breaks ties so the order never depends on file order.
    matches.sort(key=lambda m: (-m.score, m.case.id))
    return matches[:top] if top else matches
