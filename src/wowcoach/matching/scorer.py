"""One calibrated score per (situation, story): the probability that the story is comparable.

A small logistic model over the features of `features.py`, fitted by `scripts/train_scorer.py`
on the tuning situations only and shipped as data (`scorer.json`): the feature names, their
centre and scale, the weights, and the probabilities that set the confidence levels. Evaluated
here in plain Python: no numpy at run time, start-up speed matters.

There are two models: one with the sentence model's features, and one for ranking by words
only (no model installed, or WOWCOACH_MODEL=off), which has to do without them.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import NamedTuple

WEIGHTS_FILE = Path(__file__).with_name("scorer.json")
LEVELS = ("high", "medium", "low", "none")


class Model(NamedTuple):
    features: tuple[str, ...]
    centre: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    levels: dict[str, float]  # the least probability of the first story for high, medium and low

    def terms(self, x: dict[str, float]) -> list[float]:
        """Each feature's part of the score, in the order of `features`: what a reason is made of."""
        return [w * (x.get(f, 0.0) - c) / s for f, c, s, w in zip(self.features, self.centre, self.scale, self.weights, strict=True)]

    def score(self, x: dict[str, float]) -> float:
        return self.bias + sum(self.terms(x))

    def level(self, probability: float) -> str:
        """high | medium | low | none: how sure the answer is that the first story is comparable."""
        for level in LEVELS[:-1]:
            if probability >= self.levels[level]:
                return level
        return "none"


def probability(score: float) -> float:
    if score < -35:
        return 0.0
    return 1.0 / (1.0 + math.exp(-score))


@cache
def model(kind: str) -> Model:
    """`meaning` (the sentence model's features among them) or `words` (ranking by words only)."""
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))["models"][kind]
    return Model(
        tuple(data["features"]),
        tuple(data["centre"]),
        tuple(data["scale"]),
        tuple(data["weights"]),
        float(data["bias"]),
        {k: float(v) for k, v in data["levels"].items()},
    )
