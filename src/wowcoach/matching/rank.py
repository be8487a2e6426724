"""Rank cases against a shop's situation: deterministic, explainable, offline, and saying how sure.

Three rankings read the situation, each in its own way (`signals.py`): the vocabulary (tags,
values, topics, sector and channel), the words (BM25 over the stories and their "applies
when" sentences) and the meaning (sentence vectors, when the model is installed). A long text
is read for its moment first (`moment.py`). A calibrated scorer (`scorer.py`) weighs what the
three know about each candidate (`features.py`) into the probability that the story is
comparable: the order, and how sure the answer is (high, medium, low, or none when no story
fits). A situation is read in English, Dutch or Danish without being told which. A reason is
given only for a signal that moved the story up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from wowcoach.knowledge.schema import Case
from wowcoach.matching.matcher import Matcher
from wowcoach.matching.query import REASON_KINDS, Query, Reason

if TYPE_CHECKING:
    from wowcoach.matching.signals import Signals

__all__ = ["Match", "Matcher", "Query", "Ranked", "Reason", "rank", "rank_with_confidence"]


class Match(NamedTuple):
    case: Case
    score: float  # the scorer's, before it is made a probability
    reasons: tuple[Reason, ...]
    probability: float = 0.0  # that this story is comparable to the situation


class Ranked(NamedTuple):
    matches: list[Match]
    confidence: str  # high | medium | low | none: how likely the first story is comparable
    close: bool  # the first two are too near to tell apart
    probability: float  # that the first story is comparable (0 without a situation)


SIMILAR_SHOWN = 0.80  # a "similar situation" is named only when it is at least this close
CLOSE = 0.05  # probabilities this near are a tie the owner may settle (one follow-up question)
# The situation type the owner picked (in the interview, or the answer to "which of these comes
# closest?") multiplies the odds of its stories by e. Set by hand, not fitted: no tuning
# situation comes with a chosen type, so the scorer never learnt its weight.
CHOSEN_TYPE = 1.0
MOVED_UP = 0.05  # a signal moved a story up when it adds this much more to its score than to the others'
REASON_GROUPS = tuple(dict.fromkeys(g for g in REASON_KINDS.values() if g))  # the groups a reason waits for


def rank(matcher: Matcher, query: Query, top: int = 3) -> list[Match]:
    """The best cases for the situation, best first; ties go to the id, so the order is fixed."""
    return rank_with_confidence(matcher, query, top).matches


def rank_with_confidence(matcher: Matcher, query: Query, top: int = 3) -> Ranked:
    from wowcoach.matching import features, scorer
    from wowcoach.matching.signals import gather

    signals = gather(matcher, query, max(top, 30))
    model = scorer.model("meaning" if signals.meaning else "words")
    xs = features.for_situation(signals)
    scores = {pos: model.score(x) for pos, x in xs.items()}
    if query.situation_type:
        chosen = {pos for _term, pos in matcher.store.postings("tag", [query.situation_type])}
        for pos in scores.keys() & chosen:
            scores[pos] += CHOSEN_TYPE
    ids = {pos: row[0] for pos, row in matcher.store.rows(scores).items()}
    order = sorted(scores, key=lambda p: (-round(scores[p], 6), ids[p]))[:top]
    terms = {pos: model.terms(x) for pos, x in xs.items()}
    moved = _moved_up(model.features, terms, order)
    matches = []
    for pos in order:
        case = matcher.store.case_at(pos)
        why = _reasons(signals, pos, case, query, moved[pos])
        matches.append(Match(case, round(scores[pos], 4), tuple(why), round(scorer.probability(scores[pos]), 4)))
    if not query.situation.strip() or not matches:
        return Ranked(matches, "low", False, 0.0)
    first = matches[0].probability
    close = len(matches) > 1 and first - matches[1].probability < CLOSE
    return Ranked(matches, model.level(first), close, first)


def _moved_up(names: tuple[str, ...], terms: dict[int, list[float]], shown: list[int]) -> dict[int, set[str]]:
    """The signals that raised each shown story's score more than they raised the other
    candidates' on average: the only ones a reason may name."""
    from wowcoach.matching.features import GROUPS

    group_of = {name: group for group, names_ in GROUPS.items() for name in names_}
    by_group: dict[int, dict[str, float]] = {}
    for pos, ts in terms.items():
        sums: dict[str, float] = {}
        for name, term in zip(names, ts, strict=True):
            group = group_of.get(name, "")
            sums[group] = sums.get(group, 0.0) + term
        by_group[pos] = sums
    n = len(by_group) or 1
    mean = {g: sum(s.get(g, 0.0) for s in by_group.values()) / n for g in REASON_GROUPS}
    return {pos: {g for g in REASON_GROUPS if by_group[pos].get(g, 0.0) > mean[g] + MOVED_UP} for pos in shown}


def _reasons(signals: Signals, pos: int, case: Case, query: Query, moved: set[str]) -> list[Reason]:
    """Why this story, in the owner's terms, for the signals that moved it up only."""
    why: list[Reason] = []
    if "meaning" in moved and pos in signals.meaning:
        sim, cue = signals.meaning[pos]
        if sim >= SIMILAR_SHOWN:
            why.append(Reason("similar", str(cue), case.applies_when.get(query.lang)[cue]))
    points = signals.vocabulary.get(pos)
    if points is not None:
        for reason in points.reasons:
            # The words ranking names its own telling words below, in place of the vocabulary's;
            # "other" is no sector: two shops that are both "other" share nothing to name.
            if reason.kind == "words" or (reason.kind in ("sector", "sector-near") and reason.detail == "other"):
                continue
            if reason.shown(moved):
                why.append(reason)
    hit = signals.words.get(pos)
    if "words" in moved and hit is not None and hit.telling:
        why.insert(
            len(why) - sum(1 for r in why if r.kind in ("sector", "sector-near", "channel")), Reason("words", ", ".join(hit.telling))
        )
    return why
