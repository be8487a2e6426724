"""Interface language: one gettext domain (`wowcoach`), the rules for choosing a language, and
the two ways a text reaches its reader in their language.

No language is held here. A `Translator` is a value: the entry point makes the run's one (see
`environment.py`) and passes it down; a document for a client in another language gets that
client's. Code below the commands raises errors before it knows who reads them, so it writes a
`Msg`: English text and its values, translated by whoever shows it.

Catalogs are compiled into `wowcoach/locale/<lang>/LC_MESSAGES/wowcoach.mo` when the wheel is
built; without them every string falls back to English, never to an error.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from babel.core import Locale

from wowcoach.languages import CODES as LANGUAGES
from wowcoach.languages import DEFAULT as DEFAULT_LANGUAGE
from wowcoach.languages import LANGUAGES as TABLE

DOMAIN = "wowcoach"
LOCALE_DIR = Path(__file__).parent / "locale"


def language_of(code: str | None) -> str | None:
    """The language we have that a language or locale code names ('nl_NL.UTF-8', 'da-DK', 'NL',
    as Babel reads them), or None."""
    if not code:
        return None
    if code in LANGUAGES:
        return code
    from babel.core import Locale, UnknownLocaleError

    try:
        language = Locale.parse(code.strip().replace("-", "_")).language
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    return language if language in LANGUAGES else None


def language_from_env() -> str:
    """WOWCOACH_LANG, then the locale Babel reads from LANGUAGE, LC_ALL, LC_MESSAGES and LANG,
    then English. A choice we have no language for (LANG=fr_FR) means English."""
    own = os.environ.get("WOWCOACH_LANG")
    if own:
        return language_of(own) or DEFAULT_LANGUAGE
    from babel.core import default_locale

    # LANG named before Babel's own fallbacks, which put LC_CTYPE first: Python sets
    # LC_CTYPE=C.UTF-8 itself where LANG's locale is not installed (PEP 538), and that must not
    # hide LANG=nl_NL.UTF-8.
    return language_of(default_locale(("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))) or DEFAULT_LANGUAGE


@functools.cache
def locale_of(lang: str) -> Locale:
    """The Babel locale of one of our languages; English's for any other code."""
    from babel.core import Locale

    return Locale.parse(TABLE.get(lang, TABLE[DEFAULT_LANGUAGE]).locale)


class Translator:
    """The interface strings in one language: `t("Stories")`, `t.ngettext(one, many, n)`, and
    `t(msg)` for a `Msg` raised by the core."""

    __slots__ = ("_catalog", "lang")

    def __init__(self, lang: str, catalog: gettext.NullTranslations) -> None:
        self.lang = lang
        self._catalog = catalog

    def __call__(self, message: str | Msg) -> str:
        if isinstance(message, Msg):
            return message.translate(self)
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"


@functools.cache
def translator(lang: str | None) -> Translator:
    """The translator of `lang`; unknown codes mean English. Catalogs are read once per language."""
    code = language_of(lang) or DEFAULT_LANGUAGE
    if code == DEFAULT_LANGUAGE:
        return Translator(code, gettext.NullTranslations())  # the strings are English already
    return Translator(code, gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[code], fallback=True))


class Msg:
    """A message in English with its values, translated when it is shown: `Msg("{path} does not
    exist: check the path.", path=p)`. A value may be a Msg itself; `str()` gives the English."""

    __slots__ = ("n", "params", "plural_text", "text")

    def __init__(self, text: str, /, **params: Any) -> None:
        self.text = text
        self.params = params
        self.plural_text: str | None = None
        self.n: int | None = None

    @classmethod
    def plural(cls, singular: str, plural: str, n: int, /, **params: Any) -> Msg:
        """One of two texts by `n`, as ngettext chooses them in the reader's language."""
        msg = cls(singular, **params)
        msg.plural_text, msg.n = plural, n
        return msg

    @staticmethod
    def join(separator: str | Msg, items: Iterable[str | Msg]) -> Msg:
        """`items` joined by `separator`, each translated when shown (" and ", ", ")."""
        return _Joined(separator, tuple(items))

    def format(self, **params: Any) -> Msg:
        msg = Msg(self.text, **{**self.params, **params})
        msg.plural_text, msg.n = self.plural_text, self.n
        return msg

    def translate(self, t: Translator) -> str:
        plural, n = self.plural_text, self.n
        template = t(self.text) if plural is None or n is None else t.ngettext(self.text, plural, n)
        if not self.params:
            return template
        return template.format(**{k: _shown(v, t) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.translate(translator(DEFAULT_LANGUAGE))

    def __repr__(self) -> str:
        return f"Msg({str(self)!r})"


class _Joined(Msg):
    __slots__ = ("items", "separator")

    def __init__(self, separator: str | Msg, items: tuple[str | Msg, ...]) -> None:
        super().__init__("")
        self.separator, self.items = separator, items

    def translate(self, t: Translator) -> str:
        return _shown(self.separator, t).join(_shown(item, t) for item in self.items)


def _shown(value: Any, t: Translator) -> Any:
    """A value inside a message: a Msg, or anything else with `translate(t)` (an amount of
    money, written in the reader's locale), in the reader's language; a text or path on one line,
    its line breaks written as \\n (a message is one line, and a value typed with a line break in
    it must not start a line of its own that looks like the program's), and a text cut at 1000
    characters; other values as they are."""
    translate = getattr(value, "translate", None)
    if callable(translate) and not isinstance(value, str):
        return translate(t)
    if isinstance(value, str) and len(value) > _LONGEST:  # a 5,000-digit "amount" quoted back whole is no message
        value = value[: _LONGEST - 1] + "…"
    if isinstance(value, str | PurePath):
        return _LINE_BREAKS.sub(_escaped, str(value))
    return value


_LONGEST = 1000  # characters of a value quoted in a message: a list of 30 sectors fits, a 5,000-digit number does not


_LINE_BREAKS = re.compile("[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def N_(message: str) -> str:
    """Marks a text for the catalogs that is translated where it is shown (help texts)."""
    return message


def translations(message: str) -> set[str]:
    """`message` in every language with a catalog (for accepting an answer in any of them)."""
    return {translator(lang)(message) for lang in LANGUAGES}


def territory_from_env() -> str | None:
    """The country of the locale ('DK' under da_DK.UTF-8), for the currency's default: of the
    first of LC_ALL, LC_MONETARY and LANG that is set, as Babel reads it; None for C or POSIX,
    or a locale without a country. (LANGUAGE names languages, not where money is spent: Babel
    only falls back to it when none of those is set.)"""
    from babel.core import default_locale, parse_locale

    found = default_locale(("LC_ALL", "LC_MONETARY", "LANG"), aliases={})  # "nl" names no country
    if not found:
        return None
    _, territory, _, variant = parse_locale(found)[:4]
    return None if variant == "POSIX" else territory
