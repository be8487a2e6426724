"""The shop's answers to the interview: validated, saved as commented YAML, read back.

`Profile` is a plain named tuple. Answers from flags and prompts are already checked by the
questions' parsers; a saved profile file is checked against a msgspec schema.
"""

from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wowcoach.errors import DataError, Problem, UsageError
from wowcoach.i18n import N_, Msg
from wowcoach.languages import CODES
from wowcoach.money import check_currency, default_budget_cents, local_currency, read_amount, same_currency

if TYPE_CHECKING:
    import msgspec


class Profile(NamedTuple):
    """What wowcoach knows about one shop and the situation in front of it."""

    shop_name: str = "My shop"
    sector: str = "other"
    channel: str = "shop"  # shop | online | both
    staff: int = 1
    staff_names: tuple[str, ...] = ()  # who gets an allowance in the plan; the head count when empty
    customers: int = 100  # per week
    budget_cents: int = 5000
    currency: str = "EUR"
    lang: str = "en"
    situation: str = ""
    situation_type: str | None = None
    already: str = ""

    def as_dict(self) -> dict[str, Any]:
        return dict(self._asdict())


def default(field: str) -> Any:
    return Profile._field_defaults[field]


@lru_cache(maxsize=1)
def _schema() -> type[msgspec.Struct]:
    """The schema of a profile file (made on first use: most runs read no profile)."""
    from typing import Annotated, Literal, Optional

    from msgspec import Meta, Struct, defstruct

    ShortText = Annotated[str, Meta(max_length=200)]
    LongText = Annotated[str, Meta(max_length=10_000)]
    Slug = Annotated[str, Meta(pattern=r"^[a-z0-9-]{1,40}$")]
    types = {
        "shop_name": ShortText,
        "sector": Slug,
        "channel": Literal["shop", "online", "both"],
        "staff": Annotated[int, Meta(ge=1, le=100_000)],
        "staff_names": Annotated[tuple[ShortText, ...], Meta(max_length=1000)],
        "customers": Annotated[int, Meta(ge=0, le=10_000_000)],
        "budget_cents": Annotated[int, Meta(ge=0)],
        "currency": str,
        "lang": Literal[CODES],  # one of the table's languages
        "situation": LongText,
        "situation_type": Optional[Slug],  # noqa: UP045 - a runtime value for msgspec on Python 3.10
        "already": LongText,
    }
    fields = [(name, types[name], default(name)) for name in Profile._fields]
    return defstruct("ProfileFile", fields, bases=(Struct,), forbid_unknown_fields=True)


# Field order and comments of a saved profile, which are written in the profile's language;
# the keys are the profile's own.
SAVED_FIELDS = (
    ("shop_name", N_("The shop's name, as customers know it")),
    ("sector", N_("Sector: its name or id (see `wowcoach cases tags`), or other")),
    ("channel", N_("Where customers buy: shop, online or both")),
    ("staff", N_("How many people serve customers")),
    ("staff_names", N_("Their names, for the plan's allowances (optional)")),
    ("customers", N_("Customers per week, roughly")),
    ("budget", N_("Monthly surprise budget, in the currency below")),
    ("currency", N_("Three-letter currency code")),
    ("lang", N_("Language: en, nl or da")),
    ("situation", N_("The situation in front of you, in your own words")),
    ("situation_type", N_("Optional: a situation, e.g. late-delivery")),
    ("already", N_("What you already do for customers")),
)


def to_yaml(profile: Profile) -> str:
    """A commented profile a shopkeeper can read and edit by hand, commented in its own language."""
    import yaml

    from wowcoach.i18n import translator

    t = translator(profile.lang)
    data = profile.as_dict()
    cents = data.pop("budget_cents")
    data["budget"] = f"{cents // 100}.{cents % 100:02d}"
    data["staff_names"] = list(data["staff_names"])
    lines = ["# " + t("wowcoach profile: edit freely; `wowcoach suggest --profile FILE` reads it."), ""]
    for key, comment in SAVED_FIELDS:
        lines.append("# " + t(comment))
        dumped = yaml.safe_dump({key: data[key]}, allow_unicode=True, default_flow_style=False, width=1000)
        lines.append(dumped.rstrip("\n"))
    return "\n".join(lines) + "\n"


def from_answers(answers: dict[str, Any]) -> Profile:
    """A profile from answers the questions' parsers have already checked (no file involved)."""
    data = {name: answers[name] for name in Profile._fields if name in answers}
    if "currency" in data:
        data["currency"] = check_currency(str(data["currency"]))
    return Profile(**data)


def from_mapping(data: dict[str, Any], name: str = "profile", lang: str = "en") -> Profile:
    """Validate answers read from a file; a data error names the file and the field. An amount
    is read in `lang`, the language of the one running wowcoach."""
    import msgspec

    from wowcoach.knowledge.schema_errors import describe

    data = dict(data)
    # Every unknown key, not only the first (they are usually typos); DataError shows the first 20.
    unknown = [key for key in data if key not in Profile._fields and key != "budget"]
    if unknown:
        raise DataError([Problem(name, Msg("unknown field (check its spelling)"), field=str(key)) for key in unknown])
    if "currency" in data and not isinstance(data["currency"], str):
        raise DataError([Problem(name, Msg("give a three-letter code such as EUR, DKK or USD."), field="currency")])
    data.setdefault("currency", local_currency())  # as the interview's default: never euros unasked
    if "budget" not in data and "budget_cents" not in data:
        with contextlib.suppress(UsageError):  # an unknown currency is refused below, with the file's name
            data["budget_cents"] = default_budget_cents(check_currency(str(data["currency"])))
    if "budget" in data:
        try:
            text = str(data.pop("budget"))
            cents, written = read_amount(text, lang)
            if written is not None:
                data.setdefault("currency", "DKK" if written == "KR" else written)
                same_currency(text, written, check_currency(str(data["currency"])))
            data["budget_cents"] = cents
        except UsageError as exc:
            raise DataError([Problem(name, exc.message, field="budget")]) from None
    from wowcoach.profile.questions import read_count

    for field in ("staff", "customers"):
        # Numbers arrive as the text written: `010` is ten (YAML 1.1 would say eight), `ca. 150` is 150.
        if isinstance(data.get(field), str) and read_count(data[field]) is not None:
            data[field] = read_count(data[field])
    schema = _schema()
    try:
        # Not strict: a hand-edited `staff: "3"` is the number 3.
        valid: msgspec.Struct = msgspec.convert(data, schema, strict=False)
    except msgspec.ValidationError as exc:
        loc, message = describe(exc, schema)
        raise DataError([Problem(name, message, field=".".join(str(p) for p in loc) or None)]) from None
    answers = msgspec.structs.asdict(valid)
    for field in ("shop_name", "situation", "already"):
        answers[field] = answers[field].strip()
    answers["staff_names"] = tuple(n.strip() for n in answers["staff_names"] if n.strip())
    try:
        answers["currency"] = check_currency(answers["currency"])
    except UsageError as exc:
        raise DataError([Problem(name, exc.message, field="currency")]) from None
    return Profile(**answers)


def load(path: Path) -> dict[str, Any]:
    """The raw answers of a saved profile, to merge with flags before validation."""
    from wowcoach.yamlio import load_yaml

    data = load_yaml(path, numbers_as_text=True)  # `budget: 0050` is €50.00, as written
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), Msg("expected key: value lines, as `wowcoach suggest --save` writes."))])
    return data


def save(profile: Profile, path: Path, force: bool = False) -> None:
    from wowcoach.safeio import write_atomic

    write_atomic(path, to_yaml(profile), force=force)
