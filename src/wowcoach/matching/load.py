"""The library and a matcher over it, built from the knowledge-base files."""

from __future__ import annotations

from pathlib import Path

from wowcoach.knowledge.loader import load_library, load_vocabulary
from wowcoach.matching.rank import Matcher
from wowcoach.matching.vocabulary import Vocabulary


def load_bundle(cases_paths: list[Path], values_path: Path | None, replace: bool, path: str = ":memory:"):
    """The library and a matcher over it, its index written to `path` (what the cache keeps)."""
    library = load_library(cases_paths, values_path, replace)
    return library, Matcher.build(library, Vocabulary.build(load_vocabulary()), path)
