"""Refit the companies evidence model (extractor/data/company_evidence.json).

Runs the pipeline over the gold-annotated ``dev`` and ``real_dev`` articles, logs the features of
every unknown name the companies component considers (before the evidence decision), labels each
as a company when its name or one of its mention texts matches a gold company of the article, fits
an L2-regularised logistic regression (numpy, gradient descent) and picks the threshold that
maximises F1 on those names. Writes weights, threshold and a note on the fit back to the JSON file.

    .venv/bin/python scripts/fit_company_weights.py [--splits dev real_dev] [--l2 1.0] [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
EVIDENCE = ROOT / "extractor" / "data" / "company_evidence.json"


def collect(splits: list[str]) -> list[dict]:
    from extractor.pipeline import build_pipeline
    from extractor.evaluation.scoring import entity_keys, fold_name

    table = json.loads((ROOT / "corpus" / "splits.json").read_text())
    ids = [(s, d) for s in splits for d in table[s]]
    nlp = build_pipeline(components=["companies"])
    comp = nlp.get_pipe("companies")
    comp.evidence_weights = {}  # log every unknown name, decide none
    rows = []
    for split, doc_id in ids:
        text = (ROOT / "corpus" / f"{doc_id}.txt").read_text(encoding="utf-8")
        gold = json.loads((ROOT / "gold" / f"{doc_id}.json").read_text(encoding="utf-8")).get("companies") or []
        gold_keys = set().union(*(entity_keys(g, "companies") for g in gold)) if gold else set()
        comp.evidence_log = []
        nlp(text)
        for row in comp.evidence_log:
            keys = {fold_name(t) for t in row["texts"]}
            rows.append({"doc": doc_id, "split": split, **row, "label": int(bool(keys & gold_keys))})
        comp.evidence_log = None
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 20000, lr: float = 0.1) -> np.ndarray:
    w = np.zeros(x.shape[1])
    n = len(y)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / n + l2 * np.r_[0.0, w[1:]] / n
        w -= lr * grad
    return w


def best_threshold(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.0, -1.0)
    for t in sorted(set(np.round(scores, 3))):
        keep = scores >= t
        tp = float((keep & (y == 1)).sum())
        p = tp / max(1, keep.sum())
        r = tp / max(1, (y == 1).sum())
        f = 2 * p * r / max(1e-9, p + r)
        if f > best[1] + 1e-9:
            best = (float(t), f)
    return best


def cross_validate(rows: list[dict], x: np.ndarray, y: np.ndarray, l2: float, folds: int = 5) -> float:
    """Name-level F1 in ``folds``-fold cross-validation by article (threshold fitted per fold)."""
    docs = sorted({r["doc"] for r in rows})
    fold = np.array([docs.index(r["doc"]) % folds for r in rows])
    keep = np.zeros(len(y), dtype=bool)
    for k in range(folds):
        train, test = fold != k, fold == k
        w = fit(x[train], y[train], l2)
        threshold, _ = best_threshold(x[train] @ w, y[train])
        keep[test] = x[test] @ w >= threshold
    tp = float((keep & (y == 1)).sum())
    return 2 * tp / max(1.0, keep.sum() + y.sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", nargs="+", default=["dev", "real_dev"])
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--keep-split", default="",
                    help="lower the threshold until no company of this split's gold is dropped ('' for none)")
    ap.add_argument("--dry-run", action="store_true", help="print the fit, do not write the file")
    ap.add_argument("--cv", type=float, nargs="*", metavar="L2",
                    help="only print 5-fold (by article) cross-validated F1 for these L2 values")
    ap.add_argument("--drop", nargs="*", default=[], metavar="FEATURE", help="leave these features out")
    args = ap.parse_args()
    data = json.loads(EVIDENCE.read_text(encoding="utf-8"))
    rows = collect(args.splits)
    names = [k for k in data["features"] if k not in args.drop]
    x = np.array([[r["features"][k] for k in names] for r in rows])
    y = np.array([r["label"] for r in rows], dtype=float)
    if args.cv is not None:
        for l2 in args.cv or [args.l2]:
            print(f"L2 {l2}: cross-validated name F1 {cross_validate(rows, x, y, l2):.3f}")
        return
    w = fit(x, y, args.l2)
    scores = x @ w
    threshold, f1 = best_threshold(scores, y)
    kept = [s for r, s in zip(rows, scores) if r["label"] and r["split"] == args.keep_split]
    if kept and min(kept) < threshold:
        threshold = float(np.floor(min(kept) * 1000) / 1000)
        keep = scores >= threshold
        tp = float((keep & (y == 1)).sum())
        p, r = tp / max(1, keep.sum()), tp / max(1, y.sum())
        f1 = 2 * p * r / max(1e-9, p + r)
    keep = scores >= threshold
    for r, s, k in sorted(zip(rows, scores, keep), key=lambda z: z[1]):
        if bool(k) != bool(r["label"]):
            print(f"{'FP' if k else 'FN'} {s:+.2f} {r['doc'][:28]:28} {r['name']}")
    for k, v in zip(names, w):
        print(f"{k:20} {v:+.3f}")
    print(f"names={len(y)} companies={int(y.sum())} threshold={threshold:.3f} train F1={f1:.3f}")
    if args.dry_run:
        return
    data["weights"] = {k: round(float(v), 4) for k, v in zip(names, w)}
    data["threshold"] = round(threshold, 4)
    data["fitted"] = {
        "script": "scripts/fit_company_weights.py",
        "splits": args.splits,
        "l2": args.l2,
        "threshold_kept_every_company_of": args.keep_split or None,
        "names": len(y),
        "companies": int(y.sum()),
        "train_f1": round(f1, 4),
        "date": datetime.date.today().isoformat(),
    }
    EVIDENCE.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {EVIDENCE}")


if __name__ == "__main__":
    main()
