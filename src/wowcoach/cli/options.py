"""The options several commands share, each declared once, as sqlite-utils' option decorators
are: the common options (`--lang`, `--db`, `--shop`, ...), `--format` made from the formats
table, and the root's options, which every command also takes after its name.

Typer reads a command's options from its function's signature. The two decorators here give the
command a signature with the shared options added (Python's `__signature__`, which
`inspect.signature` and so Typer honour) and take those values out again before the command
runs, so a command declares only its own options and receives plain values.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from wowcoach import formats
from wowcoach.cli.common import session
from wowcoach.cli.help import TranslatedCommand, TranslatedGroup, run_env, use_lang
from wowcoach.i18n import N_

Command = TypeVar("Command", bound=Callable[..., Any])

LANG_OPTION = typer.Option(
    None,
    "--lang",
    help=N_("Language of the stories: en, nl or da (default: WOWCOACH_LANG, then LANG)."),
    show_default=False,
    is_eager=True,
    callback=use_lang,
)
POLICY_OPTION = typer.Option("expires", "--policy", help=N_("What happens to unspent budget: expires or rolls-over."))
CAP_OPTION = typer.Option(None, "--cap", help=N_("Most one gesture may cost per customer, without approval (e.g. 25)."))
MONTH_OPTION = typer.Option(None, "--month", help=N_("The month to plan, YYYY-MM (default: next month)."))
STAFF_NAME_OPTION = typer.Option(None, "--staff-name", help=N_("A person's name (repeat for each); instead of --staff."))
NO_INPUT_OPTION = typer.Option(False, "--no-input", help=N_("Never ask; unanswered questions take their defaults."))
ASK_OPTION = typer.Option(False, "--ask", help=N_("Ask even when stdin is not a terminal (answers piped in)."))
DB_OPTION = typer.Option(
    None,
    "--db",
    help=N_("The ledger: a file, or postgresql://user@host/dbname (default: WOWCOACH_DB, then your user data folder)."),
    show_default=False,
)
SHOP_OPTION = typer.Option(
    None,
    "--shop",
    envvar="WOWCOACH_SHOP",
    help=N_("The shop in a shared ledger (default: WOWCOACH_SHOP, then the profile's shop if the ledger holds it, then its only shop)."),
    show_default=False,
)
NEW_SHOP_OPTION = typer.Option(
    False, "--new-shop", help=N_("Start the --shop in this ledger if it does not hold it yet (otherwise a shop it lacks is refused).")
)

CONSULTANT_OPTION = typer.Option(
    None,
    "--consultant",
    help=N_(
        "Who the document is from: a YAML file with name, company, email, phone, logo and colour (default: consultant.yaml in your user config folder)."
    ),
    show_default=False,
)
DATE_OPTION = typer.Option(None, "--date", help=N_("The date on the document, YYYY-MM-DD (default: today)."))


def output_format(*choices: str, help: str = N_("How to show the result.")) -> Callable[[Command], Command]:
    """`--format`, offering `choices` (names from wowcoach.formats) in any case (`--format JSON`):
    Typer refuses any other value (exit 2), completes them and lists them in --help. The command
    declares `fmt: str = "<default>"` and receives the format's name."""
    unknown = [name for name in choices if name not in _KNOWN_FORMATS]
    if unknown:
        raise ValueError(f"not in wowcoach.formats: {unknown}")
    kind = _choice(choices)

    def decorate(command: Command) -> Command:
        default = inspect.signature(command).parameters["fmt"].default
        option = inspect.Parameter(
            "fmt",
            inspect.Parameter.KEYWORD_ONLY,
            default=default,
            annotation=Annotated[kind, typer.Option("--format", case_sensitive=False, help=help)],
        )
        return _with_options(command, [option], lambda ctx, values: {"fmt": values["fmt"].value})

    return decorate


_KNOWN_FORMATS = {*formats.LISTING, *formats.DOCUMENT, *formats.LEDGER, *formats.REVIEW, *formats.EXPORT}


@functools.cache
def _choice(choices: tuple[str, ...]) -> type[Enum]:
    """An Enum of these formats: how Typer's public API takes a fixed set of choices."""
    return Enum("Format", {name: name for name in choices}, type=str)  # type: ignore[return-value]  # a set made at run time, from the formats table


def _no_color(ctx: typer.Context, value: bool) -> bool:
    """Eager, so a help screen after it is plain too: Typer's help and error screens follow Rich's
    NO_COLOR convention (colours off, bold stays), the one way to reach them; set for this run only."""
    if value:
        run_env(ctx).no_color()
        if "NO_COLOR" not in os.environ:
            os.environ["NO_COLOR"] = "1"
            ctx.call_on_close(lambda: os.environ.pop("NO_COLOR", None))
    return value


def _root_options(at_root: bool) -> list[inspect.Parameter]:
    """The root's options. The root lists them in its --help and reads their environment
    variables; a command takes them too, hidden from its own --help."""

    def option(*names: str, help: str, envvar: str | None = None, **more: Any) -> Any:
        return typer.Option(*names, help=help, envvar=envvar if at_root else None, hidden=not at_root, show_default=False, **more)

    def param(name: str, kind: Any, info: Any, default: Any) -> inspect.Parameter:
        # Named apart from the command's own parameters (`log add --value`, `cases list --value`).
        return inspect.Parameter(f"root_{name}", inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[kind, info])

    return [
        param(
            "cases",
            list[Path] | None,
            option("--cases", envvar="WOWCOACH_CASES", help=N_("Your own cases file, merged over the shipped stories (repeatable).")),
            None,
        ),
        param(
            "values",
            Path | None,
            option("--values", envvar="WOWCOACH_VALUES", help=N_("Your own values file, used instead of the shipped one.")),
            None,
        ),
        param("replace_cases", bool, option("--replace-cases", help=N_("Use only the --cases files, not the shipped stories.")), False),
        param(
            "no_color",
            bool,
            option("--no-color", is_eager=True, callback=_no_color, help=N_("No colours or styles in the output (NO_COLOR works too).")),
            False,
        ),
        param("verbose", bool, option("--verbose", help=N_("Also show the ids and scores that JSON output has (story, gesture).")), False),
        param("debug", bool, option("--debug", help=N_("Show the full traceback of an internal error.")), False),
    ]


def root_options(command: Command) -> Command:
    """The root's options on a command (or a group), so they work after its name as well as
    before it: `wowcoach suggest --cases my.yaml` is `wowcoach --cases my.yaml suggest`."""
    return _take_root_options(command, at_root=False)


def root_options_at_root(callback: Command) -> Command:
    """The root's options on the root's callback, first in its --help."""
    return _take_root_options(callback, at_root=True)


def _take_root_options(command: Command, at_root: bool) -> Command:
    params = _root_options(at_root)

    def take(ctx: typer.Context, values: dict[str, Any]) -> dict[str, Any]:
        session(ctx).take(
            cases=values["root_cases"] or [],
            values=values["root_values"],
            replace_cases=values["root_replace_cases"],
            verbose=values["root_verbose"],
            debug=values["root_debug"],
        )
        return {}

    return _with_options(command, params, take, first=at_root)


def _with_options(
    command: Command,
    added: list[inspect.Parameter],
    take: Callable[[typer.Context, dict[str, Any]], dict[str, Any]],
    first: bool = False,
) -> Command:
    """`command` with the `added` parameters in its signature; before it runs, `take(ctx,
    their values)` returns what the command itself receives of them."""
    signature = inspect.signature(command)
    names = {p.name for p in added}
    if "ctx" not in signature.parameters:
        raise TypeError(f"{command.__name__} needs a `ctx: typer.Context` parameter")
    own = [p for p in signature.parameters.values() if p.name not in names]
    # The added ones are keyword-only (Typer passes every value by name): last, or first after
    # the context (the root's --help lists them first; its own options are keyword-only).
    ordered = [own[0], *added, *own[1:]] if first else [*own, *added]

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names if name in kwargs}
        kwargs.update(take(kwargs["ctx"], values))
        return command(*args, **kwargs)

    run.__signature__ = signature.replace(parameters=ordered)  # type: ignore[attr-defined]  # read by inspect.signature, so by Typer
    return run  # type: ignore[return-value]  # same call as `command`, its added options taken out


def command(app: typer.Typer, name: str, help: str) -> Callable[[Command], Command]:
    """Puts a function on `app` as the command `name`: its help translated when shown, and the
    root's options taken after its name too. The function itself is returned unchanged."""

    def decorate(function: Command) -> Command:
        app.command(name, cls=TranslatedCommand, help=help)(root_options(function))
        return function

    return decorate


def group(help: str) -> typer.Typer:
    """A group of commands (`cases`, `log`): its help translated when shown, and the root's
    options taken after its name too (`wowcoach cases --no-color list`)."""

    def options(ctx: typer.Context) -> None:
        pass  # the root's options, taken by the decorator

    return typer.Typer(cls=TranslatedGroup, help=help, no_args_is_help=True, callback=root_options(options))
