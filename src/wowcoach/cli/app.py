"""The command line: parse options, call one core function, hand its result to a renderer.

Every error the core raises reaches one handler (`WowGroup.invoke`), which prints a one-line
message on stderr and exits with the documented code; nothing here computes a result.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, List, Optional

import typer
from typer.core import TyperGroup

from wowcoach import __version__
from wowcoach.errors import EXIT_DATA, EXIT_INTERRUPTED, UsageError, UserError, WowcoachError
from wowcoach.i18n import _, language_from_env, normalize, set_language

FORMATS_TABLE_JSON = ("table", "json")
FORMATS_ALL = ("table", "json", "markdown")


class WowGroup(TyperGroup):
    """The one place where errors become messages and exit codes."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except WowcoachError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail(_("Execution stopped by user."), EXIT_INTERRUPTED)
        except EOFError:
            fail(_("No answer (end of input): use --no-input and flags such as --situation to run without questions."), EXIT_DATA)
        except (typer.Exit, typer.Abort, typer._click.exceptions.ClickException, BrokenPipeError):
            raise
        except Exception as exc:  # a bug: say so briefly; the traceback only under --debug
            if (ctx.obj or {}).get("debug"):
                raise
            fail(
                _("Internal error ({kind}: {msg}). Please report it with the command you ran; --debug shows the details.").format(
                    kind=type(exc).__name__, msg=str(exc)[:200]
                ),
                EXIT_DATA,
            )


def fail(message: str, code: int) -> None:
    from rich.console import Console
    from rich.text import Text

    from wowcoach.textclean import clean

    plain = plain_wanted()
    Console(stderr=True, highlight=False, soft_wrap=True, color_system=None if plain else "auto").print(
        Text(clean(message), style="red")
    )
    raise typer.Exit(code)


app = typer.Typer(
    cls=WowGroup,
    help=_("A coach for WOW customer service in small shops: real stories, ideas, checklists and a surprise budget."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
)
cases_app = typer.Typer(cls=TyperGroup, help=_("Browse the stories in the knowledge base."), no_args_is_help=True)
values_app = typer.Typer(cls=TyperGroup, help=_("Zappos' 10 core values and their yes/no checklists."), no_args_is_help=True)
data_app = typer.Typer(cls=TyperGroup, help=_("Check the knowledge base files."), no_args_is_help=True)
app.add_typer(cases_app, name="cases")
app.add_typer(values_app, name="values")
app.add_typer(data_app, name="data")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wowcoach {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    cases: Optional[List[Path]] = typer.Option(
        None, "--cases", envvar="WOWCOACH_CASES", help=_("Your own cases file, merged over the shipped stories (repeatable)."), show_default=False
    ),
    values: Optional[Path] = typer.Option(None, "--values", envvar="WOWCOACH_VALUES", help=_("Your own values file, used instead of the shipped one.")),
    replace_cases: bool = typer.Option(False, "--replace-cases", help=_("Use only the --cases files, not the shipped stories.")),
    no_color: bool = typer.Option(False, "--no-color", help=_("No colours or styles in the output (NO_COLOR works too).")),
    debug: bool = typer.Option(False, "--debug", help=_("Show the full traceback of an internal error.")),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")),
) -> None:
    ctx.obj = {"cases": list(cases or []), "values": values, "replace": replace_cases, "no_color": no_color, "debug": debug}


# ---- shared helpers -------------------------------------------------------------------------


def state(ctx: typer.Context) -> dict[str, Any]:
    root = ctx.find_root()
    return root.obj or {}


def matcher(ctx: typer.Context):
    """The matcher over the validated library, from the cached index when it is current."""
    from wowcoach.matching.cache import open_index
    from wowcoach.knowledge.files import bundle_files
    from wowcoach.matching.rank import Matcher

    s = state(ctx)
    if s.get("replace") and not s.get("cases"):
        raise UsageError(_("--replace-cases needs at least one --cases FILE."))
    if "matcher" not in s:
        cases, values, replace = list(s.get("cases") or []), s.get("values"), bool(s.get("replace"))

        def build(path: str):
            from wowcoach.matching.load import load_bundle  # reading and checking files only when rebuilding

            return load_bundle(cases, values, replace, path)[1]

        s["matcher"] = open_index(bundle_files(cases, values), build, Matcher.open, extra=f"replace={replace}")
    return s["matcher"]


def library(ctx: typer.Context):
    return matcher(ctx).library


def plain_wanted(ctx: typer.Context | None = None) -> bool:
    """--no-color or NO_COLOR: no escape codes at all, not even bold."""
    return bool(os.environ.get("NO_COLOR")) or bool(ctx is not None and state(ctx).get("no_color"))


def console(ctx: typer.Context, stderr: bool = False):
    from rich.console import Console

    plain = plain_wanted(ctx)
    return Console(stderr=stderr, no_color=plain or None, color_system=None if plain else "auto", highlight=False)


def choose_lang(lang: Optional[str]) -> str:
    """--lang, then WOWCOACH_LANG and the locale variables, then English; also sets the interface."""
    return set_language(normalize(lang) if lang else language_from_env())


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise UsageError(_("Unknown format '{fmt}': use one of {allowed}.").format(fmt=fmt, allowed=", ".join(allowed)))
    return fmt


def output(ctx: typer.Context, fmt: str, report: Any, renderer: str) -> None:
    """One result object, shown as JSON, Markdown or on the terminal; `renderer` names the
    function of that name in render/markdown.py and render/terminal.py."""
    if fmt == "json":
        print_json(report.to_json())
    elif fmt == "markdown":
        from wowcoach.render import markdown

        sys.stdout.write(getattr(markdown, renderer)(report) + "\n")
    else:
        from wowcoach.render import terminal

        getattr(terminal, renderer)(console(ctx), report)


def print_json(data: Any) -> None:
    # Escape non-ASCII where the output can't carry it, rather than lose characters.
    utf8 = (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8"
    sys.stdout.write(json.dumps(data, ensure_ascii=not utf8, indent=2) + "\n")


LANG_OPTION = typer.Option(None, "--lang", help=_("Language of the stories: en, nl or da (default: WOWCOACH_LANG, then LANG)."), show_default=False)


# ---- cases ----------------------------------------------------------------------------------


@cases_app.command("list", help=_("List the stories, optionally filtered by value, sector or situation."))
def cases_list(
    ctx: typer.Context,
    value: Optional[str] = typer.Option(None, "--value", help=_("Only stories showing this value id.")),
    sector: Optional[str] = typer.Option(None, "--sector", help=_("Only stories from this sector id.")),
    situation: Optional[str] = typer.Option(None, "--situation", help=_("Only stories with this situation tag.")),
    lang: Optional[str] = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table or json")),
) -> None:
    from wowcoach.report.browse import list_cases
    from wowcoach.report.types import as_dict

    check_format(fmt, FORMATS_TABLE_JSON)
    result = list_cases(library(ctx), choose_lang(lang), value, sector, situation)
    if fmt == "json":
        print_json({"cases": [as_dict(c) for c in result.cases]})
    else:
        from wowcoach.render import terminal

        terminal.case_list(console(ctx), result)


@cases_app.command("show", help=_("Show one story in full, with ideas for your shop."))
def cases_show(
    ctx: typer.Context,
    case_id: str = typer.Argument(..., metavar="ID", help=_("The story's id, e.g. zappos-pizza.")),
    lang: Optional[str] = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table, json or markdown")),
) -> None:
    from wowcoach.report.types import as_dict
    from wowcoach.report.views import case_view

    check_format(fmt, FORMATS_ALL)
    lib = library(ctx)
    view = case_view(lib, lib.case(case_id), choose_lang(lang))
    if fmt == "json":
        print_json(as_dict(view))
    elif fmt == "markdown":
        from wowcoach.render import markdown

        sys.stdout.write(markdown.case(view) + "\n")
    else:
        from wowcoach.render import terminal

        terminal.case(console(ctx), view)


# ---- values ---------------------------------------------------------------------------------


@values_app.command("list", help=_("List Zappos' 10 core values and what each means for a small shop."))
def values_list(ctx: typer.Context, lang: Optional[str] = LANG_OPTION, fmt: str = typer.Option("table", "--format", help=_("table or json"))) -> None:
    from wowcoach.report.types import as_dict
    from wowcoach.report.views import value_list

    check_format(fmt, FORMATS_TABLE_JSON)
    result = value_list(library(ctx), choose_lang(lang))
    if fmt == "json":
        print_json({"values": [as_dict(v) for v in result.values], "principle": result.principle, "wow_criteria": result.wow_criteria})
    else:
        from wowcoach.render import terminal

        terminal.value_list(console(ctx), result)


@values_app.command("show", help=_("Show one value with its checklist questions and example actions."))
def values_show(
    ctx: typer.Context,
    value_id: str = typer.Argument(..., metavar="ID", help=_("The value's id, e.g. deliver-wow.")),
    lang: Optional[str] = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table or json")),
) -> None:
    from wowcoach.report.types import as_dict
    from wowcoach.report.views import value_view

    check_format(fmt, FORMATS_TABLE_JSON)
    view = value_view(library(ctx).value(value_id), choose_lang(lang))
    if fmt == "json":
        print_json(as_dict(view))
    else:
        from wowcoach.render import terminal

        terminal.value(console(ctx), view)


@values_app.command("checklist", help=_("Answer the yes/no questions; see a score per value and what to work on first."))
def values_checklist(
    ctx: typer.Context,
    answers: Optional[Path] = typer.Option(None, "--answers", help=_("A YAML file of question-id: yes/no; runs without prompts.")),
    lang: Optional[str] = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table or json")),
) -> None:
    from wowcoach.report.browse import score_checklist
    from wowcoach.profile.checklist_answers import ask_answers, read_answers
    from wowcoach.report.types import as_dict

    check_format(fmt, FORMATS_TABLE_JSON)
    lib = library(ctx)
    language = choose_lang(lang)
    if answers is not None:
        given = read_answers(answers, lib)
    else:
        given = ask_answers(lib, language, console(ctx))
    result = score_checklist(lib, given, language)
    if fmt == "json":
        print_json({"scores": [dict(as_dict(s), percent=s.percent) for s in result.scores], "focus": result.focus})
    else:
        from wowcoach.render import terminal

        terminal.checklist(console(ctx), result)


# ---- data -----------------------------------------------------------------------------------


@data_app.command("check", help=_("Validate the shipped data, or your own cases and values files."))
def data_check(
    ctx: typer.Context,
    paths: Optional[List[Path]] = typer.Argument(None, metavar="[PATH]...", help=_("Files to check (default: the shipped data).")),
) -> None:
    from wowcoach.errors import DataError
    from wowcoach.knowledge.loader import check_paths

    checked, problems = check_paths(list(paths or []))
    if problems:
        raise DataError(problems)
    for path in checked:
        typer.echo(_("{path}: OK").format(path=path))


# ---- suggest --------------------------------------------------------------------------------


@app.command("suggest", help=_("Describe your shop and situation; get the closest real stories, why they match, and ideas."))
def suggest_cmd(
    ctx: typer.Context,
    shop_name: Optional[str] = typer.Option(None, "--shop-name", help=_("Your shop's name.")),
    sector: Optional[str] = typer.Option(None, "--sector", help=_("Your sector id (see `wowcoach cases list`), or other.")),
    channel: Optional[str] = typer.Option(None, "--channel", help=_("shop, online or both.")),
    staff: Optional[str] = typer.Option(None, "--staff", help=_("How many people serve customers.")),
    customers: Optional[str] = typer.Option(None, "--customers", help=_("Customers per week.")),
    budget: Optional[str] = typer.Option(None, "--budget", help=_("Monthly surprise budget, e.g. 50 or 50,00.")),
    currency: Optional[str] = typer.Option(None, "--currency", help=_("Currency code of the budget (default EUR).")),
    lang: Optional[str] = LANG_OPTION,
    situation: Optional[str] = typer.Option(None, "--situation", help=_("The situation in front of you, in en, nl or da.")),
    situation_type: Optional[str] = typer.Option(None, "--situation-type", help=_("A situation tag, e.g. late-delivery.")),
    already: Optional[str] = typer.Option(None, "--already", help=_("What you already do for customers.")),
    profile_path: Optional[Path] = typer.Option(None, "--profile", help=_("Read answers from a saved profile (flags win).")),
    save: Optional[Path] = typer.Option(None, "--save", help=_("Save the answers to this profile file.")),
    force: bool = typer.Option(False, "--force", help=_("Overwrite the --save file if it exists.")),
    no_input: bool = typer.Option(False, "--no-input", help=_("Never ask; unanswered questions take their defaults.")),
    ask: bool = typer.Option(False, "--ask", help=_("Ask even when stdin is not a terminal (answers piped in).")),
    top: int = typer.Option(3, "--top", min=1, max=50, help=_("How many stories to show.")),
    fmt: str = typer.Option("table", "--format", help=_("table, json or markdown")),
) -> None:
    from wowcoach.report.suggest import suggest

    check_format(fmt, FORMATS_ALL)
    lib = library(ctx)
    flags = {
        "shop_name": shop_name, "sector": sector, "channel": channel, "staff": staff, "customers": customers,
        "budget": budget, "currency": currency, "lang": lang, "situation": situation,
        "situation_type": situation_type, "already": already,
    }
    profile = collect_profile(ctx, lib, flags, profile_path, no_input, ask)
    if save is not None:
        from wowcoach.profile.answers import save as save_profile

        save_profile(profile, save, force=force)
        typer.echo(_("Saved your answers to {path}.").format(path=save), err=True)
    report = suggest(lib, matcher(ctx), profile, top=top)
    output(ctx, fmt, report, "suggestions")


def collect_profile(ctx, lib, flags, profile_path, no_input: bool, ask: bool, ask_fields=None):
    """Answers from flags, a saved profile and (on a terminal) questions; sets the language."""
    from wowcoach.profile import interview

    set_language(normalize(flags.get("lang")) or language_from_env())
    interactive = ask or (not no_input and sys.stdin.isatty())
    if not interactive and not no_input:
        typer.echo(_("stdin is not a terminal: not asking questions (as with --no-input)."), err=True)
    profile = interview.collect(lib, flags, profile_path, interactive, lambda: console(ctx), ask_fields)
    set_language(profile.lang)
    return profile


def plan_request(profile, staff_names_: list[str], month: Optional[str], policy: str, cap: Optional[str], staff_flag: Optional[str]):
    from datetime import date

    from wowcoach.planning.budget import next_month, parse_month, staff_names
    from wowcoach.money import parse_amount
    from wowcoach.report.plan import PlanRequest

    count = profile.staff if staff_flag is not None or not staff_names_ else None
    return PlanRequest(
        shop_name=profile.shop_name,
        budget_cents=profile.budget_cents,
        currency=profile.currency,
        staff=staff_names(count, staff_names_),
        month=parse_month(month) if month else next_month(date.today()),
        customers_per_week=profile.customers,
        policy=policy,
        cap_cents=parse_amount(cap) if cap is not None else None,
        lang=profile.lang,
    )


POLICY_OPTION = typer.Option("expires", "--policy", help=_("What happens to unspent budget: expires or rolls-over."))
CAP_OPTION = typer.Option(None, "--cap", help=_("Most one gesture may cost per customer, without approval (e.g. 25)."))
MONTH_OPTION = typer.Option(None, "--month", help=_("The month to plan, YYYY-MM (default: next month)."))
STAFF_NAME_OPTION = typer.Option(None, "--staff-name", help=_("A person's name (repeat for each); instead of --staff."))


@app.command("plan", help=_("Plan a monthly surprise budget: allowances, a gesture mix, weekly focus and the month-end review."))
def plan_cmd(
    ctx: typer.Context,
    budget: Optional[str] = typer.Option(None, "--budget", help=_("Monthly surprise budget, e.g. 250 or 1.234,56.")),
    currency: Optional[str] = typer.Option(None, "--currency", help=_("Currency code of the budget (default EUR).")),
    staff: Optional[str] = typer.Option(None, "--staff", help=_("How many people get an allowance.")),
    staff_name: Optional[List[str]] = STAFF_NAME_OPTION,
    month: Optional[str] = MONTH_OPTION,
    customers: Optional[str] = typer.Option(None, "--customers", help=_("Customers per week.")),
    policy: str = POLICY_OPTION,
    cap: Optional[str] = CAP_OPTION,
    shop_name: Optional[str] = typer.Option(None, "--shop-name", help=_("Your shop's name.")),
    lang: Optional[str] = LANG_OPTION,
    profile_path: Optional[Path] = typer.Option(None, "--profile", help=_("Read answers from a profile saved by `wowcoach suggest --save`.")),
    no_input: bool = typer.Option(False, "--no-input", help=_("Never ask; unanswered questions take their defaults.")),
    ask: bool = typer.Option(False, "--ask", help=_("Ask even when stdin is not a terminal (answers piped in).")),
    record: bool = typer.Option(False, "--record", help=_("Keep the plan in the ledger, so `log add` and `review` can use it.")),
    force: bool = typer.Option(False, "--force", help=_("With --record: replace a plan already recorded for the month.")),
    db: Optional[Path] = typer.Option(None, "--db", help=_("The ledger file for --record (default: WOWCOACH_DB, then your user data folder).")),
    fmt: str = typer.Option("table", "--format", help=_("table, json or markdown")),
) -> None:
    from wowcoach.report.plan import build_plan

    check_format(fmt, FORMATS_ALL)
    lib = library(ctx)
    flags = {"shop_name": shop_name, "staff": staff, "customers": customers, "budget": budget, "currency": currency, "lang": lang}
    fields = ("shop_name", "budget", "lang") + (() if staff_name else ("staff",)) + ("customers",)
    profile = collect_profile(ctx, lib, flags, profile_path, no_input, ask, fields)
    request = plan_request(profile, list(staff_name or []), month, policy, cap, staff)
    report = build_plan(lib, request)
    if record:
        from wowcoach.cli.ledger_commands import open_ledger
        from wowcoach.ledger.storage import StoredPlan

        stored = StoredPlan(report.month, report.currency, report.budget_cents, {a.name: a.cents for a in report.allowances},
                            report.policy, report.cap_cents, named=bool(staff_name))
        with open_ledger(db) as ledger:
            ledger.save_plan(stored, replace=force)
            where = ledger.path
        typer.echo(_("Recorded the plan for {month} in {path}.").format(month=report.month, path=where), err=True)
    output(ctx, fmt, report, "plan")


@app.command("export", help=_("Write a Markdown document for a client: suggestions, values checklist and the month's plan."))
def export_cmd(
    ctx: typer.Context,
    profiles: List[Path] = typer.Option(..., "--profile", help=_("A client's profile (repeat, with --out-dir, for several clients).")),
    out: Optional[str] = typer.Option(None, "-o", "--output", help=_("The file to write; - writes to stdout.")),
    out_dir: Optional[Path] = typer.Option(None, "--out-dir", help=_("Folder for one file per client, named after each profile.")),
    force: bool = typer.Option(False, "--force", help=_("Overwrite files that exist.")),
    staff_name: Optional[List[str]] = STAFF_NAME_OPTION,
    month: Optional[str] = MONTH_OPTION,
    policy: str = POLICY_OPTION,
    cap: Optional[str] = CAP_OPTION,
    top: int = typer.Option(3, "--top", min=1, max=20, help=_("How many stories to include.")),
    on: Optional[str] = typer.Option(None, "--date", help=_("The date on the document, YYYY-MM-DD (default: today).")),
    db: Optional[Path] = typer.Option(None, "--db", help=_("A ledger: adds the review of the month before the plan's month.")),
) -> None:
    from datetime import date

    from wowcoach.report.export import build_export
    from wowcoach.profile.answers import from_mapping, load
    from wowcoach.render import markdown
    from wowcoach.safeio import write_atomic

    if (out is None) == (out_dir is None):
        raise UsageError(_("Give either -o FILE (or -o - for stdout) or --out-dir DIR."))
    try:
        today = date.fromisoformat(on) if on else date.today()
    except ValueError:
        raise UsageError(_("'{text}' is not a date: write it as YYYY-MM-DD.").format(text=on)) from None
    if out is not None and len(profiles) > 1:
        raise UsageError(_("Several --profile files need --out-dir DIR: one file per client."))
    lib = library(ctx)
    match = matcher(ctx)
    # Read and check every profile first, so a broken one stops the run before any file is written.
    jobs = []
    profile_path_of = {}
    for path in profiles:
        profile = from_mapping(load(path), str(path))
        profile_path_of[id(profile)] = path
        target = None if out == "-" else Path(out) if out else out_dir / (path.stem + ".md")
        if target is not None and target.exists() and not force:
            raise UserError(_("{path} already exists: use --force to overwrite it.").format(path=target))
        jobs.append((profile, target))
    if out_dir is not None and not out_dir.is_dir():
        raise UserError(_("The folder {folder} does not exist: create it first.").format(folder=out_dir))

    def render(profile) -> str:
        set_language(profile.lang)
        request = plan_request(profile, list(staff_name or []), month, policy, cap, None)
        review = None
        if db is not None:
            from wowcoach.cli.ledger_commands import build_review
            from wowcoach.ledger.logbook import previous_month

            review = build_review(ctx, previous_month(request.month.strftime("%Y-%m")), profile_path_of[id(profile)], profile.lang, db)
        return markdown.document(build_export(lib, match, profile, request, today, top=top, review=review))

    if out == "-":
        sys.stdout.write(render(jobs[0][0]))
        return
    from rich.progress import Progress

    with Progress(console=console_err(ctx), transient=True, disable=len(jobs) < 2) as progress:
        task = progress.add_task(_("Writing"), total=len(jobs))
        for profile, target in jobs:
            write_atomic(target, render(profile), force=force)
            progress.advance(task)
    for _profile, target in jobs:
        typer.echo(_("Wrote {path}.").format(path=target), err=True)


def console_err(ctx: typer.Context):
    return console(ctx, stderr=True)


def main() -> None:
    """Entry point of the `wowcoach` command."""
    for stream in (sys.stdout, sys.stderr):
        # An ASCII or Latin-1 terminal gets '?' for what it can't show, not a crash.
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        app()
    except BrokenPipeError:
        # `wowcoach cases list | head -1`: the reader left; leave quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)


# The ledger commands register themselves on `app`.
from wowcoach.cli import ledger_commands  # noqa: E402,F401

if __name__ == "__main__":
    main()
