"""Quality of `suggest`, measured on situations written unlike the stories."""

from __future__ import annotations

from pathlib import Path

from wowcoach.matching.evaluation import evaluate, rates
from wowcoach.knowledge.loader import load_library
from wowcoach.matching.load import load_bundle
from wowcoach.yamlio import load_yaml

import pytest

SETS = sorted((Path(__file__).parent / "eval").glob("situations_*.yaml"))


def test_the_sets_are_big_enough_and_valid():
    library = load_library()
    assert len(SETS) >= 1
    ids = set()
    for path in SETS:
        items = load_yaml(path)["situations"]
        assert len(items) >= 30, path
        assert {i["lang"] for i in items} == {"en", "nl", "da"}
        for item in items:
            assert item["id"] not in ids
            ids.add(item["id"])
            for case_id in item["accept"]:
                library.case(case_id)


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_top3_hit_rate_is_at_least_90_percent(path):
    library, matcher = load_bundle([], None, replace=False)
    outcomes = evaluate(library, matcher, path)
    hits, total = rates(outcomes)["all"]
    misses = [(o.id, o.top) for o in outcomes if not o.hit]
    assert hits / total >= 0.90, misses
