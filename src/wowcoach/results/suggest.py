"""The result of `wowcoach suggest`: the closest stories for a shop's situation, explained."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wowcoach.results.cases import CaseView, IdeaView, ValueView


@dataclass(eq=False)
class Suggestion:
    case: CaseView
    score: float
    why: list[str]
    ideas: list[IdeaView]
    ideas_from: str = ""  # the sectors the ideas are for, when none is for this shop's sector or general
    probability: float | None = None  # that the story is comparable to the situation (None without one)
    because: str = ""  # why this story, in plain words for a client's document (no scores or matched words)


@dataclass(eq=False)
class SuggestReport:
    profile: dict[str, Any]
    suggestions: list[Suggestion]
    checklist: list[ValueView]
    principle: str
    notes: list[str] = field(default_factory=list)
    confidence: str = "high"  # high | medium | low | none: how likely the first story is comparable (matching/rank.py)
    heading: str = ""  # above the stories when they are further away than comparable ("none")
    # (situation tag, label) to ask about when the answer is unsure; the interview asks once
    choices: list[tuple[str, str]] = field(default_factory=list)

    @property
    def budget(self) -> str:
        """The monthly budget in the profile's locale (Babel is loaded only when it is shown)."""
        from wowcoach.money import format_amount

        p = self.profile
        return format_amount(p["budget_cents"], p["currency"], p["lang"])

    def to_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "suggestions": [
                {
                    "id": s.case.id,
                    "score": s.score,
                    "probability": s.probability,
                    "why": s.why,
                    "ideas": [i.text for i in s.ideas],
                    "ideas_from": s.ideas_from,
                    "title": s.case.title,
                    "company": s.case.company,
                }
                for s in self.suggestions
            ],
            "confidence": self.confidence,
        }
