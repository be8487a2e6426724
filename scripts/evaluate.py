"""Print the top-3 hit rate of `wowcoach suggest` per language on tests/eval/situations.yaml.

    python scripts/evaluate.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

from wowcoach.interview import vocabulary
from wowcoach.loader import load_library
from wowcoach.matching import Matcher
from wowcoach.evaluation import evaluate, rates

SET = Path(__file__).resolve().parents[1] / "tests" / "eval" / "situations.yaml"


def main() -> None:
    library = load_library()
    outcomes = evaluate(library, Matcher.build(library, vocabulary()), SET)
    print(f"{'language':<10}{'hits':>6}{'total':>7}{'top-3 rate':>12}")
    for lang, (hits, total) in sorted(rates(outcomes).items(), key=lambda kv: (kv[0] == "all", kv[0])):
        print(f"{lang:<10}{hits:>6}{total:>7}{hits / total:>12.1%}")
    if "--misses" in sys.argv:
        for o in outcomes:
            if not o.hit:
                print(f"MISS {o.id}: got {o.top}, accept {o.accept}")


if __name__ == "__main__":
    main()
