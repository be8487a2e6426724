"""The command line: the root app and its options, the one error handler, and the entry point.

Each command module (browse, coach, ledger) parses its options, calls one core function and
hands the result to `render.output`; this module puts them on the app. Every error the core
raises reaches one handler (`WowGroup.invoke`), which prints a one-line message on stderr and
exits with the documented code.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from wowcoach import __version__
from wowcoach.app.sources import Sources
from wowcoach.cli import browse_commands, coach_commands, ledger_commands, serve_command
from wowcoach.cli.common import Session
from wowcoach.cli.environment import Environment
from wowcoach.cli.help import TranslatedGroup, run_env
from wowcoach.errors import EXIT_DATA, EXIT_INTERRUPTED, EXIT_USAGE, WowcoachError
from wowcoach.i18n import N_, Msg

# The root's options, also taken after the command (`wowcoach suggest --cases my.yaml`): name -> takes a value.
ROOT_OPTIONS = {"--cases": True, "--values": True, "--replace-cases": False, "--no-color": False, "--verbose": False, "--debug": False}


def root_options_first(args: list[str], commands: set[str]) -> list[str]:
    """Move the root's options given after the command to before it, where Click reads them; what
    follows `--` and an option's own value stay where they are."""
    at = next((i for i, a in enumerate(args) if a in commands and (i == 0 or not ROOT_OPTIONS.get(args[i - 1]))), None)
    if at is None:
        return args
    moved: list[str] = []
    rest: list[str] = []
    i = at + 1
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest += args[i:]
            break
        name = arg.split("=", 1)[0]
        if name in ROOT_OPTIONS:
            width = 2 if ROOT_OPTIONS[name] and "=" not in arg else 1
            moved += args[i : i + width]
            i += width
            continue
        rest.append(arg)
        i += 1
    return args[:at] + moved + [args[at]] + rest


class WowGroup(TranslatedGroup):
    """The one place where errors become messages and exit codes."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        refuse_undecodable(ctx, args)
        return super().parse_args(ctx, root_options_first(list(args), set(self.commands)))

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WowcoachError as exc:
            fail(ctx, exc.translate(run_env(ctx).t), exc.exit_code)
        except KeyboardInterrupt:
            fail(ctx, Msg("Execution stopped by user."), EXIT_INTERRUPTED)
        except EOFError:
            fail(ctx, Msg("No answer (end of input): use --no-input and flags such as --situation to run without questions."), EXIT_DATA)
        except typer.TyperException as exc:
            raise _cleaned(exc) from None  # Typer's own usage errors (exit 2)
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

    def make_context(self, *args: Any, **kwargs: Any) -> typer.Context:
        try:
            return super().make_context(*args, **kwargs)
        except typer.TyperException as exc:  # a bad root option: `wowcoach --colour`
            raise _cleaned(exc) from None


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


def _cleaned(exc: Exception) -> Exception:
    """A usage error quotes what was typed ("No such command '…'"): clean it like any user text."""
    from wowcoach.textclean import clean

    message = getattr(exc, "message", None)
    if isinstance(message, str):
        exc.message = clean(message)  # type: ignore[attr-defined]
    return exc


def fail(ctx: typer.Context, message: str | Msg, code: int) -> None:
    obj = ctx.obj
    env = obj.env if isinstance(obj, Session) else obj if isinstance(obj, Environment) else Environment()
    env.error(message)
    raise typer.Exit(code)


app = typer.Typer(
    cls=WowGroup,
    help=N_("A coach for WOW customer service in small shops: real stories, ideas, checklists and a surprise budget."),
    no_args_is_help=True,
    add_completion=True,  # --install-completion: commands, options and the ids of stories, values and gestures
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wowcoach {__version__}")
        raise typer.Exit()


def _no_color(ctx: typer.Context, value: bool) -> bool:
    """Eager, so a help screen after it is plain too: Typer's help and error screens follow Rich's
    NO_COLOR convention (colours off, bold stays), the one way to reach them; set for this run only."""
    if value and "NO_COLOR" not in os.environ:
        os.environ["NO_COLOR"] = "1"
        ctx.call_on_close(lambda: os.environ.pop("NO_COLOR", None))
    return value


@app.callback()
def main_options(
    ctx: typer.Context,
    cases: list[Path] | None = typer.Option(
        None,
        "--cases",
        envvar="WOWCOACH_CASES",
        help=N_("Your own cases file, merged over the shipped stories (repeatable)."),
        show_default=False,
    ),
    values: Path | None = typer.Option(
        None, "--values", envvar="WOWCOACH_VALUES", help=N_("Your own values file, used instead of the shipped one.")
    ),
    replace_cases: bool = typer.Option(False, "--replace-cases", help=N_("Use only the --cases files, not the shipped stories.")),
    no_color: bool = typer.Option(
        False, "--no-color", is_eager=True, callback=_no_color, help=N_("No colours or styles in the output (NO_COLOR works too).")
    ),
    verbose: bool = typer.Option(False, "--verbose", help=N_("Also show the ids and scores that JSON output has (story, gesture).")),
    debug: bool = typer.Option(False, "--debug", help=N_("Show the full traceback of an internal error.")),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=N_("Show the version and exit.")),
) -> None:
    # The entry point hands its Environment in as `obj`; a test runner invoking the app gets one here.
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    if no_color:
        env.no_color()
    env.verbose = verbose
    ctx.obj = Session(env, Sources(list(cases or []), values, replace_cases, env.note), debug)


# Registered in this order, which is the order of the commands in --help.
app.add_typer(browse_commands.cases_app, name="cases")
app.add_typer(browse_commands.values_app, name="values")
app.add_typer(browse_commands.data_app, name="data")
coach_commands.register(app)
ledger_commands.register(app)
serve_command.register(app)


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
        app(obj=env)
    except BrokenPipeError:
        # `wowcoach cases list | head -1`: the reader left; leave quietly, as cat does.
        (env or Environment()).discard_stdout()
        sys.exit(1)


if __name__ == "__main__":
    main()
