"""Result objects of `wowcoach export` (see results/cases.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from wowcoach.results.cases import ValueView, view
from wowcoach.results.ledger import ReviewReport
from wowcoach.results.plan import PlanReport
from wowcoach.results.suggest import SuggestReport

SUFFIXES = {"markdown": ".md", "html": ".html", "pdf": ".pdf", "json": ".json"}
FORMATS = tuple(SUFFIXES)


@view
class BarView:
    """One bar of a chart: its length is `value` on the chart's scale; `text` is the figure as
    the reader sees it, in the client's language."""

    label: str
    value: int  # cents, a count or a percentage
    text: str
    limit: int | None = None  # a mark on the same scale: the allowance
    limit_text: str | None = None


@view
class ChartView:
    id: str  # spend-per-person | gestures-per-value | came-back
    title: str
    description: str  # one sentence saying what the bars show, for screen readers
    scale: int  # the value a full-length bar stands for (at least 1)
    bars: list[BarView]


@dataclass(frozen=True)
class ExportDoc:
    shop_name: str
    date: str  # today, in the client's language
    lang: str
    suggestions: SuggestReport
    values: list[ValueView]
    plan: PlanReport
    review: ReviewReport | None = None  # last month's, when a ledger is given
    charts: list[ChartView] = field(default_factory=list)  # the review's pictures (HTML and PDF)

    def to_json(self) -> dict[str, Any]:
        return {
            "export": {
                "shop_name": self.shop_name,
                "date": self.date,
                "lang": self.lang,
                "suggestions": self.suggestions.to_json(),
                "values": [asdict(v) for v in self.values],
                "plan": self.plan.to_json()["plan"],
                "review": None if self.review is None else self.review.to_json()["review"],
                "charts": [asdict(c) for c in self.charts],
            }
        }


@dataclass(frozen=True)
class ExportJob:
    """One client's document, in the client's language, and where it goes."""

    doc: ExportDoc
    target: Path | None  # None: stdout


@dataclass(frozen=True)
class ExportRun:
    jobs: list[ExportJob]  # every profile read and every target checked already
    force: bool
    fmt: str = "markdown"  # one of FORMATS
