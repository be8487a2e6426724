"""Rank cases against a shop's situation: deterministic, explainable, offline.

A situation is read in English, Dutch or Danish without being told which: every word is
stemmed by all three Snowball stemmers, and a small multilingual vocabulary maps words and
phrases ("uitverkocht", "udsolgt", "sold out") to concepts and situation tags. Each point a
case earns is recorded as a reason, so the answer can say why it matches.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from wowcoach.library import Library
from wowcoach.models import Case, Concept
from wowcoach.textnorm import STOPWORDS, candidate_stems, stem, stems_in, words

# Weights, in points. A situation tag is the strongest evidence: it is what the story is about.
W_TAG = 3.0
W_TYPE = 4.0
W_CONCEPT = 1.0
W_WORD = 0.35
W_SECTOR = 1.5
W_SECTOR_NEAR = 0.5
W_CHANNEL = 0.5
MAX_CONCEPTS = 4
COMPOUND_MIN = 5
PHRASE_GAP = 3  # words allowed between the words of a phrase  # a stem this long may sit inside a Dutch or Danish compound word

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


@dataclass(frozen=True)
class PhraseRule:
    concept: str
    stems: tuple[str, ...]


@dataclass
class Vocabulary:
    concepts: dict[str, Concept]
    by_first: dict[str, list[PhraseRule]] = field(default_factory=dict)
    singles: dict[str, str] = field(default_factory=dict)  # long one-word stem -> concept

    @classmethod
    def build(cls, concepts: list[Concept]) -> "Vocabulary":
        vocab = cls({c.id: c for c in concepts})
        index: dict[str, list[PhraseRule]] = defaultdict(list)
        for concept in concepts:
            for lang in ("en", "nl", "da"):
                for phrase in getattr(concept, lang):
                    stems = tuple(stem(w, lang) for w in words(phrase))
                    if not stems:
                        continue
                    rule = PhraseRule(concept.id, stems)
                    index[stems[0]].append(rule)
                    if len(stems) == 1 and len(stems[0]) >= COMPOUND_MIN:
                        vocab.singles.setdefault(stems[0], concept.id)
        vocab.by_first = dict(index)
        return vocab

    def find(self, text: str, lang: str | None = None) -> dict[str, str]:
        """Concepts named in the text, each with the words that named it.

        Without `lang` every word is tried with all three stemmers. A one-word phrase never
        matches a stop word: Dutch "die" is not English "die".
        """
        toks = words(text)
        if lang:
            cands = [frozenset({t, stem(t, lang)}) for t in toks]
        else:
            cands = [candidate_stems(t) for t in toks]
        found: dict[str, str] = {}
        for i, options in enumerate(cands):
            token = toks[i]
            for option in options:
                for rule in self.by_first.get(option, ()):
                    n = len(rule.stems)
                    if rule.concept in found:
                        continue
                    if n == 1 and token in STOPWORDS:
                        continue
                    end = _match_rest(rule.stems, cands, i)
                    if end is not None:
                        found[rule.concept] = " ".join(toks[i : end + 1])
            if len(token) >= COMPOUND_MIN + 3:
                # Compounds: "bryllupssko" starts with "bryllup", "verjaardagstaart" ends in "taart".
                for cut in range(COMPOUND_MIN, len(token) - 2):
                    for part in (token[:cut], token[-cut:]):
                        concept = self.singles.get(part)
                        if concept and concept not in found:
                            found[concept] = token
        return found


def _match_rest(stems: tuple[str, ...], cands: list[frozenset[str]], start: int) -> int | None:
    """Where a phrase that starts at `start` ends, allowing a few words in between
    ("arrived three days late" is "arrived late"); None when it doesn't match."""
    pos = start
    for wanted in stems[1:]:
        for nxt in range(pos + 1, min(pos + 1 + PHRASE_GAP + 1, len(cands))):
            if wanted in cands[nxt]:
                pos = nxt
                break
        else:
            return None
    return pos


@dataclass(frozen=True)
class CaseIndex:
    case: Case
    stems: frozenset[str]
    concepts: frozenset[str]


@dataclass
class Matcher:
    library: Library
    vocabulary: Vocabulary
    index: list[CaseIndex]
    idf: dict[str, float]

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
        return cls(library, vocabulary, index, idf)


@dataclass(frozen=True)
class Query:
    situation: str = ""
    situation_type: str | None = None
    sector: str | None = None
    channel: str | None = None  # shop | online | both


@dataclass(frozen=True)
class Reason:
    kind: str  # tag | type | concept | words | sector | sector-near | channel
    detail: str  # a tag or sector id, the matched concept ids or words
    evidence: str = ""  # what the user wrote that triggered it


@dataclass(frozen=True)
class Match:
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
    tag_evidence: dict[str, str] = {}
    for concept_id, surface in found.items():
        for tag in matcher.vocabulary.concepts[concept_id].tags:
            tag_evidence.setdefault(tag, surface)
    query_words = [w for w in words(query.situation) if w not in STOPWORDS and len(w) > 2]
    query_stems = {w: candidate_stems(w) for w in dict.fromkeys(query_words)}

    matches = []
    for entry in matcher.index:
        case = entry.case
        score = 0.0
        reasons: list[Reason] = []
        for tag in case.situations:
            if tag in tag_evidence:
                score += W_TAG
                reasons.append(Reason("tag", tag, tag_evidence[tag]))
        if query.situation_type and query.situation_type in case.situations:
            score += W_TYPE
            reasons.append(Reason("type", query.situation_type))
        shared = sorted(c for c in found if c in entry.concepts and not matcher.vocabulary.concepts[c].tags)
        if shared:
            score += W_CONCEPT * min(len(shared), MAX_CONCEPTS)
            reasons.append(Reason("concept", ", ".join(shared), ", ".join(found[c] for c in shared)))
        hits = []
        for word, options in query_stems.items():
            best = max((matcher.idf[s] for s in options if s in entry.stems), default=0.0)
            if best > 0:
                score += W_WORD * best
                hits.append(word)
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
