"""Investments (``doc._.investments``): which money mentions are money committed to build, buy,
develop or fund something, and who puts it in, where, with whom, in what sector, how sure.

Stages, each a small function over named data:

1. ``cue_hits``: cue words of the classes in ``data/investment_cues.json`` found in each
   sentence (one pass over the tokens, multi-word cues included).
2. ``features``: for each money mention, the cue classes near it, in its sentence, on its
   syntactic head and in the heading or list lead-in that scopes it, plus a few shape features.
3. ``decide``: a logistic score from the weights in ``data/investment_evidence.json`` (fitted
   on dev gold by ``scripts/fit_investment_weights.py``) against its threshold.
4. ``attributes``: investor (the clause's subject or possessor, else the nearest company or
   country before the amount, else the scoping heading's), destination (a place after
   ``in``/``into``, else another country of the sentence), companies of the sentence, sectors
   (sector words of the sentence and heading) and status (cue classes).
"""

from __future__ import annotations

import math
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
    """A company mention or a country mention, as a candidate investor or participant."""

    key: str  # company name as in doc._.companies, or a country code
    is_company: bool
    start: int
    end: int


@dataclass
class Candidate:
    """One money mention, with what the decision and the attributes read."""

    money: dict
    span: Span
    sent: Span
    heading: str = ""
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


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
    for ent in doc.ents:
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


def government_parties(doc: Doc, place_list: list[Place]) -> list["Party"]:
    """Governments acting as investors: officials (their country), and organisations named with
    a government word ("the Department of Energy", "U.S. Export-Import Bank"), whose country is
    the one named inside them, else the article's main country."""
    words = tuple(w for w in current_cues()["government_words"])
    main = main_country(place_list)
    out = [
        Party(o["country"], False, m["start"], m["end"])
        for o in doc._.officials or [] if o.get("country")
        for m in o["mentions"]
    ]
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        low = ent.text.lower()
        if not any(w in low.split() or (" " in w and w in low) or low.startswith(w) for w in words):
            continue
        inside = [p.code for p in place_list if ent.start_char <= p.start < ent.end_char]
        code = inside[0] if inside else main
        if code:
            out.append(Party(code, False, ent.start_char, ent.end_char))
    return out


def main_country(place_list: list[Place]) -> Optional[str]:
    """The country the article names most often as a place (None when it names none)."""
    counts: dict[str, int] = {}
    for p in place_list:
        if p.is_place:
            counts[p.code] = counts.get(p.code, 0) + 1
    return max(counts, key=counts.get) if counts else None


def parties(doc: Doc, sent: Span, place_list: list[Place], government: list[Party]) -> list[Party]:
    """Company, government and country mentions in ``sent``, in text order."""
    out = [
        Party(c["name"], True, m["start"], m["end"])
        for c in doc._.companies or []
        for m in c["mentions"]
        if sent.start_char <= m["start"] < sent.end_char
    ]
    out += [Party(p.code, False, p.start, p.end) for p in place_list if sent.start_char <= p.start < sent.end_char]
    out += [p for p in government if sent.start_char <= p.start < sent.end_char]
    return sorted(out, key=lambda p: p.start)


RECIPIENT_PREPOSITIONS = {"to", "into", "for", "in", "with", "from"}


def is_recipient(party: Party, doc: Doc) -> bool:
    """A party named after "to", "into", "for", "in", "with" ("a loan to TVA", "a stake in
    Corus") receives or takes part; it does not put the money in."""
    span = doc.char_span(party.start, party.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("compound", "amod", "poss", "nmod", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in RECIPIENT_PREPOSITIONS


def _party_in(tokens_span: tuple[int, int], candidates: list[Party]) -> Optional[Party]:
    start, end = tokens_span
    inside = [p for p in candidates if start <= p.start < end]
    companies = [p for p in inside if p.is_company]
    return (companies or inside or [None])[0]


def investor_of(cand: Candidate, sent_parties: list[Party], heading_parties: list[Party]) -> Optional[Party]:
    """Who puts the money in: the possessor of the amount's noun ("Japan's $550 billion"), the
    subject of its clause, else the nearest company or country before it, else the heading's."""
    span = cand.span
    head = span.root.head
    for child in list(span.root.children) + list(head.children):
        if child.dep_ == "poss":
            found = _party_in((child.left_edge.idx, child.idx + len(child)), sent_parties)
            if found:
                return found
    verb = span.root
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):  # (tokens are new objects: compare .i)
        verb = verb.head
    for _ in range(3):  # "X plans to invest": the subject may sit on a verb above
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            s = subjects[0]
            found = _party_in((s.left_edge.idx, s.right_edge.idx + len(s.right_edge)), sent_parties)
            if found:
                return found
            break
        if verb.head.i == verb.i:
            break
        verb = verb.head
    before = [p for p in sent_parties if p.end <= cand.money["start"] and not is_recipient(p, span.doc)]
    companies = [p for p in before if p.is_company]
    if before:
        return (companies or before)[-1]
    return heading_parties[0] if heading_parties else None


def destination_of(cand: Candidate, place_list: list[Place], investor: Optional[Party]) -> Optional[str]:
    """A place after ``in``/``into``/``across`` in the sentence, else another country named in it."""
    sent = cand.sent
    sites = [p for p in place_list if p.is_place]
    preps = {"in", "into", "across", "throughout"}
    for tok in sent:
        if tok.lower_ in preps:
            nxt = [p for p in sites if tok.idx < p.start <= tok.idx + len(tok.text) + 6]
            if nxt:
                return nxt[0].code
    others = [p.code for p in sites if sent.start_char <= p.start < sent.end_char
              and (investor is None or p.code != investor.key)]
    if others:
        return others[0]
    main = main_country([p for p in sites if investor is None or p.code != investor.key])
    return main


def sectors_of(words: list[str]) -> list[str]:
    """Sectors named by ``words``; nuclear projects are nuclear, not energy, unless the words
    name energy itself ("nuclear power" alone is nuclear).

    >>> sectors_of("build ap1000 nuclear power units".split()), sectors_of("nuclear and energy projects".split())
    (['nuclear'], ['energy', 'nuclear'])
    """
    found = {sector for _, _, sector in phrase_hits(words, sector_index())}
    if "nuclear" in found and "energy" not in words:
        found.discard("energy")
    return sorted(found)


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


def is_conversion(text: str, previous: dict, money: dict) -> bool:
    """``192 billion zlotys (about €45 billion)``: the same amount in another currency.

    >>> is_conversion("cost 5 billion zlotys (about $1.2 billion).", {"end": 19}, {"start": 27})
    True
    """
    between = text[previous["end"] : money["start"]]
    return len(between) <= 12 and "(" in between and ")" not in between


# -- the component ---------------------------------------------------------------------------


class Investments(TableComponent):
    """The ``investments`` component: writes ``doc._.investments`` from ``doc._.money``,
    ``doc._.companies`` and the country entities."""

    TABLES = (CUES, EVIDENCE, REGIONS, "countries.json")

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
            out.append(Candidate(m, span, span.sent, heading_of(text, m["start"])))
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

    def process(self, doc: Doc) -> Doc:
        place_list = places(doc)
        government = government_parties(doc, place_list)
        text = doc_text(doc)
        found: list[dict] = []
        for cand in self.with_features(doc):
            if found and is_conversion(text, found[-1], cand.money):
                found.append({**found[-1], "text": cand.money["text"], "start": cand.money["start"],
                              "end": cand.money["end"]})
                continue
            cand.score = decide(cand.features, self.evidence)
            if cand.score < self.evidence["threshold"]:
                continue
            found.append(self.describe(doc, cand, place_list, government))
        doc._.investments = found
        return doc

    def describe(self, doc: Doc, cand: Candidate, place_list: list[Place], government: list[Party]) -> dict:
        sent_parties = parties(doc, cand.sent, place_list, government)
        heading_parties = self.heading_parties(cand.heading, doc)
        investor = investor_of(cand, sent_parties, heading_parties)
        words = [t.lower_ for t in cand.sent]
        others = []
        for p in sent_parties:
            if p.is_company and (investor is None or p.key != investor.key) and p.key not in others:
                others.append(p.key)
        return {
            "text": cand.money["text"], "start": cand.money["start"], "end": cand.money["end"],
            "investor": investor.key if investor else None,
            "destination": destination_of(cand, place_list, investor),
            "companies": others,
            "sectors": sectors_of(words),
            "status": status_of(cand.features, governing_verb(cand.span)),
        }

    @staticmethod
    def heading_parties(heading: str, doc: Doc) -> list[Party]:
        if not heading:
            return []
        out = [Party(c["name"], True, 0, 0) for c in doc._.companies or []
               if any(m["text"] in heading for m in c["mentions"])]
        for word in heading.replace("'s", " ").replace("’s", " ").split():
            code = country_code(word.strip(",:;"))
            if code:
                out.append(Party(code, False, 0, 0))
        return out


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
