"""Collect a Profile from a saved profile, flags and (when allowed) questions.

Precedence: flags, then the saved profile, then the question's default. Questions are only
asked for what is still open; with no terminal every answer falls back to its stated default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from wowcoach.errors import DataError, UsageError
from wowcoach.i18n import _, current_language, language_from_env, normalize
from wowcoach.profile import answers as profiles
from wowcoach.knowledge.library import Library
from wowcoach.profile.answers import Profile
from wowcoach.profile.questions import build_questions


def _default(field: str, saved: dict[str, Any]) -> Any:
    if field in saved:
        return saved[field]
    if field == "budget":
        return f"{profiles.default('budget_cents') // 100}"
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
    return interview.ask or (not interview.no_input and io.stdin_isatty)


def choose(console: Any, question: str, choices: list[tuple[str, str]]) -> str | None:
    """One question with numbered choices; the id of the one picked (by number or by the start
    of its label), or None when the owner presses Enter or picks "none of these"."""
    from rich.prompt import Prompt
    from rich.text import Text

    from wowcoach.profile.prompts import MAX_TRIES, too_many_tries

    none = len(choices) + 1
    console.print(Text(question, style="bold"))
    for i, (_id, label) in enumerate(choices, start=1):
        console.print(Text(f"  {i}. {label}"))
    console.print(Text(f"  {none}. " + _("none of these")))
    for _try in range(MAX_TRIES):
        raw = Prompt.ask(Text(_("Number"), style="bold"), console=console, default="", show_default=False).strip()
        if not raw or raw == str(none):
            return None
        if raw.isdigit() and 1 <= int(raw) <= len(choices):
            return choices[int(raw) - 1][0]
        fitting = [tag for tag, label in choices if label.casefold().startswith(raw.casefold())]
        if len(fitting) == 1:
            return fitting[0]
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
    questions = build_questions(list(library.sectors), list(library.situations))
    answers: dict[str, Any] = {}
    # Flags are checked with the same validators as typed answers; a bad flag is bad usage.
    for q in questions:
        if flags.get(q.field) is not None:
            answers[q.field] = q.parse(flags[q.field])
    if flags.get("currency") is not None:
        answers["currency"] = flags["currency"]
    if "lang" in answers:
        io.use_language(answers["lang"])
    elif "lang" in saved and normalize(str(saved["lang"])):
        io.use_language(str(saved["lang"]))
    con = None  # made on the first question: a run without questions never loads Rich's prompts
    for q in questions:
        if q.field in answers or not q.when(answers):
            continue
        if not asking or (ask_fields is not None and q.field not in ask_fields):
            continue  # saved answers and defaults apply below
        default = _default(q.field, saved)
        con = con or io.console()
        answers[q.field] = ask(con, q, default)
        if q.field == "lang":
            io.use_language(answers["lang"])
    merged = {**saved, **answers}
    # Without an answer, the language is the one the interface already speaks (--lang, LANG).
    merged.setdefault("lang", current_language())
    merged.setdefault("shop_name", _("My shop"))
    if "budget" in answers:  # parsed already: cents, not the text a profile file holds
        merged["budget_cents"] = merged.pop("budget")
    if profile_path is None:
        return profiles.from_answers(merged)  # every answer came through a question's parser
    return profiles.from_mapping(merged, source)


def ask(console: Any, q: Any, default: Any) -> Any:
    """Ask until the answer is valid; an invalid answer is explained, then asked again."""
    from rich.text import Text

    from wowcoach.profile.prompts import MAX_TRIES, BoundedPrompt as Prompt, too_many_tries

    shown = "" if default is None else str(default)
    for _try in range(MAX_TRIES):
        console.print(Text(q.help(), style="dim"))
        if q.choices is not None:
            console.print(Text(_("Choices: {choices}").format(choices=", ".join(q.choices())), style="dim"))
        raw = Prompt.ask(Text(q.prompt(), style="bold"), console=console, default=shown, show_default=bool(shown))
        try:
            return q.parse(raw)
        except (UsageError, DataError) as exc:
            console.print(Text(str(exc), style="red"))
    raise too_many_tries()
