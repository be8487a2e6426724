"""What the command modules share: the run's session (made by the root options), the
options several commands take, and the checks of option values that come before any work."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from wowcoach.errors import UsageError
from wowcoach.i18n import _
from wowcoach.render.environment import Environment
from wowcoach.report.sources import Sources

if TYPE_CHECKING:
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
        raise UsageError(_("Unknown format '{fmt}': use one of {allowed}.").format(fmt=fmt, allowed=", ".join(allowed)))
    return fmt


def interview_io(env: Environment) -> InterviewIO:
    from wowcoach.profile.interview import InterviewIO  # loaded by the commands that interview only

    return InterviewIO(env.stdin_isatty, lambda: env.console, env.use_language, env.note)


LANG_OPTION = typer.Option(
    None, "--lang", help=_("Language of the stories: en, nl or da (default: WOWCOACH_LANG, then LANG)."), show_default=False
)
POLICY_OPTION = typer.Option("expires", "--policy", help=_("What happens to unspent budget: expires or rolls-over."))
CAP_OPTION = typer.Option(None, "--cap", help=_("Most one gesture may cost per customer, without approval (e.g. 25)."))
MONTH_OPTION = typer.Option(None, "--month", help=_("The month to plan, YYYY-MM (default: next month)."))
STAFF_NAME_OPTION = typer.Option(None, "--staff-name", help=_("A person's name (repeat for each); instead of --staff."))
NO_INPUT_OPTION = typer.Option(False, "--no-input", help=_("Never ask; unanswered questions take their defaults."))
ASK_OPTION = typer.Option(False, "--ask", help=_("Ask even when stdin is not a terminal (answers piped in)."))
DB_OPTION = typer.Option(
    None,
    "--db",
    help=_("The ledger: a file, or postgresql://user@host/dbname (default: WOWCOACH_DB, then your user data folder)."),
    show_default=False,
)
SHOP_OPTION = typer.Option(
    None,
    "--shop",
    envvar="WOWCOACH_SHOP",
    help=_("The shop in a shared ledger (default: WOWCOACH_SHOP, then the profile's shop if the ledger holds it, then 'default')."),
    show_default=False,
)
