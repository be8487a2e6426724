"""The consultant's document: suggestions, the values checklist and the month's plan for one
client (with last month's review and its charts when a ledger is given), as one object the
Markdown, HTML, PDF and JSON renderers turn into a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wowcoach.app.plan import PlanOptions, PlanRequest, build_plan, plan_request
from wowcoach.app.sources import Sources
from wowcoach.app.suggest import suggest
from wowcoach.app.views import value_view
from wowcoach.errors import UsageError, UserError
from wowcoach.i18n import Msg, Translator, translator
from wowcoach.knowledge.library import Library
from wowcoach.matching.rank import Matcher
from wowcoach.money import LOCALES
from wowcoach.profile.answers import Profile
from wowcoach.results.export import SUFFIXES, BarView, ChartView, ExportDoc, ExportJob, ExportRun
from wowcoach.results.ledger import ReviewReport
from wowcoach.safeio import check_target


def build_export(
    library: Library,
    matcher: Matcher,
    profile: Profile,
    request: PlanRequest,
    today: date,
    top: int = 3,
    review: ReviewReport | None = None,
) -> ExportDoc:
    from babel.dates import format_date

    return ExportDoc(
        shop_name=profile.shop_name,
        date=format_date(today, "long", locale=LOCALES.get(profile.lang, "en_GB")),
        lang=profile.lang,
        suggestions=suggest(library, matcher, profile, top=top),
        values=[value_view(v, profile.lang) for v in library.values],
        plan=build_plan(library, request),
        review=review,
        charts=review_charts(review, translator(profile.lang)) if review is not None else [],
    )


def percent_text(value: int, lang: str) -> str:
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=LOCALES.get(lang, "en_GB"))


def review_charts(r: ReviewReport, t: Translator) -> list[ChartView]:
    """The review's figures as bars: spend per person against the allowance, gestures per core
    value, and the share of gestures whose customer came back, month by month."""
    people = [
        BarView(
            p.name, p.spent_cents, t("{spent} of {allowance}").format(spent=p.spent, allowance=p.allowance), p.allowance_cents, p.allowance
        )
        for p in r.people
    ]
    values = [BarView(v.name, v.gestures, str(v.gestures)) for v in r.values]
    months = [(row.month_name, row.came_back, row.gestures) for row in r.trend] or [(r.month_name, r.came_back, r.gestures)]
    came_back = []
    for name, back, gestures in months:
        share = round(100 * back / gestures) if gestures else 0
        text = t("{came_back} of {gestures} came back ({percent})").format(
            came_back=back, gestures=gestures, percent=percent_text(share, t.lang)
        )
        came_back.append(BarView(name, share, text))
    return [
        ChartView(
            "spend-per-person",
            t("Spent against the allowance"),
            t("Spent per person in {month}, each bar against that person's allowance.").format(month=r.month_name),
            max([1] + [max(b.value, b.limit or 0) for b in people]),
            people,
        ),
        ChartView(
            "gestures-per-value",
            t("Gestures per core value"),
            t("How many gestures showed each core value in {month}.").format(month=r.month_name),
            max([1] + [b.value for b in values]),
            values,
        ),
        ChartView("came-back", t("Came back"), t("The share of gestures whose customer came back, month by month."), 100, came_back),
    ]


@dataclass(frozen=True)
class ExportRequest:
    profiles: list[Path]
    out: str | None  # a file, or "-" for stdout
    out_dir: Path | None
    force: bool
    plan: PlanOptions
    top: int = 3
    on: str | None = None  # the document's date, YYYY-MM-DD
    db: Path | None = None  # a ledger: adds last month's review
    fmt: str = "markdown"  # one of results.export.FORMATS
    lang: str = "en"  # the interface's language, in which a profile's amounts are read


def prepare_export(sources: Sources, req: ExportRequest) -> ExportRun:
    """Check the options, read every profile and build every document first, so a broken one
    stops the run before any file is written."""
    from wowcoach.profile.answers import from_mapping, load

    if (req.out is None) == (req.out_dir is None):
        raise UsageError(Msg("Give either -o FILE (or -o - for stdout) or --out-dir DIR."))
    from wowcoach.dates import parse_day

    today = parse_day(req.on)
    if req.out is not None and len(req.profiles) > 1:
        raise UsageError(Msg("Several --profile files need --out-dir DIR: one file per client."))
    if req.out is not None and not req.out.strip():
        raise UsageError(Msg("-o is empty: give a file name, or - for stdout."))
    library, matcher = sources.library, sources.matcher()
    jobs = []
    for path in req.profiles:
        profile = from_mapping(load(path), str(path), req.lang)
        target = None if req.out == "-" else Path(req.out) if req.out else req.out_dir / (path.stem + SUFFIXES[req.fmt])  # type: ignore[operator]
        if target is not None:
            check_target(target, req.force)

        request = plan_request(profile, req.plan, staff_flag=None)
        review = None
        if req.db is not None:
            from wowcoach.app.review import build_review
            from wowcoach.ledger.logbook import previous_month

            review = build_review(library, previous_month(request.month.strftime("%Y-%m")), path, profile.lang, req.db)
        jobs.append(ExportJob(build_export(library, matcher, profile, request, today, top=req.top, review=review), target))
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
