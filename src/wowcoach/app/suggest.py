"""The main job: from a shop's profile and situation to ranked, explained suggestions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from decimal import Decimal

from wowcoach.app.reasons import explain
from wowcoach.app.views import case_view, value_view
from wowcoach.i18n import Translator, translator
from wowcoach.knowledge.library import Library
from wowcoach.knowledge.schema import Case
from wowcoach.matching.rank import Match, Matcher, Query, Reason, rank_with_confidence
from wowcoach.money import EUR_RATE
from wowcoach.profile.answers import Profile
from wowcoach.results.cases import IdeaView
from wowcoach.results.suggest import Suggestion, SuggestReport

# What an idea of each cost level may cost at most, in euros; a budget below it can't pay for it.
LEVEL_CEILING_EUR = {"free": 0, "low": 25, "medium": 150, "high": 10**9}
MAX_IDEAS = 3


def affordable(level: str, budget_cents: int, currency: str) -> bool:
    ceiling_cents = LEVEL_CEILING_EUR[level] * 100 * EUR_RATE.get(currency, Decimal(1))
    return ceiling_cents <= budget_cents


def for_this_shop(sectors: tuple[str, ...], profile: Profile) -> bool:
    return not sectors or profile.sector in sectors or ("web-shop" in sectors and profile.channel in ("online", "both"))


def ideas_for(library: Library, case: Case, profile: Profile, lang: str) -> tuple[list[IdeaView], str]:
    """Ideas for this shop's sector or any shop, the ones the budget can pay for first (others
    marked); when every idea is for other sectors, those, with the sectors named."""
    ideas = [(i, i.sectors) for i in case.ideas]
    ours = [(i, sectors) for i, sectors in ideas if for_this_shop(sectors, profile)]
    chosen, elsewhere = (ours, "") if ours else (ideas, _sector_names(library, ideas, lang))
    views = [IdeaView(i.text.get(lang), i.cost, affordable(i.cost, profile.budget_cents, profile.currency)) for i, _s in chosen]
    fitting = [i for i in views if i.affordable]
    if len(fitting) >= 2:
        return fitting[:MAX_IDEAS], elsewhere
    return (fitting + [i for i in views if not i.affordable])[:MAX_IDEAS], elsewhere


def _sector_names(library: Library, ideas: list, lang: str) -> str:
    tags = dict.fromkeys(tag for _i, sectors in ideas for tag in sectors)
    return ", ".join(library.label("sector", tag, lang) for tag in tags)


def suggest(library: Library, matcher: Matcher, profile: Profile, top: int = 3) -> SuggestReport:
    lang = profile.lang
    t = translator(lang)
    query = Query(profile.situation, profile.situation_type, profile.sector, profile.channel, lang)
    ranked = rank_with_confidence(matcher, query, top=top)
    matches = ranked.matches
    suggestions = []
    for m in matches:
        ideas, elsewhere = ideas_for(library, m.case, profile, lang)
        suggestions.append(
            Suggestion(
                case=case_view(library, m.case, lang),
                score=m.score,
                why=[explain(library, r, lang, t, profile.channel) for r in m.reasons],
                ideas=ideas,
                ideas_from=elsewhere,
                probability=m.probability if profile.situation.strip() else None,
                because=plain_reason(library, m.reasons, lang, t),
            )
        )
    chosen = checklist_values(library, [m.case for m in matches], top)
    notes = []
    heading = ""
    if not profile.situation.strip() and not profile.situation_type:
        notes.append(t("No situation given: these are general stories. Describe one with --situation."))
    elif ranked.confidence == "none":
        # Said plainly, with what wowcoach is for; the nearest stories still follow, marked as further away.
        notes.append(
            t(
                "No story fits this situation. wowcoach coaches moments with your customers and your staff: "
                "a wish, a complaint, a mishap, a question from your team. The principle below still holds."
            )
        )
        heading = t("Further away: the nearest stories")
    elif ranked.confidence == "low":
        notes.append(t("These stories fit your situation only loosely: say a little more about what happened for closer ones."))
    if profile.situation.strip() and matcher.meaning_off:
        notes.append(
            t("Matching by meaning is off ({reason}): stories are found by their words only.").format(reason=t(matcher.meaning_off))
        )
    data = profile.as_dict()
    return SuggestReport(
        profile=data,
        suggestions=suggestions,
        checklist=[value_view(library.value(v), lang) for v in chosen],
        principle=library.principle.get(lang),
        notes=notes,
        confidence=ranked.confidence if profile.situation.strip() else "low",
        heading=heading,
        # Two stories about as likely: the owner may settle it (a weak answer asks for more instead).
        choices=situation_choices(library, matches, lang)
        if profile.situation.strip() and not profile.situation_type and ranked.close and ranked.confidence in ("high", "medium")
        else [],
    )


def checklist_values(library: Library, cases: list[Case], top: int) -> list[str]:
    """The values the first stories show most, weighted by rank, whose checklist questions follow them."""
    weight: Counter[str] = Counter()
    for position, case in enumerate(cases):
        for v in case.values:
            if library.has_value(v):
                weight[v] += top - position
    return [v for v, _n in weight.most_common(3)] or [library.values[0].id]


def plain_reason(library: Library, reasons: Sequence[Reason], lang: str, t: Translator) -> str:
    """Why a story was chosen, for a client's document: the kind of situation and the trade it
    shares with the shop, in plain words; no scores, no matched words. Empty when neither."""
    parts = []
    situation = next((r.detail for r in reasons if r.kind in ("tag", "type")), None)
    if situation:
        parts.append(t("the same kind of situation ({label})").format(label=library.label("situation", situation, lang)))
    sector = next((r.detail for r in reasons if r.kind == "sector"), None)
    if sector:
        parts.append(t("a shop in the same trade ({label})").format(label=library.label("sector", sector, lang)))
    return ", ".join(parts)


def situation_choices(library: Library, matches: list[Match], lang: str, most: int = 4) -> list[tuple[str, str]]:
    """(tag, label) of the situations the best candidates are about, for the one follow-up
    question when the answer is unsure: the tags of the first stories first, each once."""
    seen: dict[str, str] = {}
    for m in matches:
        for tag in m.case.situations:
            if tag not in seen:
                seen[tag] = library.label("situation", tag, lang)
    return list(seen.items())[:most]
