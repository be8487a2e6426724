"""Each kind of reason is declared once with the signal behind it, and says something to the owner."""

from __future__ import annotations

import pytest

from wowcoach.app.reasons import EXPLANATIONS, explain
from wowcoach.i18n import translator
from wowcoach.knowledge.loader import load_library
from wowcoach.matching.query import REASON_KINDS, Reason


def test_every_kind_of_reason_has_an_explanation_and_no_more():
    assert set(EXPLANATIONS) == set(REASON_KINDS)


def test_an_unknown_kind_is_an_error_not_a_channel():
    with pytest.raises(ValueError, match="unknown kind of reason 'colour'"):
        Reason("colour", "red")


@pytest.mark.parametrize(
    ("reason", "moved", "shown"),
    [
        (Reason("tag", "bereavement", "died"), {"vocabulary"}, True),
        (Reason("tag", "bereavement", "died"), {"words", "meaning"}, False),
        (Reason("type", "bereavement"), set(), True),
        (Reason("channel", "shop"), {"sector"}, False),
    ],
)
def test_a_reason_is_shown_only_when_its_signal_moved_the_story(reason, moved, shown):
    assert reason.shown(moved) is shown


def test_each_explanation_reads_in_the_owners_language():
    library = load_library()
    examples = {
        "similar": Reason("similar", "0", "A customer's husband died"),
        "type": Reason("type", "bereavement"),
        "tag": Reason("tag", "bereavement", "died"),
        "value": Reason("value", "deliver-wow", "wow"),
        "concept": Reason("concept", "wedding", "wedding"),
        "words": Reason("words", "cake, wedding"),
        "sector": Reason("sector", "bakery"),
        "sector-near": Reason("sector-near", "cafe"),
        "channel": Reason("channel", "online"),
    }
    assert set(examples) == set(REASON_KINDS)
    for lang in ("en", "nl", "da"):
        t = translator(lang)
        said = {kind: explain(library, r, lang, t) for kind, r in examples.items()}
        assert len(set(said.values())) == len(said)  # no two kinds read alike
        assert all(text and "{" not in text for text in said.values())
    assert explain(library, examples["sector"], "nl", translator("nl")) != explain(library, examples["sector"], "en", translator("en"))


def test_a_story_names_its_words_in_common_once():
    from wowcoach.matching.load import load_bundle
    from wowcoach.matching.rank import Query, rank

    matcher = load_bundle([], None, replace=False)[1]
    text = "Een vaste klant vertelde dat haar man vorige week is overleden; ze kwam de fiets ophalen"
    for match in rank(matcher, Query(text, sector="bike-shop", lang="nl"), top=3):
        kinds = [r.kind for r in match.reasons]
        assert len(kinds) == len(set(kinds)), (match.case.id, match.reasons)
