"""Turn library entries into result objects in one language."""

from __future__ import annotations

from wowcoach.i18n import _
from wowcoach.library import Library
from wowcoach.models import Case, Value
from wowcoach.report import CaseView, IdeaView, ValueList, ValueView


def case_view(library: Library, case: Case, lang: str) -> CaseView:
    names = {w.id: w.name.get(lang) for w in library.wow_criteria}
    src = case.source
    source = src.publication + (f", “{src.title}”" if src.title else "") + (f" ({src.year})" if src.year else "")
    amount = None
    if case.typical_amount is not None:
        from wowcoach.money import format_amount

        amount = format_amount(int(case.typical_amount.amount * 100), case.typical_amount.currency, lang)
    return CaseView(
        id=case.id,
        company=case.company,
        title=case.title.get(lang),
        story=case.story.get(lang),
        lesson=case.lesson.get(lang),
        channel=case.channel,
        sectors=[library.label("sector", s, lang) for s in case.sectors],
        situations=[library.label("situation", s, lang) for s in case.situations],
        values=[library.value(v).name.get(lang) if library.has_value(v) else v for v in case.values],
        wow=[names.get(w, w) for w in case.wow],
        cost=case.cost,
        typical_amount=amount,
        ideas=[IdeaView(i.text.get(lang), i.cost) for i in case.ideas],
        figures=[f"{f.value}: {f.label.get(lang)}" for f in case.figures],
        source=source,
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


def cost_label(level: str) -> str:
    return {"free": _("free"), "low": _("low"), "medium": _("medium"), "high": _("high")}.get(level, level)


def effort_label(level: str) -> str:
    return {"low": _("low"), "medium": _("medium"), "high": _("high")}.get(level, level)


def kind_label(kind: str, weaker: bool) -> str:
    label = _("emotional") if kind == "emotional" else _("monetary")
    return label + (" · " + _("weaker WOW") if weaker else "")


def policy_label(policy: str) -> str:
    if policy == "expires":
        return _("unspent budget expires at month end")
    return _("unspent budget rolls over to next month")
