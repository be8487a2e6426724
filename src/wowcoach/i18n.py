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
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any

DOMAIN = "wowcoach"
LANGUAGES = ("en", "nl", "da")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"


def normalize(code: str | None) -> str | None:
    """Map 'nl_NL.UTF-8', 'da-DK' or 'NL' to a language we have, or None."""
    if not code:
        return None
    base = code.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """WOWCOACH_LANG, then the POSIX variables in gettext's order, then English."""
    env = os.environ if environ is None else environ
    for var in ("WOWCOACH_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        # LANGUAGE may hold a list such as "nl:en"; take the first we have.
        for part in value.split(":"):
            found = normalize(part)
            if found:
                return found
        if var != "LANGUAGE":
            # An explicit but unknown choice (LANG=fr_FR) means English, not a lower variable.
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


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
    code = normalize(lang) or DEFAULT_LANGUAGE
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
        one = self.plural_text is None or self.n is None
        template = t(self.text) if one else t.ngettext(self.text, self.plural_text, self.n)
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


def territory_from_env(environ: Mapping[str, str] | None = None) -> str | None:
    """The country of the locale ('DK' for da_DK.UTF-8), for the currency's default; None for C or POSIX."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MONETARY", "LANG"):
        value = env.get(var)
        if not value:
            continue
        base = value.split(".")[0].split("@")[0].replace("-", "_")
        parts = base.split("_")
        return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 and parts[1].isalpha() else None
    return None
