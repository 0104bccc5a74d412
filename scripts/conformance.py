"""Print the money conformance figures and every failing case with its reason.

    python scripts/conformance.py [--write-failures]

--write-failures rewrites tests/data/money_conformance_failures.json from this run, keeping
the reasons already written by hand for cases that still fail.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from money_conformance import KNOWN_FAILURES, SUITES, run_suite  # noqa: E402

from extractor import Extractor  # noqa: E402


def main() -> None:
    ex = Extractor()

    def extract(texts):
        items = [{"text": t, "doc_id": f"case{i}"} for i, t in enumerate(texts)]
        return [rec.model_dump()["money"] for rec in ex.extract_many(items, batch_size=64)]

    known = json.loads(KNOWN_FAILURES.read_text()) if KNOWN_FAILURES.exists() else {}
    out = {}
    for suite in SUITES:
        cases, failures = run_suite(suite, extract)
        rate = 1 - len(failures) / len(cases)
        print(f"{suite}: {len(cases) - len(failures)}/{len(cases)} pass ({rate:.1%}; target {SUITES[suite][2]:.0%})")
        by_id = {c["id"]: c for c in cases}
        for cid, reason in failures.items():
            print(f"  {cid}: {by_id[cid]['input'][:70]!r}: {reason}")
        old = known.get(suite, {})
        out[suite] = {cid: old.get(cid, reason) for cid, reason in failures.items()}
    out["_note"] = known.get("_note")
    if "--write-failures" in sys.argv:
        KNOWN_FAILURES.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {KNOWN_FAILURES}")


if __name__ == "__main__":
    main()
