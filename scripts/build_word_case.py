"""Build ``extractor/data/word_case.json``: how often news writes each word in lower case.

For every word seen at least ``--min-count`` times away from a sentence start in English
Wikinews (the economy and politics collections of the toscaData R package, CC BY 2.5), the
share of those times it was written in lower case, as a whole percent. ``inspection`` (85) and
``service`` (77) are common words; ``ford`` (0) and ``nordic`` (0) are names. The companies
evidence model reads it (feature ``common_words``). Articles that are in ``corpus/`` are left
out, so that no scored article shapes the table.

    pip install ".[data]"   # rdata
    git clone https://github.com/Docma-TU/toscaData   # data/economy.rda, data/politics.rda
    python scripts/build_word_case.py toscaData/data/economy.rda toscaData/data/politics.rda
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extractor" / "data" / "word_case.json"
SENTENCE_BREAK = re.compile(r"(?<=[.!?\"”:])\s+|\n+|\s{2,}")
WORD = re.compile(r"\b[A-Za-z][a-z]+\b")


def _norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"</?title>", "", title).lower())


def corpus_titles() -> set[str]:
    with open(ROOT / "corpus" / "SOURCES.tsv", encoding="utf-8", newline="") as f:
        return {_norm(row[5]) for row in csv.reader(f, delimiter="\t") if len(row) > 5}


def articles(rda_paths):
    """(title, text) of every article in the toscaData ``.rda`` files."""
    import rdata

    for path in rda_paths:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = next(iter(rdata.conversion.convert(rdata.parser.parse_file(path)).values()))
        titles = dict(zip(data["meta"]["id"], data["meta"]["title"]))
        for doc_id, text in data["text"].items():
            body = " ".join(text) if not isinstance(text, str) else text
            yield str(titles.get(doc_id, "")), html.unescape(re.sub(r"^<text[^>]*>", "", body))


def count(texts) -> tuple[Counter, Counter]:
    """Lower-case and capitalised counts of each (lower-cased) word, sentence starts left out."""
    lower, capital = Counter(), Counter()
    for text in texts:
        for sentence in SENTENCE_BREAK.split(text.replace("''", "")):
            for m in WORD.finditer(sentence):
                if m.start() == 0:
                    continue
                word = m.group()
                (capital if word[0].isupper() else lower)[word.lower()] += 1
    return lower, capital


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rda", nargs="+", help="toscaData .rda files (economy.rda, politics.rda)")
    ap.add_argument("--min-count", type=int, default=3)
    args = ap.parse_args()
    missing = [p for p in args.rda if not Path(p).is_file()]
    if missing:
        ap.error(f"no such .rda file: {', '.join(missing)} (clone github.com/Docma-TU/toscaData)")
    try:
        import rdata  # noqa: F401
    except ImportError:
        ap.error('needs the rdata package: pip install ".[data]"')
    skip = corpus_titles()
    kept = [text for title, text in articles(args.rda) if _norm(title) not in skip]
    lower, capital = count(kept)
    share = {}
    for word in sorted(set(lower) | set(capital)):
        n = lower[word] + capital[word]
        if n >= args.min_count:
            share[word] = round(100 * lower[word] / n)
    OUT.write_text(json.dumps({
        "_source": ("Share (percent) of the times English Wikinews writes each word in lower case away "
                    "from a sentence start; words seen at least %d times. Built by scripts/build_word_case.py "
                    "from the economy and politics collections of github.com/Docma-TU/toscaData "
                    "(Wikinews, CC BY 2.5, https://en.wikinews.org), %d articles, those in corpus/ left out."
                    % (args.min_count, len(kept))),
        "lower_share": share,
    }, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(share)} words from {len(kept)} articles -> {OUT}")


if __name__ == "__main__":
    main()
