"""Investments (``doc._.investments``): which money mentions are money committed to build, buy,
develop or fund something, and who puts it in, where, with whom, in what sector, how sure.

Stages, each a small function over named data:

1. ``cue_hits``: cue words of the classes in ``data/investment_cues.json`` found in each
   sentence (one pass over the tokens, multi-word cues included).
2. ``features``: for each money mention, the cue classes near it, in its sentence, on its
   syntactic head and in the heading or list lead-in that scopes it, plus a few shape features.
3. ``decide``: a logistic score from the weights in ``data/investment_evidence.json`` (fitted
   on dev gold by ``scripts/fit_investment_weights.py``) against its threshold.
4. ``investor_choices``: every party named in the amount's clause (its sentence cut to its
   line), the sentence before, its heading and the title, with ``investor_features`` (parse
   role, preposition, position, kind, article share, restatements of the same amount);
   ``choose_investor`` takes the best under the fitted conditional logit, or none.
5. ``describe``: destination (a place after ``in``/``into`` in the clause, else another
   country of the clause, else the article's main one), companies of the clause (for an
   acquisition amount whose clause names none, what the sentence before or the title says is
   bought: ``acquired_in``; for a government's money for "its plant", the company of the
   sentence before: ``companies_before``; for a total a list spells out, the list's companies:
   ``list_companies``), sectors (sector
   words of the clause, else of the title; a specific sector drops the generic ones; a
   restated pledge shares them) and status (cue classes).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor import extensions  # noqa: F401  (registers the Doc extensions)
from extractor.lexicon.tables import TableComponent, country_code, derived
from extractor.extensions import doc_text

CUES = "investment_cues.json"
EVIDENCE = "investment_evidence.json"
REGIONS = "official_regions.json"
COMPANY_SECTORS = "company_sectors.json"
WINDOW = 8  # tokens either side of the amount that count as "near"
PLACE_LABELS = ("GPE", "NORP", "LOC")


@dataclass
class Place:
    """A country named in the text (a country, demonym, capital or sub-national region).
    ``is_place`` is False for demonyms ("Japanese companies"), which name an actor, not a site."""

    code: str
    start: int
    end: int
    is_place: bool = True


@dataclass
class Party:
    """A company mention or a country mention, as a candidate investor or participant.
    ``kind``: company, place (a country or region named as a place), people (a demonym:
    "Japanese companies") or government (an official, a public body or a common word for a
    government: "a federal loan"; keyed by its country)."""

    key: str  # company name as in doc._.companies, or a country code
    is_company: bool
    start: int
    end: int
    kind: str = ""

    def __post_init__(self):
        self.kind = self.kind or ("company" if self.is_company else "place")


@dataclass
class InvestorOption:
    """One party that may have put the money in, with the evidence for it (``investor_features``)."""

    party: Party
    scope: str  # where it is named: sent, prev_sent, heading or title
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    own_roles: set[str] = field(default_factory=set)  # the features of its mentions in the amount's clause


@dataclass
class Candidate:
    """One money mention, with what the decision and the attributes read."""

    money: dict
    span: Span
    sent: Span  # the sentence: the decision's evidence
    heading: str = ""
    clause: Optional[Span] = None  # the sentence cut to the amount's line: where its parties are
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0
    conversion_of: Optional["Candidate"] = None


# -- tables -------------------------------------------------------------------------------


def phrase_index(groups: dict[str, list[str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> [(phrase words, group)], longest phrase first, for ``phrase_hits``.

    >>> phrase_index({"build": ["plant", "data center"]})["data"]
    [(('data', 'center'), 'build')]
    """
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for group, phrases in groups.items():
        for phrase in phrases:
            words = tuple(phrase.lower().split())
            index.setdefault(words[0], []).append((words, group))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


@derived
def cue_index(tables) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    return phrase_index(tables[CUES]["classes"])


@derived
def sector_index(tables) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    return phrase_index(tables[CUES]["sectors"])


@derived
def region_codes(tables) -> dict[str, str]:
    return dict(tables[REGIONS]["regions"])


@derived
def current_cues(tables) -> dict:
    return tables[CUES]


# -- stage 1: cue words ----------------------------------------------------------------------


def phrase_hits(words: list[str], index: dict) -> list[tuple[int, int, str]]:
    """``(start, end, class)`` of every cue of ``index`` in ``words`` (lower-cased tokens).

    >>> phrase_hits(["will", "invest", "in", "data", "centers"], {"invest": [(("invest",), "invest")],
    ...     "data": [(("data", "centers"), "build")]})
    [(1, 2, 'invest'), (3, 5, 'build')]
    """
    hits = []
    for i, w in enumerate(words):
        for cue, cls in index.get(w, ()):
            if tuple(words[i : i + len(cue)]) == cue:
                hits.append((i, i + len(cue), cls))
    return hits


def classes_in(words: list[str], index: dict) -> set[str]:
    return {cls for _, _, cls in phrase_hits(words, index)}


# -- stage 2: features -----------------------------------------------------------------------


def heading_of(text: str, start: int) -> str:
    """The heading or list lead-in that scopes the line at ``start``: the nearest earlier line
    that is short and has no final full stop, or that ends with a colon ("" when none)."""
    line_start = text.rfind("\n", 0, start) + 1
    pos = line_start - 1
    for _ in range(12):  # look back a few lines only
        if pos <= 0:
            return ""
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos].strip()
        if line and (line.endswith(":") or (len(line) < 120 and not line.endswith((".", '"', "”")))):
            return line
        pos = prev_start - 1
    return ""


def line_clause(span: Span, text: str) -> Span:
    """The amount's sentence, cut to the amount's line: a list item or heading without a final
    full stop is its own clause even where the parser ran it into the next line."""
    sent = span.sent
    start = max(sent.start_char, text.rfind("\n", 0, span.start_char) + 1)
    line_end = text.find("\n", span.end_char)
    end = min(sent.end_char, line_end if line_end >= 0 else len(text))
    clause = span.doc.char_span(start, end, alignment_mode="expand")
    return clause if clause is not None and clause.start <= span.start and span.end <= clause.end else sent


def features(cand: Candidate, hits: list[tuple[int, int, str]]) -> dict[str, float]:
    """Evidence about one money mention (names -> 1.0)."""
    span, sent = cand.span, cand.sent
    feats: dict[str, float] = {"bias": 1.0}
    for start, end, cls in hits:
        feats[f"sent:{cls}"] = 1.0
        if end > span.start - WINDOW and start < span.end + WINDOW:
            feats[f"near:{cls}"] = 1.0
    head = span.root.head
    head_words = [head.lower_]
    if head.i + 1 < len(span.doc) and head.pos_ == "NOUN":
        head_words.append(span.doc[head.i + 1].lower_)
    for cls in classes_in(head_words, cue_index()):
        feats[f"head:{cls}"] = 1.0
    for cls in classes_in(cand.heading.lower().split(), cue_index()):
        feats[f"heading:{cls}"] = 1.0
    after = [t.lower_ for t in span.doc[span.end : span.end + 2]]
    if after[:1] in (["a"], ["per"], ["an"]) and len(after) == 2:
        feats["per_unit"] = 1.0
    if cand.money.get("min") is not None:
        feats["range"] = 1.0
    return feats


# -- stage 3: decision -----------------------------------------------------------------------


def decide(feats: dict[str, float], evidence: dict) -> float:
    """Logistic score of the evidence (0-1)."""
    weights = evidence["weights"]
    z = sum(weights.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# -- stage 4: attributes ----------------------------------------------------------------------


def places(doc: Doc) -> list[Place]:
    """Countries named in the text: entities that are countries, demonyms, capitals or regions,
    and country names the model left untagged (``US`` in a headline)."""
    regions = region_codes()
    found, covered = [], set()
    for m in doc._.money or []:  # "US $3.6bn", "3.14 billion USD": a currency, not a place
        span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    for ent in doc.ents:
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        if ent.label_ not in PLACE_LABELS:
            continue
        code = country_code(ent.text) or regions.get(ent.text.removeprefix("the "))
        if code:
            found.append(Place(code, ent.start_char, ent.end_char, ent.label_ != "NORP"))
            covered.update(range(ent.start, ent.end))
    for tok in doc:
        if tok.i not in covered and not tok.ent_type_ and tok.text[:1].isupper():
            code = country_code(tok.text)
            if code:
                found.append(Place(code, tok.idx, tok.idx + len(tok.text), not tok.text.endswith(("an", "ese", "ish"))))
    return sorted(found, key=lambda p: p.start)


def government_parties(doc: Doc, place_list: list[Place], main: Optional[str]) -> list["Party"]:
    """Governments acting as investors: officials (their country), and organisations named with
    a government word ("the Department of Energy", "U.S. Export-Import Bank"), whose country is
    the one named inside them, else the article's main country; and spending laws."""
    out = [
        Party(o["country"], False, m["start"], m["end"], "government")
        for o in doc._.officials or [] if o.get("country")
        for m in o["mentions"]
    ]
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        if not is_government_name(ent.text):
            continue
        inside = [p.code for p in place_list if ent.start_char <= p.start < ent.end_char]
        code = inside[0] if inside else main
        if code:
            out.append(Party(code, False, ent.start_char, ent.end_char, "government"))
    return out + government_nouns(doc, place_list, main) + spending_laws(doc, main)


def spending_laws(doc: Doc, main: Optional[str]) -> list["Party"]:
    """Laws that spend public money, named by a capitalised name ending in a law word ("The
    Bipartisan Infrastructure Law invests $7.5 billion", "the Inflation Reduction Act"): the
    government of the article's main country."""
    words = set(current_cues()["law_words"])
    out = []
    for tok in doc:
        if main is None or tok.text not in words or tok.i == 0 or not doc[tok.i - 1].text[:1].isupper():
            continue
        first = tok.i - 1
        while first > tok.sent.start and (doc[first - 1].text[:1].isupper() or doc[first - 1].lower_ in ("and", "for")):
            first -= 1
        out.append(Party(main, False, doc[first].idx, tok.idx + len(tok.text), "government"))
    return out


def government_nouns(doc: Doc, place_list: list[Place], main: Optional[str]) -> list["Party"]:
    """Governments named by a common word outside any entity ("a $1.52
    billion federal loan guarantee", "from the provincial government"), keyed by the country
    named in its phrase ("the US government", "the government of Dubai"), else the main one."""
    words = set(current_cues()["government_nouns"])
    out = []
    for tok in doc:
        if tok.lower_ not in words or tok.ent_type_:
            continue
        start, end = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        inside = [p.code for p in place_list if start <= p.start < end]
        code = inside[0] if inside else main
        if code:
            out.append(Party(code, False, tok.idx, tok.idx + len(tok.text), "government"))
    return out


def is_government_name(name: str) -> bool:
    """Whether an organisation's name has a government word ("the Department of Energy")."""
    low = name.lower()
    return any(w in low.split() or (" " in w and w in low) or low.startswith(w)
               for w in current_cues()["government_words"])


@dataclass
class Scene:
    """What the article names, built once per doc: its places, the parties (companies,
    countries, governments) in text order with a lookup by character range, how often each is
    named, and the title line. Every lookup is a bisection, so the component stays linear."""

    places: list[Place]
    parties: list[Party]
    starts: list[int]
    counts: dict[str, int]
    place_counts: dict[str, int]
    sites: list[Place]  # places that are places, not demonyms
    title: Optional[Span]
    homes: dict[str, str] = field(default_factory=dict)  # company name -> its country, where known

    def __post_init__(self):
        self.site_starts = [p.start for p in self.sites]

    def within(self, start: int, end: int) -> list[Party]:
        """The parties named from ``start`` to ``end`` (characters), in text order."""
        return self.parties[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def site_after(self, start: int, end: int) -> Optional[Place]:
        """The first place (not a demonym) named within ``start < p.start <= end``."""
        i = bisect_right(self.site_starts, start)
        return self.sites[i] if i < len(self.sites) and self.sites[i].start <= end else None

    def main_country(self) -> Optional[str]:
        """The country the article names most often as a place."""
        return most_named(self.place_counts)


def most_named(counts: dict[str, int]) -> Optional[str]:
    """The key named most often (the first named among equals); None when there is none."""
    return max(counts, key=counts.get) if counts else None


def scene_of(doc: Doc) -> Scene:
    place_list = places(doc)
    place_counts: dict[str, int] = {}
    for p in place_list:
        if p.is_place:
            place_counts[p.code] = place_counts.get(p.code, 0) + 1
    government = government_parties(doc, place_list, most_named(place_counts))
    found = [Party(c["name"], True, m["start"], m["end"]) for c in doc._.companies or [] for m in c["mentions"]]
    found += [Party(p.code, False, p.start, p.end, "place" if p.is_place else "people") for p in place_list]
    found += government
    found.sort(key=lambda p: p.start)  # stable: at one offset a company, then a place, then a government
    counts = dict(Counter(p.key for p in found))  # how often the article names each party
    text = doc_text(doc)
    title_start = len(text) - len(text.lstrip())
    title_end = text.find("\n", title_start)
    title = doc.char_span(title_start, title_end if title_end > 0 else len(text), alignment_mode="contract")
    homes = {c["name"]: c["country"] for c in doc._.companies or [] if c.get("country")}
    return Scene(place_list, found, [p.start for p in found], counts, place_counts,
                 [p for p in place_list if p.is_place], title, homes)


# Prepositions whose object is told apart as evidence about the investor ("from Saudi Arabia",
# "by Toyota" put money in; "to TVA", "in Corus" receive it).
INVESTOR_PREPOSITIONS = ("to", "into", "for", "in", "with", "from", "by", "between", "of", "at", "on")


def object_of(tok) -> str:
    """The preposition whose object ``tok`` (or the phrase it modifies) is; "" when none."""
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.head.lower_ if tok.dep_ == "pobj" else ""


def _within(party: Party, tok) -> bool:
    """Whether ``party`` is named inside the subtree of ``tok``."""
    return tok.left_edge.idx <= party.start < tok.right_edge.idx + len(tok.right_edge)


RELATIVE_PRONOUNS = ("which", "who", "that")


def _antecedent(party: Party, subject, verb) -> bool:
    """Whether ``party`` is what the relative pronoun ``subject`` of ``verb`` stands for
    ("Highland Materials, Inc., which received $255.6 million")."""
    if subject.lower_ not in RELATIVE_PRONOUNS or verb.dep_ != "relcl":
        return False
    noun = verb.head  # the party itself, not a possessor before it ("Trump's visit, which ...")
    if noun.dep_ == "appos":
        noun = noun.head  # "Highland Materials, Inc., which"
    return party.start <= noun.idx < party.end


def governing_chain(span: Span) -> list:
    """The verb the amount depends on and up to two verbs above it ("X plans to invest")."""
    verb = span.root
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):  # (tokens are new objects: compare .i)
        verb = verb.head
    chain = [verb]
    while len(chain) < 3 and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def investor_features(cand: Candidate, party: Party, scope: str, position: dict) -> dict[str, float]:
    """Evidence that ``party`` put the money of ``cand`` in: how the parse links them (possessor,
    subject of the amount's verb, agent, the thing the amount names), where and how near the
    party is named, and what kind of party it is. Weights: ``data/investment_evidence.json``."""
    feats = {"bias": 1.0, f"kind:{party.kind}": 1.0, f"scope:{scope}": 1.0}
    roles = []
    text = doc_text(cand.span.doc)
    if text[party.end:party.end + 2] in ("'s", "’s"):
        roles.append("possessive")
    after = text[party.end:party.end + 40].lower().split()[:4]
    if set(after) & set(current_cues()["sell_words"]):
        roles.append("before_sell")  # "DaimlerChrysler to sell Chrysler Group"
    elif classes_in(after, cue_index()) & {"receive"}:
        roles.append("before_receive")  # "Chrysler will receive CA$1 billion"
    elif classes_in(after, cue_index()) & {"invest", "fund", "build", "acquire"}:
        roles.append("before_cue")
    named = cand.span.doc.char_span(party.start, party.end, alignment_mode="expand")
    deal = deal_role(named) if named is not None else ""
    if deal:
        roles.append(deal)
    if scope == "sent":
        span, doc = cand.span, cand.span.doc
        head = span.root.head
        if any(c.dep_ == "poss" and _within(party, c) for c in list(span.root.children) + list(head.children)):
            roles.append("poss")
        for verb in governing_chain(span):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                if _within(party, subjects[0]) or _antecedent(party, subjects[0], verb):
                    roles.append("subject_pass" if subjects[0].dep_ == "nsubjpass" else "subject")
                    verb_classes = classes_in([verb.lower_], cue_index()) or {"other"}
                    for cls in verb_classes:
                        feats[f"subject_of:{cls}"] = 1.0
                        # "Apple announced a $500 billion investment" / "President Trump announced ..."
                        feats[f"subject_of:{cls}&{party.kind}"] = 1.0
                break
        party_span = doc.char_span(party.start, party.end, alignment_mode="expand")
        if party_span is not None:
            root = party_span.root
            if root.i == head.i or root.head.i == span.root.i:
                roles.append("named_by_amount")
            elif root.head.i == head.i and root.i > span.root.i and root.dep_ in ("compound", "amod", "nmod"):
                roles.append("modifies_amount_noun")  # "an A$1.65 billion government loan"
            prep = object_of(root)
            if prep in INVESTOR_PREPOSITIONS:
                roles.append(f"after_{prep}")
        side = "before" if party.end <= cand.money["start"] else "after"
        roles.append(side)
        distance = abs(position["index"] - position["amount"])
        feats[f"{side}:distance"] = min(distance, 20) / 10.0
        if position.get("nearest_before"):
            roles.append("nearest_before")
        if position.get("first"):
            roles.append("first")
    for role in roles:
        feats[f"role:{role}"] = 1.0
        feats[f"role:{role}&{party.kind}"] = 1.0
    if receiving(cand.span):
        feats[f"receiving&{party.kind}"] = 1.0
        for role in {"subject", "after_from", "before", "after"} & set(roles):
            feats[f"receiving&{role}"] = 1.0
    if private_money(cand.span):
        feats[f"private&{party.kind}"] = 1.0  # "President Trump announced a $500 billion private investment"
    if position.get("main_country"):
        feats["main_country"] = 1.0
    return feats


def receiving(span: Span) -> bool:
    """Whether the amount is what a party gets or asks for: the object of a receive or request
    word, of its "for", or of the noun the amount sizes ("Chrysler will receive CA$1 billion",
    "has asked the US government for US$5 billion", "would be eligible for a US$6 billion loan", "receive a five-year loan of €3 billion"),
    or the antecedent of one ("the $13.4 billion that it has already received"); not an amount
    further down ("is seeking the rest of an A$1.7 billion-odd build", "seeks to invest $5 billion")."""
    tok = span.root
    if any(c.dep_ == "relcl" and asks_or_gets(c) for c in tok.children):
        return True
    if tok.head.i != tok.i and tok.head.pos_ == "NOUN" and tok.dep_ in SIZE_DEPS:
        tok = tok.head  # "a US$6 billion loan"
    elif tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        tok = tok.head.head  # "a five-year loan of €3 billion"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "for":
        return asks_or_gets(head.head)
    return tok.dep_ in ("dobj", "dative") and asks_or_gets(head)


SIZE_DEPS = ("compound", "nmod", "amod", "nummod", "quantmod")


def asks_or_gets(tok) -> bool:
    """A receive-class word or a request word."""
    return bool(classes_in([tok.lower_], cue_index()) & {"receive"}) or tok.lower_ in current_cues()["request_words"]


def private_money(span: Span) -> bool:
    """Whether the amount's phrase calls it private money ("a $500 billion private investment",
    "$860 billion in business investments", "$1.9 billion in new private sector commitments")."""
    doc, sent = span.doc, span.sent
    near = list(doc[max(sent.start, span.start - 2):span.start])
    for tok in doc[span.end:min(sent.end, span.end + 4)]:
        if tok.pos_ in ("VERB", "AUX", "PART", "PUNCT"):
            break  # "$52 billion to catalyze more private-sector investments" is not private
        near.append(tok)
    return any(t.lower_ in current_cues()["private_words"] for t in near)


def investor_options(cand: Candidate, scoped: dict[str, list[Party]], main: Optional[str],
                     counts: dict[str, int]) -> list[InvestorOption]:
    """One option per party named in the amount's sentence, the sentence before, its heading or
    the article's title: the evidence of all its mentions there (features of each, at their
    strongest), with how much of the article names it and whether the title does."""
    by_key: dict[str, InvestorOption] = {}
    total = sum(counts.values()) or 1
    for scope, found in scoped.items():
        amount = sum(1 for p in found if p.end <= cand.money["start"])
        before = [p for p in found if p.end <= cand.money["start"]]
        for index, party in enumerate(found):
            position = {"index": index, "amount": amount, "first": index == 0,
                        "nearest_before": bool(before) and party is before[-1],
                        "main_country": party.key == main and not party.is_company}
            feats = investor_features(cand, party, scope, position)
            option = by_key.setdefault(party.key, InvestorOption(party, scope, {}))
            if scope == "sent" and option.scope != "sent":
                option.party, option.scope = party, scope
            for name, value in feats.items():
                option.features[name] = max(option.features.get(name, 0.0), value)
            if scope == "sent":
                option.own_roles.update(feats)
    for option in by_key.values():
        option.features["article_share"] = counts.get(option.party.key, 0) / total
        option.features["article_top"] = float(counts.get(option.party.key, 0) == max(counts.values(), default=0))
    return list(by_key.values())


STRONG_ROLES = {"role:poss": "possessor", "role:possessive": "possessor", "role:subject": "subject"}


def link_same_amounts(cands: list[Candidate], options: list[list[InvestorOption]]) -> None:
    """An article restates a pledge ("Japan's $550 billion" ... "this $550 billion investment
    project"): a party that is the possessor or subject of the same amount in that amount's own
    clause gets the feature ``same_amount:possessor`` or ``same_amount:subject`` (added as an
    option when it is not named near this one). A role read in another scope does not count:
    the title's "Trump's ... Agenda Fuels $1B" is seen from the body's $1 billion too."""
    named: dict[tuple, list[tuple[InvestorOption, str]]] = {}
    for cand, opts in zip(cands, options):
        amount = (cand.money.get("value"), cand.money.get("currency"))
        for option in opts:
            for role in {STRONG_ROLES[r] for r in STRONG_ROLES if r in option.own_roles}:
                named.setdefault(amount, []).append((option, role))
    for cand, opts in zip(cands, options):
        amount = (cand.money.get("value"), cand.money.get("currency"))
        for other, role in [(o, r) for o, r in named.get(amount, []) if o not in opts]:
            mine = next((o for o in opts if o.party.key == other.party.key), None)
            if mine is None:
                mine = InvestorOption(other.party, "article", {"bias": 1.0, f"kind:{other.party.kind}": 1.0,
                                                               "scope:article": 1.0})
                opts.append(mine)
            mine.features[f"same_amount:{role}"] = 1.0


def restated_investors(cands: list[Candidate], chosen: list[Optional[Party]]) -> list[Optional[Party]]:
    """An amount left without an investor takes the one chosen for the same amount elsewhere in
    the article (a restated pledge is the same pledge), when that one is unambiguous."""
    by_amount: dict[tuple, set] = {}
    first: dict[tuple, Party] = {}
    for cand, party in zip(cands, chosen):
        if party is not None:
            amount = (cand.money.get("value"), cand.money.get("currency"))
            by_amount.setdefault(amount, set()).add(party.key)
            first.setdefault(amount, party)
    out = []
    for cand, party in zip(cands, chosen):
        amount = (cand.money.get("value"), cand.money.get("currency"))
        if party is None and len(by_amount.get(amount, ())) == 1:
            party = first[amount]
        out.append(party)
    return out


def share_sectors(cands: list[Candidate], entries: dict[int, dict]) -> None:
    """A pledge restated in the article (same amount, same investor) takes the sectors named
    for it anywhere ("Japan's $550 billion ... in energy, semiconductors ...")."""
    groups: dict[tuple, list[dict]] = {}
    for cand in cands:
        entry = entries[id(cand)]
        groups.setdefault((cand.money.get("value"), cand.money.get("currency"), entry["investor"]), []).append(entry)
    for same in groups.values():
        if len(same) > 1:
            union = sorted({sector for entry in same for sector in entry["sectors"]})
            for entry in same:
                entry["sectors"] = union


def other_sector(cands: list[Candidate], investors: list[Optional[Party]], entries: dict[int, dict]) -> None:
    """A deal with a business taking part or investing whose line of business no listed sector
    names (an airline, a retailer, a website: "Google buys YouTube", "UPS plans $1 billion
    expansion") is ``other``; a company's spending in a story about reactors with no sector
    words of its own is ``nuclear`` ("EDF's estimate that Hinkley will cost £31bn-£34bn"); a
    pledge with neither sector words nor companies keeps no sector ("$3 trillion in private
    investments")."""
    for cand, investor in zip(cands, investors):
        entry = entries[id(cand)]
        if entry["sectors"]:
            continue
        if entry["companies"]:
            entry["sectors"] = ["other"]
        elif investor is not None and investor.is_company:
            entry["sectors"] = ["nuclear"] if cand.span.doc._.reactors else ["other"]


def is_list_item(line: str) -> bool:
    """A bulleted line ("- Hitachi: transformers ...") or a table row ("Westinghouse | AP1000 | up
    to $100 billion"), not a lead-in that names the columns ("... (company | field | amount):")."""
    line = line.strip()
    return line.startswith(("- ", "* ", "• ")) or (line.count(" | ") >= 2 and not line.endswith(":"))


def list_blocks(text: str) -> list[tuple[int, int]]:
    """The character ranges of the lists in ``text``: runs of two or more consecutive item lines."""
    blocks, start, count, pos = [], 0, 0, 0
    for line in text.splitlines(keepends=True) + [""]:
        if line and is_list_item(line):
            start, count = (pos if count == 0 else start), count + 1
        else:
            if count >= 2:
                blocks.append((start, pos))
            count = 0
        pos += len(line)
    return blocks


def has_cue(text: str, group: str) -> bool:
    """Whether ``text`` holds one of the words of the cue ``group`` as whole words, any case."""
    lower = text.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", lower) for w in current_cues()[group])


def says_list(text: str) -> bool:
    """Whether ``text`` names a list of what an amount is spent on (``list_words``)."""
    return has_cue(text, "list_words")


def refers_back(part: Span) -> bool:
    """Whether the amount's ``part`` points back to a company named before ("Its IJmuiden plant
    is negotiating up to €2 billion in Dutch state support", ``back_references``)."""
    return has_cue(part.text, "back_references")


def companies_before(cand: Candidate, scene: Scene, scopes: dict[str, Span]) -> list[str]:
    """The first company of the sentence before the amount's, in the same paragraph (a list item
    before it is another item): the one a government's money for "its plant" goes to."""
    before = scopes.get("prev_sent")
    if before is None or "\n" in doc_text(cand.span.doc)[before.start_char:cand.span.start_char]:
        return []
    return [p.key for p in scene.within(before.start_char, before.end_char) if p.is_company][:1]


def list_companies(doc: Doc, cands: list[Candidate], entries: dict[int, dict], scene: Scene) -> None:
    """A total that a list spells out takes the companies the list names, when its own clause
    names none ("The list ... puts the combined value of projects ... at nearly $400 billion",
    then "- Westinghouse: ..., - Bechtel and Kiewit: ..."): the amounts of the last line with
    money before the list, those whose sentence says "list", or all of them when the list's
    heading or lead-in does ("WHERE THE MONEY GOES"). A restatement of the same pledge (same
    amount and investor) takes them too; one that names no sector takes those of the list's
    lead-in ("Power, and in particular power for artificial intelligence, dominates:")."""
    text = doc_text(doc)
    blocks = list_blocks(text)
    for start, end in blocks:
        last = max((m["start"] for m in doc._.money or [] if m["end"] <= start), default=None)
        if last is None or any(last <= other < start for other, _ in blocks):
            continue
        line_start = text.rfind("\n", 0, last) + 1
        line_end = text.find("\n", last)
        heading = heading_of(text, start)
        heading = heading if heading and text.rfind(heading, 0, start) > line_end else ""
        lead_in = says_list(heading)
        named = list(dict.fromkeys(p.key for p in scene.within(start, end) if p.is_company))
        for cand in cands:
            entry = entries[id(cand)]
            if not line_start <= cand.money["start"] < line_end or entry["companies"]:
                continue
            if not (lead_in or says_list(cand.sent.text)):
                continue
            entry["companies"] = [k for k in named if k != entry["investor"]]
            entry["sectors"] = entry["sectors"] or sectors_of(re.findall(r"\w+", heading.lower()))
            for other in cands:
                same = entries[id(other)]
                if not same["companies"] and (other.money.get("value"), other.money.get("currency"), same["investor"]) \
                        == (cand.money.get("value"), cand.money.get("currency"), entry["investor"]):
                    same["companies"] = entry["companies"]


DEMONSTRATIVES = ("this", "that", "these", "those")


def restates(cand: Candidate) -> bool:
    """``this $550 billion investment project``: the amount points back at a pledge."""
    span = cand.span
    return span.start > 0 and span.doc[span.start - 1].lower_ in DEMONSTRATIVES


def none_features(cand: Candidate, options: list[InvestorOption]) -> dict[str, float]:
    """Evidence about the amount itself for "no investor" (the conditional logit's own row): its
    decision cues, whether its sentence names any party, whether it reads as a total."""
    feats = {f"none:{name}": value for name, value in cand.features.items() if name != "bias"}
    feats["none:no_party_in_sentence"] = float(not any(o.scope == "sent" for o in options))
    doc, start = cand.span.doc, cand.span.start
    before = {t.lower_ for t in doc[max(cand.sent.start, start - 3):start]}
    after = [t.lower_ for t in doc[cand.span.end:min(cand.sent.end, cand.span.end + 4)]]
    cues = current_cues()  # a total of many pledges seldom has one investor
    feats["none:aggregate"] = float(bool(before & set(cues["aggregate_before"]))
                                    or any(w in cues["aggregate_after"] for w in after))
    return feats


def choose_investor(options: list[InvestorOption], model: dict, restated: bool = False,
                    none_feats: Optional[dict] = None) -> Optional[Party]:
    """The best-scoring option (a conditional logit: score = sum of weight x feature), unless
    "no investor" scores higher (the model's ``none`` plus its weights on ``none_feats``). A
    ``restated`` amount ("this $550 billion") keeps to the parties that own the same amount
    elsewhere, when there are any."""
    weights = model["weights"]
    for option in options:
        option.score = sum(weights.get(name, 0.0) * value for name, value in option.features.items())
    owners = [o for o in options if any(name.startswith("same_amount:") for name in o.features)]
    if restated and owners:
        return max(owners, key=lambda o: o.score).party
    best = max(options, key=lambda o: o.score, default=None)
    none = model["none"] + sum(weights.get(name, 0.0) * value for name, value in (none_feats or {}).items())
    return best.party if best is not None and best.score > none else None


def destination_of(cand: Candidate, scene: Scene, investor: Optional[Party],
                   companies: list[str] = ()) -> Optional[str]:
    """A place after ``in``/``into``/``across`` in the clause (or ``to`` after a noun: "commitment to
    the United States"), after the amount first (none when its object spreads the money over
    many countries: "in both countries", "across the Asia-Pacific region"), else another country
    named in it, else, for a government investor, its own country, else the article's main
    country (the investor's own included); in an article that names no country, the home of the
    companies taking part, else the investor's own."""
    clause = cand.clause
    # after the amount first ("Today in Saudi Arabia, ... $600 billion to invest in the United States")
    after = [t for t in clause if t.i >= cand.span.end]
    for tok in after + [t for t in clause if t.i < cand.span.end]:
        to_noun = tok.lower_ == "to" and tok.i >= cand.span.end and tok.head.pos_ == "NOUN"
        if tok.lower_ in DESTINATION_PREPOSITIONS or to_noun:
            site = scene.site_after(tok.idx, tok.idx + len(tok.text) + 6)
            if site is not None:
                return None if listed_with(scene, site, doc_text(cand.span.doc)) else site.code
            if any(c.dep_ == "pobj" and c.lower_ in current_cues()["spread_destinations"] for c in tok.children):
                return None  # "in both countries", "across 14 APEC economies"
    site = demonym_site(cand, scene)
    if site is not None:
        return site
    if names_region(cand):
        return None  # "in northern Central America", "along the Lobito Corridor": no one country
    exclude = investor.key if investor is not None else None
    text = doc_text(cand.span.doc)
    others = [p.key for p in scene.within(clause.start_char, clause.end_char)
              if p.kind == "place" and p.key != exclude and not is_home(text, p)]
    if others:
        return others[0]
    if investor is not None and investor.kind == "government":
        return investor.key  # a government's grants and loans go to its own country's projects
    main = scene.main_country()  # a country's own, too: measured better than the main one other than it
    if main is not None or investor is None:
        return main
    # The article names no other country: the home of what is bought ("Google buys YouTube"),
    # else the investor's own (a country's money at home, a company's in its home market).
    own = scene.homes.get(investor.key) if investor.is_company else investor.key
    return next((code for code in [*(scene.homes.get(name) for name in companies), own] if code), None)


DESTINATION_PREPOSITIONS = {"in", "into", "across", "throughout"}


def listed_with(scene: Scene, site: Place, text: str) -> bool:
    """Whether another country follows the place in a list ("its mobile and broadband networks
    in Guatemala, Honduras, and El Salvador"): the money goes to several countries."""
    following = scene.site_after(site.start, site.end + 8)
    return following is not None and following.code != site.code \
        and re.fullmatch(r",? (and )?(the )?|, ", text[site.end:following.start]) is not None


def is_home(text: str, party: Party) -> bool:
    """Whether the place names a company's home ("London-based Diageo announced a $415 million
    investment in a new Alabama manufacturing facility"), not where its money goes."""
    return bool(re.match(r"[-‑–]based\b", text[party.end:party.end + 7]))


def names_region(cand: Candidate) -> bool:
    """Whether the clause after the amount names a region of many countries ("in northern Central
    America", "on both sides of the Atlantic", "raised throughout Europe"): a LOC entity with a
    word of ``region_words``."""
    words = set(current_cues()["region_words"])
    return any(ent.label_ == "LOC" and ent.start >= cand.span.end and words & set(ent.text.replace("–", " ").split())
               for ent in cand.clause.ents)


def demonym_site(cand: Candidate, scene: Scene) -> Optional[str]:
    """The country of a demonym that describes a site in the clause ("for a 72.4 percent stake in
    the Romanian assembly plant", "Ford offers US$78 million for Romanian auto plant")."""
    doc, clause = cand.span.doc, cand.clause
    for place in scene.places:
        if place.is_place or not clause.start_char <= place.start < clause.end_char:
            continue
        name = doc.char_span(place.start, place.end, alignment_mode="expand")
        if name is not None and name.root.dep_ == "amod" and "build" in classes_in([name.root.head.lower_], cue_index()):
            return place.code
    return None


SECTOR_SCOPES = ("part", "sent", "title")  # the amount's part of its clause, the clause, the title


def sectors_in_scope(scopes: list[Span], business: Optional[str] = None, own: int = 1) -> list[str]:
    """The sectors of the first scope that names any: the amount's part of its clause, the
    clause, else the article's title (a story's title names its sector: "... Reactor Deal ...").
    Measured on dev and real_dev: the sentence, the heading and the sentence before as fallbacks
    all did worse. ``business``, the line of business of the company that invests: it replaces
    the amount's own text (the first ``own`` scopes) when that names no sector or only
    manufacturing in general ("Eli Lilly announced a $27 billion investment in U.S.-based
    manufacturing" is pharma)."""
    words = [scope_words(scope) for scope in scopes]
    if business and all(only_generic(w) for w in words[:own]):
        return [business]
    for found in map(sectors_of, words):
        if found:
            return found
    return []


def only_generic(words: list[str]) -> bool:
    """Whether ``words`` name no sector but with generic words ("manufacturing", "a factory")."""
    generic = set(company_sector_table()["generic_words"])
    return all(" ".join(words[start:end]) in generic for start, end, _ in phrase_hits(words, sector_index()))


@derived
def company_sectors(tables) -> dict[str, str]:
    """Company name (lower case) -> its line of business, from ``data/company_sectors.json``."""
    return {name.lower(): sector for sector, names in tables[COMPANY_SECTORS]["sectors"].items() for name in names}


@derived
def company_sector_table(tables) -> dict:
    return tables[COMPANY_SECTORS]


def business_of(investor: Optional["Party"], companies: list[str]) -> Optional[str]:
    """The line of business of the investing company, else of the first company taking part."""
    names = [investor.key] if investor is not None and investor.is_company else []
    for name in names + list(companies[:1]):
        sector = company_sectors().get(name.lower())
        if sector:
            return sector
    return None


def scope_words(scope: Span) -> list[str]:
    """The lower-cased words of ``scope``, those of a government body's name blanked: the
    Department of Energy's loan is not an energy project."""
    masked = {i for ent in scope.ents if ent.label_ == "ORG" and is_government_name(ent.text)
              for i in range(ent.start, ent.end)}
    return ["" if tok.i in masked else tok.lower_ for tok in scope]


def sectors_of(words: list[str]) -> list[str]:
    """Sectors named by ``words``; nuclear projects are nuclear, not energy, unless the words
    name energy itself ("nuclear power" alone is nuclear).

    >>> sectors_of("build ap1000 nuclear power units".split()), sectors_of("nuclear and energy projects".split())
    (['nuclear'], ['energy', 'nuclear'])
    """
    hits = outermost(phrase_hits(words, sector_index()))
    weak = set(current_cues()["weak_sector_words"])
    found = {sector for start, end, sector in hits if " ".join(words[start:end]) not in weak}
    if not found:  # "a rare earths refinery", "EV batteries": a weak word yields to any other sector
        found = {sector for _, _, sector in hits}
    if "nuclear" in found and "energy" not in words:
        found.discard("energy")
    if found - {"finance"}:
        found.discard("finance")  # "financing", "banks": how the money comes, not what it is for
    if found & MADE_GOODS:
        found.discard("manufacturing")  # "chip manufacturing" is semiconductors
    return sorted(found)


def outermost(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The hits not inside a longer one ("lithium-ion" is a battery, not lithium).

    >>> outermost([(0, 3, "manufacturing"), (0, 1, "critical_minerals")])
    [(0, 3, 'manufacturing')]
    """
    return [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and o[1] - o[0] > h[1] - h[0] for o in hits)]


MADE_GOODS = {"pharma", "semiconductors", "autos", "shipbuilding", "defense"}


def governing_verb(span: Span):
    """The verb the amount depends on (None when it hangs on no verb)."""
    tok = span.root
    while tok.head.i != tok.i and tok.pos_ not in ("VERB", "AUX"):
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def status_of(feats: dict[str, float], verb=None) -> str:
    """cancelled > proposed > completed > pledged, from the cue classes near the amount and the
    tense of its verb (a past-tense verb without a future cue: completed)."""
    near = {name.split(":", 1)[1] for name in feats if name.startswith("near:")}
    sent = {name.split(":", 1)[1] for name in feats if name.startswith("sent:")}
    if "cancelled" in near or "cancelled" in sent:
        return "cancelled"
    if "maybe" in near:
        return "proposed"
    future = "future" in near
    if not future and ("past" in near or (verb is not None and verb.tag_ == "VBD")):
        return "completed"
    return "pledged"


MIN_AMOUNT = 1000  # dollars: below it an amount is a price per share or per item, not money for a project


def is_unit_price(money: dict) -> bool:
    """``$23.93 for each Telewest share``, ``603 pence``, ``NZ$39`` a ticket, a share closing
    ``at Rs 1,517.40``: too small to fund anything, once converted to dollars (``units_per_dollar``).

    >>> is_unit_price({"value": "40.44"}), is_unit_price({"value": None, "max": 5e9})
    (True, False)
    """
    value = money.get("value") if money.get("value") is not None else money.get("max")
    if value is None:
        return False
    per_dollar = current_cues()["units_per_dollar"].get(money.get("currency"), 1)
    return float(value) / per_dollar < MIN_AMOUNT  # (the value may be a decimal string)


def buys_goods(span: Span) -> bool:
    """The amount is what a purchase verb buys ("the EU has agreed to purchase $750 billion in U.S.
    energy", "Air Canada has ordered US$6 billion in new airliners"): goods, not a business (a
    company is bought *for* an amount), unless what it buys is a stake ("will buy $400 million of
    preferred stock in MP Materials"); a buyback ("buy back US$40 billion of its stock") buys none."""
    root = span.root
    if root.dep_ != "dobj" or root.head.lower_ not in current_cues()["purchase_verbs"]:
        return False
    if any(c.lower_ == "back" and c.dep_ in ("prt", "advmod") for c in root.head.children):
        return True
    bought = [obj.lower_ for prep in root.children if prep.lower_ == "of" for obj in prep.children if obj.dep_ == "pobj"]
    return not set(bought) & set(current_cues()["stake_words"])


def is_conversion(text: str, previous: dict, money: dict) -> bool:
    """``192 billion zlotys (about €45 billion)``: the same amount in another currency.

    >>> is_conversion("cost 5 billion zlotys (about $1.2 billion).", {"end": 19}, {"start": 27})
    True
    """
    between = text[previous["end"] : money["start"]]
    return len(between) <= 12 and "(" in between and ")" not in between


PART_BREAKS = {"and", "plus", "while"}


def own_part(cand: Candidate, cands: list[Candidate]) -> Span:
    """The amount's own part of its clause when the clause coordinates several amounts ("$17
    billion for a semiconductor site and $12 billion for EV battery plants", "up to $30 billion
    with Mitsubishi Electric ..., up to $25 billion with TDK"): the clause cut at the breaks
    that open the next amount's conjunct (``_break_between``). Amounts with no break between
    them, an amount spread with "each" and lists closed by "respectively" share their text."""
    clause, doc = cand.clause, cand.span.doc
    amounts = sorted((c.span for c in cands if c.clause is not None and c.clause.start == clause.start
                      and c.conversion_of is None), key=lambda s: s.start)
    if len(amounts) < 2 or any(t.lower_ == "respectively" for t in clause) or _each(cand.span):
        return clause
    start, end = clause.start, clause.end
    for before, after in zip(amounts, amounts[1:]):
        cut = _break_between(doc, before.end, after.start)
        if cut is None:
            continue
        if after.start <= cand.span.start:
            start = cut
        elif before.start >= cand.span.start:
            end = min(end, cut)
    return doc[start:end]


def _each(span: Span) -> bool:
    """``each`` next to the amount ("each with a scale of up to $100 billion", "$25 billion each"):
    it is spread over what the whole clause names."""
    doc = span.doc
    return any(t.lower_ == "each" for t in doc[max(span.sent.start, span.start - 8):min(span.sent.end, span.end + 1)])


def _break_between(doc: Doc, start: int, end: int) -> Optional[int]:
    """The last break (a break word, a comma or a semicolon) between tokens ``start`` and
    ``end`` (the next amount's start) that opens the next amount's own part: a semicolon, a
    conjunct holding the amount ("... site and $12 billion for EV battery plants", ", up to
    $25 billion with TDK") or a clause with its own subject ("..., Bristol Myers Squibb is
    spending $40 billion"); not the "and" of "manufacturing and clean energy investments,
    including over $200 billion", nor the comma of ", unlocking up to $5 billion"."""
    amount = doc[end]
    chain = [amount, *amount.ancestors]
    conjuncts = [t for t in chain if t.dep_ in ("conj", "appos")]
    verb = next((t for t in chain if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.dep_ == "relcl":
        verb = None  # "Highland Materials, Inc., which received $255.6 million": the name's own clause
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"] if verb is not None else []
    for i in range(end - 1, start - 1, -1):
        before = doc[doc[i].sent.start:i].text
        if before.count("(") > before.count(")"):
            continue  # inside brackets: "(€861 million; US$1.2 billion)" restates the amount
        if doc[i].text == ";":
            return i
        if doc[i].lower_ not in PART_BREAKS and doc[i].text != ",":
            continue
        if any(c.head.i < i <= c.left_edge.i for c in conjuncts):
            return i
        if verb is not None and verb.i > i and any(s.left_edge.i > i for s in subjects):
            return i
    return None


def acquired(name: Span) -> bool:
    """Whether the company ``name`` is what an acquisition buys: the object of an acquire-class
    verb ("SABMiller acquires Grupo Bavaria"), the noun a participle of one describes ("Stelco,
    bought by Cleveland-Cliffs"), or the object of a noun's "of"/"for" ("its purchase of IGN",
    "a bid for Adelphia"); in a headline, whose parse is poor, a name within four words after
    such a word ("acquires Colombian Grupo Bavaria brewery")."""
    doc = name.doc
    before = [t.lower_ for t in doc[max(name.sent.start, name.start - 4):name.start]]
    if name.sent.start == 0 and classes_in(before, cue_index()) & {"acquire"}:
        return True
    tok = name.root
    while tok.dep_ in ("compound", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    if any(c.dep_ == "acl" and c.tag_ == "VBN" and _buys(c) for c in tok.children):
        return True  # "Stelco, bought by Cleveland-Cliffs for about C$3.4 billion"
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("of", "for"):
        head = head.head
        if not _buys(head) and head.dep_ == "dobj":
            head = head.head  # "purchase all outstanding common shares of ... NAOSC"
    elif tok.dep_ not in ("dobj", "nsubjpass"):
        return False
    return _buys(head)


def _buys(tok) -> bool:
    """An acquire-class word, or "purchase" (of goods a negative cue, of a company a purchase)."""
    return bool(classes_in([tok.lower_], cue_index()) & {"acquire"}) or tok.lower_.startswith("purchas")


def deal_role(name: Span) -> str:
    """The part ``name`` plays in a sale: ``acquired`` (what is bought), ``seller`` (the subject
    of "sell", the owner of a "sale" or of what is bought) or ``buyer`` ("sell ... to Monster"); "" when none."""
    if acquired(name):
        return "acquired"
    tok = name.root
    while tok.dep_ in ("compound", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    head = tok.head
    sell_words = current_cues()["sell_words"]
    if tok.dep_ in ("nsubj", "poss") and (head.lower_ in sell_words or head.lower_ == "sale"):
        return "seller"
    if tok.dep_ == "poss" and acquired(name.doc[head.i:head.i + 1]):
        return "seller"  # "acquires Yahoo's HotJobs service"
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ in sell_words:
        return "buyer"
    if tok.dep_ == "pobj" and head.lower_ == "from" and bought_from(head):
        return "seller"  # "the purchase of the liner QE2 from Cunard Line"
    return ""


def bought_from(prep) -> bool:
    """Whether the ``from`` phrase ``prep`` says where something bought comes from: it hangs on
    a buying word or on what one buys ("purchase of the liner ... from Cunard")."""
    tok = prep.head
    for _ in range(3):
        if _buys(tok):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def acquired_in(doc: Doc, scene: Scene, spans: list[Span], investor: Optional[Party]) -> list[str]:
    """The companies an acquisition in ``spans`` (the sentence before an amount, the title) buys,
    for an amount whose own clause names no company but its buyer ("The deal is worth CAD2.2
    billion")."""
    for span in spans:
        found = []
        for p in scene.within(span.start_char, span.end_char):
            if not p.is_company or (investor is not None and p.key == investor.key) or p.key in found:
                continue
            name = doc.char_span(p.start, p.end, alignment_mode="expand")
            if name is not None and acquired(name):
                found.append(p.key)
        if found:
            return found
    return []


# -- the component ---------------------------------------------------------------------------


class Investments(TableComponent):
    """The ``investments`` component: writes ``doc._.investments`` from ``doc._.money``,
    ``doc._.companies`` and the country entities."""

    TABLES = (CUES, EVIDENCE, REGIONS, COMPANY_SECTORS, "countries.json")

    def set_tables(self, tables) -> None:
        super().set_tables(tables)
        self.evidence = self.tables[EVIDENCE]

    def candidates(self, doc: Doc) -> list[Candidate]:
        text = doc_text(doc)
        out = []
        for m in doc._.money or []:
            span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
            if span is None:
                continue
            out.append(Candidate(m, span, span.sent, heading_of(text, m["start"]), line_clause(span, text)))
        return out

    def with_features(self, doc: Doc) -> list[Candidate]:
        """Every money mention with its features (cue hits found once per sentence)."""
        hits_by_sent: dict[int, list] = {}
        out = self.candidates(doc)
        for cand in out:
            sent = cand.sent
            if sent.start not in hits_by_sent:
                words = [t.lower_ for t in sent]
                hits_by_sent[sent.start] = [(s + sent.start, e + sent.start, c) for s, e, c in phrase_hits(words, cue_index())]
            cand.features = features(cand, hits_by_sent[sent.start])
        return out

    def accepted(self, doc: Doc) -> list[Candidate]:
        """The money mentions decided to be investments, in text order; an amount restated in
        another currency ("(about €45 billion)") is kept as a conversion of the one before."""
        text = doc_text(doc)
        out: list[Candidate] = []
        for cand in self.with_features(doc):
            if out and is_conversion(text, out[-1].money, cand.money):
                cand.conversion_of = out[-1].conversion_of or out[-1]
                out.append(cand)
                continue
            cand.score = decide(cand.features, self.evidence)
            if cand.score >= self.evidence["threshold"] and not is_unit_price(cand.money) and not buys_goods(cand.span):
                out.append(cand)
        return out

    def investor_choices(self, doc: Doc, cands: list[Candidate], scene: Scene,
                         scopes: Optional[list[dict[str, Span]]] = None) -> list[list[InvestorOption]]:
        """The investor options of each amount (in its ``scopes``), linked across restatements of
        the same amount (also what ``scripts/fit_investment_weights.py`` fits on)."""
        scopes = scopes or [self.scopes(doc, cand, scene) for cand in cands]
        options = [self.investor_options(cand, scene, scoped) for cand, scoped in zip(cands, scopes)]
        link_same_amounts(cands, options)
        return options

    def process(self, doc: Doc) -> Doc:
        cands = self.accepted(doc)
        own = [c for c in cands if c.conversion_of is None]
        if not own:
            doc._.investments = []
            return doc
        scene = scene_of(doc)
        model = self.evidence["investor"]
        scopes = [self.scopes(doc, cand, scene) for cand in own]
        chosen = [choose_investor(options, model, restates(cand), none_features(cand, options))
                  for cand, options in zip(own, self.investor_choices(doc, own, scene, scopes))]
        for cand, scoped in zip(own, scopes):
            scoped["part"] = own_part(cand, own)
        investors = restated_investors(own, chosen)
        entries = {id(cand): self.describe(cand, scene, investor, scoped)
                   for cand, investor, scoped in zip(own, investors, scopes)}
        list_companies(doc, own, entries, scene)
        share_sectors(own, entries)
        other_sector(own, investors, entries)
        found = []
        for cand in cands:
            entry = entries[id(cand.conversion_of or cand)]
            found.append({**entry, "text": cand.money["text"], "start": cand.money["start"], "end": cand.money["end"]})
        doc._.investments = found
        return doc

    @staticmethod
    def describe(cand: Candidate, scene: Scene, investor: Optional[Party], scopes: dict[str, Span]) -> dict:
        part = scopes.get("part", cand.clause)
        others = []
        for p in scene.within(part.start_char, part.end_char):
            if p.is_company and (investor is None or p.key != investor.key) and p.key not in others:
                others.append(p.key)
        if not others and "sent:acquire" in cand.features:
            before = [scopes[k] for k in ("prev_sent", "title") if k in scopes]
            others = acquired_in(cand.span.doc, scene, before, investor)
        if not others and investor is not None and not investor.is_company and refers_back(part):
            others = companies_before(cand, scene, scopes)
        return {
            "text": cand.money["text"], "start": cand.money["start"], "end": cand.money["end"],
            "investor": investor.key if investor else None,
            "destination": destination_of(cand, scene, investor, others),
            "companies": others,
            "sectors": sectors_in_scope([scopes[k] for k in SECTOR_SCOPES if k in scopes], business_of(investor, others),
                                        own=2 if "part" in scopes else 1),
            "status": status_of(cand.features, governing_verb(cand.span)),
        }

    @staticmethod
    def scopes(doc: Doc, cand: Candidate, scene: Scene) -> dict[str, Span]:
        """Where an amount's parties and sectors are looked for: its clause (``sent``), the
        sentence before, the title and its heading (those it has)."""
        clause, title = cand.clause, scene.title
        out = {"sent": clause}
        if clause.start > 0:
            out["prev_sent"] = doc[clause.start - 1].sent
        if title is not None and cand.money["start"] > title.end_char:
            out["title"] = title
        if cand.heading:
            at = doc_text(doc).rfind(cand.heading, 0, cand.money["start"])
            heading = doc.char_span(at, at + len(cand.heading), alignment_mode="expand") if at >= 0 else None
            if heading is not None and heading.start != (title.start if title is not None else -1):
                out["heading"] = heading
        return out

    @staticmethod
    def investor_options(cand: Candidate, scene: Scene, scopes: dict[str, Span]) -> list[InvestorOption]:
        """The investor options of one amount: the parties of its clause, the sentence before,
        its heading and the title."""
        scoped = {name: scene.within(span.start_char, span.end_char) for name, span in scopes.items()}
        return investor_options(cand, scoped, scene.main_country(), scene.counts)


@Language.factory(
    "investments",
    default_config={},
    requires=["doc._.money", "doc._.companies", "doc.ents", "doc.sents"],
    assigns=["doc._.investments"],
)
def make_investments(nlp: Language, name: str) -> Investments:
    """Money committed to build, buy, develop or fund (``doc._.investments``), from the money,
    companies and country mentions, with weights fitted on dev gold."""
    return Investments(nlp, name)
