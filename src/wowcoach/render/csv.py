"""CSV output of the ledger's entries, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from dataclasses import asdict
from typing import IO

from wowcoach.results.ledger import EntryList
from wowcoach.textclean import clean

FIELDS = [
    "id",
    "day",
    "by",
    "what",
    "cost_cents",
    "customer",
    "value_id",
    "gesture_id",
    "over_budget_reason",
    "came_back",
    "told_others",
    "note",
    "removed_at",
]


def entries(stream: IO[str], result: EntryList) -> None:
    writer = csv.writer(stream)
    writer.writerow(FIELDS)
    for v in result.entries:
        row = asdict(v)
        writer.writerow([_csv_safe(row[f]) for f in FIELDS])


def _csv_safe(value: object) -> object:
    """Keep escape codes off the terminal, and spreadsheet programs from running a cell that
    starts like a formula."""
    if isinstance(value, str):
        value = clean(value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return "" if value is None else value
