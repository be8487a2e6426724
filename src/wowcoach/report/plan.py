"""Build the month's surprise-budget plan as one PlanReport for every renderer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wowcoach.planning.budget import POLICIES, allocate, suggest_mix, unit_cost, weeks_of
from wowcoach.errors import UsageError
from wowcoach.i18n import _
from wowcoach.knowledge.library import Library
from wowcoach.money import LOCALES, format_amount
from wowcoach.report.plan_types import Allowance, GestureView, MixView, PlanReport, WeekView


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


def review_fields() -> list[str]:
    return [_("who"), _("what"), _("cost"), _("customer"), _("value"), _("reaction"), _("did they come back")]


def build_plan(library: Library, req: PlanRequest) -> PlanReport:
    from babel.dates import format_date, format_interval

    if req.policy not in POLICIES:
        raise UsageError(_("Unknown policy '{policy}': use expires or rolls-over.").format(policy=req.policy))
    if req.cap_cents is not None and req.cap_cents <= 0:
        raise UsageError(_("The cap per gesture must be more than 0; leave --cap out for no cap."))
    lang, cur = req.lang, req.currency
    locale = LOCALES.get(lang, "en_GB")

    def money(cents: int) -> str:
        return format_amount(cents, cur, lang)

    cents = allocate(req.budget_cents, len(req.staff))
    lines, reserve = suggest_mix(library.gestures, req.budget_cents, cur, req.cap_cents)
    wow_names = {w.id: w.name.get(lang) for w in library.wow_criteria}
    weeks = []
    for w in weeks_of(req.month, library):
        label = format_interval(w.start, w.end, skeleton="MMMd", locale=locale) if w.start != w.end else format_date(w.start, "d MMMM", locale=locale)
        weeks.append(
            WeekView(w.number, w.start.isoformat(), w.end.isoformat(), label, w.value_id,
                     library.value(w.value_id).name.get(lang), w.story_id, library.case(w.story_id).title.get(lang))
        )
    return PlanReport(
        shop_name=req.shop_name,
        lang=lang,
        month=req.month.strftime("%Y-%m"),
        month_name=format_date(req.month, "LLLL yyyy", locale=locale),
        currency=cur,
        budget_cents=req.budget_cents,
        budget=money(req.budget_cents),
        policy=req.policy,
        cap_cents=req.cap_cents,
        cap=money(req.cap_cents) if req.cap_cents is not None else None,
        customers_per_week=req.customers_per_week,
        allowances=[Allowance(name, c, money(c)) for name, c in zip(req.staff, cents)],
        gestures=[
            GestureView(g.id, g.name.get(lang), g.description.get(lang), unit_cost(g, cur), money(unit_cost(g, cur)),
                        g.effort, g.kind, g.weaker, [wow_names.get(w, w) for w in g.wow])
            for g in library.gestures
        ],
        mix=[
            MixView(m.gesture.id, m.gesture.name.get(lang), m.count, m.unit_cents, m.total_cents, money(m.unit_cents),
                    money(m.total_cents), m.gesture.kind, m.gesture.weaker)
            for m in lines
        ],
        reserve_cents=reserve,
        reserve=money(reserve),
        weeks=weeks,
        review_fields=review_fields(),
        review_questions=[q.get(lang) for q in library.review_questions],
        principle=library.principle.get(lang),
    )
