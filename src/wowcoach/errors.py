"""The errors the core raises. The CLI turns each into one clear message and an exit code.

Exit codes (documented in the README):
  0  success
  1  a problem with the user's data or environment (a broken file, a missing ledger...)
  2  bad usage: an unknown option or an invalid value on the command line
  130 stopped by the user (Ctrl-C)
"""

from __future__ import annotations

from typing import NamedTuple

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class WowcoachError(Exception):
    """Base of every error meant for the user; the message says what to do."""

    exit_code = EXIT_DATA


class UserError(WowcoachError):
    """A problem with the user's data or environment."""


class UsageError(WowcoachError):
    """A command-line value that cannot be used."""

    exit_code = EXIT_USAGE


class Problem(NamedTuple):
    """One thing wrong in a data file, located as precisely as we can."""

    file: str
    message: str
    entry: str | None = None  # the id of the entry, when the problem is inside one
    field: str | None = None  # dotted path inside the entry, e.g. "story.nl"
    line: int | None = None  # 1-based line in the file

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts) + f": {self.message}"


class DataError(UserError):
    """A data file that cannot be used; carries one Problem per thing wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
