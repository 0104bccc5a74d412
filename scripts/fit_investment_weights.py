#!/usr/bin/env python
"""Fit the investments decision (extractor/data/investment_evidence.json) on dev gold.

Every money mention the pipeline finds in the chosen splits is a training example: its
features (extractor.fields.investments.features) and whether a gold investment overlaps it. A
logistic regression with an L2 penalty is fitted by gradient descent; the threshold is the one
that maximises F1 on the training examples. Only gold files that label `investments` count.

    python scripts/fit_investment_weights.py                       # dev + real_dev, rewrite the data file
    python scripts/fit_investment_weights.py --splits dev --dry-run
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "extractor" / "data" / "investment_evidence.json"


def examples(splits: list[str]) -> list[tuple[dict, int]]:
    from extractor import Extractor
    from extractor.api import Article
    from extractor.io.corpus import load_corpus, read_splits
    from extractor.lexicon.tables import using_tables

    ids = [d for s in splits for d in read_splits(ROOT / "corpus")[s]]
    gold = {}
    for doc_id in ids:
        data = json.loads((ROOT / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        if "investments" in data:
            gold[doc_id] = data["investments"]
    ex = Extractor()
    comp = ex.nlp.get_pipe("investments")
    out = []
    articles = load_corpus(ROOT / "corpus", sorted(gold))
    docs = ex.pipe(ex.make_doc(Article(a.text, a.doc_id, a.published)) for a in articles)
    for article, doc in zip(articles, docs):
        spans = [(g["start"], g["end"]) for g in gold[article.doc_id]]
        with using_tables(comp.tables):
            for cand in comp.with_features(doc):
                label = int(any(s < cand.money["end"] and cand.money["start"] < e for s, e in spans))
                out.append((cand.features, label))
    return out


def fit(data: list[tuple[dict, int]], l2: float = 0.003, steps: int = 4000, rate: float = 1.0):
    counts = Counter(name for feats, _ in data for name in feats)
    names = sorted(n for n, c in counts.items() if c >= 2)
    col = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(data), len(names)))
    y = np.array([label for _, label in data], dtype=float)
    for row, (feats, _) in enumerate(data):
        for name, value in feats.items():
            if name in col:
                x[row, col[name]] = value
    w = np.zeros(len(names))
    penalty = np.array([0.0 if n == "bias" else l2 for n in names])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + penalty * w
        w -= rate * grad
    p = 1 / (1 + np.exp(-(x @ w)))
    best = max(((f1(p >= t, y), t) for t in np.arange(0.2, 0.81, 0.05)))
    return {n: round(float(v), 3) for n, v in zip(names, w)}, round(float(best[1]), 2), best[0]


def f1(pred, y) -> float:
    tp = float(np.sum(pred & (y == 1)))
    fp = float(np.sum(pred & (y == 0)))
    fn = float(np.sum(~pred & (y == 1)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=["dev", "real_dev"])
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    data = examples(args.splits)
    if not any(label for _, label in data):
        print("no gold investments in these splits", file=sys.stderr)
        return 2
    weights, threshold, train_f1 = fit(data)
    print(f"{len(data)} money mentions, {sum(l for _, l in data)} investments; training F1 {train_f1:.3f} "
          f"at threshold {threshold}")
    if args.dry_run:
        print(json.dumps(weights, indent=1))
        return 0
    evidence = json.loads(DATA.read_text(encoding="utf-8"))
    evidence.update({
        "_source": "Weights of the investments decision (logistic: score = sigmoid(sum of weight x "
                   "feature)); features are described in extractor/fields/investments.py. Fitted by "
                   "scripts/fit_investment_weights.py (L2-penalised logistic regression).",
        "fitted_on": {"splits": args.splits, "examples": len(data), "positives": sum(l for _, l in data),
                      "training_f1": round(train_f1, 3)},
        "threshold": threshold,
        "weights": weights,
    })
    DATA.write_text(json.dumps(evidence, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
