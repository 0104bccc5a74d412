"""Pure number normalisers: numerals and English number words to exact Decimals.

Shared by the money finder (and anything else that reads amounts). Word tables live in
``data/number_words.json``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extractor.lexicon.tables import Tables, derived


@derived
def tables(t: Tables) -> dict:
    """The number-word tables, with scale values as Decimals."""
    raw = t["number_words.json"]
    return {
        "units": {k: Decimal(v) for k, v in raw["units"].items()},
        "tens": {k: Decimal(v) for k, v in raw["tens"].items()},
        "scales": {k: Decimal(v) for k, v in raw["scales"].items()},
        "abbreviations": {k: Decimal(v) for k, v in raw["scale_abbreviations"].items()},
        "fractions": {k: Decimal(v) for k, v in raw["fractions"].items()},
        "articles": set(raw["articles"]),
    }


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")


def parse_numeral(text: str, decimal_comma: bool = False) -> Decimal | None:
    """Exact value of a numeral with English separators; None if it is not one.

    ``decimal_comma`` reads ``1,5`` as 1.5 (used only before a scale word: ``€1,5 billion``).

    >>> parse_numeral("1,234.50"), parse_numeral("12,34,567.89"), parse_numeral("550")
    (Decimal('1234.50'), Decimal('1234567.89'), Decimal('550'))
    >>> parse_numeral("1,5", decimal_comma=True), parse_numeral("1.000.000")
    (Decimal('1.5'), Decimal('1000000'))
    """
    if len(text) > 24:
        return None  # no real amount has this many digits; refusing keeps Decimal arithmetic cheap
    if decimal_comma and _DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    elif text.count(".") > 1 and "," not in text:
        text = text.replace(".", "")  # 1.000.000 (European grouping)
    else:
        text = text.replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def word_value(word: str) -> Decimal | None:
    """Value of a single cardinal word (``"forty"`` -> 40), else None."""
    t = tables()
    word = word.lower()
    return t["units"][word] if word in t["units"] else t["tens"].get(word)


def is_number_word(word: str) -> bool:
    t = tables()
    w = word.lower()
    return w in t["units"] or w in t["tens"] or w == "hundred" or w in t["scales"] or w in t["fractions"]


def scale_value(word: str, glued: bool) -> Decimal | None:
    """Multiplier of a scale word or abbreviation (``billion``, ``bn``; ``k``/``m``/``b`` only glued)."""
    t = tables()
    w = word.lower()
    if w in t["scales"]:
        return t["scales"][w]
    if w in t["abbreviations"] and (glued or len(w) > 1):
        return t["abbreviations"][w]
    return None


def words_to_number(words: list[str]) -> Decimal | None:
    """Value of a sequence of English number words, or None if it is not a number.

    >>> words_to_number(["half", "a", "trillion"]), words_to_number(["three", "quarters", "billion"])
    (Decimal('500000000000'), Decimal('750000000'))
    >>> words_to_number(["one", "hundred", "and", "five"]), words_to_number(["forty", "five"])
    (Decimal('105'), Decimal('45'))
    >>> words_to_number(["one", "point", "three"]), words_to_number(["a", "million"])
    (Decimal('1.3'), Decimal('1000000'))
    """
    t = tables()
    total = Decimal(0)
    current = None  # the group being built before a scale word
    fraction = None
    i = 0
    seen = False
    while i < len(words):
        w = words[i].lower()
        if w in t["articles"]:
            current = Decimal(1) if current is None and fraction is None else current
        elif w in t["units"] or w in t["tens"]:
            current = (current or 0) + (t["units"][w] if w in t["units"] else t["tens"][w])
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in t["scales"]:
            base = fraction if fraction is not None else (current or 1)
            total += base * t["scales"][w]
            current, fraction, seen = None, None, True
        elif w in t["fractions"]:
            fraction = (current or 1) * t["fractions"][w]
            current, seen = None, True
        elif w == "and":
            pass
        elif w == "point" and i + 1 < len(words):
            digits = "".join(str(word_value(x)) for x in words[i + 1 :] if word_value(x) is not None and word_value(x) < 10)
            if not digits or len(digits) != len(words) - i - 1:
                return None
            return total + (current or 0) + Decimal("0." + digits)
        else:
            return None
        i += 1
    if not seen and current is None:
        return None
    if fraction is not None:
        total += fraction
    return total + (current or 0)
