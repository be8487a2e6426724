"""The languages wowcoach speaks, and what each part of the code needs to know about one, in one
table: the interface (i18n), money and dates (Babel's locale), the text of the stories (schema),
and the matching (stemmer, compounds, the search index's columns).

Adding a language is a row here, a message catalog (`locale/<code>/LC_MESSAGES/wowcoach.po`), its
text in the data files (every story, value, gesture and vocabulary entry has one per language),
and its word lists keyed by the code: stop words (`matching/text.py`) and the openings of a
message (`matching/moment.py`). `tests/test_languages.py` checks that each row has all of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in a locale ("nl_NL") and the data files' keys
    name: str  # its own name, for a language menu
    also_called: tuple[str, ...]  # what people may type for it in the other languages
    locale: str  # Babel's locale for money, numbers and dates (English as in Britain: "18 March 2027")
    stemmer: str  # the Snowball stemmer's name (PyStemmer)
    compounds: bool  # writes compounds as one word ("verjaardagstaart"): matching splits them


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", ("engels", "engelsk"), "en_GB", "english", compounds=False),
        Language("nl", "Nederlands", ("dutch", "nederlandsk", "hollands", "hollandsk"), "nl_NL", "dutch", compounds=True),
        Language("da", "Dansk", ("danish", "deens", "dansk"), "da_DK", "danish", compounds=True),
    )
}
CODES: tuple[str, ...] = tuple(LANGUAGES)  # in this order wherever languages are listed or stored
DEFAULT = "en"
