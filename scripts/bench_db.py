"""What loading records into SQLite costs beside extracting them (issue 12: under 5%).

    python scripts/bench_db.py [--splits dev,test] [--repeat 3]

Extracts the written articles of the given splits of ``corpus/splits.json`` (dev + test: 58)
once with one Extractor (the model loaded before the clock starts), then writes their records
into a new database with the SQLite writer ``--repeat`` times (creating the file, one
transaction per article, closing it), and reads them back. Prints the seconds and the ratio
load/extraction (the best of the repeats, so a busy shared machine counts less).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", default="dev,test")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from extractor import Extractor
    from extractor.io.database import SqliteWriter, read_records
    from extractor.io.readers import Item, iter_inputs

    splits = json.loads((ROOT / "corpus" / "splits.json").read_text(encoding="utf-8"))
    ids = [i for name in args.splits.split(",") for i in splits[name]]
    paths = [ROOT / "corpus" / f"{i}.txt" for i in ids]
    items = [it for it in iter_inputs(paths) if isinstance(it, Item)]
    ex = Extractor()
    ex.extract("warm up: Toyota will invest $10 billion.")

    start = time.perf_counter()
    from extractor.engines.process import process_items

    records = [res.record for res in process_items(ex, items, batch_size=32, n_process=1)]
    extract_s = time.perf_counter() - start
    assert all(records), "an article failed"
    records = [json.loads(json.dumps(r, ensure_ascii=False)) for r in records]

    load_times, read_times = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "news.db"
            start = time.perf_counter()
            writer = SqliteWriter(out)
            writer.check()
            writer.load()
            for record in records:
                writer.write(record)
            writer.finish()
            load_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            back = read_records(out)
            read_times.append(time.perf_counter() - start)
            assert back == records, "the database does not give the records back"
    load_s, read_s = min(load_times), min(read_times)
    print(f"{len(records)} articles ({args.splits}): extraction {extract_s:.2f}s, "
          f"SQLite load {load_s:.3f}s (best of {args.repeat}), read back {read_s:.3f}s")
    print(f"load/extraction = {load_s / extract_s:.1%} (target < 5%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
