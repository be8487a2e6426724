"""Ledger commands (`log ...`, `review`): thin over app/log.py and app/review.py.
`register` puts them on the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wowcoach import formats
from wowcoach.cli.common import session
from wowcoach.cli.completion import complete_gesture, complete_value
from wowcoach.cli.options import (
    CONSULTANT_OPTION,
    DATE_OPTION,
    DB_OPTION,
    LANG_OPTION,
    NEW_SHOP_OPTION,
    SHOP_OPTION,
    command,
    group,
    output_format,
)
from wowcoach.errors import UsageError
from wowcoach.i18n import N_, Msg, language_of

if TYPE_CHECKING:
    from wowcoach.profile.choices import Choices
    from wowcoach.results.export import Document

log_app = group(N_("Log the gestures staff made for customers, and what they did."))

VALUE_OPTION = typer.Option(
    None, "--value", help=N_("The core value it shows (see `wowcoach values list`)."), autocompletion=complete_value
)
GESTURE_OPTION = typer.Option(
    None, "--gesture", help=N_("A gesture id or name from the plan's menu; names the value too."), autocompletion=complete_gesture
)
OVER_BUDGET_OPTION = typer.Option(None, "--over-budget", help=N_("Why it may cost more than the cap or the allowance."))
CURRENCY_OPTION = typer.Option(None, "--currency", help=N_("Currency to show costs in when no plan is recorded."))
BY_HELP = N_("Who made the gesture.")
WHAT_HELP = N_("What was done for the customer.")
COST_HELP = N_("What it cost, e.g. 12,50 (0 for time and attention).")
CUSTOMER_HELP = N_("A note on the customer (no need for a full name).")
ENTRY_ID = typer.Argument(..., metavar="ID", help=N_("The entry's number (see `wowcoach log list`)."))


@command(log_app, "add", N_("Record one gesture and see what is left of that person's allowance."))
def log_add(
    ctx: typer.Context,
    by: str = typer.Option(..., "--by", help=BY_HELP),
    what: str = typer.Option(..., "--what", help=WHAT_HELP),
    cost: str = typer.Option(..., "--cost", help=COST_HELP),
    customer: str = typer.Option("", "--customer", help=CUSTOMER_HELP),
    value: str | None = VALUE_OPTION,
    gesture: str | None = GESTURE_OPTION,
    day: str | None = typer.Option(None, "--date", help=N_("The day, YYYY-MM-DD (default: today).")),
    over_budget: str | None = OVER_BUDGET_OPTION,
    lang: str | None = LANG_OPTION,
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
    new_shop: bool = NEW_SHOP_OPTION,
) -> None:
    from wowcoach.app.log import NewEntry, add_entry
    from wowcoach.cli.output import output

    s = session(ctx)
    s.env.choose_language(lang)
    t = s.env.t

    def ask_value(values: Choices) -> str:
        from wowcoach.cli.ask.menus import ask_choice

        return ask_choice(s.env.console, t, t("Which core value does it show"), values)

    logged = NewEntry(by, what, cost, customer, value, gesture, day, over_budget)
    ask = ask_value if s.env.stdin_isatty else None
    output(s.env, add_entry(s.sources.library, logged, t, db, ask, shop, new_shop), committed=True)


@command(log_app, "list", N_("List the logged gestures of a month, as a table, JSON or CSV."))
@output_format(*formats.LEDGER)
def log_list(
    ctx: typer.Context,
    month: str | None = typer.Option(None, "--month", help=N_("The month, YYYY-MM (default: this month).")),
    by: str | None = typer.Option(None, "--by", help=N_("Only this person's gestures.")),
    removed: bool = typer.Option(False, "--removed", help=N_("Show removed entries too (struck through).")),
    currency: str | None = CURRENCY_OPTION,
    lang: str | None = LANG_OPTION,
    fmt: str = "table",
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.app.log import list_entries
    from wowcoach.cli.output import output

    s = session(ctx)
    s.env.choose_language(lang)
    output(s.env, list_entries(s.sources.library, month, by, removed, currency, s.env.t, db, shop), fmt)


@command(log_app, "outcome", N_("Record what a gesture did: the customer came back, told others, or a note."))
def log_outcome(
    ctx: typer.Context,
    entry_id: int = ENTRY_ID,
    came_back: bool = typer.Option(False, "--came-back", help=N_("The customer came back.")),
    told_others: bool = typer.Option(False, "--told-others", help=N_("The customer told others about it.")),
    note: str | None = typer.Option(None, "--note", help=N_("What happened, in a sentence.")),
    clear: bool = typer.Option(
        False, "--clear", help=N_("Forget the recorded outcome first (undo); with the options above, record only those.")
    ),
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.app.log import set_outcome
    from wowcoach.cli.output import output

    env = session(ctx).env
    output(env, set_outcome(entry_id, came_back, told_others, note, env.t, db, clear, shop), committed=True)


def _change(name: str, help: str):
    """An option of `log edit`: not given, not changed."""
    return typer.Option(None, name, help=help)


@command(log_app, "edit", N_("Change an entry: only the options given; checked against the plan as `log add` is."))
def log_edit(
    ctx: typer.Context,
    entry_id: int = ENTRY_ID,
    day: str | None = _change("--date", N_("The day, YYYY-MM-DD.")),
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
    from wowcoach.app.log import EntryEdit, edit_entry
    from wowcoach.cli.output import output

    s = session(ctx)
    changes = EntryEdit(by, what, cost, customer, value, gesture, day, over_budget)
    s.env.choose_language(lang)
    output(s.env, edit_entry(s.sources.library, entry_id, changes, s.env.t, db, shop), committed=True)


@command(log_app, "restore", N_("Bring back a removed entry, if the month's plan still has room for it."))
def log_restore(
    ctx: typer.Context,
    entry_id: int = typer.Argument(..., metavar="ID", help=N_("The entry's number (see `wowcoach log list --removed`).")),
    over_budget: str | None = OVER_BUDGET_OPTION,
    lang: str | None = LANG_OPTION,
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.app.log import restore_entry
    from wowcoach.cli.output import output

    s = session(ctx)
    s.env.choose_language(lang)
    output(s.env, restore_entry(entry_id, over_budget, s.env.t, db, shop), committed=True)


@command(log_app, "months", N_("The months the ledger holds: gestures, what was spent and the plan's budget."))
@output_format(*formats.LISTING)
def log_months(
    ctx: typer.Context,
    currency: str | None = CURRENCY_OPTION,
    lang: str | None = LANG_OPTION,
    fmt: str = "table",
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.app.log import list_months
    from wowcoach.cli.output import output

    s = session(ctx)
    s.env.choose_language(lang)
    output(s.env, list_months(currency, s.env.t, db, shop), fmt)


@command(log_app, "remove", N_("Remove an entry from the month's figures; it stays in the ledger's history."))
def log_remove(
    ctx: typer.Context,
    entry_id: int = ENTRY_ID,
    yes: bool = typer.Option(False, "--yes", "-y", help=N_("Don't ask for confirmation.")),
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
) -> None:
    from wowcoach.app.log import remove_entry
    from wowcoach.cli.output import output

    env = session(ctx).env

    def confirm(entry) -> bool:
        if not env.stdin_isatty:
            raise UsageError(Msg("Removing needs a confirmation: add --yes when there is no terminal."))
        from rich.text import Text

        from wowcoach.cli.ask.menus import confirm
        from wowcoach.textclean import one_line

        # Text, not a markup string: a stored "[link=…]" is shown as typed, never made a link.
        question = env.t("Remove entry {id} ({what}, {day})?").format(id=entry.id, what=one_line(entry.what), day=entry.day.isoformat())
        return confirm(env.console, env.t, Text(question))

    output(env, remove_entry(entry_id, env.t, db, None if yes else confirm, shop), committed=True)


@output_format(*formats.REVIEW, help=N_("How to show the result; html and pdf make a document (pdf needs WeasyPrint)."))
def review_cmd(
    ctx: typer.Context,
    month: str | None = typer.Option(None, "--month", help=N_("The month, YYYY-MM (default: this month).")),
    profile_path: Path | None = typer.Option(None, "--profile", help=N_("Use this profile's budget if no plan is recorded.")),
    lang: str | None = LANG_OPTION,
    fmt: str = "table",
    db: str | None = DB_OPTION,
    shop: str | None = SHOP_OPTION,
    all_shops: bool = typer.Option(
        False, "--all-shops", help=N_("Every shop of a shared ledger side by side: spent against plan, gestures, came back.")
    ),
    out: str | None = typer.Option(None, "-o", "--output", help=N_("With --format html or pdf: the file to write (default: stdout).")),
    force: bool = typer.Option(False, "--force", help=N_("Overwrite the -o file if it exists.")),
    consultant: Path | None = CONSULTANT_OPTION,
    on: str | None = DATE_OPTION,
) -> None:
    from wowcoach.app.review import build_review, build_shops_review, chain_document, review_document
    from wowcoach.cli.output import document_target, output, write_document
    from wowcoach.ledger.database import ledger_file

    s = session(ctx)
    if fmt in formats.PRINTED:
        target = document_target(out, force, reads=[ledger_file(db), profile_path, consultant])
        doc: Document
        if all_shops:
            s.env.choose_language(lang)
            doc = chain_document(s.sources.library, month, s.env.t, db, on, consultant)
        else:
            lib = s.sources.library
            doc = review_document(lib, month, profile_path, language_of(lang), db, s.env.choose_language(None), shop, on, consultant)
        write_document(s.env, doc, fmt, target, force)
        return
    if out is not None:
        raise UsageError(Msg("-o FILE is for --format html or pdf; redirect other formats: > FILE."))
    if all_shops:
        if fmt == "markdown":  # the shops side by side have no Markdown form
            raise UsageError(Msg("--all-shops shows a table, JSON, HTML or PDF: use --format table, json, html or pdf."))
        s.env.choose_language(lang)
        output(s.env, build_shops_review(month, s.env.t, db), fmt)
        return
    report = build_review(s.sources.library, month, profile_path, language_of(lang), db, s.env.choose_language(None), shop)
    s.env.use_language(report.lang)
    output(s.env, report, fmt)


def _transfer(name: str, help: str, file_help: str, force_help: str, core: str, checked: bool = False) -> None:
    """`log export` and `log import`: one file, one shop, one core call (`checked`: given the
    library first, to check the file's values and gestures against)."""

    def transfer(
        ctx: typer.Context,
        file: Path = typer.Argument(..., metavar="FILE", help=file_help),
        force: bool = typer.Option(False, "--force", help=force_help),
        db: str | None = DB_OPTION,
        shop: str | None = SHOP_OPTION,
    ) -> None:
        from wowcoach.app import log
        from wowcoach.cli.output import output

        s = session(ctx)
        library = [s.sources.library] if checked else []
        output(s.env, getattr(log, core)(*library, file, s.env.t, db, shop, force), committed=True)

    command(log_app, name, help)(transfer)


_transfer(
    "export",
    N_("Write one shop's ledger to a file, to move it to another ledger (`log import`)."),
    N_("The file to write (JSON)."),
    N_("Overwrite files that exist."),
    "export_ledger",
)
_transfer(
    "import",
    N_("Read a file of `log export` into this ledger, as its shop (or --shop)."),
    N_("A file written by `wowcoach log export`."),
    N_("Replace what the shop already holds in this ledger."),
    "import_ledger",
    checked=True,
)


def register(app: typer.Typer, only: str | None = None) -> None:
    """Put the ledger's commands on the app, or only the one named `only`."""
    if only in (None, "log"):
        app.add_typer(log_app, name="log")
    if only in (None, "review"):
        command(app, "review", N_("The month against its plan: per person, per value, what came back, and questions for the team."))(
            review_cmd
        )
