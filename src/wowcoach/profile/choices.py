"""Choices the owner answers in their own words: the id, a label in any of our languages, an
everyday word for it, the number from a numbered menu, the unambiguous start of a name or one
word of it, and a name with one typo all pick the same choice; an answer that fits none is
refused with at most three that come close ("did you mean"). Yes/no in the owner's language."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wowcoach.errors import UsageError
from wowcoach.i18n import LANGUAGES, N_, Msg, Translator, translations

MOST_SHOWN = 3  # candidates named in a refusal: a hint, not the whole list
SHORTEST_TYPO = 4  # "da" and "nl" are one letter apart: a typo is only read in a longer name
SHORTEST_WORD = 3
MOST_LISTED = 8  # a refusal lists shorter lists whole ("shop, online, both")
# Words of a label that name nothing on their own ("Repairs and keys", "Omarm en stimuleer").
FILLERS = frozenset(
    {"and", "the", "for", "with", "our", "your"}  # English
    | {"van", "een", "het", "der", "des", "voor", "met", "als", "bij", "jouw", "en", "of"}  # Dutch
    | {"med", "til", "fra", "som", "din", "dit", "det", "den", "eller", "og"}  # Danish
)


def fold(text: str) -> str:
    """Lowercase without accents or a trailing full stop: 'Café.' and 'cafe' are one answer."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().rstrip(".").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ")


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", name) if len(w) >= SHORTEST_WORD and w not in FILLERS]


def one_typo(a: str, b: str) -> bool:
    """`a` is `b` with one letter wrong, missing, extra or two swapped (both long enough that
    this is a typo, not another word)."""
    if a == b or min(len(a), len(b)) < SHORTEST_TYPO or abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    return (
        a[1:] == b[1:]  # one letter wrong
        or a[1:] == b  # one extra
        or a == b[1:]  # one missing
        or (len(a) >= 2 and len(b) >= 2 and a[0] == b[1] and a[1] == b[0] and a[2:] == b[2:])  # two swapped
    )


def _ordered(ids: set[str], order: list[str]) -> list[str]:
    return sorted(ids, key=lambda i: order.index(i) if i in order else len(order))


@dataclass(frozen=True)
class Found:
    """How an answer was read: the id it names for sure, or the ones it might name."""

    choice: str | None
    candidates: tuple[str, ...] = ()
    ambiguous: bool = False  # several fit equally well (a short start), not a near miss


@dataclass(frozen=True)
class Choices:
    """`options(t)` are (id, label) pairs, the label in t's language (called at ask time, in the
    same order in every language); `words` are other answers that mean one choice: its label in
    the other languages, everyday words. `kind` names one choice in a refusal ("sector"), and
    `listed_by` is the command that shows them all. `alike`: a name merely spelled alike is
    offered in a refusal too (not for shops, whose names in a chain are all alike).
    `elsewhere`: an answer that surely names something not offered (German's code "de" is not
    the start of "deens"), refused before the forgiving steps."""

    options: Callable[[Translator], list[tuple[str, str]]]
    words: Callable[[], dict[str, str]] = field(default=dict)
    kind: str = N_("choice")
    listed_by: str | None = None
    alike: bool = True
    elsewhere: Callable[[str], bool] = field(default=lambda _text: False)

    def label(self, choice_id: str, t: Translator) -> str:
        return dict(self.options(t)).get(choice_id, choice_id)

    def labels(self, t: Translator) -> str:
        return ", ".join(label for _id, label in self.options(t))

    def find(self, text: str, t: Translator, forgiving: bool = True) -> Found:
        """The choice `text` names: a number of the menu, an id, a label or word said exactly;
        then (when `forgiving`) the start of one, a word of a label, one typo. Each step only
        when the one before found nothing; several at one step are candidates, not a choice."""
        options = self.options(t)
        raw = str(text).strip()
        if raw.isdigit() and 1 <= int(raw) <= len(options):
            return Found(options[int(raw) - 1][0])
        wanted = fold(raw)
        if not wanted:
            return Found(None)
        order = [o[0] for o in options]
        shown: dict[str, str] = {}  # the ids and the labels the asker reads
        for choice_id, label in options:
            shown[fold(choice_id)] = choice_id
            shown[fold(label)] = choice_id
        names = dict(shown)
        for word, choice_id in self.words().items():
            names.setdefault(fold(word), choice_id)
        if wanted in names:
            return Found(names[wanted])
        if self.elsewhere(raw):
            return Found(None)
        words = {(w, i) for name, i in names.items() for w in _words(name)}
        steps = (
            lambda: {i for name, i in shown.items() if name.startswith(wanted)},
            lambda: {i for name, i in names.items() if name.startswith(wanted)},
            lambda: {i for w, i in words if w == wanted or (len(wanted) >= SHORTEST_WORD and w.startswith(wanted))},
            lambda: {i for name, i in [*names.items(), *words] if one_typo(wanted, name)},
        )
        for n, step in enumerate(steps):
            fitting = _ordered(step(), order)
            if len(fitting) == 1 and forgiving:
                return Found(fitting[0])
            if fitting:
                return Found(None, tuple(fitting), ambiguous=n < 3 and len(fitting) > 1)
        if not self.alike:
            return Found(None)
        alike = {**dict(words), **names}  # whole names, and the words in them
        close = difflib.get_close_matches(wanted, list(alike), n=10, cutoff=0.7)
        return Found(None, tuple(dict.fromkeys(alike[c] for c in close)))  # the closest first

    def resolve(self, text: str, t: Translator, forgiving: bool = True) -> str:
        """The id the owner means (typed in t's language or another), or a UsageError that says
        which choices come close, by their labels in t's language."""
        found = self.find(text, t, forgiving)
        if found.choice is not None:
            return found.choice
        raise UsageError(self.refusal(str(text).strip(), found, t))

    def refusal(self, raw: str, found: Found, t: Translator) -> Msg:
        shown = [self.label(i, t) for i in found.candidates[:MOST_SHOWN]]
        if found.ambiguous and len(found.candidates) > MOST_SHOWN:
            return Msg("'{text}' fits {n} choices, among them {choices}: type a few more letters.").format(
                text=raw, n=len(found.candidates), choices=", ".join(shown)
            )
        if found.ambiguous:
            return Msg("'{text}' fits more than one: {choices}. Type a few more letters.").format(text=raw, choices=", ".join(shown))
        if shown:
            return Msg("'{text}' is not a {kind} wowcoach knows. Did you mean: {choices}?").format(
                text=raw, kind=Msg(self.kind), choices=", ".join(shown)
            )
        if self.listed_by and len(self.options(t)) > MOST_LISTED:
            return Msg("'{text}' is not a {kind} wowcoach knows: `{command}` shows them all.").format(
                text=raw, kind=Msg(self.kind), command=self.listed_by
            )
        return Msg("'{text}' is not one of: {choices}.").format(text=raw, choices=self.labels(t))


# Yes and no as owners type them: y/yes, j/ja (Dutch, Danish), n/no/nee/nej.
YES = frozenset({"y", "yes", "j", "ja"})
NO = frozenset({"n", "no", "nee", "nej"})


def yes_no(text: str) -> bool | None:
    word = fold(text)
    return True if word in YES else False if word in NO else None


def language_choices() -> Choices:
    """The interface languages by their own names, and their names in the other languages."""
    from wowcoach.languages import LANGUAGES as TABLE

    others = {other: lang.code for lang in TABLE.values() for other in lang.also_called}
    return Choices(lambda t: [(code, TABLE[code].name) for code in LANGUAGES], lambda: others, N_("language"), elsewhere=another_language)


def another_language(text: str) -> bool:
    """A code Babel knows for a language we don't speak: "de", "fr_FR", "sv"."""
    from babel.core import Locale, UnknownLocaleError

    try:
        return Locale.parse(text.strip().replace("-", "_")).language not in LANGUAGES
    except (ValueError, TypeError, UnknownLocaleError):
        return False


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
                # As the question's own hint says it ("In de winkel, online of beide.").
                "in the shop": "shop",
                "in store": "shop",
                "in de winkel": "shop",
                "in butikken": "shop",
                "i butikken": "shop",
                "op internet": "online",
                "på nettet": "online",
            }
        )
        return found

    return Choices(options, words, N_("channel"))


# Everyday words for a shop's sector that its label does not start with, in English, Dutch and
# Danish: what owners call their own shop ("bakkerij", "cykelhandler", "slagerij").
SECTOR_WORDS = {
    "shoe shop": "shoes",
    "shoe store": "shoes",
    "schoenenwinkel": "shoes",
    "schoenwinkel": "shoes",
    "skobutik": "shoes",
    "skotøj": "shoes",
    "clothing": "fashion",
    "clothes": "fashion",
    "kleding": "fashion",
    "kledingwinkel": "fashion",
    "kledingzaak": "fashion",
    "boetiek": "fashion",
    "tøj": "fashion",
    "tøjbutik": "fashion",
    "modebutik": "fashion",
    "bakker": "bakery",
    "bakkerij": "bakery",
    "bakkerswinkel": "bakery",
    "banketbakker": "bakery",
    "bager": "bakery",
    "bagerbutik": "bakery",
    "konditori": "bakery",
    "bookstore": "bookshop",
    "boekwinkel": "bookshop",
    "boekhandel": "bookshop",
    "boghandler": "bookshop",
    "bicycle shop": "bike-shop",
    "cycle shop": "bike-shop",
    "bike store": "bike-shop",
    "fietswinkel": "bike-shop",
    "fietsenwinkel": "bike-shop",
    "fietsenmaker": "bike-shop",
    "fietsenzaak": "bike-shop",
    "rijwielhandel": "bike-shop",
    "cykelbutik": "bike-shop",
    "cykelhandler": "bike-shop",
    "cykelhandel": "bike-shop",
    "cykelsmed": "bike-shop",
    "cykelværksted": "bike-shop",
    "cykelforretning": "bike-shop",
    "cykel": "bike-shop",
    "bloemenwinkel": "florist",
    "bloemenzaak": "florist",
    "blomsterbutik": "florist",
    "blomsterforretning": "florist",
    "blomster": "florist",
    "flower shop": "florist",
    "kapsalon": "hairdresser",
    "barber": "hairdresser",
    "barbershop": "hairdresser",
    "kapper": "hairdresser",
    "frisør": "hairdresser",
    "frisor": "hairdresser",
    "frisørsalon": "hairdresser",
    "supermarket": "grocery",
    "grocer": "grocery",
    "kruidenier": "grocery",
    "buurtsuper": "grocery",
    "supermarked": "grocery",
    "købmand": "grocery",
    "online shop": "web-shop",
    "webshop": "web-shop",
    "webwinkel": "web-shop",
    "netbutik": "web-shop",
    "internetbutik": "web-shop",
    "koffiebar": "cafe",
    "koffiezaak": "cafe",
    "coffee shop": "cafe",
    "kaffebar": "cafe",
    "drogist": "pharmacy",
    "chemist": "pharmacy",
    "speelgoedwinkel": "toys",
    "toy shop": "toys",
    "legetøjsbutik": "toys",
    "dierenspeciaalzaak": "pet-shop",
    "dyrebutik": "pet-shop",
    "brillenwinkel": "optician",
    "brillezaak": "optician",
    "ijssalon": "ice-cream",
    "ijszaak": "ice-cream",
    "isbutik": "ice-cream",
    "ishus": "ice-cream",
    "eatery": "restaurant",
    "sleutelmaker": "repair",
    "schoenmaker": "repair",
    "låsesmed": "repair",
    "skomager": "repair",
    "muziekwinkel": "music",
    "musikforretning": "music",
    "autobedrijf": "garage",
    "autogarage": "garage",
    "mechanic": "garage",
    "butcher's": "butcher",
    "slager": "butcher",
    "slagerij": "butcher",
    "keurslager": "butcher",
    "slagter": "butcher",
    "slagterbutik": "butcher",
    "slagterforretning": "butcher",
    "fishmonger": "food-specialist",
    "fish shop": "food-specialist",
    "cheese shop": "food-specialist",
    "cheesemonger": "food-specialist",
    "deli": "food-specialist",
    "delicatessen": "food-specialist",
    "vishandel": "food-specialist",
    "viswinkel": "food-specialist",
    "kaaswinkel": "food-specialist",
    "kaashandel": "food-specialist",
    "kaasboer": "food-specialist",
    "traiteur": "food-specialist",
    "fiskehandler": "food-specialist",
    "fiskebutik": "food-specialist",
    "ostehandler": "food-specialist",
    "osteforretning": "food-specialist",
    "delikatesse": "food-specialist",
    "delikatesseforretning": "food-specialist",
    "garden center": "garden-centre",
    "nursery": "garden-centre",
    "tuincentrum": "garden-centre",
    "kwekerij": "garden-centre",
    "havecenter": "garden-centre",
    "planteskole": "garden-centre",
    "hardware store": "hardware",
    "hardware shop": "hardware",
    "diy store": "hardware",
    "ironmonger": "hardware",
    "ijzerwaren": "hardware",
    "ijzerwarenwinkel": "hardware",
    "ijzerhandel": "hardware",
    "bouwmarkt": "hardware",
    "doe het zelfzaak": "hardware",
    "klusbedrijf": "hardware",
    "isenkræmmer": "hardware",
    "isenkram": "hardware",
    "byggemarked": "hardware",
    "jernhandel": "hardware",
    "jeweler": "jeweller",
    "jewelry": "jeweller",
    "jewellery": "jeweller",
    "watchmaker": "jeweller",
    "juwelier": "jeweller",
    "goudsmid": "jeweller",
    "edelsmid": "jeweller",
    "horlogemaker": "jeweller",
    "guldsmed": "jeweller",
    "smykkebutik": "jeweller",
    "urmager": "jeweller",
    "sporting goods": "sports",
    "sportswear": "sports",
    "sportwinkel": "sports",
    "sportzaak": "sports",
    "sportartikelen": "sports",
    "sportsbutik": "sports",
    "sportsforretning": "sports",
    "gift store": "gift-shop",
    "souvenir shop": "gift-shop",
    "cadeauwinkel": "gift-shop",
    "cadeauzaak": "gift-shop",
    "kadowinkel": "gift-shop",
    "souvenirwinkel": "gift-shop",
    "gavebutik": "gift-shop",
    "gaveforretning": "gift-shop",
    "brugskunst": "gift-shop",
    "souvenirbutik": "gift-shop",
    "stationer": "gift-shop",
    "hotell": "hotel",
    "b&b": "hotel",
    "pension": "hotel",
    "krant": "media",
    "uitgeverij": "media",
    "forlag": "media",
    "avis": "media",
    "newspaper": "media",
}


def tag_choices(
    tags: Callable[[], dict[str, Any]],
    extra: Callable[[], dict[str, str]] | None = None,
    kind: str = N_("choice"),
    listed_by: str | None = None,
) -> Choices:
    """Sectors or situations of the library: each once (the data's 'other' included), labelled in
    the asker's language; the labels in the other languages and `extra` words count too."""

    def options(t: Translator) -> list[tuple[str, str]]:
        return [(tag_id, tag.label.get(t.lang)) for tag_id, tag in tags().items()]

    def words() -> dict[str, str]:
        found = {tag.label.get(other): tag_id for tag_id, tag in tags().items() for other in LANGUAGES}
        found.update({w: i for w, i in (extra() if extra else {}).items() if i in tags()})
        return found

    return Choices(options, words, kind, listed_by)


def sector_choices(sectors: Callable[[], dict[str, Any]]) -> Choices:
    """A shop's sector by its id, its name in any of our languages or what owners call their shop."""
    return tag_choices(sectors, lambda: SECTOR_WORDS, N_("sector"), "wowcoach cases tags")


def situation_choices(situations: Callable[[], dict[str, Any]], extra: Callable[[], dict[str, str]] | None = None) -> Choices:
    return tag_choices(situations, extra, N_("situation"), "wowcoach cases tags")


def named_choices(items: Callable[[], Any], kind: str = N_("choice"), listed_by: str | None = None) -> Choices:
    """Values or gestures by their name in the asker's language (their names in the others count too)."""
    return Choices(
        lambda t: [(item.id, item.name.get(t.lang)) for item in items()],
        lambda: {item.name.get(other): item.id for item in items() for other in LANGUAGES},
        kind,
        listed_by,
    )


def value_choices(values: Callable[[], Any]) -> Choices:
    return named_choices(values, N_("value"), "wowcoach values list")


def gesture_choices(gestures: Callable[[], Any]) -> Choices:
    return named_choices(gestures, N_("gesture"), "wowcoach plan")
