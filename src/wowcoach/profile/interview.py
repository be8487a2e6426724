"""Collect a Profile from a saved profile, flags and (when allowed) questions.

Precedence: flags, then the saved profile, then the question's default. Questions are only
asked for what is still open; with no terminal every answer falls back to its stated default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wowcoach.errors import DataError, Problem, UsageError
from wowcoach.i18n import _, current_language, language_from_env, normalize, territory_from_env
from wowcoach.knowledge.library import Library
from wowcoach.money import check_currency, default_currency
from wowcoach.profile import answers as profiles
from wowcoach.profile.answers import Profile
from wowcoach.profile.choices import Choices, fold, show_menu
from wowcoach.profile.questions import budget_in, build_questions


def _default(field: str, saved: dict[str, Any], answers: dict[str, Any]) -> Any:
    """The answer Enter gives: the saved one, else one that follows the owner's language and country."""
    if field == "staff_names":
        names = saved.get(field) or ()
        return ", ".join(str(n) for n in names) if isinstance(names, (list, tuple)) else str(names)
    if field in saved:
        return saved[field]
    if field == "budget":
        return f"{profiles.default('budget_cents') // 100}"
    if field == "lang":
        return current_language()
    if field == "shop_name":
        return _("My shop")
    if field == "channel" and answers.get("sector") == "web-shop":
        return "online"
    if field == "currency":
        return default_currency(territory_from_env())
    return profiles.default(field)


@dataclass(frozen=True)
class Interview:
    """Where the answers come from: flags (None when not given), a saved profile, and
    questions unless `no_input`; `ask` asks even without a terminal (answers piped in)."""

    flags: dict[str, Any]
    profile_path: Path | None = None
    no_input: bool = False
    ask: bool = False
    ask_fields: tuple[str, ...] | None = None  # limits the questions asked (a plan needs no situation)


@dataclass(frozen=True)
class InterviewIO:
    """The user's side, given by the command line: whether stdin is a terminal, the console
    to ask on (made on the first question), the language switch and side notes on stderr."""

    stdin_isatty: bool
    console: Callable[[], Any]
    use_language: Callable[[str | None], str]
    note: Callable[[str], None]


def collect(library: Library, interview: Interview, io: InterviewIO) -> Profile:
    """The profile, asking only for what is still open; the profile's language ends active."""
    flags, profile_path = interview.flags, interview.profile_path
    io.use_language(normalize(flags.get("lang")) or language_from_env())
    asking = interactive(interview, io)
    if not asking and not interview.no_input:
        io.note(_("stdin is not a terminal: not asking questions (as with --no-input)."))
    profile = _collect(library, flags, profile_path, asking, io, interview.ask_fields)
    io.use_language(profile.lang)
    return profile


def interactive(interview: Interview, io: InterviewIO) -> bool:
    """Questions are asked at a terminal, unless a saved profile gives the answers (--ask asks anyway)."""
    return interview.ask or (not interview.no_input and io.stdin_isatty and interview.profile_path is None)


def choose(console: Any, question: str, choices: list[tuple[str, str]]) -> str | None:
    """One question with numbered choices, read like every choice of the interview (number, label
    or its start); None when the owner presses Enter or picks "none of these"."""
    from rich.prompt import Prompt
    from rich.text import Text

    from wowcoach.profile.prompts import MAX_TRIES, too_many_tries

    none = len(choices) + 1
    menu = Choices(lambda: choices)
    console.print(Text(question, style="bold"))
    show_menu(console, choices, _("none of these"))
    for _try in range(MAX_TRIES):
        raw = Prompt.ask(Text(_("Number"), style="bold"), console=console, default="", show_default=False).strip()
        if not raw or raw == str(none) or fold(raw) == fold(_("none of these")):
            return None
        try:
            return menu.resolve(raw)
        except UsageError:
            console.print(Text(_("Type a number from 1 to {n}, or press Enter to skip.").format(n=none), style="red"))
    raise too_many_tries()  # answers piped in that never fit


def _collect(
    library: Library,
    flags: dict[str, Any],
    profile_path: Path | None,
    asking: bool,
    io: InterviewIO,
    ask_fields: tuple[str, ...] | None,
) -> Profile:
    saved = profiles.load(profile_path) if profile_path else {}
    source = str(profile_path) if profile_path else "profile"
    questions = build_questions(library.sectors, library.situations, situation_words)
    answers: dict[str, Any] = {}
    # Flags are checked with the same validators as typed answers; a bad flag is bad usage.
    for q in questions:
        if flags.get(q.field) is not None:
            answers[q.field] = q.parse(flags[q.field])
    budget_in(answers, _saved_currency(saved, source))
    if "lang" in answers:
        io.use_language(answers["lang"])
    elif "lang" in saved and normalize(str(saved["lang"])):
        io.use_language(str(saved["lang"]))
    con = None  # made on the first question: a run without questions never loads Rich's prompts
    for q in questions:
        if q.field in answers or not q.when(answers):
            continue
        if not asking or (ask_fields is not None and q.field not in ask_fields) or (ask_fields is None and q.plan_only):
            continue  # saved answers and defaults apply below
        default = _default(q.field, saved, answers)
        if con is None:
            from rich.text import Text

            con = io.console()
            con.print(
                Text(
                    _(
                        "A few questions about your shop, to find stories and ideas that fit it. Enter takes the answer in brackets; Ctrl-C stops."
                    ),
                    style="bold",
                )
            )
        fallback = _saved_currency(saved, source)
        answers[q.field] = ask(
            con, q, default, lambda value, q=q, fallback=fallback: budget_in({**answers, q.field: value}, fallback), {**saved, **answers}
        )
        budget_in(answers, fallback)  # a budget written in a currency none was chosen for brings its own
        if q.field == "lang":
            io.use_language(answers["lang"])
    merged = {**saved, **answers}
    # Without an answer, the language is the one the interface already speaks (--lang, LANG).
    merged.setdefault("lang", current_language())
    merged.setdefault("shop_name", _("My shop"))
    merged.setdefault("currency", default_currency(territory_from_env()))
    if "budget" in answers:  # parsed already: cents, not the text a profile file holds
        merged["budget_cents"] = merged.pop("budget").cents
    if profile_path is None:
        return profiles.from_answers(merged)  # every answer came through a question's parser
    return profiles.from_mapping(merged, source)


def situation_words() -> dict[str, str]:
    """Everyday words for a situation type ('verjaardag', 'birthday'): the vocabulary's phrases
    that point to one situation only."""
    from wowcoach.knowledge.loader import load_vocabulary

    return {phrase: c.tags[0] for c in load_vocabulary() if len(c.tags) == 1 for lang in ("en", "nl", "da") for phrase in getattr(c, lang)}


def _saved_currency(saved: dict[str, Any], source: str) -> str | None:
    if "currency" not in saved:
        return None
    try:
        return check_currency(str(saved["currency"]))
    except UsageError as exc:
        raise DataError([Problem(source, str(exc), field="currency")]) from None


def ask(console: Any, q: Any, default: Any, check: Callable[[Any], Any] = lambda value: None, answers: dict[str, Any] | None = None) -> Any:
    """Ask until the answer is valid; an invalid answer is explained, then asked again. A choice
    shows its numbered menu once, and its default by label."""
    from rich.text import Text

    from wowcoach.profile.prompts import MAX_TRIES, too_many_tries
    from wowcoach.profile.prompts import BoundedPrompt as Prompt

    shown = "" if default is None else str(default)
    console.print(Text(q.help(answers or {}), style="dim"))
    if q.choices is not None:
        show_menu(console, q.choices.options())
        shown = q.choices.label(shown) if shown else shown
    for _try in range(MAX_TRIES):
        raw = Prompt.ask(Text(q.prompt(), style="bold"), console=console, default=shown, show_default=bool(shown))
        try:
            value = q.parse(raw)
            check(value)
            return value
        except (UsageError, DataError) as exc:
            console.print(Text(str(exc), style="red"))
    raise too_many_tries()
