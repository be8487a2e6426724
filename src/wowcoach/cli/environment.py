"""What the command line needs to know about the run: its translator, whether colour is
wanted, and where output goes. Made once by the entry point (`cli.launch.main`, or the root
command when the app is invoked directly, as tests do) and handed down, like httpie's
`Environment`.

The run speaks one language at a time, `t`: from --lang or the locale, and the profile's once a
command has read it (`use_language`). The core is given the language or translator it needs.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from typing import TYPE_CHECKING, TextIO

from wowcoach.i18n import Msg, Translator, language_from_env, language_of, translator

if TYPE_CHECKING:
    from rich.console import Console


class Environment:
    def __init__(self, lang: str | None = None, color: bool | None = None, stdin_isatty: bool | None = None) -> None:
        self.t: Translator = translator(lang or language_from_env())
        # --no-color or NO_COLOR: no escape codes at all, not even bold.
        self.color = not os.environ.get("NO_COLOR") if color is None else color
        self._isatty = stdin_isatty
        self._consoles: dict[bool, Console] = {}
        self.verbose = False  # --verbose: ids and scores in the terminal views too

    @property
    def lang(self) -> str:
        return self.t.lang

    def use_language(self, lang: str | None) -> Translator:
        """Speak `lang` from now on (unknown codes mean English); returns its translator."""
        self.t = translator(lang)
        return self.t

    def choose_language(self, flag: str | None) -> str:
        """--lang, then WOWCOACH_LANG and the locale variables, then English."""
        return self.use_language(language_of(flag) if flag else language_from_env()).lang

    def no_color(self) -> None:
        self.color = False
        self._consoles.clear()

    @property
    def stdin_isatty(self) -> bool:
        if self._isatty is not None:
            return self._isatty
        try:
            return sys.stdin is not None and sys.stdin.isatty()
        except ValueError:  # closed
            return False

    @property
    def stdout(self) -> TextIO:
        return sys.stdout  # read at each use: a test runner swaps it per run

    @property
    def stdout_is_terminal(self) -> bool:
        try:
            return self.stdout.isatty()
        except (ValueError, AttributeError):  # closed, or not a real stream
            return False

    @property
    def console(self) -> Console:
        return self._console(stderr=False)

    @property
    def err_console(self) -> Console:
        return self._console(stderr=True)

    def _console(self, stderr: bool) -> Console:
        if stderr not in self._consoles:
            plain = not self.color
            self._consoles[stderr] = _console_class()(
                stderr=stderr, no_color=plain or None, color_system=None if plain else "auto", highlight=False
            )
        return self._consoles[stderr]

    def discard_stdout(self) -> None:
        """The reader of stdout has gone: send the rest (and the flush at exit) nowhere."""
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stdout.fileno())
        except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
            pass

    def note(self, message: str | Msg) -> None:
        """A side note on stderr (what was saved or written), never mixed into the output; it
        may name a user's file, so it is cleaned like everything else."""
        from wowcoach.textclean import clean

        with contextlib.suppress(OSError):  # stderr on a full disk: the note is lost, the command goes on
            sys.stderr.write(clean(self.t(message) if isinstance(message, Msg) else message) + "\n")
            sys.stderr.flush()

    def error(self, message: str | Msg) -> None:
        """A message the user can act on: one line (or one per problem) in red on stderr."""
        from rich.console import Console
        from rich.text import Text

        from wowcoach.textclean import clean

        text = self.t(message) if isinstance(message, Msg) else message
        with contextlib.suppress(OSError):  # nowhere to say it: the exit code still does
            Console(stderr=True, highlight=False, soft_wrap=True, color_system="auto" if self.color else None).print(
                Text(clean(text), style="red")
            )

    def __repr__(self) -> str:
        return f"Environment(lang={self.t.lang!r}, color={self.color!r})"


@functools.cache
def _console_class() -> type:
    """Rich's Console, except that a reader who left raises BrokenPipeError (Rich's own answer
    is to exit 1 at once) so the command decides: exit 0 once its write is committed."""
    from rich.console import Console

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return PipeAwareConsole
