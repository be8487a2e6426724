"""Which knowledge-base files a run uses (the root options `--cases`, `--values`,
`--replace-cases`), and the matcher over them, opened once per run from the cached index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wowcoach.errors import UsageError
from wowcoach.i18n import Msg

if TYPE_CHECKING:
    from wowcoach.knowledge.library import Library
    from wowcoach.matching.rank import Matcher


@dataclass
class Sources:
    cases: list[Path] = field(default_factory=list)
    values: Path | None = None
    replace: bool = False
    note: Callable[[Msg], None] = field(default=lambda message: None, repr=False)  # told when the cache was rebuilt
    _matcher: Matcher | None = field(default=None, init=False, repr=False)

    def matcher(self, ranking: bool = False) -> Matcher:
        """The matcher over the validated library, from the cached index when it is current.
        `ranking`: the run will rank stories, so the sentence model starts loading meanwhile."""
        from wowcoach.knowledge.files import bundle_files
        from wowcoach.matching.cache import open_index
        from wowcoach.matching.rank import Matcher
        from wowcoach.matching.semantic import model_stamp

        if self.replace and not self.cases:
            raise UsageError(Msg("--replace-cases needs at least one --cases FILE."))
        if self._matcher is None:
            cases, values, replace = list(self.cases), self.values, self.replace

            def build(path: str) -> Matcher:
                from wowcoach.matching.load import load_bundle  # reading and checking files only when rebuilding

                return load_bundle(cases, values, replace, path)[1]

            key = f"replace={replace};model={model_stamp()}"
            self._matcher = open_index(bundle_files(cases, values), build, Matcher.open, extra=key, note=self.note)
        if ranking:
            # Once the index is open or built (not beside a build, whose memory it would add to):
            # the model loads while an interview asks its questions and the words rank.
            self._matcher.load_embedder_soon()
        return self._matcher

    @property
    def library(self) -> Library:
        return self.matcher().library
