"""Answers to the values checklist, read from a YAML file (cli/ask asks them one by one)."""

from __future__ import annotations

from pathlib import Path

from wowcoach.errors import DataError, Problem
from wowcoach.i18n import Msg
from wowcoach.knowledge.library import Library
from wowcoach.profile.choices import NO as NO_WORDS
from wowcoach.profile.choices import YES as YES_WORDS
from wowcoach.yamlio import load_yaml

YES = YES_WORDS | {"true"}
NO = NO_WORDS | {"false"}


def read_answers(path: Path, library: Library) -> dict[str, bool]:
    """`question-id: yes` lines; unknown ids and answers other than yes/no are refused."""
    data = load_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), Msg("expected question-id: yes/no lines."))])
    known = {q.id for v in library.values for q in v.questions}
    answers: dict[str, bool] = {}
    problems = []
    for key, raw in data.items():
        key = str(key)
        word = str(raw).strip().lower() if not isinstance(raw, bool) else ("yes" if raw else "no")
        if key not in known:
            problems.append(Problem(str(path), Msg("unknown question id (see `wowcoach values show ID`)"), field=key))
        elif word in YES:
            answers[key] = True
        elif word in NO:
            answers[key] = False
        else:
            problems.append(Problem(str(path), Msg("answer yes or no"), field=key))
    if problems:
        raise DataError(problems)
    return answers
