"""Benchmark: hostile single-line inputs must take linear time in every component.

For each kind of line (digits, dollar signs, dashes, spaces, and a few mixes that look like
money, percentages and dates) and each size (10 KB, 100 KB, 1 MB by default) it times:
the tokenizer, every pipeline component on its own, the pure finders that take a text
(``find_money``), and the whole ``Extractor().extract`` call. It prints seconds and the growth
factor from one size to the next: linear work grows about 10x per 10x size; a growth well
above that (100x = quadratic) points at catastrophic backtracking or a quadratic loop.

    python scripts/bench_backtracking.py                  # every kind, 10 KB / 100 KB / 1 MB
    python scripts/bench_backtracking.py --kinds digits dollars --sizes 10000 100000
    python scripts/bench_backtracking.py --json bench.json
    python scripts/bench_backtracking.py --prose          # ordinary news prose instead

``--prose`` times each component on ordinary text (the corpus articles concatenated, repeated
up to each size) beside the model's own components: on prose every rule component should grow
about 10x per 10x, like the model; a component that scans every mention found so far shows
up as a growth near 100x.

Exit status 1 when some step grew faster than ``--max-growth`` (default 30x per 10x size)
and took more than ``--min-seconds`` (default 0.5 s) at the largest size.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

KINDS = {
    "digits": "0123456789",
    "dollars": "$",
    "dashes": "-",
    "spaces": " ",
    "digits_spaced": "1 ",
    "money_like": "$1,000-",
    "dollar_digits": "$1",
    "percent_like": "15% ",
    "date_like": "28, 2025 ",
    "commas": "1,",
    "words": "billion dollars ",
}


def make_prose(size: int, corpus_dir=None) -> str:
    """The corpus articles joined by blank lines, repeated and cut (at a line end) to ``size``."""
    from pathlib import Path

    corpus_dir = Path(corpus_dir or Path(__file__).resolve().parent.parent / "corpus")
    unit = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted(corpus_dir.glob("*.txt")))
    text = (unit + "\n\n") * (size // (len(unit) + 2) + 1)
    cut = text.rfind("\n", 0, size)
    return text[: cut if cut > size // 2 else size]


def make_line(kind: str, size: int) -> str:
    unit = KINDS[kind]
    return (unit * (size // len(unit) + 1))[:size]


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def bench_one(ex, text: str) -> dict[str, float]:
    """Seconds per step for one text: tokenizer, each component, pure finders, whole call."""
    from extractor.fields.money import find_money

    times: dict[str, float] = {}
    nlp = ex.nlp
    old = nlp.max_length
    nlp.max_length = max(old, len(text) + 1)
    try:
        times["tokenizer"], doc = _timed(lambda: ex.make_doc(_article(text)))
        for name, proc in nlp.pipeline:
            times[name], doc = _timed(lambda: proc(doc))
        times["find_money(text)"], _ = _timed(lambda: find_money(text))
        times["extract (whole)"], _ = _timed(lambda: ex.extract(text, doc_id="bench", published="2025-10-28"))
    finally:
        nlp.max_length = old
    return times


def _article(text):
    from extractor.api import Article

    return Article(text, "bench", "2025-10-28")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    ap.add_argument("--sizes", nargs="+", type=int, default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--max-growth", type=float, default=30.0)
    ap.add_argument("--min-seconds", type=float, default=0.5)
    ap.add_argument("--json", help="Also write the timings to this JSON file.")
    ap.add_argument("--prose", action="store_true", help="Time ordinary prose (the corpus, repeated) instead of hostile lines.")
    args = ap.parse_args(argv)
    make = make_line
    if args.prose:
        args.kinds = ["prose"]
        make = lambda kind, size: make_prose(size)  # noqa: E731

    from extractor import Extractor

    sizes = sorted(args.sizes)
    ex = Extractor(max_chars=max(sizes) + 1)
    results: dict = {}
    slow = []
    for kind in args.kinds:
        per_size = {}
        for size in sizes:
            per_size[size] = bench_one(ex, make(kind, size))
            print(f"  {kind:>14} {size:>9,} chars: whole {per_size[size]['extract (whole)']:.3f}s",
                  file=sys.stderr, flush=True)
        results[kind] = per_size
        steps = list(per_size[sizes[0]])
        print(f"\n{kind!r} ({KINDS.get(kind, 'the corpus')!r} repeated)")
        header = f"{'step':<22}" + "".join(f"{s:>12,}" for s in sizes) + "   growth per step"
        print(header)
        for step in steps:
            row = [per_size[s][step] for s in sizes]
            growth = []
            for (s0, t0), (s1, t1) in zip(zip(sizes, row), zip(sizes[1:], row[1:])):
                g = t1 / max(t0, 1e-4)  # sub-0.1 ms timings are noise
                growth.append(g)
                if g > args.max_growth * (s1 / s0) / 10 and t1 > args.min_seconds:
                    slow.append((kind, step, s1, t1, g))
            print(f"{step:<22}" + "".join(f"{t:>11.3f}s" for t in row) + "   "
                  + " ".join(f"x{g:.1f}" for g in growth))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({k: {str(s): v for s, v in d.items()} for k, d in results.items()}, f, indent=2)
    if slow:
        print("\nSuperlinear steps:")
        for kind, step, size, t, g in slow:
            print(f"  {kind}: {step} at {size:,} chars took {t:.2f}s (x{g:.1f})")
        return 1
    print("\nAll steps grew roughly linearly.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
