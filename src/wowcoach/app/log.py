"""The ledger commands (`log add`, `log list`, `log outcome`, `log remove`): each opens the
ledger, does one thing, and says what it did as a result object."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from wowcoach.dates import parse_day
from wowcoach.errors import UsageError
from wowcoach.i18n import Msg, Translator
from wowcoach.knowledge.library import Library
from wowcoach.ledger.storage import Entry, open_ledger
from wowcoach.results.ledger import EntryList, MonthList
from wowcoach.results.notice import Notice

if TYPE_CHECKING:
    from wowcoach.ledger.logbook import Logged
    from wowcoach.profile.choices import Choices
    from wowcoach.results.ledger import EntryView, StaffMonth


def parse_month_text(text: str | None) -> str:
    """The month `text` names as YYYY-MM (a month's name alone: the latest one so far); this
    month when not given."""
    from wowcoach.dates import parse_month

    return parse_month(text).strftime("%Y-%m") if text else date.today().strftime("%Y-%m")


@dataclass(frozen=True)
class NewEntry:
    """One gesture to log, as typed on the command line (texts not yet checked)."""

    by: str
    what: str
    cost: str
    customer: str = ""
    value: str | None = None
    gesture: str | None = None
    day: str | None = None
    over_budget: str | None = None


@dataclass(frozen=True)
class EntryEdit:
    """The fields of an entry to change, as typed on the command line; None: unchanged."""

    by: str | None = None
    what: str | None = None
    cost: str | None = None
    customer: str | None = None
    value: str | None = None
    gesture: str | None = None
    day: str | None = None
    over_budget: str | None = None


def add_entry(
    library: Library,
    g: NewEntry,
    t: Translator,
    db: str | Path | None,
    ask_value: Callable[[Choices], str] | None = None,
    shop: str | None = None,
    new_shop: bool = False,
) -> Notice:
    """Log one gesture; `ask_value(choices)` asks for the value when neither --value nor --gesture
    names one (None: don't ask). Values and gestures may be named as the owner reads them. A shop
    the ledger does not hold is refused unless `new_shop`."""
    from wowcoach.ledger.logbook import log_gesture
    from wowcoach.ledger.shops import NewShop
    from wowcoach.money import read_amount

    cents, written = read_amount(g.cost, t.lang)
    when = parse_day(g.day)
    values, value, gesture = _named(library, g.value, g.gesture, t)
    if value is None and gesture is None and ask_value is not None:
        value = ask_value(values)
    with open_ledger(db, shop=shop, new_shop=NewShop.ALWAYS if new_shop else NewShop.NEVER) as ledger:
        _in_plan_currency(ledger, when, g.cost, written)
        logged = log_gesture(ledger, library, when, g.by, g.what, cents, g.customer, value, gesture, g.over_budget)
    first = t("Logged entry {id}: {what} by {name}.").format(id=logged.entry.id, what=logged.entry.what, name=logged.person)
    return Notice([first, left_line(logged, t)], entry_id=logged.entry.id)


def _named(library: Library, value: str | None, gesture: str | None, t: Translator) -> tuple[Choices, str | None, str | None]:
    """The value menu's choices, and the ids of the value and gesture named as the owner says
    them (id, name in any language, its start or a word of it, one typo); a name that fits none
    is refused with the closest."""
    from wowcoach.profile.choices import gesture_choices, value_choices

    values = value_choices(lambda: library.values)
    gestures = gesture_choices(lambda: library.gestures)
    return values, values.resolve(value, t) if value else None, gestures.resolve(gesture, t) if gesture else None


def _in_plan_currency(ledger, day: date, typed: str, written: str | None) -> None:
    """'£5' in a month planned in euros: refused, not converted. Without a plan for the month the
    amounts are in the shop's latest plan's currency, else the locale's (`50 kr.` under da_DK)."""
    from wowcoach.money import KRONER, local_currency, same_currency

    month = day.strftime("%Y-%m")
    plan = ledger.plan(month)
    if plan is not None:
        same_currency(typed, written, plan.currency)
        return
    currency = ledger.currency() or local_currency()
    if written is not None and written != currency and not (written == "KR" and currency in KRONER):
        raise UsageError(
            Msg(
                "'{text}' is in {found}, but without a plan for {month} this shop's amounts are in {currency}: give it in {currency},"
                " or record the month's plan in {found} first (`wowcoach plan --currency {found} --record`)."
            ).format(text=typed, found="DKK" if written == "KR" else written, month=month, currency=currency)
        )


def left_line(logged: Logged, t: Translator) -> str:
    """What the person has left of the entry's month, or that no plan is recorded for it."""
    from wowcoach.money import format_amount

    month = logged.entry.day.strftime("%Y-%m")
    if logged.remaining_cents is None or logged.currency is None:  # the currency comes with the plan
        return t("No plan is recorded for {month}: `wowcoach plan --record` shows what is left.").format(month=month)
    if logged.remaining_cents < 0:
        over = format_amount(-logged.remaining_cents, logged.currency, t.lang)
        return t("{name} is {over} over budget this month.").format(name=logged.person, over=over)
    left = format_amount(logged.remaining_cents, logged.currency, t.lang)
    return t("{name} has {left} left this month.").format(name=logged.person, left=left)


def edit_entry(library: Library, entry_id: int, g: EntryEdit, t: Translator, db: str | Path | None, shop: str | None = None) -> Notice:
    """Change the fields of `g` that are not None, checked as `log add` checks."""
    from wowcoach.ledger.logbook import Changes, edit_gesture
    from wowcoach.money import read_amount

    cents, written = read_amount(g.cost, t.lang) if g.cost else (None, None)
    _values, value, gesture = _named(library, g.value, g.gesture, t)
    changes = Changes(
        day=parse_day(g.day) if g.day else None,
        by=g.by,
        what=g.what,
        cost_cents=cents,
        customer=g.customer,
        value_id=value,
        gesture_id=gesture,
        over_budget=g.over_budget,
    )
    with open_ledger(db, create=False, shop=shop) as ledger:
        if g.cost:
            _in_plan_currency(ledger, changes.day or ledger.get(entry_id).day, g.cost, written)
        logged = edit_gesture(ledger, library, entry_id, changes)
    first = t("Entry {id} changed: {what} by {name}, {day}.").format(
        id=entry_id, what=logged.entry.what, name=logged.person, day=logged.entry.day.isoformat()
    )
    return Notice([first, left_line(logged, t)])


def restore_entry(entry_id: int, over_budget: str | None, t: Translator, db: str | Path | None, shop: str | None = None) -> Notice:
    from wowcoach.ledger.logbook import restore_gesture

    with open_ledger(db, create=False, shop=shop) as ledger:
        logged = restore_gesture(ledger, entry_id, over_budget)
    first = t("Entry {id} is back in {month}: {what} by {name}.").format(
        id=entry_id, month=logged.entry.day.strftime("%Y-%m"), what=logged.entry.what, name=logged.person
    )
    return Notice([first, left_line(logged, t)])


def list_months(currency: str | None, t: Translator, db: str | Path | None, shop: str | None = None) -> MonthList:
    """The months the ledger holds entries or a plan for, newest first."""
    from wowcoach.app.views import month_label
    from wowcoach.money import check_currency, format_amount, local_currency
    from wowcoach.results.ledger import MonthRow

    lang = t.lang
    rows = []
    with open_ledger(db, create=False, shop=shop) as ledger:
        fallback = check_currency(currency or ledger.currency() or local_currency())
        for month, gestures, spent_cents, planned in ledger.months():
            plan = ledger.plan(month) if planned else None
            cur = plan.currency if plan else fallback
            budget = None if plan is None else plan.budget_cents
            rows.append(
                MonthRow(
                    month,
                    month_label(month, lang),
                    gestures,
                    spent_cents,
                    format_amount(spent_cents, cur, lang),
                    cur,
                    budget,
                    None if budget is None else format_amount(budget, cur, lang),
                )
            )
    return MonthList(t("Months in the ledger"), rows)


def list_entries(
    library: Library,
    month: str | None,
    by: str | None,
    removed: bool,
    currency: str | None,
    t: Translator,
    db: str | Path | None,
    shop: str | None = None,
) -> EntryList:
    """The month's entries, costs in the plan's currency (or `currency` when none is recorded)."""
    from wowcoach.app.views import entry_view
    from wowcoach.money import check_currency, local_currency

    wanted = parse_month_text(month)
    with open_ledger(db, create=False, shop=shop) as ledger:
        plan = ledger.plan(wanted)
        rows = ledger.entries(wanted, by, include_removed=removed)
        latest = ledger.currency()
    cur = plan.currency if plan else check_currency(currency or latest or local_currency())
    views = [entry_view(library, e, cur, t.lang) for e in rows]
    return EntryList(wanted, cur, t("Gestures in {month}").format(month=wanted), views)


def set_outcome(
    entry_id: int,
    came_back: bool,
    told_others: bool,
    note: str | None,
    t: Translator,
    db: str | Path | None,
    clear: bool = False,
    shop: str | None = None,
    by: str | None = None,
) -> Notice:
    """Adds to what is recorded; `clear` forgets it first (an outcome logged by mistake).
    `by`: only an entry of this person (a staff page), checked in the same transaction."""
    from wowcoach.ledger.logbook import check_author

    if not (came_back or told_others or note is not None or clear):
        raise UsageError(Msg("Say what happened: --came-back, --told-others or --note TEXT (or --clear to undo it)."))
    with open_ledger(db, create=False, shop=shop) as ledger, ledger.writing():
        if by is not None:
            check_author(ledger.get(entry_id), by)
        if clear:
            entry = ledger.set_outcome(entry_id, came_back, told_others, note or "")
        else:
            entry = ledger.set_outcome(entry_id, came_back or None, told_others or None, note)
    if clear and not (came_back or told_others or note):
        return Notice([t("Entry {id}: its outcome is cleared.").format(id=entry.id)])
    return Notice([t("Entry {id} updated.").format(id=entry.id)])


def remove_entry(
    entry_id: int,
    t: Translator,
    db: str | Path | None,
    confirm: Callable[[Entry], bool] | None,
    shop: str | None = None,
    by: str | None = None,
) -> Notice:
    """Soft removal; `confirm(entry)` asks first (None: --yes). `by`: only an entry of this
    person (a staff page's undo), checked in the same transaction as the removal."""
    from wowcoach.ledger.logbook import check_author

    with open_ledger(db, create=False, shop=shop) as ledger:
        entry = ledger.get(entry_id)
        if confirm is not None and not confirm(entry):
            return Notice([t("Nothing removed.")])
        with ledger.writing():
            if by is not None:
                check_author(ledger.get(entry_id), by)
            ledger.remove(entry_id)
    return Notice(
        [t("Entry {id} removed; it stays in the history (`wowcoach log list --removed`).").format(id=entry_id)], entry_id=entry_id
    )


RECENT = 10  # gestures a staff page lists to record what came of them


def staff_month(
    library: Library,
    by: str | None,
    t: Translator,
    db: str | Path | None,
    shop: str | None = None,
    today: date | None = None,
    sector: str | None = None,
    channel: str | None = None,
) -> StaffMonth:
    """The staff page's view of today's month, read in one snapshot: the plan's people and what
    each has left, the gesture menu (of `sector` and `channel`: given, else the plan's); with
    `by`, that person (as the plan names them) and their recent gestures. Without a plan for the
    month, only `planned=False`."""
    from wowcoach.app.views import entry_view, gesture_views, month_label
    from wowcoach.ledger.logbook import allowance_of, carried_over, find_person, left_of, month_of, previous_month, spendable
    from wowcoach.money import format_amount
    from wowcoach.results.ledger import PersonLeft, StaffMonth

    lang, month = t.lang, month_of(today or date.today())
    with open_ledger(db, create=False, shop=shop) as ledger, ledger.reading():
        plan = ledger.plan(month)
        if plan is None:
            return StaffMonth(month, month_label(month, lang, "LLLL yyyy"), False, False, "", [], [])
        plan = spendable(plan, carried_over(ledger, plan))
        entries, cur = ledger.entries(month), plan.currency

        def person_left(name: str) -> PersonLeft:
            allowance, left = allowance_of(plan, name), left_of(plan, entries, name)
            over = format_amount(-left, cur, lang) if left < 0 else None
            return PersonLeft(name, allowance, format_amount(allowance, cur, lang), left, format_amount(max(left, 0), cur, lang), over)

        people = [person_left(name) for name in plan.allowances] if plan.named else []
        person, recent = None, []
        if by is not None:
            name = find_person(plan, by) if plan.named else " ".join(by.split())
            person = person_left(name)
            before = previous_month(month)
            earlier = ledger.plan(before)
            mine = [(e, cur) for e in entries if e.by.casefold() == name.casefold()]
            mine += [(e, earlier.currency if earlier else cur) for e in ledger.entries(before, name)]
            mine.sort(key=lambda pair: (pair[0].day, pair[0].id), reverse=True)
            recent = [entry_view(library, e, currency, lang) for e, currency in mine[:RECENT]]
    return StaffMonth(
        month,
        month_label(month, lang, "LLLL yyyy"),
        True,
        plan.named,
        cur,
        people,
        gesture_views(library, cur, lang, *plan.shop_kind(sector, channel)),
        person,
        recent,
    )


def entry_detail(library: Library, entry_id: int, t: Translator, db: str | Path | None, shop: str | None = None) -> EntryView:
    """One entry, its cost in its month's currency (for a form that edits it)."""
    with open_ledger(db, create=False, shop=shop) as ledger, ledger.reading():
        entry = ledger.get(entry_id)
        plan = ledger.plan(entry.day.strftime("%Y-%m"))
    from wowcoach.app.views import entry_view

    return entry_view(library, entry, plan.currency if plan else "EUR", t.lang)


def export_ledger(file: Path, t: Translator, db: str | Path | None, shop: str | None, force: bool) -> Notice:
    """One shop's rows, as stored (removed entries and outcomes too), to a JSON file written
    atomically; an existing file only with `force`."""
    from wowcoach.ledger.database import ledger_file
    from wowcoach.ledger.ledger_file import export_document
    from wowcoach.ledger.storage import SCHEMA_VERSION
    from wowcoach.safeio import check_target, write_atomic

    check_target(file, force, reads=[ledger_file(db)])  # before reading a large ledger
    with open_ledger(db, create=False, shop=shop) as ledger:
        rows = ledger.dump()
        name = ledger.shop
    write_atomic(file, export_document(name, SCHEMA_VERSION, rows), force=force)
    return Notice(
        [
            t("Wrote {entries} entries and {plans} plans of the shop '{shop}' to {path}.").format(
                entries=len(rows["entries"]), plans=len(rows["plans"]), shop=name, path=file
            )
        ]
    )


def import_ledger(library: Library, file: Path, t: Translator, db: str | Path | None, shop: str | None, force: bool) -> Notice:
    """A file of `log export` into a ledger, as the shop it names (or `shop`); a shop that holds
    anything is replaced only with `force`. Every field is checked first, its values and
    gestures against the library's: a file with any problem writes nothing."""
    from wowcoach.ledger.ledger_file import Known, read_ledger_file
    from wowcoach.ledger.storage import SCHEMA_VERSION

    known = Known(frozenset(v.id for v in library.values), frozenset(g.id for g in library.gestures))
    checked = read_ledger_file(file, SCHEMA_VERSION, known)
    rows = {"entries": checked.entries, "plans": checked.plans}
    from wowcoach.ledger.shops import NewShop

    with open_ledger(db, shop=checked.shop if shop is None else shop, new_shop=NewShop.UNLESS_CLOSE) as ledger:
        count, ids = ledger.load(rows, force)
        name, where = ledger.shop, ledger.path
    lines = [
        t("Imported {entries} entries and {plans} plans into the shop '{shop}' of {path}.").format(
            entries=count, plans=len(rows["plans"]), shop=name, path=where
        )
    ]
    if ids == "taken":
        lines.append(t("Their numbers were taken in this ledger, so the entries have new numbers: see `wowcoach log list`."))
    elif ids == "high":
        lines.append(t("Their numbers are too high to go on from, so the entries have new numbers: see `wowcoach log list`."))
    return Notice(lines)
