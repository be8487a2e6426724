"""Result objects of the documents a consultant hands over: `export` (one client's month),
and the month-end review of one shop or of every shop of a chain as a document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Union

from wowcoach.results.cases import ValueView
from wowcoach.results.ledger import ReviewReport, ShopsReport
from wowcoach.results.plan import PlanReport
from wowcoach.results.suggest import SuggestReport


@dataclass(eq=False)
class BarView:
    """One bar of a chart: its length is `value` on the chart's scale; `text` is the figure as
    the reader sees it, in the client's language."""

    label: str
    value: int  # cents, a count or a percentage
    text: str
    limit: int | None = None  # a mark on the same scale: the allowance
    limit_text: str | None = None


@dataclass(eq=False)
class ChartView:
    id: str  # allowance-per-person | spend-per-person | gestures-per-value | came-back | shops-spent
    title: str
    description: str  # one sentence saying what the bars show, for screen readers
    scale: int  # the value a full-length bar stands for (at least 1)
    bars: list[BarView]


@dataclass(eq=False)
class ConsultantView:
    """Who the document is from, as the cover and the running footer show it."""

    name: str
    company: str
    email: str
    phone: str
    colour: str | None  # #rrggbb, checked; None: the house colour
    logo_uri: str | None  # the logo as a data: URI, so the page stays one self-contained file
    logo_file: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "company": self.company,
            "email": self.email,
            "phone": self.phone,
            "colour": self.colour,
            "logo": self.logo_file,
        }


@dataclass(eq=False)
class ActionView:
    """One of the month's actions: an idea given to a person for a week."""

    person: str
    week: int  # 1-5, a week of the plan's month
    dates: str  # "8 – 14 Mar", in the document's language
    text: str
    story_id: str | None = None  # the story the idea comes from; None: the consultant's own words


@dataclass(eq=False)
class Parts:
    """What the consultant leaves in or out of a client's document."""

    review: bool = True
    checklist: bool = True
    situation: bool = True
    full_checklist: bool = False


@dataclass(frozen=True)
class ExportDoc:
    shop_name: str
    date: str  # today, in the client's language
    lang: str
    suggestions: SuggestReport
    values: list[ValueView]
    plan: PlanReport
    review: ReviewReport | None = None  # last month's, when a ledger is given
    charts: list[ChartView] = field(default_factory=list)  # the plan's and the review's pictures (HTML and PDF)
    consultant: ConsultantView | None = None
    actions: list[ActionView] = field(default_factory=list)
    last_month: str | None = None  # last month's figures in one line, when a ledger is given
    parts: Parts = field(default_factory=Parts)
    picked: list[str] | None = None  # the story ids the consultant chose (--story), in their order

    def to_json(self) -> dict[str, Any]:
        return {
            "export": {
                "shop_name": self.shop_name,
                "date": self.date,
                "lang": self.lang,
                "consultant": None if self.consultant is None else self.consultant.to_json(),
                "actions": [asdict(a) for a in self.actions],
                "last_month": self.last_month,
                "parts": asdict(self.parts),
                "picked": self.picked,
                "suggestions": self.suggestions.to_json(),
                "values": [asdict(v) for v in self.values],
                "plan": self.plan.to_json()["plan"],
                "review": None if self.review is None else self.review.to_json()["review"],
                "charts": [asdict(c) for c in self.charts],
            }
        }


@dataclass(frozen=True)
class ReviewDoc:
    """`review --format html|pdf`: one shop's month as a document."""

    review: ReviewReport
    shop_name: str | None  # None: a ledger of one shop and no profile to name it
    date: str
    charts: list[ChartView] = field(default_factory=list)
    consultant: ConsultantView | None = None

    @property
    def lang(self) -> str:
        return self.review.lang

    def to_json(self) -> dict[str, Any]:
        return {**self.review.to_json(), "charts": [asdict(c) for c in self.charts]}


@dataclass(eq=False)
class ShopPage:
    shop: str
    review: ReviewReport | None  # None: no plan recorded for the month
    charts: list[ChartView] = field(default_factory=list)


@dataclass(frozen=True)
class ChainDoc:
    """`review --all-shops --format html|pdf`: a comparison page with a chart, then a page per shop."""

    shops: ShopsReport
    lang: str
    date: str
    month_name: str  # "March 2027", in the document's language
    chart: ChartView
    pages: list[ShopPage] = field(default_factory=list)
    consultant: ConsultantView | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.shops.to_json(),
            "chart": asdict(self.chart),
            "reviews": {p.shop: None if p.review is None else p.review.to_json()["review"] for p in self.pages},
        }


Document = Union[ExportDoc, ReviewDoc, ChainDoc]  # noqa: UP007 - a runtime alias on Python 3.10


@dataclass(frozen=True)
class ExportJob:
    """One document, in its reader's language, and where it goes."""

    doc: Document
    target: Path | None  # None: stdout


@dataclass(frozen=True)
class ExportRun:
    jobs: list[ExportJob]  # every profile read and every target checked already
    force: bool
    fmt: str = "markdown"  # one of formats.EXPORT
