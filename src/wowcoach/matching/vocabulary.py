"""The multilingual vocabulary: words and phrases ("uitverkocht", "udsolgt", "sold out") that
name a concept or situation tag, found in a text in English, Dutch or Danish."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from os.path import commonpath

from wowcoach.knowledge.schema import Concept
from wowcoach.languages import CODES
from wowcoach.matching.text import STOPWORDS, detect_language, stem, stems_of, words

COMPOUND_MIN = 5  # a stem this long may sit inside a Dutch or Danish compound word
COMPOUND_REST = 4  # ...next to at least this many more letters
PHRASE_GAP = 3  # words allowed between the words of a phrase
MIN_STEM = 4  # shorter stems collide too often (Danish "bil" is both car and cheap)
MIN_PREFIX = 6  # a shared beginning this long, with at most two letters more, is the same word
LANGS = CODES


# A phrase rule is a plain tuple (concept, lang, words, stems): thousands of them are read from
# the index on every start, and plain tuples load several times faster than classes.
PhraseRule = tuple  # (concept: str, lang: str, words: tuple[str, ...], stems: tuple[str, ...])
CONCEPT, LANG, WORDS, STEMS = range(4)


def fits(rule: PhraseRule, k: int, token: str, token_stems: dict[str, str]) -> bool:
    """Word k of the phrase is this token: the same word, the same stem in the phrase's own
    language, or the same long beginning ("forsinkede" and "forsinket").

    Stemmers over-merge, so a stem counts only when it is long and both words really start
    with it: Dutch "jaar" and "jarig" both stem to "jaar", Danish "billigst" and "bilen"
    to "bil"."""
    word = rule[WORDS][k]
    if word == token:
        return True
    stem_ = token_stems.get(rule[LANG])
    if (
        stem_ is not None
        and stem_ == rule[STEMS][k]
        and len(stem_) >= MIN_STEM
        and token.startswith(stem_[:-1])
        and word.startswith(stem_[:-1])
    ):
        return True
    if len(word) < MIN_PREFIX or token[:MIN_PREFIX] != word[:MIN_PREFIX]:
        return False  # the quick test first: this runs for every word of every story
    shared = len(commonpath([word, token]))
    return shared >= len(word) - 2


@dataclass
class Vocabulary:
    concepts: dict[str, Concept]
    by_key: dict[str, list[PhraseRule]] = field(default_factory=dict)  # or store.StoredRules
    singles: dict[str, PhraseRule] = field(default_factory=dict)  # long one-word stem -> rule

    @classmethod
    def build(cls, concepts: list[Concept]) -> Vocabulary:
        vocab = cls({c.id: c for c in concepts})
        index: dict[str, list[PhraseRule]] = defaultdict(list)
        for concept in concepts:
            for lang in LANGS:
                for phrase in getattr(concept, lang):
                    ws = tuple(words(phrase))
                    if not ws:
                        continue
                    rule = (concept.id, lang, ws, tuple(stem(w, lang) for w in ws))
                    for key in {rule[WORDS][0], rule[STEMS][0]}:
                        index[key].append(rule)
                    if len(ws) == 1 and len(rule[STEMS][0]) >= COMPOUND_MIN:
                        vocab.singles.setdefault(rule[STEMS][0], rule)
        vocab.by_key = dict(index)
        return vocab

    def find(self, text: str, lang: str | None = None, phrases: bool = True) -> dict[str, str]:
        return self.find_in(words(text), lang, phrases)

    def find_in(self, toks: list[str], lang: str | None = None, phrases: bool = True) -> dict[str, str]:
        """Concepts named in the text, each with the words that named it.

        `phrases=False` looks at single words (and compounds) only: enough for the topics of a
        story, and several times faster when a library of thousands of stories is indexed.

        Without `lang` the language is guessed from common words; when it can't be told,
        every word is tried with all three stemmers. A one-word phrase never matches a stop
        word: Dutch "die" is not English "die".
        """
        lang = lang or detect_language(toks)
        scope = (lang,) if lang else LANGS
        read_ahead = getattr(self.by_key, "read", None)
        if read_ahead is not None:  # the index's rules (StoredRules): every word's looked up at once
            read_ahead({key for token in dict.fromkeys(toks) for key in (token, *(stem(token, lg) for lg in scope))})
        found: dict[str, str] = {}
        stems: list[dict[str, str]] | None = None
        present: set[str] = set()
        for i, token in enumerate(toks):
            singles, starts = self._analyse(token, scope)
            for concept, surface in singles:
                found.setdefault(concept, surface)
            for rule in starts if phrases else ():
                if rule[CONCEPT] in found:
                    continue
                if stems is None:  # only texts with a possible phrase pay for these
                    stems = [{lang: stem(t, lang) for lang in scope} for t in toks]
                    # Every word, stem and word beginning in the text: a phrase with a word that
                    # is none of these can't match, and is skipped before the word-by-word check.
                    present = set(toks).union(*(d.values() for d in stems))
                    present.update(t[:MIN_PREFIX] for t in toks if len(t) >= MIN_PREFIX)
                if not all(
                    w in present or st in present or w[:MIN_PREFIX] in present
                    for w, st in zip(rule[WORDS][1:], rule[STEMS][1:], strict=False)
                ):
                    continue
                end = _match_rest(rule, toks, stems, i)
                if end is not None:
                    found[rule[CONCEPT]] = " ".join(toks[i : end + 1])
        return found

    def analyse_word(self, toks: list[str], lang: str) -> tuple[list[str], dict[str, str]]:
        """The stems and one-word concepts in one word of a story, as the index (SQLite) splits
        it, then `words` splits it further exactly as it splits any text (`toks`)."""
        return stems_of(toks, lang), self.find_in(toks, lang, phrases=False)

    def _analyse(self, token: str, scope: tuple[str, ...]) -> tuple[tuple[tuple[str, str], ...], tuple[PhraseRule, ...]]:
        """What one word can start: the one-word concepts it names (compounds included) and the
        longer phrases that begin with it. Remembered per word, since a library of thousands of
        stories repeats its words endlessly."""
        key = (token, scope)
        memo = self.__dict__.setdefault("_memo", {})
        if key in memo:
            return memo[key]
        token_stems = {lang: stem(token, lang) for lang in scope}
        singles: list[tuple[str, str]] = []
        phrases: list[PhraseRule] = []
        for k in {token, *token_stems.values()}:
            for rule in self.by_key.get(k, ()):
                # Only the text's own language: Danish "stole" (chairs) is not "stole".
                if rule[LANG] not in scope or not fits(rule, 0, token, token_stems):
                    continue
                if len(rule[WORDS]) > 1:
                    phrases.append(rule)
                elif token not in STOPWORDS:
                    singles.append((rule[CONCEPT], token))
        if len(token) >= COMPOUND_MIN + COMPOUND_REST:
            # Compounds: "bryllupssko" starts with "bryllup", "verjaardagstaart" ends in "taart".
            # The rest must be a word too: "kletsnat" (soaking wet) is not "kletsen" + "nat".
            for cut in range(COMPOUND_MIN, len(token) - COMPOUND_REST + 1):
                for part in (token[:cut], token[-cut:]):
                    single = self.singles.get(part)
                    if single and single[LANG] in scope:
                        singles.append((single[CONCEPT], token))
        memo[key] = result = (tuple(singles), tuple(phrases))
        return result


def _match_rest(rule: PhraseRule, toks: list[str], stems: list[dict[str, str]], start: int) -> int | None:
    """Where a phrase that starts at `start` ends, allowing a few words in between
    ("arrived three days late" is "arrived late"); None when it doesn't match."""
    pos = start
    for k in range(1, len(rule[WORDS])):
        for nxt in range(pos + 1, min(pos + 2 + PHRASE_GAP, len(toks))):
            if fits(rule, k, toks[nxt], stems[nxt]):
                pos = nxt
                break
        else:
            return None
    return pos
