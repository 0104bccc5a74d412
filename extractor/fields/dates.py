"""Dates: the article's publication date and the calendar dates it refers to.

Two spaCy components live here:

* ``published_date`` fills ``doc._.published`` (ISO ``YYYY-MM-DD``) from a date line or a
  dateline in the first lines of the article when the caller gave no date
  (``doc._.published_source = "detected"``).
* ``dates`` writes ``doc._.dates``: one ``{"text", "start", "end", "value", "granularity"}``
  per date mention (shared/ANNOTATION.md), resolved against ``doc._.published``.

How mentions are found: one compiled regex (the *date grammar*, built from
``data/date_words.json``) runs once over ``doc.text``. Each match is a *core* of a known kind
(``October 28, 2025``, ``Q3 2025``, ``last week``, ``the 28th``...). Strong kinds are kept as they
are; weak kinds (a bare month name, a bare year, ``the 28th``, ``Q3``) are kept only when the
model tagged an overlapping DATE entity (or TIME for day-like ones: ``the morning of the 28th``
gives ``the 28th``) or a preposition comes right before them. Model DATE entities in which the
grammar finds no core are handed to dateparser (normalisation only, behind a pre-filter,
length-bounded and cached); durations and anaphora (``four years``, ``that day``) neither match
the grammar nor pass the pre-filter, so they are dropped.

How values are resolved (``published`` = P, a Tuesday 2025-10-28 in the examples):

* A week's value is the Monday that starts it (``last week`` -> 2025-10-20).
* A bare weekday, ``the 28th``: the most recent such day on or before P (news is told in the
  past tense: ``Tuesday`` -> 2025-10-28, ``Wednesday`` -> 2025-10-22); when the governing verb
  is in the future tense (``will meet on Friday``) the first one on or after P.
  ``last Friday`` / ``next Friday`` are the first strictly before / after P.
* A month or month-and-day without a year: the year that opens its sentence or comes just before
  it (``In 2004, ... in January``); else past tense -> the most recent on or before P; future
  tense -> the first on or after P; otherwise the nearest one to P (``July`` -> 2025-07).
* Quarters and halves without a year are in P's year (the year before when one not yet begun is
  told in the past); a quarter's value is its first month, a half's value is its year.
* Modifiers (``mid-``, ``late``, ``the end of``) stay in the span and never change the value.
* Without P, anything relative gets ``value: None`` (the mention is still reported).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from extractor import extensions  # noqa: F401  (registers the Doc extensions)
from extractor.extensions import IntervalIndex, doc_text
from extractor.lexicon.tables import TableComponent, Tables, derived

# Spans longer than this are never handed to dateparser (it can be slow or hang on odd input).
MAX_DATEPARSER_CHARS = 40
# Where the publication date line may sit.
HEAD_CHARS = 400
HEAD_LINES = 3

WS = r"[ \t\u00a0]{1,3}"  # inner whitespace: bounded, never a line break (write "(?:{WS})?")
DASH = r"[-\u2013\u2014]"


# --------------------------------------------------------------------------------------------
# Data and the date grammar


@derived
def words(t: Tables) -> dict:
    """The date word lists (``data/date_words.json``)."""
    return t["date_words.json"]


def _trie(items: dict[str, str]) -> str:
    """A regex alternation of the strings in ``items`` (string -> regex tail such as ``\\.?``)
    written as a prefix tree, so a failing attempt costs one character test, not one per word.
    Longer words are tried first; a space inside a word becomes WS.

    >>> _trie({"Jan": "", "January": "", "June": ""})
    '(?:J(?:an(?:uary)?|une))'
    """
    tree: dict = {}
    for word, tail in items.items():
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = tail

    def emit(node) -> str:
        branches, end = [], None
        for ch, child in node.items():
            if ch == "":
                end = child
                continue
            piece = WS if ch == " " else re.escape(ch)
            # Collapse single-child chains into one literal run.
            while len(child) == 1 and "" not in child:
                (nch, child), = child.items()
                piece += WS if nch == " " else re.escape(nch)
            branches.append(piece + emit(child))
        if not branches:
            return end or ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end is None:
            return body
        if end == "" and len(branches) == 1 and not body.startswith("(?:"):
            return f"(?:{body})?"
        if end == "":
            return f"{body}?" if body.startswith("(?:") else f"(?:{body})?"
        return f"(?:{body}|{end})"

    return "(?:" + emit(tree) + ")"


def _alt(names, *, dot=False) -> str:
    """A case-sensitive alternation of ``names`` (Title and UPPER forms)."""
    tail = r"\.?" if dot else ""
    return "(?-i:" + _trie({f: tail for n in names for f in (n, n.upper())}) + ")"


def _words_alt(items) -> str:
    """A case-insensitive alternation of words/phrases (spaces as WS)."""
    return _trie({w.lower(): "" for w in items})


@derived
def grammar(t: Tables) -> re.Pattern:
    """The compiled date grammar: one alternative per kind, each in a group ``k_<kind>``
    (``_RESOLVERS`` maps each kind to its resolver).

    Every quantifier is bounded and every alternative starts at a word start, so the pass
    is linear in the text length.
    """
    w = words()
    body = "|".join(f"(?P<k_{name}>{rx})" for name, rx in _kind_patterns(w))
    return re.compile(
        rf"(?<![\w$\u00a3\u20ac\u00a5/]){_guard(w)}(?:{body})(?![^\W_])", re.IGNORECASE
    )


def _kind_patterns(w: dict) -> list[tuple[str, str]]:
    """``(kind, regex)`` for every kind of date core, in the order they are tried; the named
    groups inside are what the kind's resolver reads."""
    month_full = _alt(w["months"])
    month = "(?:" + month_full + "|" + _alt(w["month_abbreviations"], dot=True) + ")"
    wday_full = _alt(w["weekdays"])
    wday = "(?:" + wday_full + "|" + _alt(w["weekday_abbreviations"], dot=True) + ")"
    day = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
    dayord = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)(?!\w)"
    year = r"(?:19|20)\d\d(?!\d)"
    yy = r"'?\d\d(?!\d)"
    relyear = rf"(?:this|last|next){WS}year"
    parts = _words_alt(w["period_parts"])
    mods = _words_alt(w["modifiers"])
    mod = (
        rf"(?:(?:the{WS})?(?:very{WS})?(?:{parts}){WS}of{WS}"
        rf"|(?:{mods})(?:-|{WS})(?:in{WS})?|(?:end|start){DASH})"
    )
    qword = _words_alt(w["quarter_words"])
    hword = _words_alt(w["half_words"])
    rel = _words_alt(w["relative_words"])
    season = _words_alt(w["seasons"])
    numw = _words_alt(list(w["number_words"]))
    deictic = _words_alt(w["deictic_days"])
    fiscal = rf"(?:(?-i:FY)|fiscal(?:{WS}year)?|financial{WS}year)"

    def of_year(p):
        return (
            rf"(?:{WS}(?:of{WS})?(?:(?:the{WS})?(?:fiscal|calendar)(?:{WS}year)?{WS}|{fiscal}(?:{WS})?)?"
            rf"(?:(?P<{p}_y>{year}|{relyear}|the{WS}(?:current{WS})?year)|the{WS}(?P<{p}_dec>(?:19|20)\d0)'?s))?"
        )

    named = {}
    for key in ("named_days", "floating_named_days", "named_events", "term_start_days"):
        for name in w[key]:
            named[name] = ""
            named[name.replace("'", "\u2019")] = ""
    named_days = "(?-i:" + _trie(named) + ")"
    kinds = [
        ("named", rf"(?P<nm>{named_days})"),
        ("natday", rf"(?-i:[Nn]ational{WS}[Dd]ay)(?!{WS}of\b)"),
        ("iso", rf"(?P<iso_y>{year})(?P<iso_s>[-/.])(?P<iso_m>0[1-9]|1[0-2])(?P=iso_s)"
                rf"(?P<iso_d>3[01]|[12]\d|0[1-9])(?:T\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"),
        ("num", rf"(?P<num_a>\d{{1,2}})(?P<num_s>[/.])(?P<num_b>\d{{1,2}})(?P=num_s)(?P<num_y>{year})"),
        ("mdy", rf"(?:(?P<mdy_wd>{wday}),?{WS})?(?P<mdy_m>{month}){WS}(?P<mdy_d>{day})"
                rf"(?:(?:{WS})?(?:{DASH}|to|and|&)(?:{WS})?(?P<mdy_d2>{day}))?(?:(?:,(?:{WS})?|{WS})(?P<mdy_y>{year}))?"),
        ("dmy", rf"(?:(?P<dmy_wd>{wday}),?{WS})?(?:the{WS})?(?P<dmy_d>{day})(?:{WS}of{WS}|{WS})"
                rf"(?P<dmy_m>{month})(?:,?{WS}(?P<dmy_y>{year}))?"),
        ("mrange", rf"(?:the{WS})?(?P<mr_m1>{month})(?:{WS})?(?:{DASH}|to|through)(?:{WS})?(?P<mr_m2>{month})"
                   rf"(?:,?{WS}(?P<mr_y>{year}))?(?:{WS}(?P<mr_w>quarter|period|half))?"),
        ("my", rf"{mod}?(?:the{WS})?(?P<my_m>{month})(?:,?{WS}|{WS}(?:of|in){WS})"
               rf"(?:(?P<my_y>{year})|(?P<my_rel>this|last|next){WS}year)"),
        ("mperiod", rf"(?:the{WS})?(?:(?P<mp_w>first|last|final|opening|closing){WS}(?P<mp_n>three|six|3|6)(?:-|{WS})months?"
                    rf"{WS}of{WS}(?:(?P<mp_y>{year}|{relyear}|the{WS}(?:current{WS})?year)|the{WS}(?P<mp_fy>fiscal|financial){WS}year)"
                    rf"|(?P<mp_n2>three|six|3|6)(?:-|{WS})months?{WS}(?:to|ended|ending|through){WS}(?:the{WS}end{WS}of{WS})?"
                    rf"(?P<mp_m>{month_full}|{month})(?:{WS}{day})?(?:,?{WS}(?P<mp_y2>{year}))?)"),
        ("quarter", rf"{mod}?(?:the{WS})?(?P<q_n>{qword})(?:-|{WS})(?:(?:fiscal|calendar){WS})?quarter"
                    + of_year("q")),
        ("qshort", rf"(?P<qs_n>[1-4])(?-i:Q)(?:{WS}|-|')?(?P<qs_y>{year}|\d\d(?!\d))"),
        ("qtag", rf"(?-i:Q)(?P<qt_n>[1-4])(?:(?:{WS}|-|/)?(?:(?-i:FY|CY)(?:{WS})?|')?(?P<qt_y>{year}|\d\d(?!\d)))?"),
        ("qrel", rf"{mod}?(?P<qr_rel>(?:the{WS})?(?:{rel}|final)){WS}(?:(?:fiscal|calendar){WS})?quarter"),
        ("half", rf"(?:the{WS})?(?P<h_n>{hword})(?:-|{WS})half" + of_year("h")),
        # 'H2 2025', 'H2'25', '1H25'; not a model number such as 'H200'
        ("hshort", rf"(?:(?-i:H)[12](?:(?:{WS})?(?P<hs_y>{year})|(?:{WS}|')(?P<hs_yy>\d\d(?!\d)))"
                   rf"|[12](?-i:H)(?:{WS})?(?P<hs_y2>{year}|\d\d(?!\d)))"),
        ("decade", rf"{mod}?(?:the{WS})?(?:(?:early|mid|late)(?:-|{WS}))?"
                   rf"(?:(?P<dc_y>(?:1[89]|20|21)\d0)|'(?P<dc_yy>\d0))'?s"),
        ("fiscal", rf"{fiscal}(?:{WS})?(?P<f_y>{year}|{yy})(?:[-/](?:\d\d){{1,2}}(?!\d))?"),
        ("fiscal2", rf"(?:the{WS})?(?P<f2_y>{year})(?:[-/]\d\d(?:\d\d)?)?{WS}(?:fiscal|financial){WS}year"),
        ("ago", rf"(?P<ago_n>\d{{1,3}}|{numw}){WS}(?P<ago_u>day|week|month|year|decade)s?{WS}ago"),
        ("deictic", rf"(?P<dx>{deictic})"),
        ("season", rf"{mod}?(?:the{WS})?(?P<s_n>{season})(?:{WS}of)?{WS}(?P<s_y>{year})"),
        ("rel", rf"{mod}?(?P<rel_w>(?:the{WS})?(?:{rel}|following|prior|preceding)){WS}"
                rf"(?P<rel_u>(?:fiscal|financial){WS}year|weekend|week|month|year|decade|day|{month_full}|{wday_full}|{season})"),
        ("endof", rf"(?:(?P<eo_mod>{mod})(?:the{WS})?(?P<eo_u>year|month|week|decade|quarter)"
                  rf"|(?P<eo_u2>year|month|quarter)(?:-|{WS})end)"),
        ("mquarter", rf"(?:the{WS})?(?P<mq_m>{month_full}){WS}quarter"),
        ("wday", rf"(?P<wd>{wday_full})"),
        ("month", rf"(?P<mo_mod>{mod})?(?:the{WS})?(?P<mo>{month_full}|(?-i:Sept\.))(?!{WS}\d)"),
        ("dord", rf"(?P<do_mod>{mod})?the{WS}(?P<do>{dayord})(?!{WS}centur)(?!{WS}(?:of{WS})?(?-i:[A-Z]))"),
        ("year", rf"(?P<yr_mod>{mod})?(?:the{WS}year{WS})?(?P<yr>{year})"),
        ("oldyear", r"(?P<oy>1[0-8]\d\d)(?!\d)"),
    ]
    return kinds


def _guard(w: dict) -> str:
    """A cheap look-ahead that the word here can start a date at all, so the kinds are only
    tried at the few word starts that can begin one."""
    first_words = {"the", "very", "fiscal", "financial", "following", "prior", "preceding", "final",
                   "year", "month", "quarter", "end", "start"}
    for key in ("period_parts", "modifiers", "quarter_words", "half_words", "seasons",
                "relative_words", "number_words", "deictic_days", "months", "month_abbreviations",
                "weekdays", "weekday_abbreviations", "named_days", "floating_named_days", "named_events",
                "term_start_days"):
        first_words |= {entry.split()[0].lower() for entry in w[key]}
    first_words |= {f.replace("'", "\u2019") for f in first_words} | {"national"}
    return rf"(?=\d|'\d|(?-i:[QH][1-4]|FY)|{_words_alt(first_words)}(?![a-z]))"


@derived
def _lookups(t: Tables) -> dict:
    """Lower-cased lookup tables derived from the word lists."""
    w = words()
    months = {k.lower(): v for k, v in w["months"].items()}
    months.update({k.lower(): v for k, v in w["month_abbreviations"].items()})
    wdays = {k.lower(): v for k, v in w["weekdays"].items()}
    wdays.update({k.lower(): v for k, v in w["weekday_abbreviations"].items()})
    ctx = _words_alt(w["context_before"])
    return {
        "months": months,
        "weekdays": wdays,
        "numbers": dict(w["number_words"]),
        "quarters": w["quarter_words"],
        "halves": w["half_words"],
        "relative": w["relative_words"],
        "anaphoric": set(w["anaphoric_relative_words"]),
        "deictic": w["deictic_days"],
        "seasons": w["seasons"],
        "context": re.compile(
            rf"(?:\b(?:{ctx})|(?:19|20)\d\d(?:{WS})?(?:{DASH}|/|and|or|to|through))(?:{WS})?$|(?:19|20)\d\d{DASH}$"
            rf"|\w['\u2019]s?{WS}$",  # a possessive: 'the United States\u2019 2024 softwood consumption'
            re.IGNORECASE,
        ),
        "number_before": re.compile(
            rf"\b(?:{'|'.join(map(re.escape, w['document_number_words']))})(?:{WS})?\d+{WS}of{WS}$"),
        "number_after": re.compile(r"[-/](?!(?:19|20)\d\d(?!\d))\d{3}"),
        "approximate": re.compile(rf"\b(?:{_words_alt(w['approximate_words'])}){WS}$", re.IGNORECASE),
        "old_year_context": re.compile(rf"\b(?:{_words_alt(w['old_year_context'])}){WS}$", re.IGNORECASE),
        "not_followers": set(w["ordinal_not_date_followers"]),
        "term_days": set(w["term_start_days"]),
        # an acronym after a day word ('Today FM'), but not a time or zone ('Monday ET')
        "name_acronym": re.compile(
            rf" (?!(?:{'|'.join(map(re.escape, w['time_zone_words']))})\b)[A-Z]{{2,4}}\b(?![.,]?\s*\d)"),
        "generic_today_after": re.compile(
            rf"['\u2019]s?{WS}(?:{_words_alt(w['generic_today_followers'])})\b", re.IGNORECASE),
        "generic_today_before": re.compile(
            rf"\b(?:{_words_alt(w['generic_today_comparers'])})(?![\w.])[^.;:!?\n\d]{{0,30}}\d[\d.,]*"
            rf"(?:(?:{WS})?(?:%|percent|per{WS}cent|[a-z]+)){{0,2}}{WS}$", re.IGNORECASE),
        "generic_today_preceders": re.compile(rf"\b(?:{_words_alt(w['generic_today_preceders'])}){WS}$", re.IGNORECASE),
    }


# Weak kinds need confirmation (a model entity or a preposition before) unless the group named
# here (a modifier such as 'mid-' or 'the end of') matched.
WEAK_KINDS = {"month": "mo_mod", "dord": "do_mod", "year": "yr_mod", "qtag": None, "oldyear": None}
# Weak kinds that need both a model DATE entity and a word of old_year_context right before
# ('founded in 1889', 'since 1825'): a number such as 1117 is more often a count than a year.
BOTH_CONFIRM = {"oldyear"}
# Weak kinds that a TIME entity may confirm (it holds a day: 'the morning of the 28th').
TIME_CONFIRMS = {"dord", "month"}


# --------------------------------------------------------------------------------------------
# Calendar helpers


def _monday(day: _dt.date) -> _dt.date:
    return day - _dt.timedelta(days=day.weekday())


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(y: int, m: int, d: int) -> _dt.date | None:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def _year2(text: str) -> int:
    """``'25`` / ``25`` / ``2025`` -> 2025."""
    digits = text.lstrip("'")
    value = int(digits)
    return value + 2000 if len(digits) == 2 else value


def _fmt(value, granularity: str) -> str | None:
    """ISO text for a date (day, week), a (year, month) pair (month, quarter) or a year."""
    if value is None:
        return None
    if granularity in ("day", "week"):
        return value.isoformat()
    if granularity in ("month", "quarter"):
        return f"{value[0]:04d}-{value[1]:02d}"
    return f"{value:04d}"


# Without a tense, a month or day in the published year wins unless one in the year before or
# after is nearer to the published date and within this many days of it.
NEAR_OTHER_YEAR_DAYS = 80
# The tense of the sentence (often wrong in reported speech: 'said tariffs take effect Aug. 1')
# moves a date into the year before or after unless the one on the other side of the published
# date is within this many days of it ('agreed in October' in June -> last October; 'said the
# duty applies from Aug. 1' in July -> this Aug. 1).
TENSE_OVERRIDE_DAYS = 62


def _pick(candidates: list, ref: _dt.date, direction: str | None) -> _dt.date | None:
    """Choose among candidate dates (None entries are impossible dates and are skipped): the
    tense's choice when it gives one (``_pick_by_tense``), else the nearest (``_pick_nearest``)."""
    candidates = [c for c in candidates if c is not None]
    if not candidates:
        return None
    by_tense = _pick_by_tense(candidates, ref, direction)
    return by_tense if by_tense is not None else _pick_nearest(candidates, ref)


def _pick_by_tense(candidates: list, ref: _dt.date, direction: str | None) -> _dt.date | None:
    """past -> the latest <= ref, future -> the earliest >= ref; when that one is in another
    year, only if no candidate on the other side of ref is within TENSE_OVERRIDE_DAYS."""
    if direction == "future":
        chosen = min((c for c in candidates if c >= ref), default=None)
        other_side = [c for c in candidates if c < ref]
    elif direction == "past":
        chosen = max((c for c in candidates if c <= ref), default=None)
        other_side = [c for c in candidates if c > ref]
    else:
        return None
    if chosen is None:
        return None
    near_other = any(abs((c - ref).days) <= TENSE_OVERRIDE_DAYS for c in other_side)
    return chosen if chosen.year == ref.year or not near_other else None


def _pick_nearest(candidates: list, ref: _dt.date) -> _dt.date:
    """The candidate nearest to ref (the earlier on a tie), unless it is in another year and
    more than NEAR_OTHER_YEAR_DAYS away while one in ref's year exists."""
    nearest = min(candidates, key=lambda c: (abs((c - ref).days), c > ref))
    same_year = [c for c in candidates if c.year == ref.year]
    if same_year and nearest.year != ref.year and abs((nearest - ref).days) > NEAR_OTHER_YEAR_DAYS:
        return same_year[0]
    return nearest


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


# --------------------------------------------------------------------------------------------
# Resolving one grammar match


@dataclass
class Core:
    """One match of the date grammar (offsets into the searched text)."""

    kind: str
    start: int
    end: int
    match: re.Match

    @property
    def text(self) -> str:
        return self.match.group(0)

    def g(self, name: str) -> str | None:
        return self.match.group(name)


def _month_of(name: str) -> int:
    return _lookups()["months"][name.lower().rstrip(".")]


def _day_of(text: str) -> int:
    return int(re.match(r"\d+", text).group())


# Each resolver takes ``(core, pub, direction)`` and returns ``(value, granularity)``, or None
# when the match is not a date after all; ``_RESOLVERS`` (below) maps every grammar kind to one.


def _on_day(date: _dt.date | None):
    """``(ISO day, "day")`` for a date, None for an impossible one (``February 30``)."""
    return (_fmt(date, "day"), "day") if date else None


def _month_candidates(pub: _dt.date, month: int, years=(-1, 0, 1)) -> list[_dt.date]:
    """The first of ``month`` in the years around ``pub``'s."""
    return [_dt.date(pub.year + k, month, 1) for k in years]


def _pick_month(pub: _dt.date, month: int, direction: str | None) -> _dt.date:
    """The first of the ``month`` that ``direction`` points to, seen from ``pub``'s month."""
    return _pick(_month_candidates(pub, month), _dt.date(pub.year, pub.month, 1), direction)


def _resolve_iso(core: Core, pub, direction=None):
    """``2025-10-28``."""
    g = core.g
    return _on_day(_safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d"))))


def _resolve_numeric(core: Core, pub, direction=None):
    """``10/28/2025`` (US order for slashes unless impossible), ``28.10.2025`` (day first)."""
    g = core.g
    a, b, y = int(g("num_a")), int(g("num_b")), int(g("num_y"))
    m, d = (b, a) if (g("num_s") == "." or a > 12) else (a, b)
    return _on_day(_safe_date(y, m, d))


def _resolve_month_day(core: Core, pub, direction=None):
    """``October 28, 2025`` (kind mdy), ``28 October`` (kind dmy)."""
    g, kind = core.g, core.kind
    m, d = _month_of(g(f"{kind}_m")), _day_of(g(f"{kind}_d"))
    if g(f"{kind}_y"):
        return _on_day(_safe_date(int(g(f"{kind}_y")), m, d))
    if pub is None:
        return (None, "day") if _safe_date(2024, m, d) else None
    return _on_day(_pick([_safe_date(pub.year + k, m, d) for k in (-1, 0, 1)], pub, direction))


def _resolve_month_range(core: Core, pub, direction=None):
    """``April-June`` (a quarter when aligned), ``January-June`` and ``the April-September half``
    (a half: its year); a range across the year end starts in the year before its written year
    (``November to February 2005`` -> 2004-11)."""
    g = core.g
    m1, m2 = _month_of(g("mr_m1")), _month_of(g("mr_m2"))
    word = (g("mr_w") or "").lower()
    aligned = (m2 - m1) % 12 == 2 and m1 % 3 == 1
    gran = "quarter" if aligned or word == "quarter" else "month"
    if ((m2 - m1) % 12 == 5 and m1 in (1, 7)) or word == "half":
        gran = "year"
        if g("mr_y") and m1 <= m2:
            return (g("mr_y"), gran)
    if g("mr_y"):
        start = (int(g("mr_y")) - (m1 > m2), m1)
    elif pub is None:
        return (None, gran)
    else:
        pick = _pick_month(pub, m1, direction)
        start = (pick.year, pick.month)
    return (_fmt(start[0] if gran == "year" else start, gran), gran)


def _resolve_month_year(core: Core, pub, direction=None):
    """``October 2025``, ``October of next year``."""
    g = core.g
    m = _month_of(g("my_m"))
    if g("my_y"):
        return (_fmt((int(g("my_y")), m), "month"), "month")
    if pub is None:
        return (None, "month")
    delta = {"this": 0, "last": -1, "next": 1}[g("my_rel").lower()]
    return (_fmt((pub.year + delta, m), "month"), "month")


def _resolve_month_quarter(core: Core, pub, direction=None):
    """``the September quarter``: the quarter ending in September (the latest one)."""
    if pub is None:
        return (None, "quarter")
    m = (_month_of(core.g("mq_m")) - 3) % 12 + 1
    pick = _pick_month(pub, m, "past")
    return (_fmt((pick.year, pick.month), "quarter"), "quarter")


def _resolve_half(core: Core, pub, direction=None):
    """``the second half of 2025``, ``H2 2025``: a half's value is its year."""
    g = core.g
    if core.kind == "half" and g("h_dec"):
        return (g("h_dec"), "decade")
    y = g("h_y") if core.kind == "half" else (g("hs_y") or g("hs_yy") or g("hs_y2"))
    if y:
        year = _year_phrase(y, pub)
    else:  # only 'the second half' comes without a year
        year = _unwritten_year(pub, 6 * _lookups()["halves"][g("h_n").lower()] - 5, direction)
    return (_fmt(year, "year"), "year")


def _resolve_decade(core: Core, pub, direction=None):
    """``the 2030s``, ``the '90s`` (the century nearest to ``pub``)."""
    g = core.g
    if g("dc_y"):
        return (g("dc_y"), "decade")
    dd = int(g("dc_yy"))
    pivot = (pub.year % 100 if pub else 25) + 10
    return (f"{(2000 if dd <= pivot else 1900) + dd:04d}", "decade")


def _resolve_fiscal(core: Core, pub, direction=None):
    """``FY2025``, ``fiscal '25``."""
    return (_fmt(_year2(core.g("f_y")), "year"), "year")


def _resolve_fiscal_year(core: Core, pub, direction=None):
    """``the 2025 fiscal year``."""
    return (core.g("f2_y"), "year")


def _resolve_deictic(core: Core, pub, direction=None):
    """``today``, ``yesterday``, ``tomorrow``."""
    if pub is None:
        return (None, "day")
    offset = _lookups()["deictic"][_norm(core.g("dx"))]
    return (_fmt(pub + _dt.timedelta(days=offset), "day"), "day")


def _resolve_season(core: Core, pub, direction=None):
    """``summer 2025``: its year."""
    return (core.g("s_y"), "year")


def _resolve_end_of(core: Core, pub, direction=None):
    """``the end of the year``, ``year-end``: the current unit."""
    return _relative_unit((core.g("eo_u") or core.g("eo_u2")).lower(), 0, pub)


def _resolve_weekday(core: Core, pub, direction=None):
    """A bare weekday: the latest on or before ``pub``; the first on or after in the future."""
    if pub is None:
        return (None, "day")
    wd = _lookups()["weekdays"][core.g("wd").lower()]
    if direction == "future":
        date = pub + _dt.timedelta(days=(wd - pub.weekday()) % 7)
    else:
        date = pub - _dt.timedelta(days=(pub.weekday() - wd) % 7)
    return (_fmt(date, "day"), "day")


def _resolve_month(core: Core, pub, direction=None):
    """A bare month name."""
    if pub is None:
        return (None, "month")
    pick = _pick_month(pub, _month_of(core.g("mo")), direction)
    return (_fmt((pick.year, pick.month), "month"), "month")


def _resolve_day_ordinal(core: Core, pub, direction=None):
    """``the 28th``: in ``pub``'s month or the one before or after (past unless told)."""
    if pub is None:
        return (None, "day")
    d = _day_of(core.g("do"))
    cands = [_safe_date(*_shift_month(pub.year, pub.month, k), d) for k in (-1, 0, 1)]
    return _on_day(_pick(cands, pub, direction or "past"))


def _resolve_year(core: Core, pub, direction=None):
    """A bare year (``2025``; ``1889`` of kind oldyear)."""
    return (core.g("yr") or core.g("oy"), "year")


def _year_phrase(text: str, pub: _dt.date | None) -> int | None:
    """``2026`` / ``'26`` / ``next year`` / ``the year`` -> a year number (None if unknown)."""
    low = _norm(text)
    if re.fullmatch(r"'?\d{2}|\d{4}", low):
        return _year2(low)
    if pub is None:
        return None
    for word, delta in (("last", -1), ("next", 1)):
        if low.startswith(word):
            return pub.year + delta
    return pub.year


def _unwritten_year(pub: _dt.date | None, first_month: int, direction: str | None) -> int | None:
    """The year of a quarter or half named without one: ``pub``'s, or the year before when it
    starts after ``pub`` and the sentence is in the past (``Ford's sales were up in the fourth
    quarter`` in January 2010 -> 2009)."""
    if pub is None:
        return None
    return pub.year - 1 if direction == "past" and first_month > pub.month else pub.year


def _quarter_start(pub: _dt.date, delta: int = 0) -> tuple[int, int]:
    return _shift_month(pub.year, (pub.month - 1) // 3 * 3 + 1, 3 * delta)


def _resolve_quarter(core: Core, pub: _dt.date | None, direction=None):
    """``Q3 2025``, ``3Q25``, ``the third quarter``, ``last quarter``: its first month."""
    g, lk = core.g, _lookups()
    if core.kind == "qrel":
        phrase = _norm(g("qr_rel"))
        has_the = phrase.startswith("the ")
        word = phrase[4:] if has_the else phrase
        if word == "final":
            n, y = 4, (pub.year if pub else None)
        else:
            if has_the and word in lk["anaphoric"] and word != "last":
                return None  # 'the previous quarter', 'the following quarter'
            delta = -1 if word == "last" else lk["relative"].get(word, 0)
            if pub is None:
                return (None, "quarter")
            return (_fmt(_quarter_start(pub, delta), "quarter"), "quarter")
    elif core.kind == "quarter":
        n = lk["quarters"][g("q_n").lower()]
        y = _year_phrase(g("q_y"), pub) if g("q_y") else _unwritten_year(pub, 3 * n - 2, direction)
    elif core.kind == "qshort":
        n, y = int(g("qs_n")), _year2(g("qs_y"))
    else:
        n = int(g("qt_n"))
        y = _year2(g("qt_y")) if g("qt_y") else _unwritten_year(pub, 3 * n - 2, direction)
    if y is None:
        return (None, "quarter")
    return (_fmt((y, 3 * (n - 1) + 1), "quarter"), "quarter")


_COUNTRY_BEFORE = re.compile(r"((?:[A-Z][\w.]*[ \t]){0,2}[A-Z][\w.]*)(?:['\u2019]s?)?[ \t]+$")


def _country_before(text: str, start: int) -> str | None:
    """The country code of a country name or adjective right before ``start``
    (``Switzerland's national day``, ``India's Independence Day``)."""
    from extractor.lexicon.tables import country_code

    m = _COUNTRY_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return None
    words_ = m.group(1).split()
    for i in range(len(words_)):  # longest name first: 'South Korea's', then 'Korea's'
        code = country_code(" ".join(words_[i:]))
        if code:
            return code
    return None


def _floating_day(year: int, rule: list) -> _dt.date:
    """``[month, weekday, n, extra]``: the n-th (-1: last) weekday of the month, plus extra days."""
    month, wd, n, extra = rule
    if n > 0:
        first = _dt.date(year, month, 1)
        day = first + _dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    else:
        y, m = _shift_month(year, month, 1)
        last = _dt.date(y, m, 1) - _dt.timedelta(days=1)
        day = last - _dt.timedelta(days=(last.weekday() - wd) % 7)
    return day + _dt.timedelta(days=extra)


def _term_start(pub: _dt.date | None):
    """``Day One``: the first day of the US presidential term running on the published date."""
    if pub is None:
        return None
    starts = [d for d in map(_dt.date.fromisoformat, words()["us_term_starts"]) if d <= pub]
    return (_fmt(max(starts), "day"), "day") if starts else None


def has_term_cue(text: str, start: int, end: int, window: int = 120) -> bool:
    """Whether a presidency is named near ``Day One`` (``Since Day One, President Trump ...``)."""
    near = text[max(0, start - window):end + window]
    return any(re.search(rf"\b{re.escape(c)}\b", near) for c in words()["term_cues"])


_STATUTE_YEAR = None


def statute_years(text: str) -> list[tuple[int, int]]:
    """Spans of the years in statute and treaty names (``the Mining Act of 1872``)."""
    global _STATUTE_YEAR
    if _STATUTE_YEAR is None:
        names = "|".join(map(re.escape, words()["statute_words"]))
        _STATUTE_YEAR = re.compile(rf"\b[A-Z][\w.-]*\s+(?:{names})(?:\s+of)?\s+(1[5-9]\d\d|20\d\d)(?!\d)")
    return [m.span(1) for m in _STATUTE_YEAR.finditer(text)]


def _resolve_named(core: Core, pub: _dt.date | None, direction: str | None = None):
    """Named days: ``Christmas Day``, ``Thanksgiving``, ``Liberation Day`` (a one-off event) and
    ``<Country>'s national day`` / ``Independence Day``. None for a national day of no known
    country and for an event after the published date."""
    w = words()
    name = core.g("nm").replace("\u2019", "'") if core.kind == "named" else "national day"
    if name in w["term_start_days"]:
        return _term_start(pub)
    if name in w["named_events"]:
        date = _dt.date.fromisoformat(w["named_events"][name])
        return (_fmt(date, "day"), "day") if pub is None or pub >= date else None
    if name in w["floating_named_days"]:
        if pub is None:
            return (None, "day")
        rule = w["floating_named_days"][name]
        pick = _pick([_floating_day(pub.year + k, rule) for k in (-1, 0, 1)], pub, direction)
        return (_fmt(pick, "day"), "day")
    month_day = w["named_days"].get(name)
    if name in ("national day", "Independence Day"):
        code = _country_before(core.match.string, core.start)
        month_day = w["national_days"].get(code) if code else month_day
    if month_day is None:
        return None
    if pub is None:
        return (None, "day")
    m, d = (int(x) for x in month_day.split("-"))
    pick = _pick([_safe_date(pub.year + k, m, d) for k in (-1, 0, 1)], pub, direction)
    return (_fmt(pick, "day"), "day") if pick else None


def _resolve_month_period(core: Core, pub: _dt.date | None, direction=None):
    """``the first three months of the year`` -> its first quarter; ``the last six months of
    2024`` -> a half (its year); ``the three months to June`` -> the quarter ending in June.
    A fiscal year's months are unknown: ``the first six months of the fiscal year`` is None."""
    g = core.g
    if g("mp_fy"):
        return None
    if g("mp_w"):
        n = 3 if g("mp_n") in ("three", "3") else 6
        y = _year_phrase(g("mp_y"), pub)
        if n == 6:
            return (_fmt(y, "year"), "year")
        first = g("mp_w").lower() in ("first", "opening")
        return (_fmt((y, 1 if first else 10), "quarter") if y else None, "quarter")
    n = 3 if g("mp_n2") in ("three", "3") else 6
    m = _month_of(g("mp_m"))
    if g("mp_y2"):
        y = int(g("mp_y2"))
    elif pub is None:
        return (None, "quarter" if n == 3 else "year")
    else:
        y = _pick([_dt.date(pub.year + k, m, 1) for k in (-1, 0)], _dt.date(pub.year, pub.month, 1), "past").year
    y, first_month = _shift_month(y, m, 1 - n)
    if n == 6:
        return (_fmt(_shift_month(y, first_month, 5)[0] if first_month > 7 else y, "year"), "year")
    return (_fmt((y, first_month), "quarter"), "quarter")


def _resolve_ago(core: Core, pub: _dt.date | None, direction=None):
    """``three weeks ago``, ``two decades ago``."""
    raw = core.g("ago_n")
    n = int(raw) if raw.isdigit() else _lookups()["numbers"].get(_norm(raw))
    unit = core.g("ago_u").lower()
    gran = "year" if unit == "decade" else unit
    if n is None:
        return None  # 'a few weeks ago', 'several years ago': approximate, not a date
    if pub is None:
        return (None, gran)
    if unit == "day":
        return (_fmt(pub - _dt.timedelta(days=n), "day"), "day")
    if unit == "week":
        return (_fmt(_monday(pub - _dt.timedelta(weeks=n)), "week"), "week")
    if unit == "month":
        return (_fmt(_shift_month(pub.year, pub.month, -n), "month"), "month")
    return (_fmt(pub.year - n * (10 if unit == "decade" else 1), "year"), "year")


def _relative_unit(unit: str, delta: int, pub: _dt.date | None):
    """``this/last/next <unit>`` relative to ``pub``."""
    gran = "week" if unit == "weekend" else unit
    if pub is None:
        return (None, gran)
    if unit in ("week", "weekend"):
        return (_fmt(_monday(pub) + _dt.timedelta(weeks=delta), "week"), "week")
    if unit == "month":
        return (_fmt(_shift_month(pub.year, pub.month, delta), "month"), "month")
    if unit == "quarter":
        return (_fmt(_quarter_start(pub, delta), "quarter"), "quarter")
    if unit == "year":
        return (_fmt(pub.year + delta, "year"), "year")
    if unit == "decade":
        return (f"{pub.year // 10 * 10 + 10 * delta:04d}", "decade")
    return None


def _relative_month(month: int, delta: int, pub: _dt.date | None):
    """``last/next/this October``: the latest before, the first after, or ``pub``'s year."""
    if pub is None:
        return (None, "month")
    y = pub.year
    if delta < 0:
        y = pub.year if month < pub.month else pub.year - 1
    elif delta > 0:
        y = pub.year if month > pub.month else pub.year + 1
    return (_fmt((y, month), "month"), "month")


def _relative_weekday(wd: int, delta: int, pub: _dt.date | None):
    """``last/next Friday`` (strictly before / after ``pub``), ``this Friday`` (its week)."""
    if pub is None:
        return (None, "day")
    if delta < 0:
        date = pub - _dt.timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    elif delta > 0:
        date = pub + _dt.timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    else:
        date = _monday(pub) + _dt.timedelta(days=wd)
    return (_fmt(date, "day"), "day")


def _relative_season(start: int, delta: int, pub: _dt.date | None):
    """``last/next/this summer`` (``start``: its first month): its year."""
    if pub is None:
        return (None, "year")
    y = pub.year
    if delta < 0:
        y = pub.year if start + 3 <= pub.month else pub.year - 1
    elif delta > 0:
        y = pub.year if start > pub.month else pub.year + 1
    return (f"{y:04d}", "year")


_RELATIVE_UNITS = ("weekend", "week", "month", "year", "decade")


def _is_anaphoric_relative(word: str, unit: str, has_the: bool, fiscal_year: bool) -> bool:
    """Whether ``<the> <word> <unit>`` counts from a time in the story, not from the published
    date: 'the following week', 'the next day', 'over the past year', 'the previous week'."""
    if word in ("following", "prior", "preceding") or unit == "day":
        return True
    exempt = fiscal_year or (unit == "decade" and word in ("next", "coming"))
    return unit in _RELATIVE_UNITS and has_the and word in _lookups()["anaphoric"] and not exempt



def _resolve_relative(core: Core, pub: _dt.date | None, direction=None):
    """``last week``, ``next fiscal year``, ``this October``, ``last Friday``, ``next summer``."""
    lk = _lookups()
    phrase = _norm(core.g("rel_w"))
    unit = _norm(core.g("rel_u"))
    fiscal_year = unit.endswith(" year")
    unit = "year" if fiscal_year else unit
    has_the = phrase.startswith("the ")
    word = phrase[4:] if has_the else phrase
    if _is_anaphoric_relative(word, unit, has_the, fiscal_year):
        return None
    delta = lk["relative"].get(word, 0)
    if unit in _RELATIVE_UNITS:
        return _relative_unit(unit, delta, pub)
    for table, resolve in (("months", _relative_month), ("weekdays", _relative_weekday),
                           ("seasons", _relative_season)):
        if unit in lk[table]:
            return resolve(lk[table][unit], delta, pub)
    return None


# How each grammar kind (``grammar()``'s groups ``k_<kind>``) becomes a value.
_RESOLVERS = {
    "named": _resolve_named,
    "natday": _resolve_named,
    "iso": _resolve_iso,
    "num": _resolve_numeric,
    "mdy": _resolve_month_day,
    "dmy": _resolve_month_day,
    "mrange": _resolve_month_range,
    "my": _resolve_month_year,
    "mperiod": _resolve_month_period,
    "quarter": _resolve_quarter,
    "qshort": _resolve_quarter,
    "qtag": _resolve_quarter,
    "qrel": _resolve_quarter,
    "half": _resolve_half,
    "hshort": _resolve_half,
    "decade": _resolve_decade,
    "fiscal": _resolve_fiscal,
    "fiscal2": _resolve_fiscal_year,
    "ago": _resolve_ago,
    "deictic": _resolve_deictic,
    "season": _resolve_season,
    "rel": _resolve_relative,
    "endof": _resolve_end_of,
    "mquarter": _resolve_month_quarter,
    "wday": _resolve_weekday,
    "month": _resolve_month,
    "dord": _resolve_day_ordinal,
    "year": _resolve_year,
    "oldyear": _resolve_year,
}


def _resolve(core: Core, pub: _dt.date | None, direction: str | None = None):
    """``(value, granularity)`` for a grammar match; None when it is not a date after all
    (a duration or an anaphor such as ``the following week``). ``value`` is None when it needs
    ``pub`` and there is none."""
    return _RESOLVERS[core.kind](core, pub, direction)


# --------------------------------------------------------------------------------------------
# dateparser fallback (normalisation only, for model DATE spans the grammar does not know)

_PREFILTER = re.compile(r"[\w ,.'/\u2019-]{3,%d}" % MAX_DATEPARSER_CHARS)
_PREFILTER_REJECT = re.compile(
    r"\b(?:that|same|ago|earlier|later|before|after|following|each|every|years|months|weeks|days)\b",
    re.IGNORECASE,
)


def could_be_date(text: str) -> bool:
    """Cheap gate before dateparser: short, plain, names a month, a weekday or a year, and no
    anaphora or duration words.

    >>> could_be_date("the Fourth of July"), could_be_date("that day"), could_be_date("x" * 90)
    (True, False, False)
    """
    if not _PREFILTER.fullmatch(text) or _PREFILTER_REJECT.search(text):
        return False
    lk = _lookups()
    return any(
        t.lower() in lk["months"] or t.lower() in lk["weekdays"] or re.fullmatch(r"(?:19|20)\d\d", t)
        for t in re.findall(r"[A-Za-z]+|\d+", text)
    )


@lru_cache(maxsize=4096)
def dateparser_normalise(text: str, published: str | None) -> tuple[str | None, str] | None:
    """Normalise a date span with dateparser (English only, relative to ``published``).

    The granularity comes from the parts dateparser read (day, month, year), so ``March 2023``
    stays a month. Call it only on text that passed ``could_be_date``.
    """
    from dateparser.date import DateDataParser

    base = _dt.datetime.fromisoformat(published) if published else _dt.datetime(2000, 1, 1)
    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"},
    )
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises on some odd inputs; a span it cannot read is no date
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    parts = set(data.parts or ())
    if data.period == "week":
        value, gran = _fmt(_monday(day), "week"), "week"
    elif "day" in parts:
        value, gran = _fmt(day, "day"), "day"
    elif "month" in parts:
        value, gran = _fmt((day.year, day.month), "month"), "month"
    elif "year" in parts:
        value, gran = _fmt(day.year, "year"), "year"
    else:
        return None
    if published is None and "year" not in parts:
        value = None
    return value, gran


# --------------------------------------------------------------------------------------------
# Public pure functions


def find_cores(text: str, start: int = 0, end: int | None = None) -> list[Core]:
    """All grammar matches in ``text[start:end]`` (offsets into ``text``)."""
    return [
        Core(m.lastgroup[2:], m.start(), m.end(), m)
        for m in grammar().finditer(text, start, len(text) if end is None else end)
    ]


def _as_date(published) -> _dt.date | None:
    if published is None or isinstance(published, _dt.date):
        return published
    return _dt.date.fromisoformat(published)


def normalise_date(text: str, published=None, direction: str | None = None):
    """``(value, granularity)`` for one date expression, or None if it is not a date.

    ``published`` (ISO string or date) resolves relative dates; ``direction`` is ``"past"``,
    ``"future"`` or None (the tense of the sentence, when known).

    >>> normalise_date("last week", "2025-10-28")
    ('2025-10-20', 'week')
    >>> normalise_date("the April-June quarter", "2025-10-28")
    ('2025-04', 'quarter')
    >>> normalise_date("the 2030s")
    ('2030', 'decade')
    >>> normalise_date("a year ahead of schedule", "2025-10-28") is None
    True
    """
    text = text.strip()
    pub = _as_date(published)
    cores = find_cores(text)
    if cores:
        core = max(cores, key=lambda c: c.end - c.start)
        return _resolve(core, pub, direction)
    if could_be_date(text):
        return dateparser_normalise(text, pub.isoformat() if pub else None)
    return None


# --------------------------------------------------------------------------------------------
# Publication date detection

_NAME = r"[A-Z][\w.'\u2019-]{0,30}(?:/[A-Z][\w.'\u2019-]{0,30}){0,3}"  # 'PITTSBURGH/TOKYO' 
_DATELINE_PREFIX = re.compile(
    rf"[ \t]*{_NAME}(?:[ \t]{_NAME}){{0,4}}(?:,[ \t]*{_NAME}(?:[ \t]{_NAME}){{0,3}}){{0,2}},?[ \t]*"
)
_DATELINE_SUFFIX = re.compile(r",?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[-\u2013\u2014:]")
_TIME = re.compile(r"(?<!\w)\d{1,2}(?:[:.]\d\d)?(?:[ \t]?[ap]\.?m\.?)?(?!\w)", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w$])(?:19|20)\d\d(?!\d)")
_FULL_DATE_KINDS = {"iso", "num", "mdy", "dmy"}


def _head_lines(text: str) -> list[str]:
    """The first non-empty lines within the first HEAD_CHARS characters."""
    out = []
    for line in text[:HEAD_CHARS].splitlines():
        if line.strip():
            out.append(line)
            if len(out) == HEAD_LINES:
                break
    return out


def _is_dateline(line: str, core: Core) -> bool:
    """``TOKYO, Oct 28 (Reuters) -``: capitalised place words, a comma, the date, a dash."""
    before = line[: core.start]
    return bool(before.strip() and "," in before and _DATELINE_PREFIX.fullmatch(before)
                and _DATELINE_SUFFIX.match(line, core.end))


def _is_date_line(line: str, core: Core) -> bool:
    """A line that is only a date (plus byline, time and 'Published' words) or a dateline."""
    w = words()
    before = line[: core.start].lower()
    if any(re.search(rf"\b{re.escape(k)}\b", before) for k in w["published_keywords"]):
        return True
    if _is_dateline(line, core):
        return True
    residual = _TIME.sub(" ", line[: core.start] + " " + line[core.end:])
    byline = set(w["byline_words"])
    content = [t for t in re.findall(r"[A-Za-z][\w.'\u2019]*", residual)
               if t.lower() not in byline and t.lower().rstrip(".") not in byline]
    return len(content) <= 6 and not any(t[0].islower() for t in content)


def detect_published(text: str) -> str | None:
    """The publication date from a date line or dateline at the top of ``text``, or None.

    >>> detect_published("Published: 4 March 2025\\nTokyo stocks rose.")
    '2025-03-04'
    >>> detect_published("TOKYO, Oct 28 (Reuters) - Japan said on Tuesday...") is None
    True
    """
    lines = _head_lines(text)
    yearless = None
    for line in lines:
        for core in find_cores(line):
            if core.kind not in _FULL_DATE_KINDS or not _is_date_line(line, core):
                continue
            value = _resolve(core, None)
            if value and value[0]:
                return value[0]
            if yearless is None and core.kind in ("mdy", "dmy"):
                yearless = core
    if yearless is not None:
        # A dateline without a year ('TOKYO, Oct 28 (Reuters) -'): a year must be found at the top.
        kind = yearless.kind
        month, day = _month_of(yearless.g(f"{kind}_m")), _day_of(yearless.g(f"{kind}_d"))
        for m in _YEAR.finditer("\n".join(lines)):
            date = _safe_date(int(m.group()), month, day)
            if date:
                return date.isoformat()
    return None


# --------------------------------------------------------------------------------------------
# Tense of the sentence around a mention

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_FUTURE_HEADS = {"plan", "plans", "planned", "expected", "scheduled", "due", "set", "going", "aims", "intends", "likely"}
_PAST_BE = {"was", "were"}
_PAST_PREPS = {"since"}
# Present-tense verbs that describe a state, not a scheduled event ('exports are up', 'remains').
_STATIVE = {"be", "have", "remain", "stand", "say", "show", "mean", "include", "compare", "trail", "exceed", "lag"}


def _present_lemma(tok) -> str:
    """Lemma of a present-tense verb without the lemmatizer (the pipeline leaves it out)."""
    low = tok.lower_
    if low in ("is", "are", "am", "'s", "'re", "'m"):
        return "be"
    if low == "has":
        return "have"
    if tok.tag_ == "VBZ" and low.endswith("s"):
        return low[:-1]  # says, remains, includes, compares: enough for the stative words above
    return low
# How many heads the climb from a date to its governing verb may pass.
_CLIMB_STEPS = 8
_NEEDS_DIRECTION = {"named", "natday", "wday", "month", "dord", "mdy", "dmy", "mrange", "quarter", "qtag", "half"}


def _direction(doc: Doc, start: int, end: int) -> str | None:
    """'past', 'future' or None from the verb that governs the span at ``start:end``."""
    if not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    if tok.head.lower_ in _PAST_PREPS and tok.dep_ == "pobj":
        return "past"  # 'in force since March 4'
    verb, path = _governing_verb(tok)
    return None if verb is None else _verb_tense(verb, path)


def _governing_verb(tok):
    """The verb reached by climbing at most _CLIMB_STEPS heads from ``tok`` (None if none),
    and the dependency labels passed on the way."""
    path = []
    for _ in range(_CLIMB_STEPS):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        path.append(tok.dep_)
        tok = tok.head
    return (tok if tok.pos_ in ("VERB", "AUX") else None), path


def _verb_tense(verb, path: list[str]) -> str | None:
    """The tense of ``verb``: its modal; a plan ('plans to meet on Friday'); its form."""
    modal = next((c for c in verb.children if c.tag_ == "MD"), None)
    if modal is not None:
        return "future" if modal.lower_ in _FUTURE_AUX else None
    if verb.dep_ == "xcomp" and (verb.tag_ == "VB" or any(c.tag_ == "TO" for c in verb.children)):
        head = verb.head  # 'to meet', 'to be discussed'
        if head.lower_ in _FUTURE_HEADS or any(c.tag_ == "MD" and c.lower_ in _FUTURE_AUX for c in head.children):
            # 'was due to start on the 25th', 'a round, due to start on the 25th, was called off':
            # a plan seen from the past, on either side of the published date.
            seen_from_past = any(c.lower_ in _PAST_BE for c in head.children) or (
                head.dep_ != "ROOT" and head.head.tag_ in ("VBD", "VBN"))
            return None if seen_from_past else "future"
        verb = head
    return _tense_of_form(verb, path)


def _tense_of_form(verb, path: list[str]) -> str | None:
    """Past for a past form; future for 'is visiting on Friday' and for a scheduled event in the
    present tense ('the duty takes effect on Saturday'); else None."""
    if verb.tag_ in ("VBD", "VBN"):
        # a present passive ('offers are not expected before June') says nothing of the time
        present_passive = any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        return None if present_passive else "past"
    if verb.tag_ == "VBG" and any(c.lower_ in ("is", "are", "'s", "'re") for c in verb.children):
        return "future"
    if (verb.tag_ in ("VBZ", "VBP") and _present_lemma(verb) not in _STATIVE and path in (["npadvmod"], ["pobj", "prep"])
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)):
        return "future"
    return None


# --------------------------------------------------------------------------------------------
# spaCy components


class _DateComponent(TableComponent):
    """Tables: the date words (``date_words.json``) and country names (packaged by default)."""

    TABLES = ("date_words.json", "countries.json")


@Language.factory(
    "published_date", default_config={}, assigns=["doc._.published", "doc._.published_source"]
)
def make_published_date(nlp: Language, name: str) -> "PublishedDate":
    """Fill ``doc._.published`` from the article's date line when the caller gave none."""
    return PublishedDate(nlp, name)


class PublishedDate(_DateComponent):
    def process(self, doc: Doc) -> Doc:
        if doc._.published is None:
            found = detect_published(doc_text(doc))
            if found:
                doc._.published = found
                doc._.published_source = "detected"
        return doc


_QUOTES = "\"\u201c\u201d"
_SENTENCE_END = re.compile(r"[.!?][\"\u201d]?[ \t]+(?=[A-Z\"\u201c])")
_SPOKEN_KINDS = {"wday", "mdy", "dmy", "iso"}
ATTRIBUTION_CHARS = 150
QUOTE_SCOPE_CHARS = 1500  # how far a quotation may reach around a relative word


def quote_day(text: str, start: int, end: int, pub: _dt.date, spoken: list | None = None) -> _dt.date | None:
    """The day a quotation around ``text[start:end]`` was spoken, when its attribution in the
    same sentence names it (``"... for tomorrow," Sheinbaum wrote on Thursday.``); else None.
    Relative words inside the quote (``tomorrow``) count from that day (gold_decisions_G2).
    ``spoken``: the text's day-naming cores as sorted ``(start, end, core)``, to skip a search.

    >>> t = '"The increase announced for tomorrow is off," she wrote on Thursday.'
    >>> quote_day(t, t.index("tomorrow"), t.index("tomorrow") + 8, _dt.date(2025, 8, 1))
    datetime.date(2025, 7, 31)
    """
    line_start = max(text.rfind("\n", 0, start) + 1, start - QUOTE_SCOPE_CHARS)
    line_end = text.find("\n", end, end + QUOTE_SCOPE_CHARS)
    line_end = min(len(text), end + QUOTE_SCOPE_CHARS) if line_end < 0 else line_end
    if sum(text.count(q, line_start, start) for q in _QUOTES) % 2 == 0:
        return None  # not inside a quotation
    opening = max(text.rfind(q, line_start, start) for q in _QUOTES)
    closes = [i for i in (text.find(q, end, line_end) for q in _QUOTES) if i >= 0]
    if not closes:
        return None
    close = min(closes)
    after = text[close + 1: min(line_end, close + 1 + ATTRIBUTION_CHARS)]
    stop = _SENTENCE_END.search(after)
    windows = [(close + 1, close + 1 + (stop.start() if stop else len(after)))]
    head = text[max(line_start, opening - ATTRIBUTION_CHARS): opening]
    bounds = list(_SENTENCE_END.finditer(head))
    windows.append((opening - len(head) + (bounds[-1].end() if bounds else 0), opening))
    for lo, hi in windows:
        if spoken is None:
            cores = find_cores(text, lo, hi)
        else:  # the article's cores, sorted by start: only those inside the window
            i = bisect.bisect_left(spoken, (lo,))
            cores = [c for _, _, c in spoken[i: bisect.bisect_left(spoken, (hi,))] if c.end <= hi]
        for core in cores:
            if core.kind in _SPOKEN_KINDS:
                resolved = _resolve(core, pub, "past")
                if resolved and resolved[0] and resolved[1] == "day":
                    return _dt.date.fromisoformat(resolved[0])
    return None


def is_generic_today(text: str, start: int, end: int) -> bool:
    """True when the ``today`` at ``text[start:end]`` means 'nowadays', not the published day:
    ``in today's money``, ``up from roughly 8.5% today``, ``as we know it today``.

    >>> t = "a share of 20% by 2040, up from roughly 8.5% today."
    >>> is_generic_today(t, t.index("today"), t.index("today") + 5)
    True
    """
    lk = _lookups()
    if _norm(text[start:end]) != "today":
        return False
    return bool(lk["generic_today_after"].match(text, end, end + 20)
                or lk["generic_today_before"].search(text, max(0, start - 60), start)
                or lk["generic_today_preceders"].search(text, max(0, start - 20), start))


def _mention(text: str, start: int, end: int, value: str | None, granularity: str) -> dict:
    return {"text": text, "start": start, "end": end, "value": value, "granularity": granularity}


def _weak_core_confirmed(core: Core, text: str, ent_index: dict) -> bool:
    """A weak core (WEAK_KINDS) counts when its modifier matched, or a model entity overlaps it,
    or a context word comes right before it; ``the 28th`` not before a word such as 'century'."""
    modifier = WEAK_KINDS[core.kind]
    if modifier and core.g(modifier):
        return True
    lk = _lookups()
    labels = ("DATE", "TIME") if core.kind in TIME_CONFIRMS else ("DATE",)
    if core.kind in BOTH_CONFIRM:
        return (ent_index[labels].overlaps(core.start, core.end)
                and lk["old_year_context"].search(text, max(0, core.start - 20), core.start) is not None)
    if not (ent_index[labels].overlaps(core.start, core.end)
            or lk["context"].search(text, max(0, core.start - 20), core.start)):
        return False
    if core.kind == "dord":
        nxt = re.match(r"[ \t]*([A-Za-z]+)", text[core.end: core.end + 30])
        if nxt and nxt.group(1).lower() in lk["not_followers"]:
            return False
    return True


def _keep_core(core: Core, text: str, ent_index: dict) -> bool:
    """Whether a grammar match is a date mention of the article."""
    if core.kind in WEAK_KINDS and not _weak_core_confirmed(core, text, ent_index):
        return False
    if core.kind == "year" and _in_a_document_number(text, core.start, core.end):
        return False
    if core.kind == "ago" and _lookups()["approximate"].search(text, max(0, core.start - 20), core.start):
        return False  # 'less than two years ago', 'more than a year ago'
    if core.kind == "deictic" and is_generic_today(text, core.start, core.end):
        return False
    if core.kind in ("deictic", "wday") and _in_a_name(text, core.start, core.end):
        return False
    if core.kind == "named" and core.g("nm") in _lookups()["term_days"]:
        return has_term_cue(text, core.start, core.end)  # "from day one of the project": no presidency
    return True


def _in_a_document_number(text: str, start: int, end: int) -> bool:
    """``No. 4 of 2025``, ``2026-11296``: a year that is part of a document's number.

    >>> _in_a_document_number("Council No. 4 of 2025,", 17, 21), _in_a_document_number("in 2024-2025", 3, 7)
    (True, False)
    """
    lk = _lookups()
    return bool(lk["number_before"].search(text, max(0, start - 20), start) or lk["number_after"].match(text, end))


def _in_a_name(text: str, start: int, end: int) -> bool:
    """``The Sunday Times``, ``Today FM``: a day word inside a title-case name (a capital ``The``
    inside a sentence before it, or an acronym right after it).

    >>> _in_a_name("said The Sunday Times.", 9, 15), _in_a_name("owns Today FM and FM104.", 5, 10)
    (True, True)
    >>> _in_a_name("The Sunday meeting was cancelled.", 4, 10), _in_a_name("on Sunday, the bank", 3, 9)
    (False, False)
    """
    before = text[max(0, start - 20):start]
    if re.search(r"[a-z,;:]\s+The\s+$", before) and text[end:end + 1] == " " and text[end + 1:end + 2].isupper():
        return True
    return _lookups()["name_acronym"].match(text[end:end + 6]) is not None


def _quoted_deictic(core: Core, text: str, pub: _dt.date, spoken: list):
    """``tomorrow`` inside a quotation whose attribution names the day it was spoken: counted
    from that day (``quote_day``); None otherwise."""
    said_on = quote_day(text, core.start, core.end, pub, spoken)
    if said_on is None:
        return None
    offset = _lookups()["deictic"][_norm(core.g("dx"))]
    return (_fmt(said_on + _dt.timedelta(days=offset), "day"), "day")


def _grammar_mentions(doc: Doc, text: str, pub: _dt.date | None, ents: list,
                      refused: list | None = None) -> list[dict]:
    """The grammar's matches that are kept, each resolved (in the sentence's tense if needed);
    the spans of those ``_keep_core`` refuses are added to ``refused``."""
    cores = find_cores(text)
    spoken = [(c.start, c.end, c) for c in cores if c.kind in _SPOKEN_KINDS]
    # The model's DATE (and TIME) entities indexed for overlap look-ups (was a scan per core).
    ent_index = {labels: IntervalIndex((s, e) for s, e, label in ents if label in labels)
                 for labels in (("DATE", "TIME"), ("DATE",))}
    has_dep = doc.has_annotation("DEP")
    mentions = []
    for core in cores:
        if not _keep_core(core, text, ent_index):
            if refused is not None:
                refused.append((core.start, core.end))
            continue
        direction = _direction(doc, core.start, core.end) if has_dep and core.kind in _NEEDS_DIRECTION else None
        resolved = _resolve(core, pub, direction)
        if resolved is None:
            continue
        if core.kind == "deictic" and pub is not None:
            resolved = _quoted_deictic(core, text, pub, spoken) or resolved
        if core.kind == "mdy" and core.g("mdy_d2") and resolved[0]:
            mentions += _day_pair(core, resolved[0])
        else:
            mentions.append(_mention(core.text, core.start, core.end, *resolved))
    return mentions


def _day_pair(core: Core, first: str) -> list[dict]:
    """``June 9 and 10, 2025``, ``December 13-18``: two day mentions, ``June 9`` (value
    ``first``) and ``10, 2025`` in the same month (annotation decisions: ``September 24 and 25``)."""
    m = core.match
    second = _safe_date(int(first[:4]), int(first[5:7]), _day_of(m.group("mdy_d2")))
    mentions = [_mention(m.string[core.start:m.end("mdy_d")], core.start, m.end("mdy_d"), first, "day")]
    if second:
        mentions.append(_mention(m.string[m.start("mdy_d2"):core.end], m.start("mdy_d2"), core.end,
                                 _fmt(second, "day"), "day"))
    return mentions


def _dateparser_mentions(text: str, pub: _dt.date | None, ents: list, found: list[dict],
                         refused: list = ()) -> list[dict]:
    """Model DATE entities in which the grammar found nothing (nor refused a match, such as the
    year of ``No. 4 of 2025``): dateparser, behind its pre-filter."""
    taken = IntervalIndex([(m["start"], m["end"]) for m in found] + list(refused))
    pub_iso = pub.isoformat() if pub else None
    mentions = []
    for start, end, label in ents:
        if label != "DATE" or taken.overlaps(start, end):
            continue
        span_text = text[start:end]
        if could_be_date(span_text):
            resolved = dateparser_normalise(span_text, pub_iso)
            if resolved:
                mentions.append(_mention(span_text, start, end, *resolved))
    return mentions


def _statute_mentions(text: str, found: list[dict]) -> list[dict]:
    """The years of statute names (``the Mining Act of 1872``) not already found."""
    taken = IntervalIndex((m["start"], m["end"]) for m in found)
    return [_mention(text[start:end], start, end, text[start:end], "year")
            for start, end in statute_years(text) if not taken.overlaps(start, end)]


def find_dates(doc: Doc) -> list[dict]:
    """The date mentions of a processed ``doc`` (see the module docstring)."""
    text = doc_text(doc)
    pub = _as_date(doc._.published)
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    refused = []
    mentions = _grammar_mentions(doc, text, pub, ents, refused)
    mentions += _dateparser_mentions(text, pub, ents, mentions, refused)
    mentions += _statute_mentions(text, mentions)
    mentions.sort(key=lambda m: m["start"])
    _years_across_ranges(text, mentions)
    _years_from_sentence(text, mentions, pub)
    return _join_appositions(text, mentions)


_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d]?\s+(?=[A-Z\"\u201c])|[;\n]")
_OPENING_YEAR = re.compile(r"[ \t\"\u201c]*(?:In|During|By the end of|Throughout)[ \t]+((?:19|20)\d\d),")
# A year reaches a month written this close after it ('in 2001, just before the Sept. 11 attack').
YEAR_REACH_CHARS = 30


def _years_from_sentence(text: str, mentions: list[dict], pub: _dt.date | None) -> None:
    """A month (or a month and day) written without a year takes the year that opens its sentence
    (``In 2004, British Gas raised prices in January and in September``) or that comes just
    before it (``in 2001, just before the Sept. 11 attack``), when that year is before the
    published one."""
    opening, last = None, None
    for m in mentions:
        if last is None or _SENTENCE_BREAK.search(text, last["end"], m["start"]):
            head = _OPENING_YEAR.match(text, _sentence_start(text, m["start"]))
            opening = int(head.group(1)) if head else None
        near = last and last["granularity"] == "year" and re.fullmatch(r"(?:19|20)\d\d", last["text"]) \
            and m["start"] - last["end"] <= YEAR_REACH_CHARS and not _SENTENCE_BREAK.search(text, last["end"], m["start"])
        year = int(last["text"]) if near else opening
        last = m
        if (year and m["value"] and (pub is None or year < pub.year) and m["granularity"] in ("month", "day")
                and not re.search(r"\d{4}", m["text"]) and _names_a_month(m["text"])):
            m["value"] = f"{year:04d}{m['value'][4:]}"


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts (after the last sentence break before it)."""
    start = max(0, pos - 400)
    for b in _SENTENCE_BREAK.finditer(text, start, pos):
        start = b.end()
    return start


def _names_a_month(phrase: str) -> bool:
    return any(w.lower().rstrip(".") in _lookups()["months"] for w in re.findall(r"[A-Za-z.]+", phrase))


def _join_appositions(text: str, mentions: list[dict]) -> list[dict]:
    """``Christmas Eve, December 24``, ``Last Saturday, March 5, 2005``: a day named in words
    and the date written after it are one mention (annotation decisions), with the written date's
    value."""
    out = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev and prev["granularity"] == m["granularity"] == "day" and text[prev["end"]:m["start"]] == ", "
                and not re.search(r"\d", prev["text"]) and re.match(r"\d|[A-Z][a-z]+\.? \d", m["text"])):
            out[-1] = _mention(text[prev["start"]:m["end"]], prev["start"], m["end"], m["value"], "day")
        else:
            out.append(m)
    return out


_RANGE_JOIN = re.compile(r"[ \t]*(?:and|to|through|until|till|-|–|—)[ \t]*\Z", re.IGNORECASE)


def _years_across_ranges(text: str, mentions: list[dict]) -> None:
    """``between January and July 2004``: a month written without its year takes the year of the
    month that closes the range (the year before when it comes later in the calendar)."""
    for a, b in zip(mentions, mentions[1:]):
        if a["granularity"] != "month" or re.search(r"\d", a["text"]) or not b["value"] \
                or not re.search(r"\d{4}", b["text"]) or b["granularity"] not in ("month", "day"):
            continue
        if b["start"] - a["end"] > 12 or not _RANGE_JOIN.match(text[a["end"]:b["start"]]):
            continue
        year, month = int(b["value"][:4]), int(b["value"][5:7])
        a_month = int(a["value"][5:7])
        a["value"] = f"{year if a_month <= month else year - 1:04d}-{a_month:02d}"


@Language.factory(
    "dates",
    default_config={},
    requires=["doc._.published", "doc.ents", "token.dep", "token.pos", "token.tag"],
    assigns=["doc._.dates"],
)
def make_dates(nlp: Language, name: str) -> "Dates":
    """Write the article's date mentions to ``doc._.dates``, resolved against
    ``doc._.published`` (the caller's, or the one ``published_date`` found)."""
    return Dates(nlp, name)


class Dates(_DateComponent):
    def process(self, doc: Doc) -> Doc:
        doc._.dates = find_dates(doc)
        return doc
