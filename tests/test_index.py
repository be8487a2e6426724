"""The full-text index finds exactly the stems and concepts that splitting the stories in Python
finds: SQLite's tokenizer and `textnorm.words` must agree on every word."""

from __future__ import annotations

import math
import string
from collections import defaultdict

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wowcoach.knowledge.library import Library
from wowcoach.knowledge.loader import load_library, load_vocabulary
from wowcoach.knowledge.schema import Text
from wowcoach.matching.forgiving import lexical_terms, one_typo_apart, one_typo_variants
from wowcoach.matching.rank import Matcher
from wowcoach.matching.text import NUMBER, split_words, stems_of, words
from wowcoach.matching.vocabulary import LANGS, Vocabulary

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
                if stem != NUMBER:  # never asked for: a query's words are longer (test below)
                    index[("stem", stem)].add(pos)
            for concept in vocabulary.find_in(toks, lang, phrases=False):
                index[("concept", concept)].add(pos)
    return index


def stored_index(matcher: Matcher) -> dict[tuple[str, str], set[int]]:
    terms = matcher.store.conn.execute("SELECT DISTINCT kind, term FROM terms WHERE kind != 'lex'").fetchall()
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


def expected_lexical(library: Library) -> dict[tuple[str, str], set[int]]:
    """(column, lexical term) -> cases, by splitting every story and its cues in Python."""
    columns = {}
    for pos, case in enumerate(library.cases):
        for lang in LANGS:
            columns[(pos, lang)] = " ".join([case.title.get(lang), case.story.get(lang), case.lesson.get(lang)])
            columns[(pos, lang + "_cues")] = " ".join(case.applies_when.get(lang))
    known = {lang: {w for (_p, col), text in columns.items() if col[:2] == lang for w in words(text)} for lang in LANGS}
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for (pos, col), text in columns.items():
        for word in words(text):
            for t in lexical_terms(words(word), col[:2], known[col[:2]]):
                index[(col, t)].add(pos)
    return index


def test_lexical_index_agrees_with_python_on_stories_and_cues(vocabulary):
    shipped = load_library()
    cases = [msgspec.structs.replace(shipped.cases[0], id="tricky", story=TRICKY), *shipped.cases[1:4]]
    library = Library(cases, shipped.values, shipped.situations, shipped.sectors, shipped.wow_criteria, shipped.principle)
    store = Matcher.build(library, vocabulary).store
    expected = expected_lexical(library)
    stored = {(col, t): set(store.lex_positions(t, col)) for col, t in expected}
    assert stored == expected
    # "bryllupssko" (written with a separate ring elsewhere) is found by its parts
    assert 0 in store.lex_positions("sko", "da")


def test_texts_an_earlier_case_has_are_found_in_every_case_that_has_them(vocabulary):
    """A column's text that an earlier case has (a story kept under another id, a list of
    "applies when" sentences reused under a new title) is in the full-text index once: every
    term still finds every case that has it, in the library's order, and each case reads back
    as itself."""
    shipped = load_library()
    a, b, c = shipped.cases[:3]
    copy = msgspec.structs.replace
    cases = [a, b, copy(a, id="a-again"), c, copy(b, id="b-again", channel="phone"), copy(a, id="a-third")]
    cases += [copy(c, id="c-retitled", title=a.title), copy(b, id="b-with-a-s-sentences", applies_when=a.applies_when)]
    library = Library(cases, shipped.values, shipped.situations, shipped.sectors, shipped.wow_criteria, shipped.principle)
    matcher = Matcher.build(library, vocabulary)
    store = matcher.store
    assert stored_index(matcher) == expected_index(library, vocabulary)
    expected = expected_lexical(library)
    assert {(col, t): store.lex_positions(t, col) for col, t in expected} == {key: sorted(found) for key, found in expected.items()}
    assert [store.case_at(pos) for pos in range(len(cases))] == cases
    assert store.lengths("nl")[2] == store.lengths("nl")[0] and store.lengths("nl")[4] == store.lengths("nl")[1]


@given(
    st.one_of(
        st.text(alphabet=string.ascii_letters, max_size=12),
        st.text(alphabet=string.digits, max_size=6),
        st.text(alphabet=string.ascii_letters + string.digits + "'’é ٣", max_size=12),
    )
)
def test_a_plain_word_is_split_as_any_text(text):
    """`words` takes a short cut for one plain ASCII word or number (most words the index
    splits): it must give what the general path gives."""
    assert words(text) == split_words(text)


@given(
    st.lists(st.text(alphabet="abekrsæøå'", min_size=1, max_size=7), max_size=40),
    st.text(alphabet="abekrsæøåx'", max_size=7),
)
def test_the_words_one_typo_away_are_all_found(known, word):
    """A typo is corrected by trying every variant of the word spelled with the stories' own
    letters: that finds exactly the known words `one_typo_apart` would take, no more, no fewer."""
    letters = set("".join(known))
    found = {t for t in one_typo_variants(word, letters) if t in set(known)}
    assert found == {t for t in known if one_typo_apart(t, word)}


def test_the_index_corrects_a_typo_to_the_stories_words(vocabulary):
    """`spelled_like` gives the stories' terms of the language one typo from the one typed."""
    shipped = load_library()
    store = Matcher.build(shipped, vocabulary).store
    terms = {t for case in shipped.cases for t in lexical_terms(words(" ".join(case.title.da.split())), "da", set())}
    target = max(sorted(terms), key=len)
    typo = target[:2] + target[3:]  # one letter left out
    near = store.spelled_like(typo, "da")
    assert target in near
    assert all(one_typo_apart(t, typo) for t in near)


def test_a_situation_never_asks_for_the_number_stem_the_index_leaves_out(vocabulary):
    from wowcoach.matching.by_vocabulary import Evidence
    from wowcoach.matching.query import Query

    matcher = Matcher.build(load_library(), vocabulary)
    for text in ("She turns 90 on the 3rd and ordered 2 cakes at 10", "Hij wordt 80, 15 euro", "Hun fylder 100 år"):
        evidence = Evidence(matcher, Query(text), text)
        asked = set().union(*evidence.query_stems.values())
        assert asked and NUMBER not in asked
