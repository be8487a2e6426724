"""The ranking by the vocabulary: a small multilingual vocabulary maps words and phrases
("uitverkocht", "udsolgt", "sold out") to concepts and situation tags; tags, values, shared topics
and words, the sector and the channel earn a story points, and each point is kept as a reason.

It knows what a tag means, but only the phrasings it was given. The scorer (`scorer.py`) reads
its points part by part (`Points.parts`), next to the other two rankings.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from wowcoach.matching.query import Query, Reason
from wowcoach.matching.text import STOPWORDS, candidate_stems, detect_language, stem, words

if TYPE_CHECKING:
    from wowcoach.matching.matcher import Matcher

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
COMMON_IDF = math.log(4)  # a stem in more than about a quarter of the stories
BATCH = 64  # cases scored between two checks of the bound

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


class Points(NamedTuple):
    """What one story earned: its points, the reasons for them, and the points per kind of evidence
    (tag, cover, value, type, concept, word, sector, channel)."""

    score: float
    reasons: list[Reason]
    parts: dict[str, float]


def channel_fits(case_channel: str, shop_channel: str | None) -> bool:
    if not shop_channel or shop_channel == "both" or case_channel == "any":
        return shop_channel is not None
    if shop_channel == "online":
        return case_channel in ONLINE_CHANNELS
    return case_channel == "shop"


class Evidence:
    """What the vocabulary finds in one situation, and the stories it points at (from the index).
    `best` ranks them; `points` scores any other story the other rankings bring."""

    def __init__(self, matcher: Matcher, query: Query, text: str):
        self.matcher, self.query = matcher, query
        vocab = matcher.vocabulary
        self.found = found = vocab.find(text) if text else {}
        self.tag_evidence: dict[str, tuple[float, str, str]] = {}  # tag -> (weight, words, concept)
        self.value_evidence: dict[str, tuple[float, str]] = {}
        for concept_id, surface in found.items():
            concept = vocab.concepts[concept_id]
            for tag in concept.tags:
                if concept.weight > self.tag_evidence.get(tag, (0.0, "", ""))[0]:
                    self.tag_evidence[tag] = (concept.weight, surface, concept_id)
            for value in concept.values:
                if concept.weight > self.value_evidence.get(value, (0.0, ""))[0]:
                    self.value_evidence[value] = (concept.weight, surface)
        toks = words(text)
        lang = detect_language(toks)
        query_words = [w for w in toks if w not in STOPWORDS and len(w) > 2]
        self.query_stems = {w: frozenset({w, stem(w, lang)}) if lang else candidate_stems(w) for w in dict.fromkeys(query_words)}
        # Each stem's query words, by their place in `query_stems`: a story's points for words are
        # worked out from the few stems it shares, not from every word of a long text.
        self._words = list(self.query_stems)
        self._word_of_stem: dict[str, list[int]] = defaultdict(list)
        for i, options in enumerate(self.query_stems.values()):
            for option in options:
                self._word_of_stem[option].append(i)
        topics = [c for c in found if not vocab.concepts[c].tags and vocab.concepts[c].coached]
        # What wowcoach does not coach (the rent, VAT, a shoplifter): how much of it the owner names.
        self.not_coached = sum(vocab.concepts[c].weight for c in found if not vocab.concepts[c].coached)
        sector = query.sector
        near = {s for fam in SECTOR_FAMILIES if sector in fam for s in fam} - {sector} if sector else set()

        # Ask the index which cases share anything with the situation; only those are scored.
        store = matcher.store
        self.hits: dict[str, dict[int, list[str]]] = {}
        wanted = {
            "tag": set(self.tag_evidence) | ({query.situation_type} if query.situation_type else set()),
            "value": set(self.value_evidence),
            "concept": set(topics),
            "stem": set().union(*self.query_stems.values()) if self.query_stems else set(),
            "sector": ({sector} | near) if sector else set(),
        }
        # Words that most stories contain say little and would make almost every story a
        # candidate; they still count for the candidates the other evidence finds.
        self.idf = store.idf(wanted["stem"])
        self.common = {t for t, v in self.idf.items() if v < COMMON_IDF}
        wanted["stem"] -= self.common
        for kind, terms in wanted.items():
            by_pos: dict[int, list[str]] = defaultdict(list)
            for term, pos in store.postings(kind, terms) if terms else ():
                by_pos[pos].append(term)
            self.hits[kind] = by_pos
        self.candidates = set().union(*(h.keys() for h in self.hits.values()))
        self._common_read: set[int] = set()
        self._read_common(self.candidates)

    def _read_common(self, positions: set[int]) -> None:
        """The common words' postings, for these cases only (once each)."""
        todo = positions - self._common_read
        if self.common and todo:
            for term, pos in self.matcher.store.postings_for("stem", self.common, todo):
                self.hits["stem"][pos].append(term)
        self._common_read |= todo

    def best(self, top: int) -> list[tuple[float, str, int, Points]]:
        """The best `top` cases: (-score, id, pos, points), best first; never fewer than `top`."""
        store = self.matcher.store
        scored = []
        # Score the likeliest cases first and stop when no other case can still reach the top:
        # exact, and a large library scores only a few hundred of its thousands of candidates.
        bound = self._upper_bounds()
        order = sorted(self.candidates, key=lambda p: -bound[p])
        kth = float("-inf")
        for start in range(0, len(order), BATCH):
            batch = [p for p in order[start : start + BATCH] if bound[p] >= kth - 0.001]  # scores are compared rounded
            if not batch:
                break
            for pos, (case_id, channel, n_situations) in store.rows(batch).items():
                points = self._score(pos, channel, n_situations)
                scored.append((-points.score, case_id, pos, points))
            if len(scored) >= top:
                kth = sorted(-t[0] for t in scored)[-top]
        if len(scored) < top:
            # Cases that share nothing score only for the channel: fill with those, by id.
            fitting = tuple(c for c in ("shop", "online", "phone", "social", "any") if channel_fits(c, self.query.channel))
            extra = store.first_ids(top - len(scored), self.candidates, fitting if self.query.channel else None)
            extra += store.first_ids(top - len(scored) - len(extra), self.candidates | set(extra), None)
            for pos, (case_id, channel, n) in store.rows(extra).items():
                points = self._score(pos, channel, n)
                scored.append((-points.score, case_id, pos, points))
        # Rounded first: scores that differ only in float noise are a tie, and ties go to the id.
        scored.sort(key=lambda t: (round(t[0], 3), t[1]))
        return scored[:top]

    def points(self, positions: set[int]) -> dict[int, Points]:
        """The points of any cases, found by the vocabulary or not."""
        self._read_common(set(positions))
        return {pos: self._score(pos, channel, n) for pos, (_id, channel, n) in self.matcher.store.rows(positions).items()}

    def _upper_bounds(self) -> dict[int, float]:
        """For each candidate, at least what `_score` can give it, from the index hits alone.
        One loop over thousands of candidates in a large library: no call per candidate."""
        hits, tag_evidence, tag_weight = self.hits, self.tag_evidence, self.matcher.tag_weight
        tag_hits, value_hits, concept_hits = hits["tag"], hits["value"], hits["concept"]
        stem_hits, sector_hits = hits["stem"], hits["sector"]
        chosen_type = W_TYPE if self.query.situation_type else 0.0
        bounds: dict[int, float] = {}
        for pos in self.candidates:
            bound = 0.0
            tagged = False
            for t in tag_hits.get(pos, ()):
                if t in tag_evidence:
                    bound += W_TAG * tag_evidence[t][0] * tag_weight.get(t, 1.0)
                    tagged = True
            if tagged:
                bound += W_COVER
            values = value_hits.get(pos)
            if values:
                bound += W_VALUE * len(values)
            bound += chosen_type
            concepts = concept_hits.get(pos)
            if concepts:
                bound += W_CONCEPT * min(len(concepts), MAX_CONCEPTS)
            if pos in stem_hits:
                bound += MAX_WORD_POINTS
            if pos in sector_hits:
                bound += W_SECTOR
            bounds[pos] = bound + W_CHANNEL
        return bounds

    def _score(self, pos: int, channel: str, n_situations: int) -> Points:
        """One case's points and the reasons for them; each point has a reason a shop owner can read."""
        query, hits, tag_weight = self.query, self.hits, self.matcher.tag_weight
        tag_evidence, value_evidence = self.tag_evidence, self.value_evidence
        parts: dict[str, float] = defaultdict(float)
        reasons: list[Reason] = []
        covered = 0.0
        used: set[str] = set()  # one thing the owner said counts once, however many tags it hints at
        case_tags = hits["tag"].get(pos, ())
        matched = [t for t in case_tags if t in tag_evidence]
        if len(matched) > 1:
            matched.sort(key=lambda t: (-tag_evidence[t][0] * tag_weight.get(t, 1.0), t))
        for tag in matched:
            weight, surface, concept_id = tag_evidence[tag]
            if concept_id in used:
                continue
            used.add(concept_id)
            parts["tag"] += W_TAG * weight * tag_weight.get(tag, 1.0)
            covered += weight
            reasons.append(Reason("tag", tag, surface))
        # A story that is wholly about your situation beats one where it is a side issue.
        parts["cover"] = W_COVER * covered / max(n_situations, 1)
        for value in sorted(hits["value"].get(pos, [])):
            weight, surface = value_evidence[value]
            parts["value"] += W_VALUE * weight
            reasons.append(Reason("value", value, surface))
        if query.situation_type and query.situation_type in case_tags:
            parts["type"] = W_TYPE
            reasons.append(Reason("type", query.situation_type))
        shared = sorted(hits["concept"].get(pos, []))
        if shared:
            parts["concept"] = W_CONCEPT * min(len(shared), MAX_CONCEPTS)
            reasons.append(Reason("concept", ", ".join(shared), ", ".join(self.found[c] for c in shared)))
        word_points = 0.0
        matched_words = []
        present = hits["stem"].get(pos)
        if present:
            best: dict[int, float] = {}  # query word -> the idf of its rarest stem this story has
            for s in set(present):
                idf = self.idf[s]
                for i in self._word_of_stem[s]:
                    if idf > best.get(i, 0.0):
                        best[i] = idf
            for i in sorted(best):  # in the words' order, as the points were always added up
                word_points += W_WORD * best[i]
                matched_words.append(self._words[i])
        # Shared words support a match but can't make one: a rare word alone is often chance.
        parts["word"] = min(word_points, MAX_WORD_POINTS)
        if matched_words:
            reasons.append(Reason("words", ", ".join(matched_words)))
        sectors = hits["sector"].get(pos, [])
        if query.sector:
            if query.sector in sectors:
                parts["sector"] = W_SECTOR
                reasons.append(Reason("sector", query.sector))
            elif sectors:
                parts["sector"] = W_SECTOR_NEAR
                reasons.append(Reason("sector-near", sorted(sectors)[0]))
        if channel_fits(channel, query.channel):
            parts["channel"] = W_CHANNEL
            reasons.append(Reason("channel", channel))
        return Points(sum(parts.values()), reasons, dict(parts))
