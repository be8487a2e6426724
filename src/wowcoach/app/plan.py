"""Build the month's surprise-budget plan as one PlanReport for every renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from wowcoach.errors import UsageError
from wowcoach.i18n import Msg, Translator, locale_of, translator
from wowcoach.knowledge.library import Library
from wowcoach.money import format_amount
from wowcoach.planning.budget import POLICIES, allocate, suggest_mix, weeks_of
from wowcoach.profile.answers import Profile
from wowcoach.profile.interview import Interview, InterviewIO, collect, interactive
from wowcoach.results.plan import Allowance, MixView, PlanReport, WeekView


@dataclass(frozen=True)
class PlanRequest:
    shop_name: str
    budget_cents: int
    currency: str
    staff: list[str]
    month: date  # the first day
    customers_per_week: int
    policy: str = "expires"
    cap_cents: int | None = None
    lang: str = "en"
    sector: str = "other"  # the gesture menu and the weekly stories are this sector's first
    channel: str = "both"  # shop, online or both: the gestures the shop can make
    allowances: dict[str, int] | None = None  # as a recorded plan holds them; None: the budget split evenly


@dataclass(frozen=True)
class PlanOptions:
    """What `plan` and `export` take besides the profile (the text of the command's flags)."""

    staff_names: list[str] = field(default_factory=list)
    month: str | None = None  # YYYY-MM; default next month
    policy: str = "expires"
    cap: str | None = None  # an amount, e.g. "25"


def plan_request(profile: Profile, options: PlanOptions, staff_flag: str | None) -> PlanRequest:
    """The plan for a profile; named staff replace the head count unless --staff was given too."""
    from wowcoach.dates import parse_month
    from wowcoach.money import parse_amount
    from wowcoach.planning.budget import next_month, staff_names

    t = translator(profile.lang)
    names = list(options.staff_names or profile.staff_names)  # --staff-name, else the profile's names
    count = profile.staff if staff_flag is not None or not names else None
    return PlanRequest(
        shop_name=profile.shop_name,
        budget_cents=profile.budget_cents,
        currency=profile.currency,
        staff=staff_names(count, names, t("Person {n}")),
        month=parse_month(options.month, ahead=True) if options.month else next_month(date.today()),
        customers_per_week=profile.customers,
        policy=options.policy,
        cap_cents=parse_amount(options.cap, profile.lang) if options.cap is not None else None,
        lang=profile.lang,
        sector=profile.sector,
        channel=profile.channel,
    )


def record_plan(
    report: PlanReport, named: bool, db: str | Path | None, replace: bool, shop: str | None = None, new_shop: bool = False
) -> tuple[str, str]:
    """Keep the plan in the ledger, for `log add` and `review`; returns the ledger (as messages
    name it) and the shop. A shop the ledger does not hold yet is started, unless its name is
    close to one it holds (a typo: `new_shop` says it is meant)."""
    from wowcoach.ledger.shops import NewShop
    from wowcoach.ledger.storage import StoredPlan, open_ledger

    stored = StoredPlan(
        report.month,
        report.currency,
        report.budget_cents,
        {a.name: a.cents for a in report.allowances},
        report.policy,
        report.cap_cents,
        named=named,
        sector=report.sector,
        channel=report.channel,
    )
    new = NewShop.ALWAYS if new_shop else NewShop.UNLESS_CLOSE
    with open_ledger(db, shop=shop, profile_shop=report.shop_name, new_shop=new) as ledger:
        ledger.save_plan(stored, replace=replace)
        return str(ledger.path), ledger.shop


@dataclass(frozen=True)
class Recording:
    """`plan --record`: where, and whether to replace a plan already kept for the month."""

    db: str | Path | None = None
    replace: bool = False
    shop: str | None = None
    new_shop: bool = False


def plan_for_shop(
    library: Library,
    interview: Interview,
    io: InterviewIO,
    options: PlanOptions,
    staff_flag: str | None,
    record: Recording | None = None,
) -> PlanReport:
    """`wowcoach plan`: the profile from flags, a saved profile or questions, then its plan."""
    profile = collect(library, interview, io)
    named = staff_flag is None and bool(options.staff_names or profile.staff_names)
    report = build_plan(library, plan_request(profile, options, staff_flag), named)
    if record is not None:
        _record(report, record, io)
    return report


def _record(report: PlanReport, record: Recording, io: InterviewIO) -> None:
    from wowcoach.ledger.shops import DEFAULT_SHOP

    t = translator(report.lang)
    where, shop = record_plan(report, report.staff_named, record.db, record.replace, record.shop, record.new_shop)
    if shop == DEFAULT_SHOP:
        io.note(t("Recorded the plan for {month} in {path}.").format(month=report.month, path=where))
    else:
        io.note(t("Recorded the plan for {month} of the shop '{shop}' in {path}.").format(month=report.month, shop=shop, path=where))


def offer_to_record(report: PlanReport, interview: Interview, io: InterviewIO, record: Recording) -> None:
    """After a plan the owner was asked for (no --record given): offer to keep it in the ledger,
    and to replace one already kept for the month."""
    from wowcoach.ledger.storage import PlanExists

    if not interactive(interview, io):
        return
    t = translator(report.lang)
    if not io.confirm(t("Record this plan in the ledger, so `wowcoach log add` and `wowcoach review` can use it?"), t):
        return
    try:
        _record(report, record, io)
    except PlanExists:
        if io.confirm(t("A plan for {month} is already recorded: replace it?").format(month=report.month), t):
            _record(report, Recording(record.db, True, record.shop, record.new_shop), io)


def recorded_plan(
    library: Library,
    month: str | None,
    t: Translator,
    db: str | Path | None,
    shop: str | None = None,
    shop_name: str | None = None,
    sector: str | None = None,
    channel: str | None = None,
) -> PlanReport:
    """The plan the ledger holds for `month` (None: this month), as `plan` showed it when it was
    recorded, in t's language: its allowances as recorded, the menu (of `sector` and `channel`:
    given, else the ones the plan was recorded with), the mix and the weeks."""
    from wowcoach.dates import parse_month
    from wowcoach.errors import UserError
    from wowcoach.ledger.storage import open_ledger

    first = parse_month(month) if month else date.today().replace(day=1)
    month = first.strftime("%Y-%m")
    with open_ledger(db, create=False, shop=shop) as ledger:
        stored, shop_in_ledger = ledger.plan(month), ledger.shop
    if stored is None:
        raise UserError(Msg("No plan is recorded for {month}: run `wowcoach plan --month {month} --record`.").format(month=month))
    sector, channel = stored.shop_kind(sector, channel)
    request = PlanRequest(
        shop_name=shop_name or shop_in_ledger,
        budget_cents=stored.budget_cents,
        currency=stored.currency,
        staff=list(stored.allowances),
        month=first,
        customers_per_week=0,  # not kept with a recorded plan, and no part of it
        policy=stored.policy,
        cap_cents=stored.cap_cents,
        lang=t.lang,
        sector=sector,
        channel=channel,
        allowances=stored.allowances,
    )
    return build_plan(library, request, stored.named)


def build_plan(library: Library, req: PlanRequest, staff_named: bool = False) -> PlanReport:
    """The plan; `staff_named`: the allowances are the named people's (not a head count), as
    the ledger keeps them when the plan is recorded."""
    from babel.dates import format_date, format_interval, format_skeleton

    from wowcoach.app.views import gesture_views, review_fields

    if req.policy not in POLICIES:
        raise UsageError(Msg("Unknown policy '{policy}': use expires or rolls-over.").format(policy=req.policy))
    if req.cap_cents is not None and req.cap_cents <= 0:
        raise UsageError(Msg("The cap per gesture must be more than 0; leave --cap out for no cap."))
    lang, cur = req.lang, req.currency
    t = translator(lang)
    locale = locale_of(lang)

    def money(cents: int) -> str:
        return format_amount(cents, cur, lang)

    cents = [req.allowances[name] for name in req.staff] if req.allowances else allocate(req.budget_cents, len(req.staff))
    menu = gesture_views(library, cur, lang, req.sector, req.channel)
    mine = sum(g.for_sector for g in menu)
    by_id = {g.id: g for g in library.gestures}
    lines, reserve = suggest_mix(tuple(by_id[g.id] for g in menu), req.budget_cents, cur, req.cap_cents)
    sector_name = library.label("sector", req.sector, lang)
    menu_note = (
        t.ngettext(
            "{n} gesture at the top is for a shop like yours ({sector}); the others suit any shop.",
            "The {n} gestures at the top are for a shop like yours ({sector}); the others suit any shop.",
            mine,
        ).format(n=mine, sector=sector_name)
        if mine
        else None
    )
    weeks = []
    for w in weeks_of(req.month, library, req.sector):
        label = (
            format_interval(w.start, w.end, skeleton="MMMd", locale=locale)
            if w.start != w.end
            else format_skeleton("MMMMd", w.start, locale=locale)  # "1. december" in Danish, as its ranges
        )
        weeks.append(
            WeekView(
                w.number,
                w.start.isoformat(),
                w.end.isoformat(),
                label,
                w.value_id,
                library.value_name(w.value_id, lang),
                w.story_id,
                library.case(w.story_id).title.get(lang),
            )
        )
    return PlanReport(
        shop_name=req.shop_name,
        lang=lang,
        month=req.month.strftime("%Y-%m"),
        month_name=format_date(req.month, "LLLL yyyy", locale=locale),
        sector=req.sector,
        sector_name=sector_name,
        channel=req.channel,
        currency=cur,
        budget_cents=req.budget_cents,
        budget=money(req.budget_cents),
        policy=req.policy,
        cap_cents=req.cap_cents,
        cap=money(req.cap_cents) if req.cap_cents is not None else None,
        customers_per_week=req.customers_per_week,
        allowances=[Allowance(name, c, money(c)) for name, c in zip(req.staff, cents, strict=False)],
        gestures=menu,
        menu_note=menu_note,
        staff_named=staff_named,
        mix=[
            MixView(
                m.gesture.id,
                m.gesture.name.get(lang),
                m.count,
                m.unit_cents,
                m.total_cents,
                money(m.unit_cents),
                money(m.total_cents),
                m.gesture.kind,
                m.gesture.weaker,
            )
            for m in lines
        ],
        reserve_cents=reserve,
        reserve=money(reserve),
        weeks=weeks,
        review_fields=review_fields(t),
        review_questions=[q.get(lang) for q in library.review_questions],
        principle=library.principle.get(lang),
    )
