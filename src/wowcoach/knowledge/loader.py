"""Load and validate the shipped knowledge base and a consultant's own files.

Order of precedence: the shipped files, then each `--cases` file on top (a case with an id that
already exists replaces it; new situation and sector tags are added). `--replace-cases` drops the
shipped cases so a consultant's library stands alone, still using the shipped tag lists.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from wowcoach.errors import DataError, Problem
from wowcoach.i18n import Msg
from wowcoach.knowledge import schema as kb
from wowcoach.knowledge.case_stream import CaseStream, Layer, reference_problems
from wowcoach.knowledge.files import compiled_twin, shipped_cases_path, shipped_gestures_path, shipped_values_path, vocabulary_path
from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import CasesFile, GesturesFile, Tag, ValuesFile, VocabularyFile
from wowcoach.knowledge.schema_errors import describe
from wowcoach.yamlio import line_of, parse_yaml, read_bytes, read_text

# The lists of entries in the files, and the type of one entry: each entry is checked on its own
# when a file is wrong, so every broken entry is reported, not only the first.
ENTRY_TYPES: dict[str, type] = {
    "cases": kb.Case,
    "situations": kb.Tag,
    "sectors": kb.Tag,
    "values": kb.Value,
    "wow_criteria": kb.WowCriterion,
    "gestures": kb.Gesture,
    "concepts": kb.Concept,
}


def _problems(model: type[msgspec.Struct], data: dict, exc: msgspec.ValidationError, text: str, name: str) -> list[Problem]:
    problems = []
    for section, entry_type in ENTRY_TYPES.items():
        entries = data.get(section)
        if section not in model.__struct_fields__ or not isinstance(entries, list):
            continue
        for i, raw in enumerate(entries):
            try:
                msgspec.convert(raw, entry_type)
            except msgspec.ValidationError as entry_exc:
                loc, message = describe(entry_exc, entry_type)
                entry = str(raw["id"]) if isinstance(raw, dict) and raw.get("id") else f"{section}[{i}]"
                field = ".".join(str(p) for p in loc) or None
                problems.append(Problem(name, message, entry=entry, field=field, line=line_of(text, (section, i, *loc))))
    if not problems:  # the file around the entries: a list too short, an unknown top-level key
        loc, message = describe(exc, model)
        problems.append(Problem(name, message, field=".".join(str(p) for p in loc) or None, line=line_of(text, loc)))
    return problems


def _validate(model: type, path: Path, top_key: str) -> tuple[Any, str | bytes]:
    """The file checked against `model`, and its content (to locate later problems in)."""
    name = str(path)
    if name.lower().endswith(".json"):
        raw = read_bytes(path)
        try:
            return msgspec.json.decode(raw, type=model), raw  # parsed and checked in one pass, in C
        except msgspec.DecodeError:
            pass  # the slower path below says exactly what is wrong
    else:
        twin = compiled_twin(path)
        if twin is not None:
            raw = read_bytes(path)
            found = _from_twin(model, twin, raw)
            if found is not None:
                return found, raw
    text = read_text(path)
    data = parse_yaml(text, name)
    if data is None:
        raise DataError([Problem(name, Msg("the file is empty."))])
    if not isinstance(data, dict):
        raise DataError([Problem(name, Msg("expected a mapping with a `{key}` list at the top.").format(key=top_key))])
    try:
        return msgspec.convert(data, model), text
    except msgspec.ValidationError as exc:
        raise DataError(_problems(model, data, exc, text, name)) from None


class _Twin(msgspec.Struct):
    crc32: int
    data: msgspec.Raw


def _from_twin(model: type, twin: Path, source: bytes) -> Any | None:
    """A shipped file read from the build's JSON copy, if that was made from this very YAML."""
    try:
        compiled = msgspec.json.decode(twin.read_bytes(), type=_Twin)
        if compiled.crc32 != zlib.crc32(source):
            return None
        return msgspec.json.decode(compiled.data, type=model)
    except (OSError, msgspec.DecodeError):
        return None  # the YAML itself is read, and says what is wrong


def validate_file(model: type, path: Path, top_key: str) -> Any:
    return _validate(model, path, top_key)[0]


def read_cases_file(path: Path) -> tuple[CasesFile, str | bytes]:
    return _validate(CasesFile, path, "cases")


def read_values_file(path: Path) -> tuple[ValuesFile, str | bytes]:
    return _validate(ValuesFile, path, "values")


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


def _again(ids: list[str], dup: str) -> int:
    """Where an id is given the second time: the entry to fix, not the first one."""
    return ids.index(dup, ids.index(dup) + 1)


def _locate(text: str | bytes, name: str, section: str, index: int, entry: str, field: str, message: str | Msg) -> Problem:
    return Problem(name, message, entry=entry, field=field, line=line_of(text, (section, index, field)))


def check_gestures(gestures: GesturesFile, text: str | bytes, name: str, value_ids: set[str], sector_ids: set[str]) -> list[Problem]:
    """Unique ids, known values, and sectors that exist (or `any` alone: a gesture for every shop)."""
    problems = []
    ids = [g.id for g in gestures.gestures]
    for dup in _duplicates(ids):
        problems.append(Problem(name, Msg("duplicate id"), entry=dup, field="id", line=line_of(text, ("gestures", _again(ids, dup), "id"))))
    for i, gesture in enumerate(gestures.gestures):
        if kb.ANY_SECTOR in gesture.sectors and len(gesture.sectors) > 1:
            message = Msg("`any` means every sector already: give `[any]` alone, or only the sectors the gesture is for")
            problems.append(_locate(text, name, "gestures", i, gesture.id, "sectors", message))
        for ref in gesture.sectors:
            if ref != kb.ANY_SECTOR and ref not in sector_ids:
                problems.append(
                    _locate(
                        text, name, "gestures", i, gesture.id, "sectors", Msg("unknown {what} '{ref}'").format(what=Msg("sector"), ref=ref)
                    )
                )
        for ref in gesture.values:
            if ref not in value_ids:
                problems.append(
                    _locate(
                        text, name, "gestures", i, gesture.id, "values", Msg("unknown {what} '{ref}'").format(what=Msg("value"), ref=ref)
                    )
                )
    return problems


def check_values(values: ValuesFile, text: str | bytes, name: str) -> list[Problem]:
    problems = []
    for dup in _duplicates(v.id for v in values.values):
        problems.append(Problem(name, Msg("duplicate id"), entry=dup, field="id"))
    for dup in _duplicates(q.id for v in values.values for q in v.questions):
        problems.append(Problem(name, Msg("duplicate question id '{id}'").format(id=dup), field="questions"))
    for dup in _duplicates(w.id for w in values.wow_criteria):
        problems.append(Problem(name, Msg("duplicate id"), entry=dup, field="wow_criteria"))
    return problems


def check_tag_lists(cases: CasesFile | kb.CasesOutline, text: str | bytes, name: str) -> list[Problem]:
    problems = []
    for section, ids in (("situations", [t.id for t in cases.situations]), ("sectors", [t.id for t in cases.sectors])):
        for dup in _duplicates(ids):
            problems.append(
                Problem(name, Msg("duplicate id"), entry=dup, field="id", line=line_of(text, (section, _again(ids, dup), "id")))
            )
    return problems


def check_cases(
    cases: CasesFile,
    text: str | bytes,
    name: str,
    value_ids: set[str],
    situation_ids: set[str],
    sector_ids: set[str],
) -> list[Problem]:
    """References and uniqueness; the known ids include those of the files this one builds on."""
    problems = check_tag_lists(cases, text, name)
    ids = [c.id for c in cases.cases]
    for dup in _duplicates(ids):
        problems.append(Problem(name, Msg("duplicate id"), entry=dup, field="id", line=line_of(text, ("cases", _again(ids, dup), "id"))))
    layer = Layer(
        name,
        text,
        cases.cases,
        frozenset(situation_ids | {t.id for t in cases.situations}),
        frozenset(sector_ids | {t.id for t in cases.sectors}),
    )
    for i, case in enumerate(cases.cases):
        problems += reference_problems(case, i, layer, value_ids)
    return problems


def read_cases_outline(path: Path) -> tuple[CasesFile | kb.CasesOutline, str | bytes]:
    """A cases file for the library: a JSON file's cases are left as read, to be decoded and
    checked one at a time (`case_stream`); a YAML file is checked whole."""
    if str(path).lower().endswith(".json"):
        raw = read_bytes(path)
        try:
            return msgspec.json.decode(raw, type=kb.CasesOutline), raw
        except msgspec.DecodeError:
            pass  # reading it whole says exactly what is wrong
    return read_cases_file(path)


def load_library(
    cases_paths: list[Path] | None = None,
    values_path: Path | None = None,
    replace: bool = False,
) -> Library:
    """The library: shipped data plus the consultant's files (or instead of them).

    Values, gestures and tag lists are checked here. The cases are checked as they are read
    (`case_stream`): the first full read, normally the index being built, raises every problem."""
    values_file = values_path or shipped_values_path()
    values, vtext = read_values_file(values_file)
    problems = check_values(values, vtext, str(values_file))
    value_ids = {v.id for v in values.values}

    # The shipped file always lends its tag lists; `replace` only drops its cases.
    paths = [shipped_cases_path(), *(cases_paths or [])]
    situations: dict[str, Tag] = {}
    sectors: dict[str, Tag] = {}
    layers: list[Layer] = []
    for n, path in enumerate(paths):
        cases, ctext = read_cases_outline(path)
        problems += check_tag_lists(cases, ctext, str(path))
        situations.update({t.id: t for t in cases.situations})
        sectors.update({t.id: t for t in cases.sectors})
        if n or not replace:
            layers.append(Layer(str(path), ctext, cases.cases, frozenset(situations), frozenset(sectors)))
    gestures, gtext = _validate(GesturesFile, shipped_gestures_path(), "gestures")
    problems += check_gestures(gestures, gtext, str(shipped_gestures_path()), value_ids, set(sectors))
    if problems:
        raise DataError(problems)
    return Library(
        cases=CaseStream(layers, value_ids),
        values=tuple(sorted(values.values, key=lambda v: v.number)),
        situations=situations,
        sectors=sectors,
        wow_criteria=values.wow_criteria,
        principle=values.principle,
        gestures=gestures.gestures,
        review_questions=gestures.review_questions,
    )


def load_vocabulary(path: Path | None = None) -> list[kb.Concept]:
    return list(validate_file(VocabularyFile, path or vocabulary_path(), "concepts").concepts)


def check_paths(paths: list[Path]) -> tuple[list[str], list[Problem]]:
    """Validate files for `data check`; returns what was checked and every problem found.

    A values file in the list is used to check the cases files given with it; otherwise the
    shipped values are. A cases file may use the shipped situation and sector tags.
    """
    if not paths:
        paths = [shipped_values_path(), shipped_cases_path(), shipped_gestures_path()]
    problems: list[Problem] = []
    checked: list[str] = []
    kinds: list[tuple[Path, str, Any]] = []
    for path in paths:
        try:
            text = read_text(path)
            data = parse_yaml(text, str(path))
        except DataError as exc:
            problems += exc.problems
            continue
        kind = "cases"
        if isinstance(data, dict) and "cases" not in data:
            kind = "gestures" if "gestures" in data else "values" if "values" in data else "cases"
        kinds.append((path, kind, data))

    def check_each(kind: str, read, check) -> None:
        """Read and check every file of one kind; a file that can't be read says why and is skipped."""
        for path, _kind, _data in [k for k in kinds if k[1] == kind]:
            checked.append(str(path))
            try:
                parsed, text = read(path)
            except DataError as exc:
                problems.extend(exc.problems)
                continue
            problems.extend(check(parsed, text, str(path)))

    value_ids: set[str] | None = None

    def check_values_and_keep_ids(values: ValuesFile, text, name: str) -> list[Problem]:
        nonlocal value_ids
        value_ids = (value_ids or set()) | {v.id for v in values.values}
        return check_values(values, text, name)

    check_each("values", read_values_file, check_values_and_keep_ids)
    if value_ids is None:
        shipped, _t = read_values_file(shipped_values_path())
        value_ids = {v.id for v in shipped.values}
    known_values = value_ids
    base_situations: set[str] = set()
    base_sectors: set[str] = set()
    if shipped_cases_path() not in [k[0] for k in kinds]:
        base, _t = read_cases_file(shipped_cases_path())
        base_situations = {t.id for t in base.situations}
        base_sectors = {t.id for t in base.sectors}
    # A gesture may be for a sector of the shipped lists or of a cases file checked with it.
    known_sectors = base_sectors | {
        str(tag["id"])
        for _path, kind, data in kinds
        if kind == "cases" and isinstance(data, dict) and isinstance(data.get("sectors"), list)
        for tag in data["sectors"]
        if isinstance(tag, dict) and "id" in tag
    }
    check_each(
        "gestures",
        lambda path: _validate(GesturesFile, path, "gestures"),
        lambda gestures, text, name: check_gestures(gestures, text, name, known_values, known_sectors),
    )
    check_each(
        "cases", read_cases_file, lambda cases, text, name: check_cases(cases, text, name, known_values, base_situations, base_sectors)
    )
    return checked, problems
