"""Money amounts: find and normalise every stated amount of money in a text.

``find_money(text)`` is a pure function (no pipeline needed): it splits the text into light
tokens with one regular expression, then reads amounts around currency markers with a small
hand-written parser: prefixed (``$550 billion``, ``US$550bn``, ``EUR 20``), suffixed (``84
trillion yen``, ``20€``, ``50 million USD``), written numbers (``half a trillion dollars``),
adjectives (``a trillion-dollar market``), ranges (``$80–$100 billion``, ``between $5 billion
and $7 billion``), sub-units (``3 dollars 50 cents``) and qualifiers (``up to``, ``more
than``...). Values are exact Decimals. Every table (symbols, codes, currency words, scale
words, qualifiers) is a data file.

The ``money_amounts`` spaCy component writes the result to ``doc._.money``, with the amounts
as exact decimal strings (``"550000000000"``): Doc extensions must survive ``doc.to_bytes()``
(msgpack), which is how ``nlp.pipe(n_process=N)`` sends Docs between processes, and msgpack
has no Decimal. ``records.py`` turns them back into Decimals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from spacy.language import Language

from extractor import extensions  # noqa: F401
from extractor.extensions import doc_text
from extractor.lexicon.tables import TableComponent, Tables, derived
from extractor.lexicon.numerals import parse_numeral, scale_value, tables, words_to_number

MILLION = Decimal(1_000_000)


class Tok(NamedTuple):
    kind: str  # num, word, sym, dsym, punct
    text: str
    start: int
    end: int
    low: str


@dataclass
class Number:
    value: Decimal
    end: int  # index of the token after the number
    scale: Decimal | None = None
    bare_scale: bool = False  # the number is only a scale word ("trillion" in "trillion-dollar")
    article: bool = False  # the number is only "a"/"an" ("a dollar")
    small_int: bool = False  # a 1-2 digit integer or number words below 100 (candidate cents)
    plus: bool = False  # "$92+ Billion", "$50B+", "US$6,000-plus": at least the number


@dataclass
class Amount:
    first: int  # first token index
    end: int  # index after the last token
    value: Decimal
    currency: str
    scale: Decimal | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    bare_dollar: bool = False  # the currency came from a bare "$" (a later phrase may name it)
    plus: bool = False  # the number has a "+" ("$92+ Billion")
    unit: Decimal = Decimal(1)  # a sub-unit's factor ("32c": 0.01), for a bare first end of a range


class Marker(NamedTuple):
    """A currency marker after a number: its currency, the token index after it, and the scale
    it carries ("10 grand": 1000; "30 MUSD": a million)."""

    currency: str
    end: int
    scale: Decimal | None = None


@dataclass
class NumberWords:
    """A run of number words that reads as a number ("half a trillion")."""

    value: Decimal
    end: int  # index of the token after the last word
    words: list[str]


@derived
def _data(t: Tables) -> dict:
    cur = t["currencies.json"]
    phrases = t["money_phrases.json"]
    words = {k: v for k, v in cur["words"].items()}
    codes = {c: c for c in cur["codes"]}
    codes.update({k.upper(): v for k, v in cur["code_aliases"].items()})
    dollar_prefixes = {k.upper(): v for k, v in cur["dollar_prefixes"].items()}
    symbols = cur["symbols"]
    # Longest compound prefixes first so that "US$" wins over "S$".
    prefixes = sorted(dollar_prefixes, key=len, reverse=True)
    dsym = "|".join(re.escape(p) for p in prefixes)
    sym = "|".join(re.escape(s) for s in sorted(symbols, key=len, reverse=True))
    token_re = re.compile(
        rf"(?P<dsym>(?i:{dsym})[$＄])"
        r"|(?P<num>\d+(?:[.,]\d+)*)"
        rf"|(?P<sym>{sym})"
        r"|(?P<abbr>[^\W\d_](?:\.[^\W\d_])+\.?)"
        r"|(?P<word>[^\W\d_]+)"
        r"|(?P<punct>[^\s\w])"
    )
    # Cheap pre-filter: a text with none of these cannot hold money.
    anchor_words = (
        set(words) | {w.lower() for w in codes} | set(cur["multiplier_words"])
        | {w for w in cur["subunit_words"] if len(w) > 1} | set(cur["coins"])
    )
    # The scan finds every symbol, glued pence ("171.4p") and run of letters; a run counts when
    # it is the first word of a currency name or code (a set lookup: one big case-blind
    # alternation tried at every position cost more than the parsing itself).
    anchor_re = re.compile(rf"{sym}|\d[pc]\b|[^\W\d_]+")
    anchor_first_words = {re.split(r"[^\w€]+", w)[0] for w in anchor_words} - {""}
    qualifiers = phrases["qualifiers"]
    numbers = tables()
    # Words that can start an amount: number words, codes, prefix currency words.
    starters = (
        set(numbers["units"]) | set(numbers["tens"]) | set(numbers["scales"]) | set(numbers["fractions"])
        | numbers["articles"] | {"hundred"} | {c.lower() for c in codes} | set(cur["spaced_dollar_prefixes"])
        | {w.split()[0] for w in cur["prefix_words"]}
    )
    return {
        "starters": starters,
        "token_re": token_re,
        "anchor_re": anchor_re,
        "anchor_words": anchor_first_words,
        "lower_codes": {c.lower() for c in codes},
        "symbols": symbols,
        "dollar_prefixes": dollar_prefixes,
        "dollar_currencies": set(dollar_prefixes.values()) - {"USD"},
        "spaced_prefixes": set(cur["spaced_dollar_prefixes"]),
        "codes": codes,
        "lowercase_codes": set(cur["lowercase_codes"]),
        "adjective_words": set(cur["adjective_words"]),
        "weight_words": set(cur["weight_words"]),
        "coins": {k: (Decimal(v), c) for k, (v, c) in cur["coins"].items()},
        "words": words,
        "max_word_len": max(len(k.split()) for k in words),
        "prefix_words": set(cur["prefix_words"]),
        "subunits": {k: Decimal(v) for k, v in cur["subunits"].items()},
        "subunit_words": cur["subunit_words"],
        "in_currency": cur["in_currency_phrases"],
        "multipliers": {k: Decimal(v) for k, v in cur["multiplier_words"].items()},
        "qualifiers": qualifiers,
        "max_qualifier_len": max(len(k.split()) for k in qualifiers),
        "range_seps": set(phrases["range_separators"]),
        "range_openers": set(phrases["range_openers"]),
        "change_words": set(phrases["change_words"]),
        "range_words": set(phrases["range_words"]),
    }


# Hyphen, en/em dash, (non-breaking) hyphen, minus, figure dash, horizontal bar, full-width and
# small hyphen-minus: any of them joins a range or a compound ("trillion-dollar").
DASHES = {"-", "–", "—", "‐", "‑", "−", "‒", "―", "－", "﹣"}
# Words after which a bare trailing number still reads as cents ("15 USD 50 more").
_CENTS_FOLLOWERS = {"and", "more", "less", "only", "each", "extra", "plus"}


def _between_digits(toks: list[Tok], j: int) -> bool:
    """Token j is glued between two numerals ("12:01")."""
    return (
        0 < j < len(toks) - 1 and toks[j - 1].kind == "num" and toks[j + 1].kind == "num"
        and toks[j - 1].end == toks[j].start and toks[j].end == toks[j + 1].start
    )


def _extends_number(word: str, words: list[str], t: dict) -> bool:
    """Whether ``word`` (lower case) can continue the number words read so far (``words``)."""
    after_article = bool(words) and words[-1] in t["articles"]  # "a hundred", not "a two billion"
    return (
        (word in t["units"] and not after_article)
        or (word in t["tens"] and not after_article)
        or word == "hundred"
        or word in t["scales"]
        or word in t["fractions"]
        or (word in t["articles"] and (not words or words[-1] in t["fractions"]))
        or (word == "and" and bool(words) and (words[-1] in t["scales"] or words[-1] == "hundred"))
        or (word == "point" and bool(words))
    )


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Split ``text[start:end]`` into the light tokens the money parser reads (offsets in text)."""
    end = len(text) if end is None else end
    return [
        Tok(m.lastgroup, m.group(), m.start(), m.end(), m.group().lower())
        for m in _data()["token_re"].finditer(text, start, end)
    ]


# Characters read around each currency marker: enough for "between 10 and 20" before it and
# "and forty-five cents" after it.
WINDOW = 80


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around currency markers, cut at whitespace."""
    d = _data()
    words, codes, symbols = d["anchor_words"], d["lower_codes"], d["symbols"]
    spans: list[list[int]] = []
    for m in d["anchor_re"].finditer(text):
        g = m.group()
        if g[0].isalpha() and g not in symbols:  # 元 and ரூ are letters too
            low = g.lower()
            if low not in words and not (low[0] == "m" and low[1:] in codes):  # "30 MUSD"
                continue
        lo, hi = max(0, m.start() - WINDOW), min(len(text), m.end() + WINDOW)
        # Widen to whitespace, but only a little: a long run without spaces must stay linear.
        stop = max(0, lo - 40)
        while lo > stop and not text[lo - 1].isspace():
            lo -= 1
        stop = min(len(text), hi + 40)
        while hi < stop and not text[hi].isspace():
            hi += 1
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hi)
        else:
            spans.append([lo, hi])
    return [(lo, hi) for lo, hi in spans]


class _TokenView:
    """The light tokens of one window of text, with the spacing tests every stage uses."""

    def __init__(self, text: str, toks: list[Tok]):
        self.text = text
        self.toks = toks
        self.d = _data()
        self.n = len(toks)

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < self.n else None

    def near(self, a: int, b: int) -> bool:
        """Tokens a and b are separated by a little whitespace at most (one line break)."""
        gap = self.text[self.toks[a].end : self.toks[b].start]
        return len(gap) <= 4 and gap.count("\n") <= 1 and (gap == "" or gap.isspace())

    def glued(self, a: int, b: int) -> bool:
        return self.toks[a].end == self.toks[b].start

    def next_near(self, i: int) -> int | None:
        """Index of the token after i if it is near, else None."""
        return i + 1 if i + 1 < self.n and self.near(i, i + 1) else None

    def _words_before(self, i: int, k: int) -> list[str]:
        out = []
        j = i - 1
        while j >= 0 and len(out) < k and self.toks[j].kind in ("word", "abbr") and self.near(j, j + 1):
            out.insert(0, self.toks[j].low)
            j -= 1
        return out


class _NumberReader(_TokenView):
    """Stage 1: numbers ("550", "1.5bn", "forty-five", "half a trillion") and their scale words."""

    def number(self, i: int) -> Number | None:
        t = self.tok(i)
        if t is None:
            return None
        if t.kind == "num":
            return self._numeral(i)
        if t.kind == "word":
            return self._number_words(i)
        return None

    def _scale_at(self, i: int, j: int) -> tuple[Decimal, int] | None:
        """A scale word at token j following the number's last token i."""
        t = self.tok(j)
        if t is None:
            return None
        if t.kind == "word" and self.near(i, j):
            s = scale_value(t.text, glued=self.glued(i, j) or self._spaced_capital(j))
            if s is not None:
                return s, j + 1
        # "10-billion", "1.5-trillion"
        if t.text in DASHES and self.glued(i, j) and self.tok(j + 1) and self.glued(j, j + 1):
            u = self.toks[j + 1]
            if u.kind == "word" and u.low in tables()["scales"]:
                return tables()["scales"][u.low], j + 2
        return None

    def _spaced_capital(self, j: int) -> bool:
        """A spaced capital "B" or "M" reads as a scale ("US$40 B of its stock"), not before a
        glued character ("M&A", "B.")."""
        after = self.tok(j + 1)
        return self.toks[j].text in ("B", "M") and not (after is not None and self.glued(j, j + 1))

    def _plus_at(self, j: int) -> int:
        """How many tokens of a glued "+" or "-plus" start at token j (0 if none)."""
        t = self.tok(j)
        if t is None or not self.glued(j - 1, j):
            return 0
        if t.text == "+":
            return 1
        nxt = self.tok(j + 1)
        return 2 if t.text in DASHES and nxt is not None and nxt.low == "plus" and self.glued(j, j + 1) else 0

    def _numeral(self, i: int) -> Number | None:
        t = self.toks[i]
        j = i + 1
        nxt = self.tok(j)
        decimal_comma = nxt is not None and nxt.kind == "word" and nxt.low in tables()["scales"]
        value = parse_numeral(t.text, decimal_comma=decimal_comma)
        if value is None:
            return None
        # "1 point 1"
        if nxt is not None and nxt.low == "point" and self.tok(j + 1) and self.toks[j + 1].kind == "num":
            frac = self.toks[j + 1].text
            if frac.isdigit() and "." not in t.text:
                value = Decimal(f"{value}.{frac}")
                j += 2
        small = value == value.to_integral_value() and 0 < value < 100 and len(t.text) <= 2
        plus = self._plus_at(j) == 1 and self._scale_at(j, j + 1) is not None  # "$92+ Billion"
        j += plus
        scale = self._scale_at(j - 1, j)
        if scale:
            factor, end = scale
            bigger = self._scale_at(end - 1, end)  # "2 lakh crore", "5 thousand crore"
            if bigger and bigger[0] > factor:
                factor, end = factor * bigger[0], bigger[1]
            tail = 0 if plus else self._plus_at(end)  # "$50B+"
            return Number(value * factor, end + tail, scale=factor, plus=plus or tail > 0)
        tail = self._plus_at(j)  # "$5+"; "US$6,000-plus" (the span leaves "-plus" out, as gold does)
        return Number(value, j + (tail == 1), small_int=small and not tail, plus=tail > 0)

    def _number_words(self, i: int) -> Number | None:
        """Number words from token i: "forty-five", "half a trillion", "ten bn", a bare "a"."""
        t = tables()
        found = self._longest_number_words(i)
        if found is None:
            # "a" / "an" alone: a number only before a currency word ("a dollar", "a grand").
            if self.toks[i].low in t["articles"]:
                return Number(Decimal(1), i + 1, article=True)
            return None
        value, end, used = found.value, found.end, found.words
        has_scale = any(w in t["scales"] for w in used)
        # "trillion-dollar" (only as an adjective); "a few hundred million dollars" names no number
        bare_scale = used[0] in t["scales"] or used[0] == "hundred"
        small = not has_scale and value == value.to_integral_value() and 0 < value < 100
        scale = None
        if not has_scale:
            s = self._scale_at(end - 1, end)  # "ten bn"
            if s:
                value, end, scale = value * s[0], s[1], s[0]
        else:
            scale = max(t["scales"][w] for w in used if w in t["scales"])
        return Number(value, end, scale=scale, bare_scale=bare_scale, small_int=small)

    def _longest_number_words(self, i: int) -> "NumberWords | None":
        """The longest run of number words from token i that reads as a number."""
        t = tables()
        words: list[str] = []
        j = i
        longest = None
        while j < self.n:
            tok = self.toks[j]
            if words and not (self.near(j - 1, j)):
                break
            if tok.kind == "punct" and tok.text in DASHES and words and self.glued(j - 1, j):
                j += 1  # forty-five
                continue
            if tok.kind != "word" or not _extends_number(tok.low, words, t):
                break
            words.append(tok.low)
            j += 1
            if tok.low not in ("and", "point") and tok.low not in t["articles"]:
                value = words_to_number(words)
                if value is not None:
                    longest = NumberWords(value, j, list(words))
        return longest

    def _followed_by_percent(self, j: int) -> bool:
        t = self.tok(j)
        if t is None:
            return False
        if t.low == "per":
            nxt = self.tok(j + 1)
            return nxt is not None and nxt.low == "cent"
        return t.text == "%" or t.low in ("percent", "pct")


class _CurrencyReader(_NumberReader):
    """Stage 2: currency markers before a number (symbols, codes, "US$") and after it
    (names, codes, multipliers, sub-units)."""

    def currency_word(self, i: int) -> tuple[str, int] | None:
        """A currency name starting at token i (longest match): (code, index after)."""
        words = self.d["words"]
        best = None
        parts = []
        j = i
        while j < self.n and len(parts) < self.d["max_word_len"]:
            t = self.toks[j]
            if t.kind not in ("word", "abbr") and not (t.kind == "sym" and t.text == "€"):
                break
            if parts and not self.near(j - 1, j):
                break
            parts.append(t.low)
            j += 1
            key = " ".join(parts)
            if key in words:
                best = (words[key], j)
        if best is None and self.toks[i].kind == "sym" and self.toks[i].text == "€":
            return None
        return best

    def code(self, i: int) -> tuple[str, Decimal | None] | None:
        """An ISO code (or alias, or M-prefixed code meaning millions) at token i."""
        t = self.toks[i]
        if t.kind not in ("word", "abbr"):
            return None
        up = t.text.upper()
        if t.text != up and t.low not in self.d["lowercase_codes"]:
            return None
        if up in self.d["codes"]:
            return self.d["codes"][up], None
        if len(up) == 4 and up[0] == "M" and up[1:] in self.d["codes"] and t.text[0] == "M":
            return self.d["codes"][up[1:]], MILLION
        return None

    def prefix_currency(self, i: int) -> tuple[str, int, Decimal | None, int] | None:
        """A currency marker that may precede a number: (code, index after, scale, first index)."""
        t = self.toks[i]
        if t.kind == "sym":
            return self.d["symbols"][t.text], i + 1, None, i
        if t.kind == "dsym":
            return self.d["dollar_prefixes"][t.text[:-1].upper()], i + 1, None, i
        if t.kind in ("word", "abbr"):
            nxt = self.tok(i + 1)
            if (
                t.low in self.d["spaced_prefixes"]
                and nxt is not None
                and nxt.kind == "sym"
                and nxt.text in "$＄"
                and len(self.text[t.end : nxt.start]) <= 1
            ):
                key = t.text.upper().rstrip(".") if t.low != "u.s." else "U.S."
                code = self.d["dollar_prefixes"].get(key) or self.d["dollar_prefixes"].get(t.text.upper())
                if code:
                    return code, i + 2, None, i
            c = self.code(i)
            if c:
                j = i + 1
                if t.text.upper() == "RS" and self.tok(j) and self.toks[j].text == "." and self.glued(i, j):
                    j += 1  # "Rs. 20"
                return c[0], j, c[1], i
            w = self.currency_word(i)
            if w and " ".join(x.low for x in self.toks[i : w[1]]) in self.d["prefix_words"]:
                return w[0], w[1], None, i
        return None

    def suffix_currency(self, num_last: int, j: int) -> Marker | None:
        """A currency marker after a number whose last token is num_last."""
        t = self.tok(j)
        if t is None:
            return None
        hyphen = False
        if t.text in DASHES and self.glued(num_last, j) and self.tok(j + 1) and self.glued(j, j + 1):
            hyphen = True  # "trillion-dollar", "one-yen"
            j += 1
            t = self.toks[j]
        elif not self.near(num_last, j):
            return None
        if t.kind == "sym" and not hyphen:
            return self._symbol_suffix(num_last, j)
        if t.kind == "dsym" and not hyphen:
            return Marker(self.d["dollar_prefixes"][t.text[:-1].upper()], j + 1)
        if t.kind in ("word", "abbr"):
            return self._word_suffix(num_last, j, hyphen)
        return None

    def _symbol_suffix(self, num_last: int, j: int) -> Marker | None:
        """A currency symbol after a number: "20€", "20 €ur", "10 $"."""
        t = self.toks[j]
        if t.text in "$＄" and not self.glued(num_last, j):
            # "1 $ 10 dollars": a spaced "$" before another number belongs to that number,
            # unless that number carries its own suffix ("10 $ 30 $").
            nxt = self.number(j + 1) if self.next_near(j) else None
            if nxt is not None:
                after = self.tok(nxt.end)
                if not (after is not None and (after.kind == "sym" or after.low in self.d["subunits"])):
                    return None
        end = j + 1
        if self.tok(end) and self.toks[end].low == "ur" and self.glued(j, end):
            end += 1  # "20 €ur"
        return Marker(self.d["symbols"][t.text], end)

    def _word_suffix(self, num_last: int, j: int, hyphen: bool) -> Marker | None:
        """A currency name, code or multiplier word after a number ("84 trillion yen", "50 USD",
        "10 grand"); after a hyphen only a name ("trillion-dollar")."""
        t = self.toks[j]
        w = self.currency_word(j)
        if w:
            return Marker(w[0], w[1])
        c = self.code(j)
        glued_right = self.tok(j + 1) is not None and self.toks[j + 1].kind == "num" and self.glued(j, j + 1)
        if c and not hyphen and not (glued_right and not self.glued(num_last, j)):
            return Marker(c[0], j + 1, c[1])
        if t.low in self.d["multipliers"] and not hyphen:
            return Marker("USD", j + 1, self.d["multipliers"][t.low])
        return None

    def subunit_suffix(self, num_first: int, num_last: int, j: int) -> tuple[str, int] | None:
        """A sub-unit of a named currency after a number: "80 U.S. cents", "171.4p", "20 pence"."""
        t = self.tok(j)
        if t is None or not self.near(num_last, j):
            return None
        words = self.d["subunit_words"]
        if t.low == "p" or t.text == "c":  # glued only; a capital C is a temperature ("30C")
            after = self.tok(j + 1)
            glued_letter = after is not None and self.glued(j, j + 1) and after.kind == "word"
            inside_word = num_first > 0 and self.glued(num_first - 1, num_first) and self.toks[num_first - 1].kind == "word"
            ok = self.glued(num_last, j) and not glued_letter and not inside_word  # "171.4p", "32c", not "A4p"
            return (words[t.low], j + 1) if ok else None
        for n in (2, 1):
            if j + n <= self.n and all(self.near(k - 1, k) for k in range(j + 1, j + n)):
                key = " ".join(x.low for x in self.toks[j : j + n])
                if key in words and key not in ("p", "c"):
                    return words[key], j + n
        return None

    def _named_dollar(self, j: int) -> str | None:
        """The currency named right after a bare-$ amount: "$15 billion in Canadian dollars"."""
        words = [t.low for t in self.toks[j : j + 4]]
        for n in (4, 3):
            code = self.d["in_currency"].get(" ".join(words[:n]))
            if code:
                return code
        return None


class _Parser(_CurrencyReader):
    """Stage 3: amounts (a number with a currency marker), their cents, ranges and qualifiers."""

    def parse(self) -> list[dict]:
        """Every amount in the tokens, left to right, as mention dicts."""
        out = []
        i = 0
        last_end = -1
        while i < self.n:
            a = self._amount_at(i)
            if a is None or (self.toks[a.first].low in ("a", "an") and a.first == last_end):
                i += 1  # nothing here; or "80 U.S. cents a pound": a per-unit phrase, not an amount
                continue
            if a.min is None:
                a = self._extended(a)
            if a.bare_dollar:
                a.currency = self._named_dollar(a.end) or a.currency
            m = self._mention(a)
            m["bare_dollar"] = a.bare_dollar
            out.append(m)
            i = last_end = a.end
        return out

    def _amount_at(self, i: int) -> Amount | None:
        """The amount starting at token i: prefixed, suffixed, or a range with the currency last."""
        t = self.toks[i]
        if t.kind in ("word", "abbr") and t.low not in self.d["starters"] and not (
            len(t.low) == 4 and t.low[0] == "m"
        ):
            return None
        a = None
        if t.kind in ("sym", "dsym", "word", "abbr"):
            a = self.prefixed(i)
        if a is None and t.kind in ("num", "word"):
            num = self.number(i)
            if num is not None:
                a = self.suffixed(i, num)
                if a is None and not num.article and not num.bare_scale:
                    a = self._bare_first_range(i, num)
        return a

    def _extended(self, a: Amount) -> Amount:
        """The amount with its cents, then as the first end of a range if one follows."""
        self.cents(a)
        j = a.end
        if j < self.n and self.near(j - 1, j) and self._range_sep(a.first, j) and self.next_near(j):
            b = self.second_of_range(j + 1, a.currency)
            r = self.make_range(a, b) if b is not None else None
            if r is not None:
                return r
        return a

    def prefixed(self, i: int) -> Amount | None:
        """An amount with its currency first: "$550 billion", "US$550bn", "EUR 20"."""
        p = self.prefix_currency(i)
        if p is None:
            return None
        code, j, mscale, first = p
        if j >= self.n or not self.near(j - 1, j):
            return None
        num = self.number(j)
        if num is None or num.bare_scale or num.article or self._followed_by_percent(num.end):
            return None
        marker = self.toks[i]
        if marker.text.istitle() and num.scale is None and num.value == int(num.value) and 1900 <= num.value <= 2099:
            return None  # "the Euro 2008 championship", "Dollar 2025 outlook": a name with a year
        amount = Amount(first, num.end, num.value * (mscale or 1), code, num.scale or mscale,
                        bare_dollar=marker.kind == "sym" and marker.text in "$＄", plus=num.plus)
        return self._with_redundant_suffix(amount, num, marker)

    def _with_redundant_suffix(self, a: Amount, num: Number, marker: Tok) -> Amount | None:
        """A prefixed amount followed by a currency marker: the same currency's word belongs to
        the amount ("$ 10 dollars"), and another dollar's names the bare "$" ("$9 million CAD");
        after a currency word another currency reads as the amount's ("dollar 150 yen" is 150
        yen: None) unless a number follows ("rmb 10 usd 20")."""
        end = a.end
        if self.tok(end) is None:
            return a
        suf = self.suffix_currency(end - 1, end)
        if suf is None:
            return a
        if marker.kind in ("word", "abbr") and suf.currency != a.currency and self.number(suf.end) is None:
            return None
        if a.bare_dollar and suf.currency in self.d["dollar_currencies"] and suf.scale is None:
            a.currency, a.end, a.bare_dollar = suf.currency, suf.end, False  # "$1.7 billion CAD"
            return a
        if suf.currency == a.currency and self.toks[end].kind in ("word", "abbr") and suf.scale is None:
            a.end = suf.end
        elif suf.currency == a.currency and suf.scale is not None and self.toks[end].kind == "word" and num.scale is None:
            a.value, a.scale, a.end = a.value * suf.scale, suf.scale, suf.end  # "US$ 5 grand"? rare, kept simple
        return a

    def suffixed(self, i: int, num: Number | None = None) -> Amount | None:
        """An amount with its currency after the number: "84 trillion yen", "20€", "20 pence"."""
        num = num or self.number(i)
        if num is None:
            return None
        last, j = num.end - 1, num.end
        coded = self._code_then_scale(i, num)
        if coded is not None:
            return coded
        suf = self.suffix_currency(last, j)
        if suf is None and num.article:
            return self._coin(i, j)
        if suf is None:
            sub = self.subunit_suffix(i, last, j) if not num.bare_scale else None
            if sub is None:
                return None
            return Amount(i, sub[1], num.value / 100, sub[0], num.scale, unit=Decimal("0.01"))
        if not self._suffix_reads_as_amount(i, num, j, suf.end):
            return None
        value, scale = num.value, num.scale
        if suf.scale is not None:
            value, scale = value * suf.scale, suf.scale
        return Amount(i, suf.end, value, suf.currency, scale, plus=num.plus)

    def _coin(self, i: int, j: int) -> Amount | None:
        """"a penny", "a nickel" (a coin named after an article), at the end of a phrase or
        before "each", "per", "a" or punctuation ("a nickel mine" is no money)."""
        t = self.tok(j)
        if t is None or t.low not in self.d["coins"] or not self.near(j - 1, j):
            return None
        after = self.tok(j + 1)
        if not (after is None or after.kind == "punct" and after.text not in DASHES or after.low in ("each", "per", "a")):
            return None
        value, currency = self.d["coins"][t.low]
        return Amount(i, j + 1, value, currency)

    def _code_then_scale(self, i: int, num: Number) -> Amount | None:
        """"75 USD million": a code between the number and its scale word."""
        j = num.end
        c = self.code(j) if j < self.n and self.near(j - 1, j) else None
        if c and num.scale is None and not num.article:
            s = self._scale_at(j, j + 1)
            if s:
                return Amount(i, s[1], num.value * s[0], c[0], s[0])
        return None

    def _suffix_reads_as_amount(self, i: int, num: Number, j: int, end: int) -> bool:
        """Whether number + the currency marker at token j (ending at ``end``) is an amount: a
        bare scale only as an adjective ("trillion-dollar", "Billion Dollar Deals"; not after
        "multi-"), "a dollar" / "10 grand" / "10 won" only when what follows allows it, no
        price base year ("in 2020 euros") and no weight ("21,000 pounds of fentanyl")."""
        marker = self.toks[j]
        if num.bare_scale and (
            self._multi_before(i) or marker.text not in DASHES and marker.low not in self.d["adjective_words"]
        ):
            return False
        if num.scale is None and marker.low in self.d["weight_words"] and self._low_at(end) == "of":
            return False
        if num.article and not (marker.kind == "word" and self._word_after_ok(end)):
            return False
        if marker.low == "grand" and not self._word_after_ok(end):
            return False
        if self._price_base_year(i, num):
            return False
        return marker.low != "won" or num.scale is not None or num.value >= 1000 or self._word_after_ok(end)

    def _multi_before(self, i: int) -> bool:
        """"multi-billion-dollar", "Multi-million dollar": no number (the contract's rulings)."""
        j = i - 1 if i > 0 and self.toks[i - 1].text in DASHES and self.glued(i - 1, i) else i
        return j > 0 and self.toks[j - 1].low == "multi" and self.near(j - 1, j)

    def _low_at(self, j: int) -> str | None:
        t = self.tok(j)
        return t.low if t is not None else None

    def _word_after_ok(self, end: int) -> bool:
        """After "a dollar" / "10 grand": only the end, punctuation or a few words may follow."""
        t = self.tok(end)
        if t is not None and t.text in DASHES and self.glued(end - 1, end):
            return False  # "a dollar-denominated bond"
        return t is None or t.kind == "punct" or t.low in ("and", "in", "for", "to", "of", "per", "each", "or")

    def _price_base_year(self, i: int, num: Number) -> bool:
        """"in 2020 euros", "in 2015 dollars": a price base, not an amount."""
        t = self.toks[i]
        before = self._words_before(i, 1)
        return (
            t.kind == "num" and len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) <= 2100
            and num.scale is None and before == ["in"]
        )

    def cents(self, a: Amount) -> None:
        """Extend an amount with a sub-unit part: "3 dollars 50 cents", "$20 and 43c", "$20 43"."""
        if a.scale is not None or a.value != a.value.to_integral_value():
            return
        j = a.end
        if j < self.n and self.toks[j].low == "and" and self.near(j - 1, j):
            j += 1
        if j >= self.n or not self.near(j - 1, j):
            return
        num = self.number(j)
        if num is None or not num.small_int:
            return
        e = num.end
        t = self.tok(e)
        if t is not None and t.low in self.d["subunits"] and (self.near(e - 1, e)):
            if t.low == "c" and not self.glued(e - 1, e):
                return
            a.value += num.value * self.d["subunits"][t.low]
            a.end = e + 1
        elif self._reads_as_cents(e):
            a.value += num.value / 100
            a.end = e

    def _reads_as_cents(self, e: int) -> bool:
        """Whether a small number ending before token e is cents without a sub-unit word: at the
        end, before punctuation or a few words ("15 USD 50 more"), not before a currency."""
        t = self.tok(e)
        if t is None:
            return True
        if (t.kind == "punct" and t.text not in "%-–—/") or t.low in _CENTS_FOLLOWERS:
            return not (t.kind == "word" and self.suffix_currency(e - 1, e))
        return False

    def _opener_before(self, i: int) -> bool:
        b = self._words_before(i, 1)
        return bool(b) and b[0] in self.d["range_openers"]

    def _change_before(self, i: int) -> bool:
        return any(w in self.d["change_words"] for w in self._words_before(i, 4))

    def _change_in_clause(self, i: int, limit: int = 120) -> bool:
        """A change word earlier in the clause of the ``from`` at token ``i``, with no range
        word nearer (``increase the ... duty in effect on May 2, 2025, from 75 dollars to 100
        dollars``; not ``ranging from $5 to $10``). The clause may start before the window."""
        toks, k = self.toks, i
        if i < limit and self.toks[0].start > 0:
            before = tokenize(self.text, max(0, self.toks[0].start - 8 * (limit - i)), self.toks[0].start)
            toks, k = before + self.toks[: i + 1], len(before) + i
        for j in range(k - 1, max(-1, k - 1 - limit), -1):
            t = toks[j]
            gap = self.text[t.end : toks[j + 1].start]
            if "\n\n" in gap or t.kind == "punct" and t.text in ".;:!?" and not _between_digits(toks, j):
                return False
            if t.low in self.d["range_words"]:
                return False
            if t.low in self.d["change_words"]:
                return True
        return False

    def _range_sep(self, a_first: int, j: int) -> bool:
        t = self.tok(j)
        if t is None:
            return False
        if t.text in DASHES:
            return True
        if t.low not in self.d["range_seps"]:
            return False
        opener = self._opener_before(a_first)
        if t.low == "and":
            return opener
        # "to": a range unless it reads as a change ("rose from $5bn to $7bn", "increase the
        # duty ..., from 75 dollars to 100 dollars")
        start = a_first - 1 if opener else a_first
        source = self._from_before(a_first)
        if source is not None and self._change_in_clause(source):
            return False
        return not self._change_before(start)

    def _from_before(self, i: int) -> int | None:
        """The index of a "from" among the three words right before token i ("from a current
        US$38 billion")."""
        before = self._words_before(i, 3)
        if "from" not in before:
            return None
        return i - 1 - before[::-1].index("from")

    def second_of_range(self, j: int, currency: str | None) -> Amount | None:
        """The second end of a range from token j; a bare number takes ``currency``."""
        if j >= self.n:
            return None
        b = self.prefixed(j)
        if b is None and self.toks[j].kind in ("num", "word"):
            num = self.number(j)
            if num is None or num.article or num.bare_scale:
                return None
            b = self.suffixed(j, num)
            if b is None and not self._followed_by_percent(num.end):
                b = Amount(j, num.end, num.value, currency, num.scale)
        return b

    def make_range(self, a: Amount, b: Amount) -> Amount | None:
        if a.currency != b.currency:
            return None
        lo = a.value
        if a.scale is None and b.scale is not None and lo * b.scale <= b.value:
            lo = lo * b.scale
        if lo > b.value:
            return None
        return Amount(a.first, b.end, b.value, a.currency, b.scale, min=lo, max=b.value)

    def _bare_first_range(self, i: int, num: Number) -> Amount | None:
        """"10-20 dollars", "between 10 and 20 dollars", "7-9 lakh rupees", "500 million to 600
        million dollars"."""
        j = num.end
        t = self.tok(j)
        if t is None or not self.near(j - 1, j) or not self.next_near(j):
            return None
        # "between 10 and 20 dollars"; "lend 500 million to 600 million dollars" (both scaled, no change word)
        scaled_to = t.low == "to" and num.scale is not None and not self._change_before(i)
        if t.text in DASHES or (t.low in ("and", "to") and self._opener_before(i)) or scaled_to:
            b = self.second_of_range(j + 1, None)
            if b is None or b.currency is None:
                return None
            a = Amount(i, num.end, num.value * b.unit, b.currency, num.scale)  # "30-32c"
            return self.make_range(a, b)
        return None

    def qualifier(self, first: int) -> str | None:
        if self._opener_before(first):
            first -= 1
        before = self._words_before(first, self.d["max_qualifier_len"])
        for k in range(len(before), 0, -1):
            phrase = " ".join(before[-k:])
            if phrase in self.d["qualifiers"]:
                return self.d["qualifiers"][phrase]
        return None

    def _mention(self, a: Amount) -> dict:
        start, end = self.toks[a.first].start, self.toks[a.end - 1].end
        is_range = a.min is not None
        return {
            "text": self.text[start:end],
            "start": start,
            "end": end,
            "value": None if is_range else _clean(a.value),
            "min": _clean(a.min) if is_range else None,
            "max": _clean(a.max) if is_range else None,
            "currency": a.currency,
            "qualifier": self.qualifier(a.first) or ("at_least" if a.plus else None),
        }


def _clean(value: Decimal) -> Decimal:
    """Drop exponent notation and trailing zeros (5.0E+11 -> 500000000000, 8.50 -> 8.5)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def find_money(text: str) -> list[dict]:
    """All money mentions in ``text``, in the contract's shape (values as Decimals).

    >>> [(m["text"], m["value"], m["currency"]) for m in find_money("a $10 billion plant")]
    [('$10 billion', Decimal('10000000000'), 'USD')]
    >>> m = find_money("each with a scale of up to $80–$100 billion")[0]
    >>> m["min"], m["max"], m["qualifier"]
    (Decimal('80000000000'), Decimal('100000000000'), 'up_to')
    """
    found = []
    for lo, hi in _windows(text) if text else []:
        found.extend(_Parser(text, tokenize(text, lo, hi)).parse())
    return _story_currency(_same_amount_currency(found))


def _same_amount_currency(found: list[dict]) -> list[dict]:
    """A bare-$ amount takes another dollar's currency when the text states it for the same
    amount, and only for one currency ("$52.5 million" headline, "AU$52.5 million" in the body).
    Drops the ``bare_dollar`` marks."""
    stated: dict[tuple, set[str]] = {}
    for m in found:
        if not m["bare_dollar"]:
            stated.setdefault((m["value"], m["min"], m["max"]), set()).add(m["currency"])
    dollars = _data()["dollar_currencies"]
    for m in found:
        if m.pop("bare_dollar"):
            named = stated.get((m["value"], m["min"], m["max"]), set())
            if len(named) == 1 and next(iter(named)) in dollars:
                m["currency"] = next(iter(named))
    return found


def _story_currency(found: list[dict]) -> list[dict]:
    """Amounts whose word names no single currency take the story's, the currency of most of
    the other amounts: bare cents ("5 cents per share", currency "") among all currencies and
    are dropped without any; "116 Kroner" ("DKK|NOK|SEK") or "16 centavos" among their
    candidates, else the first candidate."""
    counts: dict[str, int] = {}
    for m in found:
        if m["currency"] and "|" not in m["currency"]:
            counts[m["currency"]] = counts.get(m["currency"], 0) + 1
    out = []
    for m in found:
        if not m["currency"] or "|" in m["currency"]:
            candidates = m["currency"].split("|") if m["currency"] else list(counts)
            known = [c for c in candidates if c in counts]
            if known:
                m["currency"] = max(known, key=lambda c: (counts[c], c == "USD"))
            elif m["currency"]:
                m["currency"] = candidates[0]
            else:
                continue
        out.append(m)
    return out


@Language.factory("money_amounts", default_config={}, assigns=["doc._.money"])
def make_money_amounts(nlp: Language, name: str) -> "MoneyAmounts":
    """spaCy component: writes ``doc._.money`` (MoneyMention dicts, amounts as decimal strings).
    It reads the text only."""
    return MoneyAmounts(nlp, name)


class MoneyAmounts(TableComponent):
    """Tables: currencies, money phrases and number words (packaged by default)."""

    TABLES = ("currencies.json", "money_phrases.json", "number_words.json")

    def process(self, doc):
        doc._.money = [
            {k: str(v) if isinstance(v, Decimal) else v for k, v in m.items()} for m in find_money(doc_text(doc))
        ]
        return doc
