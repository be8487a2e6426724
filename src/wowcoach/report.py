"""Result objects: plain data, already in the chosen language, that every renderer shows as is.

The terminal, Markdown and JSON renderers read these and compute nothing, so they can never
disagree on a figure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# Views are built once and only read; equality is never needed, and skipping it keeps start-up
# quick (every dataclass costs time when the module loads).
view = dataclass(eq=False)


@view
class IdeaView:
    text: str
    cost: str  # free | low | medium | high
    affordable: bool = True


@view
class CaseView:
    id: str
    company: str
    title: str
    story: str
    lesson: str
    channel: str
    sectors: list[str]
    situations: list[str]
    values: list[str]
    wow: list[str]
    cost: str
    typical_amount: str | None
    ideas: list[IdeaView]
    figures: list[str]
    source: str


@view
class CaseList:
    lang: str
    cases: list[CaseView]


@view
class ValueView:
    id: str
    number: int
    name: str
    meaning: str
    questions: list[str]
    actions: list[str]
    question_ids: list[str] = field(default_factory=list)


@view
class ValueList:
    lang: str
    values: list[ValueView]
    principle: str
    wow_criteria: list[str]


@view
class ValueScore:
    id: str
    name: str
    yes: int
    answered: int
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.yes / self.answered) if self.answered else None


@view
class ChecklistResult:
    lang: str
    scores: list[ValueScore]
    focus: list[str]  # names of the values to work on first


@view
class Suggestion:
    case: CaseView
    score: float
    why: list[str]
    ideas: list[IdeaView]


@view
class SuggestReport:
    profile: dict[str, Any]
    suggestions: list[Suggestion]
    checklist: list[ValueView]
    principle: str
    notes: list[str] = field(default_factory=list)

    @property
    def budget(self) -> str:
        """The monthly budget in the profile's locale (Babel is loaded only when it is shown)."""
        from wowcoach.money import format_amount

        p = self.profile
        return format_amount(p["budget_cents"], p["currency"], p["lang"])

    def to_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "suggestions": [
                {
                    "id": s.case.id,
                    "score": s.score,
                    "why": s.why,
                    "ideas": [i.text for i in s.ideas],
                    "title": s.case.title,
                    "company": s.case.company,
                }
                for s in self.suggestions
            ],
        }


def as_dict(obj: Any) -> Any:
    return asdict(obj)


@view
class Allowance:
    name: str
    cents: int
    amount: str  # formatted in the plan's locale


@view
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


@view
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


@view
class WeekView:
    number: int
    start: str  # ISO date
    end: str
    label: str  # "3-9 March" in the plan's language
    value_id: str
    value: str
    story_id: str
    story: str


@view
class PlanReport:
    shop_name: str
    lang: str
    month: str  # YYYY-MM
    month_name: str  # "januari 2027"
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

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        keys = ["month", "currency", "budget_cents", "allowances", "mix", "weeks"]
        ordered = {k: data.pop(k) for k in keys}
        ordered["allowances"] = [{"name": a["name"], "cents": a["cents"]} for a in ordered["allowances"]]
        ordered.update(data)
        return {"plan": ordered}


@view
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


@view
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


@view
class ReviewValue:
    id: str
    name: str
    gestures: int
    spent_cents: int
    spent: str


@view
class ReviewReport:
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

    def to_json(self) -> dict[str, Any]:
        return {"review": asdict(self)}
