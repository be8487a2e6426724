"""The coaching commands (`suggest`, `plan`, `export`): thin over app/advice.py,
app/plan.py and app/export.py. `register` puts them on the app."""

from __future__ import annotations

from pathlib import Path

import typer

from wowcoach import formats
from wowcoach.cli.common import interview_io, session
from wowcoach.cli.completion import complete_case, complete_sector, complete_situation
from wowcoach.cli.options import (
    ASK_OPTION,
    CAP_OPTION,
    CONSULTANT_OPTION,
    DATE_OPTION,
    LANG_OPTION,
    MONTH_OPTION,
    NEW_SHOP_OPTION,
    NO_INPUT_OPTION,
    POLICY_OPTION,
    SHOP_OPTION,
    STAFF_NAME_OPTION,
    command,
    output_format,
)
from wowcoach.i18n import N_


@output_format(*formats.DOCUMENT)
def suggest_cmd(
    ctx: typer.Context,
    shop_name: str | None = typer.Option(None, "--shop-name", help=N_("Your shop's name.")),
    sector: str | None = typer.Option(
        None, "--sector", help=N_("Your sector: its name or id (see `wowcoach cases list`), or other."), autocompletion=complete_sector
    ),
    channel: str | None = typer.Option(None, "--channel", help=N_("shop, online or both.")),
    staff: str | None = typer.Option(None, "--staff", metavar="<int>", help=N_("How many people serve customers.")),
    customers: str | None = typer.Option(None, "--customers", metavar="<int>", help=N_("Customers per week.")),
    budget: str | None = typer.Option(None, "--budget", metavar="<amount>", help=N_("Monthly surprise budget, e.g. 50 or 50,00.")),
    currency: str | None = typer.Option(None, "--currency", help=N_("Currency code of the budget (default: your country's, else EUR).")),
    lang: str | None = LANG_OPTION,
    situation: str | None = typer.Option(None, "--situation", help=N_("The situation in front of you, in en, nl or da.")),
    situation_type: str | None = typer.Option(
        None, "--situation-type", help=N_("A situation tag, e.g. late-delivery."), autocompletion=complete_situation
    ),
    already: str | None = typer.Option(None, "--already", help=N_("What you already do for customers.")),
    profile_path: Path | None = typer.Option(None, "--profile", help=N_("Read answers from a saved profile (flags win).")),
    save: Path | None = typer.Option(None, "--save", help=N_("Save the answers to this profile file.")),
    force: bool = typer.Option(False, "--force", help=N_("Overwrite the --save file if it exists.")),
    no_input: bool = NO_INPUT_OPTION,
    ask: bool = ASK_OPTION,
    top: int = typer.Option(3, "--top", min=1, max=50, help=N_("How many stories to show.")),
    fmt: str = "table",
) -> None:
    from wowcoach.app.advice import advise, offer_to_save
    from wowcoach.cli.output import output
    from wowcoach.profile.interview import Interview, InterviewFlags

    s = session(ctx)
    interview = Interview(InterviewFlags.of(locals()), profile_path, no_input, ask)
    io = interview_io(s.env)
    report = advise(s.sources, interview, io, top=top, save=save, force=force, may_ask=fmt == "table")
    output(s.env, report, fmt)
    if save is None and fmt == "table":
        offer_to_save(s.sources, report, interview, io)


@output_format(*formats.DOCUMENT)
def plan_cmd(
    ctx: typer.Context,
    budget: str | None = typer.Option(None, "--budget", metavar="<amount>", help=N_("Monthly surprise budget, e.g. 250 or 1.234,56.")),
    currency: str | None = typer.Option(None, "--currency", help=N_("Currency code of the budget (default: your country's, else EUR).")),
    staff: str | None = typer.Option(None, "--staff", metavar="<int>", help=N_("How many people get an allowance.")),
    staff_name: list[str] | None = STAFF_NAME_OPTION,
    month: str | None = MONTH_OPTION,
    customers: str | None = typer.Option(None, "--customers", metavar="<int>", help=N_("Customers per week.")),
    policy: str = POLICY_OPTION,
    cap: str | None = CAP_OPTION,
    shop_name: str | None = typer.Option(None, "--shop-name", help=N_("Your shop's name.")),
    sector: str | None = typer.Option(
        None,
        "--sector",
        help=N_("Your sector, for gestures that fit it: its name, e.g. bakery or cykelhandler."),
        autocompletion=complete_sector,
    ),
    channel: str | None = typer.Option(None, "--channel", help=N_("Where customers buy: shop, online or both.")),
    lang: str | None = LANG_OPTION,
    profile_path: Path | None = typer.Option(None, "--profile", help=N_("Read answers from a profile saved by `wowcoach suggest --save`.")),
    no_input: bool = NO_INPUT_OPTION,
    ask: bool = ASK_OPTION,
    record: bool = typer.Option(False, "--record", help=N_("Keep the plan in the ledger, so `log add` and `review` can use it.")),
    force: bool = typer.Option(False, "--force", help=N_("With --record: replace a plan already recorded for the month.")),
    db: str | None = typer.Option(
        None, "--db", help=N_("The ledger for --record: a file or a postgresql:// URL (default: WOWCOACH_DB, then your user data folder).")
    ),
    shop: str | None = SHOP_OPTION,
    new_shop: bool = NEW_SHOP_OPTION,
    fmt: str = "table",
) -> None:
    from wowcoach.app.plan import PlanOptions, Recording, offer_to_record, plan_for_shop
    from wowcoach.cli.output import output
    from wowcoach.profile.interview import Interview, InterviewFlags

    s = session(ctx)
    flags = InterviewFlags.of(locals())  # the options above that answer a question; a plan has no situation
    fields = (
        ("shop_name", "sector", "channel", "currency", "budget", "lang") + (() if staff_name else ("staff", "staff_names")) + ("customers",)
    )
    interview = Interview(flags, profile_path, no_input, ask, fields)
    options = PlanOptions(list(staff_name or []), month, policy, cap)
    recording = Recording(db, force, shop, new_shop)
    io = interview_io(s.env)
    report = plan_for_shop(s.sources.library, interview, io, options, staff, recording if record else None)
    output(s.env, report, fmt, committed=record)
    if not record and fmt == "table":
        offer_to_record(report, interview, io, recording)


@output_format(*formats.EXPORT, help=N_("The document's format; pdf needs WeasyPrint."))
def export_cmd(
    ctx: typer.Context,
    profiles: list[Path] = typer.Option(..., "--profile", help=N_("A client's profile (repeat for several clients).")),
    out: str | None = typer.Option(
        None, "-o", "--output", help=N_("The file to write; - writes to stdout (default: beside the profile, e.g. vandijk.md).")
    ),
    out_dir: Path | None = typer.Option(None, "--out-dir", help=N_("Folder for one file per client, named after each profile.")),
    force: bool = typer.Option(False, "--force", help=N_("Overwrite files that exist.")),
    staff_name: list[str] | None = typer.Option(
        None, "--staff-name", help=N_("A person's name (repeat for each), instead of the names or the head count in the profile.")
    ),
    month: str | None = MONTH_OPTION,
    policy: str = POLICY_OPTION,
    cap: str | None = CAP_OPTION,
    top: int = typer.Option(3, "--top", min=1, max=20, help=N_("How many stories to include.")),
    story: list[str] | None = typer.Option(
        None,
        "--story",
        help=N_("A story to include, by its id (repeat; in this order, instead of the best matches)."),
        autocompletion=complete_case,
    ),
    action: list[str] | None = typer.Option(
        None, "--action", help=N_("An action for the summary, as WHO:WEEK:WHAT (repeat; instead of three from the stories' ideas).")
    ),
    on: str | None = DATE_OPTION,
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="WOWCOACH_DB",
        show_envvar=False,
        help=N_("A ledger (default: WOWCOACH_DB): adds the review of the month before the plan's month."),
    ),
    consultant: Path | None = CONSULTANT_OPTION,
    no_review: bool = typer.Option(False, "--no-review", help=N_("Leave last month's review out, even with a ledger.")),
    no_checklist: bool = typer.Option(False, "--no-checklist", help=N_("Leave the values checklist out.")),
    no_situation: bool = typer.Option(False, "--no-situation", help=N_("Leave the situation text out (it may name a customer).")),
    full_checklist: bool = typer.Option(False, "--full-checklist", help=N_("Add every value's questions as an appendix.")),
    fmt: str = "markdown",
) -> None:
    from wowcoach.app.export import DocumentChoices, ExportRequest, prepare_export
    from wowcoach.app.plan import PlanOptions
    from wowcoach.cli.collector import long_run
    from wowcoach.cli.output import write_export
    from wowcoach.results.export import Parts

    long_run()  # Python's own collector setting (cli/collector.py): many documents, or a PDF, whose trees are full of cycles
    s = session(ctx)
    options = PlanOptions(list(staff_name or []), month, policy, cap)
    parts = Parts(review=not no_review, checklist=not no_checklist, situation=not no_situation, full_checklist=full_checklist)
    choices = DocumentChoices(list(story or []), list(action or []), parts, consultant)
    request = ExportRequest(list(profiles), out, out_dir, force, options, top, on, db or None, fmt, choices=choices)
    write_export(s.env, prepare_export(s.sources, request))


def register(app: typer.Typer, only: str | None = None) -> None:
    """Put the coaching commands on the app, or only the one named `only`."""
    if only in (None, "suggest"):
        command(app, "suggest", N_("Describe your shop and situation; get the closest real stories, why they match, and ideas."))(
            suggest_cmd
        )
    if only in (None, "plan"):
        command(app, "plan", N_("Plan a monthly surprise budget: allowances, a gesture mix, weekly focus and the month-end review."))(
            plan_cmd
        )
    if only in (None, "export"):
        command(
            app,
            "export",
            N_(
                "Write a document for a client (Markdown, HTML or PDF): a summary with the month's actions, last month's review, the plan, stories and ideas, and the values checklist."
            ),
        )(export_cmd)
