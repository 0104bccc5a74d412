"""Property-based tests (hypothesis): any Unicode text gives a valid record or our own error.

For any text (control characters, NUL, combining marks, zero-width joiners, right-to-left marks,
astral characters, line ends of every kind, pieces of money, rates, dates and names):

- ``extract`` returns a valid ArticleRecord or raises ``ExtractorError`` (never anything else);
- every mention's offsets slice the text to the mention's text;
- running it twice gives the same record;
- the pure money finder and the tokenizer wrapper keep the same promises on their own.

The pipeline is the session ``extractor`` fixture: never loaded per example.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractor.api import MAX_TOKEN_CHARS, tokenize
from extractor.errors import ExtractorError
from extractor.models import ArticleRecord
from extractor.fields.money import find_money

# Characters that trip text code: NUL and other controls, BOM, zero-width (non-)joiners and
# spaces, bidi marks and overrides, combining marks, odd spaces and line ends, full-width
# signs and digits, astral characters (emoji, math letters, CJK extension).
ODD_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\ufeff\u200b\u200c\u200d\u200e\u200f\u202a\u202b"
    "\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u0301\u0308\u20dd\u00a0\u2009\u202f\u3000"
    "\u2028\u2029\r\n\t＄％０１２３４５６７８９－\u2212\u2013\u2014\u2018\u2019\u201c\u201d"
    "\U0001F600\U0001F1EF\U0001F1F5\U0001D400\U00020000\ufffd"
)

# Pieces of real articles, so the generated text reaches the components' rules, not only the
# tokenizer: amounts, ranges, rates, dates, titles, names, reactor designs, headline words.
FRAGMENTS = [
    "$550 billion", "US$550bn", "¥5.5 trillion", "€600bn", "84 trillion yen", "half a trillion dollars",
    "$80–$100 billion", "between $5 billion and $7 billion", "up to $10 billion", "a trillion-dollar market",
    "3 dollars 50 cents", "$", "US$", "bn", "billion", "dollars", "yen", "-", "–", "to", "and",
    "15%", "15 percent", "25 per cent", "a 15% tariff on Japanese cars", "tariff", "duties of 50%",
    "October 28, 2025", "on Tuesday", "last year", "in 2026", "Q3", "the first quarter", "March 2023",
    "Toyota Motor Corp.", "Mitsubishi Heavy Industries", "Westinghouse Electric Co.", "GE Vernova",
    "Hitachi", "Inc.", "Ltd", "AP1000", "BWRX-300", "SMR", "small modular reactors",
    "Prime Minister Sanae Takaichi", "President Donald Trump", "Commerce Secretary Howard Lutnick",
    "U.S.", "Japan", "Japanese", "the United States", "said", "Mr.", "CEO",
    "JAPAN TO INVEST $550 BILLION", "Japan To Invest $550 Billion", "\r\n", "\n\n", " ", ", ", ". ",
    "\"", "'", "(", ")", "\u201c", "\u201d", "1,234.50", "12,34,567", "1.000.000", "0", "9" * 30,
]

odd_text = st.text(alphabet=st.sampled_from(ODD_CHARS), max_size=20)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
articles = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), odd_text, any_text), max_size=30
).map("".join)
published = st.one_of(st.none(), st.sampled_from(["2025-10-28", "2024-02-29", "1999-12-31"]))

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def mentions(record: ArticleRecord):
    """Every (field, mention) of a record: flat mentions and the mentions of entities."""
    for field in ("money", "tariffs", "dates"):
        for m in getattr(record, field):
            yield field, m
    for field in ("companies", "reactors", "officials", "executives"):
        for entity in getattr(record, field, None) or []:
            for m in entity.mentions:
                yield field, m


def extract_or_own_error(extractor, text: str, pub):
    try:
        return extractor.extract(text, doc_id="prop", published=pub)
    except ExtractorError:
        return None


# Known crashes found by these properties stay as explicit examples (they are the regression rows).
@FAST
@given(text=articles, pub=published)
@example(text="", pub=None)
@example(text="\x00", pub=None)
@example(text="$\u00a0550\u2009billion \u200f15%\u200e", pub="2025-10-28")
@example(text="＄５５０ billion and １５％", pub="2025-10-28")
@example(text="\U0001F600$5bn\U0001F600 October\r\n28, 2025", pub="2025-10-28")
@example(text="e\u0301 Toyota\u200d Motor Corp. said on Tuesday", pub="2025-10-28")
@example(text="$" * 300 + " 15% " + "-" * 300, pub=None)
def test_extract_gives_a_valid_record_or_our_own_error(extractor, text, pub):
    record = extract_or_own_error(extractor, text, pub)
    if record is None:
        return
    assert isinstance(record, ArticleRecord)
    # The record re-validates against the contract, offsets included.
    ArticleRecord.model_validate(record.model_dump(mode="json"), context={"text": text})
    for field, m in mentions(record):
        assert 0 <= m.start < m.end <= len(text), (field, m)
        assert text[m.start:m.end] == m.text, (field, m)


@settings(max_examples=60, deadline=None)
@given(text=articles, pub=published)
def test_extract_is_deterministic(extractor, text, pub):
    first = extract_or_own_error(extractor, text, pub)
    second = extract_or_own_error(extractor, text, pub)
    if first is None:
        assert second is None
    else:
        assert first.model_dump(mode="json") == second.model_dump(mode="json")


@settings(max_examples=400, deadline=None)
@given(text=articles)
def test_find_money_offsets_and_values(text):
    for m in find_money(text):
        assert text[m["start"]:m["end"]] == m["text"]
        if m["value"] is None:
            assert m["min"] <= m["max"]
        else:
            assert m["min"] is None and m["max"] is None
    assert find_money(text) == find_money(text)


@settings(max_examples=200, deadline=None)
@given(text=st.lists(st.one_of(articles, st.sampled_from(["$" * 250, "%" * 101, "x" * 120, " " * 5])), max_size=4).map("".join))
def test_tokenize_keeps_the_text(nlp, text):
    doc = tokenize(nlp, text)
    assert doc.text == text
    assert all(len(t.text) <= MAX_TOKEN_CHARS or t.text.isspace() for t in doc)


@pytest.mark.parametrize(
    "bad, error",
    [
        pytest.param(b"bytes", "text: expected a string", id="bytes-not-str"),
        pytest.param(None, "text: expected a string", id="none"),
        pytest.param(42, "text: expected a string", id="int"),
    ],
)
def test_non_text_input_is_our_own_error(extractor, bad, error):
    with pytest.raises(ExtractorError, match=error):
        extractor.extract(bad)


@pytest.mark.parametrize(
    "pub",
    ["2025-13-01", "2025-02-30", "28/10/2025", "2025-10-28T00:00", "", "yesterday"],
)
def test_bad_published_date_is_an_input_error(extractor, pub):
    with pytest.raises(ExtractorError, match="published"):
        extractor.extract("Toyota will invest $10 billion.", published=pub)
