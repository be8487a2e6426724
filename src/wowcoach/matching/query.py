"""What is asked of the ranking (`Query`) and why a story is given (`Reason`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Query(NamedTuple):
    situation: str = ""
    situation_type: str | None = None
    sector: str | None = None
    channel: str | None = None  # shop | online | both
    lang: str = "en"  # the language the answer is shown in: a "similar situation" is quoted in it


# Every kind of reason a story is given for, and the group of ranking signals that must have
# moved the story up for the reason to be shown (None: the owner's own choice, always shown).
# What each kind says to the owner is `app/reasons.py`'s EXPLANATIONS, keyed the same: a test
# holds the two together, so a new signal is added here and there and nowhere else.
REASON_KINDS: dict[str, str | None] = {
    "similar": "meaning",  # detail: the "applies when" sentence's index; evidence: the sentence
    "type": None,  # the situation type the owner chose
    "tag": "vocabulary",  # a situation tag; evidence: the words that named it
    "value": "vocabulary",  # a core value; evidence: the words that named it
    "concept": "vocabulary",  # shared concept ids; evidence: the words
    "words": "words",  # the telling words in common
    "sector": "sector",  # the owner's own sector
    "sector-near": "sector",  # a sector of the same family
    "channel": "channel",  # the owner's channel, or "any"
}


@dataclass(frozen=True, slots=True)
class Reason:
    kind: str  # a key of REASON_KINDS
    detail: str  # a tag or sector id, the matched concept ids or words
    evidence: str = ""  # what the user wrote that triggered it

    def __post_init__(self) -> None:
        if self.kind not in REASON_KINDS:  # a programming error: the kind has no explanation
            raise ValueError(f"unknown kind of reason {self.kind!r}: add it to REASON_KINDS and app/reasons.py")

    def shown(self, moved: set[str]) -> bool:
        """Whether the signals that moved the story up include this reason's."""
        group = REASON_KINDS[self.kind]
        return group is None or group in moved
