"""Hardening: hostile, broken and odd input.

Text variants that must still extract, hostile lines that must run in linear time, size
limits, broken files in a batch, malformed JSON and gold inputs, and output safety (paths never
come from article content; HTML is parsed, never fetched). Test ids name the case; a row marked
strict xfail is a known gap in a component owned elsewhere (the reason says which).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from extractor import Extractor
from extractor.io import readers
from extractor.api import DEFAULT_MAX_CHARS, MAX_TOKEN_CHARS, tokenize
from extractor.engines.batch import run_batch
from extractor.errors import ExtractorError, InputError, TooLargeError
from extractor.io.readers import Failure, Item, read_file

PUB = "2025-10-28"
BODY = "Toyota Motor Corp. said on Tuesday it will invest $10 billion in U.S. plants.\n"


def xfail(owner: str, why: str):
    return pytest.mark.xfail(strict=True, reason=f"{owner}: {why} (reported to its owner)")


# -- text variants ------------------------------------------------------------------------------

def _money(r):
    return [(m.text, m.value if m.value is not None else (m.min, m.max), m.currency) for m in r.money]


B550 = 550_000_000_000
RANGE = (80_000_000_000, 100_000_000_000)

VARIANTS = [
    # (text, field, expected) -- field picks what is compared.
    pytest.param("Japan will invest $550\u00a0billion.", "money", [("$550\u00a0billion", B550, "USD")], id="money-nbsp"),
    pytest.param("Japan will invest $550\u2009billion.", "money", [("$550\u2009billion", B550, "USD")], id="money-thin-space"),
    pytest.param("Japan will invest $550\u202fbillion.", "money", [("$550\u202fbillion", B550, "USD")], id="money-narrow-nbsp"),
    pytest.param("It will invest US$\u00a0550 billion.", "money", [("US$\u00a0550 billion", B550, "USD")], id="money-nbsp-after-sign"),
    pytest.param("It will invest €\u202f600\u202fbn.", "money", [("€\u202f600\u202fbn", 600_000_000_000, "EUR")], id="money-euro-narrow-nbsp"),
    pytest.param("Japan will invest ＄５５０ billion.", "money", [("＄５５０ billion", B550, "USD")], id="money-fullwidth-sign-digits"),
    pytest.param("Japan will invest ＄５５０billion.", "money", [("＄５５０billion", B550, "USD")], id="money-fullwidth-glued-scale"),
    pytest.param("It costs ＄８０－＄１００ billion.", "money", [("＄８０－＄１００ billion", RANGE, "USD")], id="money-fullwidth-range"),
    pytest.param("\u201cWe will invest $550 billion,\u201d Toyota\u2019s chief said.", "money",
                 [("$550 billion", B550, "USD")], id="money-curly-quotes"),
    pytest.param("Each plant costs $80\u2013$100 billion.", "money", [("$80\u2013$100 billion", RANGE, "USD")], id="money-en-dash-range"),
    pytest.param("Each plant costs $80\u2014$100 billion.", "money", [("$80\u2014$100 billion", RANGE, "USD")], id="money-em-dash-range"),
    pytest.param("Each plant costs $80\u2212100 billion.", "money", [("$80\u2212100 billion", RANGE, "USD")], id="money-minus-sign-range"),
    pytest.param("Each plant costs $80\u2012100 billion.", "money", [("$80\u2012100 billion", RANGE, "USD")], id="money-figure-dash-range"),
    pytest.param("Each plant costs $80 - 100 billion.", "money", [("$80 - 100 billion", RANGE, "USD")], id="money-spaced-hyphen-range"),
    pytest.param("Toyota said\r\nJapan will invest $550 billion.\r\n", "money", [("$550 billion", B550, "USD")], id="money-crlf"),
    pytest.param("Japan will invest $550\nbillion in the US.", "money", [("$550\nbillion", B550, "USD")], id="money-split-lf"),
    pytest.param("Japan will invest $550\r\nbillion in the US.", "money", [("$550\r\nbillion", B550, "USD")], id="money-split-crlf"),
    pytest.param("Japan will invest 550\nbillion dollars.", "money", [("550\nbillion dollars", B550, "USD")], id="money-split-words"),
    pytest.param("JAPAN TO INVEST $550 BILLION IN US\nTokyo said.", "money", [("$550 BILLION", B550, "USD")], id="money-all-caps-headline"),
    pytest.param("JAPAN PLEDGES HALF A TRILLION DOLLARS\nTokyo said.", "money",
                 [("HALF A TRILLION DOLLARS", 500_000_000_000, "USD")], id="money-all-caps-words"),
    pytest.param("Japan To Invest $550 Billion In US\nTokyo said.", "money", [("$550 Billion", B550, "USD")], id="money-title-case-headline"),
    pytest.param("Japan faces a 15% tariff on its cars.\r\nThe deal was signed.\r\n", "tariffs", [("15%", 15.0)], id="tariff-crlf"),
    pytest.param("Japan faces a 15\u00a0percent tariff on its cars.", "tariffs", [("15\u00a0percent", 15.0)], id="tariff-nbsp"),
    pytest.param("TRUMP IMPOSES 25% TARIFF ON CANADIAN STEEL\n" + BODY, "tariffs", [("25%", 25.0)], id="tariff-all-caps-headline"),
    pytest.param("Trump Imposes 25% Tariff On Canadian Steel\n" + BODY, "tariffs", [("25%", 25.0)], id="tariff-title-case-headline"),
    pytest.param("Japan faces a １５％ tariff on its cars.", "tariffs", [("１５％", 15.0)], id="tariff-fullwidth"),
    pytest.param("Japan faces a 15\npercent tariff on its cars.", "tariffs", [("15\npercent", 15.0)], id="tariff-split-line"),
    pytest.param("The deal was signed on October 28, 2025.\r\nIt starts soon.\r\n", "dates",
                 [("October 28, 2025", "2025-10-28")], id="date-crlf"),
    pytest.param("The deal was signed on October\u00a028, 2025.", "dates", [("October\u00a028, 2025", "2025-10-28")], id="date-nbsp"),
    pytest.param("DEAL SIGNED ON OCTOBER 28, 2025\nTokyo said.", "dates", [("OCTOBER 28, 2025", "2025-10-28")], id="date-all-caps"),
    pytest.param("The deal was signed on October\n28, 2025.", "dates", [("October\n28, 2025", "2025-10-28")], id="date-split-line",
                 marks=xfail("dates.py", "a date split across a line break becomes 'October' + '2025'")),
    pytest.param("TOYOTA TO INVEST $10 BILLION IN US PLANTS\n" + BODY, "companies",
                 [("Toyota Motor Corporation", ["TOYOTA", "Toyota Motor Corp."])], id="company-all-caps-headline"),
    pytest.param("Toyota To Invest $10 Billion In Us Plants\n" + BODY, "companies",
                 [("Toyota Motor Corporation", ["Toyota", "Toyota Motor Corp."])], id="company-title-case-headline"),
    pytest.param(BODY.replace("\n", "\r\n") * 2, "companies",
                 [("Toyota Motor Corporation", ["Toyota Motor Corp.", "Toyota Motor Corp."])], id="company-crlf"),
    pytest.param("\u201cToyota Motor Corp.\u2019s plan is sound,\u201d he said.", "companies",
                 [("Toyota Motor Corporation", ["Toyota Motor Corp."])], id="company-curly-quotes"),
    pytest.param("WESTINGHOUSE TO BUILD AP1000 REACTORS\nWestinghouse will build AP1000 reactors.\n", "reactors",
                 [("AP1000", ["AP1000", "AP1000"])], id="reactor-all-caps-headline"),
    pytest.param("Prime Minister Sanae Takaichi met President Donald Trump.\r\n", "officials",
                 [("Sanae Takaichi", "Prime Minister"), ("Donald Trump", "President")], id="official-crlf"),
    pytest.param("PRIME MINISTER SANAE TAKAICHI MEETS TRUMP\nPrime Minister Sanae Takaichi met Trump in Tokyo.\n", "officials",
                 [("Sanae Takaichi", "Prime Minister"), ("Trump", None)], id="official-all-caps-headline"),
]


def _field(record, field):
    if field == "money":
        return _money(record)
    if field == "tariffs":
        return [(t.text, t.rate) for t in record.tariffs]
    if field == "dates":
        return [(d.text, d.value) for d in record.dates]
    if field == "companies":
        return [(c.name, [m.text for m in c.mentions]) for c in record.companies]
    if field == "reactors":
        return [(r.design, [m.text for m in r.mentions]) for r in record.reactors]
    if field == "officials":
        return [(o.name, o.title) for o in record.officials]
    raise KeyError(field)


@pytest.mark.parametrize("text, field, expected", VARIANTS)
def test_text_variants_still_extract(extractor, text, field, expected):
    record = extractor.extract(text, doc_id="variant", published=PUB)
    got = _field(record, field)
    if field == "money":
        expected = [(t, v if isinstance(v, tuple) else v, c) for t, v, c in expected]
        got = [(t, v if isinstance(v, tuple) else int(v), c) for t, v, c in got]
        got = [(t, tuple(int(x) for x in v) if isinstance(v, tuple) else v, c) for t, v, c in got]
    assert got == expected
    for _, m in _all_mentions(record):
        assert text[m.start:m.end] == m.text


def _all_mentions(record):
    for field in ("money", "tariffs", "dates"):
        for m in getattr(record, field):
            yield field, m
    for field in ("companies", "reactors", "officials"):
        for e in getattr(record, field):
            for m in e.mentions:
                yield field, m


# -- no catastrophic backtracking -------------------------------------------------------------

@contextmanager
def time_limit(seconds: int):
    """Fail (instead of hanging the suite) when the block runs longer than ``seconds``."""

    def boom(signum, frame):
        raise TimeoutError(f"took more than {seconds}s")

    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


HOSTILE_SIZE = 200_000


@pytest.mark.parametrize(
    "unit, size, budget",
    [
        pytest.param("0123456789", HOSTILE_SIZE, 60, id="digits"),
        pytest.param("$", HOSTILE_SIZE, 60, id="dollar-signs"),
        pytest.param("-", HOSTILE_SIZE, 60, id="dashes"),
        pytest.param(" x", HOSTILE_SIZE, 60, id="spaces"),  # (only spaces is an empty article)
        pytest.param("%", HOSTILE_SIZE, 60, id="percent-signs"),
        pytest.param("$1,000-", HOSTILE_SIZE, 60, id="money-like"),
        # Before the fix in api.tokenize, spaCy's tokenizer alone took 4 s on 4,000 "$".
        pytest.param("$", 20_000, 60, id="dollar-signs-tokenizer"),
        pytest.param("15% ", 40_000, 60, id="percent-rates"),
        pytest.param("15% tariff on ", 40_000, 60, id="tariff-rates"),
    ],
)
def test_hostile_line_completes(extractor, unit, size, budget):
    text = (unit * (size // len(unit) + 1))[:size]
    with time_limit(budget):
        record = extractor.extract(text, doc_id="hostile")
    for _, m in _all_mentions(record):
        assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a " + "$" * 250 + " b", id="run-in-middle"),
        pytest.param("$" * 250, id="run-alone"),
        pytest.param("  " + "x" * 300 + "  y\n\n" + "%" * 101, id="two-runs-odd-space"),
        pytest.param(" " + "-" * 500 + "\r\n", id="run-with-crlf"),
        pytest.param("\u200b" * 150 + "\u00a0$5 billion", id="zero-width-run"),
        pytest.param("short words only", id="no-long-run"),
    ],
)
def test_tokenize_cuts_long_runs_and_keeps_the_text(nlp, text):
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert all(len(t.text) <= MAX_TOKEN_CHARS or t.text.isspace() for t in doc)


def test_bench_script_runs(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "scripts/bench_backtracking.py", "--kinds", "dollars", "dashes", "--sizes", "1000", "10000",
         "--json", str(out)],
        capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(out.read_text())
    assert set(data) == {"dollars", "dashes"}
    assert "extract (whole)" in data["dollars"]["10000"] and "money_amounts" in data["dollars"]["10000"]
    assert "growth per step" in proc.stdout


# -- size limits --------------------------------------------------------------------------------

def test_default_max_chars_is_the_limits_default(extractor):
    # The number itself (what a 2 GB worker holds) lives in extractor.limits; see test_memory_limits.
    from extractor import limits

    assert DEFAULT_MAX_CHARS == limits.DEFAULT_MAX_CHARS and extractor.max_chars == DEFAULT_MAX_CHARS
    # spaCy's own limit is raised above ours, so spaCy never refuses (or cuts) an accepted article.
    assert extractor.nlp.max_length > extractor.max_chars


def test_too_large_message_names_the_limit(small_limit):
    with pytest.raises(TooLargeError) as info:
        small_limit.extract("$5 billion. " * 500)
    assert "over the limit of 5,000" in str(info.value)


def test_too_large_message_says_to_use_max_chars(small_limit):
    with pytest.raises(TooLargeError) as info:
        small_limit.extract("$5 billion. " * 500)
    assert "--max-chars" in str(info.value)


@pytest.fixture
def small_limit(extractor):
    """An Extractor sharing the session pipeline, with spaCy's max_length set far below
    max_chars first (as a user-supplied pipeline might have it)."""
    nlp = extractor.nlp
    old = nlp.max_length
    nlp.max_length = 1_000
    try:
        yield Extractor(model=nlp, max_chars=5_000)
    finally:
        nlp.max_length = old


def test_spacy_max_length_is_raised_to_our_limit(small_limit):
    assert small_limit.nlp.max_length > small_limit.max_chars == 5_000
    text = ("Toyota will invest $10 billion. " * 200)[:4_990]  # over spaCy's 1,000, under ours
    record = small_limit.extract(text)
    assert len(record.money) >= 100


@pytest.mark.parametrize(
    "size, fails",
    [
        pytest.param(5_000, False, id="at-the-limit"),
        pytest.param(5_001, True, id="one-over"),
        pytest.param(50_000, True, id="ten-times-over"),
    ],
)
def test_max_chars_refuses_whole_article(small_limit, size, fails):
    text = ("$5 billion. " * (size // 12 + 1))[:size]
    if not fails:
        assert small_limit.extract(text).money
        return
    with pytest.raises(TooLargeError, match=r"over the limit of 5,000") as info:
        small_limit.extract(text, doc_id="big-one")
    assert isinstance(info.value, InputError) and isinstance(info.value, ExtractorError)
    assert info.value.source == "big-one"
    with pytest.raises(TooLargeError):
        list(small_limit.extract_many([{"id": "big-two", "text": text}]))


def test_max_chars_option_in_batch_reports_the_file(small_limit, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "big.txt").write_text("$5 billion. " * 1000, encoding="utf-8")
    (d / "ok.txt").write_text(BODY, encoding="utf-8")
    summary = run_batch([d], tmp_path / "o.jsonl", extractor=small_limit, progress=False)
    assert summary.written == 1 and summary.failed == 1
    (failure,) = summary.failures
    assert failure["source"].endswith("big.txt") and "12,000 characters, over the limit of 5,000" in failure["reason"]
    records = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in records] == ["ok"]  # nothing of the big one, not even half


def test_byte_limit_checked_before_reading(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text("x" * 2_000, encoding="utf-8")
    (f,) = read_file(p, max_bytes=1_000)
    assert isinstance(f, Failure) and "too large: 2,000 bytes" in f.reason and f.source == str(p)


# -- files in a batch -----------------------------------------------------------------------------

ARTICLE = "Toyota will invest $10 billion in U.S. plants, while Japan faces a 15% tariff.\n"


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory, extractor):
    """One batch over a folder of good and broken files (some broken during the run)."""
    root = tmp_path_factory.mktemp("broken")
    d = root / "in"
    (d / "locked dir").mkdir(parents=True)
    good = {
        "good.txt": ARTICLE,
        "name with spaces.txt": ARTICLE,
        "ünïcödé 東京 ñame.md": ARTICLE,
        "crlf.txt": ARTICLE.replace("\n", "\r\n") * 2,
    }
    for name, text in good.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "utf16 bom.txt").write_bytes(b"\xff\xfe" + ARTICLE.encode("utf-16-le"))  # Windows "Unicode" text
    (d / "gone.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "locked.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "locked dir" / "inside.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "random bytes.txt").write_bytes(bytes((i * 7919 + 13) % 127 + 128 for i in range(3000)))
    (d / "bom only.txt").write_bytes(b"\xef\xbb\xbf")
    (d / "nbsp only.md").write_text("\u00a0\u3000\n\r\n\t", encoding="utf-8")
    (d / "png.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (d / "zip.json").write_bytes(b"PK\x03\x04" + bytes(100))
    (d / "bad ü.json").write_text('{"text": ', encoding="utf-8")
    os.symlink(d / "loop-b.txt", d / "loop-a.txt")
    os.symlink(d / "loop-a.txt", d / "loop-b.txt")

    real_walk, real_read_bytes, real_scandir = readers.walk, Path.read_bytes, os.scandir

    def walk(paths, exclude=frozenset()):
        for entry in real_walk(paths, exclude):
            if isinstance(entry, Path) and entry.name == "gone.txt":
                entry.unlink()  # deleted between the walk and the read
            yield entry

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))  # root can read chmod 000 files
        return real_read_bytes(self)

    def scandir(path="."):
        if str(path).endswith("locked dir"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    out = root / "out.jsonl"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(readers, "walk", walk)
        mp.setattr(Path, "read_bytes", read_bytes)
        mp.setattr(readers.os, "scandir", scandir)
        summary = run_batch([d], out, extractor=extractor, progress=False)
    records = {r["doc_id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    errors = [json.loads(x) for x in (root / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    return {"dir": d, "summary": summary, "records": records, "errors": errors, "good": good}


def test_good_files_all_written(broken_run):
    records = broken_run["records"]
    expected = {Path(n).stem for n in broken_run["good"]} | {"utf16 bom"}
    assert set(records) == expected
    for r in records.values():
        assert r["money"][0]["value"] == 10_000_000_000
    assert any("utf-16" in w for w in records["utf16 bom"]["warnings"])
    assert broken_run["summary"].written == len(expected)


@pytest.mark.parametrize(
    "name, reason",
    [
        pytest.param("gone.txt", "cannot read file: No such file or directory", id="deleted-during-run"),
        pytest.param("locked.txt", "cannot read file: Permission denied", id="unreadable-during-run"),
        pytest.param("locked dir", "cannot list folder: Permission denied", id="unlistable-folder"),
        pytest.param("random bytes.txt", "no text encoding could be detected", id="undecodable-bytes"),
        pytest.param("bom only.txt", "empty article", id="bom-only"),
        pytest.param("nbsp only.md", "empty article", id="odd-whitespace-only"),
        pytest.param("png.html", "binary file", id="binary-as-html"),
        pytest.param("zip.json", "binary file", id="binary-as-json"),
        pytest.param("bad ü.json", "malformed JSON", id="non-ascii-name-malformed-json"),
        pytest.param("loop-a.txt", "symlink", id="symlink-loop-file-a"),
        pytest.param("loop-b.txt", "symlink", id="symlink-loop-file-b"),
    ],
)
def test_each_broken_file_gets_one_error_line_naming_it(broken_run, name, reason):
    lines = [e for e in broken_run["errors"] if Path(e["source"]) == broken_run["dir"] / name]
    assert len(lines) == 1, broken_run["errors"]
    assert reason in lines[0]["reason"]


def test_error_count_matches(broken_run):
    assert broken_run["summary"].failed == len(broken_run["errors"]) == 11


def test_errors_file_keeps_non_ascii_paths_readable(broken_run):
    raw = (broken_run["dir"].parent / "out.errors.jsonl").read_text(encoding="utf-8")
    assert "bad ü.json" in raw  # written as UTF-8, not \u escapes


# -- JSON article inputs ---------------------------------------------------------------------

JSON_CASES = [
    # (file name, content, where (source suffix), reason fragments)
    pytest.param("a.json", '{"text": "x", ', "a.json", ["malformed JSON", "line 1 column"], id="json-truncated"),
    pytest.param("a.json", "[1, 2", "a.json", ["malformed JSON"], id="json-array-truncated"),
    pytest.param("a.json", "42", "a.json", ["$: expected a JSON object", "int"], id="json-number"),
    pytest.param("a.json", '"text"', "a.json", ["$: expected a JSON object", "str"], id="json-string"),
    pytest.param("a.json", "null", "a.json", ["$: expected a JSON object", "NoneType"], id="json-null"),
    pytest.param("a.json", '{"text": ["x"]}', "a.json", ["$.text: expected a string, got list"], id="text-list"),
    pytest.param("a.json", '{"text": null}', "a.json", ["$.text: expected a string, got NoneType"], id="text-null"),
    pytest.param("a.json", '{"body": "x"}', "a.json", ["unknown field(s) ['body']"], id="unknown-field"),
    pytest.param("a.json", '{"text": "x", "Text": "y"}', "a.json", ["unknown field(s) ['Text']"], id="field-case"),
    pytest.param("a.json", '{"text": "x", "id": ["a"]}', "a.json", ["$.id: expected a non-empty string"], id="id-list"),
    pytest.param("a.json", '{"text": "x", "id": ""}', "a.json", ["$.id: expected a non-empty string"], id="id-empty"),
    pytest.param("a.json", '{"text": "x", "id": true}', "a.json", ["$.id: expected a non-empty string"], id="id-bool"),
    pytest.param("a.json", '{"text": "x", "url": 5}', "a.json", ["$.url: expected a string, got int"], id="url-int"),
    pytest.param("a.json", '{"text": "x", "title": {}}', "a.json", ["$.title: expected a string, got dict"], id="title-dict"),
    pytest.param("a.json", '{"text": "x", "published": 20251028}', "a.json", ["$.published: expected a string"], id="published-int"),
    pytest.param("a.json", '{"text": "x", "published": "28/10/2025"}', "a.json", ["published must be YYYY-MM-DD"], id="published-format"),
    pytest.param("a.json", '{"text": "x", "published": "2025-02-30"}', "a.json", ["not a real date"], id="published-unreal"),
    pytest.param("a.json", '{"text": "  \\n "}', "a.json", ["empty article"], id="text-blank"),
    pytest.param("a.json", '[{"text": "ok"}, {"text": 1}]', "a.json", ["$[1].text: expected a string"], id="array-second-bad"),
    pytest.param("a.json", '{"text": "x", "text": 5}', "a.json", ["$.text: expected a string"], id="duplicate-key-last-wins"),
    pytest.param("a.json", "", "a.json", ["malformed JSON"], id="json-empty-file"),
    pytest.param("a.jsonl", '{"text": "ok"}\n{"text": \n', "a.jsonl:2", ["malformed JSON", "column"], id="jsonl-line-2"),
    pytest.param("a.jsonl", '{"text": "ok"}\n\n[1]\n', "a.jsonl:3", ["$: expected a JSON object"], id="jsonl-line-3-array"),
    pytest.param("a.jsonl", '{"text": "ok", "extra": 1}\n', "a.jsonl:1", ["unknown field(s) ['extra']"], id="jsonl-unknown-field"),
    pytest.param("a.jsonl", "\n \n", "a.jsonl", ["empty file"], id="jsonl-blank"),
]


@pytest.mark.parametrize("name, content, where, reasons", JSON_CASES)
def test_bad_json_inputs_name_file_path_and_reason(tmp_path, name, content, where, reasons):
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    failures = [x for x in read_file(p) if isinstance(x, Failure)]
    assert len(failures) == 1, failures
    (f,) = failures
    assert f.source == str(tmp_path / where)
    for fragment in reasons:
        assert fragment in f.reason, f.reason


def test_good_items_beside_bad_ones_in_one_json_file(tmp_path):
    p = tmp_path / "mix.jsonl"
    p.write_text('{"id": "one", "text": "A"}\n{oops}\n{"id": "three", "text": "C"}\n', encoding="utf-8")
    out = list(read_file(p))
    assert [type(x).__name__ for x in out] == ["Item", "Failure", "Item"]
    assert [x.article.doc_id for x in out if isinstance(x, Item)] == ["one", "three"]


# -- gold files (extractor.evaluation.gold, through its public function and command) --------------------

GOLD_TEXT = "Toyota will invest $10 billion in Kentucky."
MONEY = {"text": "$10 billion", "start": 19, "end": 30, "value": 10_000_000_000, "currency": "USD"}


INVEST = {"text": "$10 billion", "start": 19, "end": 30, "investor": "JP", "destination": "US", "companies": [],
          "sectors": ["autos"], "status": "pledged"}
TOYOTA = {"name": "Toyota", "country": "JP", "mentions": [{"text": "Toyota", "start": 0, "end": 6}]}


def _gold(doc_id, **fields):
    return json.dumps({"doc_id": doc_id, "published": None, **fields})


GOLD_CASES = [
    # (gold file content, expected fragments of the problem line)
    pytest.param('{"doc_id": "g", "money": [', ["g.json", "line 1 column", "invalid JSON"], id="malformed"),
    pytest.param("[1, 2]", ["g.json", "must be a JSON object"], id="not-an-object"),
    pytest.param(_gold("g", money={"text": "x"}), ["g.json: money:", "valid list"], id="money-not-a-list"),
    pytest.param(_gold("g", money=[{**MONEY, "start": 500, "end": 511}]),
                 ["g.json: money[0]: offset 500: text[500:511] is ''"], id="offset-out-of-range"),
    pytest.param(_gold("g", money=[{**MONEY, "start": -5, "end": 6}]), ["g.json: money[0].start", "greater than or equal to 0"],
                 id="offset-negative"),
    pytest.param(_gold("g", money=[{**MONEY, "start": 20, "end": 31}]), ["money[0]: offset 20", "occurs at 19"], id="offset-off-by-one"),
    pytest.param(_gold("g", money=[{**MONEY, "colour": "red"}]), ["g.json: money[0].colour", "unknown field"], id="unknown-field-nested"),
    pytest.param(_gold("g", extra=1), ["g.json: extra", "unknown field"], id="unknown-field-top"),
    pytest.param(_gold("g", money=[{**MONEY, "value": True}]), ["g.json: money[0].value"], id="value-bool"),
    pytest.param(_gold("other"), ["g.json: doc_id", "not the file name"], id="doc-id-mismatch"),
    pytest.param(_gold("g", money=[{**MONEY, "start": "19"}]), ["g.json: money[0].start"], id="offset-as-string"),
    pytest.param(_gold("g", money=[{**MONEY, "value": "10000000000"}]), ["g.json: money[0].value"], id="amount-as-string"),
    pytest.param(_gold("g", money=[{**MONEY, "start": 19.0}]), ["g.json: money[0].start"], id="offset-as-float"),
    pytest.param(_gold("g", money=[MONEY], investments=[{**INVEST, "start": 20, "end": 30, "text": "10 billion"}]),
                 ["investments[0]: offset 20", "is not a money mention"], id="investment-not-on-money"),
    pytest.param(_gold("g", money=[MONEY], investments=[{**INVEST, "investor": "Honda"}]),
                 ["investments[0].investor", "neither a country code nor a company"], id="investment-unknown-investor"),
    pytest.param(_gold("g", money=[MONEY], companies=[TOYOTA], investments=[{**INVEST, "companies": ["Ford"]}]),
                 ["investments[0].companies[0]", "'Ford' is not a company"], id="investment-unknown-company"),
    pytest.param(_gold("g", money=[MONEY], investments=[{**INVEST, "status": "done"}]),
                 ["investments[0].status"], id="investment-bad-status"),
    pytest.param(_gold("g", money=[MONEY], investments=[{**INVEST, "sectors": ["cars"]}]),
                 ["investments[0].sectors[0]"], id="investment-bad-sector"),
]


@pytest.mark.parametrize("content, fragments", GOLD_CASES)
def test_bad_gold_files_name_file_path_and_reason(tmp_path, content, fragments):
    from extractor.evaluation.gold import validate_gold

    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "g.txt").write_text(GOLD_TEXT, encoding="utf-8")
    (tmp_path / "gold" / "g.json").write_text(content, encoding="utf-8")
    errors = [str(p) for p in validate_gold(tmp_path / "gold", tmp_path / "corpus") if p.level == "error"]
    assert any(all(f in line for f in fragments) for line in errors), errors


def test_good_gold_file_has_no_problem(tmp_path):
    from extractor.evaluation.gold import validate_gold

    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "g.txt").write_text(GOLD_TEXT, encoding="utf-8")
    (tmp_path / "gold" / "g.json").write_text(_gold("g", money=[MONEY]), encoding="utf-8")
    assert [p for p in validate_gold(tmp_path / "gold", tmp_path / "corpus") if p.level == "error"] == []


def test_validate_gold_goes_on_past_a_broken_article(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "g.txt").write_text(GOLD_TEXT, encoding="utf-8")
    (tmp_path / "corpus" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "gold" / "g.json").write_text(_gold("g", money=[{**MONEY, "start": 500, "end": 511}]), encoding="utf-8")
    (tmp_path / "gold" / "empty.json").write_text(_gold("empty"), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor", "validate-gold", str(tmp_path / "gold"),
                           "--corpus", str(tmp_path / "corpus")], capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "g.json: money[0]: offset 500" in proc.stdout and "empty" in proc.stdout


def test_validate_gold_command_prints_problem_lines(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "g.txt").write_text(GOLD_TEXT, encoding="utf-8")
    (tmp_path / "gold" / "g.json").write_text(_gold("g", money=[{**MONEY, "start": 500, "end": 511}]), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor", "validate-gold", str(tmp_path / "gold"),
                           "--corpus", str(tmp_path / "corpus")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "g.json: money[0]: offset 500: text[500:511] is ''" in proc.stdout


# -- output safety -----------------------------------------------------------------------------

HOSTILE_IDS = ["../../etc/x", "/tmp/abs-evil", "..\\..\\win", "a/b/c", "evil\x00name", ".", "..", "~", "$HOME/x"]


def _files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_doc_ids_never_become_paths(tmp_path, extractor, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    work = tmp_path / "a" / "b" / "work"
    inp = work / "in"
    inp.mkdir(parents=True)
    lines = [json.dumps({"id": i, "text": ARTICLE}) for i in HOSTILE_IDS]
    (inp / "evil.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = work / "out" / f"records.{fmt}"
    before = _files_under(tmp_path)
    summary = run_batch([inp], out, fmt=fmt, extractor=extractor, keep_text=True, progress=False)
    assert summary.written == len(HOSTILE_IDS) and summary.failed == 0
    created = _files_under(tmp_path) - before
    assert created == {"a/b/work/out", f"a/b/work/out/records.{fmt}"}
    assert not Path("/tmp/abs-evil").exists()
    if fmt == "jsonl":
        ids = [json.loads(x)["doc_id"] for x in out.read_text(encoding="utf-8").splitlines()]
        assert ids == HOSTILE_IDS  # ids are kept as data, exactly


def test_cli_doc_id_is_data_only(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    before = _files_under(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", str(art), "--doc-id", "../../pwned", "--indent", "0"],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["doc_id"] == "../../pwned"
    assert _files_under(tmp_path) == before and not (tmp_path.parent.parent / "pwned").exists()


HOSTILE_HTML = """<!doctype html>
<html><head><title>Deal</title>
<meta http-equiv="refresh" content="0; url=http://evil.example/">
<link rel="stylesheet" href="http://evil.example/s.css">
<script src="http://evil.example/x.js"></script>
<script>fetch('http://evil.example/?$900 billion'); document.write('$800 billion');</script>
<style>body::after { content: "$700 billion"; background: url(http://evil.example/bg.png) }</style>
<base href="http://evil.example/">
</head>
<body onload="alert('$600 billion')">
<h1>Big deal</h1>
<p>Hitachi will spend <b>$3 billion</b>.<img src="http://evil.example/pixel.gif" alt="$500 billion" onerror="alert(1)"></p>
<iframe src="http://evil.example/frame">$400 billion</iframe>
<object data="http://evil.example/o.swf">$300 billion</object>
<embed src="http://evil.example/e.swf">
<svg><script>alert('$200 billion')</script><text>$100 billion</text></svg>
<noscript>$90 billion</noscript>
<template><p>$80 billion</p></template>
<p>Japan&nbsp;faces a 15% tariff &amp; more.</p>
<!-- $70 billion in a comment -->
<form action="http://evil.example/post"><input value="$60 billion"></form>
</body></html>
"""


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse(*args)

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import urllib.request

    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def test_html_gives_visible_text_only_without_network(tmp_path, extractor, no_network):
    page = tmp_path / "page.html"
    page.write_text(HOSTILE_HTML, encoding="utf-8")
    (item,) = read_file(page)
    assert isinstance(item, Item), item
    text = item.article.text
    # (html_to_text folds every run of whitespace, &nbsp; included, to one space)
    assert text == "Big deal\nHitachi will spend $3 billion.\nJapan faces a 15% tariff & more."
    assert item.article.title == "Deal"
    assert "evil" not in text and "alert" not in text
    out = tmp_path / "o.jsonl"
    run_batch([page], out, extractor=extractor, keep_text=True, progress=False)
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [m["text"] for m in record["money"]] == ["$3 billion"]


def test_records_are_whole_lines_after_every_write(tmp_path, extractor):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(5):
        (d / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "bad.txt").write_bytes(b"")
    out = tmp_path / "o.jsonl"
    seen = []

    def check(result):
        data = out.read_bytes() if out.exists() else b""
        assert data == b"" or data.endswith(b"\n")  # flushed, never a torn line
        lines = data.splitlines()
        assert all(json.loads(x) for x in lines)
        seen.append(len(lines))

    run_batch([d], out, extractor=extractor, progress=False, on_result=check)
    assert seen[-1] == 5 and sorted(seen) == seen
