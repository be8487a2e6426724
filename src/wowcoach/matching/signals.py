"""What the three rankings know about one situation, for every candidate story.

- by the vocabulary (`by_vocabulary.py`): tags, values, topics and words, sector and channel;
- by words (`lexical.py`): BM25 over the stories and their "applies when" sentences;
- by meaning (`semantic.py`): the situation's sentence vector against the "applies when"
  sentences' vectors, when the model is installed.

A long text is read for its moment first (`moment.py`): the words of greetings, signatures and
the shop's description of itself are left out, and the model reads the sentences most likely to
hold the moment, up to a length it embeds quickly.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from wowcoach.languages import CODES
from wowcoach.matching import lexical, moment
from wowcoach.matching.by_vocabulary import SECTOR_FAMILIES, Evidence, channel_fits
from wowcoach.matching.text import words

if TYPE_CHECKING:
    from wowcoach.matching.by_vocabulary import Points
    from wowcoach.matching.lexical import Hit
    from wowcoach.matching.matcher import Matcher
    from wowcoach.matching.query import Query

POOL = 30  # how many cases each ranking hands on as candidates
RRF_K = 10  # reciprocal-rank fusion: a case ranked r-th (from 1) earns weight / (RRF_K + r)
W_CHOSEN_TYPE = 1.0  # the situation type the owner picked: as much as a first place in one more ranking
W_OWN_SECTOR = 0.2  # a fifth of a first place in one ranking: the fusion's own-sector bonus
MEANING_ALL = 2000  # up to this many cases, every case is compared by meaning; above, the candidates
LANG_ORDER = CODES  # the order of a case's sentences in the index


class Signals(NamedTuple):
    """One situation's evidence, for every candidate story (by its position in the index)."""

    candidates: list[int]
    vocabulary: dict[int, Points]
    words: dict[int, Hit]
    meaning: dict[int, tuple[float, int]]  # pos -> (similarity of its closest sentence, that sentence in the answer's language)
    meaning_all: list[float]  # the similarity of every story compared, for their spread; [] without the model
    fused: dict[int, float]  # reciprocal-rank fusion of the three rankings: the ranking before the scorer
    orders: dict[str, list[int]]  # each ranking's candidates, best first
    sector: dict[int, float]  # 1 the owner's sector, 0.3 a related one
    channel: dict[int, float]  # 1 when the story's channel fits the shop's
    length: int  # words in the situation
    lang_known: bool
    focus: moment.Focus
    not_coached: float  # how much the owner's words name what wowcoach does not coach (the rent, VAT...)
    off_topic: float | None  # similarity to the closest question wowcoach does not coach; None without the model


def gather(matcher: Matcher, query: Query, pool: int = POOL) -> Signals:
    store = matcher.store
    if query.situation.strip():
        matcher.load_embedder_soon()
    toks = words(query.situation)
    written = lexical.detect(toks)  # the language the owner typed in, spelled as typed
    lexical.read_ahead(store, toks, written)
    if written is None:  # a note of a few words: its words, read ahead in all three languages, tell
        written = lexical.detect_by_words(store, toks)
    focus = moment.focus(query.situation, written, lambda s: _sentence_evidence(matcher, s, written))
    evidence = Evidence(matcher, query, focus.words)
    by_vocabulary = evidence.best(pool)  # never fewer than `pool`: it fills with the rest
    word_scores = lexical.scored(store, words(focus.words), written)
    by_words = word_scores.top(pool)
    candidates = {pos for _neg, _id, pos, _p in by_vocabulary} | {h.pos for h in by_words}
    meaning, meaning_all, off_topic = by_meaning(matcher, query, focus.meaning, written, candidates)
    orders = {
        "vocabulary": [pos for _neg, _id, pos, _p in by_vocabulary],
        "words": [h.pos for h in by_words],
        "meaning": [pos for pos, _sim, _cue in meaning[:pool]],
    }
    everyone = set(candidates) | set(orders["meaning"])
    points = {pos: p for _neg, _id, pos, p in by_vocabulary}
    points.update(evidence.points(everyone - set(points)))
    fused: dict[int, float] = defaultdict(float)
    for order in orders.values():
        for r, pos in enumerate(order, start=1):
            fused[pos] += 1.0 / (RRF_K + r)
    if query.situation_type:
        for _term, pos in store.postings("tag", [query.situation_type]):
            if pos in fused:
                fused[pos] += W_CHOSEN_TYPE / (RRF_K + 1)
    sector: dict[int, float] = {}
    if query.sector:
        near = {s for fam in SECTOR_FAMILIES if query.sector in fam for s in fam} - {query.sector}
        for term, pos in store.postings("sector", [query.sector, *near]):
            if pos in everyone:
                sector[pos] = max(sector.get(pos, 0.0), 1.0 if term == query.sector else 0.3)
        for pos, value in sector.items():
            if value == 1.0 and pos in fused:
                fused[pos] += W_OWN_SECTOR / (RRF_K + 1)
    rows = store.rows(everyone)
    channel = {pos: 1.0 for pos, (_id, ch, _n) in rows.items() if channel_fits(ch, query.channel)}
    return Signals(
        candidates=sorted(everyone),
        vocabulary=points,
        words={h.pos: h for h in word_scores.top(None, among=everyone)},
        meaning={pos: (sim, cue) for pos, sim, cue in meaning},
        meaning_all=meaning_all,
        fused=dict(fused),
        orders=orders,
        sector=sector,
        channel=channel,
        length=len(toks),
        lang_known=written is not None,
        focus=focus,
        not_coached=evidence.not_coached,
        off_topic=off_topic,
    )


def _sentence_evidence(matcher: Matcher, sentence: str, written: str | None) -> float:
    """How strongly the words of one sentence point at some story (BM25 of its best story)."""
    hits = lexical.rank(matcher.store, words(sentence), written, 1)
    return hits[0].score if hits else 0.0


def by_meaning(
    matcher: Matcher,
    query: Query,
    text: str,
    written: str | None,
    candidates: set[int],
) -> tuple[list[tuple[int, float, int]], list[float], float | None]:
    """(pos, similarity, index of the closest sentence in the answer's language) by meaning,
    best first; every similarity; and the similarity of the closest example question wowcoach
    does not coach. Empty and None when the model is not here.

    A situation whose language is clear is compared with the sentences of that language only:
    as good on the tuning sets as comparing with all three, in a third of the time."""
    from wowcoach.matching.semantic import similarity

    if not text.strip():
        return [], [], None
    situation = matcher.embed(text)
    if situation is None:
        return [], [], None
    store = matcher.store
    rows = store.case_vectors(None if store.size() <= MEANING_ALL else sorted(candidates))
    shown = query.lang if query.lang in LANG_ORDER else "en"
    langs = {written, shown} if written else set(LANG_ORDER)

    def segment(counts: tuple[int, ...], lang: str) -> slice:
        start = sum(counts[: LANG_ORDER.index(lang)])
        return slice(start, start + counts[LANG_ORDER.index(lang)])

    wanted = {v for _p, counts, vids in rows for lang in langs for v in vids[segment(counts, lang)]}
    not_coached = store.not_coached()
    outside = {v for lang in ((written,) if written else LANG_ORDER) for v in not_coached.get(lang, ())}
    vectors = store.vectors(wanted | outside)
    vids = list(vectors)
    sims = {v: round(s, 4) for v, s in zip(vids, similarity(situation, [vectors[v] for v in vids]), strict=False)}
    off_topic = max((sims[v] for v in outside), default=None)
    out = []
    for pos, counts, case_vids in rows:
        compared = case_vids[segment(counts, written)] if written else case_vids
        own = [sims[v] for v in case_vids[segment(counts, shown)]]
        closest = max(range(len(own)), key=lambda i: (own[i], -i)) if own else 0
        out.append((pos, max(sims[v] for v in compared), closest))
    out.sort(key=lambda t: (-t[1], t[0]))
    return out, [sim for _pos, sim, _cue in out], off_topic
