"""Browsing commands (`cases ...`, `values ...`, `data check`): thin over report/browse.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup

from wowcoach.cli.common import FORMATS_ALL, FORMATS_TABLE_JSON, LANG_OPTION, check_format, session
from wowcoach.cli.completion import complete_case, complete_sector, complete_value
from wowcoach.i18n import _

if TYPE_CHECKING:
    from wowcoach.knowledge.library import Library

cases_app = typer.Typer(cls=TyperGroup, help=_("Browse the stories in the knowledge base."), no_args_is_help=True)
values_app = typer.Typer(cls=TyperGroup, help=_("Zappos' 10 core values and their yes/no checklists."), no_args_is_help=True)
data_app = typer.Typer(cls=TyperGroup, help=_("Check the knowledge base files."), no_args_is_help=True)

CASE_ID = typer.Argument(..., metavar="ID", help=_("The story's id, e.g. zappos-pizza."), autocompletion=complete_case)
VALUE_ID = typer.Argument(..., metavar="ID", help=_("The value's id, e.g. deliver-wow."), autocompletion=complete_value)
FORMAT_TABLE_JSON = typer.Option("table", "--format", help=_("table or json"))
FORMAT_ALL = typer.Option("table", "--format", help=_("table, json or markdown"))


def browse(ctx: typer.Context, fmt: str, formats: tuple[str, ...], lang: str | None, core: Callable[[Library, str], object]) -> None:
    """Check --format, call `core(library, language)` and show its result."""
    from wowcoach.render.output import output

    check_format(fmt, formats)
    s = session(ctx)
    output(s.env, core(s.sources.library, s.env.choose_language(lang)), fmt)  # type: ignore[arg-type]


@cases_app.command("list", help=_("List the stories, optionally filtered by value, sector or situation."))
def cases_list(
    ctx: typer.Context,
    value: str | None = typer.Option(None, "--value", help=_("Only stories showing this value id."), autocompletion=complete_value),
    sector: str | None = typer.Option(None, "--sector", help=_("Only stories from this sector id."), autocompletion=complete_sector),
    situation: str | None = typer.Option(None, "--situation", help=_("Only stories with this situation tag.")),
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table or json")),
) -> None:
    from wowcoach.report.browse import list_cases

    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, lambda library, language: list_cases(library, language, value, sector, situation))


@cases_app.command("show", help=_("Show one story in full, with ideas for your shop."))
def cases_show(ctx: typer.Context, case_id: str = CASE_ID, lang: str | None = LANG_OPTION, fmt: str = FORMAT_ALL) -> None:
    from wowcoach.report.browse import show_case

    browse(ctx, fmt, FORMATS_ALL, lang, lambda library, language: show_case(library, case_id, language))


@values_app.command("list", help=_("List Zappos' 10 core values and what each means for a small shop."))
def values_list(ctx: typer.Context, lang: str | None = LANG_OPTION, fmt: str = FORMAT_TABLE_JSON) -> None:
    from wowcoach.report.browse import list_values

    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, list_values)


@values_app.command("show", help=_("Show one value with its checklist questions and example actions."))
def values_show(ctx: typer.Context, value_id: str = VALUE_ID, lang: str | None = LANG_OPTION, fmt: str = FORMAT_TABLE_JSON) -> None:
    from wowcoach.report.browse import show_value

    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, lambda library, language: show_value(library, value_id, language))


@values_app.command("checklist", help=_("Answer the yes/no questions; see a score per value and what to work on first."))
def values_checklist(
    ctx: typer.Context,
    answers: Path | None = typer.Option(None, "--answers", help=_("A YAML file of question-id: yes/no; runs without prompts.")),
    lang: str | None = LANG_OPTION,
    fmt: str = typer.Option("table", "--format", help=_("table or json")),
) -> None:
    from wowcoach.report.browse import checklist

    console = lambda: session(ctx).env.console  # noqa: E731 - made only when a question is asked
    browse(ctx, fmt, FORMATS_TABLE_JSON, lang, lambda library, language: checklist(library, language, answers, console))


@data_app.command("check", help=_("Validate the shipped data, or your own cases and values files."))
def data_check(
    ctx: typer.Context,
    paths: list[Path] | None = typer.Argument(None, metavar="[PATH]...", help=_("Files to check (default: the shipped data).")),
) -> None:
    from wowcoach.render.output import output
    from wowcoach.report.browse import check_data

    output(session(ctx).env, check_data(list(paths or [])))
