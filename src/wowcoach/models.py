"""Typed shapes of the knowledge base, validated with pydantic.

The models check each entry on its own (types, required languages, known levels); the loader
checks what spans entries (unique ids, references between files).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Lang = Literal["en", "nl", "da"]
CostLevel = Literal["free", "low", "medium", "high"]
Channel = Literal["shop", "online", "phone", "social", "any"]
WowId = Literal["unconventional", "unexpected", "emotional", "solves-a-problem", "exceeds-expectations"]
COST_LEVELS: tuple[str, ...] = ("free", "low", "medium", "high")
CHANNELS: tuple[str, ...] = ("shop", "online", "phone", "social", "any")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]


class Strict(BaseModel):
    # Unknown keys are mistakes (a typo such as `lesson_nl`), not extensions.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text a user reads, in every language we support."""

    en: NonEmpty
    nl: NonEmpty
    da: NonEmpty

    def get(self, lang: str) -> str:
        return getattr(self, lang, self.en)


class Tag(Strict):
    id: Id
    label: Text


class Idea(Strict):
    cost: CostLevel
    text: Text


class Figure(Strict):
    value: NonEmpty
    label: Text


class Source(Strict):
    publication: NonEmpty
    title: NonEmpty
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
    year: Annotated[int, Field(ge=1800, le=2100)] | None = None
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Amount(Strict):
    amount: Decimal = Field(ge=0, le=Decimal("1000000000"))
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]

    @field_validator("amount", mode="before")
    @classmethod
    def _no_float(cls, v: object) -> object:
        # YAML reads 4.50 as a float; go through str so 4.50 stays exactly 4.50.
        return str(v) if isinstance(v, float) else v


class Case(Strict):
    id: Id
    company: NonEmpty
    sectors: list[Id] = Field(min_length=1)
    channel: Channel
    situations: list[Id] = Field(min_length=1)
    title: Text
    story: Text
    lesson: Text
    values: list[Id] = Field(min_length=1)
    wow: list[WowId] = Field(min_length=1)
    cost: CostLevel
    typical_amount: Amount | None = None
    ideas: list[Idea] = Field(min_length=2)
    figures: list[Figure] = Field(default_factory=list)
    source: Source


class CasesFile(Strict):
    version: Literal[1] = 1
    situations: list[Tag] = Field(default_factory=list)
    sectors: list[Tag] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)


class Question(Strict):
    id: Id
    text: Text


class Value(Strict):
    id: Id
    number: int = Field(ge=1, le=99)
    name: Text
    meaning: Text
    questions: list[Question] = Field(min_length=4)
    actions: list[Text] = Field(min_length=1)


class WowCriterion(Strict):
    id: WowId
    name: Text
    description: Text


class ValuesFile(Strict):
    version: Literal[1] = 1
    wow_criteria: list[WowCriterion] = Field(min_length=5, max_length=5)
    principle: Text
    values: list[Value] = Field(min_length=1)


Phrase = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=60)]


class Concept(Strict):
    """Words in three languages that mean one thing, and the situation tags they point to."""

    id: Id
    tags: list[Id] = Field(default_factory=list)
    weight: float = Field(default=1.0, gt=0, le=1.0)  # below 1 for broad words ("staff")
    values: list[Id] = Field(default_factory=list)  # core values the words point to ("bored": fun)
    en: list[Phrase] = Field(default_factory=list)
    nl: list[Phrase] = Field(default_factory=list)
    da: list[Phrase] = Field(default_factory=list)


class VocabularyFile(Strict):
    version: Literal[1] = 1
    concepts: list[Concept] = Field(min_length=1)


class Gesture(Strict):
    """Something staff can do to surprise a customer, with what it typically costs."""

    id: Id
    name: Text
    description: Text
    cost_eur: Decimal = Field(ge=0, le=Decimal("10000"))
    effort: Literal["low", "medium", "high"]
    kind: Literal["emotional", "monetary"]
    weaker: bool = False  # discounts and vouchers: a weaker WOW than service and emotion
    wow: list[WowId] = Field(min_length=1)
    values: list[Id] = Field(default_factory=list)

    @field_validator("cost_eur", mode="before")
    @classmethod
    def _no_float(cls, v: object) -> object:
        return str(v) if isinstance(v, float) else v


class GesturesFile(Strict):
    version: Literal[1] = 1
    gestures: list[Gesture] = Field(min_length=1)
    review_questions: list[Text] = Field(default_factory=list)
