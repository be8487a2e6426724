"""Browsing the library: filtered case lists, one story or value, the values checklist
score, and checking the data files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wowcoach.app.views import case_view, value_list, value_view
from wowcoach.i18n import Translator, translator
from wowcoach.knowledge.library import Library
from wowcoach.results.cases import CaseList, CaseView, ChecklistResult, TagList, TagView, ValueList, ValueScore, ValueView
from wowcoach.results.notice import Notice


def list_cases(
    library: Library,
    lang: str,
    value: str | None = None,
    sector: str | None = None,
    situation: str | None = None,
) -> CaseList:
    """The stories showing a value, from a sector, about a situation: each named as the owner
    says it (its id, its name in any of our languages, an everyday word, one typo)."""
    from wowcoach.profile.choices import sector_choices, situation_choices, value_choices

    t = translator(lang)
    value = value_choices(lambda: library.values).resolve(value, t) if value else None
    sector = sector_choices(lambda: library.sectors).resolve(sector, t) if sector else None
    situation = situation_choices(lambda: library.situations, _situation_words).resolve(situation, t) if situation else None
    chosen = [
        c
        for c in library.cases
        if (not value or value in c.values) and (not sector or sector in c.sectors) and (not situation or situation in c.situations)
    ]
    return CaseList(lang=lang, cases=[case_view(library, c, lang) for c in chosen])


def list_tags(library: Library, lang: str) -> TagList:
    """Every sector and situation by its name in `lang`, with how many stories each has: the
    names `cases list --sector` and `--situation` (and the interview) take."""
    from collections import Counter

    sectors = Counter(s for c in library.cases for s in c.sectors)
    situations = Counter(s for c in library.cases for s in c.situations)
    return TagList(
        lang,
        [TagView(i, tag.label.get(lang), sectors[i]) for i, tag in library.sectors.items()],
        [TagView(i, tag.label.get(lang), situations[i]) for i, tag in library.situations.items()],
    )


def score_checklist(library: Library, answers: dict[str, bool], lang: str) -> ChecklistResult:
    """Share of 'yes' per value over the questions answered; the three lowest come first to work
    on, of those not at full marks (a value all 'yes' is nothing to work on)."""
    scores = []
    for value in library.values:
        ids = [q.id for q in value.questions]
        answered = [answers[i] for i in ids if i in answers]
        scores.append(ValueScore(value.id, value.name.get(lang), sum(answered), len(answered), len(ids)))
    ranked = sorted((s for s in scores if s.answered and s.yes < s.answered), key=lambda s: (s.yes / s.answered, -s.answered, s.id))
    return ChecklistResult(lang=lang, scores=scores, focus=[s.name for s in ranked[:3]])


def show_case(library: Library, case_id: str, lang: str) -> CaseView:
    return case_view(library, library.case(case_id), lang)


def list_values(library: Library, lang: str) -> ValueList:
    return value_list(library, lang)


def show_value(library: Library, value_id: str, lang: str) -> ValueView:
    """One value, named by its id, number or name as the owner says it."""
    from wowcoach.profile.choices import value_choices

    return value_view(library.value(value_choices(lambda: library.values).resolve(value_id, translator(lang))), lang)


def _situation_words() -> dict[str, str]:
    from wowcoach.profile.interview import situation_words

    return situation_words()


def checklist(library: Library, lang: str, answers: Path | None, ask: Callable[[Library], dict[str, bool]]) -> ChecklistResult:
    """Answers from a YAML file, or asked one by one by `ask`."""
    from wowcoach.profile.checklist_answers import read_answers

    given = read_answers(answers, library) if answers is not None else ask(library)
    return score_checklist(library, given, lang)


def check_data(paths: list[Path], t: Translator) -> Notice:
    """`data check`: every problem in one DataError, or one line per file that is fine."""
    from wowcoach.errors import DataError
    from wowcoach.knowledge.loader import check_paths

    checked, problems = check_paths(paths)
    if problems:
        raise DataError(problems)
    return Notice([t("{path}: OK").format(path=path) for path in checked])
