"""Officials and executives: named people with a public office or a company role.

The component finds people three ways, then links every later mention to them:

1. ``TITLE Name``: an office or role word (``titles.json``: heads such as ``Minister``,
   ``Secretary``, ``president``, ``CEO``) with its modifiers and portfolio words, the body or
   country it belongs to before it (``Japanese``, ``U.S.``, ``Ontario``, ``Japan's``,
   ``European Commission``, ``Westinghouse``) and the name right after it. A name the model
   tagged wrongly (``Commerce Gina Raimondo`` as ORG, ``Takaichi`` as WORK_OF_ART) is read
   from the text itself.
2. ``Name, [country's] TITLE`` (apposition) and ``TITLE Name of COUNTRY``.
3. The model's PERSON entities with no title: kept as officials when the gazetteer
   (``officials.jsonl``) knows the name, or when their sentence shows them in office
   (``in his policy address``); otherwise dropped.

Each person gets one entry with every mention (full name, surname alone, possessives and
modifiers such as ``the Trump administration``); ``name`` is the fullest form the article
gives. A public owner (country, region, public body) makes an official; a company owner makes
an executive (``doc._.executives``).
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from extractor import extensions  # noqa: F401
from extractor.extensions import doc_text
from extractor.lexicon.tables import TableComponent, Tables, country_names, derived
from extractor.lexicon.word_case import least_lower_share

_BLANKS = re.compile(r"[ \t]*")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_POSSESSIVE = ("'s", "’s", "s'", "s’", "'S", "’S")  # upper case: "PRESIDENT BIDEN’S ECONOMIC PLAN"
_BAD_NAME_LABELS = {"GPE", "NORP", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                    "QUANTITY", "LANGUAGE", "LAW", "EVENT", "FAC"}
_STOP_POS = {"VERB", "AUX", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "PART", "NUM"}


def _alternation(words) -> str:
    """Regex alternation of literal phrases, longest first, spaces matching any blank run."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def strip_possessive(word: str) -> str:
    """Drop a possessive ending and a sentence full stop from a name word.

    >>> strip_possessive("Trump's"), strip_possessive("Takaichi."), strip_possessive("J."), strip_possessive("C.C.")
    ('Trump', 'Takaichi', 'J.', 'C.C.')
    """
    for end in _POSSESSIVE:
        if word.endswith(end) and len(word) > len(end):
            return word[: -len(end)] if end[0] in "'’" else word[:-1]
    if word.endswith(".") and len(word) > 2 and "." not in word[:-1]:
        return word[:-1]          # a full stop, not initials ("C.C.", "J.D.")
    return word


def title_case(words: list[str]) -> str:
    """Normalise title words to headline case, keeping acronyms and small words.

    >>> title_case(["chief", "tariff", "negotiator"]), title_case(["Secretary", "of", "Commerce"])
    ('Chief Tariff Negotiator', 'Secretary of Commerce')
    >>> title_case(["president", "and", "CEO"])
    'President and CEO'
    """
    out = []
    for w in words:
        lw = w.lower()
        if lw in ("of", "for", "and", "the", "&") and out:
            out.append(lw)
        elif w.isupper() or not w:
            out.append(w)
        else:
            out.append(w[0].upper() + w[1:])
    return " ".join(out)


class _Word(NamedTuple):
    """A word of the text and its character offsets."""
    start: int
    end: int
    text: str


def _words_in(text: str, start: int, end: int) -> list[_Word]:
    return [_Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def _words_before(text: str, end: int, limit: int = 160) -> list[_Word]:
    """Words of the same line before ``end``, nearest last."""
    lo = max(0, end - limit)
    nl = text.rfind("\n", lo, end)
    if nl >= 0:
        lo = nl + 1
    return _words_in(text, lo, end)


def _word_after(text: str, end: int) -> re.Match | None:
    """The word after a single space at ``end``, if any."""
    return _WORD.match(text, end + 1) if text[end:end + 1] == " " else None


def _blank(text: str, a: int, b: int) -> bool:
    return a <= b and text[a:b].strip(" \t") == ""


def _ends_sentence(word: str, short: bool = False) -> bool:
    """Whether a word carries a sentence's full stop (not ``Jr.``, ``Inc.``; initials such as
    ``J.`` only with ``short``)."""
    return (word.endswith(".") and (short or len(word) > 2) and "." not in word[:-1]
            and word not in _tables().abbreviated_suffixes)


# --------------------------------------------------------------------------------------------
# Tables: the title grammar, gazetteer and place words, compiled once per Tables


@dataclass
class _Tables:
    head_re: re.Pattern
    pf_re: re.Pattern
    head_kind: dict
    cap_only: set
    given_name_heads: set
    abbreviations: dict
    abbreviation_country: dict
    head_country: dict
    modifiers: set
    one_head_modifiers: dict  # modifier -> the heads it may stand before
    dropped: set
    portfolio: set
    connectors: set
    not_before_head: tuple
    public_words: tuple
    bodies: dict
    company_words: set
    stopwords: set
    document_parts: set
    honorifics: set
    particles: set
    not_person_after: set
    office_cues: tuple
    non_official_roles: set
    default_official: set
    regions: dict
    gazetteer: dict          # full name -> row
    gazetteer_alias: dict    # alias -> list of rows
    gazetteer_re: re.Pattern | None
    title_words: set
    place_re: re.Pattern
    place_codes: dict
    counterpart_preps: set
    not_us_heads: tuple
    public_modifiers: set
    context_company_heads: set
    title_bodies: set
    international_bodies: set
    abbreviated_suffixes: set
    public_owner_words: set
    context_skip_bodies: set
    non_company_re: re.Pattern
    strict_company_heads: set
    family_first: set
    single_heads: set
    body_tail_re: re.Pattern
    founding_verbs: frozenset
    company_roles: frozenset
    lower_share: dict  # word -> percent of the times news writes it in lower case (word_case.json)


def _head_kinds(t: dict) -> dict[str, str]:
    """Each head (lower case) -> official | company | ambiguous."""
    official = {h.lower() for h in t["official_heads"]}
    company = {h.lower() for h in t["company_heads"]}
    ambiguous = {h.lower() for h in t["ambiguous_heads"]}
    kind = {}
    for h in official | company:
        if h in ambiguous or (h in official and h in company):
            kind[h] = "ambiguous"
        else:
            kind[h] = "official" if h in official else "company"
    return kind


def _head_regex(t: dict) -> re.Pattern:
    """A head (``Minister``, ``president and CEO``), in the plural too (``Presidents``: the
    ``plural`` group; the ``head`` group is the singular), or an abbreviated title (``Sen.``)."""
    heads = _alternation(list(t["official_heads"]) + list(t["company_heads"]))
    abbr = _alternation(t["abbreviations"])
    return re.compile(
        rf"(?<![\w.])(?:(?P<abbr>{abbr})(?=\s)|(?P<head>(?i:{heads})(?:\s+(?i:and|&)\s+(?i:{heads}))?)(?P<plural>s)?(?![\w-]))"
    )


def _portfolio_regex(t: dict) -> re.Pattern:
    """``of Commerce``, ``for the Economy, Trade and Industry`` after a head."""
    pf = _alternation(t["portfolio_words"])
    return re.compile(
        rf"\s+(?i:of|for)\s+(?:the\s+)?(?P<pf>(?i:{pf})(?:(?:\s*,\s*|\s+(?i:and|&)\s+|\s+)(?i:{pf}))*)(?!\w)"
    )


def _body_tail_regex(t: dict) -> re.Pattern:
    """Up to four capitalised words (``Export–Import``, with a hyphen or an en dash), then a word of
    ``body_name_end_words``, then ``(ACRONYM)``."""
    ends = _alternation(t["body_name_end_words"])
    return re.compile(r"(?:[ \t]+[A-Z][\w&'’.–-]*){0,4}?[ \t]+(?:" + ends + r")(?:[ \t]+\([A-Z][A-Za-z&]+\))?(?![\w-])")


# A name joined to a word that makes it a modifier: "the Biden-era slowdown", "a Putin-backed party".
_NAME_COMPOUND = r"(?:era|led|backed|appointed|style)\b"


def _gazetteer(rows: list[dict]) -> tuple[dict, dict, re.Pattern | None]:
    """Rows by full name (and accent-free name), rows by alias or surname, and a regex of every
    name and alias."""
    gaz, alias = {}, {}
    for row in rows:
        gaz[row["name"]] = row
        gaz.setdefault(fold_accents(row["name"]), row)
        for a in [row["name"].split()[-1]] + row.get("aliases", []):
            alias.setdefault(a, []).append(row)
    if not gaz:
        return gaz, alias, None
    names = list(gaz) + [a for r in gaz.values() for a in r.get("aliases", [])]
    return gaz, alias, re.compile(r"(?<![\w'’-])(?:" + _alternation(names) + r")(?!\w|-(?!" + _NAME_COMPOUND + r"))")



def _lower_set(words) -> set:
    return {w.lower() for w in words}


@derived
def _tables(tables: Tables) -> _Tables:
    t = tables["titles.json"]
    regions = tables["official_regions.json"]["regions"]
    kind = _head_kinds(t)
    gaz, alias, gaz_re = _gazetteer(tables["officials.jsonl"])
    portfolio = {w.lower() for p in t["portfolio_words"] for w in p.split()} - set(t["connectors"])
    modifiers = _lower_set(t["modifiers"]) | _lower_set(t["public_modifiers"])
    # Every place word with a country: countries, demonyms, capitals, regions, public bodies.
    places = {k: v for k, v in {**t["public_bodies"], **regions, **country_names()}.items()
              if v and len(k) > 1 and k[:1].isupper()}
    return _Tables(
        head_re=_head_regex(t), pf_re=_portfolio_regex(t), head_kind=kind, cap_only=set(t["cap_only_heads"]),
        given_name_heads=set(t["given_name_heads"]),
        abbreviations=t["abbreviations"], abbreviation_country=t["abbreviation_country"],
        head_country=t["head_country"], modifiers=modifiers,
        one_head_modifiers={k: set(v) for k, v in t["modifiers_of_one_head"].items() if not k.startswith("_")},
        dropped=_lower_set(t["dropped_modifiers"]), portfolio=portfolio,
        connectors=set(t["connectors"]), not_before_head=tuple(t["not_title_before_head"]),
        public_words=tuple(t["public_body_words"]), bodies=t["public_bodies"],
        company_words=set(t["company_words"]), stopwords=set(t["name_stopwords"]),
        document_parts=set(t["document_part_words"]),
        honorifics=set(t["honorifics"]), particles=set(t["name_particles"]),
        not_person_after=set(t["not_person_after"]), office_cues=tuple(t["office_cues"]),
        non_official_roles=set(t["non_official_roles"]),
        default_official=set(t["ambiguous_default_official"]), regions=regions,
        gazetteer=gaz, gazetteer_alias=alias, gazetteer_re=gaz_re,
        title_words=set(kind) | modifiers | portfolio | _lower_set(t["abbreviations"]),
        place_re=re.compile(r"(?<![\w.’'-])(?:" + _alternation(places) + r")(?![\w-])"),
        place_codes=places, counterpart_preps=set(t["counterpart_prepositions"]),
        not_us_heads=tuple(h.lower() for h in t["heads_never_us"]),
        public_modifiers=_lower_set(t["public_modifiers"]),
        context_company_heads=_lower_set(t["context_company_heads"]),
        title_bodies=set(t["bodies_kept_in_title"]),
        international_bodies=set(t["international_bodies"]),
        abbreviated_suffixes=set(t["abbreviated_suffixes"]),
        public_owner_words=set(t["public_owner_words"]),
        context_skip_bodies=set(t["context_only_ambiguous_bodies"]),
        non_company_re=re.compile(r"(?<![\w-])(?i:" + _alternation(t["non_company_owner_words"]) + r")(?![\w-])"),
        strict_company_heads=_lower_set(t["strict_company_heads"]),
        family_first=set(t["family_name_first_countries"]),
        single_heads={h for h in kind if " " not in h},
        body_tail_re=_body_tail_regex(t),
        founding_verbs=frozenset(t["founding_verbs"]), company_roles=frozenset(t["company_capable_roles"]),
        lower_share=tables["word_case.json"]["lower_share"],
    )


def place_code(text: str) -> tuple[str | None, bool]:
    """Look up a country, demonym, region or public body: ``(code, found)``.

    >>> place_code("Japanese"), place_code("Ontario"), place_code("European Commission")
    (('JP', True), ('CA', True), ('EU', True))
    >>> place_code("IAEA"), place_code("Westinghouse")
    ((None, True), (None, False))
    """
    tb = _tables()
    text = text.strip()
    names = country_names()
    for cand in (text, text.removeprefix("the ").removeprefix("The ")):
        if cand in names:
            return names[cand], True
        if cand in tb.regions:
            return tb.regions[cand], True
        if cand in tb.bodies:
            return tb.bodies[cand], True
    return None, False


# --------------------------------------------------------------------------------------------
# Per doc: owners, names found, people; the view (entities, company mentions, headline lines)


@dataclass
class _Owner:
    """Who a title belongs to (``Japan's``, ``European Commission``, ``Nvidia``)."""
    kind: str          # place | body | company | unknown
    text: str          # "" for a bare word such as "company's", "government's"
    code: str | None = None
    start: int = 0


NO_COUNTRY = ""          # a _Found country: the title's owner is an international body, of no country


@dataclass
class _Found:
    """One name found in the text, with what its title says."""
    start: int
    end: int
    name: str
    kind: str | None = None       # official | executive | None (bare PERSON)
    title: str | None = None
    country: str | None = None
    company: str | None = None


@dataclass
class _Person:
    """One person: the names found for them and their mentions."""
    words: list[str]                                          # the fullest name
    found: list[_Found] = field(default_factory=list)
    mentions: dict[tuple[int, int], None] = field(default_factory=dict)   # spans, in order found
    gaz: dict | None = None                                   # gazetteer row
    rank: int = 2                                             # best kind found: see _RANK
    first: int = 1 << 62                                      # first offset found

    @property
    def name(self) -> str:
        return " ".join(self.words)


class _Reach:
    """Spans sorted by start with the running furthest end: how far the spans starting at or
    before a position reach, by binary search (linear overall)."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(itertools.accumulate((b for _, b in spans), max))

    def furthest(self, pos: int) -> int:
        """The furthest end of the spans starting at or before ``pos`` (-1 when none)."""
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.reach[k] if k >= 0 else -1


class _DocView:
    """Per-doc lookups: entities by char offset, company mentions, token access."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.ents = list(doc.ents)
        self.ent_by_start = {e.start_char: e for e in self.ents}
        self.ent_by_end = {e.end_char: e for e in self.ents}
        self.company_spans, self.company_by_text = _company_mentions(doc, self.ents)
        self._caps_lines: _Lines | None = None          # built on first use
        self._headline_lines: _Lines | None = None
        self._case_words: tuple[set, set] | None = None
        self._places: list[tuple[int, int, str]] | None = None
        # in_company's index: how far the spans starting before a position reach, and the spans
        # by end (a company mention whose span equals the query needs its name).
        self._company_reach = _Reach((a, b) for a, b, _ in self.company_spans)
        self._cs_by_end: dict[int, list] = {}
        self._cs_end_by_start: dict[int, int] = {}  # start -> end of the longest mention there
        for a, b, name in sorted(self.company_spans):
            self._cs_by_end.setdefault(b, []).append((a, name))
            self._cs_end_by_start[a] = max(b, self._cs_end_by_start.get(a, b))

    def token_at(self, char: int):
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def in_company(self, start: int, end: int) -> bool:
        """Whether a company mention covers this span. A company whose only name is exactly
        this text (a surname the model tagged ORG, ``Trump``) does not count."""
        reach = self._company_reach.furthest(start)
        if reach < end:
            return False
        if reach > end:
            return True                                     # one reaches past end: not the same span
        text = self.text[start:end]                         # only spans ending exactly at end remain
        return any(s < start or name != text for s, name in self._cs_by_end.get(end, ()) if s <= start)

    def is_company(self, text: str, start: int, end: int) -> bool:
        if text in self.company_by_text or self.in_company(start, end):
            return True
        ent = self.ent_by_end.get(end)
        return ent is not None and ent.label_ == "ORG" and ent.start_char <= start

    def company_end_at(self, start: int) -> int | None:
        """The end of the longest company mention that starts at ``start``, if any."""
        return self._cs_end_by_start.get(start)

    def company_name(self, text: str) -> str:
        return self.company_by_text.get(text, text)


def _company_mentions(doc: Doc, ents: list) -> tuple[list[tuple[int, int, str]], dict[str, str]]:
    """The mentions of ``doc._.companies`` as (start, end, company name), and company name by
    mention text, leaving out a "company" that is a title and a name."""
    heads = _tables().single_heads
    person_starts = {e.start_char: e.end_char for e in ents if e.label_ == "PERSON"}
    spans, by_text = [], {}
    for comp in doc._.companies or []:
        mentions = comp.get("mentions", [])
        if mentions and all(_title_and_person(m, heads, person_starts) for m in mentions):
            continue          # "Chairman Chung Eui-sun" taken for a company: a title and a name
        for m in mentions:
            spans.append((m["start"], m["end"], comp["name"]))
            by_text[m["text"]] = comp["name"]
        by_text[comp["name"]] = comp["name"]
    return spans, by_text


def _title_and_person(m: dict, heads: set, person_starts: dict) -> bool:
    """Whether a company mention is a title word and a PERSON entity (``Chairman Chung Eui-sun``)."""
    first = m["text"].split(" ", 1)[0]
    rest = m["start"] + len(first) + 1
    return first.lower() in heads and person_starts.get(rest) == m["end"]


def is_caps_line(line: str) -> bool:
    """Whether a line is written in capitals (a headline), judged by its letters.

    >>> is_caps_line("PRIME MINISTER SANAE TAKAICHI MEETS TRUMP"), is_caps_line("Prime Minister Takaichi")
    (True, False)
    """
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_HEADLINE_SMALL_WORDS = {"with", "from", "into", "onto", "over", "upon", "than", "that", "amid", "after",
                         "about", "under", "through", "against", "during"}


def is_headline_line(line: str) -> bool:
    """Whether a line is a headline in title case: at least four words of four letters or more,
    nearly all capitalised, and not a sentence of names (``Fact Sheet: President Donald J. Trump
    Imposes Tariffs on Imports``).

    >>> is_headline_line("President Trump Signs Executive Orders to Usher in a Nuclear Renaissance")
    True
    >>> is_headline_line("President Donald Trump signed the order on Monday in Washington")
    False
    """
    words = [w for w in _LONG_WORD.findall(line) if w not in _HEADLINE_SMALL_WORDS]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.85 * len(words) and not is_caps_line(line)


class _Lines:
    """The lines of a text that pass a test, as spans, with a binary-search membership test."""

    def __init__(self, text: str, test):
        self.spans: list[tuple[int, int]] = []
        pos = 0
        for line in text.split("\n"):
            if test(line):
                self.spans.append((pos, pos + len(line)))
            pos += len(line) + 1
        self._starts = [s for s, _ in self.spans]

    def __contains__(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and pos < self.spans[k][1]


def _caps_lines(view: "_DocView") -> _Lines:
    """The doc's ALL-CAPS lines (cached on the view)."""
    if view._caps_lines is None:
        view._caps_lines = _Lines(view.text, is_caps_line)
    return view._caps_lines


def _in_headline_line(view: "_DocView", pos: int) -> bool:
    """Whether ``pos`` lies in a title-case headline line (cached on the view)."""
    if view._headline_lines is None:
        view._headline_lines = _Lines(view.text, is_headline_line)
    return pos in view._headline_lines


def _in_caps_line(view: "_DocView", pos: int) -> bool:
    return pos in _caps_lines(view)


def _case_words(view: "_DocView") -> tuple[set, set]:
    """Case-folded words written capitalised, and words written in lower case, outside
    ALL-CAPS lines (cached on the view)."""
    if view._case_words is None:
        upper, lower = set(), set()
        pos = 0
        for line in view.text.split("\n"):  # words never cross a line: skip whole headline lines
            if line and not (_in_caps_line(view, pos) or _in_headline_line(view, pos)):
                for word in _WORD.findall(line):
                    w = strip_possessive(word)
                    (upper if w[:1].isupper() else lower).add(w.casefold())
            pos += len(line) + 1
        view._case_words = (upper - lower, lower)
    return view._case_words


def _not_in_caps_name(view: "_DocView", bare: str, lower: set) -> bool:
    """Whether a word of an ALL-CAPS line cannot be part of a name: not in capitals, a word the
    article writes in lower case, a stop, title or place word."""
    tb = _tables()
    cf = bare.casefold()
    return (not bare.isupper() or cf in lower or cf.title() in tb.stopwords or cf in tb.title_words
            or place_code(bare.title())[1] or place_code(bare)[1])


def _read_caps_name(view: "_DocView", pos: int) -> tuple[int, int] | None:
    """A name in an ALL-CAPS line, which gives no case to tell the name from the next word:
    words the article writes capitalised elsewhere (and never in lower case) belong to it; a word
    it writes in lower case, a title or stop word ends it; other words, up to two in all."""
    text = view.text
    names, lower = _case_words(view)
    spans = []
    p = pos
    for m in _WORD.finditer(text, pos, min(len(text), pos + 80)):
        if not _blank(text, p, m.start()) or (spans and m.start() == p):
            break
        w = m.group()
        bare = strip_possessive(w)
        if _not_in_caps_name(view, bare, lower) or (bare.casefold() not in names and len(spans) >= 2):
            break
        spans.append((m.start(), m.start() + len(bare)))
        p = m.end()
        if bare != w or len(spans) >= 4:
            break
    if not spans:
        return None
    return spans[0][0], spans[-1][1]


# --------------------------------------------------------------------------------------------
# Owners of a title: a place, a public body or a company


def _place_ending_run(text: str, words: list[_Word]) -> tuple[int, str, str | None] | None:
    """The longest known place or body (up to five words) that ends the run (``Bank of Japan``,
    ``South Korea``, ``U.S.``): its number of words, text and country code."""
    for k in range(min(len(words), 5), 0, -1):
        phrase = text[words[-k].start:words[-1].end]
        code, found = place_code(phrase)
        if found:
            return k, phrase, code
    return None


def _first_place_code(text: str, words: list[_Word]) -> str | None:
    """The country of the first place word in a run, trying three-word phrases first."""
    return next((c for k in (3, 2, 1) for x in range(len(words) - k + 1)
                 for c in [place_code(text[words[x].start:words[x + k - 1].end])[0]] if c), None)


def _classify_run(view: _DocView, words: list[_Word]) -> _Owner | None:
    """Classify a run of capitalised words that owns a title (nearest-last list)."""
    tb = _tables()
    if not words:
        return None
    text = view.text
    s, e = words[0].start, words[-1].end
    place = _place_ending_run(text, words)
    if place is not None and place[0] == len(words):
        _, phrase, code = place
        return _Owner("place" if code and phrase not in tb.bodies else "body", phrase, code, s)
    phrase = text[s:e]
    named_company = phrase in view.company_by_text or view.in_company(s, e)
    if any(w in phrase for w in tb.public_words) and not named_company:
        # "White House Office of Science and Technology": a public body, whatever the model says.
        return _Owner("body", phrase, _first_place_code(text, words), s)
    if view.is_company(phrase, s, e):
        return _Owner("company", view.company_name(phrase), None, s)
    code, found = place_code(text[words[-1].start:e])
    if not found and (company := _company_named_from(view, phrase)):
        return _Owner("company", company, None, s)
    return _Owner("place" if found else "unknown", phrase, code if found else None, s)


def _company_named_from(view: _DocView, phrase: str) -> str | None:
    """The one company of the article whose name starts with ``phrase`` and more words
    (``Virgin boss`` after ``Virgin Atlantic told the EC``)."""
    names = {name for name in view.company_by_text.values() if name.startswith(phrase + " ")}
    return names.pop() if len(names) == 1 else None


def _public_org_ends(view: _DocView, start: int, end: int) -> bool:
    """Whether a longer ORG entity naming a public body ends at this word."""
    ent = view.ent_by_end.get(end)
    if ent is None or ent.label_ != "ORG":
        return False
    words = [t for t in ent if t.lower_ != "the" or t.i > ent.start]
    return (len(words) >= 3 and words[0].idx < start
            and any(w in ent.text for w in _tables().public_words) and not view.in_company(ent.start_char, end))


def _org_entity_owner(view: _DocView, words: list[_Word], i: int, last: _Word) -> _Owner | None:
    """``White House Office of Science and Technology Director``: the model's organisation
    ending at ``last`` (the owner word ``words[i]`` without its possessive), when it starts at a word."""
    ent = view.ent_by_end.get(last.end)
    if ent is None or ent.label_ != "ORG" or ent.start_char >= last.start or "\n" in ent.text:
        return None
    k = i
    while k > 0 and words[k - 1].start >= ent.start_char:
        k -= 1
    start = ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
    if words[k].start != start:
        return None
    return _classify_run(view, words[k:i] + [last])


def _joins_owner_run(words: list[_Word], j: int) -> bool:
    """Whether ``words[j]`` belongs to the capitalised owner name after it (``Bank of Japan``)."""
    w = words[j].text
    return (w[:1].isupper() and w not in _tables().stopwords and not w.endswith(_POSSESSIVE)) or (
        w in ("of", "&") and j > 0 and words[j - 1].text[:1].isupper())


def _owner_run(text: str, words: list[_Word], i: int, last: _Word) -> list[_Word]:
    """The capitalised words ending with ``last`` (up to five), without a leading ``of``, ``&``
    or stop word."""
    run = [last]
    j = i - 1
    while j >= 0 and len(run) < 5 and _blank(text, words[j].end, run[0].start):
        if _ends_sentence(words[j].text, short=True) or not _joins_owner_run(words, j):
            break          # "... since Fukushima. Kansai Electric president": a sentence end
        run.insert(0, words[j])
        j -= 1
    while run and (run[0].text in ("of", "&") or run[0].text in _tables().stopwords):
        run.pop(0)
    return run


def _owner_before(view: _DocView, words: list[_Word], i: int) -> _Owner | None:
    """The owner of a title whose modifiers start after ``words[i]``: a company or public word,
    the model's organisation, or a run of capitalised words."""
    tb = _tables()
    s, _, w = words[i]
    if _ends_sentence(w):
        return None          # "... in Tokyo. Vice Chairman X": the word ends the sentence before
    possessive = w.endswith(_POSSESSIVE)
    core = strip_possessive(w) if possessive else w
    if core.lower() in tb.company_words or w.lower() in tb.company_words:
        return _Owner("company", "", None, s)
    if possessive and core.lower() in tb.public_owner_words:
        return _Owner("body", "", None, s)          # "the government's plenipotentiary"
    if not (core[:1].isupper() or core[:1].isdigit()):
        return None
    last = _Word(s, s + len(core), core)
    run = _owner_run(view.text, words, i, last)
    if possessive and run and (row := _gaz(view.text[run[0].start:last.end])):
        return _Owner("body", "", row.get("country"), run[0].start)      # "Barack Obama's nominee for"
    owner = _org_entity_owner(view, words, i, last)
    if owner is not None:
        return owner
    return _classify_run(view, run) if run else None


def _company_before(view: _DocView, pos: int, main_company: bool = False) -> str | None:
    """The company named nearest before ``pos`` in the same paragraph, else at the end of the
    paragraph before it (``Nvidia ... Chief executive Jensen Huang``). With ``main_company``,
    when none is named there, the article's most mentioned company if the text around says
    ``the company`` (``Chief executive Amanda Lacaze said demand for the company's ...``)."""
    text = view.text
    para = text.rfind("\n", 0, pos) + 1
    prev_end = para - 1
    while prev_end > 0 and text[prev_end - 1:prev_end] == "\n":          # blank lines between paragraphs
        prev_end -= 1
    prev = text.rfind("\n", 0, max(0, prev_end))
    lo = max(prev + 1, pos - 600)
    best = None
    for s, e, name in view.company_spans:
        if lo <= s and e <= pos and (best is None or s > best[0]):
            best = (s, name)
    if best is None:
        if main_company and view.company_spans and re.search(
                r"\bthe (?:company|group|firm)\b", text[lo:min(len(text), pos + 300)]):
            counts: dict[str, int] = {}
            for _, _, name in view.company_spans:
                counts[name] = counts.get(name, 0) + 1
            return max(counts, key=counts.get)
        return None
    return best[1]


# --------------------------------------------------------------------------------------------
# Names


@dataclass
class _NamePart:
    start: int
    end: int
    text: str
    particle: bool = False          # "von", "da": kept only inside a name


@dataclass
class _NameStart:
    """What is known where a name starts: the model's entity there and whether it is in a
    title-case headline."""
    ent: object
    person_ent: bool          # a PERSON entity of several words ("He Lifeng")
    headline: bool


def _ends_name(view: _DocView, start: int, w: str, bare: str, parts: list, at: _NameStart) -> bool:
    """Whether the word ``w`` (``bare`` without its possessive) at ``start`` is no part of the
    name read so far."""
    tb = _tables()
    if not w[:1].isupper() or (bare in tb.stopwords and not at.person_ent) or bare in tb.honorifics and parts:
        return True
    if not parts:
        return False
    ent = at.ent
    in_person = ent is not None and ent.label_ == "PERSON" and start + len(bare) <= ent.end_char
    if (bare.lower() in tb.title_words or place_code(bare)[1]) and not in_person:
        return True          # "Madeleine King" (one PERSON entity) keeps its King
    tok = view.token_at(start)
    if tok is not None and tok.pos_ in _STOP_POS:
        return True
    # "President Donald J. Trump Imposes Tariffs": the headline's verb
    return at.headline and not _headline_name_word(view, bare, in_person)


def _next_name_part(view: _DocView, m: re.Match, parts: list, at: _NameStart) -> tuple[_NamePart | None, bool]:
    """The next part of a name (None when the word ends it) and whether the name ends after it."""
    tb = _tables()
    w = m.group()
    if w in tb.particles and parts:
        return _NamePart(m.start(), m.end(), w, True), False
    bare = strip_possessive(w)
    if parts and "-" in w and w.split("-", 1)[0] in tb.particles and w.split("-", 1)[1][:1].isupper():
        # "Abdel Fattah el-Sisi", "Mohammed Shia al-Sudani"
        return _NamePart(m.start(), m.start() + len(bare), bare), bare != w
    if _ends_name(view, m.start(), w, bare, parts, at):
        return None, True
    return _NamePart(m.start(), m.start() + len(bare), bare), bare != w or len(parts) >= 4


def _read_name(view: _DocView, pos: int) -> tuple[int, int] | None:
    """The span of a personal name starting at ``pos`` (capitalised words, particles)."""
    tb = _tables()
    text = view.text
    first = _WORD.match(text, pos)
    if first and first.group().isupper() and len(first.group()) > 1 and _in_caps_line(view, pos):
        return _read_caps_name(view, pos)
    if text[pos:pos + 1] == "[":
        pos += 1          # a word the source lost, restored in brackets: "Minister [John Baird]"
    pos = _after_honorific(text, pos)
    parts = _name_parts(view, pos)
    while parts and parts[-1].particle:
        parts.pop()
    if parts and parts[0].text in tb.honorifics:
        parts.pop(0)
    if not parts:
        return None
    return parts[0].start, parts[-1].end


def _after_honorific(text: str, pos: int) -> int:
    """Where a name starts after an honorific at ``pos`` (``Sir Richard Branson``, ``Mr.
    Ramadorai``, ``Eng. Tarek Arebi``): the span leaves the honorific out."""
    m = _WORD.match(text, pos)
    if m is None or m.group() not in _tables().honorifics:
        return pos
    nxt = re.compile(r"[ \t]+(?=[A-Z])").match(text, m.end())
    return nxt.end() if nxt else pos


def _person_around(view: _DocView, pos: int):
    """The PERSON entity a name starting at ``pos`` lies inside ("said president of PayPal Jeff
    Jordan": the model's entity also took "PayPal"), so a country word ends no person's name."""
    tok = view.token_at(pos)
    if tok is None or tok.ent_type_ != "PERSON" or tok.idx != pos:
        return None
    return next((e for e in view.ents if e.start <= tok.i < e.end), None)


def _name_parts(view: _DocView, pos: int) -> list[_NamePart]:
    """The words of a name from ``pos``, one blank apart, up to the first that is no name word."""
    text = view.text
    ent = view.ent_by_start.get(pos) or _person_around(view, pos)
    at = _NameStart(ent, ent is not None and ent.label_ == "PERSON" and len(ent) > 1,
                    _in_headline_line(view, pos))
    parts: list[_NamePart] = []
    p = pos
    for m in _WORD.finditer(text, pos, min(len(text), pos + 120)):
        if not _blank(text, p, m.start()) or (parts and m.start() == p):
            break
        part, last = _next_name_part(view, m, parts, at)
        if part is None:
            break
        parts.append(part)
        p = m.end()
        if last:
            break
    return parts


def _names_a_thing(view: _DocView, end: int) -> bool:
    """Whether the word after a name makes it the name of a place, body or thing (``King Salman
    International Airport``, ``Trump Tower``, ``Queen Elizabeth 2``)."""
    if re.match(r" \d+\b(?![,.]?\d)(?!\s*(?:%|percent|times?|years?|months?|weeks?|days?|hours?|minutes?|"
                r"million|billion|per\b))", view.text[end:end + 20]):
        return True  # "Queen Elizabeth 2": a vessel or product named after a person
    nxt = _WORD.match(view.text, end + 1) if view.text[end:end + 1] == " " else None
    return bool(nxt and nxt.group() in _tables().not_person_after)


def _headline_name_word(view: _DocView, word: str, in_person: bool) -> bool:
    """Whether a word after a name's first word in a title-case headline still belongs to the
    name: the article writes it capitalised elsewhere and never in lower case, or the model's
    PERSON entity covers it and it does not read as a verb (``Imposes``, ``Signs``)."""
    names, lower = _case_words(view)
    cf = word.casefold()
    if cf in names:
        return True
    return in_person and cf not in lower and not (cf.endswith("s") and not cf.endswith("ss"))


def _entity_not_a_person(ent, end: int, words: list[str]) -> bool:
    """A one-word name the model tagged as something other than a person or place (``Tuesday``)."""
    return (ent is not None and ent.label_ in _BAD_NAME_LABELS and ent.end_char == end
            and len(words) == 1 and ent.label_ != "GPE")


def _valid_name(view: _DocView, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` can be a person's name: no place, company, stop or title word."""
    tb = _tables()
    name = view.text[start:end]
    words = name.split()
    ent = view.ent_by_start.get(start)
    if not words or place_code(name)[1] or _entity_not_a_person(ent, end, words):
        return False
    if words[0] in tb.stopwords and not (ent is not None and ent.label_ == "PERSON" and len(words) > 1):
        return False
    if words[0] in tb.document_parts:
        return False                                      # "Annex II", tagged PERSON
    if view.company_by_text.get(name, name) != name or view.in_company(start, end):
        return False
    if (len(words) > 1 or not (ent is not None and ent.label_ == "PERSON")) and (
            least_lower_share(words, tb.lower_share) or 0) >= 0.5:
        return False                                      # "Annex II", "Supply Chains" (a person "Young")
    if len(words) == 1:
        tok = view.token_at(start)
        if tok is not None and tok.pos_ == "ADV":
            return False                                  # "Accordingly, the President signed"
        if words[0] in tb.public_words or words[0] in tb.not_person_after:
            return False                                  # "the UN General Assembly", "General Motors"
        return words[0].lower() not in tb.title_words
    if words[-1].lower() in tb.head_kind and tb.place_re.search(name):
        return False                                      # "the United States Trade Representative (Trade ...)"
    return words[-1] not in tb.not_person_after          # "PDD Holdings", "Toyota Motor": a company


# "Name, [the|its|who is the|who will be the] TITLE": "its" leaves the owner to the company named before.
_APPOSITION_TAIL = re.compile(r"\s*[,(]\s*(?:(?:the|a|an|now|currently|as|its|who\s+(?:is|will\s+be)(?:\s+(?:the|a|an))?)\s+)?$"
                              r"|\s+is\s+(?:(?:the|a|an|now|currently)\s+)?$")


def _name_run_before(text: str, end: int) -> list[_Word]:
    """The capitalised words (and particles inside them) ending right at ``end``, up to five,
    not across a sentence's full stop (``... in Warsaw. Wojciech Wrochna, the``)."""
    tb = _tables()
    run: list[_Word] = []
    for word in reversed(_words_before(text, end, 100)):
        if run and not _blank(text, word.end, run[0].start) or not run and word.end != end:
            break
        w = word.text
        if run and _ends_sentence(w):
            break
        if not (w[:1].isupper() and w not in tb.stopwords or (w in tb.particles and run)):
            break
        run.insert(0, word)
        if len(run) >= 5:
            break
    return run


def _apposition_name(view: _DocView, end: int) -> tuple[int, int] | None:
    """``Name, [the] [current]`` (or ``Name (``, ``Name is the``) right before ``end``: the span of Name."""
    tb = _tables()
    words = _words_before(view.text, end, 40)
    while words and words[-1].text.lower() in tb.dropped and _blank(view.text, words[-1].end, end):
        end = words.pop().start          # "Rick George, current Suncor chief executive"
    m = _APPOSITION_TAIL.search(view.text, max(0, end - 24), end)
    if not m or not ("," in m.group() or "(" in m.group() or m.group().split()[:1] == ["is"]):
        return None
    run = _name_run_before(view.text, m.start())
    while run and (run[0].text in tb.particles or run[0].text in tb.honorifics):
        run.pop(0)
    if not run:
        return None
    # Keep only the name proper: drop title words and a possessive owner at its front
    # ("Commerce Secretary Lutnick, ...", "Holtec's Kris Singh, its president").
    while len(run) > 1 and (run[0].text.lower() in tb.title_words or run[0].text.endswith(("'s", "’s"))):
        run.pop(0)
    # "... the White House National Economic Council Lael Brainard, Chair of": a body's name ends
    # before the person's.
    ends = [k for k, w in enumerate(run[:-1]) if w.text in tb.public_words]
    if ends:
        run = run[ends[-1] + 1:]
    return run[0].start, run[-1].end


# --------------------------------------------------------------------------------------------
# Titles: head, modifiers and owner before it, portfolio or owner after it, holder, role


@dataclass
class _Head:
    """The head of a title (``Prime Minister``, ``CEO``) or an abbreviated title (``Sen.``)."""
    start: int
    end: int
    text: str | None          # the head as written; None for an abbreviation
    abbr: str | None
    kind: str                 # official | company | ambiguous


@dataclass
class _Before:
    """What precedes a head: its modifiers and portfolio words, where they start, the owner."""
    modifiers: list[str]
    start: int
    owner: _Owner | None

    @property
    def title_start(self) -> int:
        return self.owner.start if self.owner else self.start


@dataclass
class _Role:
    kind: str                 # official | executive
    company: str | None = None


def _split_joint_head(view: _DocView, hs: int, he: int, head: str) -> tuple[int, int, str]:
    """Keep one head of ``X and Y``: the second when the first is a surname (``King and Prime
    Minister Anthony Albanese``), the first when the next word starts another title (``minister
    and chief negotiator``)."""
    tb = _tables()
    joint = re.search(r"\s+(?:and|&)\s+", head, flags=re.I)
    if not joint:
        return hs, he, head
    first = re.match(r".*", head[:joint.start()])
    second = re.compile(r".*").match(head, joint.end())
    nxt = _word_after(view.text, he)
    if first.group().title() in tb.cap_only or first.group() in tb.cap_only:
        return hs + second.start(), he, second.group()
    if nxt and nxt.group().lower() in tb.title_words:
        return hs, hs + first.end(), first.group()
    return hs, he, head


def _uncapitalised_cap_only(view: _DocView, hs: int, head: str) -> bool:
    """A head that is a title only when capitalised, written without a capital to go by
    (``a global leader``, ``A GLOBAL LEADER IN``)."""
    tb = _tables()
    if not (" ".join(head.split()).title() in tb.cap_only or head in tb.cap_only):
        return False
    if head.islower() and _after_region(view, hs):
        return False          # "Washington representative Norm Dicks": a state's House member
    return not head[:1].isupper() or _in_caps_line(view, hs) or (head.isupper() and head not in tb.cap_only)


def _after_region(view: _DocView, hs: int) -> bool:
    """Whether a region's name (``Kansas``, ``New South Wales``) stands right before ``hs``."""
    words = _words_before(view.text, hs, 40)
    regions = _tables().regions
    return any(len(words) >= k and _blank(view.text, words[-1].end, hs)
               and view.text[words[-k].start:words[-1].end] in regions for k in (1, 2, 3))


def _read_head(view: _DocView, m: re.Match) -> _Head | None:
    """The head matched by ``m``, unless it is part of a company name, an uncapitalised word or
    a modifier of a longer title."""
    tb = _tables()
    hs, he = m.span()
    if view.in_company(hs, he):
        return None          # "MP Materials", "Chief Executive Group": part of a company name
    if m.group("head") is None:
        return _Head(hs, he, None, m.group("abbr"), "official")
    hs, he, head = _split_joint_head(view, hs, he, m.group("head"))
    parts = [" ".join(p.lower().split()) for p in re.split(r"\s+(?:and|&)\s+", head, flags=re.I)]
    if any(p not in tb.head_kind for p in parts) or _uncapitalised_cap_only(view, hs, head):
        return None
    # A head word followed by another title word is a modifier ("Chief Cabinet Secretary").
    nxt = _word_after(view.text, he)
    if nxt and nxt.group().lower() in tb.title_words and nxt.group() not in tb.given_name_heads:
        return None
    kinds = {tb.head_kind[p] for p in parts}
    kind = "company" if "company" in kinds else "official" if "official" in kinds else "ambiguous"
    return _Head(hs, he, head, None, kind)


def _listed_portfolio(text: str, word: _Word, limit: int, pre: list[str]) -> bool:
    """``Economy, Trade and Industry Minister``: a portfolio of a list, before a comma."""
    tb = _tables()
    return bool(re.fullmatch(r",[ \t]*", text[word.end:limit]) and word.text.lower() in tb.portfolio
                and any(x in tb.connectors for x in pre))


def _closes_owner_name(view: _DocView, words: list[_Word], i: int) -> bool:
    """Whether ``words[i]`` ends the name of a company or body rather than being a modifier."""
    word = words[i]
    if view.in_company(word.start, word.end):
        return True          # "Mitsubishi Heavy Industries President": Industries is the company's
    if any(i >= k and place_code(view.text[words[i - k].start:word.end])[1] for k in (1, 2)):
        return True          # "White House trade adviser": House ends a body's name
    return _public_org_ends(view, word.start, word.end)   # "Office of Science and Technology Director"


def _is_modifier(words: list[_Word], i: int, pre: list[str]) -> bool:
    tb = _tables()
    w = words[i].text
    wl = w.lower()
    return wl in tb.modifiers or wl in tb.portfolio or bool(
        w in tb.connectors and pre and i > 0 and words[i - 1].text.lower() in tb.portfolio)


_NOMINEE = ("nominee", "candidate")


def _modifies_next(text: str, wl: str, limit: int) -> bool:
    """Whether a modifier may stand before the word at ``limit``: ``Under`` only before
    ``Secretary`` (``Under President Trump, ...`` is the preposition)."""
    heads = _tables().one_head_modifiers.get(wl)
    nxt = _WORD.match(text, limit)
    return heads is None or bool(nxt and nxt.group().lower() in heads)


def _modifiers_before(view: _DocView, words: list[_Word], i: int, pre: list[str], limit: int) -> tuple[int, int]:
    """Walk back over the modifiers and portfolio words before a head, adding them to ``pre``;
    return the index of the word before them and where they start."""
    tb = _tables()
    text = view.text
    while i >= 0:
        word = words[i]
        wl = word.text.lower()
        if not _blank(text, word.end, limit):
            if not _listed_portfolio(text, word, limit, pre):
                break
            pre.insert(0, word.text + ",")
        elif _closes_owner_name(view, words, i):
            break
        elif wl in tb.dropped or wl.rstrip("-") in tb.dropped:
            pass
        elif _is_modifier(words, i, pre) and _modifies_next(text, wl, limit):
            pre.insert(0, word.text)
        elif wl == "for" and i > 0 and words[i - 1].text.lower() in _NOMINEE and _blank(text, words[i - 1].end, word.start):
            pre[:0] = [words[i - 1].text, word.text]          # "Obama's nominee for Secretary of the Treasury"
            word = words[i - 1]
            i -= 1
        else:
            break
        limit = word.start
        i -= 1
    return i, limit


def _read_before(view: _DocView, hs: int) -> _Before | None:
    """The modifiers and owner before a head; None when the word before says it is no title."""
    tb = _tables()
    text = view.text
    words = _words_before(text, hs)
    i = len(words) - 1
    if i >= 0 and words[i].text.lower().startswith(tb.not_before_head) and _blank(text, words[i].end, hs):
        return None
    pre: list[str] = []
    # "then-President", "Vice-President": a word glued to the head by a hyphen.
    if i >= 0 and words[i].end == hs and words[i].text.endswith("-"):
        w = words[i].text[:-1]
        if w.lower() in tb.modifiers:
            pre.insert(0, w)
        i -= 1
    i, limit = _modifiers_before(view, words, i, pre, hs)
    owner = _owner_before(view, words, i) if i >= 0 and _blank(text, words[i].end, limit) else None
    company = _company_owning_region(view, owner) if owner else None
    if company is not None:
        pre = owner.text.split() + pre          # "EADS's North America CEO": the region stays in the title
        owner = company
    return _Before(pre, limit, owner)


def _company_owning_region(view: _DocView, owner: _Owner) -> _Owner | None:
    """The company whose possessive stands before a place owner (``EADS's North America CEO``,
    ``Toyota's U.S. president``): the title is the company's for that region."""
    if owner.kind not in ("place", "company") or not owner.text:
        return None
    ent = view.ent_by_start.get(owner.start)
    if owner.kind == "company" and not (ent is not None and ent.label_ in ("LOC", "GPE")):
        return None
    words = _words_before(view.text, owner.start, 60)
    if not words or not words[-1].text.endswith(_POSSESSIVE) or not _blank(view.text, words[-1].end, owner.start):
        return None
    last = words[-1]
    core = strip_possessive(last.text)
    if not view.is_company(core, last.start, last.start + len(core)):
        return None
    return _Owner("company", view.company_name(core), None, last.start)


def _portfolio_after(view: _DocView, he: int) -> tuple[list[str], int] | None:
    """The portfolio after a head (``of Commerce``, ``responsible for Canada-U.S. trade``) as
    title words, and its end."""
    tb = _tables()
    pm = tb.pf_re.match(view.text, he)
    if not pm:
        return _responsible_for(view, he)
    if tb.body_tail_re.match(view.text, pm.end()):
        return None          # "head of the State Property Agency": a body's name, not a portfolio
    lead = pm.group().split()[:2]          # "of", or "of the" ("President of the Confederation")
    words = [w.lower() for w in lead[:2 if lead[1].lower() == "the" else 1]]
    return words + pm.group("pf").replace(",", " ,").split(), pm.end()


def _capitalised_run(text: str, pos: int) -> list[_Word]:
    """Up to four capitalised words from ``pos``, without possessive endings."""
    run: list[_Word] = []
    for s, _, w in _words_in(text, pos, min(len(text), pos + 60)):
        if not (w[:1].isupper() and (not run or _blank(text, run[-1].end, s)) and len(run) < 4):
            break
        bare = strip_possessive(w)
        run.append(_Word(s, s + len(bare), bare))
    return run


def _place_prefix_owner(view: _DocView, run: list[_Word]) -> tuple[_Owner, int] | None:
    """The longest start of ``run`` that is a known place or body, as an owner, and its end."""
    text = view.text
    for k in range(len(run), 0, -1):
        phrase = text[run[0].start:run[k - 1].end]
        code, found = place_code(phrase)
        if not found:
            continue
        end = run[k - 1].end
        nt = view.token_at(end + 1) if text[end:end + 1] == " " else None
        if nt is not None and nt.text[:1].islower() and nt.pos_ in ("NOUN", "ADJ", "PROPN"):
            # "president of the German auto industry association": an adjective; the
            # owner is some organisation, neither the country nor a known company.
            return _Owner("unknown", phrase + " " + nt.text, None, run[0].start), end
        org_end = _org_past_place(view, run[0].start, end)
        if org_end is not None:
            return _Owner("unknown", text[run[0].start:org_end], None, run[0].start), org_end
        return _Owner("place" if code else "body", phrase, code, run[0].start), end
    return None


def _org_past_place(view: _DocView, start: int, end: int) -> int | None:
    """The end of an ORG entity that runs on past a place starting it with capitalised words
    and no public body's name (``the president of Canadian Auto Workers``, ``Executive Director
    of the California Fuel Cell Partnership``): an organisation, not the place."""
    tok = view.token_at(start)
    if tok is None or tok.ent_type_ != "ORG":
        return None
    ent = next(e for e in view.ents if e.start <= tok.i < e.end)
    if ent.end_char <= end or not re.match(r" [A-Z]", view.text[end:end + 2]):
        return None
    tb = _tables()
    rest = view.text[end:ent.end_char]
    if any(w in rest for w in tb.public_words) or tb.body_tail_re.match(view.text, end):
        return None          # "the U.S. Export-Import Bank": a public body's name
    return ent.end_char


def _org_owner(view: _DocView, run: list[_Word]) -> tuple[_Owner, int] | None:
    """The owner named by ``run`` (or by the ORG entity it starts), and its end."""
    ent = view.ent_by_start.get(run[0].start)
    if ent is not None and ent.label_ == "ORG":
        run = _words_in(view.text, ent.start_char, ent.end_char)
    company_end = view.company_end_at(run[0].start)
    rest = [w for w in run if w.start > (company_end or 0)]
    first_after = view.token_at(rest[0].start) if company_end is not None and rest else None
    if first_after is not None and first_after.ent_type_ == "PERSON":
        # "president of PayPal Jeff Jordan": the company's mention ends the owner, a person follows
        run = [w for w in run if w.end <= company_end]
    while run and run[-1].text in _tables().stopwords:
        run.pop()
    if not run:
        return None
    return _classify_run(view, run), run[-1].end


_OWNER_LEAD = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+|its\s+)?(?:parent\s+|unit\s+|subsidiary\s+)?"
                         r"(?:(?:privately|publicly|state|family|government)-(?:held|owned|traded|run)\s+)?")
# "executive vice president of Database and Middleware Technology at Oracle": a division, then the
# company (only a company: "chairman of the textiles committee at the American Chamber of Commerce")
_DIVISION_THEN_AT = re.compile(r"\s+(?:of|for)\s+(?:[A-Za-z&-]+\s+){1,6}?at\s+(?:the\s+)?")


def _owner_after(view: _DocView, he: int) -> tuple[_Owner, int] | None:
    """``of Canada``, ``at Nvidia``, ``of its parent Toshiba``: the owner after a head and its end."""
    text = view.text
    division = _DIVISION_THEN_AT.match(text[he:he + 80])
    found = _owner_at(view, he + division.end()) if division else None
    if found is None or found[0].kind != "company":
        lead = _OWNER_LEAD.match(text[he:he + 30])
        found = _owner_at(view, he + lead.end()) if lead else None
    if found is None:
        return None
    owner, end = found
    end = _body_name_end(text, end)
    if owner.kind == "unknown" and _names_public_body(view, owner.start, end):
        # "the president of the Trento Development Agency": the body's name ends with its last word
        owner = _Owner("body", text[owner.start:end], _first_place_code(text, _words_in(text, owner.start, end)),
                       owner.start)
    return owner, end


def _names_public_body(view: _DocView, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a public body (a public word in it) and no company."""
    name = view.text[start:end]
    return any(w in name for w in _tables().public_words) and not view.in_company(start, end)


def _owner_at(view: _DocView, pos: int) -> tuple[_Owner, int] | None:
    """The place, body or company whose capitalised name starts at ``pos``, and its end."""
    run = _capitalised_run(view.text, pos)
    return (_place_prefix_owner(view, run) or _org_owner(view, run)) if run else None


def _body_after_words(view: _DocView, owner: _Owner | None, he: int, end: int) -> list[str]:
    """``Director of the White House National Economic Council``, ``head of the State Property
    Agency (AVAS)``: the words of a public body named after a head, kept in an official's title
    without a place word before it (``Chair of the U.S. Export-Import Bank``) or an acronym in
    brackets; none for a place alone (``President of Chad``) or a body the holder works at
    (``Acting Executive Director at the Permitting Council``)."""
    tb = _tables()
    if owner is None or owner.kind not in ("place", "body") or owner.text in tb.regions \
            or owner.text in tb.international_bodies:
        return []
    phrase = re.sub(r"\s*\([A-Z][A-Za-z&]+\)$", "", view.text[he:end])
    words = phrase.split()
    if words[:1] == ["at"]:
        return []
    lead = 2 if len(words) > 1 and words[1].lower() == "the" else 1
    rest = words[lead:]
    if owner.kind == "place" and owner.text not in tb.bodies:
        place = len(owner.text.split())
        if place >= len(rest):
            return []
        rest = rest[place:]
    return [w.lower() for w in words[:lead]] + rest


def _body_name_end(text: str, end: int) -> int:
    """Where the name of a body that starts at an owner ending at ``end`` ends: the rest of the
    name after the place or body that starts it ("the White House | National Economic Council",
    "the U.S. | Export-Import Bank (EXIM)"), up to a word that ends a body's name and a
    bracketed acronym after it (or after the owner alone)."""
    m = _tables().body_tail_re.match(text, end) or _ACRONYM.match(text, end)
    return m.end() if m else end


_ACRONYM = re.compile(r"[ \t]+\([A-Z][A-Za-z&]+\)")          # "the World Trade Organisation (WTO)"


def _checked_name(view: _DocView, span: tuple[int, int] | None) -> tuple[int, int] | None:
    return span if span and _valid_name(view, *span) else None


def _name_after(view: _DocView, after: int, has_portfolio: bool, owned: bool = False) -> tuple[int, int] | None:
    """The name right after a title, or after ``, `` when a person entity follows (``Minister of
    Petroleum and Natural Gas, Hardeep Singh Puri``), or when a title with an owner sets off a
    name between commas (``The chairman of Reuters, Niall FitzGerald, said``)."""
    text = view.text
    if text[after:after + 1] in (" ", "\t"):
        return _checked_name(view, _read_name(view, _BLANKS.match(text, after).end()))
    if text[after:after + 2] != ", ":
        return None
    span = _read_name(view, after + 2)
    if span is None:
        return None
    ent = view.ent_by_start.get(after + 2)
    if ent is not None and ent.label_ == "PERSON":
        return span
    several = len(text[span[0]:span[1]].split()) > 1
    if (has_portfolio or owned and text[span[1]:span[1] + 1] == ",") and several and _valid_name(view, *span):
        return span
    return None


def _holder_name(view: _DocView, after: int, has_portfolio: bool, title_start: int,
                 owned: bool = False) -> tuple[int, int] | None:
    """The span of the name of a title's holder: after the title, else in apposition before it.
    In a list of people with their titles (``with Chris Liddell, senior vice president and chief
    financial officer, Frank Brod, corporate vice president``) the name before wins."""
    span = _name_after(view, after, has_portfolio, owned)
    if span is None or view.text[after:after + 1] == "," and _described_next(view, span[1]):
        before = _checked_name(view, _apposition_name(view, title_start))
        if span is None or before is not None:
            span = before
    if span is None or _names_a_thing(view, span[1]):
        return None
    return span


def _described_next(view: _DocView, end: int) -> bool:
    """Whether a name ending at ``end`` is followed by ``, `` and a description of it (a noun
    phrase, not a verb: ``Frank Brod, corporate vice president``, not ``Eamonn Brennan, said``)."""
    if view.text[end:end + 2] != ", ":
        return False
    tok = view.token_at(end + 2)
    return tok is not None and tok.pos_ in ("ADJ", "NOUN", "PROPN", "DET")


def _company_owner(view: _DocView, owner: _Owner, head_l: str) -> bool:
    """Whether a company or unknown owner makes the title a company role: a company the article
    names, or a role only companies have (``Novartis CEO``) and no association or think tank."""
    tb = _tables()
    if owner.kind == "company" and (not owner.text or owner.text in view.company_by_text):
        return True
    return bool(owner.text in view.company_by_text
                or view.in_company(owner.start, owner.start + len(owner.text))
                or (head_l in tb.strict_company_heads and owner.text and not tb.non_company_re.search(owner.text)))


def _role_without_owner(view: _DocView, head: _Head, head_l: str) -> _Role | None:
    """The role of a head with no owner and no public modifier."""
    tb = _tables()
    if _bracketed_after_name(view.text, head):
        return _Role("executive", _company_before(view, head.start))
    if head_l in tb.context_company_heads:
        # "Chief executive Luc Rémont said": the company named just before, if any.
        company = _company_before(view, head.start, main_company="executive" in head_l)
        if company:
            return _Role("executive", company)
        return _Role("official") if head_l in tb.default_official else None
    if head.kind == "company":
        return _Role("executive")
    if head_l == "president" and (company := _company_just_before(view, head.start)):
        return _Role("executive", company)
    return _Role("official") if head_l in tb.default_official else None          # "President Donald Trump"


_BRACKET_AFTER_NAME = re.compile(r"[^\W\d_]\s*\(\s*$")


def _bracketed_after_name(text: str, head: _Head) -> bool:
    """Whether a bare head stands alone in brackets after a name (``- Tom Barr (President):``): a
    press release quoting the people of the businesses it presents, each one's role in brackets
    and the business named in the paragraph before. No office is written so."""
    return bool(_BRACKET_AFTER_NAME.search(text, max(0, head.start - 8), head.start)
                and text[head.end:head.end + 1] == ")")


def _company_just_before(view: _DocView, pos: int) -> str | None:
    """The company named last before ``pos`` in its paragraph, when no place word comes between
    (``Mitsubishi Corp, which expects ..., reports results next week. President Katsuya Nakanishi
    said``): the company a bare ``President`` heads."""
    para = view.text.rfind("\n", 0, pos) + 1
    best = max(((s, e, name) for s, e, name in view.company_spans if para <= s and e <= pos), default=None)
    if best is None or any(best[1] <= s and e <= pos for s, e, _ in _place_hits(view)):
        return None
    return best[2]


def _role_kind(view: _DocView, head: _Head, owner: _Owner | None, pre: list[str]) -> _Role | None:
    """Public office or company role, from the head's kind, the owner and the modifiers."""
    tb = _tables()
    okind = owner.kind if owner else None
    head_l = " ".join(head.text.lower().split())
    if head_l in tb.strict_company_heads and owner and tb.non_company_re.search(owner.text):
        return None          # "CEO of the Federation of Chemical Industries": a lobby's head
    if head.kind == "official":
        return None if okind == "company" else _Role("official")
    if okind in ("place", "body") or (okind is None and any(w.lower() in tb.public_modifiers for w in pre)):
        return _Role("official")          # "presidential policy chief Kim Yong-beom"
    if okind in ("company", "unknown"):
        # An owner that is not a company the article names (a think tank, an association),
        # unless the role is one only companies have.
        return _Role("executive") if _company_owner(view, owner, head_l) else None
    return _role_without_owner(view, head, head_l)


def _role(view: _DocView, head: _Head, owner: _Owner | None, pre: list[str]) -> _Role | None:
    """The role of a (not abbreviated) title, with the company of an executive."""
    role = _role_kind(view, head, owner, pre)
    if role is None:
        return None
    if (role.kind == "executive" or owner is None) and _non_company_owner(view, head.start, head.end):
        return None          # "founder of the think tank GTRI", "industry association president"
    if role.kind == "executive" and owner is not None and owner.kind in ("company", "unknown"):
        role.company = owner.text or None
    if role.kind == "executive" and role.company is None:
        role.company = _company_before(view, head.start, main_company=True)
    return role


def _title_text(head: _Head, owner: _Owner | None, pre: list[str], suffix: list[str], kind: str) -> str:
    if kind == "official" and owner is not None and owner.text in _tables().title_bodies:
        pre = owner.text.split() + pre        # "European Commission President"
    return title_case(pre + head.text.split() + suffix).replace(" ,", ",")


def _country_after_name(view: _DocView, ne: int) -> str | None:
    """``Trade Minister Yoo Han-koo of South Korea``: the country after the name."""
    text = view.text
    om = re.match(r"\s+of\s+(?:the\s+)?", text[ne:ne + 10])
    if not om:
        return None
    ws = list(_WORD.finditer(text, ne + om.end(), min(len(text), ne + om.end() + 40)))[:4]
    for k in range(len(ws), 0, -1):
        code, found = place_code(strip_possessive(text[ws[0].start():ws[k - 1].end()]))
        if found:
            return code
    return None


def _company_after_name(view: _DocView, ne: int) -> str | None:
    """``CEO Joo Sun Choi of Samsung Display``: the company named right after the name."""
    om = re.match(r"\s+of\s+(?:the\s+)?", view.text[ne:ne + 10])
    if not om:
        return None
    at = ne + om.end()
    return next((name for s, _, name in view.company_spans if s == at), None)


def _parse_title(view: _DocView, m: re.Match) -> _Found | None:
    """Read the title matched by ``m`` with its owner and the person it names."""
    tb = _tables()
    head = _read_head(view, m)
    before = _read_before(view, head.start) if head else None
    if before is None or _given_name_head(view, head, before):
        return None
    portfolio = _portfolio_after(view, head.end)
    suffix, after = portfolio or ([], head.end)
    owner = before.owner
    body_words: list[str] = []
    if portfolio is None and owner is None:          # "of Canada" / "of Nvidia" after the head
        owner, after = _owner_after(view, head.end) or (None, after)
        body_words = _body_after_words(view, owner, head.end, after)
    span = _holder_name(view, after, bool(suffix), before.title_start, owner is not None)
    if span is None:
        return None
    country = owner.code if owner and owner.kind in ("place", "body") else None
    if head.abbr:
        role = _Role("official")
        country = country or tb.abbreviation_country.get(head.abbr)
        title = tb.abbreviations[head.abbr]
    else:
        role = _role(view, head, owner, before.modifiers)
        if role is None:
            return None
        title = _title_text(head, owner, before.modifiers, suffix + (body_words if role.kind == "official" else []),
                            role.kind)
        country = country or tb.head_country.get(title)
    if role.kind == "official" and country is None:
        country = _country_after_name(view, span[1])
    if role.kind == "executive" and owner is None:
        role.company = _company_after_name(view, span[1]) or role.company
        if head.text and head.kind == "ambiguous" and _known_official(view.text[span[0]:span[1]]):
            role = _Role("official")          # "President Trump" after a company's name
    if role.kind == "official" and owner is not None and owner.text in tb.international_bodies:
        country = NO_COUNTRY
    return _Found(span[0], span[1], view.text[span[0]:span[1]], role.kind, title, country, role.company)


def _given_name_head(view: _DocView, head: _Head, before: _Before) -> bool:
    """A head that is also a given name (``said Sultan Al Jaber``, ``Dubai World Chairman Sultan
    Ahmed bin Sulayem``), with no owner or ``the`` before it to make it a title (``Oman's
    Sultan``, ``the Sultan of Brunei``)."""
    tb = _tables()
    if head.text not in tb.given_name_heads:
        return False
    words = _words_before(view.text, before.start, 40)
    if not words or not _blank(view.text, words[-1].end, before.start):
        return True
    last = words[-1].text
    return not (last.lower() == "the" or before.owner is not None and last.lower() not in tb.title_words)


def _portfolio_word(view: _DocView, m: re.Match, words: list) -> bool:
    """A word of a ``responsible for`` portfolio: a capitalised portfolio or place word
    (``Canada-U.S.``), else a lower-case noun or adjective, or a connector inside."""
    tb = _tables()
    w = m.group()
    if w[:1].isupper():
        parts = [x for x in re.split(r"-(?=[A-Z])", w) if x]
        return w.lower() in tb.portfolio or all(place_code(x)[1] for x in parts)
    tok = view.token_at(m.start())
    return tok is not None and (tok.pos_ in ("NOUN", "ADJ") or bool(w in tb.connectors and words))


def _responsible_for(view: _DocView, he: int) -> tuple[list[str], int] | None:
    """``minister responsible for Canada-U.S. trade``: the portfolio after ``responsible for``
    (lower-case nouns and adjectives, place and portfolio words), as title words and its end."""
    tb = _tables()
    text = view.text
    rm = re.match(r"[ \t]+responsible[ \t]+for[ \t]+(?:the[ \t]+)?", text[he:he + 40])
    if not rm:
        return None
    words: list[_Word] = []
    p = he + rm.end()
    for m in _WORD.finditer(text, p, min(len(text), p + 80)):
        if not _blank(text, p, m.start()) or (words and m.start() == p) or len(words) >= 6:
            break
        if not _portfolio_word(view, m, words):
            break
        words.append(_Word(m.start(), m.end(), m.group()))
        p = m.end()
    while words and (words[-1].text in tb.connectors or not words[-1].text[:1].isalpha()):
        words.pop()
    if not words:
        return None
    last = words[-1]
    if last.text.endswith(".") and "." not in last.text[:-1]:
        words[-1] = _Word(last.start, last.end - 1, last.text[:-1])          # a sentence's full stop
    return ["responsible", "for"] + [w.text for w in words], words[-1].end


def _non_company_owner(view: _DocView, hs: int, he: int) -> bool:
    """Whether the words just before a role or its ``of ...`` phrase name an organisation that is
    not a company (``think tank``, ``association``)."""
    tb = _tables()
    text = view.text
    line = text.rfind("\n", 0, hs) + 1
    before = text[max(line, hs - 24):hs]
    if tb.non_company_re.search(re.split(r"[,.;:]", before)[-1]):
        return True
    om = re.match(r"[ \t]+(?:of|at)[ \t]+([^,.;:()\n]{1,70})", text[he:he + 76])
    return bool(om and tb.non_company_re.search(om.group(1)))


# --------------------------------------------------------------------------------------------
# PERSON entities, name forms and the gazetteer


def _title_word_before(view: _DocView, ent, words: list[_Word]) -> list[str] | None:
    """The title word right before a one-word PERSON entity (``Executive | Order``), as a
    list; None when a demonstrative comes before it (``this Order``)."""
    text = view.text
    before = _words_before(text, ent.start_char, 30)
    if not (len(words) == 1 and before and _blank(text, before[-1].end, ent.start_char)):
        return []
    w = before[-1].text
    if w.lower() in ("this", "that", "these", "those"):
        return None          # a demonstrative does not go with a name
    return [w] if w.lower() in _tables().title_words else []


def _is_title_word(w: str) -> bool:
    tb = _tables()
    return w.lower() in tb.title_words or w in tb.honorifics or w.lower().rstrip("-") in tb.dropped


def _name_end(view: _DocView, words: list[_Word]) -> list[_Word]:
    """The name ends at a possessive (``Trump’s State Visit``) and, in a headline, at a word that
    is not a name word (``President Trump Signs Executive Orders``)."""
    cut = next((k + 1 for k, w in enumerate(words)
                if strip_possessive(w.text) != w.text and w.text.endswith(_POSSESSIVE)), len(words))
    words = words[:cut]
    if words and _in_headline_line(view, words[0].start):
        k = 1
        while k < len(words) and _headline_name_word(view, strip_possessive(words[k].text), True):
            k += 1
        words = words[:k]
    return words


def _clean_person_ent(view: _DocView, ent) -> tuple[int, int] | None:
    """A PERSON entity's name span without titles, honorifics and possessives."""
    tb = _tables()
    words = _words_in(view.text, ent.start_char, ent.end_char)
    if not words or "\n" in ent.text:
        return None
    popped = _title_word_before(view, ent, words)
    if popped is None:
        return None
    while words and _is_title_word(words[0].text):
        popped.append(words.pop(0).text)
    if len(words) > 3 and f"{words[0].text} {words[1].text}".lower() in tb.head_kind:
        popped += [words.pop(0).text, words.pop(0).text]  # "Crown Prince Mohammed bin Salman"
    while len(words) > 2 and view.company_end_at(words[0].start) == words[0].end:
        words.pop(0)  # "PayPal Jeff Jordan": the company before the name
    words = _name_end(view, words)
    if not words:
        return None
    if popped and len(words) == 1 and (strip_possessive(words[0].text).casefold() in _case_words(view)[1]
                                       or not any(w.lower() in tb.head_kind for w in popped)):
        return None          # "Executive Order": a title modifier and a common noun, not a name
    last = words[-1]
    bare = strip_possessive(last.text)
    words[-1] = _Word(last.start, last.start + len(bare), bare)
    if not all(w.text[:1].isupper() or w.text in tb.particles for w in words):
        return None
    return words[0].start, words[-1].end


def _surname_variants(words: list[str]) -> list[str]:
    """Forms of a name used alone for the same person.

    >>> _surname_variants(["Ursula", "von", "der", "Leyen"])
    ['Ursula von der Leyen', 'von der Leyen', 'Von der Leyen', 'Leyen']
    >>> _surname_variants(["Yoo", "Han-koo"])
    ['Yoo Han-koo', 'Yoo']
    """
    out = [" ".join(words)]
    if len(words) < 2:
        return out
    last = words[-1]
    if "-" in last and last.split("-", 1)[1][:1].islower():
        out.append(words[0])          # Korean-style given name: the family name comes first
        return out
    k = len(words) - 1
    while k > 1 and words[k - 1][:1].islower():
        k -= 1
    if k < len(words) - 1:
        out.append(" ".join(words[k:]))
        out.append(out[-1][0].upper() + out[-1][1:])      # "Von der Leyen" opening a sentence
    out.append(last)
    return out


def _compatible(short: list[str], long: list[str]) -> bool:
    """Whether the name ``short`` can be the person named ``long`` ("Donald Trump" and
    "Donald J. Trump" are one, either way round)."""
    if short == long or without_initials(short) == without_initials(long):
        return True
    if len(short) < len(long) and long[-len(short):] == short:
        return True
    if len(short) == 1 and (short[0] in _surname_variants(long)[1:] or short[0] == long[0]):
        return True          # ... or the first word: "President Lee" after "President Lee Jae Myung"
    row = _gaz(" ".join(long))
    return row is not None and " ".join(short) in row.get("aliases", [])


def fold_accents(name: str) -> str:
    """A name without accents, for gazetteer look-ups.

    >>> fold_accents("Luiz Inácio Lula da Silva"), fold_accents("Maroš Šefčovič")
    ('Luiz Inacio Lula da Silva', 'Maros Sefcovic')
    """
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _known_official(name: str) -> bool:
    """Whether the gazetteer knows a name, or its last word as a surname."""
    return _gaz(name) is not None or name.split()[-1] in _tables().gazetteer_alias


def _gaz(name: str) -> dict | None:
    """The gazetteer row of a full name, spelt with or without accents."""
    tb = _tables()
    return tb.gazetteer.get(name) or tb.gazetteer.get(fold_accents(name))


_INITIAL = re.compile(r"[A-Z]\.")


def without_initials(words: list[str]) -> list[str]:
    """A name without its middle initials (``Donald J. Trump`` -> ``Donald Trump``).

    >>> without_initials(["Donald", "J.", "Trump"]), without_initials(["J.", "D.", "Vance"])
    (['Donald', 'Trump'], ['J.', 'Vance'])
    """
    if len(words) < 3:
        return words
    middle = [w for w in words[1:-1] if not _INITIAL.fullmatch(w)]
    return [words[0]] + middle + [words[-1]]


def _gazetteer_row(person: _Person) -> dict | None:
    tb = _tables()
    name = person.name
    if _gaz(name):
        return _gaz(name)
    if _gaz(" ".join(without_initials(person.words))):
        return _gaz(" ".join(without_initials(person.words)))
    rows = tb.gazetteer_alias.get(name) or tb.gazetteer_alias.get(person.words[-1]) or []
    rows = [r for r in rows if len(person.words) == 1 or _compatible(person.words, r["name"].split())
            or name in r.get("aliases", [])]
    if len({(r["country"]) for r in rows}) == 1:
        return rows[0]
    return None


def _shows_office(view: _DocView, person: _Person) -> bool:
    """Whether a sentence naming the person shows them in office (and not as an analyst...)."""
    tb = _tables()
    text = view.text
    for s, e in person.mentions:
        tok = view.token_at(s)
        if tok is None:
            continue
        sent = tok.sent
        low = sent.text.lower()
        near = text[max(sent.start_char, s - 40):min(sent.end_char, e + 60)].lower()
        if any(w in tb.non_official_roles for w in re.findall(r"[a-z]+", near)):
            continue
        if any(cue in low for cue in tb.office_cues):
            return True
    return False


_NAME_TOKEN = re.compile(r"[\w'’.-]+")
_MAX_ALTERNATION = 300


def _find_variants(text: str, variants) -> list[tuple[int, int]]:
    """Spans of every name form in ``variants`` (whole words; ``Trump's`` gives ``Trump``).

    One regex alternation for the usual handful of names; with very many names (hostile or
    huge input) a word scan with dictionary look-ups keeps the pass linear.
    """
    if not variants:
        return []
    if len(variants) <= _MAX_ALTERNATION:
        rx = re.compile(r"(?<![\w'’-])(?:" + _alternation(variants) + r")(?![\w-]|['’](?![sS]\b))")
        return [m.span() for m in rx.finditer(text)]
    return _scan_variants(text, variants)


def _variant_at(text: str, words: list[_Word], i: int, longest: int, variants) -> tuple[tuple[int, int], int] | None:
    """The longest name form starting at ``words[i]`` (its last word may carry a possessive):
    its span and number of words."""
    for k in range(min(longest, len(words) - i), 0, -1):
        chunk = words[i:i + k]
        if any(not _blank(text, a.end, b.start) or a.end == b.start for a, b in zip(chunk, chunk[1:])):
            continue
        last = chunk[-1].text
        for tail in dict.fromkeys((last, strip_possessive(last))):
            if " ".join([w.text for w in chunk[:-1]] + [tail]) in variants:
                return (chunk[0].start, chunk[-1].start + len(tail)), k
    return None


def _scan_variants(text: str, variants) -> list[tuple[int, int]]:
    """``_find_variants`` by a word scan with dictionary look-ups."""
    longest = max(len(v.split()) for v in variants)
    words = [_Word(m.start(), m.end(), m.group()) for m in _NAME_TOKEN.finditer(text)]
    # A name starts with its first word as written (its only word may also carry a possessive):
    # positions whose word starts no name are skipped without building chunks.
    firsts = {v.split(" ", 1)[0] for v in variants}
    spans, i = [], 0
    while i < len(words):
        w = words[i].text
        found = None
        if w in firsts or strip_possessive(w) in firsts:
            found = _variant_at(text, words, i, longest, variants)
        if found is not None:
            spans.append(found[0])
            i += found[1] - 1
        i += 1
    return spans


# --------------------------------------------------------------------------------------------
# Country from context


def _place_hits(view: _DocView) -> list[tuple[int, int, str]]:
    """Every place word with a country in the doc (one regex pass, cached on the view)."""
    if view._places is None:
        tb = _tables()
        view._places = [(m.start(), m.end(), tb.place_codes[" ".join(m.group().split())])
                        for m in tb.place_re.finditer(view.text)
                        if m.group() not in tb.context_skip_bodies]
    return view._places


def _counterpart(tok) -> bool:
    """A place word that names the other side (``talks with Washington``, ``a levy on China``)."""
    return tok.dep_ == "pobj" and tok.head.lower_ in _tables().counterpart_preps


def _clause_bounds(tok) -> tuple[int, int]:
    """The character span of a person's own clause: the sentence when they are the agent
    (``a bill sponsored by Senator X``), the clause they are the subject of, else their own
    noun phrase."""
    sent = tok.sent
    root = tok
    while root.dep_ in ("compound", "flat", "appos", "conj", "poss") and root.head is not root:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        return sent.start_char, sent.end_char
    scope = root.head if root.dep_ in ("nsubj", "nsubjpass") else root
    return scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge)


def _names_other_side(view: _DocView, s: int) -> bool:
    pt = view.token_at(s)
    return pt is not None and _counterpart(pt)


def _nearest_in_clause(view: _DocView, hits: list, f: _Found, sent, lo: int, hi: int) -> str | None:
    """The country of the place word nearest the person in their clause, not the other side's."""
    best = None
    for s, e, code in hits:
        if s < sent.start_char or s >= sent.end_char or s < lo or e > hi or f.start <= s < f.end:
            continue
        if _names_other_side(view, s):
            continue
        dist = min(abs(s - f.end), abs(f.start - e))
        if best is None or dist < best[0]:
            best = (dist, code)
    return best[1] if best else None


def _earlier_in_paragraph(view: _DocView, hits: list, sent) -> str | None:
    """The country of the nearest place word before the sentence in its paragraph, not the
    other side's."""
    para = view.text.rfind("\n", 0, sent.start_char) + 1
    for s, _, code in reversed(hits):
        if s >= sent.start_char or s < para:
            continue
        pt = view.token_at(s)
        if pt is None or not _counterpart(pt):
            return code
    return None


def _most_named(hits: list) -> str | None:
    """The country named most often, when one leads."""
    counts: dict[str, int] = {}
    for _, _, code in hits:
        counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    top = max(counts.values())
    leaders = [c for c, n in counts.items() if n == top]
    return leaders[0] if len(leaders) == 1 else None


def _context_country(view: _DocView, f: _Found) -> str | None:
    """The country an official's context implies when the title and the gazetteer say nothing.

    In order: a place word in the person's own clause (the clause they are the subject of,
    else their own noun phrase), nearest first, leaving out places that name the other side;
    then the nearest such place earlier in the paragraph; then the article's most named country
    (not the US for offices the US does not have, such as ``Minister``).
    """
    hits = _place_hits(view)
    title = " " + " ".join(re.findall(r"[a-z]+", (f.title or "").lower())) + " "
    if any(f" {h} " in title for h in _tables().not_us_heads):
        hits = [h for h in hits if h[2] != "US"]          # "Treasurer X", "Minister X": not American
    if not hits:
        return None
    tok = view.token_at(max(f.start, f.end - 1))
    if tok is not None:
        lo, hi = _clause_bounds(tok)
        code = _nearest_in_clause(view, hits, f, tok.sent, lo, hi) or _earlier_in_paragraph(view, hits, tok.sent)
        if code:
            return code
    return _most_named(hits)


# --------------------------------------------------------------------------------------------
# People: candidates, clustering, mentions, records


def _usable_family_name(person: _Person, others: list[_Person]) -> str | None:
    """The first word of a person's name, when it can stand alone for them: a name word, and
    no form of another person's name."""
    tb = _tables()
    family = person.words[0]
    if family in tb.stopwords or family.casefold() in tb.title_words or len(family) < 2:
        return None
    if any(family in _surname_variants(q.words) for q in others):
        return None
    return family


def _in_longer_name(text: str, s: int, e: int) -> bool:
    """Whether a capitalised word follows, or a name word precedes (``Wang Yi``, ``Yang Wang``;
    ``Mr Wang`` is fine)."""
    tb = _tables()
    nxt = _word_after(text, e)
    if nxt and nxt.group()[:1].isupper():
        return True
    prev = re.search(r"(\S+)[ \t]$", text[max(0, s - 40):s])
    prev = prev.group(1) if prev else ""
    return (prev[:1].isupper() and prev[-1:].isalpha() and prev not in tb.stopwords
            and prev not in tb.honorifics)


def _family_name_mentions(view: _DocView, person: _Person, people: list, mentions: list) -> list:
    """Add the family name alone for a name written family name first (``Commerce Minister Wang
    Wentao`` ... ``Wang``): whole-word proper nouns, not part of a longer name, not another
    person's name."""
    text = view.text
    others = [q for q in people if q is not person and q.words != [person.words[0]]]
    family = _usable_family_name(person, others)
    if family is None:
        return mentions
    taken = _Reach(span for q in others + [person] for span in q.mentions)
    out = list(mentions)
    for m in re.finditer(r"(?<![\w'’.-])" + re.escape(family) + r"(?![\w-]|['’](?![sS]\b))", text):
        s, e = m.span()
        if taken.furthest(s) > s or view.in_company(s, e) or _in_longer_name(text, s, e):
            continue
        tok = view.token_at(s)
        if tok is None or tok.pos_ != "PROPN":
            continue
        out.append({"text": text[s:e], "start": s, "end": e})
    return sorted(out, key=lambda m: m["start"])


def _titled_people(view: _DocView) -> list[_Found]:
    """People named with a title (``TITLE Name``, ``Name, TITLE``), and the holders a plural
    title names (``Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin``)."""
    found = []
    for m in _tables().head_re.finditer(view.text):
        f = _parse_title(view, m) or _signature(view, m)
        if f is None or (m.group("plural") and f.kind != "official"):
            continue
        found.append(f)
        if m.group("plural"):
            found.extend(_coordinated_holders(view, f))
    return found + _counterparts(view, found)


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _signature(view: _DocView, m: re.Match) -> _Found | None:
    """A signature block: a line that is an office alone under a line that is a name alone
    (``Anthony Albanese`` / ``Prime Minister`` at the foot of a joint framework)."""
    tb = _tables()
    text = view.text
    head = _read_head(view, m) if m.group("head") and not m.group("plural") else None
    if head is None or head.kind == "company" or head.kind == "ambiguous" and head.text.lower() not in tb.default_official:
        return None
    ls, le = _line_at(text, head.start)
    pf = tb.pf_re.match(text, head.end)
    end = pf.end() if pf else head.end
    pre = text[ls:head.start].split()
    if text[end:le].strip() or any(w.lower() not in tb.modifiers for w in pre):
        return None
    name_end = len(text[:ls].rstrip())
    name_start = text.rfind("\n", 0, name_end) + 1
    span = _read_name(view, name_start)
    if span is None or span[1] != name_end or not _valid_name(view, *span):
        return None
    return _Found(span[0], span[1], text[span[0]:span[1]], "official", title_case(text[ls:le].split()))


_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+([A-Z][\w'’-]+)\s+counterparts?,?\s+")


def _counterparts(view: _DocView, titled: list[_Found]) -> list[_Found]:
    """``Foreign Minister Alexander Downer and his Chinese counterpart, Li Zhaoxing``: the
    counterpart holds the title of the official named before, for the country of the demonym."""
    out = []
    for m in _COUNTERPART.finditer(view.text):
        code, found = place_code(m.group(1))
        before = [f for f in titled if f.kind == "official" and f.title and m.start() - 300 < f.end <= m.start()]
        span = _checked_name(view, _read_name(view, m.end())) if found and before else None
        if span is not None:
            out.append(_Found(span[0], span[1], view.text[span[0]:span[1]], "official", before[-1].title, code))
    return out


_NEXT_HOLDER = re.compile(r"(?:\s+of\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?(,\s+(?:and\s+)?|\s+and\s+)")


def _coordinated_holders(view: _DocView, first: _Found) -> list[_Found]:
    """The other holders of a plural title: names after ``,`` / ``and``, each with its country
    (``of Benin``), the title of the first."""
    out, end = [], first.end
    while len(out) < 8:
        link = _NEXT_HOLDER.match(view.text, end)
        if link is None:
            break
        span = _checked_name(view, _read_name(view, link.end()))
        if span is None:
            break
        country = _country_after_name(view, span[1])
        out.append(_Found(span[0], span[1], view.text[span[0]:span[1]], "official", first.title, country))
        end = span[1]
        if "and" in link.group(1):
            break
    return out


def _person_entities(view: _DocView) -> list[_Found]:
    """The model's PERSON entities, cleaned of titles and possessives."""
    found = []
    for ent in view.ents:
        if ent.label_ == "PERSON":
            span = _clean_person_ent(view, ent)
            if span and _valid_name(view, *span):
                found.append(_Found(span[0], span[1], view.text[span[0]:span[1]]))
    return found


def _founders(view: _DocView) -> list[_Found]:
    """``Mean Fiddler was founded in 1982 by Vince Power``, ``Anglo, founded in 1917 by Sir
    Ernest Oppenheimer``, ``established ... by Steven Spielberg, David Geffin, and Jeffrey
    Katzenberg``: the people of a ``by`` phrase of a founding verb whose company (its passive
    subject, or the name the participle follows) is one of ``doc._.companies``; and the subject of
    an active one whose object is (``Sam Morgan, who founded Trade Me``); title founder."""
    found = []
    founding = _tables().founding_verbs
    for tok in view.doc:
        if tok.lower_ not in founding or tok.tag_ != "VBN":
            continue
        company = _founded_company(view, tok)
        if company is None:
            continue
        for agent in (c for c in tok.children if c.dep_ == "agent"):
            for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                for head in [pobj, *pobj.conjuncts]:
                    found.extend(_founder(view, head, company))
    for tok in view.doc:
        if tok.lower_ in founding and tok.tag_ == "VBD":
            company = _company_object(view, tok)
            for head in _founding_subjects(tok) if company else ():
                found.extend(_founder(view, head, company))
    return found


_OWNER_POSSESSIVE = re.compile(r"['’]s[ \t]+")


def _firm_owners(view: _DocView) -> list[_Found]:
    """``Warren Buffett's Berkshire Hathaway``, ``Barry Diller's InterActiveCorp``: a person (of
    two or more words, no official) named with a possessive right before a company's mention
    owns or runs it; executive, title null (the Blavatnik ruling)."""
    found = []
    for ent in view.ents:
        if ent.label_ != "PERSON":
            continue
        span = _clean_person_ent(view, ent)
        m = _OWNER_POSSESSIVE.match(view.text, span[1]) if span else None
        if m is None or view.company_end_at(m.end()) is None or not _valid_name(view, *span):
            continue
        name = view.text[span[0]:span[1]]
        if len(name.split()) < 2 or _known_official(name) or view.in_company(*span):
            continue
        company = next(c for a, _, c in view.company_spans if a == m.end())
        found.append(_Found(span[0], span[1], name, "executive", None, None, company))
    return found


def _founder(view: _DocView, head, company: str) -> list[_Found]:
    """The founder whose name ends with the token ``head``, if the model names a person there."""
    ent = view.ent_by_end.get(head.idx + len(head.text))
    if ent is None or not (ent.label_ == "PERSON" or ent.label_ == "ORG" and len(ent) == 2):
        return []          # (the small model tags some founders ORG: "Vince Power")
    span = _clean_person_ent(view, ent)
    if not (span and _valid_name(view, *span)):
        return []
    return [_Found(span[0], span[1], view.text[span[0]:span[1]], "executive", "founder", None, company)]


def _founding_subjects(verb) -> list:
    """Who did the founding in the active voice: the subject, or the name a ``who founded``
    clause hangs on (``Sam Morgan, who founded Trade Me in 1999``)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "relcl" and subjects and subjects[0].lower_ == "who":
        return [verb.head]
    return [s for s in subjects if s.pos_ == "PROPN"]


def _company_object(view: _DocView, verb) -> str | None:
    """The company an active founding verb takes as its object (``founded Trade Me``)."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for a, b, name in view.company_spans:
            if a <= obj.idx < b:
                return name
    return None


def _founded_company(view: _DocView, verb) -> str | None:
    """The company a founding participle is about: its passive subject, or the noun it follows,
    or the company named right before its comma (``2% of Anglo, founded in 1917 by``, where the
    parse hangs the participle on ``%``)."""
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    target = subjects[0] if subjects else (verb.head if verb.dep_ == "acl" else None)
    if target is None:
        return None
    for a, b, name in view.company_spans:
        if a <= target.idx < b:
            return name
    if subjects:
        return None
    return next((name for _, b, name in view.company_spans
                 if re.fullmatch(r",[ \t]*", view.text[b:verb.idx])), None)


def _gazetteer_names(view: _DocView) -> list[_Found]:
    """Names the gazetteer knows, wherever the model put them (a surname tagged ORG, ...)."""
    tb = _tables()
    text = view.text
    found = []
    if tb.gazetteer_re is None:
        return found
    for m in tb.gazetteer_re.finditer(text):
        s, e = m.span()
        tok = view.token_at(s)
        if tok is None or (tok.pos_ not in ("PROPN", "NOUN") and not tok.ent_type_) or view.in_company(s, e):
            continue
        nxt = _word_after(text, e)
        if nxt and nxt.group() in tb.not_person_after:
            continue
        found.append(_Found(s, e, " ".join(m.group().split())))
    for m in _TICKET_ADMINISTRATION.finditer(text):  # "the Biden-Harris Administration"
        for g in (1, 2):
            if m.group(g) in tb.gazetteer_alias:
                found.append(_Found(m.start(g), m.end(g), m.group(g)))
    return found


# An administration named for its two leaders ("the Biden-Harris Administration").
_TICKET_ADMINISTRATION = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)[-–]([A-Z][a-z]+)(?=\s+[Aa]dministration\b)")

_RANK = {"official": 0, "executive": 1, None: 2}


def _same_person(by_word: dict, name: str) -> _Person | None:
    """The best ranked person already known whose name ``name`` can be; a name read from an
    ALL-CAPS headline joins the same name written in the text."""
    upper = name.isupper()
    words = [w.casefold() for w in name.split()] if upper else name.split()
    seen = {id(p): p for w in words for p in by_word.get(w, ())}
    cands = [p for p in seen.values()
             if _compatible(words, [w.casefold() for w in p.words] if upper else p.words)]
    return min(cands, key=lambda p: (p.rank, p.first)) if cands else None


def _index_person(by_word: dict, person: _Person, name: str) -> None:
    """Index a new person by every word of their name (as written: ``name``) and of their
    gazetteer aliases, as written and case-folded."""
    row = _gaz(name)
    for w in set(person.words + [w for a in (row or {}).get("aliases", []) for w in a.split()]):
        by_word.setdefault(w, []).append(person)
        if w.casefold() != w:
            by_word.setdefault(w.casefold(), []).append(person)


def _cluster(found: list[_Found]) -> list[_Person]:
    """Group the names found into people: fullest names first, then shorter forms attach to a
    compatible person."""
    people: list[_Person] = []
    by_word: dict[str, list[_Person]] = {}     # any word of a person's name or alias -> people
    for f in sorted(found, key=lambda f: (-len(f.name.split()), f.name.isupper(), f.start)):
        person = _same_person(by_word, f.name)
        if person is None:
            person = _Person(f.name.split())
            people.append(person)
            _index_person(by_word, person, f.name)
        person.found.append(f)
        person.rank = min(person.rank, _RANK[f.kind])
        person.first = min(person.first, f.start)
    return people


def _name_forms(view: _DocView, people: list[_Person]) -> dict[str, _Person]:
    """Every form of every person's name (surname, gazetteer aliases, upper case for a
    headline) -> the person, the best ranked first. Sets each person's gazetteer row."""
    owner: dict[str, _Person] = {}
    for p in sorted(people, key=lambda p: (p.rank, p.first)):
        p.gaz = _gazetteer_row(p)
        aliases = p.gaz.get("aliases", []) if p.gaz and fold_accents(p.gaz["name"]) == fold_accents(p.name) else []
        for v in _surname_variants(p.words) + aliases:
            owner.setdefault(v, p)
            if _caps_lines(view).spans and v.upper() != v:
                owner.setdefault(v.upper(), p)          # "TRUMP" in a headline
    return owner


def _add_mentions(view: _DocView, people: list[_Person]) -> None:
    """Every mention of every person, one pass over the text; a mention inside a longer one of
    the same person is dropped."""
    tb = _tables()
    text = view.text
    forms = _name_forms(view, people)
    surnames = {p.words[-1] for p in people}
    for s, e in _find_variants(text, forms):
        nxt = _word_after(text, e)
        if view.in_company(s, e) or (nxt and nxt.group() in tb.not_person_after):
            continue
        if text[s:e].isupper() and " ".join(text[s:e].split()) not in surnames and not _in_caps_line(view, s):
            continue          # an upper-case form counts only in a headline
        forms[" ".join(text[s:e].split())].mentions[(s, e)] = None
    for p in people:
        for f in p.found:
            p.mentions.setdefault((f.start, f.end), None)
        # "Hayashi" inside "Nobumitsu Hayashi" (found by the gazetteer) is not a mention of its own.
        # One sweep over the spans sorted by start (longest first): linear after the sort.
        reach = -1
        for a in sorted(p.mentions, key=lambda sp: (sp[0], -sp[1])):
            if a[1] <= reach:
                del p.mentions[a]
            reach = max(reach, a[1])


def _person_kind(view: _DocView, p: _Person) -> str | None:
    """official or executive from the titles found; else official when the gazetteer knows the
    person or the text shows them in office; else None (dropped)."""
    kinds = [f.kind for f in p.found]
    if "official" in kinds:
        return "official"
    if "executive" in kinds:
        return "executive"
    if p.gaz is not None or (_shows_office(view, p) and not _mostly_a_place(view, p)
                             and p.name not in view.company_by_text):
        return "official"          # not "Total and Repsol" near "signed into law": a company
    return None


def _mostly_a_place(view: _DocView, p: _Person) -> bool:
    """Whether the model tags the words of an untitled one-word name as a place more often than as
    a person (``Investment in Racine, Wisconsin`` ... ``Racine``)."""
    if len(p.words) != 1:
        return False
    labels = [e.label_ for e in view.ents if e.text.split(",")[0] == p.words[0]]
    return labels.count("GPE") + labels.count("LOC") > labels.count("PERSON")


def _official_country(view: _DocView, p: _Person, ordered: list[_Found]) -> str | None:
    """From a title, else none for the head of an international body, else the gazetteer, else the
    context (when the gazetteer has no country field)."""
    country = next((f.country for f in ordered if f.kind == "official" and f.country), None)
    if country is None and any(f.kind == "official" and f.country == NO_COUNTRY for f in ordered):
        return None          # the head of an international body
    if country is None and p.gaz is not None:
        country = p.gaz.get("country")
    if country is None and not (p.gaz and "country" in p.gaz):
        first = next((f for f in ordered if f.kind == "official"), ordered[0])
        country = _context_country(view, first)
    return country


def _official_record(view: _DocView, p: _Person, people: list[_Person], mentions: list[dict]) -> dict:
    ordered = sorted(p.found, key=lambda f: f.start)
    # A title written in the text wins over the same title in an ALL-CAPS headline, and a named
    # office over a bare "head" ("The head of the WTO, Pascal Lamy" ... "WTO Director-General Lamy").
    title = next((f.title for f in sorted(ordered, key=lambda f: (bool(f.title and f.title.isupper()),
                                                                  f.title is not None and f.title.lower() == "head"))
                  if f.kind == "official" and f.title), None)
    country = _official_country(view, p, ordered)
    if country in _tables().family_first and len(p.words) > 1 and "-" not in p.words[-1]:
        mentions = _family_name_mentions(view, p, people, mentions)
    return {"name": p.name, "title": title, "country": country, "mentions": mentions}


def _executive_record(p: _Person, mentions: list[dict]) -> dict:
    ordered = sorted(p.found, key=lambda f: f.start)
    title = next((f.title for f in ordered if f.kind == "executive" and f.title), None)
    company = next((f.company for f in ordered if f.kind == "executive" and f.company), None)
    return {"name": p.name, "title": title, "company": company, "mentions": mentions}


def _without_absorbed(officials: list[dict]) -> list[dict]:
    """Drop a one-word official whose every mention another official holds: the family name
    alone of a name written family name first (``Premier Wen's visit`` after ``Premier Wen
    Jiabao``, added by ``_family_name_mentions``)."""
    held = {}
    for o in officials:
        for m in o["mentions"]:
            held.setdefault(m["start"], []).append(id(o))
    def absorbed(o: dict) -> bool:
        return len(o["name"].split()) == 1 and all(
            any(k != id(o) for k in held[m["start"]]) for m in o["mentions"])
    return [o for o in officials if not absorbed(o)]


def find_people(doc: Doc) -> tuple[list[dict], list[dict]]:
    """Officials and executives of a processed Doc, in the contract's shape."""
    view = _DocView(doc)
    text = view.text
    people = _cluster(_titled_people(view) + _founders(view) + _firm_owners(view) + _person_entities(view)
                      + _gazetteer_names(view))
    _add_mentions(view, people)
    officials, executives = [], []
    for p in people:
        kind = _person_kind(view, p)
        if kind is None:
            continue
        mentions = [{"text": text[s:e], "start": s, "end": e} for s, e in sorted(p.mentions)]
        if kind == "official":
            officials.append(_official_record(view, p, people, mentions))
        else:
            executives.append(_executive_record(p, mentions))
    officials = _without_absorbed(officials)
    officials.sort(key=lambda o: o["mentions"][0]["start"])
    executives.sort(key=lambda o: o["mentions"][0]["start"])
    return officials, executives


# --------------------------------------------------------------------------------------------
# The component


@Language.factory(
    "officials",
    default_config={},
    requires=["doc._.companies", "doc.ents", "doc.sents", "token.dep", "token.pos"],
    assigns=["doc._.officials", "doc._.executives", "doc._.companies"],
)
def make_officials(nlp: Language, name: str) -> "Officials":
    """Officials and executives component; runs after ``companies`` (an executive's company
    and the names inside company names come from ``doc._.companies``). A person and a company
    are never the same words: see ``settle_people_and_companies``."""
    return Officials(nlp, name)


class Officials(TableComponent):
    """Writes ``doc._.officials`` and ``doc._.executives``. Tables: titles, official regions,
    the officials gazetteer, the country names and how news cases words (``word_case.json``),
    packaged by default."""

    TABLES = ("titles.json", "official_regions.json", "officials.jsonl", "countries.json", "word_case.json")

    def set_tables(self, tables) -> None:
        super().set_tables(tables)
        tables.derive(_tables.build)  # compile the title grammar now, not on the first Doc

    def process(self, doc: Doc) -> Doc:
        officials, executives = find_people(doc)
        doc._.companies, doc._.executives = settle_people_and_companies(
            doc._.companies or [], officials, executives, _tables().company_roles)
        doc._.officials = officials
        return doc


def settle_people_and_companies(companies: list[dict], officials: list[dict], executives: list[dict],
                                company_roles: frozenset) -> tuple[list[dict], list[dict]]:
    """The same words are a person or a company, not both. A role a company can hold
    (``company_roles``: owner, shareholder) held by a company's name is no executive; a
    "company" whose every mention is the name of an official or of an executive in a person's
    role (``The bank's current chairman is Jean-Luc Dehaene``, ``Olli-Pekka Kallasvuo, Nokia's
    chief executive``; the small model tags such names ORG) is no company.

    >>> kallasvuo = {"text": "Olli-Pekka Kallasvuo", "start": 10, "end": 30}
    >>> companies = [{"name": "Olli-Pekka Kallasvuo", "country": None, "mentions": [kallasvuo]}]
    >>> people = [{"name": "Olli-Pekka Kallasvuo", "title": "chief executive", "company": "Nokia", "mentions": [kallasvuo]}]
    >>> settle_people_and_companies(companies, [], people, frozenset({"owner"}))[0]
    []
    >>> people[0]["title"] = "owner"
    >>> [len(x) for x in settle_people_and_companies(companies, [], people, frozenset({"owner"}))]
    [1, 0]
    """
    names = {m["text"] for c in companies for m in c["mentions"]} | {c["name"] for c in companies}
    executives = [e for e in executives
                  if not ((e.get("title") or "").lower() in company_roles and e["name"] in names)]
    spans = [(m["start"], m["end"]) for p in officials + executives for m in p["mentions"]]
    def person_words(m: dict) -> bool:
        return any(a <= m["start"] and m["end"] <= b for a, b in spans)
    companies = [c for c in companies if not (c["mentions"] and all(person_words(m) for m in c["mentions"]))]
    return companies, executives
