"""Money mentions: a table of real news expressions and the exact record each must give.

Each row: (text, [(span, value or (min, max), currency, qualifier), ...]). Values are exact.
"""

from decimal import Decimal

import pytest

from extractor.fields.money import find_money

B = 10**9
M = 10**6
T = 10**12

CASES = [
    # symbols and codes, scale words and abbreviations
    ("Japan's $550 billion investment plan", [("$550 billion", 550 * B, "USD", None)]),
    ("a US$550bn package", [("US$550bn", 550 * B, "USD", None)]),
    ("pledged US$ 4.7 billion", [("US$ 4.7 billion", Decimal("4.7") * B, "USD", None)]),
    ("a USD 200 fee", [("USD 200", 200, "USD", None)]),
    ("worth 50 million USD", [("50 million USD", 50 * M, "USD", None)]),
    ("the ¥5.5 trillion budget", [("¥5.5 trillion", Decimal("5.5") * T, "JPY", None)]),
    ("an €600bn pledge", [("€600bn", 600 * B, "EUR", None)]),
    ("Sizewell C's £38bn cost", [("£38bn", 38 * B, "GBP", None)]),
    ("a $1.2tn market", [("$1.2tn", Decimal("1.2") * T, "USD", None)]),
    ("a C$1.5 billion loan", [("C$1.5 billion", Decimal("1.5") * B, "CAD", None)]),
    ("A$8.5 billion in projects", [("A$8.5 billion", Decimal("8.5") * B, "AUD", None)]),
    ("HK$10.05 billion of exports", [("HK$10.05 billion", Decimal("10.05") * B, "HKD", None)]),
    ("₩3.5 trillion for batteries", [("₩3.5 trillion", Decimal("3.5") * T, "KRW", None)]),
    ("a $10K bonus", [("$10K", 10000, "USD", None)]),
    ("$5b raised", [("$5b", 5 * B, "USD", None)]),
    ("$750m in loans", [("$750m", 750 * M, "USD", None)]),
    ("$2.5 mn deal", [("$2.5 mn", Decimal("2.5") * M, "USD", None)]),
    ("EUR 20.0 per unit", [("EUR 20.0", 20, "EUR", None)]),
    ("GBP3.01 each", [("GBP3.01", Decimal("3.01"), "GBP", None)]),
    ("CHF 3.04", [("CHF 3.04", Decimal("3.04"), "CHF", None)]),
    ("priced at $94,000", [("$94,000", 94000, "USD", None)]),
    ("a $1,250,000.50 settlement", [("$1,250,000.50", Decimal("1250000.50"), "USD", None)]),
    ("Rs. 20 note", [("Rs. 20", 20, "INR", None)]),
    ("₹1.5 lakh crore", [("₹1.5 lakh crore", Decimal("1.5") * T, "INR", None)]),
    ("Rs 45,060-crore scheme", [("Rs 45,060-crore", 45060 * 10**7, "INR", None)]),
    ("about 300 million lei", [("300 million lei", 300 * M, "RON", "about")]),
    ("$350 bil. in pledges", [("$350 bil", 350 * B, "USD", None)]),
    # sub-units of a named currency
    ("shares closed at 171.4p", [("171.4p", Decimal("1.714"), "GBP", None)]),
    ("above 80 U.S. cents a pound.", [("80 U.S. cents", Decimal("0.8"), "USD", "more_than")]),
    ("a levy of 20 pence", [("20 pence", Decimal("0.2"), "GBP", None)]),
    # a bare $ whose currency a following phrase names
    ("roughly $15 billion in Canadian dollars", [("$15 billion", 15 * B, "CAD", "about")]),
    ("35 lakh rupees", [("35 lakh rupees", 3500000, "INR", None)]),
    ("four crore rupees", [("four crore rupees", 40 * M, "INR", None)]),
    ("$550\u00a0billion", [("$550\u00a0billion", 550 * B, "USD", None)]),
    ("$550\nbillion", [("$550\nbillion", 550 * B, "USD", None)]),
    ("$10-billion plant", [("$10-billion", 10 * B, "USD", None)]),
    ("€1,5 billion", [("€1,5 billion", Decimal("1.5") * B, "EUR", None)]),
    # currency words
    ("550 billion dollars", [("550 billion dollars", 550 * B, "USD", None)]),
    ("84 trillion yen", [("84 trillion yen", 84 * T, "JPY", None)]),
    ("350 billion won", [("350 billion won", 350 * B, "KRW", None)]),
    ("100 billion yuan", [("100 billion yuan", 100 * B, "CNY", None)]),
    ("323 million euros", [("323 million euros", 323 * M, "EUR", None)]),
    ("361 million pounds", [("361 million pounds", 361 * M, "GBP", None)]),
    ("125 million Australian dollars", [("125 million Australian dollars", 125 * M, "AUD", None)]),
    ("2 billion Canadian dollars", [("2 billion Canadian dollars", 2 * B, "CAD", None)]),
    ("10,000 Swiss francs", [("10,000 Swiss francs", 10000, "CHF", None)]),
    ("10 billion U.S. dollars", [("10 billion U.S. dollars", 10 * B, "USD", None)]),
    ("RMB 10 billion", [("RMB 10 billion", 10 * B, "CNY", None)]),
    # written numbers
    ("half a trillion dollars", [("half a trillion dollars", 500 * B, "USD", None)]),
    ("ten billion yen", [("ten billion yen", 10 * B, "JPY", None)]),
    ("five million yen", [("five million yen", 5 * M, "JPY", None)]),
    ("three thousand dollars", [("three thousand dollars", 3000, "USD", None)]),
    ("a quarter million US dollars", [("a quarter million US dollars", 250000, "USD", None)]),
    ("three quarters billion us dollars", [("three quarters billion us dollars", 750 * M, "USD", None)]),
    ("a billion dollars", [("a billion dollars", B, "USD", None)]),
    ("twenty-five million euros", [("twenty-five million euros", 25 * M, "EUR", None)]),
    ("one hundred and fifty million pounds", [("one hundred and fifty million pounds", 150 * M, "GBP", None)]),
    # adjectives and per-unit prices
    ("a $10 billion plant", [("$10 billion", 10 * B, "USD", None)]),
    ("a trillion-dollar market", [("a trillion-dollar", T, "USD", None)]),
    ("a billion-dollar bet", [("a billion-dollar", B, "USD", None)]),
    ("its one-yen bid", [("one-yen", 1, "JPY", None)]),
    ("$30.03 a share", [("$30.03", Decimal("30.03"), "USD", None)]),
    ("$110 per kilogram", [("$110", 110, "USD", None)]),
    # ranges
    ("$80–$100 billion", [("$80–$100 billion", (80 * B, 100 * B), "USD", None)]),
    ("$80-100 billion", [("$80-100 billion", (80 * B, 100 * B), "USD", None)]),
    ("$80 - $100 billion", [("$80 - $100 billion", (80 * B, 100 * B), "USD", None)]),
    ("between $5 billion and $7 billion", [("$5 billion and $7 billion", (5 * B, 7 * B), "USD", None)]),
    ("scales ranging from $350 million to $100 billion", [("$350 million to $100 billion", (350 * M, 100 * B), "USD", None)]),
    ("between 10 and 20 dollars", [("10 and 20 dollars", (10, 20), "USD", None)]),
    ("10-20 dollars", [("10-20 dollars", (10, 20), "USD", None)]),
    ("7-9 lakh rupees", [("7-9 lakh rupees", (700000, 900000), "INR", None)]),
    ("¥1 trillion to ¥1.5 trillion", [("¥1 trillion to ¥1.5 trillion", (T, Decimal("1.5") * T), "JPY", None)]),
    ("€2bn−€3bn", [("€2bn−€3bn", (2 * B, 3 * B), "EUR", None)]),
    # qualifiers stay outside the span
    ("up to $100 billion", [("$100 billion", 100 * B, "USD", "up_to")]),
    ("as much as $100 billion", [("$100 billion", 100 * B, "USD", "up_to")]),
    ("investment exceeding $10 billion", [("$10 billion", 10 * B, "USD", "more_than")]),
    ("more than $247 million", [("$247 million", 247 * M, "USD", "more_than")]),
    ("over €1 billion", [("€1 billion", B, "EUR", "more_than")]),
    ("about $14 million", [("$14 million", 14 * M, "USD", "about")]),
    ("nearly ¥1 trillion", [("¥1 trillion", T, "JPY", "about")]),
    ("roughly £2bn", [("£2bn", 2 * B, "GBP", "about")]),
    ("at least $1.42", [("$1.42", Decimal("1.42"), "USD", "at_least")]),
    ("less than 7 EUR", [("7 EUR", 7, "EUR", "less_than")]),
    ("an estimated $470 million", [("$470 million", 470 * M, "USD", None)]),
    ("about $10-$20", [("$10-$20", (10, 20), "USD", "about")]),
    ("Up To $100 Billion", [("$100 Billion", 100 * B, "USD", "up_to")]),
    # conversions in brackets are two mentions
    ("550 billion dollar (about 84 trillion yen)",
     [("550 billion dollar", 550 * B, "USD", None), ("84 trillion yen", 84 * T, "JPY", "about")]),
    ("¥1 trillion ($6.8 billion)", [("¥1 trillion", T, "JPY", None), ("$6.8 billion", Decimal("6.8") * B, "USD", None)]),
    ("€600bn (US$690bn)", [("€600bn", 600 * B, "EUR", None), ("US$690bn", 690 * B, "USD", None)]),
    # changes are two amounts, not a range
    ("revenue rose from $5bn to $7bn", [("$5bn", 5 * B, "USD", None), ("$7bn", 7 * B, "USD", None)]),
    ("cut the estimate to $3 billion from $4 billion", [("$3 billion", 3 * B, "USD", None), ("$4 billion", 4 * B, "USD", None)]),
    # sub-units
    ("3 dollars 50 cents", [("3 dollars 50 cents", Decimal("3.5"), "USD", None)]),
    ("thirteen dollars and forty-five cents", [("thirteen dollars and forty-five cents", Decimal("13.45"), "USD", None)]),
    ("$20 and 43c", [("$20 and 43c", Decimal("20.43"), "USD", None)]),
    # several amounts
    ("Banknotes: 5 €, 10 €, 20 €", [("5 €", 5, "EUR", None), ("10 €", 10, "EUR", None), ("20 €", 20, "EUR", None)]),
    ("paid $20 and 30 shares", [("$20", 20, "USD", None)]),
    # full-width and odd characters
    ("＄５５０ billion", [("＄５５０ billion", 550 * B, "USD", None)]),
    # round 8: ISO codes and currency names before the number (w208); a change told far before
    # its "from ... to" pair (g126)
    ("net profit of ISK 11,000 million (Euro 142 million)",
     [("ISK 11,000 million", 11000 * M, "ISK", None), ("Euro 142 million", 142 * M, "EUR", None)]),
    ("increase the per postal item duty in effect on June 1, 2025, from 75 dollars to 100 dollars;",
     [("75 dollars", 75, "USD", None), ("100 dollars", 100, "USD", None)]),
    ("fares ranging from $5 to $10", [("$5 to $10", (5, 10), "USD", None)]),
    # round 9: two scaled numbers joined by "to" before the currency are a range (w225), not after a change word
    ("will lend 500 million to 600 million dollars", [("500 million to 600 million dollars", (500 * M, 600 * M), "USD", None)]),
    ("sales rose 500 million to 600 million dollars", [("600 million dollars", 600 * M, "USD", None)]),
    # round 9: bare cents take the story's currency (w224, w049); alone they are no money (NEGATIVES)
    ("net income of $3.70 billion, with legal expenses of 5 cents per share",
     [("$3.70 billion", Decimal("3.7") * B, "USD", None), ("5 cents", Decimal("0.05"), "USD", None)]),
    ("a dividend of €1.20 a share, up from 80 cents", [("€1.20", Decimal("1.2"), "EUR", None),
                                                       ("80 cents", Decimal("0.8"), "EUR", None)]),
    # round 10: an article starts a number only before a scale or fraction word (w134)
    ("Last year saw a two billion Euro turnover", [("two billion Euro", 2 * B, "EUR", None)]),
    # round 10: a dollar code after a bare "$" names it (w109, w161); CAN$ is CAD (w130); a bare
    # "$" takes the currency the text states for the same amount (w046, w058)
    ("acquired by larger rival Bell Globemedia Inc. for $1.7 billion CAD cash",
     [("$1.7 billion CAD", Decimal("1.7") * B, "CAD", None)]),
    ("Skyservice is said to owe almost $9 million CAD to", [("$9 million CAD", 9 * M, "CAD", "about")]),
    ("will buy all of the assets from Standard Radio Inc. for about CAN$1.2-billion.",
     [("CAN$1.2-billion", Decimal("1.2") * B, "CAD", "about")]),
    ("Australian government announces $52.5 million financial assistance package for Ford. "
     "providing Ford Australia with a AU$52.5 million (US$40.4 million) package",
     [("$52.5 million", Decimal("52.5") * M, "AUD", None), ("AU$52.5 million", Decimal("52.5") * M, "AUD", None),
      ("US$40.4 million", Decimal("40.4") * M, "USD", None)]),
    # round 10: the change word of a "from ... to" pair may lie before the text window (g126) or
    # before words between "from" and the amount (w032)
    ("(b) increase the per postal item containing goods duty in section 2(c)(ii) of Executive Order "
     "14256, as modified by the Executive Order dated April 8, 2025, that is in effect on or after 12:01 "
     "a.m. eastern daylight time on May 2, 2025, and before 12:01 a.m. eastern daylight time on June 1, "
     "2025, from 75 dollars to 100 dollars; and",
     [("75 dollars", 75, "USD", None), ("100 dollars", 100, "USD", None)]),
    ("share a determination to increase the trade volume from a current US$38 billion to US$100 billion",
     [("US$38 billion", 38 * B, "USD", None), ("US$100 billion", 100 * B, "USD", None)]),
    # round 10: a "+" is at least the number (g060, w164, g112, 050); a spaced capital B or M
    # is a scale after a number (w224)
    ("President Trump Announces $92+ Billion in AI", [("$92+ Billion", 92 * B, "USD", "at_least")]),
    ("it's surprising that Apple is now a $50+ billion company.", [("$50+ billion", 50 * B, "USD", "at_least")]),
    ("FACT SHEET: $50B+ of U.S. Private Sector Investments", [("$50B+", 50 * B, "USD", "at_least")]),
    ("forecast spodumene averaging US$6,000-plus a tonne", [("US$6,000", 6000, "USD", "at_least")]),
    ("Microsoft to buy back US$40 B of its stock over 5 years", [("US$40 B", 40 * B, "USD", None)]),
    # round 10: a bare scale before a singular name is an adjective amount without a hyphen too (g036)
    ("President Donald J. Trump Brings Home More Billion Dollar Deals", [("Billion Dollar", B, "USD", None)]),
    # round 10: words shared by several currencies take the story's among them (w097, w157); glued
    # "c" is cents, also as a range end (w224); coins after an article (w094, w220); dong (052);
    # wire style "mln dlrs", "cts"
    ("offered 7.9 billion kronor. Stockmann's increase to 116 Kroner from KappAhl's 102 Kroner per share",
     [("7.9 billion kronor", Decimal("7.9") * B, "SEK", None), ("116 Kroner", 116, "SEK", None),
      ("102 Kroner", 102, "SEK", None)]),
    ("Embraer stock fell 1.9% after the announcement, or 16 centavos, to 8.46 reais in São Paulo.",
     [("16 centavos", Decimal("0.16"), "BRL", None), ("8.46 reais", Decimal("8.46"), "BRL", None)]),
    ("expected profit will be 30-32c/share on revenue of between $10.6-$10.8 billion.",
     [("30-32c", (Decimal("0.30"), Decimal("0.32")), "USD", None),
      ("$10.6-$10.8 billion", (Decimal("10.6") * B, Decimal("10.8") * B), "USD", None)]),
    ("Shares in Woolworths have been suspended at just over a penny each.",
     [("a penny", Decimal("0.01"), "GBP", "more_than")]),
    ("the trading commission at the NYSE currently averages less than a nickel (US$0.05) per share",
     [("a nickel", Decimal("0.05"), "USD", "less_than"), ("US$0.05", Decimal("0.05"), "USD", None)]),
    ("which shipped $136.6 billion (roughly 3,470 trillion dong) of goods",
     [("$136.6 billion", Decimal("136.6") * B, "USD", None), ("3,470 trillion dong", 3470 * T, "VND", "about")]),
    ("net profit 5 mln dlrs, or 12 cts a share", [("5 mln dlrs", 5 * M, "USD", None), ("12 cts", Decimal("0.12"), "USD", None)]),
]

NEGATIVES = [
    "tickets for the Euro 2008 championship",
    "costed at that in 2020 euros",
    "from a few hundred million dollars",
    "an A4p format",
    "40 cents",
    "21 planned projects",
    "raise defense spending to 2% of GDP",
    "a 20 percent share",
    "1.2 gigawatts of capacity",
    "10,000 jobs",
    "All 70 of us.",
    "ALL 5 solutions are wrong.",
    "He has lost his pen 7 times since Monday.",
    "the dollar weakened against the yen",
    "Hyundai won 3 contracts",
    "a multibillion-dollar deal",
    # round 10: "multi-" amounts name no number (g094, g135, g087); pounds of a substance weigh (g001, g004)
    "a decades-long, multi-billion-dollar nuclear energy partnership",
    "Highlights Multi-Billion Dollar Semiconductor R&D Investments",
    "apprehended more than 21,000 pounds of fentanyl at our borders",
    "a first of its kind nickel processing facility, a nickel mine and a nickel-copper mine",
    "temperatures of 30C",
    "some of which can produce 44 to 66 pounds of fentanyl weekly.",
    "billions of dollars",
    "the grand plan",
    "a dollar-denominated bond",
    "$",
    "1999-2000",
    "the 2025 budget",
    "a 25% tariff",
    "the euro zone",
    "exactly dollars",
    "about 5",
]


def _ids(cases):
    return [c[0][:40] for c in cases]


@pytest.mark.parametrize("text,expected", CASES, ids=_ids(CASES))
def test_money(text, expected):
    found = find_money(text)
    got = []
    for m in found:
        assert text[m["start"] : m["end"]] == m["text"]
        amount = (m["min"], m["max"]) if m["value"] is None else m["value"]
        got.append((m["text"], amount, m["currency"], m["qualifier"]))
    want = [
        (span, tuple(Decimal(x) for x in v) if isinstance(v, tuple) else Decimal(v), cur, q)
        for span, v, cur, q in expected
    ]
    assert got == want


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_money(text):
    assert find_money(text) == []


def test_values_serialise_as_exact_json_numbers():
    from extractor.models import MoneyMention

    m = find_money("$1.2tn and $30.03")
    dumped = [MoneyMention(**x).model_dump(mode="json") for x in m]
    assert dumped[0]["value"] == 1200000000000 and isinstance(dumped[0]["value"], int)
    assert dumped[1]["value"] == 30.03 and isinstance(dumped[1]["value"], float)


def test_linear_time_on_long_hostile_line():
    # No catastrophic backtracking: a long line of digits, signs and dashes completes.
    text = ("$1-" * 20000) + ("9" * 50000) + (" $" * 20000)
    assert isinstance(find_money(text), list)


def test_seed_article_amounts(seed_record):
    money = [(m.text, m.value, m.min, m.max, m.currency, m.qualifier) for m in seed_record.money]
    assert money == [
        ("$550 billion", 550 * B, None, None, "USD", None),
        ("$100 billion", 100 * B, None, None, "USD", "up_to"),
        ("$550 billion", 550 * B, None, None, "USD", None),
        ("$550 Billion", 550 * B, None, None, "USD", None),
        ("$350 million to $100 billion", None, 350 * M, 100 * B, "USD", None),
        ("$100 billion", 100 * B, None, None, "USD", None),
        ("$100 billion", 100 * B, None, None, "USD", None),
        ("$10 billion", 10 * B, None, None, "USD", "more_than"),
        ("$550 billion", 550 * B, None, None, "USD", None),
    ]
