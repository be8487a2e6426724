"""What the cached index keeps besides its tables: the library without its cases, the vocabulary
without its per-word rules, and the figures ranking needs, as typed MessagePack.

The cache folder is writable by anything that runs as the user, so nothing read from it may run
code: msgspec decodes plain data into these types and checks it on the way, and a file that does
not decode is a damaged index, rebuilt.
"""

from __future__ import annotations

import msgspec

from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import Concept, Gesture, Tag, Text, Value, WowCriterion

# A phrase rule of the vocabulary: (concept, language, words, stems); see vocabulary.py.
Rule = tuple[str, str, tuple[str, ...], tuple[str, ...]]


class LibraryHeader(msgspec.Struct, frozen=True):
    """A library's lists and texts; its cases live in the index's own tables."""

    values: tuple[Value, ...]
    situations: dict[str, Tag]
    sectors: dict[str, Tag]
    wow_criteria: tuple[WowCriterion, ...]
    principle: Text
    gestures: tuple[Gesture, ...]
    review_questions: tuple[Text, ...]

    @classmethod
    def of(cls, library: Library) -> LibraryHeader:
        return cls(
            library.values,
            library.situations,
            library.sectors,
            library.wow_criteria,
            library.principle,
            library.gestures,
            library.review_questions,
        )

    def library(self) -> Library:
        """A library without cases in memory: the caller attaches the index that holds them."""
        return Library(
            None,
            self.values,
            self.situations,
            self.sectors,
            self.wow_criteria,
            self.principle,
            self.gestures,
            self.review_questions,
        )


class Header(msgspec.Struct, frozen=True):
    library: LibraryHeader
    concepts: dict[str, Concept]
    singles: dict[str, Rule]  # long one-word stem -> rule (Vocabulary.singles)
    tag_weight: dict[str, float]
    n: int  # cases in the index
    lengths: dict[str, bytes]  # words per case and language, packed floats, for BM25
    vector_model: str | None  # the sentence model's fingerprint; None without vectors
    not_coached: dict[str, list[int]]  # language -> vector ids of the questions wowcoach does not coach
    files: list[str]  # the JSON files the cases are read from (the index keeps where each case is)


def encode(header: Header) -> bytes:
    return msgspec.msgpack.encode(header)


def decode(data: bytes) -> Header:
    """The header, checked; msgspec.DecodeError or ValidationError for anything else."""
    return msgspec.msgpack.decode(data, type=Header)


def encode_rules(rules: list) -> bytes:
    return msgspec.msgpack.encode(rules)


def decode_rules(data: bytes) -> list[Rule]:
    return msgspec.msgpack.decode(data, type=list[Rule])
