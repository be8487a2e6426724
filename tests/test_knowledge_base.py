"""The shipped knowledge base: complete, trilingual, true to the source articles."""

from __future__ import annotations

import re

import pytest

from wowcoach.knowledge.loader import load_library, shipped_cases_path
from wowcoach.knowledge.schema import in_language
from wowcoach.yamlio import load_yaml

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


def test_all_seed_stories_exist_in_three_languages(lib):
    for case_id in SEED_IDS:
        case = lib.case(case_id)
        for field in (case.title, case.story, case.lesson):
            assert field.en and field.nl and field.da, case_id
        for idea in case.ideas:
            assert idea.text.en and idea.text.nl and idea.text.da


def test_at_least_25_more_stories_from_10_sectors(lib):
    extra = [c for c in lib.cases if c.id not in SEED_IDS]
    assert len(extra) >= 25
    sectors = {s for c in extra for s in c.sectors if s != "other"}
    assert len(sectors) >= 10, sorted(sectors)


def test_every_case_names_its_source_and_has_two_ideas(lib):
    for case in lib.cases:
        assert case.source.publication and case.source.title
        assert len(case.ideas) >= 2
        assert 2 <= len(re.findall(r"[.!?](\s|$)", case.story.en)) <= 6, case.id


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
    for name in ("Deliver WOW Through Service", "Do More With Less", "Be Humble"):
        assert name in names
    for v in lib.values:
        assert len(v.questions) >= 4 and v.name.nl and v.name.da
    assert len(lib.wow_criteria) == 5


def test_ids_are_unique_in_the_raw_file():
    data = load_yaml(shipped_cases_path())
    ids = [c["id"] for c in data["cases"]]
    assert len(ids) == len(set(ids))
