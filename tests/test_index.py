"""The full-text index finds exactly the stems and concepts that splitting the stories in Python
finds: SQLite's tokenizer and `textnorm.words` must agree on every word."""

from __future__ import annotations

import math
from collections import defaultdict

import msgspec
import pytest

from wowcoach.knowledge.schema import Text
from wowcoach.knowledge.library import Library
from wowcoach.knowledge.loader import load_library, load_vocabulary
from wowcoach.matching.rank import Matcher
from wowcoach.matching.vocabulary import LANGS, Vocabulary
from wowcoach.matching.text import stems_of, words

TRICKY = Text(
    en="The customer's café order, don’t forget: rock'n'roll 3rd time_lucky 'quoted' naïve ŒUVRE e-mail 10km 🎉",
    nl="Het verjaardagstaartje kwam te laat; de klant was kletsnat en geïrriteerd, financiële zorgen",
    # "gå" and "bryllupssko" written with a separate ring (NFD), as some editors save them
    da="Hun skulle g\u0061\u030a til bryllup i nye bryllupssko, men pakken var forsinket. Kundens håb",
)


def expected_index(library: Library, vocabulary: Vocabulary) -> dict[tuple[str, str], set[int]]:
    """(kind, term) -> cases, by splitting every story in Python: what the index must hold."""
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for pos, case in enumerate(library.cases):
        for lang in LANGS:
            toks = words(" ".join([case.title.get(lang), case.story.get(lang), case.lesson.get(lang)]))
            for stem in stems_of(toks, lang):
                index[("stem", stem)].add(pos)
            for concept in vocabulary.find_in(toks, lang, phrases=False):
                index[("concept", concept)].add(pos)
    return index


def stored_index(matcher: Matcher) -> dict[tuple[str, str], set[int]]:
    terms = matcher.store.conn.execute("SELECT DISTINCT kind, term FROM terms").fetchall()
    return {(kind, term): {p for _t, p in matcher.store.postings(kind, [term])} for kind, term in terms}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary.build(load_vocabulary())


def test_index_of_the_shipped_library_matches_python(vocabulary):
    library = load_library()
    matcher = Matcher.build(library, vocabulary)
    assert stored_index(matcher) == expected_index(library, vocabulary)


def test_index_agrees_on_apostrophes_accents_numbers_and_decomposed_letters(vocabulary):
    shipped = load_library()
    cases = [msgspec.structs.replace(shipped.cases[0], id="tricky", story=TRICKY), shipped.cases[1]]
    library = Library(cases, shipped.values, shipped.situations, shipped.sectors, shipped.wow_criteria, shipped.principle)
    matcher = Matcher.build(library, vocabulary)
    found = stored_index(matcher)
    assert found == expected_index(library, vocabulary)
    assert 0 in found[("stem", "cafe")] and 0 in found[("stem", "gå")]


def test_idf_counts_each_case_once(vocabulary):
    library = load_library()
    matcher = Matcher.build(library, vocabulary)
    expected = expected_index(library, vocabulary)
    n = len(library.cases)
    for (kind, stem), cases in expected.items():
        if kind == "stem":
            assert matcher.store.idf([stem])[stem] == pytest.approx(math.log((n + 1) / (len(cases) + 0.5)))
    assert matcher.store.idf(["no-story-has-this-stem"]) == {}
