"""Write the records of the shipped pipeline on the corpus to ``tests/data/corpus_snapshot.jsonl``.

``tests/test_snapshot.py`` re-extracts every article listed in the snapshot and checks that
each record is unchanged, so refactoring cannot silently change what the extractor finds.
After an *intended* accuracy change, update the snapshot on purpose and commit it with the
change (the diff of the snapshot is then the review of what changed)::

    python scripts/snapshot_records.py                 # every corpus article
    python scripts/snapshot_records.py --only-listed   # refresh just the doc_ids already listed

Records are the library's own (``Extractor().extract_many``), one JSON object per line with
sorted keys, dated as the corpus gives them (sidecar ``published`` or none).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "corpus_snapshot.jsonl"
CORPUS = ROOT / "corpus"


def snapshot_ids(path: Path = SNAPSHOT) -> list[str]:
    """The doc_ids of the snapshot file, in file order."""
    return [r["doc_id"] for r in read_snapshot(path)]


def read_snapshot(path: Path = SNAPSHOT) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def extract_records(doc_ids: list[str] | None = None, extractor=None, corpus: Path = CORPUS) -> list[dict]:
    """The library's records (JSON-ready dicts) for the corpus articles ``doc_ids`` (default all)."""
    from extractor import Extractor
    from extractor.io.corpus import load_corpus

    ex = extractor or Extractor()
    articles = load_corpus(corpus, doc_ids)
    items = [{"text": a.text, "doc_id": a.doc_id, "published": a.published} for a in articles]
    return [r.model_dump(mode="json") for r in ex.extract_many(items)]


def dump_line(record: dict) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=SNAPSHOT)
    ap.add_argument("--only-listed", action="store_true", help="Re-extract only the doc_ids already in --out.")
    args = ap.parse_args(argv)
    ids = snapshot_ids(args.out) if args.only_listed else None
    records = extract_records(ids)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for record in records:
            f.write(dump_line(record) + "\n")
    print(f"wrote {len(records)} records to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
