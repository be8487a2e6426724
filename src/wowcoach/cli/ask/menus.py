"""Questions at a terminal: a profile question, a numbered menu, yes/no, one follow-up choice.
Each reads answers as the profile's choices do (number, label, its start, id) and explains an
answer it can't use before asking again, a bounded number of times.

Labels, questions, defaults and the messages about an answer may come from a consultant's file
or quote what was typed, so every text shown here is a `Text` of cleaned text (`_text`): no
escape code reaches the terminal and no "[...]" is read as Rich markup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.columns import Columns
from rich.console import Console
from rich.text import Text

from wowcoach.cli.ask.prompts import MAX_TRIES, BoundedPrompt, too_many_tries
from wowcoach.errors import DataError, UsageError
from wowcoach.i18n import Translator
from wowcoach.knowledge.library import Library
from wowcoach.profile.choices import Choices, fold, yes_no
from wowcoach.profile.questions import InterviewQuestion
from wowcoach.textclean import clean


def _text(text: str, style: str = "") -> Text:
    return Text(clean(text), style=style)


def show_menu(console: Console, options: list[tuple[str, str]], extra: str | None = None) -> None:
    """The choices numbered, in columns: a long list stays on a few lines."""
    items = [_text(f"{i}. {label}") for i, (_id, label) in enumerate(options, start=1)]
    if extra is not None:
        items.append(_text(f"{len(options) + 1}. {extra}"))
    console.print(Columns(items, padding=(0, 3)))


def ask_question(
    console: Console, t: Translator, q: InterviewQuestion, default: Any, check: Callable[[Any], Any], answers: dict[str, Any]
) -> Any:
    """Ask until the answer is valid; an invalid answer is explained, then asked again. A choice
    shows its numbered menu once, and its default by label."""
    shown = "" if default is None else str(default)
    console.print(_text(t(q.help(answers)), style="dim"))
    if q.choices is not None:
        show_menu(console, q.choices.options(t))
        shown = q.choices.label(shown, t) if shown else shown
    for _try in range(MAX_TRIES):
        raw = BoundedPrompt.ask(_text(t(q.prompt), style="bold"), console=console, default=shown, show_default=bool(shown))
        try:
            value = q.parse(raw, t)
            check(value)
            return value
        except (UsageError, DataError) as exc:
            console.print(_text(exc.translate(t), style="red"))
    raise too_many_tries()


def ask_choice(console: Console, t: Translator, prompt: str, choices: Choices) -> str:
    """A numbered menu, then an answer read as every choice is (number, name, its start, id)."""
    show_menu(console, choices.options(t))
    for _try in range(MAX_TRIES):
        raw = BoundedPrompt.ask(_text(prompt, style="bold"), console=console)
        try:
            return choices.resolve(raw, t)
        except UsageError as exc:
            console.print(_text(exc.translate(t), style="red"))
    raise too_many_tries()


def choose(console: Console, t: Translator, question: str, options: list[tuple[str, str]]) -> str | None:
    """One question with numbered choices, read like every choice of the interview (number, label
    or its start); None when the owner presses Enter or picks "none of these"."""
    none = len(options) + 1
    menu = Choices(lambda _t: options)
    console.print(_text(question, style="bold"))
    show_menu(console, options, t("none of these"))
    for _try in range(MAX_TRIES):
        raw = BoundedPrompt.ask(_text(t("Number"), style="bold"), console=console, default="", show_default=False).strip()
        if not raw or raw == str(none) or fold(raw) == fold(t("none of these")):
            return None
        try:
            return menu.resolve(raw, t)
        except UsageError:
            console.print(_text(t("Type a number from 1 to {n}, or press Enter to skip.").format(n=none), style="red"))
    raise too_many_tries()


def confirm(console: Console, t: Translator, question: str | Text, default: bool | None = None) -> bool:
    """A yes/no question in the owner's language: `[j/n]` in Dutch and Danish, `[y/n]` in English."""
    prompt = Text.assemble(question if isinstance(question, Text) else _text(question), " " + t("[y/n]"))
    for _try in range(MAX_TRIES):
        raw = BoundedPrompt.ask(prompt, console=console, default="", show_default=False)
        if not raw.strip() and default is not None:
            return default
        answer = yes_no(raw)
        if answer is not None:
            return answer
        console.print(_text(t("Please answer y (yes) or n (no)."), style="red"))
    raise too_many_tries()


def ask_checklist(console: Console, t: Translator, library: Library) -> dict[str, bool]:
    """The values checklist, one yes/no question at a time, in t's language."""
    answers = {}
    for value in library.values:
        console.print(_text(f"\n{value.number}. {value.name.get(t.lang)}", style="bold cyan"))
        for q in value.questions:
            answers[q.id] = confirm(console, t, q.text.get(t.lang))
    return answers
