"""Evaluation runs, the baseline, and the reports (terminal, JSON, Markdown, HTML, README)."""

import copy
import doctest
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.evaluation import baseline as baseline_module
from extractor.evaluation import gold as gold_module
from extractor.evaluation import report as report_module
from extractor.evaluation import scoring as scoring_module
from extractor.cli import app
from extractor.errors import InputError
from extractor.models import ArticleRecord
from extractor.evaluation.report import format_table, readme_table, replace_readme_table, to_html, write_report
from extractor.evaluation.scoring import evaluate

DATA = Path(__file__).parent / "data" / "scoring"
ROOT = Path(__file__).resolve().parent.parent


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
    updated = replace_readme_table(readme, readme_table(evaluation))
    assert "old table" not in updated and updated.endswith("<!-- accuracy:end -->\n\nMore.\n")
    assert "| money | value F1 | 0.0 | 80.0 |" in updated
    assert replace_readme_table(updated, readme_table(evaluation)) == updated
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


# ---------------------------------------------------------------------------------------------
# Issue 8: splits from splits.json, the README table, the HTML contents and mistakes, no None

FOUR_SPLITS = {"_note": "written and real news", "dev": ["alpha"], "test": ["beta"], "real_dev": ["alpha"],
               "real_test": ["beta"]}


def test_evaluate_scores_every_split_in_splits_json(corpus):
    (corpus / "splits.json").write_text(json.dumps(FOUR_SPLITS))
    stub = StubExtractor()
    result = evaluate(corpus, DATA / "gold", extractor=stub, baseline=False)
    assert result.splits == {"dev": ["alpha"], "test": ["beta"], "real_dev": ["alpha"], "real_test": ["beta"]}
    assert [c[0] for c in stub.calls] == ["alpha", "beta"]  # each article extracted once
    only = evaluate(corpus, DATA / "gold", split="real_test", extractor=StubExtractor(), baseline=False)
    assert only.splits == {"real_test": ["beta"]}


def test_evaluate_leaves_out_a_split_without_gold(corpus):
    (corpus / "gamma.txt").write_text("An article nobody labelled yet.\n")
    (corpus / "splits.json").write_text(json.dumps({"dev": ["alpha", "beta"], "real_test": ["gamma"]}))
    result = evaluate(corpus, DATA / "gold", extractor=StubExtractor(), baseline=False)
    assert list(result.splits) == ["dev"]
    assert "split real_test has no article with gold yet (not reported)" in result.notes
    with pytest.raises(InputError, match="split 'real_test' has no article with gold"):
        evaluate(corpus, DATA / "gold", split="real_test", extractor=StubExtractor(), baseline=False)


def test_evaluate_unknown_split_names_the_known_ones(corpus):
    (corpus / "splits.json").write_text(json.dumps(FOUR_SPLITS))
    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(corpus), "--gold", str(DATA / "gold"),
                                      "--split", "train", "--no-baseline"])
    assert result.exit_code == 2
    assert "unknown split 'train': splits.json has dev, test, real_dev, real_test (or use 'all')" in result.output


@pytest.mark.parametrize("command", ["evaluate", "score"])
def test_split_choices_are_listed_in_help(command):
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "TERMINAL_WIDTH": "200"})
    assert result.exit_code == 0
    assert "[dev|test|real_dev|real_test|all]" in result.output
    assert "splits.json" in result.output


class WrongAttributesExtractor(StubExtractor):
    """Gold, with beta's tariff imposer, official title and a date value changed."""

    def extract(self, text, doc_id="doc", published=None):
        record = super().extract(text, doc_id, published).model_dump(mode="json")
        if doc_id == "beta":
            record["tariffs"][0]["imposer"] = "CN"  # gold: null
            record["officials"][0]["title"] = "Prime Minister"  # gold: Finance Minister
            record["officials"][0]["country"] = None  # gold: JP
            record["dates"][0]["value"] = None
        return ArticleRecord.model_validate(record)


@pytest.fixture
def wrong_attributes(corpus):
    return evaluate(corpus, DATA / "gold", extractor=WrongAttributesExtractor(), baseline_system=StubBaseline())


def test_html_shows_attribute_mistakes(wrong_attributes):
    page = to_html(wrong_attributes)
    assert "wrong imposer" in page and "gold –; predicted CN" in page
    assert "wrong title" in page and "gold Finance Minister; predicted Prime Minister" in page
    assert "wrong country" in page and "gold JP; predicted –" in page


def test_html_contents_table_worst_first_with_links(evaluation):
    page = to_html(evaluation)
    contents = page[page.index('<table class="contents">'):]
    contents = contents[:contents.index("</table>")]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', contents)
    assert [doc_id for _, doc_id in links] == ["alpha", "beta"]  # alpha has the misses
    for anchor, _ in links:
        assert f'id="{anchor}"' in page
    assert page.index('class="contents"') < page.index("extractor F1") < page.index('class="entities"')
    # beta is perfect: its section starts closed; alpha's is open
    assert re.search(r'<details class="article" id="article-all-beta">', page)
    assert re.search(r'<details class="article" id="article-all-alpha" open>', page)


def test_reports_never_print_none(wrong_attributes, tmp_path):
    write_report(wrong_attributes, tmp_path / "rep")
    for name in ("report.md", "report.html"):
        text = (tmp_path / "rep" / name).read_text()
        assert not re.search(r"\bNone\b", text), name
    assert not re.search(r"\bNone\b", format_table(wrong_attributes))


def test_html_without_texts_still_lists_mistakes():
    gold = {"a": {"doc_id": "a", "money": [{"text": "$5", "start": 0, "end": 2, "value": 5, "currency": None}]}}
    result = scoring_module.score_predictions(gold, {"extractor": {"a": {"doc_id": "a"}}})
    page = to_html(result)
    assert 'href="#article-all-a"' in page and 'id="article-all-a"' in page
    assert "missed" in page and "5 (no currency)" in page and "None" not in page


def test_readme_table_shows_every_split_side_by_side_with_sizes(corpus):
    (corpus / "splits.json").write_text(json.dumps(FOUR_SPLITS))
    result = evaluate(corpus, DATA / "gold", extractor=WrongAttributesExtractor(), baseline_system=StubBaseline())
    table = readme_table(result)
    assert table.startswith("Articles per split (dev: 1 articles; test: 1 articles; real_dev: 1 articles; "
                            "real_test: 1 articles); 2 articles in all.")
    header = next(line for line in table.splitlines() if line.startswith("| Field"))
    assert header == ("| Field | Metric | dev baseline | dev extractor | test baseline | test extractor | "
                      "real_dev baseline | real_dev extractor | real_test baseline | real_test extractor |")
    rows = {tuple(c.strip() for c in line.strip("|").split("|")[:2]): line for line in table.splitlines()}
    for attribute in ("imposer", "target", "status"):
        assert ("tariffs", f"{attribute} acc.") in rows
    assert ("officials", "title acc.") in rows and ("officials", "country acc.") in rows
    # test split: beta's one tariff has a wrong imposer, its one official a wrong title
    assert rows[("tariffs", "imposer acc.")].split("|")[6].strip() == "0.0 (0/1)"
    assert rows[("officials", "title acc.")].split("|")[6].strip() == "0.0 (0/1)"
    assert "None" not in table


def test_update_readme_table_script_reports_every_split(corpus, tmp_path, monkeypatch):
    import importlib.util

    (corpus / "splits.json").write_text(json.dumps(FOUR_SPLITS))
    spec = importlib.util.spec_from_file_location("update_readme_table", ROOT / "scripts" / "update_readme_table.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    seen = {}

    def fake_evaluate(corpus_dir, gold_dir, split=None, **kwargs):
        seen["split"] = split
        return evaluate(corpus_dir, gold_dir, split=split, extractor=StubExtractor(), baseline_system=StubBaseline())

    monkeypatch.setattr(scoring_module, "evaluate", fake_evaluate)
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n<!-- accuracy:start -->\nold\n<!-- accuracy:end -->\n")
    assert script.main(["--readme", str(readme), "--corpus", str(corpus), "--gold", str(DATA / "gold")]) == 0
    assert seen["split"] is None  # every split of splits.json
    text = readme.read_text()
    assert "real_test extractor" in text and "dev: 1 articles" in text
    assert script.main(["--readme", str(readme), "--corpus", str(corpus), "--gold", str(DATA / "gold"), "--check"]) == 0
