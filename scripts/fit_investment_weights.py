#!/usr/bin/env python
"""Fit the investments models (extractor/data/investment_evidence.json) on dev gold.

Decision: every money mention the pipeline finds in the chosen splits is a training example:
its features (extractor.fields.investments.features) and whether a gold investment overlaps
it. Investor: every party named around an amount that a gold investment overlaps is an
example (``Investments.investor_options``), labelled by whether it is the gold investor (the
same country code, or a mention of the gold investor's company). Both are logistic regressions
with an L2 penalty fitted by gradient descent; the decision's threshold maximises F1 on the
training examples, the investor's maximises investor accuracy (below it: no investor). Only
gold files that label `investments` count.

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


def examples(splits: list[str]) -> tuple[list, list, list[str], list[str]]:
    """(decision examples, investor example groups: one group of options per gold investment,
    the article of each group, the article of each decision example)."""
    from extractor import Extractor
    from extractor.api import Article
    from extractor.fields.investments import none_features, scene_of
    from extractor.io.corpus import load_corpus, read_splits
    from extractor.lexicon.tables import using_tables

    ids = [d for s in splits for d in read_splits(ROOT / "corpus")[s]]
    gold = {}
    for doc_id in ids:
        data = json.loads((ROOT / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        if "investments" in data:
            gold[doc_id] = data
    ex = Extractor()
    comp = ex.nlp.get_pipe("investments")
    decisions, investors, articles_of, decision_articles = [], [], [], []
    articles = load_corpus(ROOT / "corpus", sorted(gold))
    docs = ex.pipe(ex.make_doc(Article(a.text, a.doc_id, a.published)) for a in articles)
    for article, doc in zip(articles, docs):
        entries = gold[article.doc_id]["investments"]
        company_spans = {c["name"]: [(m["start"], m["end"]) for m in c["mentions"]]
                         for c in gold[article.doc_id].get("companies", [])}
        with using_tables(comp.tables):
            scene = scene_of(doc)
            for cand in comp.with_features(doc):
                matched = [g for g in entries if g["start"] < cand.money["end"] and cand.money["start"] < g["end"]]
                decisions.append((cand.features, int(bool(matched))))
                decision_articles.append(article.doc_id)
            own = [c for c in comp.accepted(doc) if c.conversion_of is None]
            for cand, options in zip(own, comp.investor_choices(doc, own, scene)):
                matched = [g for g in entries if g["start"] < cand.money["end"] and cand.money["start"] < g["end"]]
                if matched:
                    investors.append(([(o.features, int(is_investor(o.party, matched[0].get("investor"), company_spans)))
                                       for o in options], none_features(cand, options)))
                    articles_of.append(article.doc_id)
    return decisions, investors, articles_of, decision_articles


def is_investor(party, gold_investor, company_spans) -> bool:
    if gold_investor is None:
        return False
    if not party.is_company:
        return party.key == gold_investor
    spans = company_spans.get(gold_investor, [])
    return party.key == gold_investor or any(s < party.end and party.start < e for s, e in spans)


def fit_choice(groups: list[tuple[list[tuple[dict, int]], dict]], l2: float = 0.003, steps: int = 1500,
               rate: float = 0.5):
    """A conditional logit over each group's options plus "no investor" (its own weight,
    ``none``, plus weights on the amount's own features, named ``none:...``): softmax of
    sum(weight x feature), fitted by gradient descent with an L2 penalty.
    Returns (weights, none weight, training accuracy)."""
    counts = Counter(name for g, none_feats in groups for name in [*none_feats, *(n for feats, _ in g for n in feats)])
    names = sorted(n for n, c in counts.items() if c >= 2) + ["<none>"]
    col = {n: i for i, n in enumerate(names)}
    mats = []
    for g, none_feats in groups:
        x = np.zeros((len(g) + 1, len(names)))
        for row, feats in enumerate([*(f for f, _ in g), none_feats]):
            for name, value in feats.items():
                if name in col:
                    x[row, col[name]] = value
        x[len(g), col["<none>"]] = 1.0
        y = np.array([label for _, label in g] + [0 if any(label for _, label in g) else 1], dtype=float)
        mats.append((x, y / y.sum()))
    w = np.zeros(len(names))
    for _ in range(steps):
        grad = l2 * w
        for x, target in mats:
            z = x @ w
            p = np.exp(z - z.max())
            grad += x.T @ (p / p.sum() - target) / len(mats)
        w -= rate * grad
    accuracy = float(np.mean([target[int(np.argmax(x @ w))] > 0 for x, target in mats]))
    weights = {n: round(float(v), 3) for n, v in zip(names, w) if n != "<none>" and abs(v) >= 0.001}
    return weights, round(float(w[col["<none>"]]), 3), accuracy


def cross_validate(groups: list, articles_of: list[str], l2: float, folds: int = 5) -> float:
    """Investor accuracy of the choice model in ``folds``-fold cross-validation, folds made of
    whole articles (an article's amounts share parties, so they must not straddle folds)."""
    ids = sorted(set(articles_of))
    fold_of = {doc_id: i % folds for i, doc_id in enumerate(ids)}
    right = 0
    for k in range(folds):
        train = [g for g, a in zip(groups, articles_of) if fold_of[a] != k]
        test = [g for g, a in zip(groups, articles_of) if fold_of[a] == k]
        weights, none, _ = fit_choice(train, l2)
        for g, none_feats in test:
            scores = [sum(weights.get(n, 0.0) * v for n, v in feats.items()) for feats, _ in g]
            none_score = none + sum(weights.get(n, 0.0) * v for n, v in none_feats.items())
            best = max(range(len(g)), key=scores.__getitem__, default=None)
            if best is not None and scores[best] > none_score:
                right += g[best][1]
            else:
                right += not any(label for _, label in g)
    return right / len(groups)


def cross_validate_decision(data: list, articles: list[str], l2: float, folds: int = 5) -> float:
    """Entry F1 of the decision in ``folds``-fold cross-validation by article (threshold fitted
    on each training fold)."""
    ids = sorted(set(articles))
    fold_of = {doc_id: i % folds for i, doc_id in enumerate(ids)}
    tp = fp = fn = 0
    for k in range(folds):
        train = [d for d, a in zip(data, articles) if fold_of[a] != k]
        weights, threshold, _ = fit(train, l2)
        for (feats, label), a in zip(data, articles):
            if fold_of[a] != k:
                continue
            z = sum(weights.get(n, 0.0) * v for n, v in feats.items())
            keep = 1 / (1 + np.exp(-z)) >= threshold
            tp += keep and label
            fp += keep and not label
            fn += (not keep) and label
    return 2 * tp / max(1, 2 * tp + fp + fn)


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
    ap.add_argument("--l2", type=float, default=0.003, help="L2 penalty of the investor choice")
    ap.add_argument("--no-none-features", action="store_true",
                    help="fit 'no investor' on its weight alone, without the amount's own features")
    ap.add_argument("--decision-l2", type=float, default=0.003, help="L2 penalty of the decision")
    ap.add_argument("--cv", type=float, nargs="*", metavar="L2",
                    help="only print 5-fold (by article) cross-validated investor accuracy for these L2 values")
    args = ap.parse_args(argv)
    data, groups, articles_of, decision_articles = examples(args.splits)
    if args.no_none_features:
        groups = [(g, {}) for g, _ in groups]
    if args.cv is not None:
        for l2 in args.cv or [args.l2]:
            print(f"L2 {l2}: cross-validated investor accuracy {cross_validate(groups, articles_of, l2):.3f}, "
                  f"decision F1 {cross_validate_decision(data, decision_articles, l2):.3f}")
        return 0
    if not any(label for _, label in data):
        print("no gold investments in these splits", file=sys.stderr)
        return 2
    weights, threshold, train_f1 = fit(data, args.decision_l2)
    print(f"{len(data)} money mentions, {sum(l for _, l in data)} investments; training F1 {train_f1:.3f} "
          f"at threshold {threshold}")
    options = sum(len(g) for g in groups)
    investor_weights, investor_none, investor_acc = fit_choice(groups, args.l2)
    print(f"investor: {len(groups)} gold investments, {options} options; training accuracy {investor_acc:.3f}")
    if args.dry_run:
        print(json.dumps(weights, indent=1))
        print(json.dumps(investor_weights, indent=1))
        return 0
    evidence = json.loads(DATA.read_text(encoding="utf-8"))
    evidence.update({
        "_source": "Weights of the investments decision and of the investor choice (logistic: score = "
                   "sigmoid(sum of weight x feature)); features are described in "
                   "extractor/fields/investments.py (features, investor_features, none_features: the "
                   "amount's own evidence for 'no investor', weights named 'none:...'). Fitted by "
                   "scripts/fit_investment_weights.py (L2-penalised logistic regression).",
        "fitted_on": {"splits": args.splits, "l2": args.decision_l2, "examples": len(data), "positives": sum(l for _, l in data),
                      "training_f1": round(train_f1, 3)},
        "threshold": threshold,
        "weights": weights,
        "investor": {"fitted_on": {"splits": args.splits, "l2": args.l2, "gold_investments": len(groups), "options": options,
                                   "training_accuracy": round(investor_acc, 3)},
                     "none": investor_none, "weights": investor_weights},
    })
    DATA.write_text(json.dumps(evidence, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
