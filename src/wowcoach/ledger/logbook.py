"""Logging gestures against the month's plan, and the month-end review. Plain Python."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from wowcoach.errors import UsageError, UserError
from wowcoach.i18n import Msg
from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import Gesture
from wowcoach.ledger.storage import Entry, Ledger, StoredPlan
from wowcoach.profile.answers import Profile
from wowcoach.textclean import name_key, name_text

if TYPE_CHECKING:
    from wowcoach.money import Money

WARN_AT = (100, 90, 75)  # percent of the month's budget spent
MAX_TEXT = 10_000


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


def previous_month(month: str) -> str:
    y, m = int(month[:4]), int(month[5:])
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


def find_person(plan: StoredPlan, name: str) -> str:
    """The plan's spelling of `name`: "åse" and "Åse" are one person (`textclean.name_key`)."""
    key = name_key(name)
    for person in plan.allowances:
        if name_key(person) == key:
            return person
    raise UserError(
        Msg("{name} is not in the plan for {month} ({names}): check the name.").format(
            name=name, month=plan.month, names=", ".join(plan.allowances)
        )
    )


def went_over(plan: StoredPlan, entries: list[Entry]) -> list[Entry]:
    """The entries over the cap or past their person's allowance when they are counted in order
    (by day, then as logged): those the review lists with the reason they were logged with. An
    entry edited back within both, or made room for by another's removal, keeps its reason but
    is not listed."""
    named = {name_key(n): a for n, a in plan.allowances.items()}  # however the name was typed
    running: dict[str, int] = {}
    over = []
    for e in sorted(entries, key=lambda e: (e.day, e.id)):
        key = name_key(e.by)
        running[key] = running.get(key, 0) + e.cost_cents
        allowance = named.get(key, 0) if plan.named else allowance_of(plan, e.by)
        capped = plan.cap_cents is not None and e.cost_cents > plan.cap_cents
        if capped or (e.cost_cents > 0 and running[key] > allowance):
            over.append(e)
    return over


def spent(entries: list[Entry], person: str | None = None) -> int:
    if person is None:
        return sum(e.cost_cents for e in entries)
    key = name_key(person)
    return sum(e.cost_cents for e in entries if name_key(e.by) == key)


class OverBudget(UserError):
    """A cost over the cap or the person's allowance, logged without a reason. The message is
    the command line's; `cost` and `problems` let a page ask for the reason in its own words."""

    def __init__(self, message: Msg, cost: Money, problems: Msg) -> None:
        super().__init__(message)
        self.cost = cost
        self.problems = problems


@dataclass(frozen=True)
class Logged:
    entry: Entry
    person: str
    remaining_cents: int | None  # None when no plan is recorded for the month
    currency: str | None


def log_gesture(
    ledger: Ledger,
    library: Library,
    day: date,
    by: str,
    what: str,
    cost_cents: int,
    customer: str = "",
    value_id: str | None = None,
    gesture_id: str | None = None,
    over_budget: str | None = None,
) -> Logged:
    by, what = _checked_texts(by, what, customer)
    value_id = _value_of(library, value_id, gesture_id)
    over_budget = _reason(over_budget)
    # What is left and the new row are one transaction: two people logging at once can't
    # both spend the last of an allowance.
    with ledger.writing():
        plan, person, remaining = _check_budget(
            ledger, day, by, cost_cents, over_budget is not None, Msg('{cost} is {problems}: add --over-budget "reason" to log it anyway.')
        )
        entry_id = ledger.add(day, person, what, cost_cents, customer.strip(), value_id, gesture_id, over_budget)
    return _logged(ledger, entry_id, person, remaining, cost_cents, plan)


@dataclass(frozen=True)
class Changes:
    """What `log edit` changes in an entry; None: keep it as it is."""

    day: date | None = None
    by: str | None = None
    what: str | None = None
    cost_cents: int | None = None
    customer: str | None = None
    value_id: str | None = None
    gesture_id: str | None = None
    over_budget: str | None = None

    def empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__dataclass_fields__)


def edit_gesture(ledger: Ledger, library: Library, entry_id: int, changes: Changes) -> Logged:
    """Change an entry, checked as `log add` checks a new one, against its (new) month with the
    entry's old cost given back. The reason it was logged over budget with still counts unless
    the edit makes it cost more; `changes.over_budget` gives a new one."""
    if changes.empty():
        raise UsageError(Msg("Say what to change: --date, --by, --what, --cost, --customer, --value, --gesture or --over-budget."))
    over_budget = _reason(changes.over_budget)
    with ledger.writing():
        old = ledger.get(entry_id)
        if old.removed_at:
            raise UserError(Msg("Entry {id} is removed: bring it back first with `wowcoach log restore {id}`.").format(id=entry_id))
        day = changes.day or old.day
        if month_of(day) != month_of(old.day):
            was, now = ledger.month_currency(month_of(old.day)), ledger.month_currency(month_of(day))
            if was != now:  # its cents would silently change currency
                raise UserError(
                    Msg("Entry {id} is in {was} and {month} in {now}: log it again in {now} for that month, and remove this one.").format(
                        id=entry_id, was=was, month=month_of(day), now=now
                    )
                )
        cost = old.cost_cents if changes.cost_cents is None else changes.cost_cents
        customer = old.customer if changes.customer is None else changes.customer
        by, what = _checked_texts(
            old.by if changes.by is None else changes.by, old.what if changes.what is None else changes.what, customer
        )
        gesture_id = old.gesture_id if changes.gesture_id is None else changes.gesture_id
        value_id = changes.value_id or old.value_id
        if changes.value_id or changes.gesture_id:
            value_id = _value_of(library, changes.value_id or old.value_id, gesture_id)
        reason = over_budget or old.over_budget_reason
        excused = over_budget is not None or (old.over_budget_reason is not None and cost <= old.cost_cents)
        plan, person, remaining = _check_budget(
            ledger, day, by, cost, excused, Msg('{cost} is {problems}: add --over-budget "reason" to change it anyway.'), without=old
        )
        ledger.edit(entry_id, day, person, what, cost, customer.strip(), value_id, gesture_id, reason)
    return _logged(ledger, entry_id, person, remaining, cost, plan)


def restore_gesture(ledger: Ledger, entry_id: int, over_budget: str | None = None) -> Logged:
    """Bring back a removed entry, if its month still has room for it (or it has a reason)."""
    over_budget = _reason(over_budget)
    with ledger.writing():
        entry = ledger.get(entry_id)
        if not entry.removed_at:
            raise UserError(Msg("Entry {id} is not removed: there is nothing to restore.").format(id=entry_id))
        excused = over_budget is not None or entry.over_budget_reason is not None
        plan, person, remaining = _check_budget(
            ledger,
            entry.day,
            entry.by,
            entry.cost_cents,
            excused,
            Msg('{cost} is {problems}: add --over-budget "reason" to restore it anyway.'),
        )
        ledger.restore(entry_id, over_budget)
    return _logged(ledger, entry_id, person, remaining, entry.cost_cents, plan)


def _checked_texts(by: str, what: str, customer: str) -> tuple[str, str]:
    by, what = name_text(by), what.strip()
    if not by:
        raise UsageError(Msg("--by is empty: say who made the gesture."))
    if not what:
        raise UsageError(Msg("--what is empty: say what was done for the customer."))
    if max(len(what), len(customer), len(by)) > MAX_TEXT:
        raise UsageError(Msg("That text is too long; keep it under {max} characters.").format(max=MAX_TEXT))
    return by, what


def _value_of(library: Library, value_id: str | None, gesture_id: str | None) -> str:
    """The value an entry shows: the one named (checked), else the gesture's first."""
    gesture: Gesture | None = None
    if gesture_id:
        gesture = next((g for g in library.gestures if g.id == gesture_id), None)
        if gesture is None:
            raise UsageError(Msg("Unknown gesture '{id}': see `wowcoach plan` for the gesture menu.").format(id=gesture_id))
    if value_id:
        library.value(value_id)  # refuses an unknown id with the closest ones
        return value_id
    if gesture and gesture.values:
        return gesture.values[0]
    raise UsageError(Msg("Name the core value this gesture shows: --value ID (see `wowcoach values list`) or --gesture ID."))


def _reason(over_budget: str | None) -> str | None:
    if over_budget is not None and not over_budget.strip():
        raise UsageError(Msg('--over-budget needs a reason, e.g. --over-budget "funeral flowers".'))
    return over_budget.strip() if over_budget is not None else None


def _check_budget(
    ledger: Ledger, day: date, by: str, cost_cents: int, excused: bool, refusal: Msg, without: Entry | None = None
) -> tuple[StoredPlan | None, str, int | None]:
    """Inside `writing()`: the plan of the day's month, the person as the plan names them and
    what they have left (`without` an entry being edited); refuses a cost over the cap or the
    allowance unless `excused`, with `refusal` ({cost} and {problems}: what was being done)."""
    plan = ledger.plan(month_of(day))
    if plan is None:
        return None, by, None
    plan = spendable(plan, carried_over(ledger, plan))
    person = find_person(plan, by) if plan.named else by
    remaining = left_for(ledger, plan, person, without)
    problems = []
    if plan.cap_cents is not None and cost_cents > plan.cap_cents:
        problems.append(Msg("more than the cap of {cap} per customer").format(cap=_money(plan.cap_cents, plan.currency)))
    if cost_cents > 0 and cost_cents > remaining:  # attention costs nothing: never refused for budget
        problems.append(Msg("more than {name}'s remaining {left}").format(name=person, left=_money(max(remaining, 0), plan.currency)))
    if problems and not excused:
        cost, joined = _money(cost_cents, plan.currency), Msg.join(Msg(" and "), problems)
        raise OverBudget(refusal.format(cost=cost, problems=joined), cost, joined)
    return plan, person, remaining


def left_for(ledger: Ledger, plan: StoredPlan, person: str, without: Entry | None = None) -> int:
    """What `person` has left of the plan's month (`without` an entry being edited); below 0 when over."""
    return left_of(plan, [e for e in ledger.entries(plan.month) if without is None or e.id != without.id], person)


def left_of(plan: StoredPlan, entries: list[Entry], person: str) -> int:
    """What `person` has left of the plan, given the month's entries."""
    return allowance_of(plan, person) - spent(entries, person)


def check_author(entry: Entry, by: str) -> None:
    """For a page where staff act on their own entries only: refuse another person's."""
    if name_key(entry.by) != name_key(by):  # the same person however the name is written (see textclean.name_key)
        raise UserError(Msg("Entry {id} is not one of {name}'s gestures.").format(id=entry.id, name=by))


def _logged(ledger: Ledger, entry_id: int, person: str, remaining: int | None, cost_cents: int, plan: StoredPlan | None) -> Logged:
    left = None if remaining is None else remaining - cost_cents
    return Logged(ledger.get(entry_id), person, left, plan.currency if plan else None)


def allowance_of(plan: StoredPlan, person: str) -> int:
    # A plan by head count gives everyone the same share (the largest, when cents don't split evenly).
    return plan.allowances.get(person, 0) if plan.named else max(plan.allowances.values(), default=0)


def _money(cents: int, currency: str) -> Money:
    from wowcoach.money import Money

    return Money(cents, currency)


def carried_over(ledger: Ledger, plan: StoredPlan, depth: int = 24) -> int:
    """What last month left for this one: a plan's policy says what becomes of its own month's
    unspent budget (its review says so), so only when last month's plan rolls over, in this
    month's currency, with what that month had carried in itself."""
    if depth == 0:
        return 0
    prev_plan = ledger.plan(previous_month(plan.month))
    if prev_plan is None or prev_plan.policy != "rolls-over" or prev_plan.currency != plan.currency:
        return 0
    available = prev_plan.budget_cents + carried_over(ledger, prev_plan, depth - 1)
    return max(0, available - spent(ledger.entries(prev_plan.month)))


def spendable(plan: StoredPlan, carried: int) -> StoredPlan:
    """The plan as its people may spend it: what last month rolled over (`carried_over`) shared
    out over their allowances in proportion, so that what the review calls left is someone's to
    spend. The shares add up to `carried` exactly (a cent to spare goes where the most was cut)."""
    if not carried or not plan.allowances:
        return plan
    names, amounts = list(plan.allowances), list(plan.allowances.values())
    weights = amounts if sum(amounts) else [1] * len(amounts)
    total = sum(weights)
    shares = [carried * w // total for w in weights]
    by_rest = sorted(range(len(names)), key=lambda i: (-(carried * weights[i] % total), i))
    for i in by_rest[: carried - sum(shares)]:
        shares[i] += 1
    return replace(plan, allowances={n: a + share for n, a, share in zip(names, amounts, shares, strict=True)})


@dataclass(frozen=True)
class PersonSpend:
    name: str
    allowance_cents: int
    spent_cents: int
    gestures: int


@dataclass(frozen=True)
class ValueSpend:
    value_id: str
    gestures: int
    spent_cents: int


@dataclass(frozen=True)
class ReviewData:
    month: str
    plan: StoredPlan
    carried_cents: int
    entries: list[Entry]
    people: list[PersonSpend]
    values: list[ValueSpend]
    emotional: int
    monetary: int
    unclassified: int
    came_back: int
    told_others: int

    @property
    def available_cents(self) -> int:
        return self.plan.budget_cents + self.carried_cents

    @property
    def spent_cents(self) -> int:
        return sum(e.cost_cents for e in self.entries)

    @property
    def percent_used(self) -> int | None:
        return round(100 * self.spent_cents / self.available_cents) if self.available_cents else None

    @property
    def warning_level(self) -> int | None:
        used = self.percent_used
        if used is None:
            return 100 if self.spent_cents else None
        return next((level for level in WARN_AT if used >= level), None)


def review(ledger: Ledger, library: Library, month: str, plan: StoredPlan | None) -> ReviewData:
    """The month against its plan; the plan comes from the ledger unless one is given."""
    plan = plan or ledger.plan(month)
    if plan is None:
        raise UserError(
            Msg("No plan is recorded for {month}: run `wowcoach plan --month {month} --record` or give --profile.").format(month=month)
        )
    carried = carried_over(ledger, plan)
    plan = spendable(plan, carried)  # each person's allowance with their share of what was carried
    entries = ledger.entries(month)
    kinds = {g.id: g.kind for g in library.gestures}
    # One row per person, however their name was typed ("Åse", "åse"): the plan's spelling first.
    names = {name_key(n): n for n in plan.allowances} if plan.named else {}
    mine: dict[str, list[Entry]] = {}
    for e in entries:
        key = name_key(e.by)
        names.setdefault(key, e.by)
        mine.setdefault(key, []).append(e)
    people = [
        PersonSpend(
            n,
            allowance_of(plan, n) if plan.named is False or n in plan.allowances else 0,
            sum(e.cost_cents for e in mine.get(key, [])),
            len(mine.get(key, [])),
        )
        for key, n in names.items()
    ]
    by_value: dict[str, list[Entry]] = {}
    for e in entries:
        by_value.setdefault(e.value_id, []).append(e)
    values = [ValueSpend(v, len(es), sum(e.cost_cents for e in es)) for v, es in sorted(by_value.items(), key=lambda kv: -len(kv[1]))]
    kind_of = [kinds.get(e.gesture_id or "") for e in entries]
    return ReviewData(
        month=month,
        plan=plan,
        carried_cents=carried,
        entries=entries,
        people=people,
        values=values,
        emotional=kind_of.count("emotional"),
        monetary=kind_of.count("monetary"),
        unclassified=kind_of.count(None),
        came_back=sum(e.came_back for e in entries),
        told_others=sum(e.told_others for e in entries),
    )


def stored_plan_from_profile(profile: Profile, month: str) -> StoredPlan:
    """A plan by head count from a profile's budget, for a month no plan was recorded for."""
    from wowcoach.planning.budget import allocate, staff_names

    names = staff_names(profile.staff, [])
    return StoredPlan(
        month,
        profile.currency,
        profile.budget_cents,
        dict(zip(names, allocate(profile.budget_cents, len(names)), strict=False)),
        "expires",
        None,
        named=False,
    )


@dataclass(frozen=True)
class ShopMonth:
    """One shop's month, for `review --all-shops`."""

    shop: str
    plan: StoredPlan | None
    currency: str | None  # the plan's, else the shop's latest plan's (None: it never had one)
    carried_cents: int
    spent_cents: int
    gestures: int
    came_back: int
    told_others: int


def compare_shops(ledger: Ledger, month: str) -> list[ShopMonth]:
    """Every shop of the ledger in one month, read in one snapshot."""
    rows = []
    with ledger.reading():
        totals, plans = ledger.every_shop(month)
        for shop in ledger.shops():
            plan = plans.get(shop)
            gestures, spent_cents, came_back, told_others = totals.get(shop, (0, 0, 0, 0))
            one = ledger.with_shop(shop)
            carried = carried_over(one, plan) if plan else 0
            currency = plan.currency if plan else one.currency()
            rows.append(ShopMonth(shop, plan, currency, carried, spent_cents, gestures, came_back, told_others))
    return rows
