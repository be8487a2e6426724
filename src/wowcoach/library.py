"""The knowledge base as one validated, read-only object: cases, values and their lists."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from wowcoach.errors import UserError
from wowcoach.i18n import _
from wowcoach.kb import Case, Gesture, Tag, Text, Value, WowCriterion


@dataclass(frozen=True)
class Library:
    cases: tuple[Case, ...]
    values: tuple[Value, ...]
    situations: dict[str, Tag]
    sectors: dict[str, Tag]
    wow_criteria: tuple[WowCriterion, ...]
    principle: Text
    gestures: tuple[Gesture, ...] = ()
    review_questions: tuple[Text, ...] = ()
    files: tuple[str, ...] = ()
    _case_index: dict[str, Case] = field(default_factory=dict, repr=False, compare=False)
    _value_index: dict[str, Value] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._case_index.update({c.id: c for c in self.cases})
        self._value_index.update({v.id: v for v in self.values})

    def case(self, case_id: str) -> Case:
        try:
            return self._case_index[case_id]
        except KeyError:
            raise UserError(_unknown(_("case"), case_id, list(self._case_index), "wowcoach cases list")) from None

    def value(self, value_id: str) -> Value:
        try:
            return self._value_index[value_id]
        except KeyError:
            raise UserError(_unknown(_("value"), value_id, list(self._value_index), "wowcoach values list")) from None

    def has_value(self, value_id: str) -> bool:
        return value_id in self._value_index

    def label(self, kind: str, tag_id: str, lang: str) -> str:
        """A situation or sector label in `lang`; the id itself when the list lacks it."""
        table = self.situations if kind == "situation" else self.sectors
        tag = table.get(tag_id)
        return tag.label.get(lang) if tag else tag_id


def _unknown(kind: str, given: str, known: list[str], list_command: str) -> str:
    close = difflib.get_close_matches(given, known, n=3, cutoff=0.75)
    if not close:
        # Ids are long; a shared word ("pizza") is a better hint than spelling distance.
        words = set(given.lower().split("-"))
        close = [k for k in known if words & set(k.split("-"))][:3]
    if close:
        return _("Unknown {kind} '{given}'. Did you mean: {close}?").format(
            kind=kind, given=given, close=", ".join(close)
        )
    return _("Unknown {kind} '{given}'. See `{command}` for the ids.").format(
        kind=kind, given=given, command=list_command
    )
