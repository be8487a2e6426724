"""Money as integer cents: read from what a user types, shown in the user's locale with Babel."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from wowcoach.errors import UsageError
from wowcoach.i18n import Msg, locale_of

if TYPE_CHECKING:
    from wowcoach.i18n import Translator

MAX_CENTS = 100_000_000_00  # a budget, cost or allowance above 100 million is a typo
_PLAIN = re.compile(r"^\d+$")
_GROUPED_DOT = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")  # 1.234,56
_GROUPED_COMMA = re.compile(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$")  # 1,234.56
_DEC_COMMA = re.compile(r"^\d+,\d{1,2}$")  # 12,50
_DEC_DOT = re.compile(r"^\d+\.\d{1,2}$")  # 12.50


# A currency written before or after the number: a sign, a code, or the krone's "kr." / ",-".
_CURRENCY = r"€|£|\$|kr\.?|euros?|[a-z]{3}"
_MARKED = re.compile(rf"^(?P<pre>{_CURRENCY})?\s*(?P<num>-?[\d.,'\s\u00a0]*\d[\d.,'\s\u00a0]*?)\s*(?P<post>{_CURRENCY}|,-)?$")
_SIGNS = {"€": "EUR", "£": "GBP", "$": "USD", "kr": "KR", "kr.": "KR", "euro": "EUR", "euros": "EUR"}
_SPACED = re.compile(r"[\s\u00a0']")
_GROUPED_SPACE = re.compile(r"-?\d{1,3}([\s\u00a0']\d{3})+([.,]\d{1,2})?")
_ONE_GROUP = re.compile(r"^\d{1,3}[.,]\d{3}$")  # 60.000 or 1,500: a thousand separator or three decimals


def parse_amount(text: str, lang: str) -> int:
    """'1.234,56', '1,234.56', '€ 50', '50 kr.' or '12,5' to cents; refuses anything unclear."""
    return read_amount(text, lang)[0]


def read_amount(text: str, lang: str) -> tuple[int, str | None]:
    """The cents and the currency written with them ('KR' for a krone of any country), or None.

    The number is read in the user's locale with Babel first ("1,234" is 1234 in English and
    1,234 in Dutch, which has too many decimals for money). A number that only makes sense in
    the other convention is read that way, so a Dutch owner typing '1,234.56' is understood;
    one that reads two ways ('60.000' in English: sixty, or sixty thousand) is refused.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    raw = str(text).strip()
    found = None
    marked = _MARKED.match(raw.lower())
    s = raw.lower()
    if marked and (marked["pre"] or marked["post"]):
        sign = (marked["pre"] or marked["post"]).strip()
        if sign != ",-":
            found = _SIGNS.get(sign) or sign.upper()
            if found != "KR":
                found = check_currency(found)
        s = marked["num"]
    s = s.strip()
    if _SPACED.search(s) and not _GROUPED_SPACE.fullmatch(s):
        # A space may group thousands ('1 234,56', "1'234"), nothing else: '5 5' is no 55.
        raise UsageError(Msg("'{text}' is not an amount: write it like 250, 250.00 or 250,00.").format(text=raw))
    s = _SPACED.sub("", s)
    if s.startswith("-") and re.fullmatch(r"-[\d.,]+", s):
        raise UsageError(Msg("The amount '{text}' is negative: give 0 or more.").format(text=raw))
    # Only digits and separators: Babel would also take 'NaN', 'Infinity' and '1e309'.
    if not re.fullmatch(r"\d[\d.,]*", s):
        raise UsageError(Msg("'{text}' is not an amount: write it like 250, 250.00 or 250,00.").format(text=raw))
    value: Decimal | None = None
    try:
        value = parse_decimal(s, locale=locale_of(lang), strict=True)
    except NumberFormatError:
        value = None
    exponent = value.as_tuple().exponent if value is not None else 0  # an int: only digits got this far, never NaN
    if value is None or (isinstance(exponent, int) and exponent < -2):
        if _ONE_GROUP.match(s):
            whole = s.replace(".", "").replace(",", "")
            raise UsageError(
                Msg("'{text}' can be read as {whole} or as {small}: type {whole} or {small}, to be sure.").format(
                    text=raw, whole=whole, small=s[:-1]
                )
            )
        value = _by_shape(s)
    if value is None:
        raise UsageError(Msg("'{text}' is not an amount: write it like 250, 250.00 or 250,00.").format(text=raw))
    cents = int(value * 100)
    if cents > MAX_CENTS:
        raise UsageError(Msg("{text} is more than any amount wowcoach takes (100 million): check the number.").format(text=raw))
    return cents, found


def same_currency(text: str, found: str | None, currency: str) -> str:
    """The currency an amount is in, refusing one that is not `currency`: never a silent conversion."""
    if found is None or found == currency or (found == "KR" and currency in KRONER):
        return currency
    shown = "DKK" if found == "KR" else found
    raise UsageError(
        Msg(
            "'{text}' is in {found}, not {currency}: give the amount in {currency}, or choose {found} as the currency (--currency {found})."
        ).format(text=text, found=shown, currency=currency)
    )


def default_currency(territory: str | None) -> str:
    """The currency of the owner's country (DKK under da_DK, GBP under en_GB); EUR without one (LANG=C)."""
    if territory:
        from babel.numbers import get_territory_currencies

        try:
            current = get_territory_currencies(territory)
        except Exception:  # an unknown country code: fall back to the language
            current = []
        if current:
            return current[0]
    return "EUR"


def local_currency() -> str:
    """The currency of the locale's country (LC_MONETARY, LANG): what an amount without a plan or a profile is in."""
    from wowcoach.i18n import territory_from_env

    return default_currency(territory_from_env())


def _by_shape(s: str) -> Decimal | None:
    if _PLAIN.match(s):
        return Decimal(s)
    if _GROUPED_DOT.match(s) or _DEC_COMMA.match(s):
        return Decimal(s.replace(".", "").replace(",", "."))
    if _GROUPED_COMMA.match(s) or _DEC_DOT.match(s):
        return Decimal(s.replace(",", ""))
    return None


class Money(NamedTuple):
    """An amount inside a message, written in the reader's locale when the message is shown."""

    cents: int
    currency: str

    def translate(self, t: Translator) -> str:
        return format_amount(self.cents, self.currency, t.lang)


# A plan of thousands of people, a chain's review or a long ledger shows the same few amounts
# over and over: Babel works each out once (some 20 microseconds each, over a second for a plan
# of 100,000 people).
@lru_cache(maxsize=4096)
def format_amount(cents: int, currency: str, lang: str) -> str:
    from babel.numbers import format_currency  # Babel's locale data loads only when money is shown

    return format_currency(Decimal(cents) / 100, currency, locale=locale_of(lang))


# Rough euro rates, only to compare or convert typical costs (given in euros in the data) with a
# budget in another currency. A guide, not a quote.
EUR_RATE = {
    "EUR": Decimal("1"),
    "DKK": Decimal("7.46"),
    "SEK": Decimal("11"),
    "NOK": Decimal("11.5"),
    "USD": Decimal("1.1"),
    "GBP": Decimal("0.85"),
    "CHF": Decimal("0.95"),
    "ISK": Decimal("150"),
    "PLN": Decimal("4.3"),
    "CZK": Decimal("25"),
    "HUF": Decimal("390"),
    "JPY": Decimal("160"),
    "AUD": Decimal("1.65"),
    "CAD": Decimal("1.5"),
    "NZD": Decimal("1.8"),
}

# A monthly surprise budget when the owner gives none: about fifty euros, said as a round amount
# of the shop's own money (400 kr., £40), not 50 of whatever the currency is.
DEFAULT_BUDGET_EUR = 50


def default_budget_cents(currency: str) -> int:
    """A round amount worth about DEFAULT_BUDGET_EUR in `currency` (one significant digit)."""
    amount = Decimal(DEFAULT_BUDGET_EUR) * EUR_RATE.get(currency, Decimal(1))
    step = Decimal(10) ** (len(str(int(amount))) - 1)
    return int((amount / step).to_integral_value(rounding="ROUND_HALF_UP") * step) * 100


KRONER = frozenset({"DKK", "NOK", "SEK", "ISK"})
COMMON_CURRENCIES = frozenset({"EUR", "DKK", "USD", "GBP", "SEK", "NOK", "CHF"})


def check_currency(code: str) -> str:
    code = code.strip().upper()
    if code in COMMON_CURRENCIES:
        return code  # known without loading Babel's currency data
    from babel.numbers import get_currency_name

    if not re.fullmatch(r"[A-Z]{3}", code) or get_currency_name(code, locale="en") == code:
        raise UsageError(Msg("Unknown currency '{code}': use a three-letter code such as EUR, DKK or USD.").format(code=code))
    return code
