"""The consultant's document: suggestions, the values checklist and the month's plan for one
client, as one object the Markdown renderer turns into a file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wowcoach.knowledge.library import Library
from wowcoach.matching.rank import Matcher
from wowcoach.money import LOCALES
from wowcoach.report.plan import PlanRequest, build_plan
from wowcoach.profile.answers import Profile
from wowcoach.report.types import SuggestReport, ValueView
from wowcoach.report.ledger_types import ReviewReport
from wowcoach.report.plan_types import PlanReport
from wowcoach.report.suggest import suggest
from wowcoach.report.views import value_view


@dataclass(frozen=True)
class ExportDoc:
    shop_name: str
    date: str  # today, in the client's language
    lang: str
    suggestions: SuggestReport
    values: list[ValueView]
    plan: PlanReport
    review: ReviewReport | None = None  # last month's, when a ledger is given


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
    )
