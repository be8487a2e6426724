"""The knowledge base as the program uses it: plain, frozen dataclasses.

`models.py` validates the YAML files with pydantic; the result is converted into these types,
which load from the cache without importing pydantic, so a warm start stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Text:
    """A text a user reads, in every language we support."""

    en: str
    nl: str
    da: str

    def get(self, lang: str) -> str:
        return getattr(self, lang, self.en)


@dataclass(frozen=True, slots=True)
class Tag:
    id: str
    label: Text


@dataclass(frozen=True, slots=True)
class Idea:
    cost: str
    text: Text


@dataclass(frozen=True, slots=True)
class Figure:
    value: str
    label: Text


@dataclass(frozen=True, slots=True)
class Source:
    publication: str
    title: str
    language: str
    year: int | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Amount:
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    company: str
    sectors: tuple[str, ...]
    channel: str
    situations: tuple[str, ...]
    title: Text
    story: Text
    lesson: Text
    values: tuple[str, ...]
    wow: tuple[str, ...]
    cost: str
    typical_amount: Amount | None
    ideas: tuple[Idea, ...]
    figures: tuple[Figure, ...]
    source: Source


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Value:
    id: str
    number: int
    name: Text
    meaning: Text
    questions: tuple[Question, ...]
    actions: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class WowCriterion:
    id: str
    name: Text
    description: Text


@dataclass(frozen=True, slots=True)
class Gesture:
    id: str
    name: Text
    description: Text
    cost_eur: Decimal
    effort: str
    kind: str
    weaker: bool
    wow: tuple[str, ...]
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    tags: tuple[str, ...] = ()
    weight: float = 1.0
    values: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    nl: tuple[str, ...] = ()
    da: tuple[str, ...] = ()


def from_model(cls: type, model: object) -> object:
    """Convert a validated pydantic model (or a list of them) into these dataclasses."""
    import dataclasses
    import typing

    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        raw = getattr(model, f.name)
        values[f.name] = _convert(hints[f.name], raw)
    return cls(**values)


def _convert(hint: object, raw: object) -> object:
    import typing

    if raw is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        return tuple(_convert(args[0], item) for item in raw)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        inner = next(a for a in args if a is not type(None))
        return _convert(inner, raw)
    if isinstance(hint, type) and hasattr(hint, "__dataclass_fields__"):
        return from_model(hint, raw)
    return raw

