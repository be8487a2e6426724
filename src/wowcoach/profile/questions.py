"""The `suggest` interview, described as data (copier style): each question names its profile
field, prompt, help, choices, default and validator, so prompts and flags share one definition."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from wowcoach.errors import UsageError
from wowcoach.i18n import N_, Msg, Translator
from wowcoach.money import check_currency, read_amount, same_currency
from wowcoach.profile.choices import Choices, channel_choices, language_choices, sector_choices, situation_choices

# A question's parser reads a typed answer or a flag, in the language of the one answering (an
# amount's separators, a choice's labels), and raises UsageError with a Msg for one it can't use.
Parser = Callable[[Any, Translator], Any]


# What people write before or after a number they guess ("ca. 150", "~250", "about 250").
ROUGHLY = re.compile(
    r"^(?:~|±|\+/-|ca\.?|circa|approx\.?|approximately|about|around|roughly|some|ongeveer|zo'n|rond|omstreeks|cirka|omkring|sådan|ca\.)\s*"
    r"|\s*(?:ish|ongeveer|cirka|omkring)$",
    re.IGNORECASE,
)
# A whole number with its thousands grouped by a dot, a comma, a space or an apostrophe: "1.200", "1 200".
GROUPED = re.compile(r"^\d{1,3}(?:([.,' \u00a0\u202f])\d{3})(?:\1\d{3})*$")


def read_count(text: str) -> int | None:
    """A whole number as people write one, guess words and thousands separators included; None for other text."""
    s = str(text).strip().removeprefix("+")
    if s.startswith("-") and s[1:].isdigit() and s.isascii():
        return int(s)  # a number still, refused as out of range
    while True:
        bare = ROUGHLY.sub("", s).strip()
        if bare == s:
            break
        s = bare
    if s.isdigit() and s.isascii():
        return int(s)
    if GROUPED.match(s):
        return int(re.sub(r"\D", "", s))
    return None


def parse_count(low: int, high: int) -> Parser:
    def parse(text: str, t: Translator) -> int:
        value = read_count(text)
        if value is None:
            raise UsageError(Msg("'{text}' is not a whole number: type digits, e.g. 4 or about 150.").format(text=text))
        if not low <= value <= high:
            raise UsageError(Msg("{value} is out of range: give a number from {low} to {high}.").format(value=value, low=low, high=high))
        return value

    return parse


# What owners answer to a question they may leave open, in our three languages: "nee" or "weet
# niet" must not be read as the nearest choice ("nee" once became "Vertrouwen en misbruik").
NO_CHOICE = frozenset(
    {"", "-", "none", "no", "nothing", "not sure", "don't know", "dont know", "n/a"}
    | {"geen", "nee", "niks", "niets", "weet niet", "weet ik niet", "geen idee"}
    | {"ingen", "nej", "intet", "ved ikke", "ved det ikke", "aner det ikke"}
)


def parse_choice(choices: Choices, optional: bool = False) -> Parser:
    def parse(text: str, t: Translator) -> str | None:
        if optional and " ".join(str(text).replace("’", "'").split()).casefold() in NO_CHOICE:
            return None
        return choices.resolve(text, t)

    return parse


class BudgetAnswer(NamedTuple):
    """A budget as the owner typed it: cents, the currency written with it, the text."""

    cents: int
    currency: str | None  # as written with the number ('KR' for any krone), None without one
    text: str


def parse_budget(text: str, t: Translator) -> BudgetAnswer:
    return BudgetAnswer(*read_amount(text, t.lang), str(text).strip())


def budget_in(answers: dict[str, Any], fallback: str | None) -> None:
    """Refuse a budget written in another currency than the one chosen; adopt it when none was."""
    amount = answers.get("budget")
    if not isinstance(amount, BudgetAnswer) or amount.currency is None:
        return
    chosen = answers.get("currency") or fallback
    if chosen is None:
        answers["currency"] = "DKK" if amount.currency == "KR" else amount.currency
    else:
        same_currency(amount.text, amount.currency, chosen)


def parse_names(text: str | list[str] | tuple[str, ...], t: Translator) -> tuple[str, ...]:
    """'Anna, Bo' (typed) or ['Anna', 'Bo'] (repeated --staff-name) to ('Anna', 'Bo')."""
    from wowcoach.textclean import name_key, name_text

    parts = [str(text)] if isinstance(text, str) else [str(name) for name in text]
    clean = parse_text(200)
    found: dict[str, str] = {}  # "Anna, anna" is one person, under the first spelling
    for name in (name_text(n) for part in parts for n in part.split(",")):
        if name:
            found.setdefault(name_key(name), clean(name, t))
    return tuple(found.values())


def parse_text(max_len: int, required: bool = False) -> Parser:
    def parse(text: str, t: Translator) -> str:
        from wowcoach.textclean import clean

        value = clean(str(text)).strip()  # no control characters or escape sequences in stored text
        if required and not value:
            raise UsageError(Msg("Please type an answer."))
        if len(value) > max_len:
            raise UsageError(Msg("That is {n} characters; keep it under {max}.").format(n=len(value), max=max_len))
        return value

    return parse


@dataclass(frozen=True)
class InterviewQuestion:
    field: str  # the Profile field (or "budget", stored as budget_cents)
    flag: str
    prompt: str  # in English, translated when asked, so the prompt follows the chosen language
    help: Callable[[dict[str, Any]], Msg]  # given the answers so far (the budget names its currency)
    parse: Parser
    choices: Choices | None = None
    when: Callable[[dict[str, Any]], bool] = lambda answers: True
    plan_only: bool = False  # asked by `plan` (and saved), not by `suggest`


def build_questions(
    sectors: dict[str, Any], situations: dict[str, Any], extra_words: Callable[[], dict[str, str]] | None = None
) -> list[InterviewQuestion]:
    """`sectors` and `situations` are the library's tags; `extra_words` are everyday words for situations."""
    sector = sector_choices(lambda: _sectors_with_other(sectors))
    situation = situation_choices(lambda: situations, extra_words)
    channel, language = channel_choices(), language_choices()
    return [
        InterviewQuestion(
            "shop_name", "--shop-name", N_("Shop name"), lambda a: Msg("As your customers know it."), parse_text(200, required=True)
        ),
        InterviewQuestion(
            "sector",
            "--sector",
            N_("Sector"),
            lambda a: Msg("Pick the closest: its number or its name; 'other' if none fits."),
            parse_choice(sector),
            choices=sector,
        ),
        InterviewQuestion(
            "channel",
            "--channel",
            N_("Where do customers buy"),
            lambda a: Msg("In the shop, online or both."),
            parse_choice(channel),
            choices=channel,
        ),
        InterviewQuestion(
            "staff", "--staff", N_("How many people serve customers"), lambda a: Msg("Count yourself too."), parse_count(1, 100_000)
        ),
        InterviewQuestion(
            "staff_names",
            "--staff-name",
            N_("Their names (optional, separated by commas)"),
            lambda a: Msg("Each person gets an allowance in the plan; Enter to count heads only."),
            parse_names,
            plan_only=True,
        ),
        InterviewQuestion(
            "customers", "--customers", N_("Customers per week"), lambda a: Msg("A rough number is fine."), parse_count(0, 10_000_000)
        ),
        InterviewQuestion(
            "currency",
            "--currency",
            N_("Currency"),
            lambda a: Msg("The currency you pay in: a code such as EUR, DKK or GBP, or its sign."),
            parse_currency,
        ),
        InterviewQuestion(
            "budget",
            "--budget",
            N_("Monthly surprise budget"),
            lambda a: Msg("Money staff may spend to surprise customers, in {currency}, e.g. 50 or 50,00. 0 is fine.").format(
                currency=a.get("currency", "EUR")
            ),
            parse_budget,
        ),
        InterviewQuestion(
            "lang",
            "--lang",
            N_("Language"),
            lambda a: Msg("Stories and ideas are shown in this language."),
            parse_choice(language),
            choices=language,
        ),
        InterviewQuestion(
            "situation",
            "--situation",
            N_("What is the situation in front of you"),
            lambda a: Msg("In your own words, in English, Dutch or Danish."),
            parse_text(10_000),
        ),
        InterviewQuestion(
            "situation_type",
            "--situation-type",
            N_("Situation type (optional, Enter to skip)"),
            lambda a: Msg("Its number or its name, or leave empty."),
            parse_choice(situation, optional=True),
            choices=situation,
        ),
        InterviewQuestion(
            "already",
            "--already",
            N_("What do you already do for customers (optional)"),
            lambda a: Msg("A sentence is enough."),
            parse_text(10_000),
        ),
    ]


# Asked after a weak or no-fit answer, at a terminal: the owner's words are added to the
# situation and the stories ranked again, without the other questions.
MORE = InterviewQuestion(
    "situation",
    "--situation",
    N_("Tell me more about the customer's moment"),
    lambda a: Msg("No story fits closely yet. What did the customer say, want or go through? Enter shows the nearest stories."),
    parse_text(10_000),
)


def _sectors_with_other(sectors: dict[str, Any]) -> dict[str, Any]:
    """The library's sectors, with 'other' once (its own label when the data has one)."""
    if "other" in sectors:
        return sectors
    from wowcoach.knowledge.schema import Tag, Text

    return {**sectors, "other": Tag(id="other", label=Text(en="Other", nl="Overig", da="Andet"))}


# A currency by its sign or name; 'kr' is the Danish krone unless the owner writes NOK or SEK.
_CURRENCY_WORDS = {
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
    "$": "USD",
    "dollar": "USD",
    "kr": "DKK",
    "kr.": "DKK",
    "kroner": "DKK",
    "kronen": "DKK",
    "danske kroner": "DKK",
}


def parse_currency(text: str, t: Translator) -> str:
    word = str(text).strip().lower()
    return check_currency(_CURRENCY_WORDS.get(word, word))
