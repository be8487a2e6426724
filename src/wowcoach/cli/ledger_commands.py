"""Ledger commands (`log ...`, `review`): thin over report/log.py and report/review.py.
`register` puts them on the app."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.core import TyperGroup

from wowcoach.cli.common import DB_OPTION, FORMATS_ALL, FORMATS_TABLE_JSON, LANG_OPTION, SHOP_OPTION, check_format, session
from wowcoach.cli.completion import complete_gesture, complete_value
from wowcoach.errors import UsageError
from wowcoach.i18n import _

log_app = typer.Typer(cls=TyperGroup, help=_("Log the gestures staff made for customers, and what they did."), no_args_is_help=True)

VALUE_OPTION = typer.Option(None, "--value", help=_("The core value it shows (see `wowcoach values list`)."), autocompletion=complete_value)
GESTURE_OPTION = typer.Option(
    None, "--gesture", help=_("A gesture id or name from the plan's menu; names the value too."), autocompletion=complete_gesture
)
OVER_BUDGET_OPTION = typer.Option(None, "--over-budget", help=_("Why it may cost more than the cap or the allowance."))
CURRENCY_OPTION = typer.Option(None, "--currency", help=_("Currency to show costs in when no plan is recorded."))
BY_HELP = _("Who made the gesture.")
WHAT_HELP = _("What was done for the customer.")
COST_HELP = _("What it cost, e.g. 12,50 (0 for time and attention).")
CUSTOMER_HELP = _("A note on the customer (no need for a full name).")
ENTRY_ID = typer.Argument(..., metavar="ID", help=_("The entry's number (see `wowcoach log list`)."))


@log_app.command("add", help=_("Record one gesture and see what is left of that person's allowance."))
def log_add(
    ctx: typer.Context,
    by: str = typer.Option(..., "--by", help=BY_HELP),
    what: str = typer.Option(..., "--what", help=WHAT_HELP),
    cost: str = typer.Option(..., "--cost", help=COST_HELP),
    customer: str = typer.Option("", "--customer", help=CUSTOMER_HELP),
    value: str | None = VALUE_OPTION,
    gesture: str | None = GESTURE_OPTION,
    day: str | None = typer.Option(None, "--date", help=_("The day, YYYY-MM-DD (default: today).")),
    over_budget: str | None = OVER_BUDGET_OPTION,
    lang: str | None = LANG_OPTION,
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.log import Gesture, add_entry

    s = session(ctx)
    language = s.env.choose_language(lang)

    def ask_value(values) -> str:
        from wowcoach.profile.choices import ask_choice

        return ask_choice(s.env.console, _("Which core value does it show"), values)

    logged = Gesture(by, what, cost, customer, value, gesture, day, over_budget)
    output(s.env, add_entry(s.sources.library, logged, language, db, ask_value if s.env.stdin_isatty else None, shop), committed=True)


@log_app.command("list", help=_("List the logged gestures of a month, as a table, JSON or CSV."))
def log_list(
    ctx: typer.Context,
    month: str | None = typer.Option(None, "--month", help=_("The month, YYYY-MM (default: this month).")),
    by: str | None = typer.Option(None, "--by", help=_("Only this person's gestures.")),
    removed: bool = typer.Option(False, "--removed", help=_("Show removed entries too (struck through).")),
    currency: str | None = CURRENCY_OPTION,
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table, json or csv")),
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.log import list_entries

    check_format(fmt, ("table", "json", "csv"))
    s = session(ctx)
    language = s.env.choose_language(lang)
    output(s.env, list_entries(s.sources.library, month, by, removed, currency, language, db, shop), fmt)


@log_app.command("outcome", help=_("Record what a gesture did: the customer came back, told others, or a note."))
def log_outcome(
    ctx: typer.Context,
    entry_id: int = ENTRY_ID,
    came_back: bool = typer.Option(False, "--came-back", help=_("The customer came back.")),
    told_others: bool = typer.Option(False, "--told-others", help=_("The customer told others about it.")),
    note: str | None = typer.Option(None, "--note", help=_("What happened, in a sentence.")),
    clear: bool = typer.Option(
        False, "--clear", help=_("Forget the recorded outcome first (undo); with the options above, record only those.")
    ),
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.log import set_outcome

    output(session(ctx).env, set_outcome(entry_id, came_back, told_others, note, db, clear, shop), committed=True)


def _change(name: str, help: str):
    """An option of `log edit`: not given, not changed."""
    return typer.Option(None, name, help=help)


@log_app.command("edit", help=_("Change an entry: only the options given; checked against the plan as `log add` is."))
def log_edit(
    ctx: typer.Context,
    entry_id: int = ENTRY_ID,
    day: str | None = _change("--date", _("The day, YYYY-MM-DD.")),
    by: str | None = _change("--by", BY_HELP),
    what: str | None = _change("--what", WHAT_HELP),
    cost: str | None = _change("--cost", COST_HELP),
    customer: str | None = _change("--customer", CUSTOMER_HELP),
    value: str | None = VALUE_OPTION,
    gesture: str | None = GESTURE_OPTION,
    over_budget: str | None = OVER_BUDGET_OPTION,
    lang: str | None = LANG_OPTION,
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.log import Gesture, edit_entry

    s = session(ctx)
    changes = Gesture(by, what, cost or "", customer, value, gesture, day, over_budget)  # type: ignore[arg-type]
    output(s.env, edit_entry(s.sources.library, entry_id, changes, s.env.choose_language(lang), db, shop), committed=True)


@log_app.command("restore", help=_("Bring back a removed entry, if the month's plan still has room for it."))
def log_restore(
    ctx: typer.Context,
    entry_id: int = typer.Argument(..., metavar="ID", help=_("The entry's number (see `wowcoach log list --removed`).")),
    over_budget: str | None = OVER_BUDGET_OPTION,
    lang: str | None = LANG_OPTION,
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.log import restore_entry

    s = session(ctx)
    output(s.env, restore_entry(entry_id, over_budget, s.env.choose_language(lang), db, shop), committed=True)


@log_app.command("months", help=_("The months the ledger holds: gestures, what was spent and the plan's budget."))
def log_months(
    ctx: typer.Context,
    currency: str | None = CURRENCY_OPTION,
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table or json")),
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.log import list_months

    check_format(fmt, FORMATS_TABLE_JSON)
    s = session(ctx)
    output(s.env, list_months(currency, s.env.choose_language(lang), db, shop), fmt)


@log_app.command("remove", help=_("Remove an entry from the month's figures; it stays in the ledger's history."))
def log_remove(
    ctx: typer.Context,
    entry_id: int = ENTRY_ID,
    yes: bool = typer.Option(False, "--yes", "-y", help=_("Don't ask for confirmation.")),
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.log import remove_entry

    env = session(ctx).env

    def confirm(entry) -> bool:
        if not env.stdin_isatty:
            raise UsageError(_("Removing needs a confirmation: add --yes when there is no terminal."))
        from rich.text import Text

        from wowcoach.profile.choices import confirm
        from wowcoach.textclean import one_line

        # Text, not a markup string: a stored "[link=…]" is shown as typed, never made a link.
        question = _("Remove entry {id} ({what}, {day})?").format(id=entry.id, what=one_line(entry.what), day=entry.day.isoformat())
        return confirm(env.console, Text(question))

    output(env, remove_entry(entry_id, db, None if yes else confirm, shop), committed=True)


def review_cmd(
    ctx: typer.Context,
    month: str | None = typer.Option(None, "--month", help=_("The month, YYYY-MM (default: this month).")),
    profile_path: Path | None = typer.Option(None, "--profile", help=_("Use this profile's budget if no plan is recorded.")),
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table, json or markdown")),
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
    all_shops: bool = typer.Option(
        False, "--all-shops", help=_("Every shop of a shared ledger side by side: spent against plan, gestures, came back.")
    ),
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.review import build_review, build_shops_review

    s = session(ctx)
    if all_shops:
        check_format(fmt, FORMATS_TABLE_JSON)
        output(s.env, build_shops_review(month, s.env.choose_language(lang), db), fmt)
        return
    check_format(fmt, FORMATS_ALL)
    output(s.env, build_review(s.sources.library, month, profile_path, lang, db, s.env.choose_language, shop), fmt)


def _transfer(name: str, help: str, file_help: str, force_help: str, core: str) -> None:
    """`log export` and `log import`: one file, one shop, one core call."""

    def command(
        ctx: typer.Context,
        file: Path = typer.Argument(..., metavar="FILE", help=file_help),
        force: bool = typer.Option(False, "--force", help=force_help),
        db: str | None = DB_OPTION,
        shop: str | None = SHOP_OPTION,
    ) -> None:
        from wowcoach.render.output import output
        from wowcoach.report import log

        output(session(ctx).env, getattr(log, core)(file, db, shop, force), committed=True)

    log_app.command(name, help=help)(command)


_transfer(
    "export",
    _("Write one shop's ledger to a file, to move it to another ledger (`log import`)."),
    _("The file to write (JSON)."),
    _("Overwrite files that exist."),
    "export_ledger",
)
_transfer(
    "import",
    _("Read a file of `log export` into this ledger, as its shop (or --shop)."),
    _("A file written by `wowcoach log export`."),
    _("Replace what the shop already holds in this ledger."),
    "import_ledger",
)


def register(app: typer.Typer) -> None:
    app.add_typer(log_app, name="log")
    app.command("review", help=_("The month against its plan: per person, per value, what came back, and questions for the team."))(
        review_cmd
    )
