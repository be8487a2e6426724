"""Print the top-1 and top-3 hit rates of `wowcoach suggest`, per set, language and kind.

The tuning sets are tests/eval/situations_*.yaml (the ranking was developed on them); the
held-out sets are tests/eval/heldout/*.yaml, written blind from the stories alone and never
tuned on (see docs/matching.md).

    python scripts/evaluate.py [--misses] [--set heldout|tuning|all] [--lexical]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from wowcoach.matching.evaluation import evaluate, table
from wowcoach.matching.load import load_bundle

EVAL = Path(__file__).resolve().parents[1] / "tests" / "eval"
SETS = {"tuning": sorted(EVAL.glob("situations_*.yaml")), "heldout": sorted((EVAL / "heldout").glob("*.yaml"))}


def row(name: str, key: str, counts: tuple[int, int, int]) -> str:
    top1, top3, total = counts
    return f"{name:<12}{key:<10}{total:>6}{top1 / total:>9.1%}{top3 / total:>9.1%}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--set", choices=("tuning", "heldout", "all"), default="all")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--lexical", action="store_true", help="without the semantic model")
    args = parser.parse_args()
    if args.lexical:
        os.environ["WOWCOACH_MODEL"] = "off"  # read when the matcher first ranks
    library, matcher = load_bundle([], None, replace=False)
    paths = SETS["tuning"] + SETS["heldout"] if args.set == "all" else SETS[args.set]
    print(f"{'set':<12}{'group':<10}{'n':>6}{'top-1':>9}{'top-3':>9}")
    everything = []
    for path in paths:
        outcomes = evaluate(library, matcher, path)
        everything += outcomes
        name = path.stem.removeprefix("situations_")
        by_lang, by_kind = table(outcomes, "lang"), table(outcomes, "kind")
        for lang in ("en", "nl", "da"):
            print(row(name, lang, by_lang[lang]))
        for kind in ("plain", "informal", "indirect"):
            if kind in by_kind:
                print(row(name, kind, by_kind[kind]))
        print(row(name, "all", by_lang["all"]))
    if args.misses:
        for o in everything:
            if not o.hit:
                print(f"MISS {o.id}: got {o.top}, accept {o.accept}")


if __name__ == "__main__":
    main()
