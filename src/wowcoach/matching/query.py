"""What is asked of the ranking (`Query`) and why a story is given (`Reason`)."""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    situation: str = ""
    situation_type: str | None = None
    sector: str | None = None
    channel: str | None = None  # shop | online | both
    lang: str = "en"  # the language the answer is shown in: a "similar situation" is quoted in it


class Reason(NamedTuple):
    kind: str  # tag | type | value | concept | words | similar | sector | sector-near | channel
    detail: str  # a tag or sector id, the matched concept ids or words
    evidence: str = ""  # what the user wrote that triggered it
