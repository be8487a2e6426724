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
    return cls(*[convert(getattr(model, name)) for name, convert in _converters(cls)])


_CONVERTERS: dict[type, list] = {}


def _converters(cls: type) -> list:
    # Worked out once per type from its annotations: a 10,000-story library converts some
    # 100,000 objects, and reading annotations each time would cost seconds.
    if cls not in _CONVERTERS:
        import typing

        hints = typing.get_type_hints(cls)
        _CONVERTERS[cls] = [(name, _converter(hints[name])) for name in cls._fields]
    return _CONVERTERS[cls]


def _converter(hint: object):
    import types
    import typing

    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is tuple:
        item = _converter(args[0])
        return lambda raw: tuple(item(x) for x in raw)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(a for a in args if a is not type(None)))
        return lambda raw: None if raw is None else inner(raw)
    if isinstance(hint, type) and hasattr(hint, "_fields"):
        return lambda raw: from_model(hint, raw)
    return lambda raw: raw
