"""Names that look the same are the same person, on SQLite as on PostgreSQL: compared after NFC,
without invisible characters, case-folded; and the invisible characters never reach a screen."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wowcoach.textclean import clean, json_safe, name_key

# Tag characters (U+E0000-E007F), the Mongolian vowel separator, interlinear annotations, musical
# format characters, zero-width space and non-joiner, word joiner, BOM, soft hyphen, a Hangul filler.
INVISIBLE = [
    "\U000e0041",
    "\U000e0001",
    "\U000e007f",
    "\u180e",
    "\ufff9",
    "\ufffb",
    "\U0001d173",
    "\u200b",
    "\u200c",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u3164",
]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_are_dropped_everywhere(char):
    assert clean(f"An{char}na") == "Anna"
    assert json.loads(json_safe(json.dumps(f"An{char}na", ensure_ascii=False))) == f"An{char}na"  # JSON keeps the data
    assert char not in json_safe(json.dumps(f"An{char}na", ensure_ascii=False))  # as an escape


def test_emoji_keep_their_joiner():
    assert clean("👩\u200d🍳") == "👩\u200d🍳"


@given(st.text(alphabet=st.sampled_from(["a", "A", "å", "Å", "\u030a", " ", "\u200b", "\u200d", "\ufe0f", *INVISIBLE])))
def test_a_name_key_ignores_what_cannot_be_seen(text):
    key = name_key(text)
    assert name_key(key) == key  # stable
    assert name_key(text.upper()) == key  # case
    assert not any(c in key for c in INVISIBLE)


def test_one_person_however_the_name_is_written():
    assert len({name_key(n) for n in ("Åse", "åse", "A\u030ase", "Åse\u200b", " ÅSE ", "Åse\U000e0041")}) == 1
    assert name_key("Anna") != name_key("Anne")


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def test_two_staff_names_that_look_the_same_are_refused(run):
    result = run("plan", "--no-input", "--staff-name", "Anna", "--staff-name", "Anna\u200b", "--month", "2027-03")
    assert (result.exit_code, result.stderr.strip()) == (2, "Two people have the same name: make each --staff-name unique.")
    result = run("plan", "--no-input", "--staff-name", "Åse", "--staff-name", "A\u030ase", "--month", "2027-03")
    assert result.exit_code == 2


def test_names_compare_the_same_on_both_databases(run, ledger_target):
    db = ledger_target
    plan = ["plan", "--no-input", "--budget", "100", "--staff-name", "Åse", "--staff-name", "Bo", "--month", "2027-03"]
    ok(run(*plan, "--record", "--db", db))
    base = ["log", "add", "--db", db, "--date", "2027-03-02", "--value", "be-humble", "--cost", "10"]
    for typed in ("åse", "A\u030ase", "ÅSE\u200b", "Åse\U000e0041"):
        result = ok(run(*base, "--by", typed, "--what", f"by {typed!r}"))
        assert result.stdout.splitlines()[1].startswith("Åse has ")  # the plan's spelling
    listed = json.loads(ok(run("log", "list", "--db", db, "--month", "2027-03", "--by", "åse", "--format", "json")).stdout)
    assert len(listed["entries"]) == 4 and {e["by"] for e in listed["entries"]} == {"Åse"}
    review = json.loads(ok(run("review", "--db", db, "--month", "2027-03", "--format", "json")).stdout)["review"]
    people = {p["name"]: p for p in review["people"]}
    assert set(people) == {"Åse", "Bo"} and people["Åse"]["gestures"] == 4
    assert people["Åse"]["spent_cents"] == 4000 and people["Åse"]["remaining_cents"] == 1000


def test_a_shop_name_with_an_invisible_character_is_the_same_shop(run, ledger_target):
    db = ledger_target
    ok(run("log", "add", "--db", db, "--shop", "De Zon", "--new-shop", "--by", "Bo", "--what", "x", "--cost", "0", "--value", "be-humble"))
    ok(run("log", "add", "--db", db, "--shop", "De\u200b Zon", "--by", "Bo", "--what", "y", "--cost", "0", "--value", "be-humble"))
    shops = json.loads(ok(run("review", "--all-shops", "--db", db, "--format", "json")).stdout)
    assert [s["shop"] for s in shops["shops"]] == ["De Zon"]
