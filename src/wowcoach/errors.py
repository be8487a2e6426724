"""The errors the core raises. The CLI turns each into one clear message and an exit code.

Exit codes (documented in docs/cli.md):
  0  success
  1  a problem with the user's data or environment (a broken file, a missing ledger...)
  2  bad usage: an unknown option or an invalid value on the command line
  130 stopped by the user (Ctrl-C)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from wowcoach.i18n import Msg, Translator

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class WowcoachError(Exception):
    """Base of every error meant for the user; the message says what to do. It is a `Msg`
    where the code raising it does not know the reader's language (`str()` is English)."""

    exit_code = EXIT_DATA

    def __init__(self, message: str | Msg) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.message)

    def translate(self, t: Translator) -> str:
        return t(self.message) if not isinstance(self.message, str) else self.message


class UserError(WowcoachError):
    """A problem with the user's data or environment."""


class UsageError(WowcoachError):
    """A command-line value that cannot be used."""

    exit_code = EXIT_USAGE


class Problem(NamedTuple):
    """One thing wrong in a data file, located as precisely as we can."""

    file: str
    message: str | Msg
    entry: str | None = None  # the id of the entry, when the problem is inside one
    field: str | None = None  # dotted path inside the entry, e.g. "story.nl"
    line: int | None = None  # 1-based line in the file

    def __str__(self) -> str:
        return self.where() + f": {self.message}"

    def where(self) -> str:
        parts = [self.file + (f":{self.line}" if self.line else "")]
        if self.entry:
            parts.append(self.entry)
        if self.field:
            parts.append(self.field)
        return ": ".join(parts)

    def translate(self, t: Translator) -> str:
        return self.where() + ": " + (self.message if isinstance(self.message, str) else t(self.message))


MAX_PROBLEMS_SHOWN = 20


class DataError(UserError):
    """A data file that cannot be used; carries one Problem per thing wrong. The first 20 are
    shown, then how many more there are: a file with 100,000 unknown keys is one screen."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(self._lines(str, str)))

    def translate(self, t: Translator) -> str:
        return "\n".join(self._lines(lambda p: p.translate(t), t))

    def _lines(self, show, say) -> list[str]:
        from wowcoach.i18n import Msg

        lines = [show(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        if more > 0:
            lines.append(say(Msg.plural("… and {n} more problem.", "… and {n} more problems.", more).format(n=more)))
        return lines
