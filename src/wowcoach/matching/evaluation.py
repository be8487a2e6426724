"""How well `suggest` ranks and how well it knows it, on sets of situations with the stories an
expert accepts for each: top-1 and top-3, abstention ("none") and calibration.

A situation with an empty accept list has no comparable story ("no-fit"): the right answer is
"none". Top-1 and top-3 count the answerable situations only; the calibration counts every
situation, a no-fit one as a first card that is wrong, since "is the first card comparable?"
is the question the confidence answers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from wowcoach.knowledge.library import Library
from wowcoach.matching.rank import Matcher, Query, rank_with_confidence
from wowcoach.yamlio import load_yaml

LEVELS = ("high", "medium", "low", "none")


def sets_in(folder: Path, pattern: str = "*.yaml") -> list[Path]:
    """The sets in a folder in the order they were written: h1 ... h9, then h10, h11..."""
    return sorted(folder.glob(pattern), key=lambda p: (len(p.stem), p.stem))


BINS = 10  # probability bins of the calibration table: 0-10 %, 10-20 %, ...


@dataclass(frozen=True)
class Outcome:
    id: str
    lang: str
    kind: str  # plain | informal | indirect | terse | pasted | rambling | staff | no-fit; "-" in the oldest sets
    top: list[str]
    accept: list[str]
    confidence: str = "high"  # high | medium | low | none, as `suggest` says it
    probability: float | None = None  # that the first story is comparable, when the ranking gives one

    @property
    def answerable(self) -> bool:
        return bool(self.accept)

    @property
    def hit(self) -> bool:
        return bool(set(self.top[:3]) & set(self.accept))

    @property
    def first(self) -> bool:
        return bool(self.top) and self.top[0] in self.accept

    @property
    def abstained(self) -> bool:
        return self.confidence == "none"


def evaluate(library: Library, matcher: Matcher, path: Path, k: int = 3) -> list[Outcome]:
    outcomes = []
    for item in load_yaml(path)["situations"]:
        query = Query(item["text"], item.get("situation_type"), item.get("sector"), item.get("channel"), item["lang"])
        ranked = rank_with_confidence(matcher, query, top=k)
        top = [m.case.id for m in ranked.matches]
        probability = getattr(ranked, "probability", None)
        outcomes.append(Outcome(item["id"], item["lang"], item.get("kind", "-"), top, list(item["accept"]), ranked.confidence, probability))
    return outcomes


@dataclass
class Summary:
    """The figures of one group of situations."""

    n: int = 0
    answerable: int = 0
    top1: int = 0
    top3: int = 0
    nofit: int = 0
    nofit_none: int = 0  # no-fit situations answered "none": right
    wrong_none: int = 0  # answerable situations answered "none": wrong
    levels: dict[str, list[int]] = field(default_factory=lambda: {lv: [0, 0] for lv in LEVELS})  # level -> [said, first right]
    brier: float = 0.0  # sum of squared errors of the probability, when there is one
    scored: int = 0  # situations with a probability

    def add(self, o: Outcome) -> None:
        self.n += 1
        if o.answerable:
            self.answerable += 1
            self.top1 += o.first
            self.top3 += o.hit
            self.wrong_none += o.abstained
        else:
            self.nofit += 1
            self.nofit_none += o.abstained
        said = self.levels.setdefault(o.confidence, [0, 0])
        said[0] += 1
        said[1] += o.first
        if o.probability is not None:
            self.scored += 1
            self.brier += (o.probability - o.first) ** 2

    def rate(self, part: str) -> float | None:
        whole = {"top1": self.answerable, "top3": self.answerable, "nofit_none": self.nofit, "wrong_none": self.answerable}[part]
        return getattr(self, part) / whole if whole else None


def summarise(outcomes: list[Outcome], by: str = "lang") -> dict[str, Summary]:
    """A summary per language (or per `kind`), and 'all'."""
    out: dict[str, Summary] = defaultdict(Summary)
    for o in outcomes:
        for key in (getattr(o, by), "all"):
            out[key].add(o)
    return dict(out)


def table(outcomes: list[Outcome], by: str = "lang") -> dict[str, tuple[int, int, int]]:
    """Top-1 hits, top-3 hits and answerable situations per language (or per `kind`), and 'all'."""
    return {k: (s.top1, s.top3, s.answerable) for k, s in summarise(outcomes, by).items() if s.answerable}


def calibration(outcomes: list[Outcome], bins: int = BINS) -> list[tuple[float, float, int, float, int]]:
    """(bin start, bin end, situations, mean predicted probability, first card right) per
    probability bin with any situations in it."""
    counts: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0])
    for o in outcomes:
        if o.probability is None:
            continue
        b = min(int(o.probability * bins), bins - 1)
        counts[b][0] += 1
        counts[b][1] += o.probability
        counts[b][2] += o.first
    return [(b / bins, (b + 1) / bins, int(c[0]), c[1] / c[0], int(c[2])) for b, c in sorted(counts.items())]
