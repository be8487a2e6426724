"""What the command modules share: the run's session (made by the root's options, added to by
a command's copy of them) and the interview at the run's terminal. The shared options
themselves are declared in options.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wowcoach.app.sources import Sources
from wowcoach.cli.environment import Environment
from wowcoach.cli.help import run_env

if TYPE_CHECKING:
    from wowcoach.i18n import Translator
    from wowcoach.profile.interview import InterviewIO


@dataclass
class Session:
    """`ctx.obj` of every command: the environment, the knowledge-base files and --debug."""

    env: Environment
    sources: Sources = field(default_factory=Sources)
    debug: bool = False

    def take(self, cases: list[Path], values: Path | None, replace_cases: bool, verbose: bool, debug: bool) -> None:
        """The root's options, as given before the command's name or after it (or both: the
        --cases files add up, a later --values wins, a flag given anywhere is on)."""
        if cases or values or replace_cases:
            self.sources = Sources(
                [*self.sources.cases, *cases], values or self.sources.values, self.sources.replace or replace_cases, self.env.note
            )
        self.env.verbose = self.env.verbose or verbose
        self.debug = self.debug or debug


def session(ctx: typer.Context) -> Session:
    """The run's session, made by the root's options (or here, when the app is invoked without them)."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        env = run_env(ctx)
        root.obj = Session(env, Sources(note=env.note))
    return root.obj


def interview_io(env: Environment) -> InterviewIO:
    """The interview's questions at this run's terminal (Rich's prompts load on the first one)."""
    from wowcoach.profile.interview import InterviewIO  # loaded by the commands that interview only

    def ask(q, default, check, answers, t):
        from wowcoach.cli.ask.menus import ask_question

        return ask_question(env.console, t, q, default, check, answers)

    def intro(t: Translator) -> None:
        from rich.text import Text

        env.console.print(
            Text(
                t(
                    "A few questions about your shop, to find stories and ideas that fit it. Enter takes the answer in brackets; Ctrl-C stops."
                ),
                style="bold",
            )
        )

    def choose(question: str, options: list[tuple[str, str]], t: Translator) -> str | None:
        from wowcoach.cli.ask.menus import choose

        return choose(env.console, t, question, options)

    def confirm(question: str, t: Translator) -> bool:
        from wowcoach.cli.ask.menus import confirm

        try:
            return confirm(env.console, t, question, default=False)
        except EOFError:  # answers piped in, and none left for this one: no
            return False

    return InterviewIO(env.stdin_isatty, ask, intro, choose, env.use_language, env.note, confirm)
