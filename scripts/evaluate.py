"""Print the top-3 hit rate of `wowcoach suggest` per evaluation set and language
(tests/eval/situations_*.yaml).

    python scripts/evaluate.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

from wowcoach.matching.evaluation import evaluate, rates
from wowcoach.matching.load import load_bundle

SETS = sorted((Path(__file__).resolve().parents[1] / "tests" / "eval").glob("situations_*.yaml"))


def main() -> None:
    library, matcher = load_bundle([], None, replace=False)
    everything = []
    print(f"{'set':<5}{'language':<10}{'hits':>6}{'total':>7}{'top-3 rate':>12}")
    for path in SETS:
        name = path.stem.removeprefix("situations_").upper()
        outcomes = evaluate(library, matcher, path)
        everything += outcomes
        for lang, (hits, total) in sorted(rates(outcomes).items(), key=lambda kv: (kv[0] == "all", kv[0])):
            print(f"{name:<5}{lang:<10}{hits:>6}{total:>7}{hits / total:>12.1%}")
    hits, total = rates(everything)["all"]
    print(f"{'all':<5}{'all':<10}{hits:>6}{total:>7}{hits / total:>12.1%}")
    if "--misses" in sys.argv:
        for o in everything:
            if not o.hit:
                print(f"MISS {o.id}: got {o.top}, accept {o.accept}")


if __name__ == "__main__":
    main()
