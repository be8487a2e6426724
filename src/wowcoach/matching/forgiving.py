"""Words as owners type them: one spelling for the ways a letter is typed around, parts of
compound words, and near-misses of known words.

"foer" and "før", "aeldre" and "ældre", "naaede" and "nåede", "wy" and "wij", "cafe" and "café"
all become one form before they are stemmed, in the stories and in what an owner types alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache

from wowcoach.languages import LANGUAGES
from wowcoach.matching.text import STOP, stem

# Danish letters as they are typed on a keyboard without them, and the Dutch "ij" typed as "y".
_LETTERS = (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ij", "y"))
COMPOUND_PART = 4  # the shortest first part of a compound word that counts as a word of its own
COMPOUND_TAIL = 3  # the shortest last part: "bryllups-sko", "bruids-jurk"
COMPOUND_WORD = 9  # the shortest word that is split
LINKS = ("", "s", "e", "en")  # what joins the parts: "verjaardag-s-taart", "brudekjole", "pannen-koek"
TYPO_MIN = 5  # shorter words have too many neighbours one letter away


def plain(word: str) -> str:
    """One spelling for a word already lower-cased and stripped of decorative accents
    (`text.words` does that); æ, ø, å and ij become what people type for them."""
    for letter, typed in _LETTERS:
        if letter in word:
            word = word.replace(letter, typed)
    return word


STOP_PLAIN = {lang: frozenset(plain(w) for w in ws) for lang, ws in STOP.items()}


@lru_cache(maxsize=200_000)
def term(word: str, lang: str) -> str:
    """The lexical term of a word (lower-cased, as `text.words` gives it) in a language."""
    return stem(plain(word), lang)


def split_compound(word: str, known: Callable[[str], bool]) -> tuple[str, str] | None:
    """The two words a long Dutch or Danish word is made of ("bruidsschoenen": "bruid",
    "schoenen"), when both are `known`; the longest last part wins, as it carries the meaning."""
    if len(word) < COMPOUND_WORD:
        return None
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        if not known(tail):
            continue
        for link in LINKS:
            if link and not head.endswith(link):
                continue
            first = head[: len(head) - len(link)] if link else head
            if len(first) >= COMPOUND_PART and known(first):
                return first, tail
    return None


def content_word(word: str, lang: str) -> bool:
    return len(word) > 2 and word not in STOP[lang] and plain(word) not in STOP_PLAIN[lang]


def lexical_terms(toks: list[str], lang: str, known: set[str] | frozenset[str]) -> list[str]:
    """The terms a word of a story (as the full-text index splits it, then `text.words`: `toks`)
    carries: its own, and in Dutch and Danish those of the two words it is made of, so
    "bryllupsskoene" is found by "sko" and "bryllup". `known`: the words of the stories in that
    language."""
    found = []
    for word in toks:
        if not content_word(word, lang):
            continue
        found.append(term(word, lang))
        if LANGUAGES[lang].compounds:
            parts = split_compound(word, known.__contains__)
            if parts:
                found += [term(p, lang) for p in parts if content_word(p, lang)]
    return found


def one_typo_variants(word: str, letters: Iterable[str]) -> set[str]:
    """The word itself and every word one typo from it that is spelled with `letters`: one
    letter left out, put in, changed, or two neighbours swapped (what `one_typo_apart` allows).
    Looked up in the stories' terms, with their letters, this finds every term one typo away."""
    letters = tuple(letters)
    heads_tails = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {word}
    for head, tail in heads_tails:
        for c in letters:
            found.add(head + c + tail)
        if tail:
            rest = tail[1:]
            found.add(head + rest)
            for c in letters:
                found.add(head + c + rest)
            if rest:
                found.add(head + rest[0] + tail[0] + rest[1:])
    return found


def one_typo_apart(a: str, b: str) -> bool:
    """One letter wrong, missing, extra, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
