"""The shop's answers to the interview: validated, saved as commented YAML, read back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from wowcoach.errors import DataError, Problem, UsageError
from wowcoach.i18n import _
from wowcoach.money import check_currency, parse_amount
from wowcoach.safeio import write_atomic
from wowcoach.yamlio import load_yaml

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)]


class Profile(BaseModel):
    """What wowcoach knows about one shop and the situation in front of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    shop_name: ShortText = "My shop"
    sector: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,40}$")] = "other"
    channel: Literal["shop", "online", "both"] = "shop"
    staff: int = Field(default=1, ge=1, le=100_000)
    customers: int = Field(default=100, ge=0, le=10_000_000)  # per week
    budget_cents: int = Field(default=5000, ge=0)
    currency: str = "EUR"
    lang: Literal["en", "nl", "da"] = "en"
    situation: LongText = ""
    situation_type: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{1,40}$")] | None = None
    already: LongText = ""

    @field_validator("currency")
    @classmethod
    def _currency(cls, v: str) -> str:
        try:
            return check_currency(v)
        except UsageError as exc:  # pydantic reports ValueErrors as field problems
            raise ValueError(str(exc)) from None


# Field order and comments of a saved profile; the keys are the profile's own.
SAVED_FIELDS = (
    ("shop_name", "The shop's name, as customers know it"),
    ("sector", "Sector id (see `wowcoach cases list`), or other"),
    ("channel", "Where customers buy: shop, online or both"),
    ("staff", "How many people serve customers"),
    ("customers", "Customers per week, roughly"),
    ("budget", "Monthly surprise budget, in the currency below"),
    ("currency", "Three-letter currency code"),
    ("lang", "Language: en, nl or da"),
    ("situation", "The situation in front of you, in your own words"),
    ("situation_type", "Optional: a situation tag, e.g. late-delivery"),
    ("already", "What you already do for customers"),
)


def to_yaml(profile: Profile) -> str:
    """A commented profile a shopkeeper can read and edit by hand."""
    data = profile.model_dump()
    cents = data.pop("budget_cents")
    data["budget"] = f"{cents // 100}.{cents % 100:02d}"
    lines = ["# wowcoach profile: edit freely; `wowcoach suggest --profile FILE` reads it.", ""]
    for key, comment in SAVED_FIELDS:
        lines.append(f"# {comment}")
        dumped = yaml.safe_dump({key: data[key]}, allow_unicode=True, default_flow_style=False, width=1000)
        lines.append(dumped.rstrip("\n"))
    return "\n".join(lines) + "\n"


def from_mapping(data: dict[str, Any], name: str = "profile") -> Profile:
    """Build a Profile from answers; a data error names the file and the field."""
    data = dict(data)
    if "budget" in data:
        try:
            data["budget_cents"] = parse_amount(str(data.pop("budget")))
        except UsageError as exc:
            raise DataError([Problem(name, str(exc), field="budget")]) from None
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or None
            msg = _("unknown field (check its spelling)") if err["type"] == "extra_forbidden" else err["msg"]
            problems.append(Problem(name, msg.removeprefix("Value error, "), field=field))
        raise DataError(problems) from None


def load(path: Path) -> dict[str, Any]:
    """The raw answers of a saved profile, to merge with flags before validation."""
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), _("expected key: value lines, as `wowcoach suggest --save` writes."))])
    return data


def save(profile: Profile, path: Path, force: bool = False) -> None:
    write_atomic(path, to_yaml(profile), force=force)
