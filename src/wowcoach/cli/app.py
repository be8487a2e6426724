"""The command line: the root app and its options, the one error handler, and the entry point.

Each command module (browse, coach, ledger) parses its options, calls one core function and
hands the result to `render.output`; this module puts them on the app. Every error the core
raises reaches one handler (`WowGroup.invoke`), which prints a one-line message on stderr and
exits with the documented code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import Any

import typer

from wowcoach import __version__
from wowcoach.cli.common import Session
from wowcoach.cli.environment import Environment
from wowcoach.cli.help import TranslatedCommand, TranslatedGroup, help_command, run_env, run_translator
from wowcoach.cli.options import root_options_at_root
from wowcoach.errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_USAGE, WowcoachError
from wowcoach.i18n import N_, Msg


class WowGroup(TranslatedGroup):
    """The one place where errors become messages and exit codes."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        refuse_undecodable(ctx, args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:  # Any: see TranslatedCommand
        try:
            return super().invoke(ctx)
        except WowcoachError as exc:
            fail(ctx, exc.translate(run_env(ctx).t), exc.exit_code)
        except KeyboardInterrupt:
            fail(ctx, Msg("Execution stopped by user."), EXIT_INTERRUPTED)
        except EOFError:
            fail(ctx, Msg("No answer (end of input): use --no-input and flags such as --situation to run without questions."), EXIT_DATA)
        except typer.TyperException as exc:
            raise _cleaned(exc, ctx) from None  # Typer's own usage errors (exit 2)
        except (typer.Exit, typer.Abort, BrokenPipeError):
            raise
        except Exception as exc:  # a bug: say so briefly; the traceback only under --debug
            if isinstance(ctx.obj, Session) and ctx.obj.debug:
                raise
            fail(
                ctx,
                Msg("Internal error ({kind}: {msg}). Please report it with the command you ran; --debug shows the details.").format(
                    kind=type(exc).__name__, msg=str(exc)[:200]
                ),
                EXIT_DATA,
            )

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except typer.TyperException as exc:  # a bad root option: `wowcoach --colour`
            raise _cleaned(exc, getattr(exc, "ctx", None)) from None


def refuse_undecodable(ctx: typer.Context, args: list[str]) -> None:
    """Bytes that are not UTF-8 on the command line (`--by $'\\xff'`) or in a WOWCOACH_ variable
    arrive as lone surrogates, which no file, ledger or terminal can take: refused here, in one
    line, before any command has read or written anything."""
    for arg in args:
        if not _utf8(arg):
            fail(ctx, Msg("'{arg}' is not UTF-8 text: type it again (check your terminal's encoding).").format(arg=_shown(arg)), EXIT_USAGE)
    for name, value in os.environ.items():
        if name.startswith("WOWCOACH_") and not _utf8(value):
            fail(ctx, Msg("The variable {name} is not UTF-8 text: set it again.").format(name=name), EXIT_DATA)


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(text: str) -> str:
    """Undecodable bytes as \\xff, so the message itself can be printed."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _cleaned(exc: typer.TyperException, ctx: Any) -> typer.TyperException:
    """A usage error of Typer's, in the run's language (`usage_errors`), and cleaned like any
    user text: it quotes what was typed ("No such command '…'")."""
    from wowcoach.cli.usage_errors import say_again
    from wowcoach.textclean import clean

    said = say_again(exc, run_translator(ctx)) if ctx is not None else None
    if said is not None:
        # Typer shows format_message(), which each of Click's errors composes in English.
        setattr(exc, "format_message", lambda: clean(said))  # noqa: B010 - an instance's, not the class's
    message = getattr(exc, "message", None)
    if isinstance(message, str):
        exc.message = clean(message)
    return exc


def fail(ctx: typer.Context, message: str | Msg, code: int) -> None:
    run_env(ctx).error(message)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wowcoach {__version__}")
        raise typer.Exit()


@root_options_at_root
def main_options(
    ctx: typer.Context,
    *,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=N_("Show the version and exit.")),
) -> None:
    """The root's options (declared in options.py) have been given to the run's session by now."""


def _from(module: str, name: str) -> Callable[[typer.Typer], None]:
    """What puts the command `name` on the app: the `register` of its module in `wowcoach.cli`,
    imported only when that command is built."""

    def add(app: typer.Typer) -> None:
        import_module(f"wowcoach.cli.{module}").register(app, name)

    return add


def _help(app: typer.Typer) -> None:
    app.command("help", cls=TranslatedCommand, help=N_("Show the help of wowcoach or of one command, e.g. wowcoach help plan."))(
        help_command
    )


# Every command by its name, with what puts it on the app (in this order). A run builds
# only the command it runs (`for_args`): Typer reads the signature and options of every command
# it is given before it runs one, some 15 ms for all of them, more than most commands take.
COMMANDS: dict[str, Callable[[typer.Typer], None]] = {
    "cases": _from("browse_commands", "cases"),
    "values": _from("browse_commands", "values"),
    "data": _from("browse_commands", "data"),
    "suggest": _from("coach_commands", "suggest"),
    "plan": _from("coach_commands", "plan"),
    "export": _from("coach_commands", "export"),
    "log": _from("ledger_commands", "log"),
    "review": _from("ledger_commands", "review"),
    "help": _help,
    "serve": _from("serve_command", "serve"),
}
# The root's options before a command's name, which take a value, and which take none.
_ROOT_WITH_VALUE = ("--cases", "--values")
_ROOT_FLAGS = ("--replace-cases", "--no-color", "--verbose", "--debug")


def build(names: Iterable[str] | None = None) -> typer.Typer:
    """The app with the root's options and the commands `names` (all of them when None)."""
    app = typer.Typer(
        cls=WowGroup,
        help=N_("A coach for WOW customer service in small shops: real stories, ideas, checklists and a surprise budget."),
        no_args_is_help=True,
        add_completion=True,  # --install-completion: commands, options and the ids of stories, values and gestures
        pretty_exceptions_show_locals=False,
        rich_markup_mode="rich",
    )
    app.callback()(main_options)
    wanted = COMMANDS.keys() if names is None else set(names)
    for name, add in COMMANDS.items():
        if name in wanted:
            add(app)
    return app


def command_of(args: list[str]) -> str | None:
    """The command these arguments run, when nothing but the root's own options comes before
    its name; None for anything else (no command, --help, --version, an unknown name or option,
    shell completion), which the whole app answers: the list of commands, a "did you mean"."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ):
        return None
    value_next = False
    for arg in args:
        if value_next:
            value_next = False
        elif arg in _ROOT_WITH_VALUE:
            value_next = True
        elif arg in _ROOT_FLAGS or arg.startswith(tuple(f"{option}=" for option in _ROOT_WITH_VALUE)):
            continue
        else:
            return arg if arg in COMMANDS else None
    return None


def for_args(args: list[str]) -> typer.Typer:
    """The app as far as these arguments need it: the one command they run, or all of them."""
    name = command_of(args)
    return build(None if name in (None, "help") else [name])  # `help` shows the help of any command


def __getattr__(name: str) -> Any:
    """`app`, the whole app (for tests, the docs and other programs), built on first use."""
    if name == "app":
        whole = globals()["app"] = build()
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(env: Environment | None = None) -> None:
    """Run the app with the entry point's environment (see cli/launch.py)."""
    if sys.stdout is None:  # `wowcoach ... >&-`: say so rather than succeed having shown nothing
        if sys.stderr is not None:
            (env or Environment()).error(Msg("The output is closed (>&-): run the command with its output open."))
        sys.exit(EXIT_DATA)
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) == 0:
        # Rich (ours and Typer's) takes a width of 0 as one that fits nothing and prints nothing
        # at all, error messages included: COLUMNS=0 is read as not set.
        del os.environ["COLUMNS"]
    if sys.stdin is None:  # `<&-`: a question then meets the end of input, as with `< /dev/null`
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - stays open for the run
    for stream in (sys.stdout, sys.stderr):
        # An ASCII or Latin-1 terminal gets '?' for what it can't show, not a crash.
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        for_args(sys.argv[1:])(obj=env)
    except BrokenPipeError:
        # `wowcoach cases list | head -1`: the reader left; leave quietly, as cat does.
        (env or Environment()).discard_stdout()
        sys.exit(1)


if __name__ == "__main__":
    main()
