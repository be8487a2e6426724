"""`wowcoach review` (and the review in an export): the month's ledger against its plan."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from wowcoach.i18n import current_language
from wowcoach.knowledge.library import Library
from wowcoach.report.ledger_types import ReviewReport


def build_review(
    library: Library,
    month: str | None,
    profile_path: Path | None,
    lang: str | None,
    db: Path | None,
    choose_language: Callable[[str | None], str] | None = None,
) -> ReviewReport:
    """With no plan recorded for the month, the profile's budget stands in, and its language
    unless `lang` is given. `month` is YYYY-MM (None: this month); `choose_language` activates
    a language (None: `lang` is active already)."""
    from wowcoach.ledger.logbook import review, stored_plan_from_profile
    from wowcoach.ledger.storage import open_ledger
    from wowcoach.report.log import parse_month_text
    from wowcoach.report.views import review_view

    month = parse_month_text(month)

    def choose(code: str | None) -> str:
        return choose_language(code) if choose_language else code or current_language()

    plan = None
    language = choose(lang)
    with open_ledger(db, create=False) as ledger:
        if ledger.plan(month) is None and profile_path is not None:
            from wowcoach.profile.answers import from_mapping, load

            profile = from_mapping(load(profile_path), str(profile_path))
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
