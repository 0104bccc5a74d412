"""Evaluation runs, the baseline, and the reports (terminal, JSON, Markdown, HTML, README)."""

import copy
import doctest
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import baseline as baseline_module
from extractor import gold as gold_module
from extractor import report as report_module
from extractor import scoring as scoring_module
from extractor.cli import app
from extractor.errors import InputError
from extractor.models import ArticleRecord
from extractor.report import format_table, readme_table, replace_readme_table, to_html, write_report
from extractor.scoring import evaluate

DATA = Path(__file__).parent / "data" / "scoring"


def gold_record(doc_id):
    return json.loads((DATA / "gold" / f"{doc_id}.json").read_text())


class StubExtractor:
    """Returns gold, minus alpha's second money mention, plus a false company hit in alpha."""

    def __init__(self):
        self.calls = []

    def extract(self, text, doc_id="doc", published=None):
        self.calls.append((doc_id, published))
        record = copy.deepcopy(gold_record(doc_id))
        if doc_id == "alpha":
            record["money"] = record["money"][:1]
            start = text.index("Ohio")
            record["companies"].append({"name": "Ohio", "mentions": [{"text": "Ohio", "start": start, "end": start + 4}]})
        return ArticleRecord.model_validate(record, context={"text": text})


class StubBaseline:
    def predict_many(self, items):
        for text, doc_id, published in items:
            yield {"doc_id": doc_id, "published": published}


@pytest.fixture
def corpus(tmp_path):
    shutil.copytree(DATA / "corpus", tmp_path / "corpus")
    return tmp_path / "corpus"


@pytest.fixture
def evaluation(corpus):
    return evaluate(corpus, DATA / "gold", extractor=StubExtractor(), baseline_system=StubBaseline())


def test_evaluate_scores_both_systems(evaluation):
    assert evaluation.systems == ["baseline", "extractor"]
    assert evaluation.splits == {"all": ["alpha", "beta"]}
    money = evaluation.scores["extractor"]["all"].fields["money"].counts["value"]
    assert (money.tp, money.fp, money.fn) == (2, 0, 1)
    companies = evaluation.scores["extractor"]["all"].fields["companies"].counts["entity"]
    assert (companies.tp, companies.fp, companies.fn) == (3, 1, 0)
    baseline_money = evaluation.scores["baseline"]["all"].fields["money"].counts["span"]
    assert (baseline_money.tp, baseline_money.fp, baseline_money.fn) == (0, 0, 3)


def test_evaluate_passes_sidecar_dates_only(corpus):
    stub = StubExtractor()
    evaluate(corpus, DATA / "gold", extractor=stub, baseline=False)
    # alpha has a sidecar; beta's date is left for the extractor to find in its text.
    assert stub.calls == [("alpha", "2025-03-04"), ("beta", None)]


def test_evaluate_reports_dev_and_test_when_splits_exist(corpus):
    (corpus / "splits.json").write_text(json.dumps({"dev": ["alpha"], "test": ["beta"]}))
    result = evaluate(corpus, DATA / "gold", extractor=StubExtractor(), baseline_system=StubBaseline())
    assert result.splits == {"dev": ["alpha"], "test": ["beta"]}
    assert list(result.scores["extractor"]["test"].articles) == ["beta"]
    only = evaluate(corpus, DATA / "gold", split="test", extractor=StubExtractor(), baseline=False)
    assert only.splits == {"test": ["beta"]}
    assert "split dev (1 articles)" in format_table(result)


def test_evaluate_split_needs_splits_file(corpus):
    with pytest.raises(InputError, match="no splits.json"):
        evaluate(corpus, DATA / "gold", split="dev", extractor=StubExtractor(), baseline=False)


def test_terminal_table_shows_baseline_and_extractor_side_by_side(evaluation):
    table = format_table(evaluation)
    header = table.splitlines()[1]
    assert re.search(r"baseline P\s+baseline R\s+baseline F1\s+extractor P\s+extractor R\s+extractor F1\s+tp\s+fp\s+fn", header)
    money_value = next(line for line in table.splitlines() if line.startswith("money") and " value " in line)
    # baseline: nothing predicted (P undefined, R 0); extractor: P 100, R 66.7, F1 80; tp 2 fp 0 fn 1
    assert money_value.split()[2:] == ["–", "0.0", "0.0", "100.0", "66.7", "80.0", "2", "0", "1"]


def test_write_report(evaluation, tmp_path):
    paths = write_report(evaluation, tmp_path / "rep")
    assert sorted(p.name for p in paths) == ["report.html", "report.json", "report.md"]
    data = json.loads((tmp_path / "rep" / "report.json").read_text())
    money = data["scores"]["extractor"]["all"]["fields"]["money"]["value"]
    assert money == {"p": 1.0, "r": pytest.approx(2 / 3), "f": pytest.approx(0.8), "tp": 2, "fp": 0, "fn": 1}
    assert data["scores"]["extractor"]["all"]["per_article"]["alpha"]["fields"]["money"]["value"]["fn"] == 1
    markdown = (tmp_path / "rep" / "report.md").read_text()
    assert "| money | value | – | 0.0 | 0.0 | 100.0 | 66.7 | 80.0 | 2 | 0 | 1 |" in markdown
    assert "## Per article: extractor" in markdown


def test_html_is_self_contained_with_misses_and_false_hits_marked(evaluation):
    page = to_html(evaluation)
    assert not re.search(r"https?:|<script|<link|@import|url\(", page)
    assert page.count('class="entities"') == 4  # gold and extractor, two articles
    assert "MONEY ✗ MISS" in page and "$80 billion and $100 billion" in page
    assert "COMPANY ✗ FALSE" in page
    assert "<th" in page and "extractor F1" in page  # summary table on top
    assert page.index("extractor F1") < page.index('class="entities"')


def test_html_marks_wrong_values():
    gold = {"a": {"doc_id": "a", "money": [{"text": "$5", "start": 0, "end": 2, "value": 5, "currency": "USD"}]}}
    pred = {"a": {"doc_id": "a", "money": [{"text": "$5", "start": 0, "end": 2, "value": 6, "currency": "USD"}]}}
    result = scoring_module.score_predictions(gold, {"extractor": pred}, texts={"a": "$5 now"})
    page = to_html(result)
    assert "MONEY ≠" in page
    assert "gold 5 USD; predicted &#x27;$5&#x27; 6 USD" in page


def test_readme_table_replaced_between_markers(evaluation):
    readme = "# extractor\n\n<!-- accuracy:start -->\nold table\n<!-- accuracy:end -->\n\nMore.\n"
    updated = replace_readme_table(readme, readme_table(evaluation, "all"))
    assert "old table" not in updated and updated.endswith("<!-- accuracy:end -->\n\nMore.\n")
    assert "| money | value | 0.0 | 80.0 | 100.0 | 66.7 |" in updated
    assert replace_readme_table(updated, readme_table(evaluation, "all")) == updated
    with pytest.raises(ValueError, match="accuracy:start"):
        replace_readme_table("# no markers\n", "x")


def test_evaluate_command_bad_split_exits_2(corpus):
    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(corpus), "--gold", str(DATA / "gold"), "--split", "train"])
    assert result.exit_code == 2
    assert "unknown split 'train'" in result.output


@pytest.mark.parametrize("module", [scoring_module, gold_module, report_module, baseline_module], ids=lambda m: m.__name__)
def test_doctests(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


# ---------------------------------------------------------------------------------------------
# The baseline: spaCy's small model out of the box


@pytest.fixture(scope="module")
def baseline():
    return baseline_module.Baseline()


def test_baseline_maps_model_entities_to_fields(baseline):
    text = ("Toshiba Corp. will invest $5 billion in Ohio, President Joe Biden said on Tuesday. "
            "The 25% tariff on steel stays, while Apple grew 5% a year ago.")
    record = baseline.predict(text, "x", "2025-03-04")
    assert record["money"] == [{"text": "$5 billion", "start": 26, "end": 36, "value": 5.0, "currency": "USD"}]
    assert [t["rate"] for t in record["tariffs"]] == [25.0, 5.0]  # any PERCENT in a tariff sentence
    assert [e["name"] for e in record["companies"]] == ["Toshiba Corp.", "Apple"]
    assert [e["name"] for e in record["officials"]] == ["Joe Biden"]
    assert {"text": "Tuesday", "start": 74, "end": 81, "value": "2025-03-04", "granularity": "day"} in record["dates"]


def test_baseline_on_the_real_pipeline_run(baseline, tmp_path):
    """End to end with the real baseline and a stub extractor on the small test corpus."""
    shutil.copytree(DATA / "corpus", tmp_path / "corpus")
    result = evaluate(tmp_path / "corpus", DATA / "gold", extractor=StubExtractor(), baseline_system=baseline)
    span = result.scores["baseline"]["all"].fields["money"].counts["span"]
    value = result.scores["baseline"]["all"].fields["money"].counts["value"]
    assert span.tp >= 2 and value.tp == 0  # spans found, but "$5 billion" read as 5
