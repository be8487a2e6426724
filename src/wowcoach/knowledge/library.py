"""The knowledge base as one validated, read-only object: cases, values and their lists.

The cases may live in memory, in the files they are read from (`case_stream.py`, checked as
they are read) or in the index database (`store.py`); a suggestion for a library of ten thousand
stories then reads only the few it shows.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Protocol

import msgspec

from wowcoach.errors import UserError
from wowcoach.i18n import Msg
from wowcoach.knowledge.case_stream import CaseStream, Span
from wowcoach.knowledge.schema import Case, Gesture, Tag, Text, Value, WowCriterion


class Library:
    def __init__(
        self,
        cases: Iterable[Case] | None,
        values: tuple[Value, ...],
        situations: dict[str, Tag],
        sectors: dict[str, Tag],
        wow_criteria: tuple[WowCriterion, ...],
        principle: Text,
        gestures: tuple[Gesture, ...] = (),
        review_questions: tuple[Text, ...] = (),
    ):
        self._stream = cases if isinstance(cases, CaseStream) else None
        self._cases = tuple(cases) if cases is not None and self._stream is None else None
        self.values = values
        self.situations = situations
        self.sectors = sectors
        self.wow_criteria = wow_criteria
        self.principle = principle
        self.gestures = gestures
        self.review_questions = review_questions
        self._value_index = {v.id: v for v in values}
        self._case_index: dict[str, Case] | None = None
        self._source: CaseSource | None = None

    def attach(self, source: CaseSource) -> Library:
        """Read cases from an index database instead of holding them all."""
        self._source = source
        self._cases = None
        self._stream = None
        self._case_index = None
        return self

    def indexed_in(self, source: CaseSource) -> None:
        """An index now holds the cases: a library that streamed them reads them from there."""
        if self._cases is None:
            self.attach(source)

    def iter_cases(self) -> Iterator[Case]:
        """Every case once, in order, without keeping them: how the index reads a library."""
        if self._cases is None and self._stream is not None:
            return iter(self._stream)
        return iter(self.cases)

    def size(self) -> int:
        """How many cases there are (those a file lists, before they are checked)."""
        if self._cases is None and self._stream is not None:
            return len(self._stream)
        return len(self.cases)

    def iter_cases_json(self) -> Iterator[tuple[Case, bytes | Span]]:
        """`iter_cases`, each case with its JSON, or where it is in the JSON file it was read from."""
        if self._cases is None and self._stream is not None:
            return self._stream.with_json()
        encode = msgspec.json.encode
        return ((case, encode(case)) for case in self.cases)

    @property
    def cases(self) -> tuple[Case, ...]:
        if self._cases is None:
            if self._stream is not None:
                self._cases = tuple(self._stream)
            else:
                self._cases = tuple(self._source.all_cases()) if self._source else ()
        return self._cases

    def case(self, case_id: str) -> Case:
        if self._cases is None and self._source is not None:
            found = self._source.case_by_id(case_id)
            if found is not None:
                return found
            raise UserError(unknown_id(Msg("case"), case_id, self._source.ids(), "wowcoach cases list"))
        if self._case_index is None:
            self._case_index = {c.id: c for c in self.cases}
        try:
            return self._case_index[case_id]
        except KeyError:
            raise UserError(unknown_id(Msg("case"), case_id, list(self._case_index), "wowcoach cases list")) from None

    def value(self, value_id: str) -> Value:
        try:
            return self._value_index[value_id]
        except KeyError:
            raise UserError(unknown_id(Msg("value"), value_id, list(self._value_index), "wowcoach values list")) from None

    def has_value(self, value_id: str) -> bool:
        return value_id in self._value_index

    def value_name(self, value_id: str, lang: str) -> str:
        """A value's name in `lang`; the id itself for a value this library lacks (one a ledger
        entry or a consultant's story names, from other values files)."""
        value = self._value_index.get(value_id)
        return value.name.get(lang) if value else value_id

    def label(self, kind: str, tag_id: str, lang: str) -> str:
        """A situation or sector label in `lang`; the id itself when the list lacks it."""
        table = self.situations if kind == "situation" else self.sectors
        tag = table.get(tag_id)
        return tag.label.get(lang) if tag else tag_id


class CaseSource(Protocol):
    """What a library needs from wherever its cases are kept (the index's store)."""

    def all_cases(self) -> list[Case]: ...

    def case_by_id(self, case_id: str) -> Case | None: ...

    def ids(self) -> list[str]: ...


def unknown_id(kind: Msg, given: str, known: list[str], list_command: str) -> Msg:
    """An id that is not there, and the ones closest to it or the command that lists them."""
    close = difflib.get_close_matches(given, known, n=3, cutoff=0.75)
    if not close:
        # Ids are long; a shared word ("pizza") is a better hint than spelling distance.
        words = set(given.lower().split("-"))
        close = [k for k in known if words & set(k.split("-"))][:3]
    if close:
        return Msg("Unknown {kind} '{given}'. Did you mean: {close}?").format(kind=kind, given=given, close=", ".join(close))
    return Msg("Unknown {kind} '{given}'. See `{command}` for the ids.").format(kind=kind, given=given, command=list_command)
