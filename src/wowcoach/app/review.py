"""`wowcoach review` (and the review in an export): the month's ledger against its plan."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from wowcoach.i18n import Translator, translator
from wowcoach.knowledge.library import Library
from wowcoach.results.export import ChainDoc, ReviewDoc
from wowcoach.results.ledger import ReviewReport, ShopsReport


def build_review(
    library: Library,
    month: str | None,
    profile_path: Path | None,
    lang: str | None,
    db: str | Path | None,
    default_lang: str = "en",
    shop: str | None = None,
) -> ReviewReport:
    """In `lang`; without it, in `default_lang` (the interface's), except that with no plan
    recorded for the month the profile's budget stands in, and its language. `month` is YYYY-MM
    (None: this month). The shop: `shop`, else the profile's when the ledger holds it (see
    `open_ledger`)."""
    from wowcoach.app.log import parse_month_text
    from wowcoach.app.views import review_view
    from wowcoach.ledger.logbook import review, stored_plan_from_profile
    from wowcoach.ledger.shops import DEFAULT_SHOP
    from wowcoach.ledger.storage import open_ledger

    month = parse_month_text(month)

    plan = profile = None
    language = lang or default_lang
    if profile_path is not None:
        from wowcoach.profile.answers import from_mapping, load

        profile = from_mapping(load(profile_path), str(profile_path), language)

    with open_ledger(db, create=False, shop=shop, profile_shop=profile.shop_name if profile else None) as ledger:
        if ledger.plan(month) is None and profile is not None:
            plan = stored_plan_from_profile(profile, month)
            language = lang or profile.lang
        data = review(ledger, library, month, plan)
        trend = month_trend(ledger, month)
        # A shared ledger's shop as the ledger spells it; a ledger's only shop by the profile's name.
        name = ledger.shop if ledger.shop != DEFAULT_SHOP else profile.shop_name if profile is not None else None
    return review_view(library, data, translator(language), trend, name)


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


def build_shops_review(month: str | None, t: Translator, db: str | Path | None) -> ShopsReport:
    """`review --all-shops`: every shop of a shared ledger in one month, side by side."""
    from wowcoach.app.log import parse_month_text
    from wowcoach.app.views import month_label
    from wowcoach.ledger.logbook import compare_shops
    from wowcoach.ledger.storage import open_chain
    from wowcoach.money import format_amount, local_currency
    from wowcoach.results.ledger import ShopRow, ShopsReport

    lang, month = t.lang, parse_month_text(month)
    with open_chain(db) as ledger:
        shops = compare_shops(ledger, month)
    rows = []
    for s in shops:
        cur = s.currency or local_currency()  # never euros unasked: the shop's own, else the locale's
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
    return ShopsReport(month, month_label(month, lang), t("The shops in {month}").format(month=month_label(month, lang)), rows)


def review_document(
    library: Library,
    month: str | None,
    profile_path: Path | None,
    lang: str | None,
    db: str | Path | None,
    default_lang: str,
    shop: str | None,
    day: str | None,
    consultant: Path | None,
) -> ReviewDoc:
    """`review --format html|pdf`: the review with its charts, a cover and who it is from."""
    from wowcoach.app.documents import consultant_view, date_text, document_day, review_charts
    from wowcoach.results.export import ReviewDoc

    today = document_day(day)
    who = consultant_view(consultant)
    r = build_review(library, month, profile_path, lang, db, default_lang, shop)
    return ReviewDoc(r, r.shop, date_text(today, r.lang), review_charts(r, translator(r.lang)), who)


def chain_document(
    library: Library, month: str | None, t: Translator, db: str | Path | None, day: str | None, consultant: Path | None
) -> ChainDoc:
    """`review --all-shops --format html|pdf`: the shops side by side with a chart, then each
    shop's own review (a shop without a plan for the month says so)."""
    from wowcoach.app.documents import consultant_view, date_text, document_day, month_text, review_charts, shops_chart
    from wowcoach.errors import UserError
    from wowcoach.results.export import ChainDoc, ShopPage

    today = document_day(day)
    who = consultant_view(consultant)
    shops = build_shops_review(month, t, db)
    pages = []
    for row in shops.shops:
        if row.plan is None:
            pages.append(ShopPage(row.shop, None))
            continue
        try:
            r = build_review(library, shops.month, None, t.lang, db, t.lang, row.shop)
        except UserError:  # the plan went between the two reads: the page says there is none
            pages.append(ShopPage(row.shop, None))
            continue
        pages.append(ShopPage(row.shop, replace(r, shop=row.shop), review_charts(r, t)))
    return ChainDoc(shops, t.lang, date_text(today, t.lang), month_text(shops.month, t.lang), shops_chart(shops, t), pages, who)
