"""Check the companies evidence model at the level of the whole pipeline, by article folds.

``fit_company_weights.py --cv`` scores the unknown names alone; what a user sees is the companies
of whole articles after grouping and mentions. This script fits weights and threshold on four of
five folds of the ``dev`` and ``real_dev`` articles (as ``fit_company_weights.py`` does), runs the
pipeline on the fifth with them, and scores the companies of all articles together: a feature is
worth storing when this figure rises.

    .venv/bin/python scripts/cv_company_pipeline.py [--drop FEATURE ...] [--l2 0.3] [--out F.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import fit_company_weights as fcw  # noqa: E402


def main() -> None:
    from extractor import Extractor
    from extractor.api import Article
    from extractor.evaluation.gold import load_gold
    from extractor.evaluation.scoring import read_predictions, score_predictions
    from extractor.io.corpus import load_corpus
    from extractor.records import build_record

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--drop", nargs="*", default=[], metavar="FEATURE", help="leave these features out")
    ap.add_argument("--l2", type=float, default=0.3)
    ap.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "cv_companies.jsonl"),
                    help="where to write the held-out records (JSON lines)")
    args = ap.parse_args()
    data = json.loads(fcw.EVIDENCE.read_text(encoding="utf-8"))
    rows = fcw.collect(["dev", "real_dev"])
    names = [k for k in data["features"] if k not in args.drop]
    x = np.array([[r["features"].get(k, 0.0) for k in names] for r in rows])
    y = np.array([r["label"] for r in rows], dtype=float)
    splits = json.loads((ROOT / "corpus" / "splits.json").read_text())
    docs = sorted(splits["dev"] + splits["real_dev"])
    fold_of = {d: i % 5 for i, d in enumerate(docs)}
    fold = np.array([fold_of[r["doc"]] for r in rows])
    ex = Extractor()
    comp = ex.nlp.get_pipe("companies")
    articles = {a.doc_id: a for a in load_corpus(ROOT / "corpus", docs)}
    records = {}
    for k in range(5):
        w = fcw.fit(x[fold != k], y[fold != k], args.l2)
        threshold, _ = fcw.best_threshold(x[fold != k] @ w, y[fold != k])
        comp.evidence_weights, comp.evidence_threshold = dict(zip(names, map(float, w))), threshold
        for d in (d for d in docs if fold_of[d] == k):
            a = articles[d]
            doc = ex.nlp(ex.make_doc(Article(text=a.text, doc_id=d, published=a.published)))
            records[d] = build_record(doc, {}, False)
    out = Path(args.out)
    out.write_text("".join(json.dumps(records[d]) + "\n" for d in docs), encoding="utf-8")
    scores = score_predictions(load_gold(ROOT / "gold"), {"cv": read_predictions(out)},
                               {s: splits[s] for s in ("dev", "real_dev")}, strict=True).scores["cv"]
    for split in ("dev", "real_dev"):
        for metric in ("entity", "mention"):
            c = scores[split].fields["companies"].counts[metric]
            print(f"{split} companies {metric}: F1 {100 * c.f1:.1f} (P {100 * c.precision:.1f} R {100 * c.recall:.1f})")


if __name__ == "__main__":
    main()
