"""Words and stems for matching text in English, Dutch or Danish without knowing which."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

STEMMER_NAMES = {"en": "english", "nl": "dutch", "da": "danish"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# Words too common in any of the three languages to say anything about a situation.
STOPWORDS = frozenset(
    """
    a an and are as at be but by for from had has have he her his i if in is it its me my no not of on or
    our she so that the their them they this to was we were what when which who will with you your
    customer customers shop store
    de het een en van in is op te dat die voor met zijn er maar om aan ook als bij of naar uit dan nog
    wel geen ze hij zij wij we ik je jij mijn onze hun haar heeft hebben was waren wordt worden kan
    klant klanten winkel
    og i at det en den til er som på de med han af for ikke der var mig sig men et har om vi min
    havde hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev
    kunne ind når være dog noget ville jo deres efter ned skulle denne end dette mit også under have
    kunde kunden kunder butik butikken
    """.split()
)


@lru_cache(maxsize=None)
def _stemmer(lang: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMER_NAMES[lang])


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    return _stemmer(lang).stemWord(word)


def fold(text: str) -> str:
    """Lowercase, and make 'café' and 'cafe' one word; keeps æ, ø and å, which carry meaning."""
    text = text.lower().replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def words(text: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1]


def stems_in(text: str, lang: str) -> list[str]:
    """Stems of the content words of a text written in a known language."""
    return [stem(w, lang) for w in words(text) if w not in STOPWORDS]


def candidate_stems(word: str) -> frozenset[str]:
    """Every stem the word could have when we don't know its language."""
    return frozenset({word, *(stem(word, lang) for lang in STEMMER_NAMES)})
