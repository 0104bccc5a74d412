"""Dates: normalisation tables, publication date detection, and the components end to end.

The fixed published date is Tuesday 2025-10-28 (the reference article's).
"""

import time

import pytest

from extractor.fields.dates import (
    could_be_date,
    dateparser_normalise,
    detect_published,
    find_cores,
    normalise_date,
)

P = "2025-10-28"  # a Tuesday

# (expression, direction, value, granularity): direction is the sentence's tense when it matters.
NORMALISE = [
    # weekdays: most recent on or before P in past-tense news, next on or after P in the future
    ("Tuesday", None, "2025-10-28", "day"),
    ("Monday", None, "2025-10-27", "day"),
    ("Wednesday", "past", "2025-10-22", "day"),
    ("Friday", "future", "2025-10-31", "day"),
    ("last Tuesday", None, "2025-10-21", "day"),
    ("next Friday", None, "2025-10-31", "day"),
    ("this Monday", None, "2025-10-27", "day"),
    # days of the month
    ("the 28th", None, "2025-10-28", "day"),
    ("the 30th", None, "2025-09-30", "day"),
    ("Oct. 28", None, "2025-10-28", "day"),
    ("Sept. 30", None, "2025-09-30", "day"),
    ("March 4th", "past", "2025-03-04", "day"),
    ("Nov. 5", "future", "2025-11-05", "day"),
    ("the 4th of March", None, "2025-03-04", "day"),
    ("October 28, 2025", None, "2025-10-28", "day"),
    ("Tuesday, October 28, 2025", None, "2025-10-28", "day"),
    ("28 October 2025", None, "2025-10-28", "day"),
    ("Tue 4 Mar 2025", None, "2025-03-04", "day"),
    ("2025-03-04", None, "2025-03-04", "day"),
    ("10/28/2025", None, "2025-10-28", "day"),
    ("October 28-29", None, "2025-10-28", "day"),
    ("yesterday", None, "2025-10-27", "day"),
    ("today", None, "2025-10-28", "day"),
    ("tomorrow", None, "2025-10-29", "day"),
    ("three days ago", None, "2025-10-25", "day"),
    # weeks (the Monday that starts them)
    ("last week", None, "2025-10-20", "week"),
    ("this week", None, "2025-10-27", "week"),
    ("earlier this week", None, "2025-10-27", "week"),
    ("next week", None, "2025-11-03", "week"),
    ("two weeks ago", None, "2025-10-13", "week"),
    # months
    ("July", None, "2025-07", "month"),
    ("July", "past", "2025-07", "month"),
    ("the previous July", None, "2025-07", "month"),
    ("last July", None, "2025-07", "month"),
    ("next July", None, "2026-07", "month"),
    ("October 2025", None, "2025-10", "month"),
    ("September 2024", None, "2024-09", "month"),
    ("July last year", None, "2024-07", "month"),
    ("next month", None, "2025-11", "month"),
    ("last month", None, "2025-09", "month"),
    ("earlier this month", None, "2025-10", "month"),
    ("mid-September", None, "2025-09", "month"),
    ("early October", None, "2025-10", "month"),
    ("the end of the month", None, "2025-10", "month"),
    # quarters (value: first month)
    ("the April-June quarter", None, "2025-04", "quarter"),
    ("the July-September period", None, "2025-07", "quarter"),
    ("the first quarter", None, "2025-01", "quarter"),
    ("the fourth quarter", None, "2025-10", "quarter"),
    ("first-quarter", None, "2025-01", "quarter"),
    ("Q3 2025", None, "2025-07", "quarter"),
    ("Q3'25", None, "2025-07", "quarter"),
    ("3Q25", None, "2025-07", "quarter"),
    ("the third quarter of 2024", None, "2024-07", "quarter"),
    ("the fourth quarter of fiscal 2025", None, "2025-10", "quarter"),
    ("last quarter", None, "2025-07", "quarter"),
    ("next quarter", None, "2026-01", "quarter"),
    # years and halves (a half's value is its year)
    ("2025", None, "2025", "year"),
    ("the first half of 2026", None, "2026", "year"),
    ("the second half", None, "2025", "year"),
    ("H2 2025", None, "2025", "year"),
    ("1H 2026", None, "2026", "year"),
    ("late 2025", None, "2025", "year"),
    ("mid-2026", None, "2026", "year"),
    ("the end of the year", None, "2025", "year"),
    ("the end of 2026", None, "2026", "year"),
    ("year-end", None, "2025", "year"),
    ("fiscal 2026", None, "2026", "year"),
    ("FY2026", None, "2026", "year"),
    ("FY26", None, "2026", "year"),
    ("fiscal year 2025", None, "2025", "year"),
    ("the 2025 fiscal year", None, "2025", "year"),
    ("this year", None, "2025", "year"),
    ("next year", None, "2026", "year"),
    ("last year", None, "2024", "year"),
    ("early next year", None, "2026", "year"),
    ("late last year", None, "2024", "year"),
    ("a year ago", None, "2024", "year"),
    ("Twenty years ago", None, "2005", "year"),  # spelled-out tens (g160)
    ("summer 2025", None, "2025", "year"),
    # decades
    ("the 2030s", None, "2030", "decade"),
    ("the mid-2030s", None, "2030", "decade"),
    ("the 1990s", None, "1990", "decade"),
    ("the '90s", None, "1990", "decade"),
    ("this decade", None, "2020", "decade"),
    ("the end of the decade", None, "2020", "decade"),
    ("the next decade", None, "2030", "decade"),
    ("the second half of the 2030s", None, "2030", "decade"),
    # fiscal years, Apple/Australian-style quarters named by their last month, half-year ranges
    ("this fiscal year", None, "2025", "year"),
    ("the next fiscal year", None, "2026", "year"),
    ("last financial year", None, "2024", "year"),
    ("the September quarter", None, "2025-07", "quarter"),
    ("the June quarter", None, "2025-04", "quarter"),
    ("January-June", None, "2025", "year"),
    ("July-December 2024", None, "2024", "year"),
    # round 10: a range across the year end starts the year before; a named half is its year (dev 053)
    ("November to February 2005", None, "2004-11", "month"),
    ("the April-September half", None, "2025", "year"),
    # months counted from the start or end of a year, or up to a month
    ("the first three months of the year", None, "2025-01", "quarter"),
    ("the last three months of 2024", None, "2024-10", "quarter"),
    ("the first six months of this year", None, "2025", "year"),
    ("the three months to June", None, "2025-04", "quarter"),
    ("three months ended Sept. 30, 2024", None, "2024-07", "quarter"),
    # named days (one calendar day each)
    ("Liberation Day", None, "2025-04-02", "day"),
    ("Thanksgiving", "future", "2025-11-27", "day"),
    ("Black Friday", "future", "2025-11-28", "day"),
    ("Christmas Day", None, "2025-12-25", "day"),
    ("Memorial Day", "past", "2025-05-26", "day"),
    ("Switzerland's national day", None, "2025-08-01", "day"),
    ("India's Independence Day", "past", "2025-08-15", "day"),
]

# The tense moves a date into the neighbouring year only within half a year of publication
# (reported speech often has a past verb over a future date).
TENSE = [
    ("Aug. 1", "past", "2025-07-10", "2025-08-01", "day"),
    ("Dec. 15", "past", "2026-01-10", "2025-12-15", "day"),
    ("April", "future", "2025-11-05", "2026-04", "month"),
    ("October", "future", "2025-11-05", "2025-10", "month"),
    ("July", "past", "2025-06-20", "2025-07", "month"),
    ("the October-December quarter", "past", "2025-09-01", "2025-10", "quarter"),
    # ... but a past verb over a month well after publication means last year's
    ("October", "past", "2025-06-11", "2024-10", "month"),
    ("December", "past", "2025-08-20", "2024-12", "month"),
]


@pytest.mark.parametrize("text,direction,published,value,granularity", TENSE,
                         ids=[f"{r[0]}|{r[1]}|{r[2]}" for r in TENSE])
def test_tense_reach(text, direction, published, value, granularity):
    assert normalise_date(text, published, direction) == (value, granularity)


@pytest.mark.parametrize(
    "text,direction,value,granularity",
    NORMALISE,
    ids=[f"{t}|{d}" if d else t for t, d, *_ in NORMALISE],
)
def test_normalise(text, direction, value, granularity):
    assert normalise_date(text, P, direction) == (value, granularity)


# Without a published date, relative expressions keep their granularity but have no value.
NO_PUBLISHED = [
    ("Tuesday", None, "day"),
    ("July", None, "month"),
    ("last week", None, "week"),
    ("the first quarter", None, "quarter"),
    ("October 28, 2025", "2025-10-28", "day"),
    ("Q3 2025", "2025-07", "quarter"),
    ("the 2030s", "2030", "decade"),
]


@pytest.mark.parametrize("text,value,granularity", NO_PUBLISHED, ids=[r[0] for r in NO_PUBLISHED])
def test_normalise_without_published(text, value, granularity):
    assert normalise_date(text, None) == (value, granularity)


NOT_DATES = [
    "that day",
    "the same day",
    "a year ahead of schedule",
    "13-year period",
    "four years",
    "10 a.m.",
    "56 years old",
    "the morning",
    "decades",
    "annual",
    "the past five years",
    "recent years",
    "the following day",
    "the following week",
    "a year earlier",
    "the past year",
    "the next year",
    "the previous week",
    "the coming year",
    "the past decade",
    "the 20th century",
    "24/7",
    "AP1000",
    "$2,025",
    "the previous three months",
    "the first six months of the fiscal year",
    "a national day of mourning",
    # round 10: approximate offsets are no dates (real_dev w160, w162)
    "a few weeks ago",
    "several years ago",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert normalise_date(text, P) is None


# --- dateparser: only behind the pre-filter, granularity kept, cached -------------------------

def test_dateparser_fallback_keeps_granularity_and_caches():
    dateparser_normalise.cache_clear()
    assert normalise_date("the Fourth of July", P) == ("2025-07", "month")
    assert dateparser_normalise("March 2023", P) == ("2023-03", "month")
    dateparser_normalise("March 2023", P)
    assert dateparser_normalise.cache_info().hits >= 1


@pytest.mark.parametrize(
    "text,ok",
    [("the Fourth of July", True), ("Christmas 2024", True), ("that day", False),
     ("four years", False), ("the same week in March", False), ("x" * 200 + " March", False),
     ("in 13 months", False), ("growth", False)],
    ids=["holiday", "holiday-year", "anaphor", "duration", "same", "too-long", "months", "word"],
)
def test_prefilter(text, ok):
    assert could_be_date(text) is ok


@pytest.mark.parametrize("bad", ["-", " ", "1", "$", "the ", "Oct ", "2025-", "1st of "])
def test_grammar_is_linear(bad):
    text = bad * (200_000 // len(bad))
    t0 = time.perf_counter()
    find_cores(text)
    detect_published(text)
    assert time.perf_counter() - t0 < 60  # a hang guard, not a speed target (see scripts/bench_backtracking.py)


# --- publication date detection ---------------------------------------------------------------

DETECT = [
    ("October 28, 2025\nJapan and the U.S. signed two agreements.", "2025-10-28"),
    ("Published: 4 March 2025\nTokyo stocks rose.", "2025-03-04"),
    ("Headline here\n2025-03-04\nBody text.", "2025-03-04"),
    ("Tue 4 Mar 2025 10.00 GMT\nBody text.", "2025-03-04"),
    ("By Jane Doe | October 28, 2025 | 3 min read\nBody.", "2025-10-28"),
    ("TOKYO, Oct. 28, 2025 - Japan's prime minister said...", "2025-10-28"),
    ("Steel deal closes\n\nPITTSBURGH/TOKYO, June 19, 2025 - The steelmaker completed...", "2025-06-19"),
    ("SEOUL/WASHINGTON, 3 July 2025 \u2013 Officials said...", "2025-07-03"),
    ("WASHINGTON, March 4, 2025 (Newswire) - The company said...", "2025-03-04"),
    ("Japan budget 2025\nTOKYO, Oct 28 (Reuters) - Japan's prime minister said...", "2025-10-28"),
    ("Updated 12/01/2024 09:15\nStory.", "2024-12-01"),
    # a dateline without a year and no year elsewhere at the top: unknown
    ("TOKYO, Oct 28 (Reuters) - Japan's prime minister said on Tuesday...", None),
    # a date inside a headline sentence is not the publication date
    ("Japan to start reactor on March 4, 2026\nBody text.", None),
    ("The plant opened on October 28, 2025, officials said.", None),
    ("No date here\nNor here\nNor here\nOctober 28, 2025", None),
    ("", None),
]


@pytest.mark.parametrize("text,expected", DETECT, ids=[t[:30] or "empty" for t, _ in DETECT])
def test_detect_published(text, expected):
    assert detect_published(text) == expected


# --- the components in the pipeline ---------------------------------------------------------

# (sentence, expected [(text, value, granularity)] exactly, in order)
SENTENCES = [
    ("The leaders will meet on Friday to sign the deal.", [("Friday", "2025-10-31", "day")]),
    ("Trump said on Friday that tariffs would rise.", [("Friday", "2025-10-24", "day")]),
    ("The company reported results for the April-June quarter on Monday.",
     [("the April-June quarter", "2025-04", "quarter"), ("Monday", "2025-10-27", "day")]),
    ("Koizumi, 56, said the plan would take four years and finish a year ahead of schedule.", []),
    ("At 10 a.m. on Tuesday, officials met on the 28th floor of the building.",
     [("Tuesday", "2025-10-28", "day")]),
    ("Sales rose 5% in the first half of 2026 compared with the same period a year earlier.",
     [("the first half of 2026", "2026", "year")]),
    ("Toshiba's fiscal 2026 budget was approved yesterday; results are due next month.",
     [("fiscal 2026", "2026", "year"), ("yesterday", "2025-10-27", "day"),
      ("next month", "2025-11", "month")]),
    ("Output fell 3% in Q3 2025 and the company expects growth by the end of the year.",
     [("Q3 2025", "2025-07", "quarter"), ("the end of the year", "2025", "year")]),
    ("Japan agreed in July to invest $550 billion between 2025 and 2030.",
     [("July", "2025-07", "month"), ("2025", "2025", "year"), ("2030", "2030", "year")]),
    ("On that day, and the same day, the 13-year period ended.", []),
    ("The deal covers the 20th century archives and Audi Q3 cars.", []),
    ("Last year profits doubled; this year they fell.",
     [("Last year", "2024", "year"), ("this year", "2025", "year")]),
    ("The summit will be held on Nov. 5. The talks ended on Sept. 30.",
     [("Nov. 5", "2025-11-05", "day"), ("Sept. 30", "2025-09-30", "day")]),
    ("The March 4 deadline passed, and prices may rise.", [("March 4", "2025-03-04", "day")]),
    # round 9: a bare year after "as early as" (w234); a month takes the year of the month that
    # closes its range (w228)
    ("Prosecutors allege JAL earned $2 billion illegally between 2000 and 2006, although it is possible the "
     "scheme was operating as early as 1995.",
     [("2000", "2000", "year"), ("2006", "2006", "year"), ("1995", "1995", "year")]),
    ("Investment rose against 40 projects between January and July 2004.",
     [("January", "2004-01", "month"), ("July 2004", "2004-07", "month")]),
]


@pytest.mark.parametrize("sentence,expected", SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_sentences(extractor, sentence, expected):
    record = extractor.extract(sentence, published=P)
    got = [(d.text, d.value, d.granularity) for d in record.dates]
    assert got == expected
    for d in record.dates:
        assert sentence[d.start:d.end] == d.text


# (sentence, published, expected [(text, value, granularity)]): tense, quotes, generic 'today'.
IN_CONTEXT = [
    # a present-tense scheduled event looks forward (Thursday 2025-04-03)
    ("The new levy takes effect on Saturday, the ministry said.", "2025-04-03",
     [("Saturday", "2025-04-05", "day")]),
    # 'due to' seen from the past: the nearest such day, not next month's
    ("Talks stalled after a fifth round, due to open in Geneva on the 25th, was postponed.",
     "2025-08-27", [("the 25th", "2025-08-25", "day")]),
    # 'since' points back even under a present verb
    ("Duties on steel, in force since March 4, remain at 25%.", "2025-08-01",
     [("March 4", "2025-03-04", "day")]),
    # a past verb far from the date in a list item, early in the year
    ("- turbines from suppliers that featured on a shortlist worth up to $20 billion in November;",
     "2026-02-18", [("November", "2025-11", "month")]),
    ("The company agreed in November to buy a 15% stake in the venture.", "2025-06-11",
     [("November", "2024-11", "month")]),
    # a relative word in a quote counts from the day the quote was spoken
    ('"The increase planned for tomorrow is off," the minister wrote on Tuesday.', "2025-10-30",
     [("tomorrow", "2025-10-29", "day"), ("Tuesday", "2025-10-28", "day")]),
    ('The minister said on Monday: "We expect a reply tomorrow."', "2025-10-29",
     [("Monday", "2025-10-27", "day"), ("tomorrow", "2025-10-28", "day")]),
    ("Officials said today that the plan was approved.", "2025-10-29",
     [("today", "2025-10-29", "day")]),
    # 'today' meaning 'nowadays'
    ("Wind could supply 30% of power by 2040, up from about 12% today.", "2025-10-29",
     [("2040", "2040", "year")]),
    ("The dam cost $3 billion in today's money.", "2025-10-29", []),
    # round 10: the present state something is compared with; today's economy or world (w121, w130, w195)
    ("\"The business will be run absolutely as it is today. There's not a lot we can do to improve it.\"", "2006-03-06", []),
    ("It has contributed meaningfully in shaping the Canadian radio industry as we know it today.", "2007-02-26", []),
    ("In today's global economy, many international businesses have learned to grow.", "2005-03-08", []),
    # quarters and named days in running text
    ("Output grew 1.9% in the first three months of the year.", "2025-06-02",
     [("the first three months of the year", "2025-01", "quarter")]),
    ('Since April 2, a day he called "Liberation Day," imports have slowed.', "2025-05-10",
     [("April 2", "2025-04-02", "day"), ("Liberation Day", "2025-04-02", "day")]),
    ("Shops closed for Switzerland's national day on Friday.", "2025-08-04",
     [("national day", "2025-08-01", "day"), ("Friday", "2025-08-01", "day")]),
    # a year as a modifier
    ("A 2023 survey by the ministry found costs had doubled.", "2025-10-29",
     [("2023", "2023", "year")]),
    # Real news (real_dev): Day One of the presidential term, a statute's year
    ("Since Day One, President Trump challenged the assumption that trade deficits do not matter.", "2025-07-22",
     [("Day One", "2025-01-20", "day")]),
    ("From day one, President Trump\u2019s America First Trade Policy has put workers first.", "2025-05-13",
     [("day one", "2025-01-20", "day")]),
    ("The team has worked on the plan from day one.", "2025-05-13", []),
    ("Claims are located under the Mining Act of 1872.", "2025-03-20", [("1872", "1872", "year")]),
    # round 8 (w216, w203): a day word inside a name is no date; a time zone after it is no name
    ("Tata Motors is said by The Sunday Times to be considering 1,500 job cuts.", "2009-01-27", []),
    ("The group already owns both Today FM and FM104.", "2005-05-31", []),
    ("Trading resumed Monday ET, the exchange said.", "2009-01-27", [("Monday", "2009-01-26", "day")]),
    # round 10 (real_dev): an offset with a hedge is approximate (w163, w037); 'last night' is the
    # day before (w096); two days of one month are two mentions (g107, w143)
    ("Instagram was founded less than two years ago by two Stanford University graduates.", "2012-04-12", []),
    ("The company produced 65 million tons of iron ore, 15 percent more than a year ago.", "2006-02-05", []),
    ("It emerged last night that the Bank of Ireland is planning to shed 2,000 jobs.", "2005-03-21",
     [("last night", "2005-03-20", "day")]),
    ("Reflecting on their meetings in London on June 9 and 10, 2025, and in Stockholm on July 28 and 29, 2025;",
     "2025-08-11", [("June 9", "2025-06-09", "day"), ("10, 2025", "2025-06-10", "day"),
                    ("July 28", "2025-07-28", "day"), ("29, 2025", "2025-07-29", "day")]),
    ("Issues must be settled before the next WTO ministerial meeting in December 13-18.", "2005-11-16",
     [("December 13", "2005-12-13", "day"), ("18", "2005-12-18", "day")]),
    # round 10 (real_dev): a year before 1900 with a preposition (w090; not a count, w056); a year
    # in a document number (g083, g139); a named day and its written date are one span (w136, w195)
    ("The Colombian brewery Grupo Bavaria, which was founded in 1889, is the second largest in South America.",
     "2005-07-19", [("1889", "1889", "year")]),
    ("They would each have a net generating capacity of 1117.", "2008-04-10", []),
    ("Beijing will modify the tariff in Announcement of the Customs Tariff Commission of the State Council "
     "No. 4 of 2025, by suspending 24 percentage points of that rate.", "2025-05-12", []),
    ("(Notice of Determinations: 2026-11296; 91 Fed. Reg. 34272)", "2026-07-23", []),
    ("On Christmas Eve, December 24, the UK's largest independent entertainment retailer called in administrators.",
     "2008-12-29", [("Christmas Eve, December 24", "2008-12-24", "day")]),
    ("All stores opened as normal on Boxing Day, 26 December, for the normal post Christmas sale.", "2008-12-29",
     [("Boxing Day, 26 December", "2008-12-26", "day")]),
    ("Last Saturday, March 5, 2005, they announced that they are bringing their suit.", "2005-03-08",
     [("Last Saturday, March 5, 2005", "2005-03-05", "day")]),
    # round 10 (real_dev): a month without a year takes the year that opens its sentence or comes
    # just before it (w083, w064), not one across a semicolon (dev 011)
    ("In 2004, British Gas increased its prices by 5.9% in January and 12.4% in September.", "2005-09-10",
     [("2004", "2004", "year"), ("January", "2004-01", "month"), ("September", "2004-09", "month")]),
    ("The purchase was blocked by the Justice Department in 2001, just before the Sept. 11 terrorist attack.",
     "2006-11-15", [("2001", "2001", "year"), ("Sept. 11", "2001-09-11", "day")]),
    ("Its reactor cost €3.3 billion in 2007; the audit court said in January that the cost was higher.",
     "2025-03-12", [("2007", "2007", "year"), ("January", "2025-01", "month")]),
    # a present passive has no tense; 'expected/likely to be done' looks forward (w073, w193, w096)
    ("Firm offers are not expected before June, after an in-depth analysis.", "2009-03-23",
     [("June", "2009-06", "month")]),
    ("The terms are expected to be discussed by the company's Board of Directors on Monday.", "2010-07-24",
     [("Monday", "2010-07-26", "day")]),
    ("This objective is likely to be fulfilled on Tuesday when the company makes a formal announcement.",
     "2005-03-21", [("Tuesday", "2005-03-22", "day")]),
    # a quarter or half not yet begun, told in the past, is last year's (w047, w037)
    ("In the fourth quarter, Ford brand sales were up thirteen percent.", "2010-01-28",
     [("the fourth quarter", "2009-10", "quarter")]),
    ("The company produced 65 million tons of iron ore in the second half.", "2006-02-05",
     [("the second half", "2005", "year")]),
    # a president's first day in office is the term's first day (g085); a chip model is no half-year (g049)
    ("Since his first day in office, President Biden\u2019s auto vision has put workers first.", "2022-09-14",
     [("first day in office", "2021-01-20", "day")]),
    ("The tariff applies to advanced computing chips, such as the NVIDIA H200 and AMD MI325X.", "2026-01-14", []),
    # a year or month after a possessive is a modifier date (g046, g094)
    ("Canada has the capacity to supply 95% of the United States\u2019 2024 softwood consumption.", "2025-09-29",
     [("2024", "2024", "year")]),
    ("Investments rose from the $600 billion secured during the President\u2019s May visit.", "2025-11-18",
     [("May", "2025-05", "month")]),
]


@pytest.mark.parametrize("sentence,published,expected", IN_CONTEXT, ids=[s[:40] for s, _, _ in IN_CONTEXT])
def test_in_context(extractor, sentence, published, expected):
    record = extractor.extract(sentence, published=published)
    assert [(d.text, d.value, d.granularity) for d in record.dates] == expected


def test_plain_dicts_on_doc(nlp):
    doc = nlp.make_doc("Japan said on Tuesday that it would invest in the 2030s.")
    doc._.published = P
    doc = nlp(doc)
    assert all(type(d) is dict for d in doc._.dates)
    assert [set(d) for d in doc._.dates] == [{"text", "start", "end", "value", "granularity"}] * 2


# --- the reference article ------------------------------------------------------------------

def _mentions(record, text):
    return [d for d in record.dates if d.text == text]


def test_seed_tuesdays(seed_record):
    tuesdays = _mentions(seed_record, "Tuesday")
    assert len(tuesdays) == 3
    assert {(d.value, d.granularity) for d in tuesdays} == {("2025-10-28", "day")}


def test_seed_the_28th(seed_record):
    [d] = _mentions(seed_record, "the 28th")
    assert (d.value, d.granularity) == ("2025-10-28", "day")


def test_seed_july(seed_record, seed_text):
    julys = [d for d in seed_record.dates if "July" in d.text]
    assert len(julys) == 2
    assert {d.text for d in julys} <= {"July", "the previous July", "previous July"}
    assert {(d.value, d.granularity) for d in julys} == {("2025-07", "month")}


def test_seed_last_week(seed_record):
    [d] = _mentions(seed_record, "last week")
    assert (d.value, d.granularity) == ("2025-10-20", "week")


@pytest.mark.parametrize("phrase", ["that day", "the same day", "a year ahead", "year"])
def test_seed_no_anaphora_or_durations(seed_record, seed_text, phrase):
    for start in (i for i in range(len(seed_text)) if seed_text.startswith(phrase, i)):
        end = start + len(phrase)
        assert not any(d.start < end and start < d.end for d in seed_record.dates), phrase


def test_seed_offsets(seed_record, seed_text):
    assert len(seed_record.dates) == 7
    for d in seed_record.dates:
        assert seed_text[d.start:d.end] == d.text


def test_detected_published_end_to_end(extractor, seed_text):
    record = extractor.extract("October 28, 2025\n" + seed_text, doc_id="dated")
    assert record.published == "2025-10-28"
    top = record.dates[0]
    assert (top.text, top.start, top.value, top.granularity) == ("October 28, 2025", 0, "2025-10-28", "day")
    assert {d.value for d in record.dates if d.text == "Tuesday"} == {"2025-10-28"}
    last_week = [d for d in record.dates if d.text == "last week"]
    assert last_week[0].value == "2025-10-20"


def test_detected_source(nlp):
    doc = nlp("TOKYO, Oct. 28, 2025 - Japan said on Tuesday it would invest.")
    assert (doc._.published, doc._.published_source) == ("2025-10-28", "detected")
    assert [(d["text"], d["value"]) for d in doc._.dates] == [("Oct. 28, 2025", "2025-10-28"),
                                                             ("Tuesday", "2025-10-28")]


def test_caller_date_wins(extractor):
    record = extractor.extract("October 28, 2025\nJapan said on Tuesday it would invest.",
                               published="2025-11-04")
    assert record.published == "2025-11-04"
    assert [d.value for d in record.dates] == ["2025-10-28", "2025-11-04"]


def test_yearless_dateline_leaves_published_unknown(extractor):
    record = extractor.extract("TOKYO, Oct 28 (Reuters) - Japan said on Tuesday it would invest.")
    assert record.published is None
    assert [(d.text, d.value, d.granularity) for d in record.dates] == [
        ("Oct 28", None, "day"), ("Tuesday", None, "day")]


@pytest.mark.parametrize("text,lemma", [("It says", "say"), ("It is", "be"), ("They have", "have"), ("It remains", "remain")])
def test_present_lemma_without_lemmatizer(nlp, text, lemma):
    from extractor.fields.dates import _present_lemma

    assert "lemmatizer" not in nlp.pipe_names
    assert _present_lemma(nlp(text)[1]) == lemma


def test_every_grammar_kind_has_a_resolver():
    from extractor.fields.dates import _RESOLVERS, grammar

    kinds = {name[2:] for name in grammar().groupindex if name.startswith("k_")}
    assert kinds == set(_RESOLVERS)
