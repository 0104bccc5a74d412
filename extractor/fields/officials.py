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
import re
import unicodedata
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from extractor import extensions  # noqa: F401
from extractor.extensions import doc_text
from extractor.lexicon.tables import TableComponent, Tables, country_names, derived

_BLANKS = re.compile(r"[ \t]*")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_POSSESSIVE = ("'s", "’s", "s'", "s’")
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


@dataclass
class _Tables:
    head_re: re.Pattern
    pf_re: re.Pattern
    head_kind: dict
    cap_only: set
    abbreviations: dict
    abbreviation_country: dict
    head_country: dict
    modifiers: set
    dropped: set
    portfolio: set
    connectors: set
    not_before_head: tuple
    public_words: tuple
    bodies: dict
    company_words: set
    stopwords: set
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
    abbreviated_suffixes: set
    public_owner_words: set
    context_skip_bodies: set
    non_company_re: re.Pattern
    strict_company_heads: set
    family_first: set
    single_heads: set


@derived
def _tables(tables: Tables) -> _Tables:
    t = tables["titles.json"]
    regions = tables["official_regions.json"]["regions"]
    official = {h.lower() for h in t["official_heads"]}
    company = {h.lower() for h in t["company_heads"]}
    ambiguous = {h.lower() for h in t["ambiguous_heads"]}
    kind = {}
    for h in official | company:
        if h in ambiguous or (h in official and h in company):
            kind[h] = "ambiguous"
        else:
            kind[h] = "official" if h in official else "company"
    heads = _alternation(list(t["official_heads"]) + list(t["company_heads"]))
    abbr = _alternation(t["abbreviations"])
    head_re = re.compile(
        rf"(?<![\w.])(?:(?P<abbr>{abbr})(?=\s)|(?P<head>(?i:{heads})(?:\s+(?i:and|&)\s+(?i:{heads}))?)(?![\w-]))"
    )
    pf = _alternation(t["portfolio_words"])
    pf_re = re.compile(rf"\s+(?i:of|for)\s+(?:the\s+)?(?P<pf>(?i:{pf})(?:(?:\s*,\s*|\s+(?i:and|&)\s+|\s+)(?i:{pf}))*)(?!\w)")
    gaz, alias = {}, {}
    for row in tables["officials.jsonl"]:
        gaz[row["name"]] = row
        gaz.setdefault(fold_accents(row["name"]), row)
        for a in [row["name"].split()[-1]] + row.get("aliases", []):
            alias.setdefault(a, []).append(row)
    portfolio = {w.lower() for p in t["portfolio_words"] for w in p.split()} - set(t["connectors"])
    modifiers = {m.lower() for m in t["modifiers"]} | {m.lower() for m in t["public_modifiers"]}
    # Every place word with a country: countries, demonyms, capitals, regions, public bodies.
    places = {k: v for k, v in {**t["public_bodies"], **regions, **country_names()}.items()
              if v and len(k) > 1 and k[:1].isupper()}
    return _Tables(
        head_re=head_re, pf_re=pf_re, head_kind=kind, cap_only=set(t["cap_only_heads"]),
        abbreviations=t["abbreviations"], abbreviation_country=t["abbreviation_country"],
        head_country=t["head_country"], modifiers=modifiers,
        dropped={d.lower() for d in t["dropped_modifiers"]}, portfolio=portfolio,
        connectors=set(t["connectors"]), not_before_head=tuple(t["not_title_before_head"]),
        public_words=tuple(t["public_body_words"]), bodies=t["public_bodies"],
        company_words=set(t["company_words"]), stopwords=set(t["name_stopwords"]),
        honorifics=set(t["honorifics"]), particles=set(t["name_particles"]),
        not_person_after=set(t["not_person_after"]), office_cues=tuple(t["office_cues"]),
        non_official_roles=set(t["non_official_roles"]),
        default_official=set(t["ambiguous_default_official"]), regions=regions,
        gazetteer=gaz, gazetteer_alias=alias,
        gazetteer_re=re.compile(r"(?<![\w'’-])(?:" + _alternation(list(gaz) + [a for r in gaz.values() for a in r.get("aliases", [])]) + r")(?![\w-])") if gaz else None,
        title_words=official | company | modifiers | portfolio | {a.lower() for a in t["abbreviations"]},
        place_re=re.compile(r"(?<![\w.’'-])(?:" + _alternation(places) + r")(?![\w-])"),
        place_codes=places, counterpart_preps=set(t["counterpart_prepositions"]),
        not_us_heads=tuple(h.lower() for h in t["heads_never_us"]),
        public_modifiers={w.lower() for w in t["public_modifiers"]},
        context_company_heads={h.lower() for h in t["context_company_heads"]},
        title_bodies=set(t["bodies_kept_in_title"]),
        abbreviated_suffixes=set(t["abbreviated_suffixes"]),
        public_owner_words=set(t["public_owner_words"]),
        context_skip_bodies=set(t["context_only_ambiguous_bodies"]),
        non_company_re=re.compile(r"(?<![\w-])(?i:" + _alternation(t["non_company_owner_words"]) + r")(?![\w-])"),
        strict_company_heads={h.lower() for h in t["strict_company_heads"]},
        family_first=set(t["family_name_first_countries"]),
        single_heads={h for h in kind if " " not in h},
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


@dataclass
class _Owner:
    kind: str          # place | body | company | unknown
    text: str
    code: str | None = None
    start: int = 0


@dataclass
class _Found:
    start: int
    end: int
    name: str
    kind: str | None = None       # official | executive | None (bare PERSON)
    title: str | None = None
    country: str | None = None
    company: str | None = None


@dataclass
class _Person:
    words: list
    found: list = field(default_factory=list)
    mentions: dict = field(default_factory=dict)
    gaz: dict | None = None
    rank: int = 2
    first: int = 1 << 62

    @property
    def name(self):
        return " ".join(self.words)


class _DocView:
    """Per-doc lookups: entities by char offset, company mentions, token access."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.ents = list(doc.ents)
        self.ent_by_start = {e.start_char: e for e in self.ents}
        self.ent_by_end = {e.end_char: e for e in self.ents}
        self.company_spans = []
        self.company_by_text = {}
        heads = _tables().single_heads
        person_starts = {e.start_char: e.end_char for e in self.ents if e.label_ == "PERSON"}
        for comp in doc._.companies or []:
            mentions = comp.get("mentions", [])
            if mentions and all(_title_and_person(m, heads, person_starts) for m in mentions):
                continue          # "Chairman Chung Eui-sun" taken for a company: a title and a name
            for m in mentions:
                self.company_spans.append((m["start"], m["end"], comp["name"]))
                self.company_by_text[m["text"]] = comp["name"]
            self.company_by_text[comp["name"]] = comp["name"]
        self._caps_lines = None
        self._case_words = None
        # in_company's index: spans sorted by start with a running maximum of their ends, and
        # the spans by end (a company mention whose span equals the query needs its name).
        spans = sorted(self.company_spans)
        self._cs_starts = [sp[0] for sp in spans]
        self._cs_reach = []
        self._cs_by_end: dict[int, list] = {}
        reach = -1
        for a, b, name in spans:
            reach = max(reach, b)
            self._cs_reach.append(reach)
            self._cs_by_end.setdefault(b, []).append((a, name))

    def token_at(self, char: int):
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def in_company(self, start: int, end: int) -> bool:
        """Whether a company mention covers this span. A company whose only name is exactly
        this text (a surname the model tagged ORG, ``Trump``) does not count."""
        i = bisect.bisect_right(self._cs_starts, start)   # the spans with s <= start
        if i == 0 or self._cs_reach[i - 1] < end:
            return False
        if self._cs_reach[i - 1] > end:
            return True                                     # one reaches past end: not the same span
        text = self.text[start:end]                         # only spans ending exactly at end remain
        return any(s < start or name != text for s, name in self._cs_by_end.get(end, ()) if s <= start)

    def is_company(self, text: str, start: int, end: int) -> bool:
        if text in self.company_by_text or self.in_company(start, end):
            return True
        ent = self.ent_by_end.get(end)
        return ent is not None and ent.label_ == "ORG" and ent.start_char <= start

    def company_name(self, text: str) -> str:
        return self.company_by_text.get(text, text)


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


def _line_spans(view: "_DocView", test) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in view.text.split("\n"):
        if test(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _caps_lines(view: "_DocView") -> list[tuple[int, int]]:
    """Spans of the doc's ALL-CAPS lines (cached on the view)."""
    if view._caps_lines is None:
        view._caps_lines = _line_spans(view, is_caps_line)
    return view._caps_lines


def _in_headline_line(view: "_DocView", pos: int) -> bool:
    """Whether ``pos`` lies in a title-case headline line (cached on the view)."""
    if getattr(view, "_headline_lines", None) is None:
        view._headline_lines = _line_spans(view, is_headline_line)
    return any(a <= pos < b for a, b in view._headline_lines)


def _in_caps_line(view: "_DocView", pos: int) -> bool:
    lines = _caps_lines(view)
    if not lines:
        return False
    if getattr(view, "_caps_starts", None) is None:
        view._caps_starts = [s for s, _ in lines]
    k = bisect.bisect_right(view._caps_starts, pos) - 1          # binary search: linear overall
    return k >= 0 and pos < lines[k][1]


def _case_words(view: "_DocView") -> tuple[set, set]:
    """Case-folded words written capitalised, and words written in lower case, outside
    ALL-CAPS lines (cached on the view)."""
    if view._case_words is None:
        upper, lower = set(), set()
        for m in _WORD.finditer(view.text):
            if _in_caps_line(view, m.start()) or _in_headline_line(view, m.start()):
                continue
            w = strip_possessive(m.group())
            (upper if w[:1].isupper() else lower).add(w.casefold())
        view._case_words = (upper - lower, lower)
    return view._case_words


def _read_caps_name(view: "_DocView", pos: int) -> tuple[int, int] | None:
    """A name in an ALL-CAPS line, which gives no case to tell the name from the next word:
    words the article writes capitalised elsewhere (and never in lower case) belong to it; a word
    it writes in lower case, a title or stop word ends it; other words, up to two in all."""
    tb = _tables()
    text = view.text
    names, lower = _case_words(view)
    spans = []
    p = pos
    for m in _WORD.finditer(text, pos, min(len(text), pos + 80)):
        if not _blank(text, p, m.start()) or (spans and m.start() == p):
            break
        w = m.group()
        bare = strip_possessive(w)
        cf = bare.casefold()
        if not bare.isupper() or cf in lower or cf.title() in tb.stopwords or cf in tb.title_words \
                or place_code(bare.title())[1] or place_code(bare)[1]:
            break
        if cf not in names and len(spans) >= 2:
            break
        spans.append((m.start(), m.start() + len(bare)))
        p = m.end()
        if bare != w or len(spans) >= 4:
            break
    if not spans:
        return None
    return spans[0][0], spans[-1][1]


def _words_before(text: str, end: int, limit: int = 160):
    """Words (start, end, word) of the same line before ``end``, nearest last."""
    lo = max(0, end - limit)
    nl = text.rfind("\n", lo, end)
    if nl >= 0:
        lo = nl + 1
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, lo, end)]


def _blank(text: str, a: int, b: int) -> bool:
    return a <= b and text[a:b].strip(" \t") == ""


def _classify_run(view: _DocView, words: list) -> _Owner | None:
    """Classify a run of capitalised words that owns a title (nearest-last list)."""
    tb = _tables()
    if not words:
        return None
    text = view.text
    # Longest known place/body that ends the run ("Bank of Japan", "South Korea", "U.S.").
    for k in range(min(len(words), 5), 0, -1):
        s = words[-k][0]
        phrase = text[s:words[-1][1]]
        code, found = place_code(phrase)
        if found:
            if k == len(words):
                return _Owner("place" if code and phrase not in tb.bodies else "body", phrase, code, s)
            break
    s, e = words[0][0], words[-1][1]
    phrase = text[s:e]
    named_company = phrase in view.company_by_text or view.in_company(s, e)
    if any(w in phrase for w in tb.public_words) and not named_company:
        # "White House Office of Science and Technology": a public body, whatever the model says.
        code = next((c for k in (3, 2, 1) for x in range(len(words) - k + 1)
                     for c in [place_code(text[words[x][0]:words[x + k - 1][1]])[0]] if c), None)
        return _Owner("body", phrase, code, s)
    if view.is_company(phrase, s, e):
        return _Owner("company", view.company_name(phrase), None, s)
    code, found = place_code(text[words[-1][0]:e])
    if found:
        return _Owner("place", phrase, code, s)
    return _Owner("unknown", phrase, None, s)


def _public_org_ends(view: _DocView, start: int, end: int) -> bool:
    """Whether a longer ORG entity naming a public body ends at this word."""
    ent = view.ent_by_end.get(end)
    if ent is None or ent.label_ != "ORG":
        return False
    words = [t for t in ent if t.lower_ != "the" or t.i > ent.start]
    return (len(words) >= 3 and words[0].idx < start
            and any(w in ent.text for w in _tables().public_words) and not view.in_company(ent.start_char, end))


def _owner_before(view: _DocView, words: list, i: int) -> tuple[_Owner | None, int]:
    """Parse the owner of a title ending with words[i]; return it and the index before it."""
    tb = _tables()
    if i < 0:
        return None, i
    text = view.text
    s, e, w = words[i]
    if w.endswith(".") and len(w) > 2 and "." not in w[:-1] and w not in tb.abbreviated_suffixes:
        return None, i          # "... in Tokyo. Vice Chairman X": the word ends the sentence before
    possessive = w.endswith(_POSSESSIVE)
    core = strip_possessive(w) if possessive else w
    if core.lower() in tb.company_words or w.lower() in tb.company_words:
        return _Owner("company", "", None, s), i - 1
    if possessive and core.lower() in tb.public_owner_words:
        return _Owner("body", "", None, s), i - 1          # "the government's plenipotentiary"
    if not (core[:1].isupper() or core[:1].isdigit()):
        return None, i
    ent = view.ent_by_end.get(s + len(core))
    if ent is not None and ent.label_ == "ORG" and ent.start_char < s and "\n" not in ent.text:
        # "White House Office of Science and Technology Director": the model's organisation.
        k = i
        while k > 0 and words[k - 1][0] >= ent.start_char:
            k -= 1
        start = ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
        if words[k][0] == start:
            return _classify_run(view, words[k:i] + [(s, s + len(core), core)]), k - 1
    run = [(s, s + len(core), core)]
    j = i - 1
    while j >= 0 and len(run) < 5 and _blank(text, words[j][1], run[0][0]):
        wj = words[j][2]
        if wj.endswith(".") and "." not in wj[:-1] and wj not in tb.abbreviated_suffixes:
            break          # "... since Fukushima. Kansai Electric president": a sentence end
        if (wj[:1].isupper() and wj not in tb.stopwords and not wj.endswith(_POSSESSIVE)) or (
            wj in ("of", "&") and j > 0 and words[j - 1][2][:1].isupper()
        ):
            run.insert(0, words[j])
            j -= 1
        else:
            break
    while run and (run[0][2] in ("of", "&") or run[0][2] in tb.stopwords):
        run.pop(0)
        j += 1
    if not run:
        return None, i
    return _classify_run(view, run), j


def _read_name(view: _DocView, pos: int) -> tuple[int, int] | None:
    """The span of a personal name starting at ``pos`` (capitalised words, particles)."""
    tb = _tables()
    text = view.text
    first = _WORD.match(text, pos)
    if first and first.group().isupper() and len(first.group()) > 1 and _in_caps_line(view, pos):
        return _read_caps_name(view, pos)
    spans = []
    p = pos
    ent = view.ent_by_start.get(pos)
    person_ent = ent is not None and ent.label_ == "PERSON" and len(ent) > 1   # "He Lifeng"
    headline = _in_headline_line(view, pos)
    for m in _WORD.finditer(text, pos, min(len(text), pos + 120)):
        if not _blank(text, p, m.start()) or (spans and m.start() == p):
            break
        w = m.group()
        if w in tb.particles and spans:
            spans.append((m.start(), m.end(), w, True))
            p = m.end()
            continue
        if spans and "-" in w and w.split("-", 1)[0] in tb.particles and w.split("-", 1)[1][:1].isupper():
            bare = strip_possessive(w)          # "Abdel Fattah el-Sisi", "Mohammed Shia al-Sudani"
            spans.append((m.start(), m.start() + len(bare), bare, False))
            p = m.end()
            if bare != w:
                break
            continue
        bare = strip_possessive(w)
        if not w[:1].isupper() or (bare in tb.stopwords and not person_ent) or bare in tb.honorifics and spans:
            break
        in_person = ent is not None and ent.label_ == "PERSON" and m.start() + len(bare) <= ent.end_char
        if spans and (bare.lower() in tb.title_words or place_code(bare)[1]) and not in_person:
            break          # "Madeleine King" (one PERSON entity) keeps its King
        if spans:
            tok = view.token_at(m.start())
            if tok is not None and tok.pos_ in _STOP_POS:
                break
            if headline and not _headline_name_word(view, bare, in_person):
                break          # "President Donald J. Trump Imposes Tariffs": the headline's verb
        spans.append((m.start(), m.start() + len(bare), bare, False))
        p = m.end()
        if bare != w or len(spans) >= 5:
            break
    while spans and spans[-1][3]:
        spans.pop()
    if spans and spans[0][2] in tb.honorifics:
        spans.pop(0)
    if not spans:
        return None
    return spans[0][0], spans[-1][1]


def _names_a_thing(view: _DocView, end: int) -> bool:
    """Whether the word after a name makes it the name of a place or body (``King Salman
    International Airport``, ``Trump Tower``)."""
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


def _valid_name(view: _DocView, start: int, end: int) -> bool:
    tb = _tables()
    name = view.text[start:end]
    words = name.split()
    ent = view.ent_by_start.get(start)
    if not words or place_code(name)[1]:
        return False
    if words[0] in tb.stopwords and not (ent is not None and ent.label_ == "PERSON" and len(words) > 1):
        return False
    if view.company_by_text.get(name, name) != name or view.in_company(start, end):
        return False
    if ent is not None and ent.label_ in _BAD_NAME_LABELS and ent.end_char == end and (
        len(words) == 1 and ent.label_ != "GPE"
    ):
        return False
    if len(words) == 1 and words[0].lower() in tb.title_words:
        return False
    if len(words) > 1 and words[-1] in tb.not_person_after:
        return False          # "PDD Holdings", "Toyota Motor": a company, not a person
    return True


_APPOSITION_TAIL = re.compile(r"\s*,\s*(?:(?:the|a|an|now|who\s+is|as)\s+)?$")


def _apposition_name(view: _DocView, end: int) -> tuple[int, int] | None:
    """``Name, [the]`` right before ``end``: the span of Name."""
    text = view.text
    m = _APPOSITION_TAIL.search(text, max(0, end - 24), end)
    if not m or "," not in m.group():
        return None
    words = _words_before(text, m.start(), 100)
    tb = _tables()
    run = []
    for s, e, w in reversed(words):
        if run and not _blank(text, e, run[0][0]):
            break
        if not run and e != m.start():
            break
        if run and w.endswith(".") and len(w) > 2 and "." not in w[:-1] and w not in tb.abbreviated_suffixes:
            break          # "... in Warsaw. Wojciech Wrochna, the": a sentence ends before the name
        if w[:1].isupper() and w not in tb.stopwords or (w in tb.particles and run):
            run.insert(0, (s, e, w))
            if len(run) >= 5:
                break
        else:
            break
    while run and (run[0][2] in tb.particles or run[0][2] in tb.honorifics):
        run.pop(0)
    if not run:
        return None
    # Keep only the name proper: drop title words at its front ("Commerce Secretary Lutnick, ...").
    while len(run) > 1 and run[0][2].lower() in tb.title_words:
        run.pop(0)
    return run[0][0], run[-1][1]


def _company_before(view: _DocView, pos: int, main_company: bool = False) -> str | None:
    """The company named nearest before ``pos`` in the same paragraph, else at the end of the
    paragraph before it (``Nvidia ... Chief executive Jensen Huang``). With ``main_company``,
    when none is named there, the article's most mentioned company if the text around says
    ``the company`` (``Chief executive Amanda Lacaze said demand for the company's ...``)."""
    text = view.text
    para = text.rfind("\n", 0, pos) + 1
    prev = text.rfind("\n", 0, max(0, para - 1))
    while prev > 0 and text[prev - 1:prev] == "\n":          # blank lines between paragraphs
        prev = text.rfind("\n", 0, prev - 1)
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


def _parse_title(view: _DocView, m: re.Match) -> _Found | None:
    """Read the title matched by ``m`` with its owner and the person it names."""
    tb = _tables()
    text = view.text
    hs, he = m.span()
    abbr = m.group("abbr")
    head = m.group("head")
    if view.in_company(hs, he):
        return None          # "MP Materials", "Chief Executive Group": part of a company name
    if head is not None:
        joint = re.search(r"\s+(?:and|&)\s+", head, flags=re.I)
        if joint:
            first = re.match(r".*", head[:joint.start()])
            second = re.compile(r".*").match(head, joint.end())
            nxt = _WORD.match(text, he + 1) if text[he:he + 1] == " " else None
            if first.group().title() in tb.cap_only or first.group() in tb.cap_only:
                # "King and Prime Minister Anthony Albanese": a surname, not a title.
                hs, head = hs + second.start(), second.group()
            elif nxt and nxt.group().lower() in tb.title_words:
                # "minister and chief negotiator": the second head belongs to the next title.
                he, head = hs + first.end(), first.group()
        parts = [p.lower() for p in re.split(r"\s+(?:and|&)\s+", head, flags=re.I)]
        parts = [" ".join(p.split()) for p in parts]
        if any(p not in tb.head_kind for p in parts):
            return None
        if " ".join(head.split()).title() in tb.cap_only or head in tb.cap_only:
            if not head[:1].isupper() or _in_caps_line(view, hs) or (head.isupper() and head not in tb.cap_only):
                return None          # "a global leader", "A GLOBAL LEADER IN": no capital to go by
        # A head word followed by another title word is a modifier ("Chief Cabinet Secretary").
        nxt = _WORD.match(text, he + 1) if text[he:he + 1] == " " else None
        if nxt and nxt.group().lower() in tb.title_words:
            return None
        kinds = {tb.head_kind[p] for p in parts}
        head_kind = "company" if "company" in kinds else "official" if "official" in kinds else "ambiguous"
    else:
        head_kind = "official"
    words = _words_before(text, hs)
    i = len(words) - 1
    if i >= 0 and words[i][2].lower().startswith(tb.not_before_head) and _blank(text, words[i][1], hs):
        return None
    pre = []
    # "then-President", "Vice-President": a word glued to the head by a hyphen.
    if i >= 0 and words[i][1] == hs and words[i][2].endswith("-"):
        w = words[i][2][:-1]
        if w.lower() in tb.modifiers:
            pre.insert(0, w)
        i -= 1
    limit = hs
    while i >= 0:
        w = words[i][2]
        wl = w.lower()
        if not _blank(text, words[i][1], limit):
            # "Economy, Trade and Industry Minister": a list of portfolios before the head.
            if (re.fullmatch(r",[ \t]*", text[words[i][1]:limit]) and wl in tb.portfolio
                    and any(x in tb.connectors for x in pre)):
                pre.insert(0, w + ",")
                limit = words[i][0]
                i -= 1
                continue
            break
        if view.in_company(words[i][0], words[i][1]):
            break          # "Mitsubishi Heavy Industries President": Industries is the company's
        if any(i >= k and place_code(text[words[i - k][0]:words[i][1]])[1] for k in (1, 2)):
            break          # "White House trade adviser": House ends a body's name
        if _public_org_ends(view, words[i][0], words[i][1]):
            break          # "Office of Science and Technology Director": the body's own words
        if wl in tb.dropped or wl.rstrip("-") in tb.dropped:
            pass
        elif wl in tb.modifiers or wl in tb.portfolio or (
            w in tb.connectors and pre and i > 0 and words[i - 1][2].lower() in tb.portfolio
        ):
            pre.insert(0, w)
        else:
            break
        limit = words[i][0]
        i -= 1
    owner, j = (None, i)
    if i >= 0 and _blank(text, words[i][1], limit):
        owner, j = _owner_before(view, words, i)
    title_start = owner.start if owner else limit
    # After the head: "of Commerce" (portfolio) or "of Canada" / "of Nvidia" (owner).
    after = he
    suffix = []
    pm = tb.pf_re.match(text, he)
    rf = _responsible_for(view, he) if not pm else None
    if pm:
        lead = pm.group().split()[:2]          # "of", or "of the" ("President of the Confederation")
        suffix = [w.lower() for w in lead[:2 if lead[1].lower() == "the" else 1]] + pm.group("pf").replace(",", " ,").split()
        after = pm.end()
    elif rf:
        suffix, after = rf
    else:
        om = re.match(r"\s+(?:of|at|for)\s+(?:the\s+|its\s+)?(?:parent\s+|unit\s+|subsidiary\s+)?", text[he:he + 30])
        if om:
            ws = [(x.start(), x.end(), x.group()) for x in _WORD.finditer(text, he + om.end(), min(len(text), he + om.end() + 60))]
            run = []
            for s, e, w in ws:
                if w[:1].isupper() and (not run or _blank(text, run[-1][1], s)) and len(run) < 4:
                    run.append((s, s + len(strip_possessive(w)), strip_possessive(w)))
                else:
                    break
            # The longest prefix that is a known place or body, else an ORG entity.
            best = None
            for k in range(len(run), 0, -1):
                phrase = text[run[0][0]:run[k - 1][1]]
                code, found = place_code(phrase)
                if found:
                    nt = view.token_at(run[k - 1][1] + 1) if text[run[k - 1][1]:run[k - 1][1] + 1] == " " else None
                    if nt is not None and nt.text[:1].islower() and nt.pos_ in ("NOUN", "ADJ", "PROPN"):
                        # "president of the German auto industry association": an adjective; the
                        # owner is some organisation, neither the country nor a known company.
                        best = (_Owner("unknown", phrase + " " + nt.text, None, run[0][0]), run[k - 1][1])
                        run = []
                        break
                    best = (_Owner("place" if code else "body", phrase, code, run[0][0]), run[k - 1][1])
                    break
            if best is None and run:
                ent = view.ent_by_start.get(run[0][0])
                if ent is not None and ent.label_ == "ORG":
                    run = [(x.start(), x.end(), x.group()) for x in _WORD.finditer(text, ent.start_char, ent.end_char)]
                while run and run[-1][2] in tb.stopwords:
                    run.pop()
                if run:
                    best = (_classify_run(view, run), run[-1][1])
            if best is not None and owner is None:
                owner, after = best
    # The name: right after the title, or after ", " when a person entity follows.
    name_span = None
    if _blank(text, after, after + 1) and after < len(text) and text[after] in " \t":
        pos = _BLANKS.match(text, after).end()
        name_span = _read_name(view, pos)
        if name_span and not _valid_name(view, *name_span):
            name_span = None
    elif text[after:after + 2] == ", ":
        ent = view.ent_by_start.get(after + 2)
        name_span = _read_name(view, after + 2)
        if name_span and not (ent is not None and ent.label_ == "PERSON"
                              or (suffix and len(text[name_span[0]:name_span[1]].split()) > 1
                                  and _valid_name(view, *name_span))):
            name_span = None          # "Minister of Petroleum and Natural Gas, Hardeep Singh Puri"
    if name_span is None:
        name_span = _apposition_name(view, title_start)
        if name_span and not _valid_name(view, *name_span):
            name_span = None
    if name_span is None or _names_a_thing(view, name_span[1]):
        return None
    ns, ne = name_span
    # Who holds it: public office or company role.
    country = owner.code if owner and owner.kind in ("place", "body") else None
    company = None
    if abbr:
        kind = "official"
        country = country or tb.abbreviation_country.get(abbr)
        title = tb.abbreviations[abbr]
    else:
        okind = owner.kind if owner else None
        head_l = " ".join(head.lower().split())
        if head_l in tb.strict_company_heads and owner and tb.non_company_re.search(owner.text):
            return None          # "CEO of the Federation of Chemical Industries": a lobby's head
        public_pre = any(w.lower() in tb.public_modifiers for w in pre)
        if head_kind == "official":
            if okind == "company":
                return None
            kind = "official"
        elif okind in ("place", "body") or (okind is None and public_pre):
            kind = "official"          # "presidential policy chief Kim Yong-beom"
        elif okind == "company" and (not owner.text or owner.text in view.company_by_text):
            kind = "executive"
        elif okind in ("company", "unknown"):
            # An owner that is not a company the article names (a think tank, an association),
            # unless the role is one only companies have ("Novartis CEO").
            if not (owner.text in view.company_by_text
                    or view.in_company(owner.start, owner.start + len(owner.text))
                    or (head_l in tb.strict_company_heads and owner.text
                        and not tb.non_company_re.search(owner.text))):
                return None
            kind = "executive"
        elif head_l in tb.context_company_heads:
            # "Chief executive Luc Rémont said": the company named just before, if any.
            company = _company_before(view, hs, main_company="executive" in head_l)
            if company:
                kind = "executive"
            elif head_l in tb.default_official:
                kind = "official"
            else:
                return None
        elif head_kind == "company":
            kind = "executive"
        elif head_l in tb.default_official:
            kind = "official"          # "President Donald Trump"
        else:
            return None
        if (kind == "executive" or owner is None) and _non_company_owner(view, hs, he):
            return None          # "founder of the think tank GTRI", "industry association president"
        if kind == "executive" and okind in ("company", "unknown"):
            company = owner.text or None
        if kind == "executive" and company is None:
            company = _company_before(view, hs, main_company=True)
        if kind == "official" and owner is not None and owner.text in tb.title_bodies:
            pre = owner.text.split() + pre        # "European Commission President"
        title = title_case(pre + head.split() + suffix).replace(" ,", ",")
        country = country or tb.head_country.get(title)
    if kind == "official" and country is None:
        om = re.match(r"\s+of\s+(?:the\s+)?", text[ne:ne + 10])
        if om:
            ws = [x for x in _WORD.finditer(text, ne + om.end(), min(len(text), ne + om.end() + 40))][:4]
            for k in range(len(ws), 0, -1):
                code, found = place_code(strip_possessive(text[ws[0].start():ws[k - 1].end()]))
                if found:
                    country = code
                    break
    return _Found(ns, ne, text[ns:ne], kind, title, country, company)


def _responsible_for(view: _DocView, he: int) -> tuple[list[str], int] | None:
    """``minister responsible for Canada-U.S. trade``: the portfolio after ``responsible for``
    (lower-case nouns and adjectives, place and portfolio words), as title words and its end."""
    tb = _tables()
    text = view.text
    rm = re.match(r"[ \t]+responsible[ \t]+for[ \t]+(?:the[ \t]+)?", text[he:he + 40])
    if not rm:
        return None
    words, p = [], he + rm.end()
    for m in _WORD.finditer(text, p, min(len(text), p + 80)):
        if not _blank(text, p, m.start()) or (words and m.start() == p) or len(words) >= 6:
            break
        w = m.group()
        if w[:1].isupper():
            parts = [x for x in re.split(r"-(?=[A-Z])", w) if x]
            if not (w.lower() in tb.portfolio or all(place_code(x)[1] for x in parts)):
                break
        else:
            tok = view.token_at(m.start())
            if tok is None or not (tok.pos_ in ("NOUN", "ADJ") or (w in tb.connectors and words)):
                break
        words.append((m.start(), m.end(), w))
        p = m.end()
    while words and (words[-1][2] in tb.connectors or not words[-1][2][:1].isalpha()):
        words.pop()
    if not words:
        return None
    last = words[-1]
    if last[2].endswith(".") and "." not in last[2][:-1]:
        words[-1] = (last[0], last[1] - 1, last[2][:-1])          # a sentence's full stop
    return ["responsible", "for"] + [w for _, _, w in words], words[-1][1]


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


def _clean_person_ent(view: _DocView, ent) -> tuple[int, int] | None:
    """A PERSON entity's name span without titles, honorifics and possessives."""
    tb = _tables()
    text = view.text
    ws = [(x.start(), x.end(), x.group()) for x in _WORD.finditer(text, ent.start_char, ent.end_char)]
    if not ws or "\n" in ent.text:
        return None
    before = _words_before(text, ent.start_char, 30)
    if len(ws) == 1 and before and _blank(text, before[-1][1], ent.start_char):
        if before[-1][2].lower() in ("this", "that", "these", "those"):
            return None          # "this Order": a demonstrative does not go with a name
        popped = [before[-1][2]] if before[-1][2].lower() in tb.title_words else []   # "Executive | Order"
    else:
        popped = []
    while ws and (ws[0][2].lower() in tb.title_words or ws[0][2] in tb.honorifics
                  or ws[0][2].lower().rstrip("-") in tb.dropped):
        popped.append(ws.pop(0)[2])
    # The name ends at a possessive ("Trump’s State Visit") and, in a headline, at a word that
    # is not a name word ("President Trump Signs Executive Orders").
    cut = next((k + 1 for k, w in enumerate(ws) if strip_possessive(w[2]) != w[2] and w[2].endswith(_POSSESSIVE)), len(ws))
    ws = ws[:cut]
    if ws and _in_headline_line(view, ws[0][0]):
        k = 1
        while k < len(ws) and _headline_name_word(view, strip_possessive(ws[k][2]), True):
            k += 1
        ws = ws[:k]
    if not ws:
        return None
    if popped and len(ws) == 1 and (strip_possessive(ws[0][2]).casefold() in _case_words(view)[1]
                                    or not any(w.lower() in tb.head_kind for w in popped)):
        return None          # "Executive Order": a title modifier and a common noun, not a name
    last = ws[-1]
    bare = strip_possessive(last[2])
    ws[-1] = (last[0], last[0] + len(bare), bare)
    if not all(w[2][:1].isupper() or w[2] in tb.particles for w in ws):
        return None
    return ws[0][0], ws[-1][1]


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
    """Whether the name ``short`` can be the person named ``long``."""
    if short == long:
        return True
    if len(short) < len(long) and long[-len(short):] == short:
        return True
    if len(short) == 1 and short[0] in _surname_variants(long)[1:]:
        return True
    row = _gaz(" ".join(long))
    return row is not None and " ".join(short) in row.get("aliases", [])


def fold_accents(name: str) -> str:
    """A name without accents, for gazetteer look-ups.

    >>> fold_accents("Luiz Inácio Lula da Silva"), fold_accents("Maroš Šefčovič")
    ('Luiz Inacio Lula da Silva', 'Maros Sefcovic')
    """
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


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
    longest = max(len(v.split()) for v in variants)
    words = [(m.start(), m.end(), m.group()) for m in _NAME_TOKEN.finditer(text)]
    # A name starts with its first word as written (its only word may also carry a possessive):
    # positions whose word starts no name are skipped without building chunks.
    firsts = {v.split(" ", 1)[0] for v in variants}
    spans, i = [], 0
    while i < len(words):
        w = words[i][2]
        if w not in firsts and strip_possessive(w) not in firsts:
            i += 1
            continue
        for k in range(min(longest, len(words) - i), 0, -1):
            chunk = words[i:i + k]
            if any(not _blank(text, a[1], b[0]) or a[1] == b[0] for a, b in zip(chunk, chunk[1:])):
                continue
            last = chunk[-1][2]
            for tail in dict.fromkeys((last, strip_possessive(last))):
                name = " ".join([w for _, _, w in chunk[:-1]] + [tail])
                if name in variants:
                    spans.append((chunk[0][0], chunk[-1][0] + len(tail)))
                    break
            else:
                continue
            i += k - 1
            break
        i += 1
    return spans


def _place_hits(view: _DocView) -> list[tuple[int, int, str]]:
    """Every place word with a country in the doc (one regex pass, cached on the view)."""
    if getattr(view, "_places", None) is None:
        tb = _tables()
        view._places = [(m.start(), m.end(), tb.place_codes[" ".join(m.group().split())])
                        for m in tb.place_re.finditer(view.text)
                        if m.group() not in tb.context_skip_bodies]
    return view._places


def _counterpart(tok) -> bool:
    """A place word that names the other side (``talks with Washington``, ``a levy on China``)."""
    return tok.dep_ == "pobj" and tok.head.lower_ in _tables().counterpart_preps


def _context_country(view: _DocView, f: _Found) -> str | None:
    """The country an official's context implies when the title and the gazetteer say nothing.

    In order: a place word in the person's own clause (the clause they are the subject of,
    else their own noun phrase), nearest first, leaving out places that name the other side;
    then the nearest such place earlier in the paragraph; then the article's most named country
    (not the US for offices the US does not have, such as ``Minister``).
    """
    tb = _tables()
    text = view.text
    hits = _place_hits(view)
    title = " " + " ".join(re.findall(r"[a-z]+", (f.title or "").lower())) + " "
    if any(f" {h} " in title for h in tb.not_us_heads):
        hits = [h for h in hits if h[2] != "US"]          # "Treasurer X", "Minister X": not American
    if not hits:
        return None
    tok = view.token_at(max(f.start, f.end - 1))
    if tok is not None:
        sent = tok.sent
        root = tok
        while root.dep_ in ("compound", "flat", "appos", "conj", "poss") and root.head is not root:
            root = root.head
        if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
            lo, hi = sent.start_char, sent.end_char          # the agent: "a bill sponsored by Senator X"
        else:
            scope = root.head if root.dep_ in ("nsubj", "nsubjpass") else root
            lo, hi = (scope.left_edge.idx, scope.right_edge.idx + len(scope.right_edge))
        best = None
        for s, e, code in hits:
            if s < sent.start_char or s >= sent.end_char or s < lo or e > hi or f.start <= s < f.end:
                continue
            pt = view.token_at(s)
            if pt is not None and _counterpart(pt):
                continue
            dist = min(abs(s - f.end), abs(f.start - e))
            if best is None or dist < best[0]:
                best = (dist, code)
        if best:
            return best[1]
        para = text.rfind("\n", 0, sent.start_char) + 1
        for s, e, code in reversed(hits):
            if s >= sent.start_char or s < para:
                continue
            pt = view.token_at(s)
            if pt is None or not _counterpart(pt):
                return code
    counts: dict[str, int] = {}
    for _, _, code in hits:
        counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    top = max(counts.values())
    leaders = [c for c, n in counts.items() if n == top]
    return leaders[0] if len(leaders) == 1 else None


def _family_name_mentions(view: _DocView, person: _Person, people: list, mentions: list) -> list:
    """Add the family name alone for a name written family name first (``Commerce Minister Wang
    Wentao`` ... ``Wang``): whole-word proper nouns, not part of a longer name, not another
    person's name."""
    tb = _tables()
    text = view.text
    family = person.words[0]
    if family in tb.stopwords or family.casefold() in tb.title_words or len(family) < 2:
        return mentions
    others = [q for q in people if q is not person and q.words != [family]]
    if any(family in _surname_variants(q.words) for q in others):
        return mentions
    taken = sorted(span for q in others + [person] for span in q.mentions)
    starts = [a for a, _ in taken]
    reach, ends = -1, []
    for _, b in taken:          # furthest end of any span starting at or before each start
        reach = max(reach, b)
        ends.append(reach)
    out = list(mentions)
    for m in re.finditer(r"(?<![\w'’.-])" + re.escape(family) + r"(?![\w-]|['’](?![sS]\b))", text):
        s, e = m.span()
        k = bisect.bisect_right(starts, s) - 1
        if (k >= 0 and s < ends[k]) or view.in_company(s, e):
            continue
        nxt = _WORD.match(text, e + 1) if text[e:e + 1] == " " else None
        prev = re.search(r"(\S+)[ \t]$", text[max(0, s - 40):s])
        prev = prev.group(1) if prev else ""
        if (nxt and nxt.group()[:1].isupper()) or (
                prev[:1].isupper() and prev[-1:].isalpha() and prev not in tb.stopwords
                and prev not in tb.honorifics):
            continue          # part of another name ("Wang Yi", "Yang Wang"); "Mr Wang" is fine
        tok = view.token_at(s)
        if tok is None or tok.pos_ != "PROPN":
            continue
        out.append({"text": text[s:e], "start": s, "end": e})
    return sorted(out, key=lambda m: m["start"])


def find_people(doc: Doc) -> tuple[list[dict], list[dict]]:
    """Officials and executives of a processed Doc, in the contract's shape."""
    tb = _tables()
    view = _DocView(doc)
    text = view.text
    found: list[_Found] = []
    for m in tb.head_re.finditer(text):
        f = _parse_title(view, m)
        if f is not None:
            found.append(f)
    for ent in view.ents:
        if ent.label_ == "PERSON":
            span = _clean_person_ent(view, ent)
            if span and _valid_name(view, *span):
                found.append(_Found(span[0], span[1], text[span[0]:span[1]]))
    # Names the gazetteer knows, wherever the model put them (a surname tagged ORG, ...).
    if tb.gazetteer_re is not None:
        for m in tb.gazetteer_re.finditer(text):
            s, e = m.span()
            tok = view.token_at(s)
            nxt = _WORD.match(text, e + 1) if text[e:e + 1] == " " else None
            if tok is None or (tok.pos_ not in ("PROPN", "NOUN") and not tok.ent_type_) or view.in_company(s, e):
                continue
            if nxt and nxt.group() in tb.not_person_after:
                continue
            found.append(_Found(s, e, " ".join(m.group().split())))
    # Cluster: fullest names first, then shorter forms attach to a compatible person.
    people: list[_Person] = []
    by_word: dict[str, list[_Person]] = {}     # any word of a person's name or alias -> people
    rank = {"official": 0, "executive": 1, None: 2}
    # A name read from an ALL-CAPS headline joins the same name written in the text.
    for f in sorted(found, key=lambda f: (-len(f.name.split()), f.name.isupper(), f.start)):
        words = f.name.split()
        if f.name.isupper():
            folded = [w.casefold() for w in words]
            seen = {id(p): p for w in folded for p in by_word.get(w, ())}
            cands = [p for p in seen.values() if _compatible(folded, [w.casefold() for w in p.words])]
        else:
            seen = {id(p): p for w in words for p in by_word.get(w, ())}
            cands = [p for p in seen.values() if _compatible(words, p.words)]
        if cands:
            person = min(cands, key=lambda p: (p.rank, p.first))
        else:
            person = _Person(words)
            people.append(person)
            row = _gaz(f.name)
            for w in set(words + [w for a in (row or {}).get("aliases", []) for w in a.split()]):
                by_word.setdefault(w, []).append(person)
                if w.casefold() != w:
                    by_word.setdefault(w.casefold(), []).append(person)
        person.found.append(f)
        person.rank = min(person.rank, rank[f.kind])
        person.first = min(person.first, f.start)
    # Mentions: every form of every person, one regex pass over the text.
    variant_owner: dict[str, _Person] = {}
    for p in sorted(people, key=lambda p: (p.rank, p.first)):
        p.gaz = _gazetteer_row(p)
        forms = _surname_variants(p.words) + [a for a in (p.gaz or {}).get("aliases", []) if p.gaz and fold_accents(p.gaz["name"]) == fold_accents(p.name)]
        for v in forms:
            variant_owner.setdefault(v, p)
            if _caps_lines(view) and v.upper() != v:
                variant_owner.setdefault(v.upper(), p)          # "TRUMP" in a headline
    for s, e in _find_variants(text, variant_owner):
        nxt = _WORD.match(text, e + 1) if text[e:e + 1] == " " else None
        if view.in_company(s, e) or (nxt and nxt.group() in tb.not_person_after):
            continue
        if text[s:e].isupper() and " ".join(text[s:e].split()) not in (p.words[-1] for p in people) \
                and not _in_caps_line(view, s):
            continue          # an upper-case form counts only in a headline
        variant_owner[" ".join(text[s:e].split())].mentions[(s, e)] = None
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
    officials, executives = [], []
    for p in people:
        kinds = [f.kind for f in p.found]
        ordered = sorted(p.found, key=lambda f: f.start)
        if "official" in kinds:
            kind = "official"
        elif "executive" in kinds:
            kind = "executive"
        elif p.gaz is not None or _shows_office(view, p):
            kind = "official"
        else:
            continue
        mentions = [{"text": text[s:e], "start": s, "end": e} for s, e in sorted(p.mentions)]
        if kind == "official":
            # A title written in the text wins over the same title in an ALL-CAPS headline.
            title = next((f.title for f in sorted(ordered, key=lambda f: bool(f.title and f.title.isupper()))
                          if f.kind == "official" and f.title), None)
            country = next((f.country for f in ordered if f.kind == "official" and f.country), None)
            if country is None and p.gaz is not None:
                country = p.gaz.get("country")
            if country is None and not (p.gaz and "country" in p.gaz):
                first = next((f for f in ordered if f.kind == "official"), ordered[0])
                country = _context_country(view, first)
            if country in tb.family_first and len(p.words) > 1 and "-" not in p.words[-1]:
                mentions = _family_name_mentions(view, p, people, mentions)
            officials.append({"name": p.name, "title": title, "country": country, "mentions": mentions})
        else:
            title = next((f.title for f in ordered if f.kind == "executive" and f.title), None)
            company = next((f.company for f in ordered if f.kind == "executive" and f.company), None)
            executives.append({"name": p.name, "title": title, "company": company, "mentions": mentions})
    officials.sort(key=lambda o: o["mentions"][0]["start"])
    executives.sort(key=lambda o: o["mentions"][0]["start"])
    return officials, executives


@Language.factory(
    "officials",
    default_config={},
    requires=["doc._.companies", "doc.ents", "doc.sents", "token.dep", "token.pos"],
    assigns=["doc._.officials", "doc._.executives"],
)
def make_officials(nlp: Language, name: str) -> "Officials":
    """Officials and executives component; runs after ``companies`` (an executive's company
    and the names inside company names come from ``doc._.companies``)."""
    return Officials(nlp, name)


class Officials(TableComponent):
    """Writes ``doc._.officials`` and ``doc._.executives``. Tables: titles, official regions,
    the officials gazetteer and the country names (packaged by default)."""

    TABLES = ("titles.json", "official_regions.json", "officials.jsonl", "countries.json")

    def set_tables(self, tables) -> None:
        super().set_tables(tables)
        tables.derive(_tables.build)  # compile the title grammar now, not on the first Doc

    def process(self, doc: Doc) -> Doc:
        doc._.officials, doc._.executives = find_people(doc)
        return doc
