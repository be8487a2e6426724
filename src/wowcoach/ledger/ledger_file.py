"""The file of `wowcoach log export`, and the check of every field in it before `log import`
writes anything: a ledger is only as good as its worst row, and every command that reads a
month would stumble over a day "2027-03-xx" or a cost "abc".

The file is read whole (it is bounded), decoded by msgspec in C, and each entry and plan is
checked on its own, so one pass finds the first problems of every kind, each named by the
entry's id (or place) and field.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

import msgspec
from msgspec import Meta, Raw, Struct

from wowcoach.errors import DataError, Problem, UserError
from wowcoach.i18n import Msg
from wowcoach.knowledge.schema import ID_PATTERN
from wowcoach.money import MAX_CENTS, check_currency
from wowcoach.safeio import read_bounded
from wowcoach.textclean import name_key, name_text

FORMAT = "wowcoach-ledger"
MAX_BYTES = 64 * 1024 * 1024  # some 150,000 entries: sixty years of a busy shop
MAX_TEXT = 10_000  # as `log add` takes them
MAX_ID = 2**63 - 1  # both databases keep 64-bit ids

Cents = Annotated[int, Meta(ge=0, le=MAX_CENTS)]
Text = Annotated[str, Meta(max_length=MAX_TEXT)]
Slug = Annotated[str, Meta(pattern=ID_PATTERN, max_length=80)]
Flag = Annotated[int, Meta(ge=0, le=1)]


class _File(Struct, forbid_unknown_fields=True):
    format: str
    schema: int
    shop: str
    entries: list[Raw] = []
    plans: list[Raw] = []


class _Entry(Struct, forbid_unknown_fields=True):
    id: Annotated[int, Meta(ge=1, le=MAX_ID)]
    day: str
    by_name: Text
    what: Text
    cost_cents: Cents
    customer: Text
    value_id: Slug
    gesture_id: Slug | None
    over_budget_reason: Text | None
    created_at: str
    came_back: Flag | bool
    told_others: Flag | bool
    outcome_note: Text
    removed_at: str | None


class _Plan(Struct, forbid_unknown_fields=True):
    month: str
    currency: str
    budget_cents: Cents
    allowances: str
    policy: Literal["expires", "rolls-over"]
    cap_cents: Cents | None
    saved_at: str
    sector: Slug | None = None  # since schema 4
    channel: Literal["shop", "online", "both"] | None = None


class _People(Struct, forbid_unknown_fields=True):
    named: bool
    people: list[tuple[str, Cents]]


@dataclass(frozen=True)
class LedgerFile:
    """A checked file: its shop and its rows, ready for `Ledger.load`."""

    shop: str
    entries: list[dict[str, Any]]
    plans: list[dict[str, Any]]


class Known(NamedTuple):
    """The ids an entry may name: the library's values and gestures."""

    values: frozenset[str]
    gestures: frozenset[str]


def read_ledger_file(path: Path, schema_version: int, known: Known) -> LedgerFile:
    """The file, every field checked, its entries' values and gestures against `known`;
    DataError with the first problems, UserError when it is no ledger file at all."""
    name = str(path)
    raw = _read(path)
    not_ours = UserError(Msg("{path} is not a ledger file of `wowcoach log export`: give the file it wrote.").format(path=path))
    try:
        doc = msgspec.json.decode(raw, type=_File)
    except msgspec.ValidationError as exc:
        text = str(exc)
        about_root = " - at `$." not in text
        if "`$.format`" in text or (about_root and ("`format`" in text or "Expected `object`" in text)):
            raise not_ours from None
        raise DataError([_schema_problem(name, None, exc, _File)]) from None
    except msgspec.DecodeError as exc:
        if not raw.lstrip().startswith(b"{"):  # a SQLite file, a PDF, a YAML profile: not a broken ledger file
            raise not_ours from None
        reason = str(exc).replace("JSON is malformed: ", "")
        raise DataError([Problem(name, Msg("not valid JSON: {reason}").format(reason=reason))]) from None
    except RecursionError:
        raise DataError([Problem(name, Msg("nested too deeply to be a wowcoach file."))]) from None
    if doc.format != FORMAT:
        raise not_ours
    if not 1 <= doc.schema <= schema_version:
        raise DataError(
            [
                Problem(
                    name,
                    Msg(
                        "schema {found} is not one this wowcoach reads (1 to {known}): export the ledger again, or upgrade wowcoach."
                    ).format(found=doc.schema, known=schema_version),
                    field="schema",
                )
            ]
        )
    problems: list[Problem] = []
    shop = name_text(doc.shop)
    if not shop or len(shop) > 200:
        problems.append(Problem(name, Msg("give the shop's name (1 to 200 characters)."), field="shop"))
    entries = _entries(name, doc.entries, problems, known)
    plans = _plans(name, doc.plans, problems)
    if problems:
        raise DataError(problems)
    return LedgerFile(shop, entries, plans)


def _read(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES: a FIFO or a device (/dev/zero) is
    refused without waiting or reading on, and so is a file that grows past the limit."""
    return read_bounded(
        path,
        MAX_BYTES,
        missing=Msg("There is no file {path}: check the name."),
        folder=Msg("{path} is a folder: give the file `wowcoach log export` wrote."),
        not_regular=Msg("{path} is not a regular file: give the file `wowcoach log export` wrote."),
        too_large=Msg("{path} is larger than {limit} MB: that is no ledger file of one shop."),
    )


def _entries(name: str, raws: list[Raw], problems: list[Problem], known: Known) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    for i, raw in enumerate(raws, start=1):
        where = f"entries[{i}]"
        try:
            e = msgspec.json.decode(raw, type=_Entry)
        except (msgspec.ValidationError, msgspec.DecodeError, RecursionError) as exc:
            problems.append(_schema_problem(name, _label(raw, "id", "entry {}", where), exc, _Entry))
            continue
        label = f"entry {e.id}"
        found = [
            _day(e.day, "day"),
            _when(e.created_at, "created_at"),
            _when(e.removed_at, "removed_at") if e.removed_at is not None else None,
            _name(e.by_name, "by_name"),
            None if e.what.strip() else ("what", Msg("must not be empty")),
            None if e.value_id in known.values else ("value_id", Msg("not a value wowcoach knows: `wowcoach values list` shows them.")),
            None
            if e.gesture_id is None or e.gesture_id in known.gestures
            else ("gesture_id", Msg("not a gesture wowcoach knows: `wowcoach plan` shows them.")),
        ]
        texts = {"by_name": e.by_name, "what": e.what, "customer": e.customer, "outcome_note": e.outcome_note}
        texts["over_budget_reason"] = e.over_budget_reason or ""
        found += [(field, _TEXT_PROBLEM) for field, text in texts.items() if not _storable(text)]
        if e.id in seen:
            found.append(("id", Msg("another entry in the file has this id too: each entry needs its own.")))
        seen.add(e.id)
        problems += [Problem(name, message, entry=label, field=field) for field, message in filter(None, found)]
        rows.append({**msgspec.structs.asdict(e), "came_back": int(e.came_back), "told_others": int(e.told_others)})
    return rows


def _plans(name: str, raws: list[Raw], problems: list[Problem]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, raw in enumerate(raws, start=1):
        where = f"plans[{i}]"
        try:
            p = msgspec.json.decode(raw, type=_Plan)
        except (msgspec.ValidationError, msgspec.DecodeError, RecursionError) as exc:
            problems.append(_schema_problem(name, _label(raw, "month", "plan {}", where), exc, _Plan))
            continue
        label = f"plan {p.month}" if len(p.month) <= 20 else where
        found = [_month(p.month), _when(p.saved_at, "saved_at"), _currency(p.currency), _people(p.allowances)]
        if p.month in seen:
            found.append(("month", Msg("{month} has two plans in the file: keep one.").format(month=p.month)))
        seen.add(p.month)
        problems += [Problem(name, message, entry=label, field=field) for field, message in filter(None, found)]
        rows.append(msgspec.structs.asdict(p))
    return rows


Found = tuple[str, Msg] | None  # (field, what is wrong with it), or None
_TEXT_PROBLEM = Msg("holds a NUL character or bytes that are not UTF-8: fix the text.")


def _storable(text: str) -> bool:
    """Both databases keep it: no NUL (PostgreSQL refuses it), no lone surrogate (from a \\udcff escape)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _day(text: str, field: str) -> Found:
    try:
        day = date.fromisoformat(text) if _DAY.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        return field, Msg("'{text}' is not a date: write it as YYYY-MM-DD.").format(text=text[:40])
    if not 1900 <= day.year <= 2999:
        return field, Msg("'{text}' is outside the years 1900 to 2999: check the date.").format(text=text)
    return None


def _when(text: str, field: str) -> Found:
    try:
        ok = bool(_MOMENT.match(text)) and len(text) <= 40 and bool(datetime.fromisoformat(text))
    except ValueError:
        ok = False
    if not ok:
        return field, Msg("'{text}' is not a date and time such as 2027-03-05T10:30:00+00:00.").format(text=text[:40])
    return None


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


def _month(text: str) -> Found:
    # The stored form only (as `log export` writes it), not the forgiving forms a person types.
    match = _YEAR_MONTH.fullmatch(text)
    if not match or not 1 <= int(match[2]) <= 12 or not 1900 <= int(match[1]) <= 2999:
        return "month", Msg("'{text}' is not a month: write it as YYYY-MM, e.g. 2027-01.").format(text=text[:40])
    return None


def _currency(code: str) -> Found:
    from wowcoach.errors import UsageError

    try:
        if check_currency(code) != code:
            raise UsageError(Msg(""))
    except UsageError:
        return "currency", Msg("'{code}' is not a currency code such as EUR, DKK or USD.").format(code=code[:40])
    return None


def _name(text: str, field: str) -> Found:
    if not name_text(text):
        return field, Msg("must not be empty")
    return None


def _people(text: str) -> Found:
    """The plan's allowances: JSON as `plan --record` writes it, each person once."""
    try:
        people = msgspec.json.decode(text.encode("utf-8", "surrogatepass"), type=_People)
    except (msgspec.ValidationError, msgspec.DecodeError, RecursionError):
        return "allowances", Msg('must be {"named": true, "people": [["Anna", 5000], ...]} as `log export` writes it.')
    names = [name_text(person) for person, _cents in people.people]
    if not people.people or not all(names) or len({name_key(n) for n in names}) != len(names):
        return "allowances", Msg("needs at least one person, each with a name of their own.")
    if not all(_storable(n) for n in names):
        return "allowances", _TEXT_PROBLEM
    return None


def _label(raw: Raw, key: str, label: str, where: str) -> str:
    """How a broken entry or plan is named: by its id or month when that much can be read
    ("entry 12", "plan 2027-03"), else by its place in the file ("entries[3]")."""
    try:
        found = msgspec.json.decode(raw)
        value = found.get(key) if isinstance(found, dict) else None
    except (msgspec.DecodeError, RecursionError):
        value = None
    if key == "id" and isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID:
        return label.format(value)
    if key == "month" and isinstance(value, str) and _MONTH.fullmatch(value):
        return label.format(value)
    return where


_MONTH = re.compile(r"\d{4}-\d{2}")


def _schema_problem(name: str, label: str | None, exc: Exception, root: type) -> Problem:
    from wowcoach.knowledge.schema_errors import describe

    if isinstance(exc, RecursionError):
        return Problem(name, Msg("nested too deeply to be a wowcoach file."), entry=label)
    if not isinstance(exc, msgspec.ValidationError):  # a ValidationError is a DecodeError too
        return Problem(name, Msg("not valid JSON: {reason}").format(reason=str(exc).replace("JSON is malformed: ", "")), entry=label)
    loc, message = describe(exc, root)
    return Problem(name, message, entry=label, field=".".join(str(p) for p in loc) or None)


def export_document(shop: str, schema_version: int, rows: dict[str, list[dict[str, Any]]]) -> str:
    """The text of a ledger file, as `log import` reads it."""
    return json.dumps({"format": FORMAT, "schema": schema_version, "shop": shop, **rows}, ensure_ascii=False, indent=1) + "\n"
