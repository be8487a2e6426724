"""The knowledge base as the program uses it: plain, immutable named tuples.

`models.py` validates the YAML files with pydantic; the result is converted into these types,
which load from the cache without importing pydantic. Named tuples rather than dataclasses:
they are created and unpickled several times faster, and this runs on every start.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple


class Text(NamedTuple):
    """A text a user reads, in every language we support."""

    en: str
    nl: str
    da: str

    def get(self, lang: str) -> str:
        return getattr(self, lang, self.en)


class Tag(NamedTuple):
    id: str
    label: Text


class Idea(NamedTuple):
    cost: str
    text: Text


class Figure(NamedTuple):
    value: str
    label: Text


class Source(NamedTuple):
    publication: str
    title: str
    language: str
    year: int | None = None
    url: str | None = None


class Amount(NamedTuple):
    amount: Decimal
    currency: str


class Case(NamedTuple):
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


class Question(NamedTuple):
    id: str
    text: Text


class Value(NamedTuple):
    id: str
    number: int
    name: Text
    meaning: Text
    questions: tuple[Question, ...]
    actions: tuple[Text, ...]


class WowCriterion(NamedTuple):
    id: str
    name: Text
    description: Text


class Gesture(NamedTuple):
    id: str
    name: Text
    description: Text
    cost_eur: Decimal
    effort: str
    kind: str
    weaker: bool
    wow: tuple[str, ...]
    values: tuple[str, ...]


class Concept(NamedTuple):
    id: str
    tags: tuple[str, ...] = ()
    weight: float = 1.0
    values: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    nl: tuple[str, ...] = ()
    da: tuple[str, ...] = ()


def from_model(cls: type, model: object) -> object:
    """Convert a validated pydantic model into one of these types, nested ones included."""
    hints = _hints(cls)
    return cls(**{name: _convert(hints[name], getattr(model, name)) for name in cls._fields})


_HINTS: dict[type, dict[str, object]] = {}


def _hints(cls: type) -> dict[str, object]:
    # Resolving annotations is slow; a 10,000-story library asks for them 100,000 times.
    if cls not in _HINTS:
        import typing

        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _convert(hint: object, raw: object) -> object:
    import types
    import typing

    if raw is None:
        return None
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        return tuple(_convert(args[0], item) for item in raw)
    if origin in (typing.Union, types.UnionType):
        inner = next(a for a in args if a is not type(None))
        return _convert(inner, raw)
    if isinstance(hint, type) and hasattr(hint, "_fields"):
        return from_model(hint, raw)
    return raw
