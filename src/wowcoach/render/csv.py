"""CSV output of the ledger's entries, as a spreadsheet in the reader's language opens it: a
Dutch or Danish spreadsheet reads `;` between fields and a decimal comma (a comma between fields
would split every amount), an English one `,` and a decimal point. The file starts with a byte
order mark (when it goes to a file or a pipe, not to a terminal), so a spreadsheet reads the names
of Jørgen and Zoë as UTF-8. Nothing in a cell can run as a formula."""

from __future__ import annotations

import csv
from typing import IO

from wowcoach.i18n import Translator
from wowcoach.results.ledger import EntryList
from wowcoach.textclean import clean

BOM = "\ufeff"


def separator(lang: str) -> str:
    """`;` where the decimal separator is a comma (as spreadsheets there expect), else `,`."""
    from babel.numbers import get_decimal_symbol

    from wowcoach.i18n import locale_of

    return ";" if get_decimal_symbol(locale_of(lang)) == "," else ","


def entries(stream: IO[str], result: EntryList, t: Translator, bom: bool = True) -> None:
    if bom:
        stream.write(BOM)
    writer = csv.writer(stream, delimiter=separator(t.lang), lineterminator="\r\n")
    for row in rows(result, t):
        writer.writerow([_csv_safe(cell) for cell in row])


def rows(result: EntryList, t: Translator) -> list[list[object]]:
    """The entries as a spreadsheet in the reader's language reads them: named columns, the cost
    in currency units, yes and no; no ids but the entry's number."""
    yes, no = t("yes"), t("no")
    header = [
        t("No."),
        t("Date"),
        t("Who"),
        t("What"),
        t("Cost"),
        t("Currency"),
        t("Customer"),
        t("Value"),
        t("Gesture"),
        t("Over budget because"),
        t("Came back"),
        t("Told others"),
        t("Note"),
        t("Removed on"),
    ]
    table: list[list[object]] = [list(header)]
    for e in result.entries:
        table.append(
            [
                e.id,
                e.day,
                e.by,
                e.what,
                e.amount,
                result.currency,
                e.customer,
                e.value,
                e.gesture or "",
                e.over_budget_reason or "",
                yes if e.came_back else no,
                yes if e.told_others else no,
                e.note,
                (e.removed_at or "")[:10],
            ]
        )
    return table


def _csv_safe(value: object) -> object:
    """Keep escape codes off the terminal, and spreadsheet programs from running a cell that
    starts like a formula."""
    if isinstance(value, str):
        value = clean(value)
        if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + value
    return "" if value is None else value
