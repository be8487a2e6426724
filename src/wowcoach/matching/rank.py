"""Rank cases against a shop's situation: deterministic, explainable, offline.

Three rankings are fused by their ranks (reciprocal-rank fusion, docs/matching.md):
- by the vocabulary: a small multilingual vocabulary maps words and phrases ("uitverkocht",
  "udsolgt", "sold out") to concepts and situation tags, and the sector and channel count;
- by words (`lexical.py`): BM25 over the stories and their "applies when" sentences, forgiving
  how people type;
- by meaning (`semantic.py`): the situation's sentence vector against those of the "applies
  when" sentences, when the model is installed.
A situation is read in English, Dutch or Danish without being told which. Each point a case
earns is recorded as a reason, so the answer can say why.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import Case
from wowcoach.matching.text import STOPWORDS, candidate_stems, detect_language, stem, words
from wowcoach.matching.vocabulary import Vocabulary

if TYPE_CHECKING:
    from wowcoach.i18n import Msg

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


class Matcher:
    """The library, the vocabulary and the index (`index.py`) that ranking reads."""

    def __init__(self, library: Library, vocabulary: Vocabulary, store, tag_weight: dict[str, float]):
        self.library = library
        self.vocabulary = vocabulary
        self.store = store
        self.tag_weight = tag_weight
        self._embedder: object = None  # loaded on first use; False once it can't be
        self.meaning_off: Msg | None = None  # why ranking by meaning is off, for the user; None when it is on

    def embedder(self):
        """The sentence model, or None (and `meaning_off` says why)."""
        if self._embedder is None:
            from wowcoach.i18n import Msg
            from wowcoach.matching.semantic import Embedder, ModelUnavailable, model_files

            expected = self.store.meta("vector_model")
            try:
                if expected is None:
                    model_files()  # says why there are no vectors, or that the model was added since
                    raise ModelUnavailable(Msg("the stories were prepared without the model"))
                self._embedder = Embedder(*model_files(), expected=expected)
            except ModelUnavailable as exc:
                self._embedder = False
                self.meaning_off = exc.reason
        return self._embedder or None

    @classmethod
    def build(cls, library: Library, vocabulary: Vocabulary, path: str = ":memory:") -> Matcher:
        from wowcoach.matching.index import Store

        store = Store.build(library, vocabulary, path)
        return cls(library, vocabulary, store, store.meta("tag_weight"))

    @classmethod
    def open(cls, path) -> Matcher:
        from wowcoach.matching.index import Store

        store = Store.open(path)
        library = store.meta("library").attach(store)
        vocabulary = store.meta("vocabulary")
        vocabulary.by_key = store.rules()
        return cls(library, vocabulary, store, store.meta("tag_weight"))


class Query(NamedTuple):
    situation: str = ""
    situation_type: str | None = None
    sector: str | None = None
    channel: str | None = None  # shop | online | both
    lang: str = "en"  # the language the answer is shown in: a "similar situation" is quoted in it


class Reason(NamedTuple):
    kind: str  # tag | type | concept | words | similar | sector | sector-near | channel
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


POOL = 30  # how many cases each ranking hands to the fusion
RRF_K = 10  # reciprocal-rank fusion: a case ranked r-th (from 1) earns weight / (RRF_K + r)
WEIGHTS = {"vocabulary": 1.0, "words": 1.0, "meaning": 1.0}
W_CHOSEN_TYPE = 1.0  # the situation type the owner picked: as much as a first place in one more ranking
# A story from the owner's own sector goes before one from elsewhere that fits as well:
# a fifth of a first place in one ranking (the tuning sets: 0.1-0.2 best, 0.5 hurts), so it
# breaks near-ties and no more.
W_OWN_SECTOR = 0.2
SIMILAR_SHOWN = 0.80  # a "similar situation" is named only when it is at least this close
MEANING_ALL = 2000  # up to this many cases, every case is compared by meaning; above, the candidates
LANG_ORDER = ("en", "nl", "da")  # the order of a case's sentences in the index


class Ranked(NamedTuple):
    matches: list[Match]
    confidence: str  # high | medium | low
    close: bool  # the first two are too near to tell apart


def rank(matcher: Matcher, query: Query, top: int = 3) -> list[Match]:
    """The best cases for the situation, best first; ties go to the id, so the order is fixed."""
    return rank_with_confidence(matcher, query, top).matches


def rank_with_confidence(matcher: Matcher, query: Query, top: int = 3) -> Ranked:
    from wowcoach.matching import lexical

    store = matcher.store
    pool = max(POOL, top)
    by_vocabulary = _by_vocabulary(matcher, query, pool)  # never fewer than `top`: it fills with the rest
    reasons = {pos: list(rs) for _neg, _id, pos, rs in by_vocabulary}
    toks = words(query.situation)
    written = lexical.detect(toks)  # the language the owner typed in, spelled as typed
    by_words = lexical.rank(store, toks, written, pool)
    candidates = set(reasons) | {h.pos for h in by_words}
    by_meaning = _by_meaning(matcher, query, written, candidates, pool)
    rankings = {
        "vocabulary": [pos for _neg, _id, pos, _rs in by_vocabulary],
        "words": [h.pos for h in by_words],
        "meaning": [pos for pos, _sim, _cue in by_meaning],
    }
    fused: dict[int, float] = defaultdict(float)
    for name, order in rankings.items():
        for r, pos in enumerate(order, start=1):
            fused[pos] += WEIGHTS[name] / (RRF_K + r)
    if query.situation_type:
        for _term, pos in store.postings("tag", [query.situation_type]):
            if pos in fused:
                fused[pos] += W_CHOSEN_TYPE / (RRF_K + 1)
    if query.sector:
        for _term, pos in store.postings("sector", [query.sector]):
            if pos in fused:
                fused[pos] += W_OWN_SECTOR / (RRF_K + 1)
    ids = {pos: row[0] for pos, row in store.rows(fused).items()}
    order = sorted(fused, key=lambda p: (-round(fused[p], 6), ids[p]))[:top]
    words_of = {h.pos: h.words for h in by_words}
    similar = {pos: (sim, cue) for pos, sim, cue in by_meaning}
    matches = []
    for pos in order:
        case = store.case_at(pos)
        why = reasons.get(pos) or []
        if pos in words_of and not any(r.kind == "words" for r in why):
            why = [*why, Reason("words", ", ".join(words_of[pos]))]
        if pos in similar and similar[pos][0] >= SIMILAR_SHOWN:
            cue = case.applies_when.get(query.lang)[similar[pos][1]]
            why = [Reason("similar", str(similar[pos][1]), cue), *why]
        matches.append(Match(case, round(fused[pos], 4), tuple(why)))
    return Ranked(matches, *_confidence(fused, order, rankings))


def _confidence(fused: dict[int, float], order: list[int], rankings: dict[str, list[int]]) -> tuple[str, bool]:
    """How sure the answer is, and whether the first two are too near to tell apart: high when
    the first case earns most of what a first place everywhere would and at least two rankings
    have it in their top 3; low when no two rankings do; medium otherwise."""
    if not order:
        return "low", False
    used = [name for name, ranking in rankings.items() if ranking]
    best = sum(WEIGHTS[name] / (RRF_K + 1) for name in used) or 1.0
    first = fused[order[0]] / best
    close = len(order) > 1 and fused[order[1]] >= fused[order[0]] * 0.95
    agree = sum(1 for name in used if order[0] in rankings[name][:3])
    if first >= 0.6 and agree >= min(2, len(used)) and not close:
        return "high", close
    if agree <= 1 and len(used) > 1:
        return "low", close  # no two rankings see the best case near their top
    return "medium", close


def _by_meaning(
    matcher: Matcher, query: Query, written: str | None, candidates: set[int], pool: int = POOL
) -> list[tuple[int, float, int]]:
    """(pos, similarity, index of the closest sentence in the answer's language) by meaning,
    best first; empty when the model is not here.

    A situation whose language is clear is compared with the sentences of that language only:
    as good on the tuning sets as comparing with all three, in a third of the time."""
    from wowcoach.matching.semantic import similarity

    if not query.situation.strip():
        return []
    embedder = matcher.embedder()
    if embedder is None:
        return []
    store = matcher.store
    rows = store.case_vectors(None if store.size() <= MEANING_ALL else sorted(candidates))
    shown = query.lang if query.lang in LANG_ORDER else "en"
    langs = {written, shown} if written else set(LANG_ORDER)

    def segment(counts: tuple[int, ...], lang: str) -> slice:
        start = sum(counts[: LANG_ORDER.index(lang)])
        return slice(start, start + counts[LANG_ORDER.index(lang)])

    wanted = {v for _p, counts, vids in rows for lang in langs for v in vids[segment(counts, lang)]}
    vectors = store.vectors(wanted)
    vids = list(vectors)
    sims = {v: round(s, 4) for v, s in zip(vids, similarity(embedder.query(query.situation), [vectors[v] for v in vids]), strict=False)}
    out = []
    for pos, counts, case_vids in rows:
        compared = case_vids[segment(counts, written)] if written else case_vids
        own = [sims[v] for v in case_vids[segment(counts, shown)]]
        closest = max(range(len(own)), key=lambda i: (own[i], -i)) if own else 0
        out.append((pos, max(sims[v] for v in compared), closest))
    out.sort(key=lambda t: (-t[1], t[0]))
    return out[:pool]


def _by_vocabulary(matcher: Matcher, query: Query, top: int) -> list[tuple[float, str, int, list[Reason]]]:
    """The best cases by the vocabulary, sector and channel: (-score, id, pos, reasons)."""
    vocab = matcher.vocabulary
    found = vocab.find(query.situation) if query.situation else {}
    tag_evidence: dict[str, tuple[float, str, str]] = {}  # tag -> (weight, words, concept)
    value_evidence: dict[str, tuple[float, str]] = {}
    for concept_id, surface in found.items():
        concept = vocab.concepts[concept_id]
        for tag in concept.tags:
            if concept.weight > tag_evidence.get(tag, (0.0, "", ""))[0]:
                tag_evidence[tag] = (concept.weight, surface, concept_id)
        for value in concept.values:
            if concept.weight > value_evidence.get(value, (0.0, ""))[0]:
                value_evidence[value] = (concept.weight, surface)
    toks = words(query.situation)
    lang = detect_language(toks)
    query_words = [w for w in toks if w not in STOPWORDS and len(w) > 2]
    query_stems = {w: frozenset({w, stem(w, lang)}) if lang else candidate_stems(w) for w in dict.fromkeys(query_words)}
    topics = [c for c in found if not vocab.concepts[c].tags]
    near = {s for fam in SECTOR_FAMILIES if query.sector in fam for s in fam} - {query.sector} if query.sector else set()

    # Ask the index which cases share anything with the situation; only those are scored.
    store = matcher.store
    hits: dict[str, dict[int, list[str]]] = {}
    wanted = {
        "tag": set(tag_evidence) | ({query.situation_type} if query.situation_type else set()),
        "value": set(value_evidence),
        "concept": set(topics),
        "stem": set().union(*query_stems.values()) if query_stems else set(),
        "sector": ({query.sector} | near) if query.sector else set(),
    }
    # Words that most stories contain say little and would make almost every story a
    # candidate; they still count for the candidates the other evidence finds.
    idf = store.idf(wanted["stem"])
    common = {t for t, v in idf.items() if v < COMMON_IDF}
    wanted["stem"] -= common
    for kind, terms in wanted.items():
        by_pos: dict[int, list[str]] = defaultdict(list)
        for term, pos in store.postings(kind, terms) if terms else ():
            by_pos[pos].append(term)
        hits[kind] = by_pos
    candidates = set().union(*(h.keys() for h in hits.values()))
    if common and candidates:
        for term, pos in store.postings_for("stem", common, candidates):
            hits["stem"][pos].append(term)
    scored = []
    # Score the likeliest cases first and stop when no other case can still reach the top:
    # exact, and a large library scores only a few hundred of its thousands of candidates.
    bound = {pos: _upper_bound(matcher, pos, hits, tag_evidence, query) for pos in candidates}
    order = sorted(candidates, key=lambda p: -bound[p])
    kth = float("-inf")
    for start in range(0, len(order), BATCH):
        batch = [p for p in order[start : start + BATCH] if bound[p] >= kth - 0.001]  # scores are compared rounded
        if not batch:
            break
        for pos, (case_id, channel, n_situations) in store.rows(batch).items():
            score, reasons = _score(matcher, query, pos, channel, n_situations, hits, tag_evidence, value_evidence, found, query_stems, idf)
            scored.append((-score, case_id, pos, reasons))
        if len(scored) >= top:
            kth = sorted(-t[0] for t in scored)[-top]
    if len(scored) < top:
        # Cases that share nothing score only for the channel: fill with those, by id.
        fitting = tuple(c for c in ("shop", "online", "phone", "social", "any") if _channel_fits(c, query.channel))
        extra = store.first_ids(top - len(scored), candidates, fitting if query.channel else None)
        extra += store.first_ids(top - len(scored) - len(extra), candidates | set(extra), None)
        for pos, (case_id, channel, n) in store.rows(extra).items():
            score, reasons = _score(matcher, query, pos, channel, n, hits, tag_evidence, value_evidence, found, query_stems, idf)
            scored.append((-score, case_id, pos, reasons))
    # Rounded first: scores that differ only in float noise are a tie, and ties go to the id.
    scored.sort(key=lambda t: (round(t[0], 3), t[1]))
    return scored[:top]


def _upper_bound(matcher, pos, hits, tag_evidence, query) -> float:
    """At least what `_score` can give this case, computed from the index hits alone."""
    tags = [t for t in hits["tag"].get(pos, ()) if t in tag_evidence]
    bound = sum(W_TAG * tag_evidence[t][0] * matcher.tag_weight.get(t, 1.0) for t in tags)
    bound += W_COVER if tags else 0.0
    bound += W_VALUE * len(hits["value"].get(pos, ()))
    bound += W_TYPE if query.situation_type else 0.0
    bound += W_CONCEPT * min(len(hits["concept"].get(pos, ())), MAX_CONCEPTS)
    bound += MAX_WORD_POINTS if pos in hits["stem"] else 0.0
    bound += W_SECTOR if pos in hits["sector"] else 0.0
    return bound + W_CHANNEL


def _score(matcher, query, pos, channel, n_situations, hits, tag_evidence, value_evidence, found, query_stems, idf):
    """One case's points and the reasons for them; each point has a reason a shop owner can read."""
    score = 0.0
    reasons: list[Reason] = []
    covered = 0.0
    used: set[str] = set()  # one thing the owner said counts once, however many tags it hints at
    case_tags = hits["tag"].get(pos, ())
    matched = [t for t in case_tags if t in tag_evidence]
    if len(matched) > 1:
        matched.sort(key=lambda t: (-tag_evidence[t][0] * matcher.tag_weight.get(t, 1.0), t))
    for tag in matched:
        weight, surface, concept_id = tag_evidence[tag]
        if concept_id in used:
            continue
        used.add(concept_id)
        score += W_TAG * weight * matcher.tag_weight.get(tag, 1.0)
        covered += weight
        reasons.append(Reason("tag", tag, surface))
    # A story that is wholly about your situation beats one where it is a side issue.
    score += W_COVER * covered / max(n_situations, 1)
    for value in sorted(hits["value"].get(pos, [])):
        weight, surface = value_evidence[value]
        score += W_VALUE * weight
        reasons.append(Reason("value", value, surface))
    if query.situation_type and query.situation_type in case_tags:
        score += W_TYPE
        reasons.append(Reason("type", query.situation_type))
    shared = sorted(hits["concept"].get(pos, []))
    if shared:
        score += W_CONCEPT * min(len(shared), MAX_CONCEPTS)
        reasons.append(Reason("concept", ", ".join(shared), ", ".join(found[c] for c in shared)))
    word_points = 0.0
    matched_words = []
    present = hits["stem"].get(pos)
    if present:
        present = set(present)
        for word, options in query_stems.items():
            best = max((idf[s] for s in options if s in present), default=0.0)
            if best > 0:
                word_points += W_WORD * best
                matched_words.append(word)
    # Shared words support a match but can't make one: a rare word alone is often chance.
    score += min(word_points, MAX_WORD_POINTS)
    if matched_words:
        reasons.append(Reason("words", ", ".join(matched_words)))
    sectors = hits["sector"].get(pos, [])
    if query.sector:
        if query.sector in sectors:
            score += W_SECTOR
            reasons.append(Reason("sector", query.sector))
        elif sectors:
            score += W_SECTOR_NEAR
            reasons.append(Reason("sector-near", sorted(sectors)[0]))
    if _channel_fits(channel, query.channel):
        score += W_CHANNEL
        reasons.append(Reason("channel", channel))
    return score, reasons
