"""Browsing commands (`cases ...`, `values ...`, `data check`): thin over app/browse.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wowcoach import formats
from wowcoach.cli.common import session
from wowcoach.cli.completion import complete_case, complete_sector, complete_value
from wowcoach.cli.options import LANG_OPTION, command, group, output_format
from wowcoach.i18n import N_, Msg

if TYPE_CHECKING:
    from wowcoach.cli.output import Result
    from wowcoach.knowledge.library import Library

cases_app = group(N_("Browse the stories in the knowledge base."))
values_app = group(N_("Zappos' 10 core values and their yes/no checklists."))
data_app = group(N_("Check the knowledge base files."))

CASE_ID = typer.Argument(..., metavar="ID", help=N_("The story's id, e.g. zappos-pizza."), autocompletion=complete_case)
VALUE_ID = typer.Argument(..., metavar="ID", help=N_("The value's id, e.g. deliver-wow."), autocompletion=complete_value)


def browse(ctx: typer.Context, fmt: str, lang: str | None, core: Callable[[Library, str], Result]) -> None:
    """Call `core(library, language)` and show its result."""
    from wowcoach.cli.output import output

    s = session(ctx)
    output(s.env, core(s.sources.library, s.env.choose_language(lang)), fmt)


@command(cases_app, "list", N_("List the stories, optionally filtered by value, sector or situation."))
@output_format(*formats.LISTING)
def cases_list(
    ctx: typer.Context,
    value: str | None = typer.Option(
        None, "--value", help=N_("Only stories showing this value: its name or id."), autocompletion=complete_value
    ),
    sector: str | None = typer.Option(
        None,
        "--sector",
        help=N_("Only stories from this sector: its name or id (see `wowcoach cases tags`)."),
        autocompletion=complete_sector,
    ),
    situation: str | None = typer.Option(
        None, "--situation", help=N_("Only stories about this situation: its name or id (see `wowcoach cases tags`).")
    ),
    lang: str | None = LANG_OPTION,
    fmt: str = "table",
) -> None:
    from wowcoach.app.browse import list_cases

    browse(ctx, fmt, lang, lambda library, language: list_cases(library, language, value, sector, situation))


@command(cases_app, "tags", N_("The sectors and situations, by their names in your language, with how many stories each has."))
@output_format(*formats.LISTING)
def cases_tags(ctx: typer.Context, lang: str | None = LANG_OPTION, fmt: str = "table") -> None:
    from wowcoach.app.browse import list_tags

    browse(ctx, fmt, lang, list_tags)


@command(cases_app, "show", N_("Show one story in full, with ideas for your shop."))
@output_format(*formats.DOCUMENT)
def cases_show(ctx: typer.Context, case_id: str = CASE_ID, lang: str | None = LANG_OPTION, fmt: str = "table") -> None:
    from wowcoach.app.browse import show_case

    browse(ctx, fmt, lang, lambda library, language: show_case(library, case_id, language))


@command(values_app, "list", N_("List Zappos' 10 core values and what each means for a small shop."))
@output_format(*formats.LISTING)
def values_list(ctx: typer.Context, lang: str | None = LANG_OPTION, fmt: str = "table") -> None:
    from wowcoach.app.browse import list_values

    browse(ctx, fmt, lang, list_values)


@command(values_app, "show", N_("Show one value with its checklist questions and example actions."))
@output_format(*formats.LISTING)
def values_show(ctx: typer.Context, value_id: str = VALUE_ID, lang: str | None = LANG_OPTION, fmt: str = "table") -> None:
    from wowcoach.app.browse import show_value

    browse(ctx, fmt, lang, lambda library, language: show_value(library, value_id, language))


@command(values_app, "checklist", N_("Answer the yes/no questions; see a score per value and what to work on first."))
@output_format(*formats.LISTING)
def values_checklist(
    ctx: typer.Context,
    answers: Path | None = typer.Option(None, "--answers", help=N_("A YAML file of question-id: yes/no; runs without prompts.")),
    lang: str | None = LANG_OPTION,
    fmt: str = "table",
) -> None:
    from wowcoach.app.browse import checklist

    def ask(library: Library) -> dict[str, bool]:
        from wowcoach.cli.ask.menus import ask_checklist
        from wowcoach.errors import UserError

        env = session(ctx).env
        try:
            return ask_checklist(env.console, env.t, library)
        except EOFError:  # piped answers ran out: the general advice names options this command lacks
            raise UserError(Msg("No answer (end of input): give every answer in a file with --answers FILE.")) from None

    browse(ctx, fmt, lang, lambda library, language: checklist(library, language, answers, ask))


@command(data_app, "check", N_("Validate the shipped data, or your own cases and values files."))
def data_check(
    ctx: typer.Context,
    paths: list[Path] | None = typer.Argument(None, metavar="[PATH]...", help=N_("Files to check (default: the shipped data).")),
) -> None:
    from wowcoach.app.browse import check_data
    from wowcoach.cli.output import output

    env = session(ctx).env
    output(env, check_data(list(paths or []), env.t))


def register(app: typer.Typer, only: str | None = None) -> None:
    """Put the browsing groups on the app, or only the one named `only`."""
    for name, sub in (("cases", cases_app), ("values", values_app), ("data", data_app)):
        if only in (None, name):
            app.add_typer(sub, name=name)
