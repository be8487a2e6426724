"""`wowcoach suggest`: the shop's profile from flags, a saved profile or questions (saved when
asked), then the closest stories for it."""

from __future__ import annotations

from pathlib import Path

from wowcoach.app.sources import Sources
from wowcoach.app.suggest import suggest
from wowcoach.i18n import translator
from wowcoach.profile.interview import Interview, InterviewIO, collect, interactive
from wowcoach.profile.questions import MORE
from wowcoach.results.suggest import SuggestReport


def advise(
    sources: Sources,
    interview: Interview,
    io: InterviewIO,
    top: int = 3,
    save: Path | None = None,
    force: bool = False,
    may_ask: bool = True,
) -> SuggestReport:
    """`may_ask`: a follow-up question is allowed (never for JSON or Markdown output)."""
    library = sources.matcher(ranking=True).library
    profile = collect(library, interview, io)
    t = translator(profile.lang)
    if save is not None:
        from wowcoach.safeio import check_target

        check_target(save, force)  # said before the questions that follow, not after them
    report = suggest(library, sources.matcher(), profile, top=top)
    if report.confidence in ("low", "none") and profile.situation.strip() and may_ask and interactive(interview, io):
        # A weak or no-fit answer: the owner's moment in more words, then rank again; nothing else is asked.
        more = io.ask(MORE, "", lambda value: value, {}, t)
        if more:
            profile = profile._replace(situation=f"{profile.situation}\n{more}")
            report = suggest(library, sources.matcher(), profile, top=top)
    elif report.choices and may_ask and interactive(interview, io):
        # Unsure: one short question in the owner's language, then rank again with the answer.
        chosen = io.choose(t("Which of these comes closest to what happened?"), report.choices, t)
        if chosen is not None:
            profile = profile._replace(situation_type=chosen)
            report = suggest(library, sources.matcher(), profile, top=top)
    if save is not None:
        # Only once the last question is answered: Ctrl-C at any of them saves nothing.
        from wowcoach.profile.answers import save as save_profile

        save_profile(profile, save, force=force)
        io.note(t("Saved your answers to {path}.").format(path=save))
    return report


def offer_to_save(sources: Sources, report: SuggestReport, interview: Interview, io: InterviewIO) -> None:
    """At the end of an interview the owner answered (no --save given): offer to keep the answers."""
    from wowcoach.profile.answers import Profile
    from wowcoach.profile.interview import offer_to_save as offer

    if interactive(interview, io):
        profile = Profile(**report.profile)
        offer(sources.library, profile, io, translator(profile.lang))
