"""Result objects: plain data, already in the chosen language, that every renderer shows as is.

The terminal, Markdown and JSON renderers read these and compute nothing, so they can never
disagree on a figure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Views are dataclasses without `eq`: they are built once and only read, equality is never
# needed, and skipping it keeps start-up quick (every dataclass costs time when the module loads).


@dataclass(eq=False)
class IdeaView:
    text: str
    cost: str  # free | low | medium | high
    affordable: bool = True


@dataclass(eq=False)
class CaseView:
    id: str
    company: str
    title: str
    story: str
    lesson: str
    channel: str
    sectors: list[str]
    situations: list[str]
    values: list[str]
    wow: list[str]
    cost: str
    typical_amount: str | None
    ideas: list[IdeaView]
    figures: list[str]
    source: str  # the citation and its address, as one line
    source_text: str = ""  # the citation alone, for a link to `source_url`
    source_url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(eq=False)
class CaseList:
    lang: str
    cases: list[CaseView]

    def to_json(self) -> dict[str, Any]:
        return {"cases": [_plain(c) for c in self.cases]}


def _plain(view: CaseView) -> dict[str, Any]:
    """`asdict(view)`, made in C: the whole library's list took longer than reading it."""
    import msgspec  # loaded with the library already

    return msgspec.to_builtins(view)


@dataclass(eq=False)
class ValueView:
    id: str
    number: int
    name: str
    meaning: str
    questions: list[str]
    actions: list[str]
    question_ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(eq=False)
class ValueList:
    lang: str
    values: list[ValueView]
    principle: str
    wow_criteria: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"values": [asdict(v) for v in self.values], "principle": self.principle, "wow_criteria": self.wow_criteria}


@dataclass(eq=False)
class ValueScore:
    id: str
    name: str
    yes: int
    answered: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.yes / self.answered) if self.answered else None


@dataclass(eq=False)
class ChecklistResult:
    lang: str
    scores: list[ValueScore]
    focus: list[str]  # names of the values to work on first

    def to_json(self) -> dict[str, Any]:
        return {"scores": [dict(asdict(s), percent=s.percent) for s in self.scores], "focus": self.focus}


@dataclass(eq=False)
class TagView:
    id: str
    label: str  # in the chosen language
    stories: int


@dataclass(eq=False)
class TagList:
    """The sectors and situations a story may be about, by their names in one language."""

    lang: str
    sectors: list[TagView]
    situations: list[TagView]

    def to_json(self) -> dict[str, Any]:
        return {"sectors": [asdict(s) for s in self.sectors], "situations": [asdict(s) for s in self.situations]}
