"""``extractor summary``: the same overview from a database or a JSONL output, in the terminal and
as one self-contained HTML page (issue 12). Runs on the committed corpus snapshot: no extraction."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.io.database import SqliteWriter
from extractor.io.summary import HTML_MARK, format_text, load_records, overview, render_html, tariff_changes

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "corpus_snapshot.jsonl"
runner = CliRunner()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """The snapshot as both outputs of a run: records.jsonl and news.db."""
    d = tmp_path_factory.mktemp("outputs")
    jsonl, db = d / "records.jsonl", d / "news.db"
    jsonl.write_bytes(SNAPSHOT.read_bytes())
    writer = SqliteWriter(db)
    writer.load()
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        writer.write(json.loads(line))
    writer.finish()
    return jsonl, db


def test_database_and_jsonl_give_the_same_overview(outputs):
    jsonl, db = outputs
    a, b = overview(load_records(jsonl)), overview(load_records(db))
    assert a == b
    assert a["articles"] == sum(1 for _ in SNAPSHOT.open())
    assert a["counts"]["tariffs"]["items"] == sum(len(json.loads(x)["tariffs"]) for x in SNAPSHOT.open())


def test_the_terminal_overview(outputs):
    result = runner.invoke(app, ["summary", str(outputs[1]), "--limit", "5"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith(f"{sum(1 for _ in SNAPSHOT.open())} articles, published ")
    assert re.search(r"^tariffs\s+\d+\s+\d+$", out, re.M)
    assert "top companies" in out and "[westinghouse]" in out
    assert "top officials" in out and "[donald-trump]" in out
    changes = out.split("tariff changes in date order")[1].splitlines()[1:]
    assert len(changes) == 5
    dates = [line.split()[0] for line in changes]
    assert dates == sorted(dates)


@pytest.mark.parametrize(
    "rates, kept",
    [
        pytest.param([("2025-01-01", 10, "imposed"), ("2025-02-01", 10, "imposed")], [10], id="same-rate-once"),
        pytest.param([("2025-01-01", 10, "imposed"), ("2025-02-01", 25, "imposed")], [10, 25], id="a-change"),
        pytest.param([("2025-01-01", 25, "threatened"), ("2025-02-01", 25, "imposed")], [25, 25], id="status-change"),
        pytest.param([("2025-03-01", 15, "imposed"), ("2025-01-01", 25, "imposed")], [25, 15], id="date-order"),
    ],
)
def test_tariff_changes(rates, kept):
    records = [{"doc_id": f"d{i}", "published": day,
                "tariffs": [{"text": f"{r}%", "start": 0, "end": 3, "rate": float(r), "imposer": "US", "target": "JP",
                             "status": status, "product": None}]}
               for i, (day, r, status) in enumerate(rates)]
    assert [c["rate"] for c in tariff_changes(records)] == kept


def test_html_page_is_self_contained_with_a_timeline(outputs, tmp_path):
    page = tmp_path / "summary.html"
    result = runner.invoke(app, ["summary", str(outputs[0]), "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert HTML_MARK in text[:100]
    assert "<svg" in text and text.count("<circle") > 20
    assert "US → JP" in text and "Westinghouse" in text
    # nothing to fetch: no scripts, no external resources (the SVG namespace is only a name)
    assert "<script" not in text and "<link" not in text and "<img" not in text
    assert re.findall(r"https?://[^\s\"']+", text) == ["http://www.w3.org/2000/svg"]
    again = runner.invoke(app, ["summary", str(outputs[1]), "--html", str(page)])
    assert again.exit_code == 0  # our own page is replaced


def test_html_refuses_a_file_it_did_not_write(outputs, tmp_path):
    page = tmp_path / "notes.html"
    page.write_text("<p>mine</p>", encoding="utf-8")
    result = runner.invoke(app, ["summary", str(outputs[1]), "--html", str(page)])
    assert result.exit_code == 2 and "--overwrite" in result.output
    assert page.read_text(encoding="utf-8") == "<p>mine</p>"
    assert runner.invoke(app, ["summary", str(outputs[1]), "--html", str(page), "--overwrite"]).exit_code == 0
    assert HTML_MARK in page.read_text(encoding="utf-8")


def test_empty_and_unreadable_inputs(tmp_path):
    assert runner.invoke(app, ["summary", str(tmp_path / "missing.db")]).exit_code == 2
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n", encoding="utf-8")
    result = runner.invoke(app, ["summary", str(notes)])
    assert result.exit_code == 2 and "neither a database nor a JSON Lines output" in result.output
    empty = overview([])
    assert "0 articles" in format_text(empty) and "No dated tariff rates" in render_html(empty)


def test_summary_does_not_load_spacy(outputs):
    code = ("import sys; from typer.testing import CliRunner; from extractor.cli import app; "
            f"r = CliRunner().invoke(app, ['summary', {str(outputs[1])!r}]); "
            "print(r.exit_code, 'spacy' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.split() == ["0", "False"], proc.stderr
