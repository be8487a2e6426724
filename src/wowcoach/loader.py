"""Load and validate the shipped knowledge base and a consultant's own files.

Order of precedence: the shipped files, then each `--cases` file on top (a case with an id that
already exists replaces it; new situation and sector tags are added). `--replace-cases` drops the
shipped cases so a consultant's library stands alone, still using the shipped tag lists.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Iterable

from pydantic import ValidationError

from wowcoach.errors import DataError, Problem
from wowcoach.i18n import _
from wowcoach.library import Library
from wowcoach import kb
from wowcoach.datafiles import (  # noqa: F401 - re-exported for callers of the loader
    data_dir,
    shipped_cases_path,
    shipped_gestures_path,
    shipped_values_path,
    vocabulary_path,
)
from wowcoach.kb import from_model
from wowcoach.models import CasesFile, GesturesFile, Tag, ValuesFile, VocabularyFile
from wowcoach.yamlio import line_of, parse_yaml, read_text

ENTRY_LISTS = ("cases", "values", "situations", "sectors", "wow_criteria", "gestures", "concepts")


def _problems_from(exc: ValidationError, data: Any, text: str, name: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        entry = None
        rest = loc
        if len(loc) >= 2 and loc[0] in ENTRY_LISTS and isinstance(loc[1], int):
            try:
                raw = data[loc[0]][loc[1]]
                entry = str(raw.get("id")) if isinstance(raw, dict) and raw.get("id") else f"{loc[0]}[{loc[1]}]"
            except (KeyError, IndexError, TypeError):
                entry = f"{loc[0]}[{loc[1]}]"
            rest = loc[2:]
        field = ".".join(str(p) for p in rest) or None
        if err["type"] == "missing":
            message = _("missing")
        elif err["type"] == "extra_forbidden":
            message = _("unknown field (check its spelling)")
        else:
            message = err["msg"]
        problems.append(Problem(name, message, entry=entry, field=field, line=line_of(text, loc)))
    return problems


def _validate(model: type, path: Path, top_key: str) -> tuple[Any, str]:
    name = str(path)
    text = read_text(path)
    data = parse_yaml(text, name)
    if data is None:
        raise DataError([Problem(name, _("the file is empty."))])
    if not isinstance(data, dict):
        raise DataError([Problem(name, _("expected a mapping with a `{key}` list at the top.").format(key=top_key))])
    try:
        return model.model_validate(data), text
    except ValidationError as exc:
        raise DataError(_problems_from(exc, data, text, name)) from None


def validate_file(model: type, path: Path, top_key: str) -> Any:
    return _validate(model, path, top_key)[0]


def read_cases_file(path: Path) -> tuple[CasesFile, str]:
    return _validate(CasesFile, path, "cases")


def read_values_file(path: Path) -> tuple[ValuesFile, str]:
    return _validate(ValuesFile, path, "values")


def _duplicates(ids: Iterable[str]) -> list[str]:
    return [i for i, n in Counter(ids).items() if n > 1]


def _locate(text: str, name: str, section: str, index: int, entry: str, field: str, message: str) -> Problem:
    return Problem(name, message, entry=entry, field=field, line=line_of(text, (section, index, field)))


def check_gestures(gestures: GesturesFile, text: str, name: str, value_ids: set[str]) -> list[Problem]:
    problems = []
    ids = [g.id for g in gestures.gestures]
    for dup in _duplicates(ids):
        problems.append(Problem(name, _("duplicate id"), entry=dup, field="id", line=line_of(text, ("gestures", ids.index(dup), "id"))))
    for i, gesture in enumerate(gestures.gestures):
        for ref in gesture.values:
            if ref not in value_ids:
                problems.append(_locate(text, name, "gestures", i, gesture.id, "values", _("unknown {what} '{ref}'").format(what=_("value"), ref=ref)))
    return problems


def check_values(values: ValuesFile, text: str, name: str) -> list[Problem]:
    problems = []
    for dup in _duplicates(v.id for v in values.values):
        problems.append(Problem(name, _("duplicate id"), entry=dup, field="id"))
    for dup in _duplicates(q.id for v in values.values for q in v.questions):
        problems.append(Problem(name, _("duplicate question id '{id}'").format(id=dup), field="questions"))
    for dup in _duplicates(w.id for w in values.wow_criteria):
        problems.append(Problem(name, _("duplicate id"), entry=dup, field="wow_criteria"))
    return problems


def check_cases(
    cases: CasesFile,
    text: str,
    name: str,
    value_ids: set[str],
    situation_ids: set[str],
    sector_ids: set[str],
) -> list[Problem]:
    """References and uniqueness; the known ids include those of the files this one builds on."""
    problems = []
    for section, ids in (("cases", [c.id for c in cases.cases]), ("situations", [t.id for t in cases.situations]), ("sectors", [t.id for t in cases.sectors])):
        for dup in _duplicates(ids):
            problems.append(Problem(name, _("duplicate id"), entry=dup, field="id", line=line_of(text, (section, ids.index(dup), "id"))))
    situation_ids = situation_ids | {t.id for t in cases.situations}
    sector_ids = sector_ids | {t.id for t in cases.sectors}
    for i, case in enumerate(cases.cases):
        for field, refs, known, what in (
            ("values", case.values, value_ids, _("value")),
            ("situations", case.situations, situation_ids, _("situation tag")),
            ("sectors", case.sectors, sector_ids, _("sector")),
        ):
            for ref in refs:
                if ref not in known:
                    problems.append(_locate(text, name, "cases", i, case.id, field, _("unknown {what} '{ref}'").format(what=what, ref=ref)))
    return problems


def load_library(
    cases_paths: list[Path] | None = None,
    values_path: Path | None = None,
    replace: bool = False,
) -> Library:
    """The validated library: shipped data plus the consultant's files (or instead of them)."""
    values_file = values_path or shipped_values_path()
    values, vtext = read_values_file(values_file)
    problems = check_values(values, vtext, str(values_file))
    value_ids = {v.id for v in values.values}

    # The shipped file always lends its tag lists; `replace` only drops its cases.
    layers = [shipped_cases_path(), *(cases_paths or [])]
    situations: dict[str, Tag] = {}
    sectors: dict[str, Tag] = {}
    merged: dict[str, Any] = {}
    for n, path in enumerate(layers):
        cases, ctext = read_cases_file(path)
        used = bool(n) or not replace
        if used:
            problems += check_cases(cases, ctext, str(path), value_ids, set(situations), set(sectors))
            merged.update({c.id: c for c in cases.cases})
        situations.update({t.id: t for t in cases.situations})
        sectors.update({t.id: t for t in cases.sectors})
    gestures, gtext = _validate(GesturesFile, shipped_gestures_path(), "gestures")
    problems += check_gestures(gestures, gtext, str(shipped_gestures_path()), value_ids)
    if problems:
        raise DataError(problems)
    return Library(
        cases=tuple(from_model(kb.Case, c) for c in merged.values()),
        values=tuple(from_model(kb.Value, v) for v in sorted(values.values, key=lambda v: v.number)),
        situations={k: from_model(kb.Tag, t) for k, t in situations.items()},
        sectors={k: from_model(kb.Tag, t) for k, t in sectors.items()},
        wow_criteria=tuple(from_model(kb.WowCriterion, w) for w in values.wow_criteria),
        principle=from_model(kb.Text, values.principle),
        gestures=tuple(from_model(kb.Gesture, g) for g in gestures.gestures),
        review_questions=tuple(from_model(kb.Text, q) for q in gestures.review_questions),
        files=tuple(str(p) for p in [values_file, *layers]),
    )


def load_vocabulary(path: Path | None = None) -> list[kb.Concept]:
    vocab = validate_file(VocabularyFile, path or vocabulary_path(), "concepts")
    return [from_model(kb.Concept, c) for c in vocab.concepts]


def check_paths(paths: list[Path]) -> tuple[list[str], list[Problem]]:
    """Validate files for `data check`; returns what was checked and every problem found.

    A values file in the list is used to check the cases files given with it; otherwise the
    shipped values are. A cases file may use the shipped situation and sector tags.
    """
    if not paths:
        paths = [shipped_values_path(), shipped_cases_path(), shipped_gestures_path()]
    problems: list[Problem] = []
    checked: list[str] = []
    value_ids: set[str] | None = None
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
    for path, kind, _data in [k for k in kinds if k[1] == "values"]:
        checked.append(str(path))
        try:
            values, text = read_values_file(path)
        except DataError as exc:
            problems += exc.problems
            continue
        problems += check_values(values, text, str(path))
        value_ids = (value_ids or set()) | {v.id for v in values.values}
    if value_ids is None:
        shipped, _t = read_values_file(shipped_values_path())
        value_ids = {v.id for v in shipped.values}
    base_situations: set[str] = set()
    base_sectors: set[str] = set()
    if shipped_cases_path() not in [k[0] for k in kinds]:
        base, _t = read_cases_file(shipped_cases_path())
        base_situations = {t.id for t in base.situations}
        base_sectors = {t.id for t in base.sectors}
    for path, kind, _data in [k for k in kinds if k[1] == "gestures"]:
        checked.append(str(path))
        try:
            gestures, text = _validate(GesturesFile, path, "gestures")
        except DataError as exc:
            problems += exc.problems
            continue
        problems += check_gestures(gestures, text, str(path), value_ids)
    for path, kind, _data in [k for k in kinds if k[1] == "cases"]:
        checked.append(str(path))
        try:
            cases, text = read_cases_file(path)
        except DataError as exc:
            problems += exc.problems
            continue
        problems += check_cases(cases, text, str(path), value_ids, base_situations, base_sectors)
    return checked, problems


def load_bundle(cases_paths: list[Path], values_path: Path | None, replace: bool, path: str = ":memory:"):
    """The library and a matcher over it, its index written to `path` (what the cache keeps)."""
    from wowcoach.matching import Matcher, Vocabulary

    library = load_library(cases_paths, values_path, replace)
    return library, Matcher.build(library, Vocabulary.build(load_vocabulary()), path)
