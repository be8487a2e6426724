"""Interface language: one gettext domain (`wowcoach`) and the rules for choosing a language.

Catalogs are compiled into `wowcoach/locale/<lang>/LC_MESSAGES/wowcoach.mo` when the wheel is
built; without them every string falls back to English, never to an error.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "wowcoach"
LANGUAGES = ("en", "nl", "da")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def normalize(code: str | None) -> str | None:
    """Map 'nl_NL.UTF-8', 'da-DK' or 'NL' to a language we have, or None."""
    if not code:
        return None
    base = code.split(":")[0].split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def language_from_env(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
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


def set_language(code: str | None) -> str:
    """Activate a language for the interface; unknown codes fall back to English."""
    global _translation, _language
    _language = normalize(code) or DEFAULT_LANGUAGE
    if _language == DEFAULT_LANGUAGE:
        _translation = gettext.NullTranslations()  # the strings are English already
    else:
        _translation = gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[_language], fallback=True)
    return _language


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def translations(message: str) -> set[str]:
    """`message` in every language with a catalog (for accepting an answer in any of them)."""
    found = {message}
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            found.add(gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True).gettext(message))
    return found


def territory_from_env(environ: os._Environ[str] | dict[str, str] | None = None) -> str | None:
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
