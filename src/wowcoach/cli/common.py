"""What the command modules share: the run's session (made by the root options), the
options several commands take, and the checks of option values that come before any work."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from wowcoach.app.sources import Sources
from wowcoach.cli.environment import Environment
from wowcoach.cli.help import use_lang
from wowcoach.errors import UsageError
from wowcoach.i18n import N_, Msg

if TYPE_CHECKING:
    from wowcoach.i18n import Translator
    from wowcoach.profile.interview import InterviewIO

FORMATS_TABLE_JSON = ("table", "json")
FORMATS_ALL = ("table", "json", "markdown")


@dataclass
class Session:
    """`ctx.obj` of every command: the environment, the knowledge-base files and --debug."""

    env: Environment
    sources: Sources = field(default_factory=Sources)
    debug: bool = False


def session(ctx: typer.Context) -> Session:
    return ctx.find_root().obj


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise UsageError(Msg("Unknown format '{fmt}': use one of {allowed}.").format(fmt=fmt, allowed=", ".join(allowed)))
    return fmt


def interview_io(env: Environment) -> InterviewIO:
    """The interview's questions at this run's terminal (Rich's prompts load on the first one)."""
    from wowcoach.profile.interview import InterviewIO  # loaded by the commands that interview only

    def ask(q, default, check, answers, t):  # type: ignore[no-untyped-def]
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

    return InterviewIO(env.stdin_isatty, ask, intro, choose, env.use_language, env.note)


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
    help=N_("The shop in a shared ledger (default: WOWCOACH_SHOP, then the profile's shop if the ledger holds it, then 'default')."),
    show_default=False,
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
