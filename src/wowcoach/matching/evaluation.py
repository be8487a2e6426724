"""Top-1 and top-3 hit rates of the ranking on a set of situations with expert-accepted stories."""

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
    kind: str  # plain | informal | indirect; "-" in sets written before kinds were kept
    top: list[str]
    accept: list[str]

    @property
    def hit(self) -> bool:
        return bool(set(self.top[:3]) & set(self.accept))

    @property
    def first(self) -> bool:
        return bool(self.top) and self.top[0] in self.accept


def evaluate(library: Library, matcher: Matcher, path: Path, k: int = 3) -> list[Outcome]:
    outcomes = []
    for item in load_yaml(path)["situations"]:
        query = Query(item["text"], item.get("situation_type"), item.get("sector"), item.get("channel"))
        top = [m.case.id for m in rank(matcher, query, top=k)]
        outcomes.append(Outcome(item["id"], item["lang"], item.get("kind", "-"), top, list(item["accept"])))
    return outcomes


def table(outcomes: list[Outcome], by: str = "lang") -> dict[str, tuple[int, int, int]]:
    """Top-1 hits, top-3 hits and totals per language (or per `kind`), and 'all'."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for o in outcomes:
        for key in (getattr(o, by), "all"):
            counts[key][0] += o.first
            counts[key][1] += o.hit
            counts[key][2] += 1
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}
