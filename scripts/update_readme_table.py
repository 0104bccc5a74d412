#!/usr/bin/env python
"""Regenerate the accuracy table in README.md (between ``<!-- accuracy:start -->`` and
``<!-- accuracy:end -->``) by running the evaluation on every split of ``corpus/splits.json``
(``all`` when there is no such file), the splits side by side, extractor beside baseline, with
each split's article count. The table must never be typed by hand.

    python scripts/update_readme_table.py            # rewrite README.md
    python scripts/update_readme_table.py --check    # exit 1 if README.md is out of date (CI)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--gold", type=Path, default=ROOT / "gold")
    parser.add_argument("--split", default=None,
                        help="report one split only (a key of splits.json, or all; default: every split)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if the table is out of date")
    args = parser.parse_args(argv)

    from extractor.evaluation import scoring
    from extractor.errors import ExtractorError
    from extractor.evaluation.report import readme_table, replace_readme_table

    try:
        evaluation = scoring.evaluate(args.corpus, args.gold, split=args.split)
        readme = args.readme.read_text(encoding="utf-8")
        updated = replace_readme_table(readme, readme_table(evaluation))
    except (ExtractorError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    splits = ", ".join(evaluation.splits)
    if updated == readme:
        print(f"{args.readme}: accuracy table up to date ({splits})")
        return 0
    if args.check:
        print(f"{args.readme}: accuracy table is out of date; run scripts/update_readme_table.py", file=sys.stderr)
        return 1
    args.readme.write_text(updated, encoding="utf-8")
    print(f"{args.readme}: accuracy table updated ({splits})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
