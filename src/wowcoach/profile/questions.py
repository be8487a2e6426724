"""The `suggest` interview, described as data (copier style): each question names its profile
field, prompt, help, choices, default and validator, so prompts and flags share one definition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from wowcoach.errors import UsageError
from wowcoach.i18n import LANGUAGES, _
from wowcoach.money import parse_amount


def parse_count(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(str(text).strip())
        except ValueError:
            raise UsageError(_("'{text}' is not a whole number: type digits, e.g. 4.").format(text=text)) from None
        if not low <= value <= high:
            raise UsageError(_("{value} is out of range: give a number from {low} to {high}.").format(value=value, low=low, high=high))
        return value

    return parse


def parse_choice(choices: Callable[[], list[str]], optional: bool = False) -> Callable[[str], str | None]:
    def parse(text: str) -> str | None:
        value = str(text).strip().lower()
        if optional and value in ("", "-", "none"):
            return None
        if value not in choices():
            raise UsageError(_("'{text}' is not one of: {choices}.").format(text=text, choices=", ".join(choices())))
        return value

    return parse


def parse_text(max_len: int, required: bool = False) -> Callable[[str], str]:
    def parse(text: str) -> str:
        from wowcoach.textclean import clean

        value = clean(str(text)).strip()  # no control characters or escape sequences in stored text
        if required and not value:
            raise UsageError(_("Please type an answer."))
        if len(value) > max_len:
            raise UsageError(_("That is {n} characters; keep it under {max}.").format(n=len(value), max=max_len))
        return value

    return parse


@dataclass(frozen=True)
class Question:
    field: str  # the Profile field (or "budget", stored as budget_cents)
    flag: str
    prompt: Callable[[], str]  # called at ask time, so the prompt follows the chosen language
    help: Callable[[], str]
    parse: Callable[[str], Any]
    choices: Callable[[], list[str]] | None = None
    when: Callable[[dict[str, Any]], bool] = lambda answers: True


def build_questions(sectors: list[str], situations: list[str]) -> list[Question]:
    return [
        Question("shop_name", "--shop-name", lambda: _("Shop name"), lambda: _("As your customers know it."), parse_text(200, required=True)),
        Question("sector", "--sector", lambda: _("Sector"), lambda: _("Pick the closest; 'other' if none fits."),
                 parse_choice(lambda: _with_other(sectors)), choices=lambda: _with_other(sectors)),
        Question("channel", "--channel", lambda: _("Where do customers buy"), lambda: _("shop, online or both"),
                 parse_choice(lambda: ["shop", "online", "both"]), choices=lambda: ["shop", "online", "both"]),
        Question("staff", "--staff", lambda: _("How many people serve customers"), lambda: _("Count yourself too."), parse_count(1, 100_000)),
        Question("customers", "--customers", lambda: _("Customers per week"), lambda: _("A rough number is fine."), parse_count(0, 10_000_000)),
        Question("budget", "--budget", lambda: _("Monthly surprise budget"), lambda: _("Money staff may spend to surprise customers, e.g. 50 or 50,00. 0 is fine."), parse_amount),
        Question("lang", "--lang", lambda: _("Language (en, nl, da)"), lambda: _("Stories and ideas are shown in this language."),
                 parse_choice(lambda: list(LANGUAGES)), choices=lambda: list(LANGUAGES)),
        Question("situation", "--situation", lambda: _("What is the situation in front of you"), lambda: _("In your own words, in English, Dutch or Danish."), parse_text(10_000)),
        Question("situation_type", "--situation-type", lambda: _("Situation type (optional, Enter to skip)"), lambda: _("One of the situation tags, or leave empty."),
                 parse_choice(lambda: situations, optional=True), choices=lambda: situations),
        Question("already", "--already", lambda: _("What do you already do for customers (optional)"), lambda: _("A sentence is enough."), parse_text(10_000)),
    ]


def _with_other(sectors: list[str]) -> list[str]:
    """The sectors and 'other', once: the library may list 'other' itself."""
    return [*sectors, "other"] if "other" not in sectors else list(sectors)
