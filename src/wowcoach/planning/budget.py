"""The monthly surprise budget: allowances per person exact to the cent, a gesture mix that
favours emotional gestures, and a calendar of weekly focus values. Plain Python: no printing."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from wowcoach.errors import UsageError
from wowcoach.i18n import Msg
from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import ANY_SECTOR, Gesture
from wowcoach.money import EUR_RATE

POLICIES = ("expires", "rolls-over")
EMOTIONAL_SHARE = Decimal("0.9")  # at most a tenth of the budget goes to discounts and vouchers
MAX_STAFF = 100_000


def allocate(total_cents: int, people: int) -> list[int]:
    """Split an amount so the parts add up exactly and differ by at most one cent.

    The remainder cents go to the first people in the list, so the same input always gives
    the same plan."""
    if people < 1:
        raise UsageError(Msg("A plan needs at least one person: give --staff 1 or more."))
    if total_cents < 0:
        raise UsageError(Msg("The budget is negative: give 0 or more."))
    base, rest = divmod(total_cents, people)
    return [base + (1 if i < rest else 0) for i in range(people)]


def next_month(today: date) -> date:
    return date(today.year + today.month // 12, today.month % 12 + 1, 1)


def staff_names(count: int | None, names: list[str], person: str = "Person {n}") -> list[str]:
    """The names given, checked; without names, `count` people called by `person` (translated by the caller)."""
    if names and count is not None and count != len(names):
        raise UsageError(Msg("Use --staff or --staff-name, not both (or give as many names as --staff says)."))
    from wowcoach.textclean import name_key, name_text

    cleaned = [name_text(n) for n in names]
    if any(not n for n in cleaned):
        raise UsageError(Msg("A --staff-name is empty: give each person a name."))
    # "Anna" and "anna", or "Anna" with an invisible character, would look like one person.
    if len({name_key(n) for n in cleaned}) != len(cleaned):
        raise UsageError(Msg("Two people have the same name: make each --staff-name unique."))
    if cleaned:
        return cleaned
    n = 1 if count is None else count
    if not 1 <= n <= MAX_STAFF:
        raise UsageError(Msg("{n} people is out of range: give --staff from 1 to {max}.").format(n=n, max=MAX_STAFF))
    return [person.format(n=i + 1) for i in range(n)]


def can_make(gesture: Gesture, channel: str) -> bool:
    """Whether a shop selling in `channel` (shop, online, both) can make the gesture: a counter
    has no delivery charge to waive, a web shop no queue to hand warm bread to."""
    return channel == "both" or channel in gesture.channels


def gestures_for(gestures: tuple[Gesture, ...], sector: str, channel: str) -> tuple[list[Gesture], list[Gesture]]:
    """A shop's gesture menu: those written for its sector, then those for any shop, each only if
    the shop can make it where it sells; in the data's order."""
    mine = [g for g in gestures if sector in g.sectors and can_make(g, channel)]
    anyone = [g for g in gestures if ANY_SECTOR in g.sectors and can_make(g, channel)]
    return mine, anyone


def unit_cost(gesture: Gesture, currency: str) -> int:
    """A gesture's typical cost in the plan's currency, in whole units' worth of cents."""
    rate = EUR_RATE.get(currency, Decimal("1"))
    amount = gesture.cost_eur * rate
    # Round up to whole units: nobody buys flowers for 111.90 kr.
    return int(amount.to_integral_value(rounding="ROUND_CEILING")) * 100


@dataclass(frozen=True)
class MixLine:
    gesture: Gesture
    count: int  # 0 for free gestures: as many as the team likes
    unit_cents: int
    total_cents: int


def suggest_mix(gestures: tuple[Gesture, ...], budget_cents: int, currency: str, cap_cents: int | None) -> tuple[list[MixLine], int]:
    """How many of each paid gesture the budget pays for, emotional ones first; the free ones
    always. Returns the lines and the cents left unplanned (kept for the unexpected)."""
    priced = [(g, unit_cost(g, currency)) for g in gestures]
    allowed = [(g, c) for g, c in priced if c > 0 and (cap_cents is None or c <= cap_cents)]
    emotional = sorted((p for p in allowed if not p[0].weaker), key=lambda p: (p[1], p[0].id))
    monetary = sorted((p for p in allowed if p[0].weaker), key=lambda p: (p[1], p[0].id))
    counts: dict[str, int] = {}
    left = budget_cents
    monetary_room = budget_cents - int((Decimal(budget_cents) * EMOTIONAL_SHARE).to_integral_value())
    for pool, room in ((emotional, None), (monetary, monetary_room)):
        # Round robin, cheapest first, so the mix stays varied rather than fifty cards.
        spent_here = 0
        progress = True
        while progress:
            progress = False
            for g, cost in pool:
                limit = left if room is None else min(left, room - spent_here)
                if cost <= limit and (room is not None or left - cost >= monetary_room or not monetary):
                    counts[g.id] = counts.get(g.id, 0) + 1
                    left -= cost
                    spent_here += cost
                    progress = True
    lines = [MixLine(g, 0, 0, 0) for g, c in priced if c == 0]
    lines += [MixLine(g, counts[g.id], c, counts[g.id] * c) for g, c in priced if counts.get(g.id)]
    return lines, left


@dataclass(frozen=True)
class Week:
    number: int  # ISO week number
    start: date
    end: date
    value_id: str
    story_id: str


def weeks_of(month: date, library: Library, sector: str | None = None) -> list[Week]:
    """The Monday-to-Sunday weeks that touch the month, each with a focus value and a story.

    Values rotate through all ten across the months, so March does not repeat February. Each
    week's story is from the shop's own sector while there are some left (one showing the week's
    value first), then one showing the value; no story comes twice in a month."""
    last = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    start = month - timedelta(days=month.weekday())
    values = list(library.values)
    offset = (month.year * 12 + month.month) * 4 % len(values)
    cases = list(library.cases)
    told: set[str] = set()
    weeks = []
    i = 0
    while start <= last:
        value = values[(offset + i) % len(values)]
        fresh = [c for c in cases if c.id not in told] or cases
        ours = [c for c in fresh if sector in c.sectors]
        showing = [c for c in fresh if value.id in c.values]
        stories = [c for c in ours if c in showing] or ours or showing or fresh
        story = stories[(month.year * 12 + month.month + i) % len(stories)]
        told.add(story.id)
        weeks.append(Week(start.isocalendar()[1], max(start, month), min(start + timedelta(days=6), last), value.id, story.id))
        start += timedelta(days=7)
        i += 1
    return weeks
