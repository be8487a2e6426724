"""Write a consultant-sized library of N cases for the benchmarks (never committed).

Each generated case is a shipped story, shortened to its first sentence in each language,
joined by the first sentence of another story and given a new id and title, so the file has
realistic words and tags in realistic proportions and no two cases have the same text (a
consultant's library has no copies, and a build that did less for copies would look faster here
than it is). The "applies when" sentences are the shipped ones, as a consultant's reuse of them
would be. A name ending in .json writes JSON (which wowcoach reads with the faster JSON parser).

    python benchmarks/generate_library.py 10000 /tmp/cases-10000.json
"""

from __future__ import annotations

import copy
import json
import re
import sys
from pathlib import Path

import yaml

from wowcoach.knowledge.files import shipped_cases_path


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return match.group(1) if match else text.strip()


def generate(n: int) -> dict:
    shipped = yaml.safe_load(shipped_cases_path().read_text(encoding="utf-8"))["cases"]
    cases = []
    for i in range(n):
        base = shipped[i % len(shipped)]
        case = copy.deepcopy(base)  # shared objects would be written as YAML aliases
        other = shipped[(i * 31 + 7) % len(shipped)]
        case["id"] = f"{base['id']}-{i}"
        case["title"] = {lang: f"{text} ({i})" for lang, text in base["title"].items()}
        for field in ("story", "lesson"):
            case[field] = {lang: f"{first_sentence(text)} {first_sentence(other[field][lang])}" for lang, text in base[field].items()}
        case["ideas"] = [
            {"cost": idea["cost"], "text": {lang: first_sentence(t) for lang, t in idea["text"].items()}} for idea in case["ideas"][:2]
        ]
        case["figures"] = []
        cases.append(case)
    return {"cases": cases}


def main() -> None:
    n, out = int(sys.argv[1]), Path(sys.argv[2])
    data = generate(n)
    if out.suffix == ".json":
        text = json.dumps(data, ensure_ascii=False)
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    out.write_text(text, encoding="utf-8")
    print(f"{out}: {n} cases, {out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
