"""What every document a consultant hands over shares, whichever command builds it: who it is
from, its date, and its charts (drawn from figures the document's tables already give)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wowcoach.i18n import Translator, locale_of
from wowcoach.results.export import BarView, ChartView, ConsultantView
from wowcoach.results.ledger import ReviewReport, ShopsReport
from wowcoach.results.plan import PlanReport


def consultant_view(path: Path | None) -> ConsultantView | None:
    """The consultant of `--consultant FILE`, else of consultant.yaml in the user config folder."""
    import base64

    from wowcoach.profile.consultant import find

    found = find(path)
    if found is None:
        return None
    logo = found.logo
    return ConsultantView(
        found.name,
        found.company,
        found.email,
        found.phone,
        found.colour,
        None if logo is None else f"data:{logo.media_type};base64," + base64.b64encode(logo.data).decode("ascii"),
        None if logo is None else str(logo.path),
    )


def document_day(text: str | None) -> date:
    """--date as people write it (16-3-2027, 16. marts 2027, today), else today."""
    from wowcoach.dates import parse_day

    return parse_day(text)


def date_text(day: date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, "long", locale=locale_of(lang))


def month_text(month: str, lang: str) -> str:
    """YYYY-MM as "March 2027", in `lang`."""
    from babel.dates import format_date

    return format_date(date(int(month[:4]), int(month[5:]), 1), "LLLL yyyy", locale=locale_of(lang))


def percent_text(value: int, lang: str) -> str:
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=locale_of(lang))


def plan_chart(p: PlanReport, t: Translator) -> ChartView:
    """Each person's allowance, so the plan has its picture without a ledger too."""
    bars = [BarView(a.name, a.cents, a.amount) for a in p.allowances]
    return ChartView(
        "allowance-per-person",
        t("Allowance per person"),
        t("Each person's allowance for {month}; together they are the month's budget.").format(month=p.month_name),
        max([1] + [b.value for b in bars]),
        bars,
    )


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


def shops_chart(s: ShopsReport, t: Translator) -> ChartView:
    """Each shop's spending as a share of its plan: shares, because shops may plan in different
    currencies; a shop without a plan has an empty bar and says so."""
    bars = []
    for row in s.shops:
        if row.plan is None:
            bars.append(BarView(row.shop, 0, t("no plan recorded")))
            continue
        text = t("{spent} of {plan} ({percent})").format(
            spent=row.spent, plan=row.plan, percent=percent_text(row.percent or 0, t.lang) if row.percent is not None else "–"
        )
        bars.append(BarView(row.shop, row.percent or 0, text, 100, percent_text(100, t.lang)))
    return ChartView(
        "shops-spent",
        t("Spent against the plan, per shop"),
        t("What each shop spent in {month}, as a share of its plan; the mark is the whole plan.").format(month=s.month_name),
        max([100] + [b.value for b in bars]),
        bars,
    )
