"""Result objects of the ledger commands and the month-end review (see results/cases.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from wowcoach.results.plan import GestureView


@dataclass(eq=False)
class EntryView:
    id: int
    day: str
    by: str
    what: str
    cost_cents: int
    cost: str
    customer: str
    value_id: str
    value: str
    gesture_id: str | None
    over_budget_reason: str | None
    came_back: bool
    told_others: bool
    note: str
    removed_at: str | None
    amount: str = ""  # the cost as a plain number in the reader's locale ("12,50"), for a spreadsheet
    gesture: str | None = None  # the gesture's name in the reader's language


@dataclass(eq=False)
class EntryList:
    month: str  # YYYY-MM
    currency: str
    title: str  # "Gestures in 2027-03", in the chosen language
    entries: list[EntryView]

    def to_json(self) -> dict[str, Any]:
        return {"entries": [asdict(e) for e in self.entries], "month": self.month, "currency": self.currency}


@dataclass(eq=False)
class MonthRow:
    month: str  # YYYY-MM
    month_name: str
    gestures: int
    spent_cents: int
    spent: str
    currency: str
    budget_cents: int | None  # None: no plan recorded
    budget: str | None


@dataclass(eq=False)
class MonthList:
    title: str
    months: list[MonthRow]  # newest first

    def to_json(self) -> dict[str, Any]:
        return {"months": [asdict(m) for m in self.months]}


@dataclass(eq=False)
class ShopRow:
    shop: str
    currency: str
    plan_cents: int | None  # the month's budget and what was carried over; None: no plan recorded
    plan: str | None
    spent_cents: int
    spent: str
    percent: int | None
    gestures: int
    came_back: int
    told_others: int


@dataclass(eq=False)
class ShopsReport:
    """`review --all-shops`: the shops of one month side by side."""

    month: str
    month_name: str
    title: str
    shops: list[ShopRow]

    def to_json(self) -> dict[str, Any]:
        return {"month": self.month, "shops": [asdict(s) for s in self.shops]}


@dataclass(eq=False)
class ReviewPerson:
    name: str
    allowance_cents: int
    allowance: str
    spent_cents: int
    spent: str
    remaining_cents: int
    remaining: str
    percent: int | None
    gestures: int


@dataclass(eq=False)
class ReviewValue:
    id: str
    name: str
    gestures: int
    spent_cents: int
    spent: str


@dataclass(eq=False)
class TrendRow:
    """One month of the last few, for the trend in the review."""

    month: str
    month_name: str
    spent_cents: int
    spent: str
    gestures: int
    came_back: int


@dataclass(eq=False)
class ReviewReport:
    lang: str
    month: str
    month_name: str
    currency: str
    policy: str
    budget_cents: int
    budget: str
    carried_cents: int
    carried: str
    available_cents: int
    available: str
    spent_cents: int
    spent: str
    remaining_cents: int
    remaining: str
    percent_used: int | None
    warning: str | None
    gestures: int
    people: list[ReviewPerson]
    values: list[ReviewValue]
    emotional: int
    monetary: int
    unclassified: int
    came_back: int
    told_others: int
    summary: list[str]  # the counts above, as sentences
    review_fields: list[str]
    questions: list[str]
    outcomes: list[str] = field(default_factory=list)  # "5 Mar · Anna: card – came back: ordered again"
    trend: list[TrendRow] = field(default_factory=list)  # the months before, oldest first, then this one
    over_budget: list[str] = field(default_factory=list)  # "5 Mar · Anna: flowers, €30.00, because: funeral"
    shop: str | None = None  # the shop's name: the shared ledger's, or the profile's; None for a ledger's only shop

    def to_json(self) -> dict[str, Any]:
        return {"review": asdict(self)}


@dataclass(eq=False)
class PersonLeft:
    """One person's allowance this month and what is left of it."""

    name: str  # as the plan names them
    allowance_cents: int
    allowance: str
    left_cents: int  # below 0: over the allowance
    left: str  # what is left, 0 when over
    over: str | None  # how far over, when over


@dataclass(eq=False)
class StaffMonth:
    """What a staff page shows of today's month: who may log and what each has left, the
    gesture menu in the plan's currency; for one person, their recent gestures too."""

    month: str  # YYYY-MM
    month_name: str
    planned: bool  # False: no plan is recorded for the month, so nothing else is filled in
    named: bool  # the plan names its people; else anyone logs against one share
    currency: str
    people: list[PersonLeft]  # the plan's people, when it names them
    gestures: list[GestureView]  # the menu
    person: PersonLeft | None = None
    recent: list[EntryView] = field(default_factory=list)  # the person's, this month and last, newest first
