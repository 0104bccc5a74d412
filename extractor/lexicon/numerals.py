"""Pure number normalisers: numerals and English number words to exact Decimals.

Shared by the money finder (and anything else that reads amounts). Word tables live in
``data/number_words.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


@dataclass
class _WordsReading:
    """The state of reading number words left to right."""

    total: Decimal = Decimal(0)
    current: Decimal | None = None  # the group being built before a scale word
    fraction: Decimal | None = None  # "half", "three quarters" waiting for a scale word
    seen: bool = False  # a word with a value was read

    def add(self, w: str, t: dict) -> bool:
        """Read one lower-case word; False when it is no number word (nor "and")."""
        if w in t["articles"]:
            self.current = Decimal(1) if self.current is None and self.fraction is None else self.current
        elif w in t["units"] or w in t["tens"]:
            self.current = (self.current or 0) + (t["units"][w] if w in t["units"] else t["tens"][w])
            self.seen = True
        elif w == "hundred":
            self.current = (self.current or 1) * 100
            self.seen = True
        elif w in t["scales"]:
            base = self.fraction if self.fraction is not None else (self.current or 1)
            self.total += base * t["scales"][w]
            self.current, self.fraction, self.seen = None, None, True
        elif w in t["fractions"]:
            self.fraction = (self.current or 1) * t["fractions"][w]
            self.current, self.seen = None, True
        elif w != "and":
            return False
        return True

    def with_decimals(self, words: list[str]) -> Decimal | None:
        """The value read so far plus the digits after "point" ("one point three" -> 1.3)."""
        digits = "".join(str(word_value(x)) for x in words if word_value(x) is not None and word_value(x) < 10)
        if not digits or len(digits) != len(words):
            return None
        return self.total + (self.current or 0) + Decimal("0." + digits)

    def value(self) -> Decimal | None:
        if not self.seen and self.current is None:
            return None
        total = self.total + self.fraction if self.fraction is not None else self.total
        return total + (self.current or 0)


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
    reading = _WordsReading()
    for i, word in enumerate(words):
        w = word.lower()
        if reading.add(w, t):
            continue
        if w == "point" and i + 1 < len(words):
            return reading.with_decimals(words[i + 1:])
        return None
    return reading.value()

