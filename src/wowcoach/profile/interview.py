"""Collect a Profile from a saved profile, flags and (when allowed) questions.

Precedence: flags, then the saved profile, then the question's default. Questions are only
asked for what is still open; with no terminal every answer falls back to its stated default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from wowcoach.errors import DataError, Problem, UsageError
from wowcoach.i18n import N_, Msg, Translator, language_from_env, language_of
from wowcoach.knowledge.library import Library
from wowcoach.languages import CODES
from wowcoach.money import check_currency, default_budget_cents, local_currency
from wowcoach.profile import answers as profiles
from wowcoach.profile.answers import Profile
from wowcoach.profile.questions import InterviewQuestion, budget_in, build_questions


def _default(field: str, saved: dict[str, Any], answers: dict[str, Any], t: Translator) -> Any:
    """The answer Enter gives: the saved one, else one that follows the owner's language and country."""
    if field == "staff_names":
        names = saved.get(field) or ()
        return ", ".join(str(n) for n in names) if isinstance(names, (list, tuple)) else str(names)
    if field in saved:
        return saved[field]
    if field == "budget":
        currency = answers.get("currency") or saved.get("currency") or local_currency()
        return f"{default_budget_cents(str(currency).upper()) // 100}"
    if field == "lang":
        return t.lang
    if field == "shop_name":
        return t("My shop")
    if field == "channel" and answers.get("sector") == "web-shop":
        return "online"
    if field == "currency":
        return local_currency()
    return profiles.default(field)


@dataclass(frozen=True)
class InterviewFlags:
    """The answers a command's flags give, each None when not given: one field per question
    that a flag answers, named as the question's field (the plan's --staff-name, a list, is
    the plan's own option). A new profile field is a line here and an option on the commands
    that offer it: they take their values with `of`."""

    shop_name: str | None = None
    sector: str | None = None
    channel: str | None = None
    staff: str | None = None
    customers: str | None = None
    budget: str | None = None
    currency: str | None = None
    lang: str | None = None
    situation: str | None = None
    situation_type: str | None = None
    already: str | None = None

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> InterviewFlags:
        """The flags among a command's options (its parameters by name); those it lacks are None."""
        return cls(**{f.name: options.get(f.name) for f in fields(cls)})

    def given(self) -> dict[str, Any]:
        """The answers the flags give, by question field."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not None}


@dataclass(frozen=True)
class Interview:
    """Where the answers come from: flags, a saved profile, and questions unless `no_input`;
    `ask` asks even without a terminal (answers piped in)."""

    flags: InterviewFlags
    profile_path: Path | None = None
    no_input: bool = False
    ask: bool = False
    ask_fields: tuple[str, ...] | None = None  # limits the questions asked (a plan needs no situation)


# One question asked until its answer is valid: (question, default, extra check, answers so far, t).
Ask = Callable[[InterviewQuestion, Any, Callable[[Any], Any], dict[str, Any], Translator], Any]


@dataclass(frozen=True)
class InterviewIO:
    """The user's side, given by the command line: whether stdin is a terminal, how a question
    is asked (`intro` before the first), one follow-up menu (`choose`: None for "none of these"),
    the run's language switch (it returns the translator now in use), side notes on stderr and a
    yes/no question (`confirm`: no at the end of the input)."""

    stdin_isatty: bool
    ask: Ask
    intro: Callable[[Translator], None]
    choose: Callable[[str, list[tuple[str, str]], Translator], str | None]
    use_language: Callable[[str | None], Translator]
    note: Callable[[str], None]
    confirm: Callable[[str, Translator], bool] = lambda question, t: False


def collect(library: Library, interview: Interview, io: InterviewIO) -> Profile:
    """The profile, asking only for what is still open; the profile's language ends in use."""
    flags, profile_path = interview.flags.given(), interview.profile_path
    t = io.use_language(language_of(flags.get("lang")) or language_from_env())
    asking = interactive(interview, io)
    profile = _collect(library, flags, profile_path, asking, io, interview.ask_fields, t)
    t = io.use_language(profile.lang)
    if not asking and not interview.no_input and not io.stdin_isatty:  # said in the profile's language
        io.note(t("stdin is not a terminal: not asking questions (as with --no-input)."))
    return profile


def interactive(interview: Interview, io: InterviewIO) -> bool:
    """Questions are asked at a terminal, unless a saved profile gives the answers (--ask asks anyway)."""
    return interview.ask or (not interview.no_input and io.stdin_isatty and interview.profile_path is None)


def _collect(
    library: Library,
    flags: dict[str, Any],
    profile_path: Path | None,
    asking: bool,
    io: InterviewIO,
    ask_fields: tuple[str, ...] | None,
    t: Translator,
) -> Profile:
    saved = profiles.load(profile_path) if profile_path else {}
    source = str(profile_path) if profile_path else "profile"
    questions = build_questions(library.sectors, library.situations, situation_words)
    answers: dict[str, Any] = {}
    # Flags are checked with the same validators as typed answers; a bad flag is bad usage.
    for q in questions:
        if flags.get(q.field) is not None:
            answers[q.field] = q.parse(flags[q.field], t)
    budget_in(answers, _saved_currency(saved, source))
    if "lang" in answers:
        t = io.use_language(answers["lang"])
    elif "lang" in saved and language_of(str(saved["lang"])):
        t = io.use_language(str(saved["lang"]))
    introduced = False
    for q in questions:
        if q.field in answers or not q.when(answers):
            continue
        if not asking or (ask_fields is not None and q.field not in ask_fields) or (ask_fields is None and q.plan_only):
            continue  # saved answers and defaults apply below
        default = _default(q.field, saved, answers, t)
        if not introduced:
            io.intro(t)
            introduced = True
        fallback = _saved_currency(saved, source)

        def check(value: Any, field: str = q.field, fallback: str | None = fallback) -> None:
            budget_in({**answers, field: value}, fallback)

        answers[q.field] = io.ask(q, default, check, {**saved, **answers}, t)
        budget_in(answers, fallback)  # a budget written in a currency none was chosen for brings its own
        if q.field == "lang":
            t = io.use_language(answers["lang"])
    merged = {**saved, **answers}
    # Without an answer, the language is the one the interface already speaks (--lang, LANG).
    merged.setdefault("lang", t.lang)
    merged.setdefault("shop_name", t("My shop"))
    merged.setdefault("currency", local_currency())
    if "budget" in answers:  # parsed already: cents, not the text a profile file holds
        merged["budget_cents"] = merged.pop("budget").cents
    elif "budget" not in merged and "budget_cents" not in merged:
        merged["budget_cents"] = default_budget_cents(check_currency(str(merged["currency"])))
    if profile_path is None:
        return profiles.from_answers(merged)  # every answer came through a question's parser
    return profiles.from_mapping(merged, source, t.lang)


def situation_words() -> dict[str, str]:
    """Everyday words for a situation type ('verjaardag', 'birthday'): the vocabulary's phrases
    that point to one situation only."""
    from wowcoach.knowledge.loader import load_vocabulary

    return {phrase: c.tags[0] for c in load_vocabulary() if len(c.tags) == 1 for lang in CODES for phrase in getattr(c, lang)}


def _saved_currency(saved: dict[str, Any], source: str) -> str | None:
    if "currency" not in saved:
        return None
    if not isinstance(saved["currency"], str):  # `currency:` left empty, or a list
        raise DataError([Problem(source, Msg("give a three-letter code such as EUR, DKK or USD."), field="currency")])
    try:
        return check_currency(str(saved["currency"]))
    except UsageError as exc:
        raise DataError([Problem(source, exc.message, field="currency")]) from None


def offer_to_save(library: Library, profile: Profile, io: InterviewIO, t: Translator) -> Path | None:
    """After an interview without --save: offer to keep the answers, with the staff's names, so
    `wowcoach plan --profile FILE` plans the month at once. Returns the file written, if any."""
    from wowcoach.profile.questions import parse_text

    if not io.confirm(t("Save these answers, so `wowcoach plan --profile FILE` can plan your month?"), t):
        return None
    if not profile.staff_names:
        names_question = next(q for q in build_questions(library.sectors, library.situations) if q.field == "staff_names")
        names = io.ask(names_question, "", lambda value: None, profile.as_dict(), t)
        if names:
            profile = profile._replace(staff_names=names, staff=len(names))
    where = InterviewQuestion(
        "save",
        "--save",
        N_("File to save the answers in"),
        lambda a: Msg("A YAML file; wowcoach reads it with --profile."),
        parse_text(1000, required=True),
    )
    while True:
        path = Path(io.ask(where, suggested_file(profile.shop_name), lambda value: None, profile.as_dict(), t))
        if not path.exists() or io.confirm(t("{path} exists: replace it?").format(path=path), t):
            break
    profiles.save(profile, path, force=True)
    io.note(t("Saved your answers to {path}.").format(path=path))
    return path


def suggested_file(shop_name: str) -> str:
    """A file name from the shop's name: 'Bakkerij De Zon' gives bakkerij-de-zon.yaml."""
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", shop_name).encode("ascii", "ignore").decode().lower()
    stem = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40]
    return f"{stem or 'profile'}.yaml"
