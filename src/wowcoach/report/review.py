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
    return review_view(library, data, language)
