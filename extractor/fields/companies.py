"""Companies named in an article (``doc._.companies``).

Candidates come from three places: the model's ORG entities, a gazetteer of companies
(``data/companies.jsonl``, matched with PhraseMatchers) and company contexts that work for names
no list knows (``data/company_rules.json``: ``X, a Japanese steelmaker``, ``shares of X``,
``X's chief executive``, ``X said in a statement``, legal suffixes). Candidates that are
governments, agencies, policy banks, think tanks, places, people, parties or news outlets cited as
sources are dropped (``data/non_companies.json`` plus word rules). Mentions of one company are
merged (``Toshiba Group``/``Toshiba``, a name and its bracketed acronym, a short form of a longer
name); joint ventures stay apart from their parents. Every other occurrence of an accepted name
in the article is added as a mention. Output, one entry per company::

    {"name": "Mitsubishi Heavy Industries", "country": "JP",
     "mentions": [{"text": "Mitsubishi Heavy Industries", "start": 200, "end": 227}]}
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from extractor import extensions  # noqa: F401  (registers the Doc extensions)
from extractor.extensions import IntervalIndex, doc_text
from extractor.lexicon.tables import TableComponent, country_names, derived

GAZETTEER = "companies.jsonl"
NON_COMPANIES = "non_companies.json"
RULES = "company_rules.json"
EVIDENCE = "company_evidence.json"
_OTHER_ENTITY_TYPES = {"GPE", "LOC", "NORP", "PRODUCT", "LAW", "EVENT", "MONEY", "PERSON", "FAC", "WORK_OF_ART",
                       "DATE", "CARDINAL", "QUANTITY", "PERCENT"}

_POSSESSIVE = ("'s", "’s", "'", "’")
_DETERMINERS = {"the", "a", "an"}
_PUNCT_EDGE = re.compile(r"^[\s\"'“”‘’(\[,;:]+|[\s\"'“”‘’)\],;:]+$")
_NON_WORD = re.compile(r"[^\w&+]+")
_HEADING_LINE = re.compile(r"[^\n]+")
_FUNCTION_POS = {"ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "AUX", "PART", "INTJ", "NUM"}
# A list or table row led by a name: "- BYD: 17.0%", "Centrica | 15%", "* Switch / Oklo: ...",
# "  Roche ........ $50 billion", "- Tesla (Shanghai-built cars): 7.8%".
_NAME_WORD = r"[A-Z][\w&.'’\-]*(?:[ \t]+(?:[A-Z0-9&][\w&.'’\-]*|de|of|and|y|du|la))*"
_LIST_ROW = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(" + _NAME_WORD + r")(?:[ \t]*/[ \t]*(" + _NAME_WORD + r"))?[ \t]*(?::|\||\(|\.{3,})",
    re.M,
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NAME_PARTICLES = {"von", "van", "der", "den", "de", "la", "le", "du", "bin", "al", "da", "di"}


# --------------------------------------------------------------------------- pure helpers


def company_key(text: str, suffixes: Iterable[str] = ()) -> str:
    """Fold a company name for comparison: case, punctuation, possessive, a leading ``the`` and
    trailing legal suffixes go.

    >>> company_key("Toshiba Group", {"group"})
    'toshiba'
    >>> company_key("The Nippon Steel Co., Ltd.'s", {"co", "ltd"})
    'nippon steel'
    >>> company_key("Hitachi-GE")
    'hitachi ge'
    """
    text = text.strip()
    for p in _POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
            break
    words = _NON_WORD.sub(" ", text.casefold().replace("_", " ")).split()
    if words and words[0] == "the":
        words = words[1:]
    if not isinstance(suffixes, frozenset):
        suffixes = {s.strip(".,").casefold() for s in suffixes}
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return " ".join(words)


def initials(name: str) -> str:
    """Upper-case initials of a name's capitalised words (``and``/``of``/``&`` skipped).

    >>> initials("Ontario Power Generation"), initials("Korea Hydro & Nuclear Power")
    ('OPG', 'KHNP')
    """
    return "".join(w[0].upper() for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())


@derived
def _country_lower(tables) -> dict[str, str]:
    return {k.casefold(): v for k, v in country_names().items()}


def place_code(text: str) -> Optional[str]:
    """ISO code when ``text`` is a country, demonym or capital (``Japanese`` -> ``JP``).

    >>> place_code("Japanese"), place_code("Toyota")
    ('JP', None)
    """
    return _country_lower().get(text.strip().casefold())


def is_place_name(text: str) -> bool:
    """True for a place or a pairing of places (``U.S.-Japan``, ``US and Japan``).

    >>> is_place_name("U.S.-Japan"), is_place_name("Japan"), is_place_name("Japan Steel")
    (True, True, False)
    """
    if place_code(text):
        return True
    parts = [p for p in re.split(r"\s*(?:-|–|/|\band\b|&)\s*", text) if p]
    return len(parts) > 1 and all(place_code(p) for p in parts)


# --------------------------------------------------------------------------- component


class Companies(TableComponent):
    """The ``companies`` component: writes ``doc._.companies``.

    Tables: the gazetteer (``companies.jsonl``), ``non_companies.json``, ``company_rules.json``
    and the country names (``countries.json``); packaged by default, a user's own through
    ``initialize(gazetteer=..., non_companies=..., rules=...)`` or ``initialize(data={...})``.
    """

    TABLES = (GAZETTEER, NON_COMPANIES, RULES, EVIDENCE, "countries.json")
    #: When a list, every unknown group's features are appended to it (``scripts/fit_company_weights.py``).
    evidence_log = None

    # Data -----------------------------------------------------------------------------------

    def initialize(self, get_examples=None, *, nlp=None, gazetteer=None, non_companies=None, rules=None, data=None):
        """Load the tables (default data: the packaged files) and build lookups and matchers."""
        data = dict(data or {})
        for file, value in ((GAZETTEER, gazetteer), (NON_COMPANIES, non_companies), (RULES, rules)):
            if value is not None:
                data[file] = list(value) if file == GAZETTEER else value
        super().initialize(data=data)

    def set_tables(self, tables) -> None:
        """Build lookups and matchers from ``tables``."""
        super().set_tables(tables)
        self.gazetteer = list(self.tables[GAZETTEER])
        self.non_companies_data = self.tables[NON_COMPANIES]
        self.rules = self.tables[RULES]
        r = self.rules
        self.suffixes = {s.casefold() for s in r["legal_suffixes"]}
        self.suffix_keys = frozenset(s.strip(".,").casefold() for s in r["legal_suffixes"])
        self._key_cache: dict[str, str] = {}
        self.strong_suffixes = {s.casefold() for s in r["strong_suffixes"]}
        self.title_words = set(r["title_words"])
        self.gov_words = set(r["government_words"])
        self.gov_phrases = [p.casefold() for p in r["government_phrases"]]
        self.central_bank_words = set(r.get("central_bank_words", ()))
        self.not_after = [p.split() for p in r["not_after"]]
        self.person_titles = set(r.get("person_titles", ()))
        self.place_words = set(r.get("place_words", ()))
        self.programme_words = set(r.get("programme_words", ()))
        self.not_before = set(r.get("not_before", ()))
        self.site_nouns = set(r.get("site_nouns", ()))
        self.owned_unit_nouns = set(r.get("owned_unit_nouns", ("unit",)))
        self.premodifier_nouns = set(r["premodifier_nouns"])
        self.company_only_before = {p.casefold() for p in r.get("company_only_before", ())}
        self.appositive_body_words = set(r.get("appositive_body_words", ()))
        key = self.key
        self.non_company_keys = {key(n) for n in self.non_companies_data["not_companies"]}
        self.outlet_keys = {key(n) for n in self.non_companies_data["news_outlets"]}
        self.outlet_keys |= {key(n) for n in self.non_companies_data.get("research_firms", ())}
        self.product_keys = {key(n) for n in self.non_companies_data.get("products", ())}
        ev = self.tables[EVIDENCE]
        self.non_company_heads = set(ev["non_company_heads"])
        self.evidence_weights = dict(ev.get("weights") or {})
        self.evidence_threshold = float(ev.get("threshold") or 0.0)

        vocab = self.nlp.vocab
        tok = self.nlp.tokenizer
        self.key_index: dict[str, int] = {}
        self.lower_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.orth_matcher = PhraseMatcher(vocab, attr="ORTH")
        name_index = {row["name"]: i for i, row in enumerate(self.gazetteer)}
        self.parent = {}
        self.alias_keys = [{key(a) for a in [row["name"], *row.get("aliases", [])]} for row in self.gazetteer]
        # Lowercase words the names themselves contain ("SK hynix"): a case-blind match on them is fine.
        self.alias_lower_words = [
            {w for a in [row["name"], *row.get("aliases", [])] for w in re.findall(r"[^\W\d_]+", a) if w.islower()}
            for row in self.gazetteer
        ]
        for i, row in enumerate(self.gazetteer):
            if row.get("parent") in name_index:
                self.parent[i] = name_index[row["parent"]]
            lower, orth = [], []
            for alias in [row["name"], *row.get("aliases", [])]:
                self.key_index.setdefault(key(alias), i)
                short = len(alias) <= 4 or (alias.isupper() and len(alias) <= 6)
                (orth if row.get("ambiguous") or short else lower).append(alias)
            if lower:
                self.lower_matcher.add(str(i), list(tok.pipe(lower)))
            if orth:
                self.orth_matcher.add(str(i), list(tok.pipe(orth)))

        # Company contexts and source citations: phrase lists go to a PhraseMatcher (fast);
        # appositions and pre-modifiers need token patterns.
        self.context = Matcher(vocab)
        self.context_phrases = PhraseMatcher(vocab, attr="LOWER")
        for label, phrases in (
            ("AFTER", r["after_phrases"]),
            ("BEFORE", r["before_phrases"]),
            ("SRC_AFTER", r["source_before"]),
            ("SRC_BEFORE", r["source_after"]),
        ):
            forms = []
            for p in phrases:
                forms.append(p)
                if "'s" in p:
                    forms.append(p.replace("'s", "’s"))
            self.context_phrases.add(label, list(tok.pipe(forms)))
        nouns = r["company_nouns"]
        self.context.add(
            "APPOS",
            [[{"ORTH": ","}, {"LOWER": {"IN": ["a", "an", "the"]}},
              {"ORTH": {"NOT_IN": [",", ".", ";", "(", ")", ":", "and", "or"]}, "OP": "{0,4}"},
              {"LOWER": {"IN": nouns}}]],
        )
        self.context.add(
            "PREMOD",
            [[{"LOWER": {"IN": r["premodifier_nouns"]}}, {"IS_TITLE": True}],
             [{"LOWER": {"IN": r["premodifier_nouns"]}}, {"IS_UPPER": True, "LENGTH": {">=": 2}}],
             [{"TEXT": {"REGEX": r["premodifier_regex"]}}, {"IS_TITLE": True}],
             [{"TEXT": {"REGEX": r["premodifier_regex"]}}, {"IS_UPPER": True, "LENGTH": {">=": 2}}],
             [{"ORTH": "-"}, {"LOWER": "based"}, {"IS_TITLE": True}],
             # "Geely-owned Volvo Cars": the owned name (the owner is handled below).
             [{"ORTH": "-"}, {"LOWER": "owned"}, {"IS_TITLE": True}]],
        )
        self.context.add(
            "PREFIX",  # "Grupo Mexico", "Groupe Renault"
            [[{"LOWER": {"IN": r.get("company_prefixes", [])}, "IS_TITLE": True}, {"IS_TITLE": True}]],
        )
        self.context.add(
            "OWNED",  # "Grupo Mexico, whose Southern Copper unit ..."
            [[{"LOWER": "whose"}, {"IS_TITLE": True}]],
        )
        self.context.add(
            "SUFFIX",
            [[{"IS_TITLE": True}, {"LOWER": {"IN": sorted(self.strong_suffixes)}}],
             [{"IS_UPPER": True, "LENGTH": {">=": 2}}, {"LOWER": {"IN": sorted(self.strong_suffixes)}}]],
        )
        self.context.add(
            "POSTMOD",
            [[{"IS_TITLE": True}, {"LOWER": {"IN": r.get("postmodifier_nouns", ["venture"])}}]],
        )
        self.acronym_matcher = Matcher(vocab)
        self.acronym_matcher.add(
            "ACRO",
            [[{"ORTH": "("}, {"IS_UPPER": True, "LENGTH": {">=": 2}}, {"ORTH": ")"}],
             [{"ORTH": ","}, {"LOWER": "or"}, {"IS_UPPER": True, "LENGTH": {">=": 2}}, {"ORTH": ","}]],
        )
        self.labels = {self.nlp.vocab.strings[x]: x for x in ("AFTER", "BEFORE", "SRC_AFTER", "SRC_BEFORE", "APPOS", "PREMOD")}

    def key(self, text: str) -> str:
        """``company_key`` with this component's suffixes (cached)."""
        cache = self._key_cache
        if text not in cache:
            if len(cache) > 50000:
                cache.clear()
            cache[text] = company_key(text, self.suffix_keys)
        return cache[text]

    # Token helpers ------------------------------------------------------------------------------

    @staticmethod
    def _name_token(t) -> bool:
        text = t.text
        if text in ("&", "-") :
            return True
        return bool(text) and (text[0].isupper() or text[0].isdigit() and t.is_upper or t.pos_ == "PROPN") and text not in ("'s", "’s")

    def _walk_after(self, doc, i, limit=8):
        """The name that starts at token ``i`` (``the`` skipped): (start, end) or None."""
        n = len(doc)
        if i < n and doc[i].lower_ == "the":
            i += 1
        j = i
        while j < n and j - i < limit and self._name_token(doc[j]):
            if doc[j].text in ("&", "-") and (j == i or j + 1 >= n or not self._name_token(doc[j + 1])):
                break
            if doc[j].lower_ in _DETERMINERS:
                break
            j += 1
        return (i, j) if j > i and doc[i].text[:1].isupper() or (j > i and doc[i].pos_ == "PROPN") else None

    def _walk_before(self, doc, i, limit=8):
        """The name that ends just before token ``i`` (a possessive skipped): (start, end) or None."""
        j = i
        if j > 0 and doc[j - 1].text in _POSSESSIVE:
            j -= 1
        s = j
        while s > 0 and j - s < limit and self._name_token(doc[s - 1]) and doc[s - 1].lower_ not in _DETERMINERS:
            if doc[s - 1].text in ("&", "-") and (s - 1 == 0 or not self._name_token(doc[s - 2])):
                break
            if doc[s - 1].lower_ in self.title_words and s < j:
                break
            if doc[s - 1].is_stop and doc[s - 1].pos_ in _FUNCTION_POS | {"ADJ"}:
                break  # "Most Tokyo strategists", "Some Acme shares"
            s -= 1
        while s < j and doc[s].text in ("&", "-"):
            s += 1
        return (s, j) if j > s else None

    def _trim(self, doc, s, e):
        """Trim a model span: leading determiners/punctuation, trailing possessive, punctuation,
        title words and lowercase words."""
        while s < e and (doc[s].lower_ in _DETERMINERS or doc[s].is_punct or doc[s].is_space
                         or (doc[s].lower_ in self.title_words and e - s > 1)  # "Chairman Chung Eui-sun"
                         or (doc[s].text[:1].islower() and doc[s].pos_ != "PROPN" and e - s > 1
                             and doc[s + 1].text[:1].isupper())):
            s += 1
        for i in range(s + 1, e):
            # "Japan Bank for International Cooperation (JBIC": the name stops at the bracket.
            if doc[i].text == "(" and not any(doc[k].text == ")" for k in range(i + 1, e)) or doc[i].text == ":" \
                    or "\n" in doc[i - 1].whitespace_ or (doc[i].is_space and "\n" in doc[i].text):
                # ... and at a colon ("Microsoft / Constellation: Crane"), and a line break
                # ("at StoneX.\n\nChile's ...").
                e = i
                break
        while e > s:
            t = doc[e - 1]
            if t.text in _POSSESSIVE or (t.is_punct and t.text not in (")",)) or t.is_space:
                e -= 1
            elif t.lower_ in self.title_words and e - 1 > s:
                e -= 1
            elif t.text[:1].islower() and t.pos_ != "PROPN" and e - 1 > s:
                e -= 1
            else:
                break
        return s, e

    def _strong_end(self, t) -> bool:
        """A token that is a legal-form suffix as written ("Ltd", "Limited"; not the verb "limited")."""
        return t.lower_ in self.strong_suffixes and not (t.is_lower and t.is_alpha)

    @staticmethod
    def _plain_name(doc, s, e) -> bool:
        """Capitalised words only, not led by a function word ("In Tokyo") or a symbol ("C$")."""
        return doc[s].text[:1].isupper() and doc[s].pos_ not in _FUNCTION_POS and all(
            t.text in ("&", "-") or t.text.replace("-", "").replace(".", "").isalnum() for t in doc[s:e])

    def _split_list(self, doc, s, e):
        """A model span over a list of names ("Last Energy and Deep Fission") -> its names.
        Each part must start with a capital; otherwise the span is kept whole."""
        slashes = [i for i in range(s + 1, e - 1) if doc[i].text == "/" and doc[i + 1].text[:1].isupper()]
        if slashes:
            # "Amazon / Talen Energy": a pairing of names, each its own.
            bounds = [s - 1, *slashes, e]
            return [(a + 1, b) for a, b in zip(bounds, bounds[1:]) if b > a + 1]
        cuts = [i for i in range(s + 1, e - 1) if doc[i].lower_ in ("and", ",") and doc[i - 1].text[:1].isupper()]
        if not cuts:
            return [(s, e)]
        whole = self.key(doc[s:e].text)
        if whole in self.key_index or whole in self.non_company_keys or whole in self.outlet_keys \
                or any(t.lower_ in ("of", "for") for t in doc[s:e]):
            return [(s, e)]
        parts, a = [], s
        for i in cuts:
            parts.append((a, i))
            a = i + 1
            if doc[a].lower_ == "and":
                a += 1
        parts.append((a, e))
        if all(b > a and doc[a].text[:1].isupper() and doc[b - 1].text[:1].isupper() for a, b in parts) and all(
                b - a >= 2 or self.key(doc[a:b].text) in self.key_index for a, b in parts):
            return parts
        return [(s, e)]

    def _extend_suffix(self, doc, e, limit=3):
        """Extend a name ending at ``e`` over legal suffixes (``Toshiba`` -> ``Toshiba Group``)."""
        n = len(doc)
        k = e
        steps = 0
        while k < n and steps < limit:
            t = doc[k]
            if t.lower_ in self.suffixes:
                k += 1
                e = k
            elif t.text == "," and k + 1 < n and doc[k + 1].lower_ in self.strong_suffixes:
                k += 1
            else:
                break
            steps += 1
        return e

    def _country_in(self, doc, s, e) -> Optional[str]:
        for i in range(max(s, 0), min(e, len(doc))):
            code = place_code(doc[i].text)
            if code:
                return code
            if i + 1 < e:
                code = place_code(doc[i].text + " " + doc[i + 1].text)
                if code:
                    return code
        return None

    # The component ------------------------------------------------------------------------------

    def process(self, doc: Doc) -> Doc:
        doc._.companies = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[dict]:
        text = doc_text(doc)
        strings = doc.vocab.strings
        # Reactor designs are not companies (unless the design carries a company's name).
        reactor_spans = [
            (m["start"], m["end"]) for r in (doc._.reactors or []) for m in r["mentions"]
        ]

        reactor_index = IntervalIndex(reactor_spans)

        def hits_reactor(sc, ec, company=None):
            if not reactor_index.overlaps(sc, ec):
                return False  # the usual case, answered without a scan
            for a, b in reactor_spans:
                if a < ec and sc < b:
                    if company is not None and self.key(text[a:b]) in self._alias_keys(company):
                        continue
                    return True
            return False

        headings = [
            (m.start(), m.end()) for m in _HEADING_LINE.finditer(text) if self._is_heading(m.group())
        ]
        first = _HEADING_LINE.search(text)
        if first:
            # The first line is the headline, whatever its case.
            headings.append((first.start(), first.end()))

        def in_heading(sc):
            return any(a <= sc < b for a, b in headings)

        # 1. Company contexts and source citations.
        evidence: list[tuple[int, int, Optional[str]]] = []
        sources: list[tuple[int, int]] = []
        for label, ms, me in [*self.context_phrases(doc), *self.context(doc)]:
            kind = strings[label]
            if kind == "AFTER":
                slot, country = self._walk_after(doc, me), None
            elif kind == "BEFORE":
                slot, country = self._walk_before(doc, ms), None
                phrase = doc[ms:me].text.casefold().replace("’s", "'s").removeprefix("'s").strip()
                if phrase in self.company_only_before:
                    kind = "OWNS"  # only a company has shares or a CEO
            elif kind == "APPOS":
                slot, country = self._walk_before(doc, ms), self._country_in(doc, ms + 2, me - 1)
            elif kind == "PREFIX":
                slot, country = self._walk_after(doc, ms), None
            elif kind == "OWNED":
                # "whose Southern Copper unit": a name of up to three words, then the unit noun.
                slot, country = None, None
                for k in range(ms + 2, min(ms + 5, len(doc))):
                    if doc[k].lower_ in self.owned_unit_nouns:
                        slot = (ms + 1, k)
                        break
                    if not doc[k].is_title:
                        break
            elif kind == "PREMOD":
                if doc[ms].lower_ in self.premodifier_nouns and not doc[ms].is_lower:
                    continue  # "SoftBank Group Chairman": part of a name, not "group X"
                slot = self._walk_after(doc, me - 1)
                if slot and doc[slot[0]].lower_ in self.title_words:
                    slot = None  # "group chairman Chung": a person follows
                owned = doc[ms].text == "-" and doc[ms + 1].lower_ == "owned"
                if owned:
                    owner = self._walk_before(doc, ms, limit=4)
                    if owner and doc[owner[0]].text[:1].isupper():
                        evidence.append((owner[0], owner[1], None, "OWNER"))
                country = self._country_in(doc, max(0, ms - 3), ms + (0 if doc[ms].text != "-" else 0))
                if doc[ms].text == "-":
                    country = self._country_in(doc, max(0, ms - 2), ms)
                if slot and (owned or doc[ms].lower_.endswith("s")) and slot[1] + 1 < len(doc) and doc[slot[1]].lower_ == "and":
                    # "meatpackers Minerva and Marfrig": the second name of a plural noun's pair.
                    second = self._walk_after(doc, slot[1] + 1)
                    if second:
                        evidence.append((second[0], second[1], country, kind))
            elif kind == "SUFFIX":
                # "Corning Inc.", "Acme Holdings": a name ending in a legal suffix.
                if doc[me - 1].is_lower and doc[me - 1].is_alpha:
                    continue  # "Trump limited his tariff": a lowercase word, not a legal form
                slot = self._walk_before(doc, me - 1)
                if slot:
                    slot = (slot[0], me)
                country = None
            elif kind == "POSTMOD":
                slot, country = self._walk_before(doc, me - 1), None
            elif kind == "SRC_AFTER":
                slot = self._walk_after(doc, me)
                if slot:
                    sources.append(slot)
                continue
            else:  # SRC_BEFORE
                slot = self._walk_before(doc, ms)
                if slot:
                    sources.append(slot)
                continue
            if slot:
                evidence.append((slot[0], slot[1], country, kind))

        def evidence_for(s, e):
            found, country, kinds = False, None, set()
            for a, b, c, kind in evidence:
                if a < e and s < b:
                    found = True
                    country = country or c
                    kinds.add(kind)
            return found, country, kinds

        def is_source(s, e):
            return any(a <= s and e <= b or (a == s) for a, b in sources)

        # 2. Gazetteer matches (longest first, no overlaps), parent+child merged, suffix-extended.
        raw = [(s, e, int(strings[k])) for k, s, e in self.orth_matcher(doc)]
        for k, s, e in self.lower_matcher(doc):
            # Case-blind matches serve headlines and case variants; a lowercase content word
            # the name does not have ("U.S. steel and aluminium") means it is not the name.
            idx = int(strings[k])
            ok_words = self.alias_lower_words[idx]
            if not any(t.is_alpha and t.text.islower() and not t.is_stop and t.text not in ok_words for t in doc[s:e]):
                raw.append((s, e, idx))
        raw.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        taken = set()
        gaz = []
        for s, e, idx in raw:
            if any(i in taken for i in range(s, e)):
                continue
            taken.update(range(s, e))
            gaz.append([s, e, idx])
        gaz.sort()
        merged = []
        for g in gaz:
            if merged and merged[-1][1] == g[0] and self.parent.get(g[2]) == merged[-1][2]:
                merged[-1] = [merged[-1][0], g[1], g[2]]
            else:
                merged.append(g)
        for g in merged:
            g[1] = self._extend_suffix(doc, g[1])

        # cand: dict with s, e (tokens), idx (gazetteer index or None), model, evidence, country
        cands: list[dict] = []
        for s, e, idx in merged:
            cands.append({"s": s, "e": e, "idx": idx, "model": False})

        def overlapping(s, e):
            return [c for c in cands if c["s"] < e and s < c["e"]]

        # 3. Model ORG entities.
        persons = [ent for ent in doc.ents if ent.label_ == "PERSON"]
        segments = []
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            if any(doc[i].lower_ in self.person_titles and doc[i + 1].lower_ in ("for", "of")
                   for i in range(max(ent.start - 2, 0), min(ent.end, len(doc) - 1))):
                continue  # "Commissioner for Trade and Economic Security Jane Doe": an office
            s, e = self._trim(doc, ent.start, ent.end)
            if e > s:
                segments.extend(self._split_list(doc, s, e))
        for s, e in segments:
            span_text = doc[s:e].text
            k = self.key(span_text)
            over = overlapping(s, e)
            if over and all(c["s"] <= s and e <= c["e"] for c in over):
                # The model found part of a longer known name ("GE" of "GE Vernova").
                for c in over:
                    c["model"] = True
                continue
            if k in self.key_index:
                idx = self.key_index[k]
                for c in over:
                    cands.remove(c)
                cands.append({"s": s, "e": e, "idx": idx, "model": True})
                continue
            if over:
                inside = all(c["s"] <= s and e <= c["e"] for c in over)
                for c in over:
                    c["model"] = True
                if inside:
                    continue
                covered = set()
                for c in over:
                    covered.update(range(c["s"], c["e"]))
                rest = [doc[i] for i in range(s, e) if i not in covered]
                if any(t.text[:1].isupper() and t.lower_ not in self.title_words and not place_code(t.text)
                       and t.lower_ not in self.suffixes for t in rest) and all(t.lower_ not in ("and", "or", ",") for t in rest):
                    # A longer name built on a known one: "Hitachi Energy", "Samsung C&T".
                    country = self.gazetteer[over[0]["idx"]].get("country") if over[0]["idx"] is not None else None
                    for c in over:
                        cands.remove(c)
                    cands.append({"s": s, "e": e, "idx": None, "model": True, "inherit": country})
                continue
            cands.append({"s": s, "e": e, "idx": None, "model": True})

        # Names listed with known companies ("Murata, TDK and Panasonic") are companies too.
        n_tok = len(doc)
        for c in [c for c in cands if c["idx"] is not None and not self.gazetteer[c["idx"]].get("ambiguous")]:
            e = c["e"]
            if e + 1 < n_tok and doc[e].lower_ in (",", "and"):
                k = e + 2 if doc[e].text == "," and doc[e + 1].lower_ == "and" else e + 1
                slot = self._walk_after(doc, k, limit=4)
                if slot and self._plain_name(doc, *slot):
                    evidence.append((slot[0], slot[1], None, "COORD"))
            s0 = c["s"]
            if s0 >= 2 and doc[s0 - 1].lower_ in (",", "and"):
                slot = self._walk_before(doc, s0 - 1, limit=4)
                if slot and self._plain_name(doc, *slot):
                    evidence.append((slot[0], slot[1], None, "COORD"))
        # "Japan Australia Rare Earths, or JARE," / "Korea Hydro & Nuclear Power (KHNP)": a name
        # whose initials are the acronym that follows it.
        for _label, ms, me in self.acronym_matcher(doc):
            acr = doc[me - 2].text if doc[me - 1].text in (")", ",") else doc[me - 1].text
            slot = self._walk_before(doc, ms, limit=6)
            if slot and slot[1] - slot[0] >= 2 and initials(doc[slot[0]:slot[1]].text).startswith(acr[:2]) \
                    and initials(doc[slot[0]:slot[1]].text) in (acr, acr.rstrip("S")):
                evidence.append((slot[0], slot[1], None, "ACRO"))
                evidence.append((me - 2, me - 1, None, "ACRO"))

        # Rows of a list or table whose other rows are known companies are companies too.
        self._list_evidence(doc, cands, evidence)

        # A company context around a name the model cut short ("Geely-owned Volvo Cars").
        for c in cands:
            if c["idx"] is not None:
                continue
            for a, b, _c, kind in evidence:
                if kind in ("PREMOD", "APPOS", "SUFFIX", "PREFIX", "OWNED", "LIST") and a <= c["s"] and c["e"] <= b \
                        and (a, b) != (c["s"], c["e"]) and (b - a) - (c["e"] - c["s"]) <= 2 \
                        and not any(t.lower_ in self.title_words for t in doc[a:b]) \
                        and not any(o is not c and o["s"] < b and a < o["e"] for o in cands):
                    c["s"], c["e"] = a, b
                    break

        # 4. Names that only a company context reveals ("Vulcan Elements, a magnet maker").
        for a, b, _c, _k in evidence:
            if not overlapping(a, b):
                cands.append({"s": a, "e": b, "idx": None, "model": False, "created": True})

        # 5. Filter.
        accepted = []
        dropped_spans = []
        # Surnames and full names of the people the model found ("Howard Lutnick" ... "Lutnick").
        person_keys = set()
        for p in persons:
            end = p.end
            # "Ursula von" + "der Leyen": particles and the name after them.
            while end < len(doc) and end - p.end < 3 and (doc[end].lower_ in _NAME_PARTICLES or (
                    doc[end - 1].lower_ in _NAME_PARTICLES and doc[end].pos_ == "PROPN")):
                end += 1
            toks = [t for t in doc[p.start:end] if t.text not in _POSSESSIVE]
            if len(toks) >= 2:
                for k in range(1, min(len(toks), 3) + 1):
                    person_keys.add(self.key(" ".join(t.text for t in toks[-k:])))
        cand_tokens = {}
        for c in cands:
            for i in range(c["s"], c["e"]):
                cand_tokens[i] = c
        unknown = []
        bad_keys = set()
        org_votes: dict[str, int] = {}
        for ent in doc.ents:
            if ent.label_ == "ORG":
                org_votes[ent.text] = org_votes.get(ent.text, 0) + 1
        for c in cands:
            c["org_votes"] = org_votes.get(doc[c["s"]:c["e"]].text, 0)
            s, e = c["s"], c["e"]
            span = doc[s:e]
            sc, ec = span.start_char, span.end_char
            ev, country, kinds = evidence_for(s, e)
            # A company noun next to the name ("garment maker X", "X, a chipmaker") outweighs
            # the model's PERSON tag; "X said in a statement" does not.
            c["company_context"] = bool(kinds & {"APPOS", "PREMOD", "SUFFIX", "ACRO", "PREFIX", "OWNED", "OWNER", "OWNS"})
            c["kinds"] = kinds
            c["evidence"] = ev or self._strong_end(doc[e - 1])
            c["country"] = country
            c["source"] = is_source(s, e)
            c["heading"] = in_heading(sc)
            if c["idx"] is not None:
                row = self.gazetteer[c["idx"]]
                if hits_reactor(sc, ec, c["idx"]):
                    continue
                c["pending"] = bool(row.get("ambiguous")) and not (c["model"] or c["evidence"])
                if row.get("ambiguous") and any(
                    len(p) >= 2 and (p.start <= s and e <= p.end or (e - s == 1 and doc[s].text == p[-1].text))
                    for p in persons
                ):
                    # "Premier Doug Ford": a person, and so every bare "Ford" in the article.
                    continue
                accepted.append(c)
                continue
            reason = self._reject(doc, c, persons, hits_reactor(sc, ec), person_keys, cand_tokens)
            if reason in ("person", "place"):
                # A name once shown to be a person or a place is one everywhere in the article
                # ("Hinkley Point C" ... "Hinkley's developer").
                bad_keys.add(self.key(span.text))
                if reason == "place" and len(span) >= 2 and span[0].pos_ == "PROPN" and not span[0].is_upper:
                    bad_keys.add(self.key(span[0].text))
            unknown.append((c, reason, sc, ec))
        # A name that a company-only context vouches for ("Novartis CEO ...") is a company in
        # every place the model took it for a person.
        # "National Wealth Fund (NWF)": the bracketed acronym of a rejected name goes with it.
        rejected_ends = {c["e"]: reason for c, reason, _sc, _ec in unknown if reason}
        for i, (c, reason, sc, ec) in enumerate(unknown):
            s0 = c["s"]
            if reason is None and s0 >= 2 and doc[s0 - 1].text == "(" and c["e"] - s0 == 1 \
                    and rejected_ends.get(s0 - 1) in ("government", "listed", "programme", "outlet"):
                unknown[i] = (c, rejected_ends[s0 - 1], sc, ec)
        company_keys = {self.key(doc[c["s"]:c["e"]].text) for c, reason, _sc, _ec in unknown
                        if reason is None and c["company_context"]}
        for c, reason, sc, ec in unknown:
            ck = self.key(doc[c["s"]:c["e"]].text)
            if reason == "person" and ck in company_keys:
                reason = None
            if reason or (ck in bad_keys and ck not in company_keys
                          and doc[c["e"] - 1].lower_ not in self.strong_suffixes):
                if reason not in ("acronym", "common-noun"):
                    # Weak rejections do not stop the name from counting once it is a known alias.
                    dropped_spans.append((sc, ec))
                continue
            accepted.append(c)

        # 6. Group into companies.
        groups: dict = {}
        order = []
        for c in sorted(accepted, key=lambda c: c["s"]):
            gid = ("G", c["idx"]) if c["idx"] is not None else ("U", self.key(doc[c["s"]:c["e"]].text))
            if gid not in groups:
                groups[gid] = []
                order.append(gid)
            groups[gid].append(c)

        # Bracketed acronyms: "Korea Hydro & Nuclear Power (KHNP)".
        alias_of: dict[str, tuple] = {}
        for gid in order:
            for c in groups[gid]:
                e = c["e"]
                if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
                    acr = doc[e + 1].text
                    name = doc[c["s"]:e].text
                    if acr.isupper() and 2 <= len(acr) <= 8 and acr[0] == name[:1].upper():
                        alias_of[acr] = gid
        # Unknown groups that are another group's short form, acronym or initials.
        unknown = [g for g in order if g[0] == "U"]
        redirect = {}
        longer, by_initials = self._group_lookups(doc, order, groups) if unknown else ({}, {})
        for g in unknown:
            g_text = doc[groups[g][0]["s"]:groups[g][0]["e"]].text
            target = alias_of.get(g_text)
            if target is None:
                # The first group in order (not g) whose key extends g's by whole words, or
                # whose initials are g's acronym ("Reliance Industries" ... "RIL": Limited,
                # Corporation, Group, Inc, plc).
                found = [*longer.get(g[1], ())]
                if g_text.isupper() and len(g_text) >= 2:
                    found += by_initials.get(g_text, ())
                    if len(g_text) >= 3 and g_text[-1] in "LCGIP":
                        found += by_initials.get(g_text[:-1], ())
                found = [(pos, h) for pos, h in found if h != g]
                target = min(found)[1] if found else None
            if target is not None and target != g:
                redirect[g] = target
        for g, target in redirect.items():
            while target in redirect:
                target = redirect[target]
            groups[target].extend(groups.pop(g))
            order.remove(g)

        # Group-level drops: unknown names seen only in headings, only as a source, or only
        # pending (ambiguous gazetteer names without support).
        final = {}
        for gid in order:
            cs = groups[gid]
            has_ev = any(c["evidence"] for c in cs)
            if gid[0] == "U" and not has_ev:
                if all(c["heading"] for c in cs) or all(c["source"] for c in cs):
                    continue
            if gid[0] == "G":
                if all(c.get("pending") for c in cs):
                    continue
            if gid[0] == "U" and not self._evidence_accepts(doc, text, cs):
                continue
            final[gid] = cs

        # 7. Every other occurrence of an accepted name is a mention.
        spans_taken = []
        for cs in final.values():
            for c in cs:
                spans_taken.append((c["s"], c["e"]))
        # Token positions taken (spans are never empty: overlap = a shared token) and the
        # dropped character spans, indexed: each look-up is cheap however many names were found.
        tokens_taken = {i for a, b in spans_taken for i in range(a, b)}
        dropped_index = IntervalIndex(dropped_spans)
        names: dict[str, tuple] = {}
        for gid, cs in final.items():
            for c in cs:
                names.setdefault(doc[c["s"]:c["e"]].text, gid)
        for acr, gid in alias_of.items():
            if gid in final:
                names.setdefault(acr, gid)
        short_forms = {}
        for gid, cs in final.items():
            if gid[0] != "U":
                continue
            first = doc[cs[0]["s"]:cs[0]["e"]]
            # "Fermi America" ... "Fermi said": the first word of an unknown multi-word name.
            word = first[0].text if len(first) >= 2 else ""
            if word and first[0].pos_ == "PROPN" and word.isalpha() and (len(word) >= 4 or (word.isupper() and len(word) >= 2)) \
                    and not place_code(word) and first[0].lower_ not in self.gov_words \
                    and self.key(word) not in self.non_company_keys:
                short_forms.setdefault(first[0].text, gid)
        for word, gid in short_forms.items():
            if word not in names and self.key(word) not in self.key_index:
                names[word] = gid
        # "Jaguar Land Rover" ... "JLR": the initials of a name of three or more words.
        for gid, cs in final.items():
            for c in cs:
                ini = initials(doc[c["s"]:c["e"]].text)
                if len(ini) >= 3 and ini not in names and ini in text and self.key(ini) not in self.key_index \
                        and self.key(ini) not in self.non_company_keys:
                    names[ini] = gid
        if names:
            pm = PhraseMatcher(doc.vocab, attr="ORTH")
            name_list = list(names)
            for i, n in enumerate(name_list):
                pm.add(str(i), [self.nlp.make_doc(n)])
            extra = sorted(pm(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
            for k, s, e in extra:
                if any(i in tokens_taken for i in range(s, e)):
                    continue
                span = doc[s:e]
                if hits_reactor(span.start_char, span.end_char) or dropped_index.overlaps(span.start_char, span.end_char):
                    continue
                gid = names[name_list[int(strings[k])]]
                if e - s == 1 and name_list[int(strings[k])] in short_forms and (
                    doc[s].pos_ != "PROPN" or doc[s].ent_type_ not in ("", "ORG", "PERSON")
                    or (e < len(doc) and doc[e].pos_ == "PROPN") or (s > 0 and doc[s - 1].pos_ == "PROPN")
                ):
                    continue
                final[gid].append({"s": s, "e": e, "idx": gid[1] if gid[0] == "G" else None})
                spans_taken.append((s, e))
                tokens_taken.update(range(s, e))

        # 8. Output.
        out = []
        for gid, cs in final.items():
            cs.sort(key=lambda c: c["s"])
            mentions = []
            seen = set()
            for c in cs:
                span = doc[c["s"]:c["e"]]
                sc, ec = span.start_char, span.end_char
                # Trim quotes / stray punctuation at the edges of the character span.
                t = text[sc:ec]
                m = _PUNCT_EDGE.search(t)
                lead = len(t) - len(t.lstrip(" \"'“”‘’([,;:"))
                sc += lead
                t = text[sc:ec]
                tail = len(t) - len(t.rstrip(" \"'“”‘’)],;:"))
                if tail and not t.rstrip(" \"'“”‘’)],;:").count("("):
                    ec -= tail
                if ec <= sc or (sc, ec) in seen:
                    continue
                seen.add((sc, ec))
                mentions.append({"text": text[sc:ec], "start": sc, "end": ec})
            if not mentions:
                continue
            if gid[0] == "G":
                row = self.gazetteer[gid[1]]
                name, country = row["name"], row.get("country")
            else:
                name = self._group_name(doc, gid, cs)
                country = next((c.get("country") for c in cs if c.get("country")), None) or next(
                    (c.get("inherit") for c in cs if c.get("inherit")), None
                )
            out.append({"name": name, "country": country, "mentions": mentions})
        out.sort(key=lambda x: x["mentions"][0]["start"])
        return out

    # Evidence model for unknown names -----------------------------------------------------------

    def group_features(self, doc, text, cs) -> dict[str, float]:
        """Features of one unknown name (all its candidates): context cues, the head noun, the
        model's labels, capitalisation, list structure and repetition (see company_evidence.json)."""
        toks = [t for c in cs for t in doc[c["s"]:c["e"]]]
        longest = max(cs, key=lambda c: c["e"] - c["s"])
        span = doc[longest["s"]:longest["e"]]
        words = [t for t in span if t.is_alpha]
        kinds = set().union(*(c.get("kinds", set()) for c in cs))
        ctx = any(c.get("company_context") for c in cs)
        head = words[-1].lower_ if words else ""
        n_toks = max(1, len(toks))
        other = sum(1 for t in toks if t.ent_type_ in _OTHER_ENTITY_TYPES - {"PERSON", "GPE", "LOC", "NORP", "FAC"}) / n_toks
        nxt = doc[longest["e"]:longest["e"] + 3]
        return {
            "bias": 1.0,
            "company_context": float(ctx),
            "weak_evidence": float(not ctx and any(c.get("evidence") for c in cs)),
            "legal_suffix": float(any(self._strong_end(doc[c["e"] - 1]) for c in cs)),
            "model_org": float(any(c.get("model") for c in cs)),
            "list_or_coord": float(bool(kinds & {"LIST", "COORD"})),
            "non_company_head": float(head in self.non_company_heads),
            "government_word": float(any(t.lower_ in self.gov_words for t in words)),
            "title_first": float(bool(words) and (words[0].lower_ in self.person_titles
                                                   or words[0].lower_.rstrip("s") in self.person_titles
                                                   or words[0].lower_.endswith("ies") and words[0].lower_[:-3] + "y" in self.person_titles)),
            "all_caps": float(len(words) >= 2 and all(t.is_upper for t in words)),
            "heading_only": float(all(c.get("heading") for c in cs)),
            "other_entity_type": other,
            "person_type": sum(1 for t in toks if t.ent_type_ == "PERSON") / n_toks,
            "place_type": sum(1 for t in toks if t.ent_type_ in ("GPE", "LOC", "FAC", "NORP")) / n_toks,
            "place_word": float(any(place_code(t.text) for t in words) or is_place_name(span.text)),
            "person_apposition": float(len(nxt) >= 3 and nxt[0].text == "," and nxt[1].lower_ in _DETERMINERS
                                       and nxt[2].lower_ in self.person_titles),
            "possessive_after": float(any(c["e"] < len(doc) and doc[c["e"]].text in _POSSESSIVE for c in cs)),
            "modifier_use": float(all(c["e"] < len(doc) and doc[c["e"]].is_lower and doc[c["e"]].pos_ == "NOUN"
                                      for c in cs)),
            "the_before": float(any(c["s"] > 0 and doc[c["s"] - 1].lower_ == "the" for c in cs)),
            "of_inside": float(any(t.lower_ in ("of", "for", "on") for t in span)),
            "lowercase_inside": float(any(t.is_alpha and t.is_lower and not t.is_stop for t in span)),
            "digit_inside": float(any(ch.isdigit() for ch in span.text)),
            "single_word": float(len(words) <= 1),
            "org_votes": float(min(max(c.get("org_votes", 0) for c in cs), 5) / 5.0),
            "repeated": float(min(text.count(span.text), 5) / 5.0) if span.text else 0.0,
        }

    def _evidence_accepts(self, doc, text, cs) -> bool:
        """Keep an unknown name when its weighted evidence reaches the fitted threshold."""
        if not self.evidence_weights and self.evidence_log is None:
            return True
        feats = self.group_features(doc, text, cs)
        if self.evidence_log is not None:
            span = doc[cs[0]["s"]:cs[0]["e"]]
            self.evidence_log.append({"name": span.text, "texts": sorted({doc[c["s"]:c["e"]].text for c in cs}),
                                      "features": feats})
        if not self.evidence_weights:
            return True
        score = sum(self.evidence_weights.get(k, 0.0) * v for k, v in feats.items())
        return score >= self.evidence_threshold

    def _list_evidence(self, doc, cands, evidence) -> None:
        """Add ``LIST`` evidence for the names that lead list/table rows when at least half of
        the block's named rows (two or more) are known companies."""
        text = doc_text(doc)
        if "\n" not in text:
            return
        rows = []  # (line_start, [(s, e) token spans])
        for m in _LIST_ROW.finditer(text):
            spans = []
            for g in (1, 2):
                if m.group(g):
                    a, b = m.start(g), m.end(g)
                    while b > a and text[b - 1] in ".-":
                        b -= 1  # "Roche ...." / trailing punctuation
                    span = doc.char_span(a, b, alignment_mode="expand")
                    if span is not None and len(span):
                        spans.append((span.start, span.end))
            if spans:
                rows.append((m.start(), m.end(), spans))
        if len(rows) < 2:
            return
        known_c = [c for c in cands if (c["idx"] is not None and not self.gazetteer[c["idx"]].get("ambiguous"))]
        model_c = [c for c in cands if c["model"] or c["idx"] is not None]
        ctx = [(a, b) for a, b, _c, k in evidence if k in ("APPOS", "PREMOD", "SUFFIX", "ACRO", "OWNS")]

        key = self.key
        known_keys = {key(doc[c["s"]:c["e"]].text) for c in known_c} | {key(doc[a:b].text) for a, b in ctx}
        model_keys = {key(doc[c["s"]:c["e"]].text) for c in model_c}

        def row_keys(s, e):
            return {key(doc[s:e].text), key(doc[s].text)}

        def known(s, e):
            # Known here or anywhere in the article ("- SAIC Motor: 35.3%" ... "SAIC, a carmaker").
            return any(c["s"] < e and s < c["e"] for c in known_c) or bool(row_keys(s, e) & known_keys)

        # Blocks: rows not parted by a blank line.
        blocks, cur = [], []
        for row in rows:
            if cur and _BLANK_LINE.search(text, cur[-1][1], row[0]):
                blocks.append(cur)
                cur = []
            cur.append(row)
        blocks.append(cur)
        for block in blocks:
            if len(block) < 2:
                continue
            firsts = [sp for _a, _b, spans in block for sp in spans]
            n_known = sum(1 for s, e in firsts if known(s, e))
            # The model's ORG names count as half-evidence: they make up the rest of the majority.
            n_named = sum(1 for s, e in firsts if known(s, e) or row_keys(s, e) & model_keys)
            if n_known < 1 or n_named < 2 or 2 * n_named < len(firsts):
                continue
            for _a, _b, spans in block:
                for s, e in spans:
                    evidence.append((s, e, None, "LIST"))

    def _group_lookups(self, doc, order, groups) -> tuple[dict, dict]:
        """Indexes of the groups by what a short form can match, each entry ``(position, gid)``:
        an unknown group's key by every whole-word prefix of it ("Fermi" -> "Fermi America"),
        and every group by the initials of its name."""
        longer: dict[str, list] = {}
        by_initials: dict[str, list] = {}
        for pos, h in enumerate(order):
            h_name = self._group_name(doc, h, groups[h])
            by_initials.setdefault(initials(h_name), []).append((pos, h))
            if h[0] == "U":
                h_key = self.key(h_name)
                for i, ch in enumerate(h_key):
                    if ch == " ":
                        longer.setdefault(h_key[:i], []).append((pos, h))
        return longer, by_initials

    def _alias_keys(self, idx: int) -> set:
        return self.alias_keys[idx]

    def _group_name(self, doc, gid, cs) -> str:
        if gid[0] == "G":
            return self.gazetteer[gid[1]]["name"]
        texts = [doc[c["s"]:c["e"]].text for c in cs]
        return max(texts, key=lambda t: (len(t), t))

    @staticmethod
    def _spells_lowercase_phrase(doc, i, acronym: str) -> bool:
        """True when the lowercase words before token ``i`` spell ``acronym``
        ("engineering, procurement and construction (EPC)")."""
        letters = []
        j = i - 1
        while j >= 0 and len(letters) < len(acronym) and i - j <= 2 * len(acronym) + 2:
            t = doc[j]
            if t.is_alpha and not t.is_stop:
                if not t.text.islower():
                    return False
                letters.append(t.text[0])
            elif not (t.is_punct or t.is_stop):
                return False
            j -= 1
        return "".join(reversed(letters)).upper() == acronym.upper()

    @staticmethod
    def _is_heading(line: str) -> bool:
        """A title-case or all-caps line (headlines, section heads): NER is unreliable there."""
        stripped = line.strip()
        if not stripped or len(stripped) > 250 or stripped[-1] in ".!?;":
            return False
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", stripped) if len(w) > 3]
        if len(words) < 3:
            return False
        caps = sum(1 for w in words if w[0].isupper())
        return caps / len(words) >= 0.75

    def _central_bank(self, low_text: str, span_text: str) -> bool:
        """"Bank of Japan", "Reserve Bank of India", "People's Bank of China": a country's bank led
        by nothing or by a central-bank word; "Agricultural Bank of China" is a commercial bank."""
        m = re.search(r"\bbank of\b", low_text)
        if not m or not place_code(span_text.split(" of ", 1)[-1]):
            return False
        lead = [w for w in re.split(r"[\s’']+", low_text[:m.start()]) if w and w not in ("the", "s")]
        return all(w in self.central_bank_words or place_code(w) for w in lead)

    def _reject(self, doc, c, persons, on_reactor, person_keys=frozenset(), cand_tokens=None) -> Optional[str]:
        """Why an unknown candidate is not a company (None: keep it)."""
        s, e = c["s"], c["e"]
        n = len(doc)
        span = doc[s:e]
        span_text = span.text
        k = self.key(span_text)
        if not k:
            return "empty"
        if on_reactor:
            return "reactor"
        if k in self.non_company_keys:
            return "listed"
        if k in self.product_keys:
            return "product"
        strong = self._strong_end(doc[e - 1])
        lowered = [t.lower_ for t in span]
        if not strong and s > 0 and doc[s - 1].lower_ in ("in", "at", "near", "from") \
                and not (c.get("kinds", set()) - {"COORD", "LIST", "APPOS"}) \
                and all(t.ent_type_ in ("GPE", "LOC") for t in span):
            return "place"  # "partners Foxconn in Houston and ...", "a site in Georgia, a venture of"
        if not strong and not c.get("company_context"):
            if e < n and doc[e].lower_ == "administration":
                return "person"  # "the Trump administration"
            if all(w in self.title_words or w in self.person_titles for w in lowered):
                return "title"
            # People: a known person's name or surname, or a name right after a job title
            # ("chief executive Jane Doe", "Chief executive Amanda Lacaze").
            if k in person_keys:
                return "person"
            if len(span) >= 2 and span[0].ent_type_ == "PERSON" and span[-1].ent_type_ == "PERSON" and not c["evidence"]:
                return "person"
            b = s
            if b > 0 and doc[b - 1].text[:1].isupper() and (doc[b - 1].pos_ == "PROPN" or not doc[b - 1].is_sent_start) \
                    and doc[b - 1].ent_type_ in ("", "PERSON") and doc[b - 1].lower_ not in self.person_titles:
                b -= 1  # a first name the model left out ("General Secretary To Lam")
            if b > 0 and doc[b - 1].lower_ in self.person_titles:
                if not (doc[b - 1].lower_ in ("head", "chair") and b >= 2 and doc[b - 2].lower_ in _DETERMINERS):
                    return "person"
            # Programmes, projects, plans and laws ("Advanced Reactor Demonstration Program").
            if lowered[-1] in self.programme_words and (len(span) >= 2 or span[0].is_title):
                return "programme"  # also a bare "the Budget"
            if any(lowered[i] in self.programme_words and lowered[i + 1] in ("for", "of", "on")
                   for i in range(len(span) - 1)):
                return "programme"  # "Credit Guarantee Scheme for Exporters"
            # Plants, sites and places ("Plant Vogtle", "Hinkley Point C", "Pioneer 1").
            if any(w in self.place_words for w in lowered):
                return "place"
            last = span[-1].text
            if len(span) >= 2 and ((len(last) == 1 and last.isupper()) or last.isdigit()):
                return "place"
            if len(span) >= 2 and span[-1].ent_type_ == "NORP":
                return "adjective"
            if e < n and doc[e].lower_ in self.not_before and doc[e].lower_ != "spokesperson":
                return "government"
            if e + 1 < n and doc[e].text in ("-", "–") and doc[e + 1].lower_ == "based":
                return "place"
            if s > 0 and doc[s - 1].lower_ == "on" and not (c.get("kinds", set()) - {"COORD", "LIST"}) \
                    and all(t.ent_type_ in ("GPE", "LOC") for t in span):
                return "place"
            if s > 0 and doc[s - 1].lower_ in ("in", "at", "near") and e + 1 < n and doc[e].lower_ in ("and", ",") \
                    and not (c.get("kinds", set()) - {"COORD", "LIST"}) \
                    and (doc[e + 1].ent_type_ in ("GPE", "LOC", "FAC", "PERSON") or place_code(doc[e + 1].text)):
                return "place"  # "builds pickups in Silao and Ramos Arizpe"
            if s >= 2 and doc[s - 1].text == "," and doc[s - 2].lower_ in self.appositive_body_words and doc[s - 2].is_lower:
                return "government"  # "France's export credit agency, Bpifrance Assurance Export"
            if all(t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY") for t in span):
                return "date"
        if not c["evidence"] and not strong:
            prev = doc[s - 1].lower_ if s > 0 else ""
            nxt_place = e + 1 < n and doc[e].lower_ in (",", "in") and (
                doc[e + 1].ent_type_ in ("GPE", "LOC") or place_code(doc[e + 1].text))
            if prev in ("in", "at", "on", "near") and nxt_place and doc[e].text == ",":
                return "place"  # "in Clay, New York"
            if prev == "near" or prev == "on" and (
                    span[0].ent_type_ in ("GPE", "LOC", "FAC") or s >= 2 and doc[s - 2].text[:1].isupper()):
                return "place"  # "Wylfa on Anglesey" (not "sanctions on Rosneft")
            if e < n and doc[e].lower_ in self.site_nouns:
                return "place"  # "the two abandoned V.C. Summer units"
            j = e
            while j < n and j - e < 10 and (doc[j].text in (",", "and") or doc[j].text[:1].isupper()):
                j += 1
            if j > e + 1 and j < n and doc[j].lower_ in self.site_nouns and doc[j].lower_.endswith("s") \
                    and any(t.lower_ == "and" for t in doc[e:j]):
                return "place"  # "the Alpha, Beta and Gamma plants"
            if len(span) >= 2 and place_code(doc[s:e - 1].text) and span[-1].is_upper and len(span[-1]) <= 4:
                return "acronym"  # "U.S. LNG", "Australian LNG": a country's commodity
            # Assets named after their owner: "Georgia Power's Plant Vogtle", "its Explorer SUV".
            if prev in ("its", "their"):
                return "asset"
            if prev in _POSSESSIVE and cand_tokens is not None and s >= 2 and (s - 2) in cand_tokens:
                owner = cand_tokens[s - 2]
                if not is_place_name(doc[owner["s"]:owner["e"]].text):
                    return "asset"
        if " and " in span_text or ", " in span_text:
            # A model span over a list ("JBIC and JOGMEC"): reject it when a part is not a company.
            parts = [self.key(p) for p in re.split(r",\s*|\s+and\s+", span_text)]
            if any(p in self.non_company_keys or p in self.outlet_keys or is_place_name(p) for p in parts if p):
                return "listed"
        if e < len(doc) and doc[e].lower_ in ("secretary", "minister", "ministry", "department", "spokesperson"):
            if e + 1 >= len(doc) or doc[e + 1].text[:1].isupper() or doc[e].lower_ != "spokesperson":
                return "government"
        if k in self.outlet_keys:
            # An outlet or research house is a company only when a company noun says so
            # ("X, the newspaper publisher"), not when it is quoted ("analysts at X").
            return None if c.get("company_context") and not c["source"] else "outlet"
        if is_place_name(span_text) or is_place_name(k):
            return "place"
        lowered = [t.lower_ for t in span]
        if any(w in self.gov_words for w in lowered) and (
                doc[e - 1].lower_ not in self.strong_suffixes or len(lowered) >= 2 and lowered[-2] in self.gov_words):
            return "government"  # also "National Reconstruction Fund Corporation"
        low_text = span_text.casefold()
        if any(p in low_text for p in self.gov_phrases) or self._central_bank(low_text, span_text):
            return "government"
        for words in self.not_after:
            n = len(words)
            if s >= n and [t.lower_ for t in doc[s - n:s]] == words:
                return "office"
            if s > n and doc[s - 1].lower_ == "the" and [t.lower_ for t in doc[s - n - 1:s - 1]] == words:
                return "office"  # "President of the Confederation"
        if span_text.isupper() and e < len(doc) and doc[e].text == "," and (s == 0 or "\n" in doc[s - 1].text_with_ws):
            return "dateline"
        if not c["evidence"] and s > 0 and doc[s - 1].lower_ in self.title_words | {"executive", "premier", "governor", "mayor"}:
            return "person"
        if not strong and not any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in span):
            # Without a company context any non-name is out; with one, only function words
            # ("Together, the four companies").
            if not c["evidence"] or all(t.pos_ in _FUNCTION_POS and (t.is_stop or not t.is_title) for t in span):
                return "common-noun"
        if not c["evidence"]:
            if len(span) == 1 and span_text.isupper() and len(span_text) <= 5:
                # An unknown bare acronym: kept only if introduced in brackets (merged later)
                # after a name, not after a lowercase phrase ("construction (EPC)").
                prev = doc[s - 1].text if s else ""
                if prev != "(":
                    return "acronym"
                if self._spells_lowercase_phrase(doc, s - 1, span_text):
                    return "acronym"
            person_votes = sum(1 for p in persons if p.text == span_text
                               or (len(span) == 1 and any(t.text == span_text for t in p)))
            if person_votes and c.get("org_votes", 0) <= person_votes:
                return "person"  # unless the model calls it an organisation more often ("Pixar")
        return None


@Language.factory(
    "companies",
    default_config={},
    requires=["doc._.reactors", "doc.ents", "token.is_sent_start", "token.pos"],
    assigns=["doc._.companies"],
)
def make_companies(nlp: Language, name: str) -> Companies:
    """Companies from the gazetteer, company contexts and the model's ORG entities
    (``doc._.companies``); reactor designs found before are not companies."""
    return Companies(nlp, name)
