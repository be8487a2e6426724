"""`wowcoach review` (and the review in an export): the month's ledger against its plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wowcoach.i18n import _, current_language
from wowcoach.knowledge.library import Library
from wowcoach.report.ledger_types import ReviewReport, ShopsReport


def build_review(
    library: Library,
    month: str | None,
    profile_path: Path | None,
    lang: str | None,
    db: str | Path | None,
    choose_language: Callable[[str | None], str] | None = None,
    shop: str | None = None,
) -> ReviewReport:
    """With no plan recorded for the month, the profile's budget stands in, and its language
    unless `lang` is given. `month` is YYYY-MM (None: this month); `choose_language` activates
    a language (None: `lang` is active already). The shop: `shop`, else the profile's when the
    ledger holds it (see `open_ledger`)."""
    from wowcoach.ledger.logbook import review, stored_plan_from_profile
    from wowcoach.ledger.storage import open_ledger
    from wowcoach.report.log import parse_month_text
    from wowcoach.report.views import review_view

    month = parse_month_text(month)

    def choose(code: str | None) -> str:
        return choose_language(code) if choose_language else code or current_language()

    plan = profile = None
    language = choose(lang)
    if profile_path is not None:
        from wowcoach.profile.answers import from_mapping, load

        profile = from_mapping(load(profile_path), str(profile_path))
    with open_ledger(db, create=False, shop=shop, profile_shop=profile.shop_name if profile else None) as ledger:
        if ledger.plan(month) is None and profile is not None:
            plan = stored_plan_from_profile(profile, month)
            language = choose(lang or profile.lang)
        data = review(ledger, library, month, plan)
        trend = month_trend(ledger, month)
    return review_view(library, data, language, trend)


TREND_MONTHS = 3  # this month and the two before


def month_trend(ledger, month: str) -> list[tuple[str, int, int, int]]:
    """(month, spent, gestures, came back) of this month and the recorded months just before it."""
    from wowcoach.ledger.logbook import previous_month

    months = [month]
    for _i in range(TREND_MONTHS - 1):
        months.insert(0, previous_month(months[0]))
    rows = []
    for m in months:
        entries = ledger.entries(m)
        if m != month and ledger.plan(m) is None and not entries:
            continue
        rows.append((m, sum(e.cost_cents for e in entries), len(entries), sum(e.came_back for e in entries)))
    return rows


def build_shops_review(month: str | None, lang: str, db: str | Path | None) -> ShopsReport:
    """`review --all-shops`: every shop of a shared ledger in one month, side by side."""
    from wowcoach.ledger.logbook import compare_shops
    from wowcoach.ledger.storage import open_ledger
    from wowcoach.money import format_amount
    from wowcoach.report.ledger_types import ShopRow, ShopsReport
    from wowcoach.report.log import parse_month_text
    from wowcoach.report.views import month_label

    month = parse_month_text(month)
    with open_ledger(db, create=False) as ledger:
        shops = compare_shops(ledger, month)
    rows = []
    for s in shops:
        cur = s.plan.currency if s.plan else "EUR"
        available = s.plan.budget_cents + s.carried_cents if s.plan else None
        rows.append(
            ShopRow(
                s.shop,
                cur,
                available,
                None if available is None else format_amount(available, cur, lang),
                s.spent_cents,
                format_amount(s.spent_cents, cur, lang),
                None if not available else round(100 * s.spent_cents / available),
                s.gestures,
                s.came_back,
                s.told_others,
            )
        )
    return ShopsReport(month, month_label(month, lang), _("The shops in {month}").format(month=month_label(month, lang)), rows)
