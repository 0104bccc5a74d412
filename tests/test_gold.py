"""Gold validation: every problem names the file, the JSON path, the offset and the reason."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.errors import GoldError
from extractor.evaluation.gold import load_gold, validate_gold

DATA = Path(__file__).parent / "data" / "scoring"


@pytest.fixture
def workdir(tmp_path):
    """A copy of the small test corpus and its (valid) gold, to break."""
    shutil.copytree(DATA / "corpus", tmp_path / "corpus")
    shutil.copytree(DATA / "gold", tmp_path / "gold")
    return tmp_path


def edit(workdir, doc_id, change):
    path = workdir / "gold" / f"{doc_id}.json"
    record = json.loads(path.read_text())
    change(record)
    path.write_text(json.dumps(record, ensure_ascii=False))


def messages(workdir):
    return [str(p) for p in validate_gold(workdir / "gold", workdir / "corpus") if p.level == "error"]


def test_valid_gold_has_no_problems():
    assert validate_gold(DATA / "gold", DATA / "corpus") == []
    assert sorted(load_gold(DATA / "gold", DATA / "corpus")) == ["alpha", "beta"]


def _shift(record):
    m = record["companies"][1]["mentions"][0]
    m["start"] += 1
    m["end"] += 1


def _overlap_dates(record):
    first = record["dates"][0]  # "March 4, 2025"
    record["dates"].append({"text": first["text"][:5], "start": first["start"], "end": first["start"] + 5,
                            "value": "2025-03", "granularity": "month"})


def _unlabel_last_toshiba(record):
    record["companies"][0]["mentions"].pop()


def _unknown_field(record):
    record["money"][0]["confidence"] = 0.9


def _wrong_type(record):
    record["money"][0]["value"] = "five billion"


def _week_not_monday(record):
    record["dates"][1]["granularity"] = "week"  # 2025-03-04 is a Tuesday


def _bad_codes(record):
    record["money"][0]["currency"] = "XYZ"
    record["tariffs"][0]["imposer"] = "UK"


def _rate_not_text(record):
    record["tariffs"][0]["rate"] = 16.0


def _money_without_value(record):
    record["money"][0]["value"] = None


def _wrong_doc_id(record):
    record["doc_id"] = "gamma"


# (change to alpha.json, expected substrings of one problem message)
CASES = {
    "bad offsets": (_shift, ["alpha.json: companies[1].mentions[0]: offset", "is 'estinghouse ', not 'Westinghouse'",
                             "('Westinghouse' occurs at"]),
    "overlapping dates": (_overlap_dates, ["alpha.json: dates[0]: offset", "'March 4, 2025' (41:54) overlaps dates[4] 'March' (41:46)"]),
    "unlabelled other occurrence": (_unlabel_last_toshiba, ["alpha.json: companies[0]: offset",
                                                            "'Toshiba' also occurs at", "no companies mention covers it"]),
    "unknown field": (_unknown_field, ["alpha.json: money[0].confidence: offset", "unknown field 'confidence'"]),
    "wrong type": (_wrong_type, ["alpha.json: money[0].value: offset", "must be a JSON number, got str 'five billion'"]),
    "week must start on a Monday": (_week_not_monday, ["alpha.json: dates[1]: offset", "2025-03-04 is a Tuesday"]),
    "unknown currency": (_bad_codes, ["alpha.json: money[0]: offset", "unknown currency code 'XYZ'"]),
    "unknown country": (_bad_codes, ["alpha.json: tariffs[0].imposer: offset", "unknown country code 'UK'"]),
    "rate differs from text": (_rate_not_text, ["alpha.json: tariffs[0].rate: offset", "rate 16.0 does not match the text '15%'"]),
    "money without value": (_money_without_value, ["alpha.json: money[0]: offset", "money needs a value"]),
    "doc_id is not the file name": (_wrong_doc_id, ["alpha.json: doc_id: doc_id 'gamma' is not the file name 'alpha'"]),
}


@pytest.mark.parametrize("change, expected", CASES.values(), ids=CASES.keys())
def test_problem_names_file_path_offset_and_reason(workdir, change, expected):
    edit(workdir, "alpha", change)
    found = messages(workdir)
    assert any(all(part in msg for part in expected) for msg in found), found


def test_offset_in_message_is_the_mention_start(workdir):
    edit(workdir, "alpha", _unlabel_last_toshiba)
    text = (workdir / "corpus" / "alpha.txt").read_text()
    offset = text.rindex("Toshiba")
    assert f"alpha.json: companies[0]: offset {offset}: 'Toshiba' also occurs at {offset}:{offset + 7}" in messages(workdir)[0]


def test_occurrence_inside_a_longer_mention_is_covered(workdir):
    # 'Trump' inside the labelled 'Donald Trump' needs no mention of its own.
    assert messages(workdir) == []


def test_occurrence_labelled_in_another_field_is_a_warning(workdir):
    # The headline's 'Toshiba' labelled as a reactor instead of a company: a deliberate label
    # (think 'Rolls-Royce SMR', company and design), so a warning that names it, not an error.
    def relabel(record):
        headline = record["companies"][0]["mentions"].pop(0)
        record["reactors"].append({"design": "Toshiba", "category": "large", "mentions": [headline]})
    edit(workdir, "alpha", relabel)
    problems = validate_gold(workdir / "gold", workdir / "corpus")
    assert [str(p) for p in problems if p.level == "error"] == []
    warnings = [str(p) for p in problems if p.level == "warning"]
    assert ("alpha.json: companies[0]: offset 0: warning: 'Toshiba' also occurs at 0:7 but no companies "
            "mention covers it (it is labelled as reactors[1].mentions[0])") in warnings
    assert any("reactors[1]" in w and "labelled as companies[0].mentions[0]" in w for w in warnings)


def test_entity_mentions_are_pooled_for_overlaps(workdir):
    def duplicate(record):
        record["companies"][1]["mentions"].append(dict(record["companies"][0]["mentions"][0]))
    edit(workdir, "alpha", duplicate)
    assert any("companies[1].mentions[1]" in m and "overlaps companies[0].mentions[0]" in m for m in messages(workdir))


def test_malformed_json(workdir):
    (workdir / "gold" / "alpha.json").write_text('{"doc_id": "alpha",\n  "money": [}\n')
    assert messages(workdir) == ["alpha.json: line 2 column 13: invalid JSON: Expecting value"]


def test_missing_field_and_not_an_object(workdir):
    (workdir / "gold" / "alpha.json").write_text("[]")
    edit(workdir, "beta", lambda r: r.pop("doc_id"))
    found = messages(workdir)
    assert "alpha.json: must be a JSON object (an ArticleRecord), not list" in found
    assert "beta.json: doc_id: Field required" in found


def test_gold_without_article_and_article_without_gold(workdir):
    (workdir / "gold" / "beta.json").rename(workdir / "gold" / "gamma.json")
    edit(workdir, "gamma", lambda r: r.update(doc_id="gamma"))
    problems = validate_gold(workdir / "gold", workdir / "corpus")
    assert "gamma.json: no article gamma.txt in the corpus" in [str(p) for p in problems]
    warnings = [str(p) for p in problems if p.level == "warning"]
    assert warnings == ["beta.txt: warning: no gold file beta.json"]


def test_published_must_agree_with_sidecar(workdir):
    edit(workdir, "alpha", lambda r: r.update(published="2025-03-05"))
    assert "alpha.json: published: '2025-03-05' but the sidecar says '2025-03-04'" in messages(workdir)


def test_load_gold_refuses_bad_offsets(workdir):
    edit(workdir, "alpha", _shift)
    with pytest.raises(GoldError, match=r"alpha.json: companies\[1\].mentions\[0\]: offset \d+: text\["):
        load_gold(workdir / "gold", workdir / "corpus")


def test_validate_gold_command(workdir):
    runner = CliRunner()
    ok = runner.invoke(app, ["validate-gold", str(workdir / "gold"), "--corpus", str(workdir / "corpus")])
    assert ok.exit_code == 0, ok.output
    edit(workdir, "alpha", _unknown_field)
    bad = runner.invoke(app, ["validate-gold", str(workdir / "gold"), "--corpus", str(workdir / "corpus")])
    assert bad.exit_code == 1
    assert "alpha.json: money[0].confidence: offset" in bad.output
    missing = runner.invoke(app, ["validate-gold", str(workdir / "nope"), "--corpus", str(workdir / "corpus")])
    assert missing.exit_code == 2
    assert "not a directory" in missing.output


def test_a_family_named_like_a_company_is_a_warning(workdir):
    # "the Thomson-family holding company" (w074): the family, not the company; left unlabelled.
    text_file = workdir / "corpus" / "alpha.txt"
    text = text_file.read_text()
    text_file.write_text(text + " The Toshiba-family trust agreed.")
    problems = validate_gold(workdir / "gold", workdir / "corpus")
    assert [p for p in problems if p.level == "error"] == []
    assert any("'Toshiba' also occurs" in str(p) and "(it names a family)" in str(p) for p in problems)


@pytest.mark.parametrize("added,why", [
    (" Shares trade in Tokyo (TSE: Toshiba) and Osaka.", "(a ticker symbol)"),  # "(NYSE: BCE)", w104
    (" It sells in Eastern Toshiba Islands cities.", None),  # not a country: still an error
    (" The plant is in Toshiba, Japan.", "(a town"),  # "based in Nokia, Finland", w132
    (" The brewery is in Toshiba, Ontario.", "(a town"),  # "of Creemore, Ontario", w199
    (" The brewery is in Toshiba, Paperclip.", None),  # no known place after the comma: an error
    (" Protect Toshiba and Shipbuilding Industry.", "(it names an industry)"),  # "U.S. Steel and ...", g118
    (" The Toshiba sector grew.", "(it names an industry)"),
    (" Tariffs Are Keeping Toshiba Production Strong.", "(it names an industry)"),  # "US Steel Production", g159
    (" Toshiba Industries grew.", None),  # a name, not an industry: still an error
])
def test_tickers_and_country_names_are_warnings(workdir, added, why):
    text_file = workdir / "corpus" / "alpha.txt"
    text_file.write_text(text_file.read_text() + added)
    problems = [p for p in validate_gold(workdir / "gold", workdir / "corpus") if "'Toshiba' also occurs" in str(p)]
    assert len(problems) == 1
    assert (problems[0].level, why and why in str(problems[0])) == (("warning", True) if why else ("error", None))


def test_a_country_name_holding_a_company_name_is_a_warning(workdir):
    # "Eastern United States cities" beside United Airlines (w108).
    gold_file = workdir / "gold" / "alpha.json"
    record = json.loads(gold_file.read_text())
    text_file = workdir / "corpus" / "alpha.txt"
    text = text_file.read_text() + " United flies to United States cities."
    text_file.write_text(text)
    start = text.index("United flies")
    record["companies"].append({"name": "United Airlines", "country": "US",
                                "mentions": [{"text": "United", "start": start, "end": start + 6}]})
    gold_file.write_text(json.dumps(record))
    problems = [p for p in validate_gold(workdir / "gold", workdir / "corpus") if "'United' also occurs" in str(p)]
    assert [(p.level, "(part of a country's name)" in str(p)) for p in problems] == [("warning", True)]


@pytest.mark.parametrize("added,why", [
    (" First Lady Melania Hasegawa spoke.", "(part of another person's name (Melania Hasegawa))"),  # g140
    (" Minister Hasegawa spoke.", None),  # a title before the surname: an unlabelled mention
    (" Ichiro Hasegawa spoke.", None),  # the labelled full name: an unlabelled mention
])
def test_an_officials_surname_in_another_persons_name_is_a_warning(workdir, added, why):
    text_file = workdir / "corpus" / "alpha.txt"
    text = text_file.read_text()
    record = json.loads((workdir / "gold" / "alpha.json").read_text())
    # The official's mentions: "Ichiro Hasegawa" and "Hasegawa", in a sentence of their own.
    base = text + added + " Ichiro Hasegawa met Hasegawa's staff."
    text_file.write_text(base)
    s1 = base.index("Ichiro Hasegawa met")
    s2 = base.index("Hasegawa's")
    record["officials"].append({"name": "Ichiro Hasegawa", "title": "Minister", "country": "JP", "mentions": [
        {"text": "Ichiro Hasegawa", "start": s1, "end": s1 + 15}, {"text": "Hasegawa", "start": s2, "end": s2 + 8}]})
    (workdir / "gold" / "alpha.json").write_text(json.dumps(record))
    problems = [p for p in validate_gold(workdir / "gold", workdir / "corpus") if "'Hasegawa' also occurs" in str(p)
                or "'Ichiro Hasegawa' also occurs" in str(p)]
    assert len(problems) == 1
    assert (problems[0].level, why and why in str(problems[0])) == (("warning", True) if why else ("error", None))
