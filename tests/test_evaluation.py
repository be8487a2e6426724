"""Quality of `suggest`, measured on situations written unlike the stories.

The tuning sets (`eval/situations_*.yaml`) are what the ranking was developed on; the held-out
sets (`eval/heldout/`) were written blind, from the stories alone, and never tuned on: their
figures are the honest measure (docs/matching.md)."""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

import pytest

from wowcoach.knowledge.loader import load_library
from wowcoach.matching.evaluation import Outcome, evaluate, sets_in, summarise, table
from wowcoach.matching.load import load_bundle
from wowcoach.yamlio import load_yaml

EVAL = Path(__file__).parent / "eval"
TUNING = sets_in(EVAL, "situations_*.yaml")
HELDOUT = sets_in(EVAL / "heldout")
KINDS = ("plain", "informal", "indirect", "terse", "pasted", "rambling", "staff", "no-fit")

# The evaluation sets: how well the ranking does, not whether the code works (pytest -m quality).
pytestmark = pytest.mark.quality


@pytest.fixture(scope="module")
def bundle():
    library, matcher = load_bundle([], None, replace=False)
    assert matcher.embedder() is not None, f"the sentence model is needed here: {matcher.meaning_off}"
    return library, matcher


def test_the_sets_are_big_enough_and_valid():
    library = load_library()
    ids = set()
    for path in TUNING + HELDOUT:
        items = load_yaml(path)["situations"]
        assert len(items) >= 30, path
        assert {i["lang"] for i in items} == {"en", "nl", "da"}
        for item in items:
            assert item["id"] not in ids
            ids.add(item["id"])
            for case_id in item["accept"]:
                library.case(case_id)
    for path in HELDOUT:
        items = load_yaml(path)["situations"]
        for lang in ("en", "nl", "da"):
            kinds = [i["kind"] for i in items if i["lang"] == lang]
            if "no-fit" in kinds:  # the later sets: every kind in every language, no-fit ones among them
                assert len(kinds) >= 50 and len({kinds.count(k) for k in KINDS if k != "no-fit"}) == 1, (path, lang)
                assert all(not i["accept"] for i in items if i["kind"] == "no-fit"), path
            else:
                assert len(kinds) >= 30 and {kinds.count(k) for k in ("plain", "informal", "indirect")} == {10}, (path, lang)


# A guard against regressions, below the held-out targets: the tuning sets were written for the
# 45 stories of the first rounds; when the library grew to 72, a judge extended their accept lists,
# and set b stands at 88.9 %.
TUNING_TOP3 = 0.85


@pytest.mark.parametrize("path", TUNING, ids=lambda p: p.stem)
def test_tuning_sets_keep_their_top3_hit_rate(bundle, path):
    outcomes = evaluate(*bundle, path)
    _top1, top3, total = table(outcomes)["all"]
    assert top3 / total >= TUNING_TOP3, [(o.id, o.top) for o in outcomes if not o.hit]


# One measurement of every held-out set, shared by the tests below (the evaluation is most of
# this file's time). Under xdist, each set is ranked by one worker and read by the others
# (`_shared_outcomes`): the per-set tests below spread the sets over the workers.
RANKED: dict[Path, list[Outcome]] = {}  # this process's outcomes, by set


def held_out_outcomes(paths: list[Path], bundle, tmp_path_factory) -> dict[Path, list[Outcome]]:
    def rank(path: Path) -> list[Outcome]:
        return RANKED.get(path) or evaluate(*bundle, path)

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        found = {path: rank(path) for path in paths}
    else:
        folder = tmp_path_factory.getbasetemp().parent / "held-out-outcomes"  # this run's, for every worker
        folder.mkdir(exist_ok=True)
        start = int(worker.removeprefix("gw") or 0) * len(paths) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
        found = _shared_outcomes(folder, paths[start:] + paths[:start], rank)
    RANKED.update(found)
    return {path: found[path] for path in paths}


@pytest.fixture(scope="module")
def held_out_by_set(bundle, tmp_path_factory):
    return held_out_outcomes(HELDOUT, bundle, tmp_path_factory)


SHARED_WAIT = 900  # seconds a worker waits for a set another one claimed before ranking it itself


def _shared_outcomes(folder: Path, paths: list[Path], rank) -> dict[Path, list[Outcome]]:
    """Each set's outcomes, ranked by the first worker to claim it (a file made only if it is not
    there) and written for the others to read; each worker starts at a different set."""
    found: dict[Path, list[Outcome]] = {}
    for path in paths:
        try:
            os.close(os.open(folder / f"{path.stem}.claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            continue
        found[path] = rank(path)
        tmp = folder / f"{path.stem}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps([asdict(o) for o in found[path]]), encoding="utf-8")
        os.replace(tmp, folder / f"{path.stem}.json")
    for path in paths:
        done = folder / f"{path.stem}.json"
        deadline = time.monotonic() + SHARED_WAIT
        while path not in found and not done.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        if path not in found:
            found[path] = [Outcome(**o) for o in json.loads(done.read_text(encoding="utf-8"))] if done.exists() else rank(path)
    return found


def test_workers_rank_each_held_out_set_once(tmp_path, monkeypatch):
    """A set one worker ranked is read by the next, not ranked again; a set claimed by a worker
    that stopped before writing it is ranked after the wait."""
    ranked = []

    def rank(path):
        ranked.append(path.stem)
        return [Outcome(path.stem, "en", "plain", ["a", "b"], ["b"], "medium", 0.61)]

    (tmp_path / "run").mkdir()
    first = _shared_outcomes(tmp_path / "run", HELDOUT, rank)
    assert _shared_outcomes(tmp_path / "run", HELDOUT[::-1], rank) == first
    assert list(first) == HELDOUT
    assert ranked == [p.stem for p in HELDOUT]
    (tmp_path / "lost").mkdir()
    (tmp_path / "lost" / f"{HELDOUT[0].stem}.claimed").touch()
    monkeypatch.setattr(sys.modules[__name__], "SHARED_WAIT", 0)
    ranked.clear()
    assert _shared_outcomes(tmp_path / "lost", HELDOUT, rank) == first and ranked[-1] == HELDOUT[0].stem


@pytest.mark.parametrize("path", HELDOUT, ids=lambda p: p.stem)
def test_held_out_targets(bundle, tmp_path_factory, path):
    """Each set: top-3 at least 90 % overall and 80 % in each language and kind; top-1 at least 70 %."""
    outcomes = held_out_outcomes([path], bundle, tmp_path_factory)[path]
    top1, top3, total = table(outcomes)["all"]
    assert top3 / total >= 0.90 and top1 / total >= 0.70, (top1, top3, total)
    for by in ("lang", "kind"):
        for group, (_t1, t3, n) in table(outcomes, by).items():
            assert t3 / n >= 0.80, (by, group, t3, n)


# The targets on every held-out set together (docs/matching.md): the first card, the top 3, the
# answer "none" where no story fits and not where one does, and "high" meaning it.
@pytest.fixture(scope="module")
def held_out(held_out_by_set):
    return [o for outcomes in held_out_by_set.values() for o in outcomes]


def _groups(outcomes, by):
    return {key: s for key, s in summarise(outcomes, by).items() if s.answerable}


def test_held_out_first_card_per_language(held_out):
    """Top-1 at least 75 % in each language."""
    for group, s in _groups(held_out, "lang").items():
        assert s.rate("top1") >= 0.75, (group, s.top1, s.answerable)


# Over all seventeen held-out sets (2,946 situations), the first card is comparable for 89.4 %.
def test_held_out_first_card(held_out):
    """Top-1 at least 85 % overall."""
    assert summarise(held_out)["all"].rate("top1") >= 0.85


def test_held_out_first_card_per_kind(held_out):
    """Top-1 at least 75 % in each kind."""
    for group, s in _groups(held_out, "kind").items():
        assert s.rate("top1") >= 0.75, (group, s.top1, s.answerable)


# Measured with the 113 stories (docs/matching.md): the top 3 holds a comparable story for 96.1 %
# of the answerable held-out situations (H1-H17); it was 94.8 % on H1-H8, and 97.6, 97.6, 97.0, 97.6,
# 97.6, 95.2, 96.4, 94.6 and 97.0 % on H9 to H17, each measured as written. Close to the line: a change that costs a few shows here.
def test_held_out_top3(held_out):
    """Top-3 at least 95 % overall."""
    assert summarise(held_out)["all"].rate("top3") >= 0.95


def test_held_out_says_none_where_no_story_fits(held_out):
    """'none' for at least 80 % of the no-fit situations."""
    s = summarise(held_out)["all"]
    assert s.nofit and s.rate("nofit_none") >= 0.80, (s.nofit_none, s.nofit)


# 3.7 % of the 2,538 answerable held-out situations (H1-H17) are wrongly answered "none"; the long
# accounts of a week most often (10 % of them), since their moment is one sentence among many.
def test_held_out_rarely_says_none_where_a_story_fits(held_out):
    """'none' for at most 5 % of the answerable situations."""
    s = summarise(held_out)["all"]
    assert s.rate("wrong_none") <= 0.05, (s.wrong_none, s.answerable)


def test_held_out_high_is_right(held_out):
    said, right = summarise(held_out)["all"].levels["high"]
    assert said and right / said >= 0.90, (right, said)
