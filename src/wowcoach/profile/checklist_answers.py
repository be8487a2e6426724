"""Answers to the values checklist, read from a YAML file (cli/ask asks them one by one)."""

from __future__ import annotations

from pathlib import Path

from wowcoach.errors import MAX_PROBLEMS_SHOWN, DataError, Problem
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
    problems: list[Problem] = []
    for key, raw in data.items():
        key = str(key)
        word = str(raw).strip().lower() if not isinstance(raw, bool) else ("yes" if raw else "no")
        if key not in known:
            # The nearest ids only for the problems shown: a file of 100,000 keys stays quick.
            message = _unknown(key, known) if len(problems) < MAX_PROBLEMS_SHOWN else _unknown(key, set())
            problems.append(Problem(str(path), message, field=key))
        elif word in YES:
            answers[key] = True
        elif word in NO:
            answers[key] = False
        else:
            problems.append(Problem(str(path), Msg("answer yes or no"), field=key))
    if problems:
        raise DataError(problems)
    return answers


def _unknown(key: str, known: set[str]) -> Msg:
    """An id no question has: the nearest ones, else where the ids are listed (`values show`
    shows the questions' texts; JSON has their ids)."""
    import difflib

    close = difflib.get_close_matches(key, sorted(known), n=3, cutoff=0.6)
    if close:
        return Msg("unknown question id: did you mean {ids}?").format(ids=", ".join(close))
    return Msg("unknown question id: `wowcoach values show ID --format json` lists each value's question ids.")
