"""Top-3 hit rate of `suggest` on a set of situations with expert-accepted stories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from wowcoach.knowledge.library import Library
from wowcoach.matching.rank import Matcher, Query, rank
from wowcoach.yamlio import load_yaml


@dataclass(frozen=True)
class Outcome:
    id: str
    lang: str
    hit: bool
    top: list[str]
    accept: list[str]


def evaluate(library: Library, matcher: Matcher, path: Path, k: int = 3) -> list[Outcome]:
    outcomes = []
    for item in load_yaml(path)["situations"]:
        query = Query(item["text"], item.get("situation_type"), item.get("sector"), item.get("channel"))
        top = [m.case.id for m in rank(matcher, query, top=k)]
        accept = list(item["accept"])
        outcomes.append(Outcome(item["id"], item["lang"], bool(set(top) & set(accept)), top, accept))
    return outcomes


def rates(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    """Hits and totals per language, and 'all'."""
    table: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        for key in (o.lang, "all"):
            table[key][0] += o.hit
            table[key][1] += 1
    return {k: (v[0], v[1]) for k, v in table.items()}
