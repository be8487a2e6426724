"""Result objects of `wowcoach plan` (see results/cases.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(eq=False)
class Allowance:
    name: str
    cents: int
    amount: str  # formatted in the plan's locale


@dataclass(eq=False)
class GestureView:
    id: str
    name: str
    description: str
    cost_cents: int
    cost: str
    effort: str
    kind: str
    weaker: bool
    wow: list[str]
    for_sector: bool = False  # written for the shop's sector (the others suit any shop)


@dataclass(eq=False)
class MixView:
    id: str
    name: str
    count: int  # 0: free, as often as the team likes
    unit_cents: int
    total_cents: int
    unit: str
    total: str
    kind: str
    weaker: bool


@dataclass(eq=False)
class WeekView:
    number: int
    start: str  # ISO date
    end: str
    label: str  # "3-9 March" in the plan's language
    value_id: str
    value: str
    story_id: str
    story: str


@dataclass(eq=False)
class PlanReport:
    shop_name: str
    lang: str
    month: str  # YYYY-MM
    month_name: str  # "januari 2027"
    sector: str  # the sector id the menu and the stories were chosen for
    sector_name: str
    channel: str  # shop | online | both
    currency: str
    budget_cents: int
    budget: str
    policy: str  # expires | rolls-over
    cap_cents: int | None
    cap: str | None
    customers_per_week: int
    allowances: list[Allowance]
    gestures: list[GestureView]
    mix: list[MixView]
    reserve_cents: int
    reserve: str
    weeks: list[WeekView]
    review_fields: list[str]
    review_questions: list[str]
    principle: str
    menu_note: str | None = None  # which gestures are the sector's own, in the plan's language
    staff_named: bool = False  # the allowances are named people's, not a head count's

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        keys = ["month", "currency", "budget_cents", "allowances", "mix", "weeks"]
        ordered = {k: data.pop(k) for k in keys}
        ordered["allowances"] = [{"name": a["name"], "cents": a["cents"]} for a in ordered["allowances"]]
        ordered.update(data)
        return {"plan": ordered}
