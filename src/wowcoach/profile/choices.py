"""Choices the owner answers in their own words: a translated label, the id, the number from a
numbered menu or the unambiguous start of a label all pick the same choice; and yes/no in the
owner's language (y/n, j/n)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wowcoach.errors import UsageError
from wowcoach.i18n import LANGUAGES, Msg, Translator, translations


def fold(text: str) -> str:
    """Lowercase without accents or a trailing full stop: 'Café.' and 'cafe' are one answer."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().rstrip(".").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ")


@dataclass(frozen=True)
class Choices:
    """`options(t)` are (id, label) pairs, the label in t's language (called at ask time, in the
    same order in every language); `words` are other answers that mean one choice: its label in
    the other languages, synonyms."""

    options: Callable[[Translator], list[tuple[str, str]]]
    words: Callable[[], dict[str, str]] = field(default=dict)

    def label(self, choice_id: str, t: Translator) -> str:
        return dict(self.options(t)).get(choice_id, choice_id)

    def labels(self, t: Translator) -> str:
        return ", ".join(label for _id, label in self.options(t))

    @staticmethod
    def _starting(wanted: str, named: dict[str, str], order: list[str]) -> list[str]:
        return sorted({i for name, i in named.items() if wanted and name.startswith(wanted)}, key=order.index)

    def resolve(self, text: str, t: Translator) -> str:
        """The id the owner means (typed in t's language or another); a refusal lists the choices
        once, by their labels in t's language."""
        options = self.options(t)
        raw = str(text).strip()
        if raw.isdigit() and 1 <= int(raw) <= len(options):
            return options[int(raw) - 1][0]
        wanted = fold(raw)
        named: dict[str, str] = {}
        for choice_id, label in options:
            named[fold(choice_id)] = choice_id
            named[fold(label)] = choice_id
        if wanted and wanted in named:
            return named[wanted]
        # Then other words said exactly ('bageri', 'verjaardag'), then the start of a label, of a word.
        words = {fold(w): i for w, i in self.words().items()}
        if wanted in words:
            return words[wanted]
        order = [o[0] for o in options]
        fitting = self._starting(wanted, named, order) or self._starting(wanted, words, order)
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            raise UsageError(
                Msg("'{text}' fits more than one: {choices}. Type a few more letters.").format(
                    text=raw, choices=", ".join(self.label(i, t) for i in fitting)
                )
            )
        raise UsageError(Msg("'{text}' is not one of: {choices}.").format(text=raw, choices=self.labels(t)))


# Yes and no as owners type them: y/yes, j/ja (Dutch, Danish), n/no/nee/nej.
YES = frozenset({"y", "yes", "j", "ja"})
NO = frozenset({"n", "no", "nee", "nej"})


def yes_no(text: str) -> bool | None:
    word = fold(text)
    return True if word in YES else False if word in NO else None


def language_choices() -> Choices:
    """The interface languages by their own names, and their names in the other languages."""
    names = {"en": "English", "nl": "Nederlands", "da": "Dansk"}
    others = {
        "engels": "en",
        "engelsk": "en",
        "dutch": "nl",
        "nederlandsk": "nl",
        "hollands": "nl",
        "hollandsk": "nl",
        "danish": "da",
        "deens": "da",
        "dansk": "da",
    }
    return Choices(lambda t: [(code, names[code]) for code in LANGUAGES], lambda: others)


def channel_choices() -> Choices:
    def options(t: Translator) -> list[tuple[str, str]]:
        return [("shop", t("shop")), ("online", t("online")), ("both", t("both"))]

    def words() -> dict[str, str]:
        found: dict[str, str] = {}
        for choice_id, message in (("shop", "shop"), ("online", "online"), ("both", "both")):
            for text in translations(message):
                found[text] = choice_id
        # What owners call a shop with a door: 'winkel', 'butik', 'store'; and a web shop.
        found.update(
            {
                "winkel": "shop",
                "butik": "shop",
                "butikken": "shop",
                "store": "shop",
                "fysiek": "shop",
                "webshop": "online",
                "webwinkel": "online",
                "internet": "online",
                "nettet": "online",
                "beide": "both",
                "allebei": "both",
                "begge": "both",
                "begge dele": "both",
            }
        )
        return found

    return Choices(options, words)


# Everyday words for a shop's sector that its label does not start with.
SECTOR_WORDS = {
    "shoe shop": "shoes",
    "schoenenwinkel": "shoes",
    "schoenwinkel": "shoes",
    "skobutik": "shoes",
    "skotøj": "shoes",
    "clothing": "fashion",
    "clothes": "fashion",
    "kleding": "fashion",
    "kledingwinkel": "fashion",
    "boetiek": "fashion",
    "tøj": "fashion",
    "tøjbutik": "fashion",
    "bakker": "bakery",
    "bager": "bakery",
    "bagerbutik": "bakery",
    "bookstore": "bookshop",
    "boekwinkel": "bookshop",
    "boghandler": "bookshop",
    "bicycle shop": "bike-shop",
    "cycle shop": "bike-shop",
    "fietswinkel": "bike-shop",
    "fietsenmaker": "bike-shop",
    "cykelbutik": "bike-shop",
    "cykelsmed": "bike-shop",
    "cykelforretning": "bike-shop",
    "cykel": "bike-shop",
    "bloemenwinkel": "florist",
    "blomsterbutik": "florist",
    "blomster": "florist",
    "kapsalon": "hairdresser",
    "barber": "hairdresser",
    "kapper": "hairdresser",
    "frisør": "hairdresser",
    "frisor": "hairdresser",
    "supermarket": "grocery",
    "kruidenier": "grocery",
    "supermarked": "grocery",
    "købmand": "grocery",
    "online shop": "web-shop",
    "webshop": "web-shop",
    "netbutik": "web-shop",
    "internetbutik": "web-shop",
    "koffiebar": "cafe",
    "coffee shop": "cafe",
    "kaffebar": "cafe",
    "drogist": "pharmacy",
    "speelgoedwinkel": "toys",
    "legetøjsbutik": "toys",
    "dierenspeciaalzaak": "pet-shop",
    "brillenwinkel": "optician",
    "ijssalon": "ice-cream",
    "isbutik": "ice-cream",
    "eatery": "restaurant",
    "sleutelmaker": "repair",
    "låsesmed": "repair",
}


def tag_choices(tags: Callable[[], dict[str, Any]], extra: Callable[[], dict[str, str]] | None = None) -> Choices:
    """Sectors or situations of the library: each once (the data's 'other' included), labelled in
    the asker's language; the labels in the other languages and `extra` words count too."""

    def options(t: Translator) -> list[tuple[str, str]]:
        return [(tag_id, tag.label.get(t.lang)) for tag_id, tag in tags().items()]

    def words() -> dict[str, str]:
        found = {tag.label.get(other): tag_id for tag_id, tag in tags().items() for other in LANGUAGES}
        found.update({w: i for w, i in (extra() if extra else {}).items() if i in tags()})
        return found

    return Choices(options, words)


def named_choices(items: Callable[[], Any]) -> Choices:
    """Values or gestures by their name in the asker's language (their names in the others count too)."""
    return Choices(
        lambda t: [(item.id, item.name.get(t.lang)) for item in items()],
        lambda: {item.name.get(other): item.id for item in items() for other in LANGUAGES},
    )


def resolve_or_keep(choices: Choices, text: str | None, t: Translator) -> str | None:
    """The id a typed name means; the text itself when it names none (the caller's own check explains)."""
    if text is None:
        return None
    try:
        return choices.resolve(text, t)
    except UsageError:
        return text
