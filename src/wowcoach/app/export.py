"""The consultant's document for one client: a one-page summary (budget, allowances, the
month's three actions, last month in one line), last month's review when a ledger is given,
the month's plan, the stories and ideas, and the values checklist; as one object the Markdown,
HTML, PDF and JSON renderers turn into a file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from wowcoach.app.documents import consultant_view, date_text, document_day, plan_chart, review_charts
from wowcoach.app.plan import PlanOptions, PlanRequest, build_plan, plan_request
from wowcoach.app.sources import Sources
from wowcoach.app.suggest import checklist_values, ideas_for, suggest
from wowcoach.app.views import case_view, value_view
from wowcoach.errors import UsageError, UserError
from wowcoach.formats import EXPORT_SUFFIXES
from wowcoach.i18n import Msg, Translator, translator
from wowcoach.knowledge.library import Library
from wowcoach.matching.rank import Matcher
from wowcoach.profile.answers import Profile
from wowcoach.results.export import ActionView, ConsultantView, ExportDoc, ExportJob, ExportRun, Parts
from wowcoach.results.ledger import ReviewReport
from wowcoach.results.plan import PlanReport
from wowcoach.results.suggest import Suggestion, SuggestReport
from wowcoach.safeio import check_target

ACTIONS = 3  # the month's actions on the summary page
MOST_ACTIONS = 6  # the consultant's own, with --action: still one page


@dataclass(frozen=True)
class DocumentChoices:
    """What the consultant decides about a document, besides the plan."""

    stories: list[str] = field(default_factory=list)  # story ids, in order (--story); empty: the best matches
    actions: list[str] = field(default_factory=list)  # "WHO:WEEK:WHAT" (--action); empty: from the stories' ideas
    parts: Parts = field(default_factory=Parts)
    consultant: Path | None = None  # --consultant FILE; None: consultant.yaml in the user config folder


def build_export(
    library: Library,
    matcher: Matcher,
    profile: Profile,
    request: PlanRequest,
    today: date,
    top: int = 3,
    review: ReviewReport | None = None,
    choices: DocumentChoices | None = None,
    consultant: ConsultantView | None = None,
) -> ExportDoc:
    choices = choices or DocumentChoices()
    t = translator(profile.lang)
    plan = build_plan(library, request)
    report = picked_stories(library, profile, choices.stories) if choices.stories else suggest(library, matcher, profile, top=top)
    return ExportDoc(
        shop_name=profile.shop_name,
        date=date_text(today, profile.lang),
        lang=profile.lang,
        suggestions=report,
        values=[value_view(v, profile.lang) for v in library.values],
        plan=plan,
        review=review,
        charts=[plan_chart(plan, t)] + (review_charts(review, t) if review is not None else []),
        consultant=consultant,
        actions=own_actions(choices.actions, plan, t) if choices.actions else idea_actions(report, plan),
        last_month=None if review is None else last_month_line(review, t),
        parts=choices.parts,
        picked=list(choices.stories) or None,
    )


def picked_stories(library: Library, profile: Profile, ids: list[str]) -> SuggestReport:
    """The stories the consultant chose, in their order, with the ideas that fit the shop."""
    lang = profile.lang
    cases = [library.case(story) for story in dict.fromkeys(ids)]  # an unknown id is refused with the ids nearest to it
    suggestions = []
    for case in cases:
        ideas, elsewhere = ideas_for(library, case, profile, lang)
        suggestions.append(Suggestion(case=case_view(library, case, lang), score=0.0, why=[], ideas=ideas, ideas_from=elsewhere))
    return SuggestReport(
        profile=profile.as_dict(),
        suggestions=suggestions,
        checklist=[value_view(library.value(v), lang) for v in checklist_values(library, cases, len(cases))],
        principle=library.principle.get(lang),
    )


def idea_actions(report: SuggestReport, plan: PlanReport) -> list[ActionView]:
    """Three actions from the stories' ideas (the first affordable idea of each story, then the
    next ones), each for a person of the plan in turn, one a week from the first week."""
    queues = [[i for i in s.ideas if i.affordable] or s.ideas for s in report.suggestions]
    picks: list[tuple[str, str]] = []
    depth = 0
    while len(picks) < ACTIONS and any(depth < len(q) for q in queues):
        picks += [(s.case.id, q[depth].text) for s, q in zip(report.suggestions, queues, strict=True) if depth < len(q)]
        depth += 1
    people, weeks = plan.allowances, plan.weeks
    return [
        ActionView(people[n % len(people)].name, n % len(weeks) + 1, weeks[n % len(weeks)].label, text, story)
        for n, (story, text) in enumerate(picks[:ACTIONS])
    ]


def own_actions(texts: list[str], plan: PlanReport, t: Translator) -> list[ActionView]:
    """--action "Anna:2:call Mrs de Boer after the repair": a person of the plan, a week of its
    month and what to do."""
    if len(texts) > MOST_ACTIONS:
        raise UsageError(Msg("At most {n} --action: the summary is one page.").format(n=MOST_ACTIONS))
    people = {a.name.casefold(): a.name for a in plan.allowances}
    weeks = dict(enumerate(plan.weeks, 1))  # the month's first week is week 1
    actions = []
    for text in texts:
        parts = [p.strip() for p in text.split(":", 2)]
        if len(parts) != 3 or not all(parts):
            raise UsageError(
                Msg("--action '{text}': write it as WHO:WEEK:WHAT, e.g. \"Anna:2:call Mrs de Boer after the repair\".").format(text=text)
            )
        who, week_text, what = parts
        if who.casefold() not in people:
            raise UsageError(
                Msg("--action '{text}': {who} has no allowance in the plan; use one of {people}.").format(
                    text=text, who=who, people=", ".join(a.name for a in plan.allowances)
                )
            )
        week = int(week_text) if week_text.isdigit() else 0
        if week not in weeks:
            raise UsageError(
                Msg("--action '{text}': the week must be a number from 1 to {n} ({month} has {n} weeks in the plan).").format(
                    text=text, n=len(weeks), month=plan.month_name
                )
            )
        actions.append(ActionView(people[who.casefold()], week, weeks[week].label, what))
    return actions


def last_month_line(r: ReviewReport, t: Translator) -> str:
    gestures = t.ngettext("{n} gesture", "{n} gestures", r.gestures).format(n=r.gestures)
    back = t.ngettext("{n} customer came back", "{n} customers came back", r.came_back).format(n=r.came_back)
    return t("{month}: {spent} spent of {available}; {gestures}, {came_back}.").format(
        month=r.month_name, spent=r.spent, available=r.available, gestures=gestures, came_back=back
    )


@dataclass(frozen=True)
class ExportRequest:
    profiles: list[Path]
    out: str | None  # a file, or "-" for stdout; with out_dir None too: beside each profile
    out_dir: Path | None
    force: bool
    plan: PlanOptions
    top: int = 3
    on: str | None = None  # the document's date, YYYY-MM-DD
    db: str | Path | None = None  # a ledger (--db or WOWCOACH_DB): adds last month's review
    fmt: str = "markdown"  # one of formats.EXPORT
    lang: str = "en"  # the interface's language, in which a profile's amounts are read
    choices: DocumentChoices = field(default_factory=DocumentChoices)


def read_beside(req: ExportRequest) -> list[Path | None]:
    """The files an export reads besides its profiles: its ledger and the consultant's file."""
    from wowcoach.ledger.database import ledger_file

    return [ledger_file(req.db) if req.db is not None else None, req.choices.consultant]


def target_of(req: ExportRequest, profile: Path) -> Path | None:
    """-o FILE, --out-dir DIR/<profile>.<suffix>, or beside the profile: vandijk.yaml → vandijk.md."""
    if req.out == "-":
        return None
    if req.out is not None:
        return Path(req.out)
    folder = req.out_dir if req.out_dir is not None else profile.parent
    target = folder / (profile.stem + EXPORT_SUFFIXES[req.fmt])
    if target.resolve() == profile.resolve():
        raise UserError(
            Msg("{target} is the profile itself: give the document another name with -o FILE, or a folder with --out-dir.").format(
                target=target
            )
        )
    return target


def prepare_export(sources: Sources, req: ExportRequest) -> ExportRun:
    """Check the options, read every profile and build every document first, so a broken one
    stops the run before any file is written."""
    from wowcoach.profile.answers import from_mapping, load

    if req.out is not None and req.out_dir is not None:
        raise UsageError(Msg("Give -o FILE or --out-dir DIR, not both."))
    today = document_day(req.on)
    if req.out is not None and len(req.profiles) > 1:
        raise UsageError(Msg("Several --profile files need --out-dir DIR, or no -o: one file per client."))
    if req.out is not None and not req.out.strip():
        raise UsageError(Msg("-o is empty: give a file name, or - for stdout."))
    consultant = consultant_view(req.choices.consultant)
    matcher = sources.matcher(ranking=True)
    library = matcher.library
    jobs = []
    for path in req.profiles:
        profile = from_mapping(load(path), str(path), req.lang)
        target = target_of(req, path)
        if target is not None:
            check_target(target, req.force, reads=[*req.profiles, *read_beside(req)])

        request = plan_request(profile, req.plan, staff_flag=None)
        review = None
        if req.db is not None and req.choices.parts.review:
            from wowcoach.app.review import build_review
            from wowcoach.ledger.logbook import previous_month

            review = build_review(library, previous_month(request.month.strftime("%Y-%m")), path, profile.lang, req.db)
        doc = build_export(library, matcher, profile, request, today, req.top, review, req.choices, consultant)
        jobs.append(ExportJob(doc, target))
    # Every target is checked before anything is written: two clients never share one file.
    seen: dict[Path, Path] = {}
    for path, job in zip(req.profiles, jobs, strict=False):
        if job.target is not None and job.target in seen:
            raise UserError(
                Msg("{first} and {second} would both be written to {target}: give the profiles different file names.").format(
                    first=seen[job.target], second=path, target=job.target
                )
            )
        if job.target is not None:
            seen[job.target] = path
    if req.out_dir is not None:
        if req.out_dir.exists() and not req.out_dir.is_dir():
            raise UserError(Msg("{folder} is a file, not a folder: give --out-dir a folder.").format(folder=req.out_dir))
        try:
            req.out_dir.mkdir(parents=True, exist_ok=True)  # `--out-dir clients/` makes the folder, as the README shows
        except OSError as exc:
            raise UserError(Msg("Cannot create the folder {folder}: {reason}.").format(folder=req.out_dir, reason=exc.strerror)) from None
    return ExportRun(jobs, req.force, req.fmt)
