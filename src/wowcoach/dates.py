"""Months and days as people write them: `2027-01`, `1/2027`, `januari 2027`, `jan`, `next`;
`16-01-2027`, `16.1.2027`, `vandaag`. Day before month, as in Dutch, Danish and British English;
an ISO date (year first) is read as ISO. Month names in any of our languages, from Babel's
locale data. A date that does not exist says why ("February 2027 has 28 days")."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

from wowcoach.errors import UsageError
from wowcoach.i18n import LANGUAGES, Msg

if TYPE_CHECKING:
    from babel.core import Locale

    from wowcoach.i18n import Translator

FIRST_YEAR, LAST_YEAR = 1900, 2999  # outside these, a typo: and nothing is ever listed there

# Months and days named relative to today, in English, Dutch and Danish.
MONTH_WORDS = {
    "next": 1,
    "next month": 1,
    "volgende": 1,
    "volgende maand": 1,
    "komende maand": 1,
    "næste": 1,
    "næste måned": 1,
    "this": 0,
    "this month": 0,
    "now": 0,
    "deze": 0,
    "deze maand": 0,
    "nu": 0,
    "denne": 0,
    "denne måned": 0,
    "last": -1,
    "last month": -1,
    "previous": -1,
    "vorige": -1,
    "vorige maand": -1,
    "sidste": -1,
    "sidste måned": -1,
    "forrige": -1,
    "forrige måned": -1,
}
DAY_WORDS = {
    "today": 0,
    "vandaag": 0,
    "i dag": 0,
    "idag": 0,
    "yesterday": -1,
    "gisteren": -1,
    "i går": -1,
    "igår": -1,
    "eergisteren": -2,
    "i forgårs": -2,
}


class MonthName(NamedTuple):
    """A month inside a message, named in the reader's language when the message is shown."""

    year: int
    month: int

    def translate(self, t: Translator) -> str:
        from babel.dates import format_date

        return format_date(date(self.year, self.month, 1), "LLLL yyyy", locale=_locale(t.lang))


def _locale(lang: str) -> Locale:
    from wowcoach.i18n import locale_of

    return locale_of(lang)


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month names and their short forms in English, Dutch and Danish ('januari', 'jan', 'mrt', 'maj')."""
    from babel.dates import get_month_names

    names: dict[str, int] = {}
    for lang in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=_locale(lang)).items():
                    names[name.casefold().rstrip(".")] = number
    for name, number in list(names.items()):
        if len(name) > 3:
            names.setdefault(name[:3], number)  # 'sep' for 'september', 'okt' for 'oktober'
    names.update({"sept": 9, "mrt": 3})
    return names


def _clean(text: str) -> str:
    return " ".join(str(text).strip().casefold().replace(",", " ").split())


def _year(text: str, original: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError(Msg("'{text}' is outside the years 1900 to 2999: check the year.").format(text=original))
    return year


def _month(number: int, original: str) -> int:
    if not 1 <= number <= 12:
        raise UsageError(Msg("'{text}' has no month {n}: months go from 1 to 12.").format(text=original, n=number))
    return number


def shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_month(text: str, today: date | None = None, ahead: bool = False) -> date:
    """The first day of the month `text` names. A month without a year is the coming one when
    `ahead` (a plan), else the latest one not in the future (a review, a list)."""
    today = today or date.today()
    original = str(text).strip()
    s = _clean(original)
    this = today.replace(day=1)
    if s in MONTH_WORDS:
        return shift(this, MONTH_WORDS[s])
    numeric = re.fullmatch(r"(\d{4})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{4})", s)
    if numeric:
        year, month = (numeric[1], numeric[2]) if numeric[1] else (numeric[4], numeric[3])
        return date(_year(year, original), _month(int(month), original), 1)
    named = re.fullmatch(r"([^\W\d]+)\.?(?: (\d{4}))?|(\d{4}) ([^\W\d]+)\.?", s)
    if named:
        word, year = (named[1], named[2]) if named[1] else (named[4], named[3])
        number = month_numbers().get(word)
        if number is not None:
            if year:
                return date(_year(year, original), number, 1)
            candidate = date(today.year, number, 1)
            if ahead and candidate < this:
                return shift(candidate, 12)
            if not ahead and candidate > this:
                return shift(candidate, -12)
            return candidate
    raise UsageError(
        Msg("'{text}' is not a month: write it like 2027-01, 1/2027 or January 2027 (or next, this, last).").format(text=original)
    )


def parse_day(text: str | None, today: date | None = None) -> date:
    """The day `text` names (today when not given): ISO, day-month-year with -, / or ., a day and
    a month's name, or today/yesterday in our languages. A date without a year is in this year."""
    today = today or date.today()
    if text is None or not str(text).strip():
        return today
    original = str(text).strip()
    s = _clean(original)
    if s in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[s])
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    dmy = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}))?\.?", s)
    named = re.fullmatch(r"(\d{1,2})\.? ([^\W\d]+)\.?(?: (\d{4}))?", s)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif dmy:
        day, month, year = int(dmy[1]), int(dmy[2]), int(dmy[3]) if dmy[3] else today.year
    elif named and named[2] in month_numbers():
        day, month, year = int(named[1]), month_numbers()[named[2]], int(named[3]) if named[3] else today.year
    else:
        raise UsageError(Msg("'{text}' is not a date: write it like 16-01-2027, 16/1/2027 or 2027-01-16 (or today).").format(text=original))
    year = _year(str(year), original)
    month = _month(month, original)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise UsageError(
            Msg("{month} has {days} days, so '{text}' is not a date: check the day.").format(
                month=MonthName(year, month), days=days, text=original
            )
        )
    return date(year, month, day)
