"""The scorer, on small hand-computed cases (docs/contract.md, Scoring)."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import InputError
from extractor.evaluation.scoring import (
    PRF,
    fold_name,
    match_mentions,
    read_predictions,
    score_article,
    score_corpus,
    score_files,
)

DATA = Path(__file__).parent / "data" / "scoring"


def money(start, end, value=None, currency="USD", lo=None, hi=None, **extra):
    return {"text": "x" * (end - start), "start": start, "end": end, "value": value, "min": lo, "max": hi,
            "currency": currency, **extra}


def company(name, *spans, **extra):
    return {"name": name, "mentions": [{"text": t, "start": s, "end": s + len(t)} for t, s in spans], **extra}


def counts(article, field, metric):
    c = article.fields[field].counts[metric]
    return (c.tp, c.fp, c.fn)


# ---------------------------------------------------------------------------------------------
# Mention fields: (gold money, predicted money) -> (span tp/fp/fn, value tp/fp/fn)

MONEY_CASES = {
    "exact span and value": ([money(10, 22, 550e9)], [money(10, 22, 550e9)], (1, 0, 0), (1, 0, 0)),
    "partial overlap, same value": ([money(10, 22, 550e9)], [money(11, 30, 550e9)], (1, 0, 0), (1, 0, 0)),
    "partial overlap, wrong value": ([money(10, 22, 550e9)], [money(11, 22, 550.0)], (1, 0, 0), (0, 1, 1)),
    "touching spans do not overlap": ([money(10, 22, 5.0)], [money(22, 30, 5.0)], (0, 1, 1), (0, 1, 1)),
    "value within 0.5%": ([money(0, 5, 1000.0)], [money(0, 5, 1004.9)], (1, 0, 0), (1, 0, 0)),
    "value off by 1%": ([money(0, 5, 1000.0)], [money(0, 5, 1010.0)], (1, 0, 0), (0, 1, 1)),
    "range within 0.5%": ([money(0, 9, lo=80e9, hi=100e9)], [money(0, 9, lo=80.3e9, hi=100.4e9)], (1, 0, 0), (1, 0, 0)),
    "range max off by 1%": ([money(0, 9, lo=80e9, hi=100e9)], [money(0, 9, lo=80e9, hi=101e9)], (1, 0, 0), (0, 1, 1)),
    "range predicted as one value": ([money(0, 9, lo=80e9, hi=100e9)], [money(0, 9, 100e9)], (1, 0, 0), (0, 1, 1)),
    "currency mismatch": ([money(0, 9, 5e9, "USD")], [money(0, 9, 5e9, "JPY")], (1, 0, 0), (0, 1, 1)),
    "two predictions on one gold": ([money(0, 20, 5.0)], [money(0, 8, 5.0), money(10, 20, 5.0)], (1, 1, 0), (1, 1, 0)),
    "one prediction over two golds": ([money(0, 8, 5.0), money(10, 20, 7.0)], [money(0, 20, 7.0)], (1, 0, 1), (1, 0, 1)),
    # The correct pair is taken before the larger overlap: gold matches the second prediction.
    "correct pair preferred": ([money(0, 10, 5.0)], [money(0, 8, 6.0), money(8, 10, 5.0)], (1, 1, 0), (1, 1, 0)),
    "empty prediction": ([money(0, 5, 1.0), money(9, 12, 2.0)], [], (0, 0, 2), (0, 0, 2)),
    "no gold, one prediction": ([], [money(0, 5, 1.0)], (0, 1, 0), (0, 1, 0)),
}


@pytest.mark.parametrize("gold, pred, span, value", MONEY_CASES.values(), ids=MONEY_CASES.keys())
def test_money_span_and_value(gold, pred, span, value):
    article = score_article({"doc_id": "a", "money": gold}, {"doc_id": "a", "money": pred})
    assert counts(article, "money", "span") == span
    assert counts(article, "money", "value") == value


def tariff(start, end, rate, **attrs):
    return {"text": "x" * (end - start), "start": start, "end": end, "rate": rate, **attrs}


def date(start, end, value, granularity="day"):
    return {"text": "x" * (end - start), "start": start, "end": end, "value": value, "granularity": granularity}


OTHER_MENTION_CASES = {
    "tariff rate equal": ("tariffs", [tariff(0, 3, 15.0)], [tariff(0, 3, 15)], (1, 0, 0), (1, 0, 0)),
    "tariff rate differs": ("tariffs", [tariff(0, 3, 15.0)], [tariff(0, 3, 25.0)], (1, 0, 0), (0, 1, 1)),
    "date value equal": ("dates", [date(0, 7, "2025-10-28")], [date(2, 7, "2025-10-28")], (1, 0, 0), (1, 0, 0)),
    "date value differs": ("dates", [date(0, 7, "2025-10")], [date(0, 7, "2025-10-28")], (1, 0, 0), (0, 1, 1)),
    "date both unresolved": ("dates", [date(0, 7, None, None)], [date(0, 7, None, None)], (1, 0, 0), (1, 0, 0)),
}


@pytest.mark.parametrize("field, gold, pred, span, value", OTHER_MENTION_CASES.values(), ids=OTHER_MENTION_CASES.keys())
def test_tariff_and_date_values(field, gold, pred, span, value):
    article = score_article({"doc_id": "a", field: gold}, {"doc_id": "a", field: pred})
    assert counts(article, field, "span") == span
    assert counts(article, field, "value") == value


def test_greedy_matching_is_one_to_one():
    gold = [{"start": 0, "end": 10}, {"start": 12, "end": 20}]
    pred = [{"start": 5, "end": 15}, {"start": 8, "end": 9}]
    # Largest overlap first: gold 0 takes pred 0 (5 chars); gold 1's only candidate is taken and
    # pred 1's only candidate, gold 0, is taken: neither is matched twice.
    assert match_mentions(gold, pred) == [(0, 0, True)]


# ---------------------------------------------------------------------------------------------
# Entities

FOLD_CASES = {
    "suffix Corp.": ("Toshiba Corp.", "toshiba"),
    "suffix Corporation": ("Toshiba Corporation", "toshiba"),
    "suffix Group": ("TOSHIBA Group", "toshiba"),
    "Co., Ltd.": ("Hitachi Co., Ltd.", "hitachi"),
    "Holdings plc": ("Rolls-Royce Holdings plc", "rolls royce"),
    "LLC": ("X-energy LLC", "x energy"),
    "Inc": ("Amazon.com, Inc.", "amazoncom"),
    "dots in U.S.": ("U.S. Steel", "us steel"),
    "suffix alone kept": ("Group", "group"),
    "inner suffix word kept": ("Co Energy Partners", "co energy partners"),
}


@pytest.mark.parametrize("text, folded", FOLD_CASES.values(), ids=FOLD_CASES.keys())
def test_fold_name(text, folded):
    assert fold_name(text) == folded


ENTITY_CASES = {
    "same name": ([company("Toshiba", ("Toshiba", 0))], [company("Toshiba", ("Toshiba", 0))], (1, 0, 0), (1, 0, 0)),
    "suffix folding": (
        [company("Toshiba Corporation", ("Toshiba Corp.", 0))],
        [company("TOSHIBA Group", ("TOSHIBA Group", 40))],
        (1, 0, 0), (0, 1, 1),
    ),
    "match by a mention text": (
        [company("Mitsubishi Heavy Industries", ("Mitsubishi Heavy Industries", 0), ("MHI", 50))],
        [company("MHI", ("MHI", 50))],
        (1, 0, 0), (1, 0, 1),
    ),
    "merged entities: one prediction covers two gold aliases": (
        [company("Toshiba", ("Toshiba", 0)), company("Westinghouse", ("Westinghouse", 20))],
        [company("Toshiba", ("Toshiba", 0), ("Westinghouse", 20))],
        (1, 0, 1), (2, 0, 0),
    ),
    "merged prediction leaves the closer alias to a second prediction": (
        [company("Toshiba", ("Toshiba", 0)), company("Westinghouse", ("Westinghouse", 20))],
        [company("Toshiba", ("Toshiba", 0), ("Westinghouse", 20)), company("Westinghouse", ("Westinghouse", 40))],
        (2, 0, 0), (2, 1, 0),
    ),
    "different names do not match": (
        [company("GE Vernova", ("GE Vernova", 0))], [company("GE Vernova Hitachi", ("GE Vernova Hitachi", 0))],
        (0, 1, 1), (1, 0, 0),
    ),
    "empty prediction": ([company("Toshiba", ("Toshiba", 0), ("Toshiba", 30))], [], (0, 0, 1), (0, 0, 2)),
}


@pytest.mark.parametrize("gold, pred, entity, mention", ENTITY_CASES.values(), ids=ENTITY_CASES.keys())
def test_company_entity_and_mention(gold, pred, entity, mention):
    article = score_article({"doc_id": "a", "companies": gold}, {"doc_id": "a", "companies": pred})
    assert counts(article, "companies", "entity") == entity
    assert counts(article, "companies", "mention") == mention


def test_reactors_match_by_design():
    gold = [{"design": "SMR", "category": "class", "vendor": None,
             "mentions": [{"text": "small modular reactors", "start": 0, "end": 22}]}]
    pred = [{"design": "SMR", "category": "small_modular", "vendor": None,
             "mentions": [{"text": "SMRs", "start": 40, "end": 44}]}]
    article = score_article({"doc_id": "a", "reactors": gold}, {"doc_id": "a", "reactors": pred})
    assert counts(article, "reactors", "entity") == (1, 0, 0)
    assert counts(article, "reactors", "mention") == (0, 1, 1)
    attrs = article.fields["reactors"].attributes
    assert (attrs["category"].correct, attrs["category"].n) == (0, 1)
    assert (attrs["vendor"].correct, attrs["vendor"].n) == (1, 1)


def test_official_attributes_title_folds_case():
    gold = [{"name": "Sanae Takaichi", "title": "Prime Minister", "country": "JP",
             "mentions": [{"text": "Sanae Takaichi", "start": 0, "end": 14}]}]
    pred = [{"name": "Takaichi", "title": "prime minister", "country": "US",
             "mentions": [{"text": "Takaichi", "start": 6, "end": 14}]}]
    article = score_article({"doc_id": "a", "officials": gold}, {"doc_id": "a", "officials": pred})
    assert counts(article, "officials", "entity") == (0, 1, 1)  # "takaichi" is not one of gold's names
    gold[0]["mentions"].append({"text": "Takaichi", "start": 30, "end": 38})
    article = score_article({"doc_id": "a", "officials": gold}, {"doc_id": "a", "officials": pred})
    assert counts(article, "officials", "entity") == (1, 0, 0)
    attrs = article.fields["officials"].attributes
    assert attrs["title"].to_dict() == {"accuracy": 1.0, "correct": 1, "n": 1}
    assert attrs["country"].to_dict() == {"accuracy": 0.0, "correct": 0, "n": 1}


def test_tariff_attributes_over_span_matched_pairs():
    gold = [tariff(0, 3, 15.0, imposer="US", target="JP", status="imposed"),
            tariff(10, 13, 25.0, imposer="US", target="JP", status="previous")]
    pred = [tariff(0, 3, 15.0, imposer="US", target=None, status="imposed"),
            tariff(20, 23, 10.0, imposer="CN", target="US", status="imposed")]
    article = score_article({"doc_id": "a", "tariffs": gold}, {"doc_id": "a", "tariffs": pred})
    attrs = {k: (v.correct, v.n) for k, v in article.fields["tariffs"].attributes.items()}
    assert attrs == {"imposer": (1, 1), "target": (0, 1), "status": (1, 1)}


def test_extra_fields_in_predictions_are_ignored():
    gold = {"doc_id": "a", "money": [money(0, 5, 1.0)]}
    pred = {"doc_id": "a", "money": [money(0, 5, 1.0, confidence=0.9)], "investments": [{"what": "x"}],
            "warnings": ["w"], "version": "9"}
    article = score_article(gold, pred)
    assert counts(article, "money", "value") == (1, 0, 0)


def test_predictions_with_investments_are_read(tmp_path):
    # An investment entry is a mention (its own start/end), as run writes it.
    record = {"doc_id": "a", "money": [money(0, 5, 1.0)],
              "investments": [{"text": "$1 bn", "start": 0, "end": 5, "investor": "JP", "destination": "US",
                               "companies": [], "sectors": [], "status": "pledged"}]}
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert read_predictions(path)["a"]["investments"][0]["investor"] == "JP"
    record["investments"][0].pop("start")
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="investments"):
        read_predictions(path)


def test_corpus_micro_average_and_missing_or_extra_predictions():
    gold = {
        "a": {"doc_id": "a", "money": [money(0, 5, 1.0), money(10, 15, 2.0)]},
        "b": {"doc_id": "b", "money": [money(0, 5, 3.0)]},
    }
    preds = {
        "a": {"doc_id": "a", "money": [money(0, 5, 1.0), money(20, 25, 9.0)]},
        "zzz": {"doc_id": "zzz", "money": [money(0, 5, 1.0)]},  # no gold: reported, ignored
    }  # "b" has no prediction: all misses
    result = score_corpus(gold, preds)
    assert result.unscored_predictions == ["zzz"]
    assert result.missing_predictions == ["b"]
    value = result.fields["money"].counts["value"]
    assert (value.tp, value.fp, value.fn) == (1, 1, 2)
    assert value.precision == pytest.approx(0.5)
    assert value.recall == pytest.approx(1 / 3)
    assert value.f1 == pytest.approx(0.4)
    assert result.to_dict()["fields"]["money"]["value"]["f"] == pytest.approx(0.4)
    assert result.to_dict()["per_article"]["b"]["has_prediction"] is False


def test_prf_undefined_is_none():
    assert PRF(0, 0, 3).to_dict() == {"p": None, "r": 0.0, "f": 0.0, "tp": 0, "fp": 0, "fn": 3}
    assert PRF().f1 is None


# ---------------------------------------------------------------------------------------------
# Reading predictions and the score command


def test_read_predictions_names_the_bad_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text('{"doc_id": "a"}\n{"doc_id": \n')
    with pytest.raises(InputError, match=r"out.jsonl:2: invalid JSON"):
        read_predictions(path)


def test_read_predictions_rejects_mentions_without_offsets(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps({"doc_id": "a", "money": [{"text": "$5"}]}) + "\n")
    with pytest.raises(InputError, match=r"money\[0\]: every mention needs integer start and end"):
        read_predictions(path)


def test_score_command(tmp_path):
    gold = {p.stem: json.loads(p.read_text()) for p in (DATA / "gold").glob("*.json")}
    alpha = dict(gold["alpha"], investments=[])  # an extra field, ignored
    alpha["money"] = alpha["money"][:1]  # one money miss
    pred = tmp_path / "out.jsonl"
    pred.write_text(json.dumps(alpha) + "\n" + json.dumps({"doc_id": "nope"}) + "\n")  # beta missing
    result = CliRunner().invoke(app, ["score", "--gold", str(DATA / "gold"), "--pred", str(pred), "--strict",
                                      "--report", str(tmp_path / "rep")])
    assert result.exit_code == 0, result.output
    assert "1 of 2 predictions have no gold in the scored split(s) (ignored): nope" in result.output
    report = json.loads((tmp_path / "rep" / "report.json").read_text())
    money_value = report["scores"]["predictions"]["all"]["fields"]["money"]["value"]
    assert (money_value["tp"], money_value["fp"], money_value["fn"]) == (1, 0, 2)
    assert report["scores"]["predictions"]["all"]["missing_predictions"] == ["beta"]


# ---------------------------------------------------------------------------------------------
# extractor score with fewer predictions than gold, --strict and --split (issue 8)

CORPUS = DATA / "corpus"


def _one_prediction(tmp_path, doc_id="alpha", extra=()):
    path = tmp_path / "one.jsonl"
    gold = json.loads((DATA / "gold" / f"{doc_id}.json").read_text())
    path.write_text("".join(json.dumps(r) + "\n" for r in [gold, *extra]))
    return path


def _corpus_with_splits(tmp_path, splits):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "splits.json").write_text(json.dumps(splits))
    return corpus


def test_score_files_scores_only_the_predicted_gold(tmp_path):
    result = score_files(DATA / "gold", _one_prediction(tmp_path))
    assert result.splits == {"all": ["alpha"]} and result.left_out == {"all": ["beta"]}
    money = result.scores["predictions"]["all"].fields["money"].counts["value"]
    assert (money.tp, money.fp, money.fn) == (2, 0, 0)  # beta's money is not a miss
    assert any(n.startswith("1 of 2 gold articles have no prediction (left out") and n.endswith(": beta")
               for n in result.notes)
    assert result.to_dict()["left_out"] == {"all": ["beta"]}


def test_score_files_strict_counts_missing_predictions_as_empty(tmp_path):
    result = score_files(DATA / "gold", _one_prediction(tmp_path), strict=True)
    assert result.splits == {"all": ["alpha", "beta"]} and result.left_out == {}
    money = result.scores["predictions"]["all"].fields["money"].counts["value"]
    assert (money.tp, money.fp, money.fn) == (2, 0, 1)
    assert any("gold articles have no prediction (counted as empty records)" in n for n in result.notes)


def test_score_files_split_limits_the_gold(tmp_path):
    corpus = _corpus_with_splits(tmp_path, {"_note": "x", "dev": ["alpha"], "real_test": ["beta"]})
    pred = _one_prediction(tmp_path, "beta", extra=[json.loads((DATA / "gold" / "alpha.json").read_text())])
    result = score_files(DATA / "gold", pred, corpus, split="real_test")
    assert result.splits == {"real_test": ["beta"]}
    assert any("1 of 2 predictions have no gold in the scored split(s) (ignored): alpha" in n for n in result.notes)
    every = score_files(DATA / "gold", pred, corpus, split=None)  # each split of splits.json
    assert list(every.splits) == ["dev", "real_test"]


def test_score_files_with_no_overlap_is_an_input_error(tmp_path):
    corpus = _corpus_with_splits(tmp_path, {"dev": ["alpha"], "test": ["beta"]})
    with pytest.raises(InputError, match="none of the 1 predictions has a gold article in split"):
        score_files(DATA / "gold", _one_prediction(tmp_path, "alpha"), corpus, split="test")


def test_score_command_reports_gold_without_prediction(tmp_path):
    pred = _one_prediction(tmp_path, extra=[{"doc_id": "nope"}])
    result = CliRunner().invoke(app, ["score", "--gold", str(DATA / "gold"), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    assert "split all (1 of 2 gold articles scored; 1 with no prediction left out)" in result.output
    assert "1 of 2 gold articles have no prediction" in result.output
    assert "1 of 2 predictions have no gold" in result.output
    money_value = next(line for line in result.output.splitlines() if line.startswith("money") and " value " in line)
    assert money_value.split()[2:5] == ["100.0", "100.0", "100.0"]  # not diluted by beta


@pytest.mark.parametrize("args, message", [
    (["--split", "train"], "unknown split 'train': splits.json has dev, real_test (or use 'all')"),
    (["--split", "dev", "--no-corpus"], "unknown split 'dev': no --corpus given"),
], ids=["split not in splits.json", "split without corpus"])
def test_score_command_bad_split_is_a_usage_error(tmp_path, args, message):
    corpus = _corpus_with_splits(tmp_path, {"dev": ["alpha"], "real_test": ["beta"]})
    corpus_args = [] if "--no-corpus" in args else ["--corpus", str(corpus)]
    args = [a for a in args if a != "--no-corpus"]
    result = CliRunner().invoke(app, ["score", "--gold", str(DATA / "gold"), "--pred", str(_one_prediction(tmp_path)),
                                      *corpus_args, *args])
    assert result.exit_code == 2
    assert message in result.output


def test_score_command_split_from_splits_json(tmp_path):
    corpus = _corpus_with_splits(tmp_path, {"dev": ["alpha"], "real_test": ["beta"]})
    pred = _one_prediction(tmp_path, "beta")
    result = CliRunner().invoke(app, ["score", "--gold", str(DATA / "gold"), "--pred", str(pred), "--corpus", str(corpus),
                                      "--split", "real_test"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("split real_test (1 articles)")


def test_score_command_bad_input_exits_2(tmp_path):
    result = CliRunner().invoke(app, ["score", "--gold", str(DATA / "gold"), "--pred", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2
    assert "cannot read predictions" in result.output


# ---------------------------------------------------------------------------------------------
# evaluate = run the systems, then score what they gave (two steps, usable apart)


class _GoldExtractor:
    """Returns each article's gold record; fails on beta."""

    def extract(self, text, doc_id="doc", published=None):
        from extractor.models import ArticleRecord

        if doc_id == "beta":
            raise InputError("cannot read this one")
        record = json.loads((DATA / "gold" / f"{doc_id}.json").read_text())
        return ArticleRecord.model_validate(record, context={"text": text})


class _EmptyBaseline:
    def predict_many(self, items):
        for text, doc_id, published in items:
            yield {"doc_id": doc_id, "published": published}


def test_evaluate_is_run_systems_then_score_runs():
    from extractor.evaluation.gold import load_gold
    from extractor.evaluation.scoring import evaluate, run_systems, score_runs
    from extractor.io.corpus import load_corpus

    corpus = DATA / "corpus"
    systems = {"baseline": _EmptyBaseline(), "extractor": _GoldExtractor()}
    runs = run_systems(systems, load_corpus(corpus, ["alpha", "beta"]), load_gold(DATA / "gold", corpus))
    assert sorted(runs.predictions["extractor"]) == ["alpha"]
    assert list(runs.errors["extractor"]) == ["beta"]
    assert runs.errors["baseline"] == {} and set(runs.seconds) == {"baseline", "extractor"}

    gold = load_gold(DATA / "gold", corpus)
    scored = score_runs(gold, runs, {"all": ["alpha", "beta"]}, load_corpus(corpus, ["alpha", "beta"]), ["a note"])
    whole = evaluate(corpus, DATA / "gold", extractor=_GoldExtractor(), baseline_system=_EmptyBaseline())
    assert scored.notes[0] == "a note"
    assert scored.errors == whole.errors == {"extractor": {"beta": "InputError: cannot read this one"}}
    for system in ("baseline", "extractor"):
        assert scored.scores[system]["all"].to_dict() == whole.scores[system]["all"].to_dict()
