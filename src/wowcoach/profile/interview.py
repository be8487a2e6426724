"""Collect a Profile from a saved profile, flags and (when allowed) questions.

Precedence: flags, then the saved profile, then the question's default. Questions are only
asked for what is still open; with no terminal every answer falls back to its stated default.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from wowcoach.profile import answers as profiles
from wowcoach.errors import DataError, UsageError
from wowcoach.i18n import _, current_language, normalize, set_language
from wowcoach.knowledge.library import Library
from wowcoach.profile.answers import Profile
from wowcoach.profile.questions import build_questions


def _default(field: str, saved: dict[str, Any]) -> Any:
    if field in saved:
        return saved[field]
    if field == "budget":
        return f"{profiles.default('budget_cents') // 100}"
    return profiles.default(field)


def collect(
    library: Library,
    flags: dict[str, Any],
    profile_path: Path | None,
    interactive: bool,
    console: Callable[[], Any],
    ask_fields: tuple[str, ...] | None = None,
) -> Profile:
    """`ask_fields` limits the questions asked (a plan needs no situation); flags for the
    other fields still apply."""
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
        set_language(answers["lang"])
    elif "lang" in saved and normalize(str(saved["lang"])):
        set_language(str(saved["lang"]))
    con = None  # made on the first question: a run without questions never loads Rich's prompts
    for q in questions:
        if q.field in answers or not q.when(answers):
            continue
        if not interactive or (ask_fields is not None and q.field not in ask_fields):
            continue  # saved answers and defaults apply below
        default = _default(q.field, saved)
        con = con or console()
        answers[q.field] = ask(con, q, default)
        if q.field == "lang":
            set_language(answers["lang"])
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
    from rich.prompt import Prompt
    from rich.text import Text

    shown = "" if default is None else str(default)
    while True:
        console.print(Text(q.help(), style="dim"))
        if q.choices is not None:
            console.print(Text(_("Choices: {choices}").format(choices=", ".join(q.choices())), style="dim"))
        raw = Prompt.ask(Text(q.prompt(), style="bold"), console=console, default=shown, show_default=bool(shown))
        try:
            return q.parse(raw)
        except (UsageError, DataError) as exc:
            console.print(Text(str(exc), style="red"))
