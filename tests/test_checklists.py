"""Checklist questions an owner can answer, one thing each; gestures of one kind each."""

from __future__ import annotations

import re

import yaml

from wowcoach.knowledge.files import shipped_gestures_path
from wowcoach.knowledge.loader import load_library


def questions():
    return [(q.id, q.text.en) for v in load_library().values for q in v.questions]


def test_no_question_asks_what_someone_would_do():
    for qid, text in questions():
        assert not re.match(r"(Would|Could|Might|If)\b", text), qid


def test_no_question_asks_two_things_joined_by_and():
    # "read every review and reply calmly": two things. Lists inside one thing ("names, sizes and dates") are fine.
    for qid, text in questions():
        assert not re.search(r"\b(read|write|tell|check)\w* [^,?]* and (reply|share|apologi[sz]e|know)", text, re.I), qid


def test_near_duplicates_are_merged():
    ids = [qid for qid, _ in questions()]  # each once: the loader refuses a repeated question id
    for gone in ("no-rush-at-closing", "no-time-targets", "regulars-by-name"):
        assert gone not in ids
    texts = dict(questions())
    assert "closing" in texts["time-to-chat"] and "target" in texts["time-to-chat"]
    assert "names" in texts["customer-notes"]


def test_fee_waiver_and_upgrade_are_separate_gestures():
    data = yaml.safe_load(shipped_gestures_path().read_text(encoding="utf-8"))
    gestures = {g["id"]: g for g in data["gestures"]}
    assert "free-delivery-or-upgrade" not in gestures
    assert gestures["surprise-upgrade"]["kind"] == "emotional" and not gestures["surprise-upgrade"]["weaker"]
    assert gestures["delivery-fee-waived"]["kind"] == "monetary" and gestures["delivery-fee-waived"]["weaker"]
