"""Ledger commands (`log ...`, `review`): thin, like cli.py, over ledger.py and logbook.py."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from wowcoach.cli.app import FORMATS_ALL, LANG_OPTION, app, check_format, choose_lang, console, library, output, print_json
from wowcoach.errors import UsageError
from wowcoach.i18n import _

log_app = typer.Typer(cls=TyperGroup, help=_("Log the gestures staff made for customers, and what they did."), no_args_is_help=True)
app.add_typer(log_app, name="log")

DB_OPTION = typer.Option(None, "--db", help=_("The ledger file (default: WOWCOACH_DB, then your user data folder)."), show_default=False)


def open_ledger(db: Optional[Path]):
    from wowcoach.ledger.storage import Ledger, default_path

    return Ledger.open(db or default_path())


def parse_day(text: Optional[str]) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(_("'{text}' is not a date: write it as YYYY-MM-DD.").format(text=text)) from None


def parse_month_text(text: Optional[str]) -> str:
    from wowcoach.planning.budget import parse_month

    return parse_month(text).strftime("%Y-%m") if text else date.today().strftime("%Y-%m")


@log_app.command("add", help=_("Record one gesture and see what is left of that person's allowance."))
def log_add(
    ctx: typer.Context,
    by: str = typer.Option(..., "--by", help=_("Who made the gesture.")),
    what: str = typer.Option(..., "--what", help=_("What was done for the customer.")),
    cost: str = typer.Option(..., "--cost", help=_("What it cost, e.g. 12,50 (0 for time and attention).")),
    customer: str = typer.Option("", "--customer", help=_("A note on the customer (no need for a full name).")),
    value: Optional[str] = typer.Option(None, "--value", help=_("The core value it shows (see `wowcoach values list`).")),
    gesture: Optional[str] = typer.Option(None, "--gesture", help=_("A gesture id from the plan's menu; names the value too.")),
    day: Optional[str] = typer.Option(None, "--date", help=_("The day, YYYY-MM-DD (default: today).")),
    over_budget: Optional[str] = typer.Option(None, "--over-budget", help=_("Why it may cost more than the cap or the allowance.")),
    lang: Optional[str] = LANG_OPTION,
    db: Optional[Path] = DB_OPTION,
) -> None:
    from wowcoach.ledger.logbook import log_gesture
    from wowcoach.money import format_amount, parse_amount

    language = choose_lang(lang)
    lib = library(ctx)
    cents = parse_amount(cost)
    when = parse_day(day)
    if value is None and gesture is None and sys.stdin.isatty():
        from rich.prompt import Prompt

        ids = [v.id for v in lib.values]
        value = Prompt.ask(_("Which core value does it show"), choices=ids, console=console(ctx))
    with open_ledger(db) as ledger:
        logged = log_gesture(ledger, lib, when, by, what, cents, customer, value, gesture, over_budget)
    typer.echo(_("Logged entry {id}: {what} by {name}.").format(id=logged.entry.id, what=logged.entry.what, name=logged.person))
    if logged.remaining_cents is None:
        typer.echo(_("No plan is recorded for {month}: `wowcoach plan --record` shows what is left.").format(month=when.strftime("%Y-%m")))
    else:
        typer.echo(_("{name} has {left} left this month.").format(name=logged.person, left=format_amount(logged.remaining_cents, logged.currency, language)))


@log_app.command("list", help=_("List the logged gestures of a month, as a table, JSON or CSV."))
def log_list(
    ctx: typer.Context,
    month: Optional[str] = typer.Option(None, "--month", help=_("The month, YYYY-MM (default: this month).")),
    by: Optional[str] = typer.Option(None, "--by", help=_("Only this person's gestures.")),
    removed: bool = typer.Option(False, "--removed", help=_("Show removed entries too (struck through).")),
    currency: Optional[str] = typer.Option(None, "--currency", help=_("Currency to show costs in when no plan is recorded.")),
    lang: Optional[str] = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table, json or csv")),
    db: Optional[Path] = DB_OPTION,
) -> None:
    from wowcoach.money import check_currency
    from wowcoach.report.types import as_dict
    from wowcoach.report.views import entry_view

    check_format(fmt, ("table", "json", "csv"))
    language = choose_lang(lang)
    lib = library(ctx)
    wanted = parse_month_text(month)
    with open_ledger(db) as ledger:
        plan = ledger.plan(wanted)
        rows = ledger.entries(wanted, by, include_removed=removed)
    cur = plan.currency if plan else check_currency(currency or "EUR")
    views = [entry_view(lib, e, cur, language) for e in rows]
    if fmt == "json":
        print_json({"entries": [as_dict(v) for v in views], "month": wanted, "currency": cur})
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        fields = ["id", "day", "by", "what", "cost_cents", "customer", "value_id", "gesture_id", "over_budget_reason",
                  "came_back", "told_others", "note", "removed_at"]
        writer.writerow(fields)
        for v in views:
            row = as_dict(v)
            writer.writerow([_csv_safe(row[f]) for f in fields])
    else:
        from wowcoach.render import terminal

        terminal.entries(console(ctx), views, _("Gestures in {month}").format(month=wanted))


def _csv_safe(value: object) -> object:
    """Keep spreadsheet programs from running a cell that starts like a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


@log_app.command("outcome", help=_("Record what a gesture did: the customer came back, told others, or a note."))
def log_outcome(
    entry_id: int = typer.Argument(..., metavar="ID", help=_("The entry's number (see `wowcoach log list`).")),
    came_back: bool = typer.Option(False, "--came-back", help=_("The customer came back.")),
    told_others: bool = typer.Option(False, "--told-others", help=_("The customer told others about it.")),
    note: Optional[str] = typer.Option(None, "--note", help=_("What happened, in a sentence.")),
    db: Optional[Path] = DB_OPTION,
) -> None:
    if not (came_back or told_others or note is not None):
        raise UsageError(_("Say what happened: --came-back, --told-others or --note TEXT."))
    with open_ledger(db) as ledger:
        entry = ledger.set_outcome(entry_id, came_back or None, told_others or None, note)
    typer.echo(_("Entry {id} updated.").format(id=entry.id))


@log_app.command("remove", help=_("Remove an entry from the month's figures; it stays in the ledger's history."))
def log_remove(
    entry_id: int = typer.Argument(..., metavar="ID", help=_("The entry's number (see `wowcoach log list`).")),
    yes: bool = typer.Option(False, "--yes", "-y", help=_("Don't ask for confirmation.")),
    db: Optional[Path] = DB_OPTION,
) -> None:
    with open_ledger(db) as ledger:
        entry = ledger.get(entry_id)
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(_("Removing needs a confirmation: add --yes when there is no terminal."))
            from rich.prompt import Confirm

            if not Confirm.ask(_("Remove entry {id} ({what}, {day})?").format(id=entry.id, what=entry.what, day=entry.day.isoformat())):
                typer.echo(_("Nothing removed."))
                raise typer.Exit(0)
        ledger.remove(entry_id)
    typer.echo(_("Entry {id} removed; it stays in the history (`wowcoach log list --removed`).").format(id=entry_id))


@app.command("review", help=_("The month against its plan: per person, per value, what came back, and questions for the team."))
def review_cmd(
    ctx: typer.Context,
    month: Optional[str] = typer.Option(None, "--month", help=_("The month, YYYY-MM (default: this month).")),
    profile_path: Optional[Path] = typer.Option(None, "--profile", help=_("Use this profile's budget if no plan is recorded.")),
    lang: Optional[str] = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table, json or markdown")),
    db: Optional[Path] = DB_OPTION,
) -> None:
    check_format(fmt, FORMATS_ALL)
    wanted = parse_month_text(month)
    output(ctx, fmt, build_review(ctx, wanted, profile_path, lang, db), "review")


def build_review(ctx, month: str, profile_path: Optional[Path], lang: Optional[str], db: Optional[Path]):
    from wowcoach.ledger.logbook import review
    from wowcoach.report.views import review_view

    lib = library(ctx)
    plan = None
    language = choose_lang(lang)
    with open_ledger(db) as ledger:
        if ledger.plan(month) is None and profile_path is not None:
            plan = stored_plan_from_profile(profile_path, month)
            language = choose_lang(lang or plan_lang(profile_path))
        data = review(ledger, lib, month, plan)
    return review_view(lib, data, language)


def plan_lang(profile_path: Path) -> str:
    from wowcoach.profile.answers import from_mapping, load

    return from_mapping(load(profile_path), str(profile_path)).lang


def stored_plan_from_profile(profile_path: Path, month: str):
    from wowcoach.planning.budget import allocate, staff_names
    from wowcoach.ledger.storage import StoredPlan
    from wowcoach.profile.answers import from_mapping, load

    profile = from_mapping(load(profile_path), str(profile_path))
    names = staff_names(profile.staff, [])
    return StoredPlan(month, profile.currency, profile.budget_cents, dict(zip(names, allocate(profile.budget_cents, len(names)))),
                      "expires", None, named=False)
