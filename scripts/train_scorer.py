"""Fit the scorer that ranks the stories and says how sure it is (src/wowcoach/matching/scorer.json),
on the tuning situations only, and print the cross-validation that chose it.

    python scripts/train_scorer.py [--check] [--cache DIR]

For every tuning situation (tests/eval/situations_*.yaml) and every candidate story the three
rankings bring, `features.for_situation` gives the features wowcoach computes at run time; the
label is whether the story is on the situation's accept list (a no-fit situation accepts none).
A logistic model with L2 regularisation is fitted by Newton's method (numpy is fine here; the
shipped model is evaluated in plain Python). The feature set and the regularisation are chosen
by cross-validation: each tuning set in turn is left out, fitted on the others and measured on
it, so a choice must hold on situations written by someone else. The confidence levels are set
on the left-out predictions too: "high" where the first story was right at least HIGH_PRECISION
of the time, "none" below the probability that keeps answerable situations wrongly answered
"none" under NONE_ANSWERABLE.

Two models are fitted: `meaning` with the sentence model's features, `words` without them (no
model installed, or WOWCOACH_MODEL=off). The held-out sets are never read here.

`--check` prints the cross-validation and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from wowcoach.matching.features import LONG

ROOT = Path(__file__).resolve().parents[1]
TUNING = sorted((ROOT / "tests" / "eval").glob("situations_*.yaml"))
OUT = ROOT / "src" / "wowcoach" / "matching" / "scorer.json"
HIGH_PRECISION = 0.93  # "high" must be right 90 % of the time on new situations: a margin for them
NONE_ANSWERABLE = 0.04  # answerable situations answered "none" at most this often (the target is 5 %)
MEDIUM = 0.5  # the first story is more likely comparable than not

# Candidate feature sets, smallest first: each adds a kind of evidence to the one before.
FEATURE_SETS = {
    "fusion (ranks only, as before)": ["rrf", "rrf_rr"],
    "+ each ranking's rank": ["rrf", "rrf_rr", "vocab_rr", "bm25_rr", "sim_rr", "agree1", "agree3"],
    "+ scores and margins": [
        "rrf",
        "rrf_rr",
        "vocab_rr",
        "bm25_rr",
        "sim_rr",
        "agree1",
        "agree3",
        "vocab",
        "vocab_rel",
        "vocab_gap",
        "tags",
        "tag_share",
        "values",
        "type",
        "topics",
        "bm25",
        "bm25_rel",
        "bm25_gap",
        "shared",
        "sim",
        "sim_gap",
        "sim_z",
        "sim_lead",
        "sector",
        "channel",
    ],
}
FEATURE_SETS["+ the situation (length, best scores)"] = [
    *FEATURE_SETS["+ scores and margins"],
    "length",
    "lang_known",
    "best_sim",
    "best_sim_z",
    "best_bm25",
    "best_vocab",
]
FEATURE_SETS["+ what wowcoach does not coach"] = [*FEATURE_SETS["+ the situation (length, best scores)"], "not_coached", "off_topic"]
FEATURE_SETS["+ long texts weighed apart"] = [*FEATURE_SETS["+ what wowcoach does not coach"], "long", *(f"{n}_long" for n in LONG)]
PENALTIES = (0.1, 1.0, 10.0, 100.0)  # L2 penalty on the standardised weights


def load_situations() -> list[dict]:
    import yaml

    items = []
    for path in TUNING:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["situations"]:
            items.append(dict(item, set=path.stem.removeprefix("situations_")))
    return items


def cached_embedder(matcher, cache: Path) -> None:
    """Embed each text once across runs: the features are recomputed often, the texts rarely change."""
    embedder = matcher.embedder()
    if embedder is None:
        raise SystemExit(f"the sentence model is needed to train: {matcher.meaning_off}")
    path = cache / f"embeddings-{embedder.fingerprint}.pkl"
    memo = pickle.loads(path.read_bytes()) if path.exists() else {}
    query = embedder.query

    def remembered(text: str):
        if text not in memo:
            memo[text] = query(text)
        return memo[text]

    embedder.query = remembered
    return lambda: path.write_bytes(pickle.dumps(memo))


def collect(matcher, items: list[dict], meaning: bool) -> list[dict]:
    """One row per (situation, candidate): its features, whether it is accepted, and its id."""
    from wowcoach.matching import features
    from wowcoach.matching.rank import Query
    from wowcoach.matching.signals import gather

    store = matcher.store
    rows = []
    for item in items:
        query = Query(item["text"], item.get("situation_type"), item.get("sector"), item.get("channel"), item["lang"])
        signals = gather(matcher if meaning else matcher.words_only(), query)
        xs = features.for_situation(signals)
        ids = {pos: row[0] for pos, row in store.rows(xs).items()}
        for pos, x in xs.items():
            rows.append(
                {
                    "situation": item["id"],
                    "set": item["set"],
                    "kind": item.get("kind", "-"),
                    "lang": item["lang"],
                    "case": ids[pos],
                    "label": ids[pos] in item["accept"],
                    "answerable": bool(item["accept"]),
                    "x": x,
                }
            )
    return rows


def matrix(rows: list[dict], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([[r["x"].get(n, 0.0) for n in names] for r in rows], dtype=float), np.array([r["label"] for r in rows], dtype=float)


def fit(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Standardise, then L2-regularised logistic regression by Newton's method: (centre, scale, weights, bias)."""
    centre = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - centre) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    ridge = np.full(z.shape[1], penalty)
    ridge[-1] = 0.0  # the bias is not pulled towards zero
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -35, 35)))
        grad = z.T @ (p - y) + ridge * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(ridge)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return centre, scale, w[:-1], float(w[-1])


def predict(model, x: np.ndarray) -> np.ndarray:
    centre, scale, w, b = model
    return ((x - centre) / scale) @ w + b


def firsts(rows: list[dict], scores: np.ndarray) -> list[dict]:
    """Per situation: the first three stories by score (ties to the id, as at run time) and facts."""
    by: dict[str, list[tuple[float, str, bool]]] = defaultdict(list)
    meta = {}
    for r, s in zip(rows, scores, strict=True):
        by[r["situation"]].append((round(float(s), 6), r["case"], r["label"]))
        meta[r["situation"]] = r
    out = []
    for sid, cands in by.items():
        cands.sort(key=lambda t: (-t[0], t[1]))
        m = meta[sid]
        out.append(
            {
                "situation": sid,
                "set": m["set"],
                "kind": m["kind"],
                "lang": m["lang"],
                "answerable": m["answerable"],
                "first": cands[0][2],
                "top3": any(c[2] for c in cands[:3]),
                "p": float(1 / (1 + np.exp(-cands[0][0]))),
            }
        )
    return out


def cross_validate(rows: list[dict], names: list[str], penalty: float) -> list[dict]:
    """Leave each tuning set out in turn: the first stories of its situations, fitted without it."""
    sets = sorted({r["set"] for r in rows})
    out = []
    for left in sets:
        train = [r for r in rows if r["set"] != left]
        test = [r for r in rows if r["set"] == left]
        model = fit(*matrix(train, names), penalty)
        out += firsts(test, predict(model, matrix(test, names)[0]))
    return out


def figures(results: list[dict], levels: dict[str, float] | None = None) -> dict[str, float]:
    answerable = [r for r in results if r["answerable"]]
    nofit = [r for r in results if not r["answerable"]]
    out = {
        "top1": np.mean([r["first"] for r in answerable]),
        "top3": np.mean([r["top3"] for r in answerable]),
        "logloss": -np.mean([np.log(r["p"] if r["first"] else 1 - r["p"]) if 0 < r["p"] < 1 else 0 for r in results]),
        "brier": np.mean([(r["p"] - r["first"]) ** 2 for r in results]),
    }
    if levels:
        out["none|nofit"] = np.mean([r["p"] < levels["low"] for r in nofit]) if nofit else float("nan")
        out["none|answerable"] = np.mean([r["p"] < levels["low"] for r in answerable])
        high = [r for r in results if r["p"] >= levels["high"]]
        out["high right"] = np.mean([r["first"] for r in high]) if high else float("nan")
        out["high share"] = len(high) / len(results)
    return out


def choose_levels(results: list[dict]) -> dict[str, float]:
    """The probabilities of the first story from which the answer says high, medium and low."""
    ps = sorted({round(r["p"], 4) for r in results})
    high = 0.99
    for t in ps:  # the lowest threshold above which the first story was right often enough
        above = [r["first"] for r in results if r["p"] >= t]
        if len(above) >= 20 and np.mean(above) >= HIGH_PRECISION:
            high = t
            break
    answerable = [r["p"] for r in results if r["answerable"]]
    low = 0.0
    for t in ps:  # the highest "none" threshold that keeps answerable situations' "none" rare
        if np.mean([p < t for p in answerable]) <= NONE_ANSWERABLE:
            low = t
    return {"high": float(high), "medium": float(max(MEDIUM, low)), "low": float(low)}


def calibration(results: list[dict], bins: int = 10) -> list[str]:
    lines = []
    for b in range(bins):
        inside = [r for r in results if min(int(r["p"] * bins), bins - 1) == b]
        if inside:
            lines.append(
                f"    {b / bins:.1f}-{(b + 1) / bins:.1f} {len(inside):>5} {np.mean([r['p'] for r in inside]):>8.1%} {np.mean([r['first'] for r in inside]):>8.1%}"
            )
    return lines


def report(name: str, f: dict[str, float]) -> str:
    parts = [f"top-1 {f['top1']:.1%}", f"top-3 {f['top3']:.1%}", f"log-loss {f['logloss']:.3f}", f"Brier {f['brier']:.3f}"]
    if "none|nofit" in f:
        parts += [
            f"none|no-fit {f['none|nofit']:.1%}",
            f"none|answerable {f['none|answerable']:.1%}",
            f"high right {f['high right']:.1%} ({f['high share']:.0%} of answers)",
        ]
    return f"  {name:<48}" + ", ".join(parts)


def train(rows: list[dict], kind: str) -> dict:
    """Choose the feature set and penalty by cross-validation, then fit on every tuning situation."""
    usable = {n for r in rows for n in r["x"]}
    print(f"{kind}: {len({r['situation'] for r in rows})} situations, {len(rows)} (situation, story) pairs, leave-one-set-out")
    best = None
    for set_name, names in FEATURE_SETS.items():
        names = [n for n in names if n in usable]
        for penalty in PENALTIES:
            results = cross_validate(rows, names, penalty)
            f = figures(results)
            print(report(f"{set_name}, L2 {penalty:g}", f))
            key = (round(f["top1"], 3), -f["logloss"])
            if best is None or key > best[0]:
                best = (key, set_name, names, penalty, results)
    _key, set_name, names, penalty, results = best
    levels = choose_levels(results)
    f = figures(results, levels)
    print(f"  chosen: {set_name}, L2 {penalty:g}; levels {levels}")
    print(report("left-out sets, chosen model", f))
    print("  calibration (left-out): bin, situations, mean probability, first story right")
    print("\n".join(calibration(results)))
    by_kind = defaultdict(list)
    for r in results:
        by_kind[r["kind"]].append(r)
        by_kind[r["lang"]].append(r)
    for key in sorted(by_kind):
        sub = by_kind[key]
        if any(r["answerable"] for r in sub):
            print(f"    {key:<10} n {len(sub):>4}  top-1 {np.mean([r['first'] for r in sub if r['answerable']]):.1%}")
    centre, scale, w, b = fit(*matrix(rows, names), penalty)
    return {
        "features": names,
        "centre": [round(float(v), 6) for v in centre],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in w],
        "bias": round(b, 6),
        "levels": {k: round(v, 4) for k, v in levels.items()},
        "chosen": {"features": set_name, "l2": penalty},
        "cross_validation": {k: round(float(v), 4) for k, v in f.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print the cross-validation, write nothing")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "wowcoach-train")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    args.cache.mkdir(parents=True, exist_ok=True)
    from wowcoach.matching.load import load_bundle

    _library, matcher = load_bundle([], None, replace=False)
    save = cached_embedder(matcher, args.cache)
    items = load_situations()
    models = {}
    for kind, meaning in (("meaning", True), ("words", False)):
        rows = collect(matcher, items, meaning)
        save()
        models[kind] = train(rows, kind)
    if not args.check:
        data = {"trained_on": [p.name for p in TUNING], "models": models}
        OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
