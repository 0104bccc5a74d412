"""Stage 5: which candidates are companies. Known names are kept unless they sit on a reactor
design or name a person; unknown names go through the rejection rules, one small function per
rule, first match wins."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from extractor.extensions import IntervalIndex
from extractor.fields.companies.names import DETERMINERS, FUNCTION_POS, NAME_PARTICLES, POSSESSIVE, \
    is_place_name, place_code
from extractor.fields.companies.spans import Candidate, CharSpans, EvidenceIndex, Persons, SourceIndex

# Evidence kinds that are a company noun next to the name ("garment maker X", "X, a chipmaker"):
# they outweigh the model's PERSON tag; "X said in a statement" does not.
COMPANY_CONTEXT_KINDS = {"APPOS", "PREMOD", "SUFFIX", "ACRO", "PREFIX", "OWNED", "OWNER", "OWNS"}
# Rejections that hold for the name everywhere in the article ("Hinkley Point C" ... "Hinkley's").
_NAME_WIDE = ("person", "place", "publication")
# A bracketed acronym after a name rejected for one of these goes with it ("National Wealth Fund (NWF)").
_ACRONYM_FOLLOWS = ("government", "listed", "programme", "outlet")
# Weak rejections: they do not stop the name from counting once it is a known alias.
_WEAK = ("acronym", "common-noun")
_KEEP = "keep"  # a rule's answer that ends the rules with the name kept


@dataclass
class ArticleIndex:
    """What the filters look up about an article, indexed once."""

    evidence: EvidenceIndex
    sources: SourceIndex
    headings: IntervalIndex
    reactors: CharSpans
    persons: Persons
    person_keys: set
    cand_tokens: dict
    context_keys: set = field(default_factory=set)  # names a company context vouches for somewhere


@dataclass
class Judged:
    """An unknown candidate, its character span and why it is not a company (None: it is)."""

    c: Candidate
    reason: Optional[str]
    sc: int
    ec: int


def person_keys(comp, doc, persons) -> set:
    """Surnames and full names of the people the model found ("Howard Lutnick" ... "Lutnick")."""
    keys = set()
    for p in persons:
        end = p.end
        # "Ursula von" + "der Leyen": particles and the name after them.
        while end < len(doc) and end - p.end < 3 and (doc[end].lower_ in NAME_PARTICLES or (
                doc[end - 1].lower_ in NAME_PARTICLES and doc[end].pos_ == "PROPN")):
            end += 1
        toks = [t for t in doc[p.start:end] if t.text not in POSSESSIVE]
        if len(toks) >= 2:
            for k in range(1, min(len(toks), 3) + 1):
                keys.add(comp.key(" ".join(t.text for t in toks[-k:])))
    return keys


def on_reactor(comp, text, reactors: CharSpans, sc, ec, company=None) -> bool:
    """Whether ``[sc, ec)`` overlaps a reactor design (one named for ``company`` aside)."""
    for a, b in reactors.overlapping(sc, ec):
        if company is not None and comp.key(text[a:b]) in comp.alias_keys[company]:
            continue
        return True
    return False


def select(comp, doc, text, cands, orgs, index: ArticleIndex) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """The accepted candidates, and the character spans of the rejected ones (no later
    mention may fall on them); ``orgs``: the model's ORG entities (votes for a name)."""
    org_votes = Counter(ent.text for ent in orgs)
    accepted, unknown, bad_keys = [], [], set()
    for c in cands:
        describe(comp, doc, c, index, org_votes)
    index.context_keys = {comp.key(doc[c.s:c.e].text) for c in cands if c.company_context and not c.source}
    for c in cands:
        span = doc[c.s:c.e]
        sc, ec = span.start_char, span.end_char
        if c.idx is not None:
            if _keeps_known(comp, doc, text, c, index, sc, ec):
                accepted.append(c)
            continue
        reason = reject(comp, doc, c, index, on_reactor(comp, text, index.reactors, sc, ec))
        if reason in _NAME_WIDE:
            bad_keys |= _bad_keys(comp, span, reason)
        unknown.append(Judged(c, reason, sc, ec))
    _acronyms_follow(doc, unknown)
    dropped = _decide_unknown(comp, doc, unknown, bad_keys, accepted)
    return accepted, dropped


def describe(comp, doc, c: Candidate, index: ArticleIndex, org_votes) -> None:
    """Fill in what the filters and the evidence model read about a candidate."""
    s, e = c.s, c.e
    over = index.evidence.overlapping(s, e)
    c.org_votes = org_votes.get(doc[s:e].text, 0)
    c.kinds = {ev.kind for ev in over}
    c.company_context = bool(c.kinds & COMPANY_CONTEXT_KINDS)
    c.evidence = bool(over) or comp._strong_end(doc[e - 1])
    c.country = next((ev.country for ev in over if ev.country), None)
    c.source = index.sources.holds(s, e)
    sc = doc[s:e].start_char
    c.heading = index.headings.overlaps(sc, sc + 1)


def _keeps_known(comp, doc, text, c, index, sc, ec) -> bool:
    if on_reactor(comp, text, index.reactors, sc, ec, c.idx):
        return False
    if _inside_place_name(doc, c.s, c.e):
        return False  # "Emirates" of "United Arab Emirates-based DAMAC"
    ambiguous = comp.is_ambiguous(c.idx, doc[c.s:c.e].text)
    c.pending = ambiguous and not (c.model or c.evidence)
    # "Premier Doug Ford": a person, and so every bare "Ford" in the article.
    return not (ambiguous and index.persons.covers(doc, c.s, c.e))


def _bad_keys(comp, span, reason) -> set:
    keys = {comp.key(span.text)}
    if reason == "place" and len(span) >= 2 and span[0].pos_ == "PROPN" and not span[0].is_upper:
        keys.add(comp.key(span[0].text))
    if reason == "person" and len(span) >= 2 and span[-1].pos_ == "PROPN":
        keys.add(comp.key(span[-1].text))  # "Niall FitzGerald" ... "said FitzGerald"
    return keys


def _acronyms_follow(doc, unknown: list[Judged]) -> None:
    """"National Wealth Fund (NWF)": the bracketed acronym of a rejected name goes with it."""
    rejected_ends = {j.c.e: j.reason for j in unknown if j.reason}
    for j in unknown:
        s0 = j.c.s
        if j.reason is None and s0 >= 2 and doc[s0 - 1].text == "(" and j.c.e - s0 == 1 \
                and rejected_ends.get(s0 - 1) in _ACRONYM_FOLLOWS:
            j.reason = rejected_ends[s0 - 1]


def _decide_unknown(comp, doc, unknown: list[Judged], bad_keys: set, accepted: list) -> list[tuple[int, int]]:
    # A name that a company-only context vouches for ("Novartis CEO ...") is a company in
    # every place the model took it for a person.
    company_keys = {comp.key(doc[j.c.s:j.c.e].text) for j in unknown if j.reason is None and j.c.company_context}
    dropped = []
    for j in unknown:
        ck = comp.key(doc[j.c.s:j.c.e].text)
        reason = None if j.reason == "person" and ck in company_keys else j.reason
        if reason or (ck in bad_keys and ck not in company_keys
                      and doc[j.c.e - 1].lower_ not in comp.strong_suffixes):
            if reason not in _WEAK:
                dropped.append((j.sc, j.ec))
            continue
        accepted.append(j.c)
    return dropped


# --------------------------------------------------------------------------- rejection rules


@dataclass
class Probe:
    """An unknown candidate as the rejection rules see it."""

    comp: object
    doc: object
    c: Candidate
    index: ArticleIndex
    on_reactor: bool

    def __post_init__(self):
        self.s, self.e, self.n = self.c.s, self.c.e, len(self.doc)
        self.span = self.doc[self.s:self.e]
        self.text = self.span.text
        self.key = self.comp.key(self.text)
        self.lowered = [t.lower_ for t in self.span]
        self.strong = self.comp._strong_end(self.doc[self.e - 1])
        self.kinds = self.c.kinds

    def prev(self, k=1) -> str:
        """The lowercase token ``k`` before the name ("" at the start)."""
        return self.doc[self.s - k].lower_ if self.s >= k else ""

    def next(self, k=0) -> str:
        """The lowercase token ``k`` after the name's end ("" past the end)."""
        return self.doc[self.e + k].lower_ if self.e + k < self.n else ""


def reject(comp, doc, c: Candidate, index: ArticleIndex, on_reactor: bool) -> Optional[str]:
    """Why an unknown candidate is not a company (None: keep it)."""
    x = Probe(comp, doc, c, index, on_reactor)
    for applies, rules in _RULE_GROUPS:
        if applies(x):
            for rule in rules:
                reason = rule(x)
                if reason:
                    return None if reason == _KEEP else reason
    return None


def _all_types(span, types=("GPE", "LOC")) -> bool:
    """Every token of ``span`` has one of the entity ``types`` (places by default)."""
    return all(t.ent_type_ in types for t in span)


# Always ------------------------------------------------------------------------------------


def _empty(x):
    """No name left: nothing, or only legal-form words ("Group" cut from "The Co-operative Group")."""
    if not x.key or all(w.strip(".,") in x.comp.suffix_keys for w in x.lowered):
        return "empty"
    return None


def _reactor(x):
    return "reactor" if x.on_reactor else None


def _listed(x):
    return "listed" if x.key in x.comp.non_company_keys else None


def _product(x):
    return "product" if x.key in x.comp.product_keys else None


def _place_after_preposition(x):
    """"partners Foxconn in Houston and ...", "a site in Georgia, a venture of"."""
    if not x.strong and x.prev() in ("in", "at", "near", "from") \
            and not (x.kinds - {"COORD", "LIST", "APPOS"}) and _all_types(x.span):
        return "place"
    return None


# Without a company context (and no legal suffix) --------------------------------------------


def _administration(x):
    return "person" if x.next() == "administration" else None  # "the Trump administration"


def _only_titles(x):
    return "title" if all(w in x.comp.title_words or w in x.comp.person_titles for w in x.lowered) else None


def _title_last(x):
    """"National Security Advisor", "United States Trade Representative": a name that ends with
    a person's title names an office, whatever the context says (not with a legal suffix)."""
    return "office" if len(x.lowered) >= 2 and x.lowered[-1] in x.comp.person_titles and not x.strong else None


def _known_person(x):
    """A known person's name or surname, or a span the model tagged PERSON at both ends."""
    if x.key in x.index.person_keys:
        return "person"
    if len(x.span) >= 2 and x.span[0].ent_type_ == "PERSON" and x.span[-1].ent_type_ == "PERSON" and not x.c.evidence:
        return "person"
    return None


def _after_job_title(x):
    """"chief executive Jane Doe", "General Secretary To Lam" (a first name the model left out)."""
    doc, b, titles = x.doc, x.s, x.comp.person_titles
    if b > 0 and doc[b - 1].text[:1].isupper() and (doc[b - 1].pos_ == "PROPN" or not doc[b - 1].is_sent_start) \
            and doc[b - 1].ent_type_ in ("", "PERSON") and doc[b - 1].lower_ not in titles:
        b -= 1
    if b > 0 and doc[b - 1].lower_ in titles:
        if not (doc[b - 1].lower_ in ("head", "chair") and b >= 2 and doc[b - 2].lower_ in DETERMINERS):
            return "person"
    return None


def _title_apposition(x):
    """A name set off by a comma beside a person's title and what it heads: "chairman of Reuters,
    Niall FitzGerald, expressed", "Julia Langer, director of the group's programme"."""
    doc, titles = x.doc, x.comp.person_titles
    if not (2 <= len(x.span) <= 3 and all(t.is_alpha and t.text[0].isupper() and not t.is_upper for t in x.span)):
        return None
    after = doc[x.e + 1:x.e + 4] if x.next() == "," else []
    for i, t in enumerate(after):
        if t.lower_ in titles:
            if i + 1 < len(after) and after[i + 1].lower_ in ("of", "for", "at"):
                return "person"
            break
        if not (t.is_lower and t.is_alpha):
            break
    if x.prev() == ",":
        linked = False
        for t in reversed(doc[max(0, x.s - 10):x.s - 1]):
            if t.lower_ in ("of", "for"):
                linked = True
            elif t.lower_ in titles or t.lower_.split("-")[0] in titles:
                return "person" if linked else None
            elif not (t.is_title or t.is_upper or t.lower_ in ("the", "and", "-", "'s", "’s")):
                return None
    return None


def _programme(x):
    """Programmes, projects, plans and laws ("Advanced Reactor Demonstration Program", a bare
    "the Budget", "Credit Guarantee Scheme for Exporters")."""
    words, low = x.comp.programme_words, x.lowered
    if low[-1] in words and (len(x.span) >= 2 or x.span[0].is_title):
        return "programme"
    if any(low[i] in words and low[i + 1] in ("for", "of", "on") for i in range(len(low) - 1)):
        return "programme"
    return None


def _site_name(x):
    """Plants, sites and places ("Plant Vogtle", "Hinkley Point C", "Pioneer 1")."""
    if any(w in x.comp.place_words for w in x.lowered):
        return "place"
    last = x.span[-1].text
    if len(x.span) >= 2 and ((len(last) == 1 and last.isupper()) or last.isdigit()):
        return "place"
    return None


def _adjective(x):
    return "adjective" if len(x.span) >= 2 and x.span[-1].ent_type_ == "NORP" else None


def _before_government_word(x):
    nxt = x.next()
    return "government" if x.e < x.n and nxt in x.comp.not_before and nxt != "spokesperson" else None


def _based(x):
    if x.e + 1 < x.n and x.doc[x.e].text in ("-", "–") and x.next(1) == "based":
        return "place"
    return None


def _on_place(x):
    if x.prev() == "on" and not (x.kinds - {"COORD", "LIST"}) and _all_types(x.span):
        return "place"
    return None


def _place_in_list(x):
    """"builds pickups in Silao and Ramos Arizpe"."""
    doc, e = x.doc, x.e
    if x.prev() in ("in", "at", "near") and e + 1 < x.n and doc[e].lower_ in ("and", ",") \
            and not (x.kinds - {"COORD", "LIST"}) \
            and (doc[e + 1].ent_type_ in ("GPE", "LOC", "FAC", "PERSON") or place_code(doc[e + 1].text)):
        return "place"
    return None


def _agency_apposition(x):
    """"France's export credit agency, Bpifrance Assurance Export"."""
    doc, s = x.doc, x.s
    if s >= 2 and doc[s - 1].text == "," and doc[s - 2].lower_ in x.comp.appositive_body_words and doc[s - 2].is_lower:
        return "government"
    return None


def _date(x):
    """A date, number or amount, or only date words ("Today, Hitachi Energy announced ...");
    a company context does not change that ("On Friday, the Bank of Japan": no apposition)."""
    if _all_types(x.span, ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")):
        return "date"
    if all(w in x.comp.date_words for w in x.lowered):
        return "date"
    return None


# Without any evidence (and no legal suffix) -------------------------------------------------


def _next_is_place(x) -> bool:
    doc, e = x.doc, x.e
    return e + 1 < x.n and doc[e].lower_ in (",", "in") and (
        doc[e + 1].ent_type_ in ("GPE", "LOC") or place_code(doc[e + 1].text))


def _town_state(x):
    """"in Clay, New York"."""
    if x.prev() in ("in", "at", "on", "near") and _next_is_place(x) and x.doc[x.e].text == ",":
        return "place"
    return None


def _near_or_on(x):
    """"Wylfa on Anglesey" (not "sanctions on Rosneft")."""
    prev = x.prev()
    if prev == "near" or prev == "on" and (
            x.span[0].ent_type_ in ("GPE", "LOC", "FAC") or x.s >= 2 and x.doc[x.s - 2].text[:1].isupper()):
        return "place"
    return None


def _before_site_noun(x):
    """"the two abandoned V.C. Summer units", "the Alpha, Beta and Gamma plants"."""
    doc, e, n = x.doc, x.e, x.n
    if e < n and x.next() in x.comp.site_nouns:
        return "place"
    j = e
    while j < n and j - e < 10 and (doc[j].text in (",", "and") or doc[j].text[:1].isupper()):
        j += 1
    if j > e + 1 and j < n and doc[j].lower_ in x.comp.site_nouns and doc[j].lower_.endswith("s") \
            and any(t.lower_ == "and" for t in doc[e:j]):
        return "place"
    return None


def _country_commodity(x):
    """"U.S. LNG", "Australian LNG": a country's commodity."""
    span = x.span
    if len(span) >= 2 and place_code(x.doc[x.s:x.e - 1].text) and span[-1].is_upper and len(span[-1]) <= 4:
        return "acronym"
    return None


def _owned_asset(x):
    """Assets named after their owner: "Georgia Power's Plant Vogtle", "its Explorer SUV"."""
    prev = x.prev()
    if prev in ("its", "their"):
        return "asset"
    tokens = x.index.cand_tokens
    if prev in POSSESSIVE and x.s >= 2 and (x.s - 2) in tokens:
        owner = tokens[x.s - 2]
        if not is_place_name(x.doc[owner.s:owner.e].text):
            return "asset"
    return None


# Every unknown name -------------------------------------------------------------------------


def _list_with_non_company(x):
    """A model span over a list ("JBIC and JOGMEC"): out when a part is not a company."""
    if " and " in x.text or ", " in x.text:
        comp = x.comp
        parts = [comp.key(p) for p in re.split(r",\s*|\s+and\s+", x.text)]
        if any(p in comp.non_company_keys or p in comp.outlet_keys or is_place_name(p) for p in parts if p):
            return "listed"
    return None


def _before_office_noun(x):
    nxt = x.next()
    if nxt in ("secretary", "minister", "ministry", "department", "spokesperson"):
        if x.e + 1 >= x.n or x.doc[x.e + 1].text[:1].isupper() or nxt != "spokesperson":
            return "government"
    return None


def _outlet(x):
    """An outlet or research house is a company only when a company context says so somewhere in
    the article ("X, the newspaper publisher", "Reuters Group PLC announced"), not when it is
    quoted ("analysts at X")."""
    if x.key in x.comp.outlet_keys:
        return _KEEP if x.key in x.index.context_keys and not x.c.source else "outlet"
    return None


def _publication(x):
    """"the French newspaper La Tribune", "daily Népszava", "X magazine", "The Weekly Standard":
    a publication, in every mention of the article (a company context elsewhere vouches for a
    publisher)."""
    nouns = x.comp.publication_nouns
    if x.prev() in nouns or x.next() in nouns and x.next() != "paper":
        return "publication"
    # "The Weekly Standard", "The Wall Street Journal": a publication noun in the name itself
    return "publication" if any(w in nouns and w not in ("paper", "website", "blog") for w in x.lowered) else None


def _place(x):
    """A place's name, or part of one the words around complete ("Tobago" of "Trinidad and
    Tobago", "Kong" of "Hong Kong")."""
    if is_place_name(x.text) or is_place_name(x.key) or _inside_place_name(x.doc, x.s, x.e):
        return "place"
    return None


def _inside_place_name(doc, s, e) -> bool:
    """Whether up to two words on each side complete the span into a place's name."""
    for a in range(max(0, s - 2), s + 1):
        for b in range(e, min(len(doc), e + 2) + 1):
            if (a, b) != (s, e) and doc[a].is_title and is_place_name(doc[a:b].text):
                return True
    return False


def _government(x):
    """Government words ("National Reconstruction Fund Corporation" too), phrases, central banks."""
    comp, low = x.comp, x.lowered
    if any(w in comp.gov_words for w in low) and (
            x.doc[x.e - 1].lower_ not in comp.strong_suffixes or len(low) >= 2 and low[-2] in comp.gov_words):
        return "government"
    low_text = x.text.casefold()
    if any(p in low_text for p in comp.gov_phrases) or comp._central_bank(low_text, x.text):
        return "government"
    return None


def _office(x):
    """"Minister of Trade X", "President of the Confederation": an office phrase just before
    the name, or before a "the" just before it; not a name with a legal suffix or a company
    context ("president of Jergens Inc.", "president of Grupo Empresarial Bavaria")."""
    doc, s = x.doc, x.s
    if x.strong or x.c.company_context:
        return None
    s = _list_start(doc, s)
    by_length = x.comp.not_after_by_length
    longest = max(by_length, default=0)
    before = [t.lower_ for t in doc[max(0, s - longest - 1):s]]
    the = bool(before) and before[-1] == "the"
    for n, phrases in by_length.items():
        if s >= n and tuple(before[len(before) - n:]) in phrases:
            return "office"
        if s > n and the and tuple(before[len(before) - n - 1:-1]) in phrases:
            return "office"
    return None


def _list_start(doc, s: int) -> int:
    """Where a list of names that ``s`` ends starts, if it follows "of": "Secretaries of
    Commerce, State, Interior, and [Energy]", "Ministry of Education, Culture, [Sports]"."""
    i = s
    while i > 0 and s - i < 12 and (doc[i - 1].text in (",", "and", "&") or doc[i - 1].is_title):
        i -= 1
    return i if i < s and doc[i - 1].lower_ == "of" and not doc[i].is_punct else s


def _dateline(x):
    doc, s, e = x.doc, x.s, x.e
    if x.text.isupper() and e < x.n and doc[e].text == "," and (s == 0 or "\n" in doc[s - 1].text_with_ws):
        return "dateline"
    return None


def _title_and_person(x):
    """"President Biden": a person's title, then a name the model calls a person."""
    low, span = x.lowered, x.span
    if len(span) >= 2 and low[0] in x.comp.person_titles and low[-1] not in x.comp.strong_suffixes \
            and all(t.ent_type_ == "PERSON" for t in span[1:]):
        return "person"
    return None


def _after_person_title(x):
    if not x.c.evidence and x.s > 0 and x.prev() in x.comp.title_words | {"executive", "premier", "governor", "mayor"}:
        return "person"
    return None


def _common_noun(x):
    """Without a company context any non-name is out; with one, only function words
    ("Together, the four companies")."""
    span = x.span
    if not x.strong and not any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in span):
        if not x.c.evidence or all(t.pos_ in FUNCTION_POS and (t.is_stop or not t.is_title) for t in span):
            return "common-noun"
    return None


def _bare_acronym(x):
    """An unknown bare acronym: kept only if introduced in brackets (merged later) after a
    name, not after a lowercase phrase ("construction (EPC)")."""
    if x.c.evidence or not (len(x.span) == 1 and x.text.isupper() and len(x.text) <= 5):
        return None
    if x.s == 0 or x.doc[x.s - 1].text != "(" or x.comp._spells_lowercase_phrase(x.doc, x.s - 1, x.text):
        return "acronym"
    return None


def _person_votes(x):
    """A name the model calls a person, unless it calls it an organisation more often ("Pixar")."""
    if x.c.evidence:
        return None
    votes = x.index.persons.votes(x.span)
    return "person" if votes and x.c.org_votes <= votes else None


_RULE_GROUPS = (
    (lambda x: True, (_empty, _reactor, _listed, _product, _place_after_preposition, _date)),
    (lambda x: not x.strong and not x.c.company_context, (
        _administration, _only_titles, _known_person, _after_job_title, _title_apposition, _programme, _site_name, _adjective,
        _before_government_word, _based, _on_place, _place_in_list, _agency_apposition, _publication)),
    (lambda x: not x.c.evidence and not x.strong, (
        _town_state, _near_or_on, _before_site_noun, _country_commodity, _owned_asset)),
    (lambda x: True, (
        _list_with_non_company, _before_office_noun, _title_last, _outlet, _place, _government, _office, _dateline,
        _title_and_person, _after_person_title, _common_noun, _bare_acronym, _person_votes)),
)
