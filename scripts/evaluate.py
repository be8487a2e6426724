"""Print how well `wowcoach suggest` ranks and how well it knows it, per set, language and kind.

For each group: top-1 and top-3 (answerable situations), how often a no-fit situation gets
"none" (right) and an answerable one gets "none" (wrong), and the calibration: how often the
first card is comparable when the answer says high, medium, low or none, and, when the ranking
gives a probability, per probability bin with its Brier score.

The tuning sets are tests/eval/situations_*.yaml (the ranking is developed on them); the
held-out sets are tests/eval/heldout/*.yaml, written blind from the stories alone and never
tuned on (see docs/matching.md). Misses are printed for the tuning sets only: a held-out
set's misses are not to be read.

    python scripts/evaluate.py [--set heldout|tuning|all] [--lexical] [--misses]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wowcoach.matching.evaluation import LEVELS, Outcome, Summary, calibration, evaluate, sets_in, summarise

EVAL = Path(__file__).resolve().parents[1] / "tests" / "eval"
SETS = {"tuning": sets_in(EVAL, "situations_*.yaml"), "heldout": sets_in(EVAL / "heldout")}
LANGS = ("en", "nl", "da")
KINDS = ("plain", "informal", "indirect", "terse", "pasted", "rambling", "staff", "no-fit")


def pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def header() -> str:
    levels = "".join(f"{lv:>13}" for lv in LEVELS)
    return f"{'set':<10}{'group':<10}{'n':>5}{'top-1':>8}{'top-3':>8}{'none|nofit':>12}{'none|ans':>10}{levels}{'brier':>7}"


def row(name: str, key: str, s: Summary) -> str:
    """A level's cell: how often it was said, and how often the first card was right then."""
    cells = ""
    for lv in LEVELS:
        said, right = s.levels.get(lv, [0, 0])
        cells += f"{said:>5} {pct(right / said) if said else '-':>7}"
    brier = f"{s.brier / s.scored:.3f}" if s.scored else "-"
    nofit = f"{pct(s.rate('nofit_none'))} /{s.nofit}" if s.nofit else "-"
    return (
        f"{name:<10}{key:<10}{s.n:>5}{pct(s.rate('top1')):>8}{pct(s.rate('top3')):>8}{nofit:>12}"
        f"{pct(s.rate('wrong_none')):>10}{cells}{brier:>7}"
    )


def block(name: str, outcomes: list[Outcome]) -> list[str]:
    by_lang, by_kind = summarise(outcomes, "lang"), summarise(outcomes, "kind")
    lines = [row(name, lang, by_lang[lang]) for lang in LANGS if lang in by_lang]
    lines += [row(name, kind, by_kind[kind]) for kind in KINDS if kind in by_kind]
    lines.append(row(name, "all", by_lang["all"]))
    return lines


def calibration_lines(name: str, outcomes: list[Outcome]) -> list[str]:
    bins = calibration(outcomes)
    if not bins:
        return []
    lines = [f"calibration, {name}: probability bin, situations, mean predicted, first card right"]
    for lo, hi, n, mean, right in bins:
        lines.append(f"  {lo:.1f}-{hi:.1f} {n:>6} {mean:>10.1%} {right / n:>10.1%}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("tuning", "heldout", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list the tuning sets' misses")
    parser.add_argument("--lexical", action="store_true", help="without the semantic model")
    args = parser.parse_args()
    if args.lexical:
        os.environ["WOWCOACH_MODEL"] = "off"  # read when the matcher first ranks
    from wowcoach.matching.load import load_bundle

    library, matcher = load_bundle([], None, replace=False)
    groups = ("tuning", "heldout") if args.set == "all" else (args.set,)
    print("top-1/top-3: answerable situations; none|nofit: no-fit ones answered 'none' (and how many);")
    print("none|ans: answerable ones answered 'none'; per level: times said, first card right then")
    print(header())
    pooled: dict[str, list[Outcome]] = {}
    for group in groups:
        pooled[group] = []
        for path in SETS[group]:
            outcomes = evaluate(library, matcher, path)
            pooled[group] += outcomes
            name = path.stem.removeprefix("situations_").removeprefix("heldout_")
            print("\n".join(block(name, outcomes)))
            if group == "tuning" and args.misses:
                for o in outcomes:
                    if not o.first or o.abstained != (not o.answerable):
                        print(f"  MISS {o.id} [{o.confidence} {o.probability}]: got {o.top}, accept {o.accept}")
    for group, outcomes in pooled.items():
        print("\n".join(block(group, outcomes)))
    if any(o.probability is not None for outcomes in pooled.values() for o in outcomes):
        for group, outcomes in pooled.items():
            print("\n".join(calibration_lines(group, outcomes)))
    if matcher.meaning_off or os.environ.get("WOWCOACH_MODEL") == "off":
        print("(words only: ranking by meaning was off)")


if __name__ == "__main__":
    main()
