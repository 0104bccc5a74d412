"""Finding and normalising percentage rates in raw text (``15%``, ``25 per cent``, ``fifteen percent``).

Pure functions, no spaCy: ``find_percentages(text)`` returns plain dicts with character offsets.
The scan is anchored on the percent marks (``%``, ``percent``, ``per cent``...): fast literal
searches over the text find them, and the number is read from a short, bounded window just
before (or, for ``percent of 10``, just after) each mark, so the cost stays linear in the text
length whatever the input (long runs of digits, spaces or dashes included).

Number words come from ``extractor/data/percent_words.json``.
"""

from __future__ import annotations

import re

from extractor.lexicon.tables import Tables, derived

# How far before a percent mark the number may start (``one hundred and twenty-five percent``).
_WINDOW = 80
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SEP = r"(?:[^\S\n]?[-\u2010\u2011][^\S\n]?|[^\S\n]{0,2}\n?[^\S\n]{0,2})"  # one line break at most
# Characters that may not sit right before a number (a word, a decimal, a URL escape, ...).
_NO_NUM_BEFORE = r"(?<![\w.%=/&?+#@])(?<!\d,)"


@derived
def _lexicon(t: Tables) -> dict:
    return t["percent_words.json"]


@derived
def _word_values(t: Tables) -> dict[str, float]:
    lex = _lexicon()
    values = {}
    for group in ("units", "tens", "scales", "fractions"):
        values.update(lex[group])
    return values


@derived
def _patterns(t: Tables):
    lex = _lexicon()
    words = sorted(_word_values(), key=len, reverse=True)
    word = r"(?:%s)" % "|".join(words)
    # "one hundred and twenty-five", "two and a half", "a hundred"
    wordnum = (
        rf"(?:a[ \u00a0]+(?=hundred|half|quarter))?{word}"
        rf"(?:(?:[ \u00a0]+|-)(?:and[ \u00a0]+)?(?:a[ \u00a0]+)?{word})*"
    )
    neg_words = "|".join(map(re.escape, lex["negative_words"]))
    neg = rf"(?P<neg>(?:{neg_words})[ \u00a0]+|(?<![\w.,%)\-\u2212])[-\u2212])?"
    number = rf"(?:(?P<digits>{_DIGITS})|\b(?P<words>{wordnum}))"
    before = re.compile(rf"{neg}{_NO_NUM_BEFORE}{number}{_SEP}\Z", re.IGNORECASE)
    # "percent of 10", "per cent of twenty-two" (only when no number precedes the mark)
    after = re.compile(rf"[ \u00a0]+of[ \u00a0]+{number}\b", re.IGNORECASE)
    # The first number of a range whose second number carries the mark: "10 to 15 percent".
    range_first = re.compile(
        rf"{_NO_NUM_BEFORE}(?:(?P<digits>{_DIGITS})|\b(?P<words>{wordnum}))"
        rf"[ \u00a0]*(?P<conn>[-\u2013\u2014]|\bto\b|\band\b|\bor\b)[ \u00a0]*\Z",
        re.IGNORECASE,
    )
    not_after = re.compile(
        r"[ \u00a0\-\u2010\u2011]+(?:%s)\b" % "|".join(map(re.escape, lex["not_percent_after"])), re.IGNORECASE
    )
    return before, after, range_first, not_after


def parse_number_words(words: str) -> float | None:
    """Value of an English number written in words, or None.

    >>> parse_number_words("one hundred"), parse_number_words("twenty-two")
    (100.0, 22.0)
    >>> parse_number_words("two and a half"), parse_number_words("a hundred")
    (2.5, 100.0)
    """
    values = _word_values()
    scales = _lexicon()["scales"]
    fractions = _lexicon()["fractions"]
    total, current, seen = 0.0, 0.0, False
    for w in re.split(r"[\s\u00a0-]+", words.lower()):
        if not w or w in ("and", "a"):
            continue
        if w not in values:
            return None
        seen = True
        if w in scales:
            if scales[w] >= 1000:
                total += (current or 1) * scales[w]
                current = 0.0
            else:
                current = (current or 1) * scales[w]
        elif w in fractions:
            current += fractions[w]
        else:
            current += values[w]
    return float(total + current) if seen else None


def _number_value(digits: str | None, words: str | None) -> float | None:
    if digits:
        return float(digits.replace(",", ""))
    return parse_number_words(words) if words else None


_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")
_ENDS_DIGIT = re.compile(r"\d[\s\-\u2010\u2011]{0,3}\Z")
_ENDS_LETTER = re.compile(r"[a-zA-Z][ \u00a0\-\u2010\u2011]{0,3}\Z")
_ENDS_CONNECTOR = re.compile(r"(?:[-\u2013\u2014]|\b(?:to|and|or))[ \u00a0]*\Z", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween[ \u00a0]+\Z", re.IGNORECASE)
_PREV_WORD = re.compile(r"\w[ \u00a0]*\Z")
_URL_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
# A digit number with its sign and separators is never longer than this (1,000,000.25 %).
_DIGIT_WINDOW = 32


def _in_url(text: str, start: int, end: int) -> bool:
    """True when the stretch ``start:end`` sits in a URL-like token (``http://``, ``%20``)."""
    lo = max(text.rfind(c, max(0, start - 200), start) for c in " \n\t") + 1
    hi = min((i for i in (text.find(c, end, end + 200) for c in " \n\t") if i >= 0), default=end + 200)
    token = text[max(lo, start - 200) : hi]
    return "://" in token or "www." in token or _URL_ESCAPE.search(token) is not None


def _is_year(digits: str | None) -> bool:
    return bool(digits) and digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2200


def _number_before(text: str, pos: int, pattern: re.Pattern) -> re.Match | None:
    """The number (digits or words) that ends right before ``pos``, read in a bounded window."""
    if _ENDS_DIGIT.search(text, max(0, pos - 4), pos):
        window = _DIGIT_WINDOW
    elif _ENDS_LETTER.search(text, max(0, pos - 4), pos):
        window = _WINDOW
    else:
        return None
    w0 = max(0, pos - window)
    m = pattern.search(text, w0, pos)
    if m is not None and m.start() == w0 and w0 > 0 and text[w0 - 1].isalnum():
        return None  # the window cut a longer number or word: not a clean number
    return m


def _range_first(text: str, num_start: int, range_first: re.Pattern, last_end: int) -> dict | None:
    """The bare first number of ``10 to 15 percent`` / ``between 10 and 15%``, as a rate."""
    if not _ENDS_CONNECTOR.search(text, max(0, num_start - 8), num_start):
        return None
    r = range_first.search(text, max(0, num_start - _WINDOW), num_start)
    if r is None or r.start() <= last_end:
        return None
    if r.group("conn").lower() in ("and", "or") and not _BETWEEN.search(text, max(0, r.start() - 12), r.start()):
        return None
    if _is_year(r.group("digits")):
        return None  # "from 2024 to 5%"
    value = _number_value(r.group("digits"), r.group("words"))
    if value is None:
        return None
    s = r.start()
    e = r.end("digits") if r.group("digits") else r.end("words")
    return {"text": text[s:e], "start": s, "end": e, "value": value}


# Percent marks searched with str.find (much faster than a regex alternation): literal forms
# in the case variants news text uses; word boundaries are checked afterwards.
_MARK_WORDS = ("percent", "per cent", "per\u00a0cent", "pct")


def _anchors(text: str):
    """``(start, end)`` of every percent mark (signs, words, UK ``pc``), in text order."""
    return sorted(_sign_anchors(text) + _word_anchors(text) + _pc_anchors(text))


def _find_all(text: str, literal: str):
    """Start offsets of ``literal`` in ``text`` (non-overlapping, left to right)."""
    i = text.find(literal)
    while i >= 0:
        yield i
        i = text.find(literal, i + len(literal))


def _sign_anchors(text: str) -> list[tuple[int, int]]:
    """``%`` and the full-width ``％``."""
    return [(i, i + 1) for sign in ("%", "\uff05") for i in _find_all(text, sign)]


def _word_anchors(text: str) -> list[tuple[int, int]]:
    """``percent``, ``per cent``, ``pct`` (and ``percentage``, ``percents``) as whole words."""
    spans = []
    for word in _MARK_WORDS:
        for form in {word, word.capitalize(), word.upper()}:
            i = text.find(form)
            while i >= 0:
                end = i + len(form)
                if i == 0 or not text[i - 1].isalnum():
                    end = _with_mark_suffix(text, word, end)
                    if end >= len(text) or not text[end].isalnum():
                        spans.append((i, end))
                i = text.find(form, end)
    return spans


def _with_mark_suffix(text: str, word: str, end: int) -> int:
    """The end of a mark word at ``end`` taken past ``age`` / ``s`` (not after ``pct``)."""
    tail = text[end : end + 3].lower()
    if word != "pct" and tail[:3] == "age":
        return end + 3
    if word != "pct" and tail[:1] == "s":
        return end + 1
    return end


def _pc_anchors(text: str) -> list[tuple[int, int]]:
    """``15pc``, ``15 pc`` (UK press): ``pc`` right after a number."""
    spans = []
    for i in _find_all(text, "pc"):
        j = i - 1 if i and text[i - 1] in " \u00a0" else i
        if j > 0 and text[j - 1].isdigit() and (i + 2 >= len(text) or not text[i + 2].isalnum()):
            spans.append((i, i + 2))
    return spans


def find_percentages(text: str) -> list[dict]:
    """Find percentage rates in ``text``: a list of ``{"text", "start", "end", "value"}``.

    ``value`` is the percentage as a float (``15 percent`` -> 15.0). A range whose marks are
    both written (``10% to 15%``) gives two rates; so does ``10 to 15 percent`` (the first
    span is then the bare number). URL escapes (``%20``) and ``percentage points`` are skipped.

    >>> [(p["text"], p["value"]) for p in find_percentages("a 15% tariff, down from 27.5 per cent")]
    [('15%', 15.0), ('27.5 per cent', 27.5)]
    >>> [p["value"] for p in find_percentages("minus five percent; fifteen-percent; 10-15%")]
    [-5.0, 15.0, 10.0, 15.0]
    >>> find_percentages("https://x.com/?q=30%25%2020%")
    []
    """
    before, after, range_first, not_after = _patterns()
    found: list[dict] = []
    last_end = -1
    for a_start, a_end in _anchors(text):
        if a_start < last_end:
            continue
        mark = text[a_start:a_end]
        if mark == "%" and _HEX2.match(text, a_end):
            continue  # a URL escape such as %20
        if not_after.match(text, a_end):
            continue  # "percentage points": a change, not a rate
        b = _number_before(text, a_start, before)
        if b is not None:
            if _in_url(text, b.start(), a_end):
                continue
            value = _number_value(b.group("digits"), b.group("words"))
            if value is None:
                continue
            if b.group("neg"):
                value = -value
            else:
                num_start = b.start("digits") if b.group("digits") else b.start("words")
                first = _range_first(text, num_start, range_first, last_end)
                if first is not None:
                    found.append(first)
            found.append({"text": text[b.start() : a_end], "start": b.start(), "end": a_end, "value": value})
            last_end = a_end
            continue
        if mark in ("%", "\uff05"):
            continue
        # "percent of 10": only when the mark does not follow a word.
        if _PREV_WORD.search(text, max(0, a_start - 40), a_start) or _in_url(text, a_start, a_end):
            continue
        f = after.match(text, a_end, a_end + _WINDOW)
        if f is not None:
            value = _number_value(f.group("digits"), f.group("words"))
            if value is None:
                continue
            found.append({"text": text[a_start : f.end()], "start": a_start, "end": f.end(), "value": value})
            last_end = f.end()
    return found
