"""Help in the reader's language. Help texts are declared in English (marked with `N_` for the
catalogs) and translated when `--help` is shown, with the run's translator: by then the root
command has made the run's Environment and an eager `--lang` has been read."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from wowcoach.cli.environment import Environment
from wowcoach.i18n import N_, Msg, Translator


def run_env(ctx: Any) -> Environment:
    """The Environment of the run this context belongs to: the root's object, or the Session
    holding it; made here (from the locale) and kept when the app was invoked without one."""
    root = ctx.find_root()
    env = getattr(root.obj, "env", root.obj)
    if not isinstance(env, Environment):
        env = root.obj = Environment()
    return env


def run_translator(ctx: Any) -> Translator:
    return run_env(ctx).t


@contextmanager
def _translated(command: Any, t: Translator) -> Iterator[None]:
    """The command's help, its options' and its subcommands' in t's language, for as long as
    the help screen is being written."""
    saved: list[tuple[Any, str, str]] = []

    def swap(obj: Any, attr: str) -> None:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            saved.append((obj, attr, value))
            setattr(obj, attr, t(value))

    for attr in ("help", "short_help", "epilog"):
        swap(command, attr)
    for param in command.params:
        swap(param, "help")
    for sub in getattr(command, "commands", {}).values():
        swap(sub, "help")
        swap(sub, "short_help")
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)


# `ctx: Any`: these override Click's methods, whose context type Typer keeps private (it exports
# only its subclass, typer.Context).


class TranslatedCommand(TyperCommand):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _translated(self, run_translator(ctx)):
            super().format_help(ctx, formatter)


class TranslatedGroup(TyperGroup):
    def format_help(self, ctx: Any, formatter: Any) -> None:
        with _translated(self, run_translator(ctx)):
            super().format_help(ctx, formatter)


def use_lang(ctx: typer.Context, value: str | None) -> str | None:
    """`--lang` as its code ("nl" for nl_NL, Dutch or nederlands); a language wowcoach does not
    speak is refused. Eager, so the run speaks it when `--help` follows it."""
    if not value:
        return value
    from wowcoach.i18n import language_of

    env = run_env(ctx)
    code = language_of(value)
    if code is None:  # a name ("Dutch", "nederlands"), or a language we don't speak
        from wowcoach.profile.choices import language_choices

        code = language_choices().resolve(value, env.t)
    env.use_language(code)
    return code


def help_command(ctx: typer.Context, names: list[str] | None = typer.Argument(None, metavar="[COMMAND]...")) -> None:
    """`wowcoach help`, `wowcoach help plan`, `wowcoach help log add`: the same screen as --help.
    A command's name may be shortened or have a typo, as every other name the owner types."""
    from wowcoach.errors import UsageError
    from wowcoach.profile.choices import Choices

    current = ctx.find_root()
    command = current.command
    path: list[str] = []
    for name in names or []:
        if not hasattr(command, "list_commands"):
            raise UsageError(Msg("`wowcoach {command}` has no subcommands: see `wowcoach help {command}`.").format(command=" ".join(path)))
        listed: list[tuple[str, str]] = [(n, n) for n in command.list_commands(current)]
        chosen = Choices(functools.partial(_listed, listed), kind=N_("command")).resolve(name, run_translator(ctx))
        command = command.get_command(current, chosen)  # type: ignore[attr-defined]  # a group: it lists commands (checked above)
        current = typer.Context(command, info_name=chosen, parent=current)
        path.append(chosen)
    formatter = current.make_formatter()
    command.format_help(current, formatter)
    text = formatter.getvalue()
    if text:
        typer.echo(text, nl=False)


def _listed(listed: list[tuple[str, str]], _t: object) -> list[tuple[str, str]]:
    """A group's commands as choices: the same names in every language."""
    return listed
