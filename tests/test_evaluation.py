"""Quality of `suggest`, measured on situations written unlike the stories."""

from __future__ import annotations

from pathlib import Path

from wowcoach.evaluation import evaluate, rates
from wowcoach.interview import vocabulary
from wowcoach.loader import load_library
from wowcoach.matching import Matcher
from wowcoach.yamlio import load_yaml

SET = Path(__file__).parent / "eval" / "situations.yaml"


def test_the_set_is_big_enough_and_valid():
    items = load_yaml(SET)["situations"]
    library = load_library()
    assert len(items) >= 30
    assert {i["lang"] for i in items} == {"en", "nl", "da"}
    for item in items:
        for case_id in item["accept"]:
            library.case(case_id)


def test_top3_hit_rate_is_at_least_90_percent():
    library = load_library()
    outcomes = evaluate(library, Matcher.build(library, vocabulary()), SET)
    hits, total = rates(outcomes)["all"]
    misses = [(o.id, o.top) for o in outcomes if not o.hit]
    assert hits / total >= 0.90, misses
