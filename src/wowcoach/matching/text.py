"""Words and stems for matching text in English, Dutch or Danish without knowing which."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from wowcoach.languages import LANGUAGES

STEMMER_NAMES = {lang.code: lang.stemmer for lang in LANGUAGES.values()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
NUMBER = "00"  # every number is one word, so "turns 90" and "wordt 80" read alike
# Words too common in each language to say anything about a situation. They also tell which
# language a text is in, so its words are stemmed by the right stemmer.
STOP = {
    "en": frozenset(
        [
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "but",
            "by",
            "for",
            "from",
            "had",
            "has",
            "have",
            "he",
            "her",
            "his",
            "i",
            "if",
            "in",
            "is",
            "it",
            "its",
            "me",
            "my",
            "no",
            "not",
            "of",
            "on",
            "or",
            "our",
            "she",
            "so",
            "that",
            "the",
            "their",
            "them",
            "they",
            "this",
            "to",
            "was",
            "we",
            "were",
            "what",
            "when",
            "which",
            "who",
            "will",
            "with",
            "you",
            "your",
            "customer",
            "customers",
            "shop",
            "store",
            "about",
            "after",
            "again",
            "all",
            "also",
            "am",
            "any",
            "back",
            "because",
            "been",
            "before",
            "being",
            "both",
            "came",
            "can",
            "come",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "done",
            "down",
            "each",
            "even",
            "every",
            "few",
            "get",
            "gets",
            "getting",
            "got",
            "go",
            "goes",
            "going",
            "gone",
            "how",
            "into",
            "just",
            "know",
            "last",
            "like",
            "made",
            "make",
            "many",
            "more",
            "most",
            "much",
            "must",
            "need",
            "needs",
            "new",
            "now",
            "off",
            "one",
            "only",
            "other",
            "out",
            "over",
            "really",
            "said",
            "same",
            "say",
            "says",
            "see",
            "should",
            "since",
            "some",
            "still",
            "such",
            "take",
            "than",
            "then",
            "there",
            "these",
            "thing",
            "things",
            "think",
            "those",
            "through",
            "told",
            "too",
            "two",
            "under",
            "until",
            "up",
            "very",
            "want",
            "wanted",
            "wants",
            "way",
            "well",
            "went",
            "where",
            "while",
            "why",
            "would",
            "yes",
            "yesterday",
            "today",
            "week",
            "weeks",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "in",
            "is",
            "op",
            "te",
            "dat",
            "die",
            "voor",
            "met",
            "zijn",
            "er",
            "maar",
            "om",
            "aan",
            "ook",
            "als",
            "bij",
            "of",
            "naar",
            "uit",
            "dan",
            "nog",
            "wel",
            "geen",
            "ze",
            "hij",
            "zij",
            "wij",
            "we",
            "ik",
            "je",
            "jij",
            "mijn",
            "onze",
            "hun",
            "haar",
            "heeft",
            "hebben",
            "was",
            "waren",
            "wordt",
            "worden",
            "kan",
            "klant",
            "klanten",
            "winkel",
            "al",
            "alle",
            "alles",
            "altijd",
            "andere",
            "bijna",
            "daar",
            "daarna",
            "dag",
            "dagen",
            "deze",
            "dit",
            "doen",
            "door",
            "even",
            "gaan",
            "gaat",
            "gedaan",
            "gehad",
            "gekregen",
            "geweest",
            "gisteren",
            "graag",
            "had",
            "hadden",
            "heb",
            "hem",
            "hier",
            "hoe",
            "iets",
            "iemand",
            "jullie",
            "kon",
            "konden",
            "komen",
            "kwam",
            "laatste",
            "maken",
            "meer",
            "men",
            "moet",
            "moest",
            "moeten",
            "na",
            "net",
            "niets",
            "nieuwe",
            "nu",
            "omdat",
            "ons",
            "onze",
            "over",
            "sinds",
            "steeds",
            "toch",
            "toen",
            "tot",
            "vandaag",
            "veel",
            "vorige",
            "week",
            "wilde",
            "willen",
            "wil",
            "wilden",
            "zegt",
            "zei",
            "zo",
            "zou",
            "zouden",
        ]
    ),
    "da": frozenset(
        [
            "og",
            "i",
            "at",
            "det",
            "en",
            "den",
            "til",
            "er",
            "som",
            "på",
            "de",
            "med",
            "han",
            "af",
            "for",
            "ikke",
            "der",
            "var",
            "mig",
            "sig",
            "men",
            "et",
            "har",
            "om",
            "vi",
            "min",
            "havde",
            "hun",
            "nu",
            "over",
            "da",
            "fra",
            "du",
            "ud",
            "sin",
            "dem",
            "os",
            "op",
            "man",
            "hans",
            "hvor",
            "eller",
            "hvad",
            "skal",
            "selv",
            "her",
            "alle",
            "vil",
            "blev",
            "kunne",
            "ind",
            "når",
            "være",
            "noget",
            "ville",
            "jo",
            "deres",
            "efter",
            "ned",
            "skulle",
            "denne",
            "end",
            "dette",
            "mit",
            "også",
            "under",
            "have",
            "kunde",
            "kunden",
            "kunder",
            "butik",
            "butikken",
            "alt",
            "altid",
            "andre",
            "bare",
            "blive",
            "bliver",
            "dag",
            "dage",
            "disse",
            "fik",
            "fandt",
            "findes",
            "fordi",
            "fortalte",
            "får",
            "gik",
            "godt",
            "hele",
            "hos",
            "hvis",
            "hvordan",
            "igen",
            "kan",
            "kom",
            "komme",
            "kommer",
            "lidt",
            "lige",
            "meget",
            "mere",
            "mange",
            "måske",
            "ny",
            "nye",
            "nogle",
            "nok",
            "også",
            "sagde",
            "sidste",
            "siden",
            "stadig",
            "så",
            "tage",
            "tog",
            "uge",
            "ugen",
            "ved",
            "vores",
            "været",
        ]
    ),
}
# Negations and more of the commonest function words. They say nothing about a situation on
# their own: never a word of the vocabulary that triggers a tag by itself, never a "word in
# common" ("niet meer" is no longer, not sold out).
_FUNCTION_WORDS = {
    "en": "never nothing nobody none anymore don't didn't doesn't won't can't cannot isn't wasn't aren't haven't hasn't "
    "hadn't couldn't wouldn't shouldn't i'm i've i'd i'll it's we're we've we'd they're here also ever every",
    "nl": "niet nooit niemand niks nergens geen elk elke ieder iedere wat waar wie welk welke zich mij me jou jouw u uw "
    "dus want mag kunnen zal zullen echt heel erg zelf nou eens weer nee ja mee zonder tegen",
    "da": "jeg dig ham hende jer sit sine mine din dit dine aldrig ingen intet ingenting nogen hver hvert hvem hvilken "
    "hvilke nej ja vel må helt allerede endnu ellers mest",
}
STOP = {lang: ws | frozenset(_FUNCTION_WORDS[lang].split()) for lang, ws in STOP.items()}
STOPWORDS = STOP["en"] | STOP["nl"] | STOP["da"]


@cache
def _stemmer(lang: str):
    """One language's Snowball stemmer, from PyStemmer: the Snowball project's own C code, about a
    hundred times faster than the pure-Python port, which matters when a library of thousands
    of stories is indexed."""
    import Stemmer

    return Stemmer.Stemmer(STEMMER_NAMES[lang])


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    return _stemmer(lang).stemWord(word)


# Accents that only decorate (café, geïrriteerd, financiële); æ, ø and å are letters of their own.
_PLAIN = str.maketrans("áàâäãéèêëíìîïóòôöõúùûüýÿçñ", "aaaaaeeeeiiiiooooouuuuyycn")


def fold(text: str) -> str:
    """Lowercase, and make 'café' and 'cafe' one word; keeps æ, ø and å, which carry meaning."""
    return unicodedata.normalize("NFC", text).lower().replace("’", "'").translate(_PLAIN)


_DIGIT = re.compile(r"\d")


def words(text: str) -> list[str]:
    """The words of a text, lower-cased and folded (`fold`), each number one word (NUMBER)."""
    if text.isascii():
        # One plain word or number, as most of the stories' words are when the index splits
        # them one by one: what `split_words` makes of it, in a fraction of the time.
        if text.isalpha():
            return [text.lower()] if len(text) > 1 else []
        if text.isdigit():
            return [NUMBER]
    return split_words(text)


def split_words(text: str) -> list[str]:
    """`words`, for any text."""
    # "customer's" is "customer"; the Danish "kundens" is left to the stemmer.
    found = _WORD.findall(fold(text))
    if _DIGIT.search(text) is None:  # most texts: no numbers to fold into one word
        return [w.removesuffix("'s") for w in found if len(w) > 1]
    return [NUMBER if w.isdigit() else w.removesuffix("'s") for w in found if len(w) > 1 or w.isdigit()]


def stems_of(tokens: list[str], lang: str) -> list[str]:
    """Stems of the content words among a text's words, in a known language."""
    return [stem(w, lang) for w in tokens if w not in STOPWORDS]


def candidate_stems(word: str) -> frozenset[str]:
    """Every stem the word could have when we don't know its language."""
    return frozenset({word, *(stem(word, lang) for lang in STEMMER_NAMES)})


def detect_language(tokens: list[str], stop: dict[str, frozenset[str]] = STOP) -> str | None:
    """The language whose common words (`stop`) the text uses most; None when it is too short to tell."""
    counts = {lang: sum(t in stop[lang] for t in tokens) for lang in stop}
    best = max(counts, key=counts.__getitem__)
    others = max(v for k, v in counts.items() if k != best)
    return best if counts[best] >= 2 and counts[best] > others else None
