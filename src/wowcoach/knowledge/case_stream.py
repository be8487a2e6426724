"""A library's cases, each decoded and checked when it is read, in the library's order.

Ten thousand stories take some 50 MB as objects, twice their JSON. The index reads every case
once and keeps none, so a consultant's JSON library is kept only as the bytes that were read,
and each case is made from them when its turn comes (the parts many cases have word for word,
a few MB of them at most, are decoded once and shared). Whatever is wrong is collected on the way
and raised together, as one DataError, once the last case has been read.

The index keeps no copy of a JSON file's cases either: only where each one is in the file
(`Span`), and reads it from there when it is shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

import msgspec

from wowcoach.errors import DataError, Problem
from wowcoach.i18n import Msg
from wowcoach.knowledge import schema as kb


class Layer(NamedTuple):
    """One cases file, as the library uses it."""

    name: str
    text: str | bytes  # the file's content, to find the line of a problem
    cases: tuple  # kb.Case (a YAML file, checked when read) or msgspec.Raw (JSON, not yet decoded)
    situations: frozenset[str]  # the tags it may use: its own and those of the files before it
    sectors: frozenset[str]


class Span(NamedTuple):
    """Where a case's JSON is in the file it was read from: the bytes the index reads it from
    again (the cache key covers the file's size and time, so they are the same bytes)."""

    path: str  # resolved: a later run may start in another folder
    start: int
    length: int


_BETWEEN = re.compile(rb"[\s,]*")  # what stands between two cases of a JSON list


def spans_in(text: bytes, cases: tuple) -> list[int]:
    """Where each case's JSON (msgspec.Raw, decoded from `text`) starts in `text`. The cases
    follow each other with only a comma and blanks between them, so each is looked for right
    after the one before; a search is the fallback, and finds the same bytes in any case."""
    starts = []
    end = 0
    for raw in cases:
        start = _BETWEEN.match(text, end).end()  # type: ignore[union-attr]  # matches the empty string
        if not text.startswith(raw, start):
            start = text.find(raw, end)
        starts.append(start)
        end = start + len(raw)
    return starts


class CaseId(msgspec.Struct):
    id: object = None  # whatever is there: the case itself is checked later


@cache
def _decoder(kind: type) -> msgspec.json.Decoder:
    return msgspec.json.Decoder(kind)  # made on first use: most runs read the cache, not files


# The parts of a case that many cases may have word for word (the "applies when" sentences a
# consultant reuses from story to story, one book the source of many stories): each distinct one
# is decoded and checked once, and the cases that have it share it. A case is first read with
# these parts left as their JSON. A story's own texts differ from case to case: not worth it.
SHARED = ("applies_when", "ideas", "source")
SHARED_BYTES = 4 << 20  # of JSON remembered at most, so a library of distinct stories stays small


@cache
def _parts() -> tuple[type, dict[str, type]]:
    """A case with its SHARED parts as JSON (otherwise checked as `Case` checks it), and each
    part's type."""
    fields = msgspec.structs.fields(kb.Case)
    spec = [(f.name, msgspec.Raw if f.name in SHARED else f.type) if f.required else (f.name, f.type, f.default) for f in fields]
    parts = msgspec.defstruct("CaseParts", spec, bases=(kb.FileEntry,), kw_only=True, frozen=True)
    return parts, {f.name: f.type for f in fields if f.name in SHARED}


def reference_problems(case: kb.Case, index: int, layer: Layer, value_ids: set[str] | frozenset[str]) -> list[Problem]:
    """A case's values, situation tags and sectors that no file defines."""
    idea_sectors = [s for idea in case.ideas for s in idea.sectors]
    if (
        value_ids.issuperset(case.values)
        and layer.situations.issuperset(case.situations)
        and layer.sectors.issuperset(case.sectors)
        and layer.sectors.issuperset(idea_sectors)
    ):
        return []  # the usual answer, found without a loop: this runs for every case
    problems = []
    for field, refs, known, what, loc in (
        ("values", case.values, value_ids, Msg("value"), ()),
        ("situations", case.situations, layer.situations, Msg("situation tag"), ()),
        ("sectors", case.sectors, layer.sectors, Msg("sector"), ()),
        *(("sectors", idea.sectors, layer.sectors, Msg("sector"), ("ideas", i, "sectors")) for i, idea in enumerate(case.ideas)),
    ):
        for ref in refs:
            if ref not in known:
                problems.append(located(layer, index, _unknown(what, ref, known), case.id, field, loc))
    return problems


def _unknown(what: Msg, ref: str, known: set[str] | frozenset[str]) -> Msg:
    """An id no file defines, with the ones it may be a typo of ('bakeri': bakery)."""
    import difflib

    close = difflib.get_close_matches(ref, sorted(known), n=3, cutoff=0.75)
    if close:
        return Msg("unknown {what} '{ref}': did you mean {ids}?").format(what=what, ref=ref, ids=", ".join(close))
    return Msg("unknown {what} '{ref}'").format(what=what, ref=ref)


def located(layer: Layer, index: int, message: str | Msg, entry: str | None, field: str | None, loc: tuple = ()) -> Problem:
    from wowcoach.yamlio import line_of  # only when something is wrong: it loads PyYAML

    line = line_of(layer.text, ("cases", index, *(loc or ([field] if field else []))))
    return Problem(layer.name, message, entry=entry or f"cases[{index}]", field=field, line=line)


class CaseStream:
    """The cases of one or more files; a case with an id an earlier file has replaces it there."""

    def __init__(self, layers: list[Layer], value_ids: set[str]):
        self.layers = layers
        self.value_ids = value_ids
        self.problems: list[Problem] = []
        self.replaced: list[tuple[int, int]] = []  # checked too, though the library shows others
        self._shared: dict[str, dict[bytes, object]] = {name: {} for name in SHARED}  # part -> its JSON -> the part
        self._shared_bytes = 0
        if len(layers) == 1:
            # One file: its cases in its order; a repeated id is found while reading.
            self.order = [(0, i) for i in range(len(layers[0].cases))]
        else:
            self.order = self._merged()

    def _merged(self) -> list[tuple[int, int]]:
        """(layer, index) of every case in the library's order. This needs every id first; a
        JSON file's are read on their own, without decoding its cases."""
        merged: dict[object, tuple[int, int]] = {}
        for n, layer in enumerate(self.layers):
            seen: set[object] = set()
            for i, case in enumerate(layer.cases):
                case_id = _raw_id(case) if isinstance(case, msgspec.Raw) else case.id
                if not isinstance(case_id, str):
                    case_id = (n, i)  # no usable id: the case is reported when it is read
                elif case_id in seen:
                    self.problems.append(located(layer, i, Msg("duplicate id"), case_id, "id"))
                seen.add(case_id)
                if case_id in merged:
                    self.replaced.append(merged[case_id])
                merged[case_id] = (n, i)
        return list(merged.values())

    def __len__(self) -> int:
        return len(self.order)

    def __iter__(self) -> Iterator[kb.Case]:
        return (case for case, _json in self.with_json())

    def with_json(self) -> Iterator[tuple[kb.Case, bytes | Span]]:
        """Each case with where the index finds it again: its place in the JSON file it was
        decoded from, or its JSON (a YAML file's case, checked whole when the file was read)."""
        problems = list(self.problems)
        seen: set[str] = set()
        encode = msgspec.json.encode
        starts: dict[int, list[int]] = {}
        paths: dict[int, str] = {}
        for n, i in self.order:
            case = self._checked(n, i, problems)
            if case is None:
                continue
            if len(self.layers) == 1:
                if case.id in seen:
                    problems.append(located(self.layers[n], i, Msg("duplicate id"), case.id, "id"))
                    continue
                seen.add(case.id)
            layer = self.layers[n]
            raw = layer.cases[i]
            if isinstance(raw, msgspec.Raw) and isinstance(layer.text, bytes):
                if n not in starts:
                    starts[n] = spans_in(layer.text, layer.cases)
                    paths[n] = str(Path(layer.name).resolve())
                yield case, Span(paths[n], starts[n][i], len(raw))
            else:
                yield case, encode(case)
        for n, i in self.replaced:
            self._checked(n, i, problems)
        for known in self._shared.values():
            known.clear()
        self._shared_bytes = 0
        if problems:
            raise DataError(problems)

    def decoded(self, raw: msgspec.Raw) -> kb.Case:
        """The case, checked exactly as `Case` checks it (msgspec.ValidationError if it isn't
        one), its SHARED parts decoded once per distinct JSON."""
        parts_type, types = _parts()
        try:
            parts = _decoder(parts_type).decode(raw)
            fields = msgspec.structs.asdict(parts)
            for name, known in self._shared.items():
                data = bytes(fields[name])
                part = known.get(data)
                if part is None:
                    part = _decoder(types[name]).decode(data)
                    if self._shared_bytes < SHARED_BYTES:
                        known[data] = part
                        self._shared_bytes += len(data)
                fields[name] = part
        except msgspec.ValidationError:
            # Read whole again: it says what is wrong exactly as reading it whole says it.
            return _decoder(kb.Case).decode(raw)
        return kb.Case(**fields)

    def _checked(self, n: int, i: int, problems: list[Problem]) -> kb.Case | None:
        """Case i of file n, decoded if need be, its problems added; None if it can't be read."""
        layer = self.layers[n]
        case = layer.cases[i]
        if isinstance(case, msgspec.Raw):
            try:
                case = self.decoded(case)
            except msgspec.ValidationError as exc:
                from wowcoach.knowledge.schema_errors import describe

                loc, message = describe(exc, kb.Case)
                case_id = _raw_id(layer.cases[i])
                field = ".".join(str(p) for p in loc) or None
                problems.append(located(layer, i, message, case_id if isinstance(case_id, str) else None, field, loc))
                return None
        problems += reference_problems(case, i, layer, self.value_ids)
        return case


def _raw_id(raw: msgspec.Raw) -> object:
    try:
        return _decoder(CaseId).decode(raw).id
    except msgspec.ValidationError:
        return None
