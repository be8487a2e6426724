"""The shipped knowledge base: complete and true to the source articles. What the schema checks
while loading (every text in three languages, two ideas, a source, unique ids) is not checked
again here: loading the library checks it."""

from __future__ import annotations

import re

import pytest

from wowcoach.knowledge.loader import load_library
from wowcoach.knowledge.schema import in_language

SEED_IDS = [
    "zappos-pizza",
    "zappos-365-day-returns",
    "zappos-longest-call",
    "zappos-refer-competitors",
    "zappos-competitor-cheaper-size",
    "zappos-free-shoes-late-delivery",
    "zappos-condolence-flowers",
    "zappos-dog-treats",
    "zappos-surprise-upgrade",
    "zappos-wedding-shoes",
    "zappos-ship-before-return",
    "zappos-library-stickers",
    "zappos-pay-to-quit",
    "zappos-no-call-kpis",
    "mortons-porterhouse",
    "love-letter-chocolates",
]


@pytest.fixture(scope="module")
def lib():
    return load_library()


def test_the_seed_stories_are_shipped(lib):
    assert set(SEED_IDS) <= {c.id for c in lib.cases}


def test_at_least_25_more_stories_from_10_sectors(lib):
    extra = [c for c in lib.cases if c.id not in SEED_IDS]
    assert len(extra) >= 25
    sectors = {s for c in extra for s in c.sectors if s != "other"}
    assert len(sectors) >= 10, sorted(sectors)


def test_every_story_is_told_in_two_to_six_sentences(lib):
    assert [c.id for c in lib.cases if not 2 <= len(re.findall(r"[.!?](\s|$)", c.story.en)) <= 6] == []


def _figures(lib, case_id):
    case = lib.case(case_id)
    return " ".join(in_language(f.value, "en") for f in case.figures) + " " + case.story.en


@pytest.mark.parametrize(
    ("case_id", "pattern"),
    [
        ("zappos-365-day-returns", r"365"),
        ("zappos-longest-call", r"10 h(ours)? 29 min"),
        ("zappos-pay-to-quit", r"\$5,000|5,000|5000"),
        ("zappos-365-day-returns", r"75 ?%"),
        ("mortons-porterhouse", r"40 km"),
        ("mortons-porterhouse", r"two hours|2 h"),
    ],
)
def test_facts_match_the_articles(lib, case_id, pattern):
    assert re.search(pattern, _figures(lib, case_id)), (case_id, pattern)


def test_word_of_mouth_figure_is_somewhere(lib):
    text = " ".join(in_language(f.value, "en") + " " + f.label.en for c in lib.cases for f in c.figures)
    assert "44" in text and "75" in text


def test_values_are_zappos_ten(lib):
    names = [v.name.en for v in lib.values]
    assert len(names) == 10
    assert {"Deliver WOW Through Service", "Do More With Less", "Be Humble"} <= set(names)
