"""Result objects of `wowcoach export` (see types.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from wowcoach.report.ledger_types import ReviewReport
from wowcoach.report.plan_types import PlanReport
from wowcoach.report.types import SuggestReport, ValueView


@dataclass(frozen=True)
class ExportDoc:
    shop_name: str
    date: str  # today, in the client's language
    lang: str
    suggestions: SuggestReport
    values: list[ValueView]
    plan: PlanReport
    review: ReviewReport | None = None  # last month's, when a ledger is given


@dataclass(frozen=True)
class ExportJob:
    """One client's document: built when it is written, in the client's language."""

    lang: str
    target: Path | None  # None: stdout
    build: Callable[[], ExportDoc]


@dataclass(frozen=True)
class ExportRun:
    jobs: list[ExportJob]  # every profile read and every target checked already
    force: bool
