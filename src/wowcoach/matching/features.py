"""What the three rankings know about each (situation, story) pair, as numbers for the scorer.

The rankings (`rank.py`) each order the candidates in their own way: the vocabulary by points
for tags, values, topics, words, sector and channel; the words by BM25; the meaning by the
closest "applies when" sentence. Their ranks alone (the reciprocal-rank fusion wowcoach used
before) throw away how far ahead a story is and how sure each ranking is. Here every candidate
gets its raw scores, their distance to the best candidate's, its rank in each ranking, the
agreement between them, the sector and channel fit, and a few facts about the situation itself
(its length, how close its best story comes): the scorer (`scorer.py`) weighs them into one
probability, and the same facts about the situation tell it when no story fits.

Feature names are the keys of `scorer.json`; a group (`GROUPS`) is the signal a reason tells
the owner about, so a reason is shown only when its group moved that story up.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from wowcoach.matching.by_vocabulary import Points
from wowcoach.matching.moment import MEANING_CHARS

if TYPE_CHECKING:
    from wowcoach.matching.signals import Signals

RR_K = 10  # a rank r counts (RR_K + 1) / (RR_K + r): 1 for the first, about a half for the 11th


# The signal each feature belongs to: the reasons shown for a story come from the groups whose
# features raised its score above the other candidates'. "situation" features are the same for
# every story of one situation: they set how sure the answer is, never the order.
GROUPS = {
    "vocabulary": (
        "vocab",
        "vocab_rel",
        "vocab_gap",
        "vocab_rr",
        "tags",
        "tag_share",
        "values",
        "type",
        "topics",
        "vocab_rel_long",
        "vocab_rr_long",
        "tags_long",
    ),
    "words": ("bm25", "bm25_rel", "bm25_gap", "bm25_rr", "shared", "bm25_rel_long", "bm25_rr_long"),
    "meaning": ("sim", "sim_gap", "sim_z", "sim_rr", "sim_lead", "sim_z_long", "sim_gap_long", "sim_rr_long"),
    "fusion": ("rrf", "rrf_rr", "agree1", "agree3", "rrf_long"),
    "sector": ("sector",),
    "channel": ("channel",),
    "situation": ("length", "lang_known", "best_sim", "best_sim_z", "best_bm25", "best_vocab", "not_coached", "off_topic", "long"),
}
# In a long text (a pasted mail, a week told whole) the model reads a part and the vocabulary
# finds many things: these features count again, apart, for such texts, so each ranking can
# weigh differently there.
LONG = ("sim_z", "sim_gap", "sim_rr", "bm25_rel", "bm25_rr", "vocab_rel", "vocab_rr", "tags", "rrf")


def rr(rank: int | None) -> float:
    return 0.0 if rank is None else (RR_K + 1) / (RR_K + rank)


def for_situation(signals: Signals) -> dict[int, dict[str, float]]:
    """The features of every candidate, by its position."""
    vocab_best = max((p.score for p in signals.vocabulary.values()), default=0.0)
    bm25_best = max((h.score for h in signals.words.values()), default=0.0)
    sims = signals.meaning_all
    sim_best = max(sims, default=0.0)
    sim_mean = sum(sims) / len(sims) if sims else 0.0
    sim_sd = math.sqrt(sum((s - sim_mean) ** 2 for s in sims) / len(sims)) if len(sims) > 1 else 1.0
    sim_sd = sim_sd or 1.0
    ranks = {name: {pos: r for r, pos in enumerate(order, start=1)} for name, order in signals.orders.items()}
    by_meaning = signals.orders.get("meaning", [])
    second_sim = signals.meaning[by_meaning[1]][0] if len(by_meaning) > 1 else 0.0
    fused_best = max(signals.fused.values(), default=0.0) or 1.0
    fused_rank = {pos: r for r, pos in enumerate(sorted(signals.fused, key=lambda p: -signals.fused[p]), start=1)}
    situation = {
        "length": math.log1p(signals.length),
        "lang_known": float(signals.lang_known),
        "best_sim": sim_best,
        "best_sim_z": (sim_best - sim_mean) / sim_sd if sims else 0.0,
        "best_bm25": math.log1p(bm25_best),
        "best_vocab": math.log1p(vocab_best),
        "not_coached": signals.not_coached,
        "long": 1.0 if len(signals.focus.words) > MEANING_CHARS else 0.0,
    }
    if signals.off_topic is not None:
        # How much closer the situation comes to a question wowcoach does not coach than to its best story.
        situation["off_topic"] = signals.off_topic - sim_best
    out = {}
    no_points = Points(0.0, [], {})
    for pos in signals.candidates:
        points = signals.vocabulary.get(pos, no_points)
        vocab, parts = points.score, points.parts
        hit = signals.words.get(pos)
        bm25, shared = (hit.score, len(hit.words)) if hit else (0.0, 0)
        x = dict(situation)
        x.update(
            vocab=math.log1p(vocab),
            vocab_rel=vocab / vocab_best if vocab_best else 0.0,
            vocab_gap=vocab - vocab_best,
            vocab_rr=rr(ranks.get("vocabulary", {}).get(pos)),
            tags=parts.get("tag", 0.0),
            tag_share=parts.get("cover", 0.0),
            values=parts.get("value", 0.0),
            type=parts.get("type", 0.0),
            topics=parts.get("concept", 0.0),
            bm25=math.log1p(bm25),
            bm25_rel=bm25 / bm25_best if bm25_best else 0.0,
            bm25_gap=math.log1p(bm25) - math.log1p(bm25_best),
            bm25_rr=rr(ranks.get("words", {}).get(pos)),
            shared=math.log1p(shared),
            rrf=signals.fused.get(pos, 0.0) / fused_best,
            rrf_rr=rr(fused_rank.get(pos)),
            agree1=float(sum(1 for order in signals.orders.values() if order[:1] == [pos])),
            agree3=float(sum(1 for order in signals.orders.values() if pos in order[:3])),
            sector=signals.sector.get(pos, 0.0),
            channel=signals.channel.get(pos, 0.0),
        )
        if signals.meaning:
            sim = signals.meaning[pos][0] if pos in signals.meaning else min(sims, default=0.0)
            x.update(
                sim=sim,
                sim_gap=sim - sim_best,
                sim_z=(sim - sim_mean) / sim_sd,
                sim_rr=rr(ranks.get("meaning", {}).get(pos)),
                sim_lead=sim - (second_sim if by_meaning[:1] == [pos] else sim_best),
            )
        if situation["long"]:
            x.update({f"{name}_long": x.get(name, 0.0) for name in LONG})
        out[pos] = x
    return out
