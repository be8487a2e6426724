"""Browsing commands (`cases ...`, `values ...`, `data check`): thin over app/browse.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from wowcoach.cli.common import FORMATS_ALL, FORMATS_TABLE_JSON, LANG_OPTION, check_format, session
from wowcoach.cli.completion import complete_case, complete_sector, complete_value
from wowcoach.cli.help import TranslatedCommand, TranslatedGroup
from wowcoach.i18n import N_

if TYPE_CHECKING:
    from wowcoach.knowledge.library import Library

cases_app = typer.Typer(cls=TranslatedGroup, help=N_("Browse the stories in the knowledge base."), no_args_is_help=True)
values_app = typer.Typer(cls=TranslatedGroup, help=N_("Zappos' 10 core values and their yes/no checklists."), no_args_is_help=True)
data_app = typer.Typer(cls=TranslatedGroup, help=N_("Check the knowledge base files."), no_args_is_help=True)

CASE_ID = typer.Argument(..., metavar="ID", help=N_("The story's id, e.g. zappos-pizza."), autocompletion=complete_case)
VALUE_ID = typer.Argument(..., metavar="ID", help=N_("The value's id, e.g. deliver-wow."), autocompletion=complete_value)
FORMAT_TABLE_JSON = typer.Option("table", "--format", help=N_("table or json"))
FORMAT_ALL = typer.Option("table", "--format", help=N_("table, json or markdown"))


def browse(ctx: typer.Context, fmt: str, formats: tuple[str, ...], lang: str | None, core: Callable[[Library, str], object]) -> None:
    """Check --format, call `core(library, language)` and show its result."""
    from wowcoach.cli.output import output

    check_format(fmt, formats)
    s = session(ctx)
    output(s.env, core(s.sources.library, s.env.choose_language(lang)), fmt)  # type: ignore[arg-type]


@cases_app.command("list", cls=TranslatedCommand, help=N_("List the stories, optionally filtered by value, sector or situation."))
def cases_list(
    ctx: typer.Context,
    value: str | None = typer.Option(None, "--value", help=N_("Only stories showing this value id."), autocompletion=complete_value),
    sector: str | None = typer.Option(None, "--sector", help=N_("Only stories from this sector id."), autocompletion=complete_sector),
    situation: str | None = typer.Option(None, "--situation", help=N_("Only stories with this situation tag.")),
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=N_("table or json")),
) -> None:
    from wowcoach.app.browse import list_cases

    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, lambda library, language: list_cases(library, language, value, sector, situation))


@cases_app.command("show", cls=TranslatedCommand, help=N_("Show one story in full, with ideas for your shop."))
def cases_show(ctx: typer.Context, case_id: str = CASE_ID, lang: str | None = LANG_OPTION, fmt: str = FORMAT_ALL) -> None:
    from wowcoach.app.browse import show_case

    browse(ctx, fmt, FORMATS_ALL, lang, lambda library, language: show_case(library, case_id, language))


@values_app.command("list", cls=TranslatedCommand, help=N_("List Zappos' 10 core values and what each means for a small shop."))
def values_list(ctx: typer.Context, lang: str | None = LANG_OPTION, fmt: str = FORMAT_TABLE_JSON) -> None:
    from wowcoach.app.browse import list_values

    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, list_values)


@values_app.command("show", cls=TranslatedCommand, help=N_("Show one value with its checklist questions and example actions."))
def values_show(ctx: typer.Context, value_id: str = VALUE_ID, lang: str | None = LANG_OPTION, fmt: str = FORMAT_TABLE_JSON) -> None:
    from wowcoach.app.browse import show_value

    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, lambda library, language: show_value(library, value_id, language))


@values_app.command(
    "checklist", cls=TranslatedCommand, help=N_("Answer the yes/no questions; see a score per value and what to work on first.")
)
def values_checklist(
    ctx: typer.Context,
    answers: Path | None = typer.Option(None, "--answers", help=N_("A YAML file of question-id: yes/no; runs without prompts.")),
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=N_("table or json")),
) -> None:
    from wowcoach.app.browse import checklist

    def ask(library: Library) -> dict[str, bool]:
        from wowcoach.cli.ask.menus import ask_checklist

        env = session(ctx).env
        return ask_checklist(env.console, env.t, library)

    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, lambda library, language: checklist(library, language, answers, ask))


@data_app.command("check", cls=TranslatedCommand, help=N_("Validate the shipped data, or your own cases and values files."))
def data_check(
    ctx: typer.Context,
    paths: list[Path] | None = typer.Argument(None, metavar="[PATH]...", help=N_("Files to check (default: the shipped data).")),
) -> None:
    from wowcoach.app.browse import check_data
    from wowcoach.cli.output import output

    env = session(ctx).env
    output(env, check_data(list(paths or []), env.t))
