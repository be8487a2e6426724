"""The knowledge base: the shape of its files, checked by msgspec, and the objects the program uses.

One set of types does both. msgspec checks a file (types, required languages, known levels,
unknown keys) while it builds these frozen structs, in C: a consultant's library of ten thousand
stories is read and checked in a fraction of a second, and the structs go into the cache and
come back without any conversion. The loader checks what spans entries (unique ids, references
between files). `gc=False`: the structs form no cycles, so the garbage collector need not track
the hundreds of thousands a large library makes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal, Union

from msgspec import Meta, Raw, Struct
from msgspec.structs import force_setattr

from wowcoach.i18n import N_
from wowcoach.languages import CODES

# The checks below raise ValueError, which msgspec turns into text; schema_errors reads these
# English templates back into a message in the reader's language.
BLANK = N_("must not be blank")
NO_ADDRESS = N_("give the article's web address, or for a book its author")
A_PLACEHOLDER = N_("'{words}' is a placeholder: give the real name or title, as published")
LISTED_TWICE = N_("the same situation is listed twice: {cue}")
OUT_OF_RANGE = N_("must be between 0 and {high}")
OWN_CHECKS = (BLANK, NO_ADDRESS, A_PLACEHOLDER, LISTED_TWICE, OUT_OF_RANGE)

CostLevel = Literal["free", "low", "medium", "high"]
Channel = Literal["shop", "online", "phone", "social", "any"]
WowId = Literal["unconventional", "unexpected", "emotional", "solves-a-problem", "exceeds-expectations"]

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, Meta(pattern=ID_PATTERN, max_length=80)]
# A reference to an id the loader knows (a value, sector or situation tag). The loader checks it
# against those ids, which already have the form of an Id; no pattern to test here, thousands of times.
Ref = Annotated[str, Meta(min_length=1, max_length=80)]
NonEmpty = Annotated[str, Meta(min_length=1, max_length=5000, pattern=r"\S")]
Lines = Annotated[str, Meta(max_length=5000)]  # Text strips these and refuses a blank one


class FileEntry(Struct, frozen=True, forbid_unknown_fields=True, gc=False):
    """An entry of a data file. Unknown keys are mistakes (a typo such as `lesson_nl`), not
    extensions. Entries are made from files by name; `kw_only` lets an optional field sit where
    the file format has it. Each subclass says `frozen=True` again: msgspec inherits it, type
    checkers read every class's own options."""


class Text(FileEntry, frozen=True):
    """A text a user reads, in every language we support."""

    en: Lines
    nl: Lines
    da: Lines

    def __post_init__(self) -> None:
        # YAML's block style (`|`) ends a text with a newline; a blank text is a mistake. The
        # quick test first: strip() returns the very same string when there is nothing to strip.
        en, nl, da = self.en, self.nl, self.da
        if en and nl and da and en.strip() is en and nl.strip() is nl and da.strip() is da:
            return
        for lang in CODES:
            value = getattr(self, lang)
            if not value.strip():
                raise ValueError(f"{lang}: {BLANK}")
            force_setattr(self, lang, value.strip())

    def get(self, lang: str) -> str:
        return getattr(self, lang, self.en)


# A name or a short text: one string when it reads the same in every language ("Zappos", "42"),
# or one per language when it has words in it ("11 days", "NS (Dutch Railways)").
Words = Union[NonEmpty, Text]  # noqa: UP007 - a runtime value for msgspec on Python 3.10


def in_language(words: str | Text, lang: str) -> str:
    return words if isinstance(words, str) else words.get(lang)


class Tag(FileEntry, frozen=True):
    id: Id
    label: Text


class Idea(FileEntry, frozen=True):
    cost: CostLevel
    text: Text
    # The sectors an idea is written for ("keep a tray of spare valve caps" is a bike shop's);
    # empty for an idea any shop can use. Shown "for your shop" only to those sectors.
    sectors: tuple[Ref, ...] = ()


class Figure(FileEntry, frozen=True):
    value: Words
    label: Text


# Words that mark a stand-in for a source rather than the source itself ("no headline in the
# saved copy", "name not given", "Report on ..."): a reader could not find the story from them.
_PLACEHOLDERS = (
    *("no headline", "not given", "saved copy", "placeholder", "unknown", r"\btodo\b", r"\btbd\b", r"\bn/a\b", r"\?\?"),
    *(r"^report on\b", r"\(book\)", "lorem ipsum", r"\.\.\.", "…"),
)
PLACEHOLDER = re.compile("|".join(_PLACEHOLDERS), re.IGNORECASE)
# What each of them spells, without its anchors: a text in plain ASCII holding none of these,
# lower-cased, has no placeholder. Looking for them takes a tenth of the time the expression
# takes, and a library of thousands of stories has thousands of sources.
_PLACEHOLDER_TEXTS = tuple(re.sub(r"\\b|\^|\\", "", p) for p in _PLACEHOLDERS)


def has_placeholder(text: str) -> re.Match[str] | None:
    """Where `text` has a placeholder, if it has one."""
    if text.isascii():
        lower = text.lower()
        if not any(words in lower for words in _PLACEHOLDER_TEXTS):
            return None
    return PLACEHOLDER.search(text)


class Source(FileEntry, frozen=True, kw_only=True):
    """Where a reader can check the story: an article (publisher, headline, address) or a book
    (author and title; `publication` is then its publisher)."""

    author: NonEmpty | None = None
    publication: Words  # a descriptor in it is in each language: "Warby Parker (company website)"
    title: NonEmpty
    language: Annotated[str, Meta(pattern=r"^[a-z]{2}$")]
    year: Annotated[int, Meta(ge=1800, le=2100)] | None = None
    url: Annotated[str, Meta(pattern=r"^https?://\S+$")] | None = None

    def __post_init__(self) -> None:
        if self.url is None and self.author is None:
            raise ValueError(f"url: {NO_ADDRESS}")
        for field in ("publication", "title", "author"):
            value = getattr(self, field)
            texts = [value] if isinstance(value, str) else [] if value is None else [value.en, value.nl, value.da]
            for text in texts:
                if m := has_placeholder(text):
                    raise ValueError(f"{field}: " + A_PLACEHOLDER.format(words=m[0]))


# One sentence in a shop owner's words: "A customer's husband died and she cancelled his cake."
Cue = Annotated[str, Meta(min_length=10, max_length=300, pattern=r"^[^\n]*\S[^\n]*$")]
CUES_PER_LANGUAGE = 5
Cues = Annotated[tuple[Cue, ...], Meta(min_length=CUES_PER_LANGUAGE, max_length=30)]


class AppliesWhen(FileEntry, frozen=True):
    """When a story applies: moments as owners of all kinds of shops describe them, per
    language. Matching reads them; they are never shown as the story's own words."""

    en: Cues
    nl: Cues
    da: Cues

    def __post_init__(self) -> None:
        everything = (*self.en, *self.nl, *self.da)
        if len(set(map(str.casefold, everything))) == len(everything):
            return  # the quick test first: a library of thousands of stories passes here
        seen: set[str] = set()
        for lang in CODES:
            for cue in getattr(self, lang):
                if cue.casefold() in seen:
                    raise ValueError(f"{lang}: " + LISTED_TWICE.format(cue=cue))
                seen.add(cue.casefold())

    def get(self, lang: str) -> tuple[str, ...]:
        return getattr(self, lang, self.en)


def _check_amount(field: str, value: Decimal, high: int) -> None:
    # Reported as "field: message", which schema_errors reads as the field's own problem.
    if not value.is_finite() or not 0 <= value <= high:
        raise ValueError(f"{field}: " + OUT_OF_RANGE.format(high=high))


class Amount(FileEntry, frozen=True):
    amount: Decimal
    currency: Annotated[str, Meta(pattern=r"^[A-Z]{3}$")]

    def __post_init__(self) -> None:
        _check_amount("amount", self.amount, 1_000_000_000)


class Case(FileEntry, frozen=True, kw_only=True):
    id: Id
    company: Words
    sectors: Annotated[tuple[Ref, ...], Meta(min_length=1)]
    channel: Channel
    situations: Annotated[tuple[Ref, ...], Meta(min_length=1)]
    title: Text
    story: Text
    lesson: Text
    applies_when: AppliesWhen
    values: Annotated[tuple[Ref, ...], Meta(min_length=1)]
    wow: Annotated[tuple[WowId, ...], Meta(min_length=1)]
    cost: CostLevel
    typical_amount: Amount | None = None
    ideas: Annotated[tuple[Idea, ...], Meta(min_length=2)]
    figures: tuple[Figure, ...] = ()
    source: Source


class CasesFile(FileEntry, frozen=True):
    version: Literal[1] = 1
    situations: tuple[Tag, ...] = ()
    sectors: tuple[Tag, ...] = ()
    cases: tuple[Case, ...] = ()


class CasesOutline(FileEntry, frozen=True, kw_only=True):
    """A JSON cases file with its cases left as read: `case_stream` decodes each in its turn."""

    version: Literal[1] = 1
    situations: tuple[Tag, ...] = ()
    sectors: tuple[Tag, ...] = ()
    cases: tuple[Raw, ...] = ()


class Question(FileEntry, frozen=True):
    id: Id
    text: Text


class Value(FileEntry, frozen=True):
    id: Id
    number: Annotated[int, Meta(ge=1, le=99)]
    name: Text
    meaning: Text
    questions: Annotated[tuple[Question, ...], Meta(min_length=4)]
    actions: Annotated[tuple[Text, ...], Meta(min_length=1)]


class WowCriterion(FileEntry, frozen=True):
    id: WowId
    name: Text
    description: Text


class ValuesFile(FileEntry, frozen=True, kw_only=True):
    version: Literal[1] = 1
    wow_criteria: Annotated[tuple[WowCriterion, ...], Meta(min_length=5, max_length=5)]
    principle: Text
    values: Annotated[tuple[Value, ...], Meta(min_length=1)]


# A gesture for every sector ("a handwritten card") names this instead of a sector.
ANY_SECTOR = "any"
# Where a gesture can be made: at the counter, or with an order sent out.
GestureChannel = Literal["shop", "online"]


class Gesture(FileEntry, frozen=True, kw_only=True):
    """Something staff can do to surprise a customer, with what it typically costs; for which
    sectors (`any` for every shop) and where it can be made (in the shop, with an order sent)."""

    id: Id
    name: Text
    description: Text
    sectors: Annotated[tuple[Ref, ...], Meta(min_length=1)]
    channels: Annotated[tuple[GestureChannel, ...], Meta(min_length=1)]
    cost_eur: Decimal
    effort: Literal["low", "medium", "high"]
    kind: Literal["emotional", "monetary"]
    weaker: bool = False  # discounts and vouchers: a weaker WOW than service and emotion
    wow: Annotated[tuple[WowId, ...], Meta(min_length=1)]
    values: tuple[Ref, ...] = ()

    def __post_init__(self) -> None:
        _check_amount("cost_eur", self.cost_eur, 10_000)


class GesturesFile(FileEntry, frozen=True, kw_only=True):
    version: Literal[1] = 1
    gestures: Annotated[tuple[Gesture, ...], Meta(min_length=1)]
    review_questions: tuple[Text, ...] = ()


Phrase = Annotated[str, Meta(min_length=2, max_length=60, pattern=r"^\S(.*\S)?$")]


Example = Annotated[str, Meta(min_length=10, max_length=300, pattern=r"^\S(.*\S)?$")]


class Examples(FileEntry, frozen=True):
    en: tuple[Example, ...] = ()
    nl: tuple[Example, ...] = ()
    da: tuple[Example, ...] = ()


class Concept(FileEntry, frozen=True):
    """Words in three languages that mean one thing, and the situation tags they point to.

    A concept with `coached: false` names what wowcoach does not coach (the rent, VAT, a
    shoplifter): never a topic a story shares, it tells the scorer that no story may fit, by its
    words and by its example questions' meaning."""

    id: Id
    tags: tuple[Id, ...] = ()
    weight: Annotated[float, Meta(gt=0, le=1.0)] = 1.0  # below 1 for broad words ("staff")
    values: tuple[Id, ...] = ()  # core values the words point to ("bored": fun)
    en: tuple[Phrase, ...] = ()
    nl: tuple[Phrase, ...] = ()
    da: tuple[Phrase, ...] = ()
    coached: bool = True
    examples: Examples = Examples()


class VocabularyFile(FileEntry, frozen=True, kw_only=True):
    version: Literal[1] = 1
    concepts: Annotated[tuple[Concept, ...], Meta(min_length=1)]
