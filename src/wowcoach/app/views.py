"""Turn library entries into result objects in one language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wowcoach.i18n import Translator, locale_of
from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import Case, Value, in_language
from wowcoach.results.cases import CaseView, IdeaView, ValueList, ValueView

if TYPE_CHECKING:
    from wowcoach.results.ledger import EntryView, ReviewReport
    from wowcoach.results.plan import GestureView


def source_line(case: Case, lang: str = "en") -> str:
    """The source as a reader looks it up: an article by its publisher, headline, year and address;
    a book by its author, title, publisher and year."""
    src = case.source
    return citation(case, lang) + (f" {src.url}" if src.url else "")


def citation(case: Case, lang: str = "en") -> str:
    """The source without its address, the publisher's name in `lang` where it has one."""
    src = case.source
    publication = in_language(src.publication, lang)
    year = f", {src.year}" if src.year else ""
    if src.author:
        return f"{src.author}, “{src.title}” ({publication}{year})"
    return f"{publication}, “{src.title}”" + (f" ({src.year})" if src.year else "")


def case_view(library: Library, case: Case, lang: str) -> CaseView:
    names = {w.id: w.name.get(lang) for w in library.wow_criteria}
    source = source_line(case, lang)
    amount = None
    if case.typical_amount is not None:
        from wowcoach.money import format_amount

        amount = format_amount(int(case.typical_amount.amount * 100), case.typical_amount.currency, lang)
    return CaseView(
        id=case.id,
        company=in_language(case.company, lang),
        title=case.title.get(lang),
        story=case.story.get(lang),
        lesson=case.lesson.get(lang),
        channel=case.channel,
        sectors=[library.label("sector", s, lang) for s in case.sectors],
        situations=[library.label("situation", s, lang) for s in case.situations],
        values=[library.value_name(v, lang) for v in case.values],
        wow=[names.get(w, w) for w in case.wow],
        cost=case.cost,
        typical_amount=amount,
        ideas=[IdeaView(i.text.get(lang), i.cost) for i in case.ideas],
        figures=[f"{in_language(f.value, lang)}: {f.label.get(lang)}" for f in case.figures],
        source=source,
        source_text=citation(case, lang),
        source_url=case.source.url or None,
    )


def value_view(value: Value, lang: str) -> ValueView:
    return ValueView(
        id=value.id,
        number=value.number,
        name=value.name.get(lang),
        meaning=value.meaning.get(lang),
        questions=[q.text.get(lang) for q in value.questions],
        actions=[a.get(lang) for a in value.actions],
        question_ids=[q.id for q in value.questions],
    )


def value_list(library: Library, lang: str) -> ValueList:
    return ValueList(
        lang=lang,
        values=[value_view(v, lang) for v in library.values],
        principle=library.principle.get(lang),
        wow_criteria=[f"{w.name.get(lang)}: {w.description.get(lang)}" for w in library.wow_criteria],
    )


def review_fields(t: Translator) -> list[str]:
    """What to record for every gesture, as the plan and the review list it."""
    return [t("who"), t("what"), t("cost"), t("customer"), t("value"), t("reaction"), t("did they come back")]


def gesture_views(library: Library, currency: str, lang: str, sector: str = "other", channel: str = "both") -> list[GestureView]:
    """The gesture menu of a shop of `sector` that sells by `channel` (shop, online, both) in one
    language, each typical cost in the plan's currency: the sector's own gestures first, then
    those that suit any shop, none it cannot make where it sells."""
    from wowcoach.money import format_amount
    from wowcoach.planning.budget import gestures_for, unit_cost
    from wowcoach.results.plan import GestureView

    wow_names = {w.id: w.name.get(lang) for w in library.wow_criteria}
    mine, anyone = gestures_for(library.gestures, sector, channel)
    return [
        GestureView(
            g.id,
            g.name.get(lang),
            g.description.get(lang),
            unit_cost(g, currency),
            format_amount(unit_cost(g, currency), currency, lang),
            g.effort,
            g.kind,
            g.weaker,
            [wow_names.get(w, w) for w in g.wow],
            g in mine,
        )
        for g in mine + anyone
    ]


def entry_view(library: Library, e, currency: str, lang: str) -> EntryView:
    from babel.numbers import format_decimal

    from wowcoach.i18n import locale_of
    from wowcoach.money import format_amount
    from wowcoach.results.ledger import EntryView

    value = library.value_name(e.value_id, lang)
    gesture = next((g.name.get(lang) for g in library.gestures if g.id == e.gesture_id), e.gesture_id)
    return EntryView(
        e.id,
        e.day.isoformat(),
        e.by,
        e.what,
        e.cost_cents,
        format_amount(e.cost_cents, currency, lang),
        e.customer,
        e.value_id,
        value,
        e.gesture_id,
        e.over_budget_reason,
        e.came_back,
        e.told_others,
        e.outcome_note,
        e.removed_at,
        format_decimal(e.cost_cents / 100, format="0.00", locale=locale_of(lang)),
        gesture,
    )


def review_view(
    library: Library, data, t: Translator, trend: list[tuple[str, int, int, int]] | None = None, shop: str | None = None
) -> ReviewReport:
    """The review in one language, every amount formatted once for all renderers; `trend` is
    (month, spent, gestures, came back) of the last months, shown when there is more than one;
    `shop` names the shop (None for a ledger's default shop)."""
    from datetime import date

    from babel.dates import format_date

    from wowcoach.ledger.logbook import went_over
    from wowcoach.money import format_amount
    from wowcoach.results.ledger import ReviewPerson, ReviewReport, ReviewValue, TrendRow

    lang, cur = t.lang, data.plan.currency

    def money(cents: int) -> str:
        return format_amount(cents, cur, lang)

    level = data.warning_level
    warning = None
    if level is not None:
        warning = (
            t("{percent}% of the budget is spent ({spent} of {available}).").format(
                percent=data.percent_used, spent=money(data.spent_cents), available=money(data.available_cents)
            )
            if level < 100
            else t("The budget is used up: {spent} of {available}.").format(
                spent=money(data.spent_cents), available=money(data.available_cents)
            )
        )
    first = date(int(data.month[:4]), int(data.month[5:]), 1)
    return ReviewReport(
        lang=lang,
        month=data.month,
        month_name=format_date(first, "LLLL yyyy", locale=locale_of(lang)),
        currency=cur,
        policy=data.plan.policy,
        budget_cents=data.plan.budget_cents,
        budget=money(data.plan.budget_cents),
        carried_cents=data.carried_cents,
        carried=money(data.carried_cents),
        available_cents=data.available_cents,
        available=money(data.available_cents),
        spent_cents=data.spent_cents,
        spent=money(data.spent_cents),
        remaining_cents=data.available_cents - data.spent_cents,
        remaining=money(data.available_cents - data.spent_cents),
        percent_used=data.percent_used,
        warning=warning,
        gestures=len(data.entries),
        people=[
            ReviewPerson(
                p.name,
                p.allowance_cents,
                money(p.allowance_cents),
                p.spent_cents,
                money(p.spent_cents),
                p.allowance_cents - p.spent_cents,
                money(p.allowance_cents - p.spent_cents),
                round(100 * p.spent_cents / p.allowance_cents) if p.allowance_cents else None,
                p.gestures,
            )
            for p in data.people
        ],
        values=[
            ReviewValue(
                v.value_id,
                library.value_name(v.value_id, lang),
                v.gestures,
                v.spent_cents,
                money(v.spent_cents),
            )
            for v in data.values
        ],
        emotional=data.emotional,
        monetary=data.monetary,
        unclassified=data.unclassified,
        came_back=data.came_back,
        told_others=data.told_others,
        summary=[
            t.ngettext(
                "{n} gesture: {emotional} emotional, {monetary} monetary, {other} not from the menu.",
                "{n} gestures: {emotional} emotional, {monetary} monetary, {other} not from the menu.",
                len(data.entries),
            ).format(n=len(data.entries), emotional=data.emotional, monetary=data.monetary, other=data.unclassified),
            t.ngettext("{n} customer came back", "{n} customers came back", data.came_back).format(n=data.came_back)
            + "; "
            + t.ngettext("{n} told others.", "{n} told others.", data.told_others).format(n=data.told_others),
        ],
        review_fields=review_fields(t),
        questions=[q.get(lang) for q in library.review_questions],
        outcomes=[outcome_line(e, t) for e in data.entries if e.outcome_note or e.came_back or e.told_others],
        over_budget=[over_budget_line(e, money(e.cost_cents), t) for e in went_over(data.plan, data.entries) if e.over_budget_reason],
        shop=shop,
        trend=[TrendRow(m, month_label(m, lang), cents, money(cents), n, back) for m, cents, n, back in trend or []]
        if trend and len(trend) > 1
        else [],
    )


def month_label(month: str, lang: str, pattern: str = "LLL yyyy") -> str:
    """'Mar 2027' (or with pattern "LLLL yyyy", 'March 2027') in `lang`."""
    from datetime import date

    from babel.dates import format_date

    return format_date(date(int(month[:4]), int(month[5:]), 1), pattern, locale=locale_of(lang))


def over_budget_line(e, cost: str, t: Translator) -> str:
    """A gesture logged over the cap or an allowance, with the reason given for it."""
    from babel.dates import format_skeleton  # "10. feb." in Danish: a pattern like "d MMM" drops its full stops

    day = format_skeleton("MMMd", e.day, locale=locale_of(t.lang))
    return t("{day} · {name}: {what}, {cost}, because: {reason}").format(
        day=day, name=e.by, what=e.what, cost=cost, reason=e.over_budget_reason
    )


def outcome_line(e, t: Translator) -> str:
    """What came of one gesture, as the owner wrote it down."""
    from babel.dates import format_skeleton

    what = [t("came back")] * e.came_back + [t("told others")] * e.told_others
    head = f"{format_skeleton('MMMd', e.day, locale=locale_of(t.lang))} · {e.by}: {e.what}"
    return head + (" – " + ", ".join(what) if what else "") + (f": {e.outcome_note}" if e.outcome_note else "")
