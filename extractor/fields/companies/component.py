"""The ``companies`` spaCy component: tables and matchers, and the stages run in order."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from extractor import extensions  # noqa: F401  (registers the Doc extensions)
from extractor.extensions import IntervalIndex, doc_text
from extractor.fields.companies import candidates, filters, grouping, mentions
from extractor.fields.companies.anchors import AnchoredMatcher
from extractor.fields.companies.names import ambiguous_forms, company_key, heading_spans, place_code
from extractor.fields.companies.spans import CharSpans, EvidenceIndex, Persons, SourceIndex
from extractor.fields.companies.walk import NameWalker
from extractor.lexicon.tables import TableComponent

GAZETTEER = "companies.jsonl"
LISTED = "listed_companies.jsonl"
NON_COMPANIES = "non_companies.json"
RULES = "company_rules.json"
EVIDENCE = "company_evidence.json"
GIVEN_NAMES = "given_names.json"
WORD_CASE = "word_case.json"
PLACES = "places.json"
# Labels of the context PhraseMatcher: phrase list in company_rules.json -> label.
_CONTEXT_PHRASES = (("AFTER", "after_phrases"), ("BEFORE", "before_phrases"),
                    ("SRC_AFTER", "source_before"), ("SRC_BEFORE", "source_after"))


class Companies(NameWalker, TableComponent):
    """The ``companies`` component: writes ``doc._.companies``.

    Tables: the gazetteer (``companies.jsonl``, hand-kept, and ``listed_companies.jsonl``, the
    stock indices' constituents, matched in their written case), ``non_companies.json``,
    ``company_rules.json``, the evidence model (``company_evidence.json``, ``given_names.json``,
    ``word_case.json``, ``places.json``)
    and the country names (``countries.json``); packaged by default, a user's own through
    ``initialize(gazetteer=..., non_companies=..., rules=...)`` or ``initialize(data={...})``.
    """

    TABLES = (GAZETTEER, LISTED, NON_COMPANIES, RULES, EVIDENCE, GIVEN_NAMES, WORD_CASE, PLACES,
              "countries.json", "date_words.json")
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
        self.gazetteer = list(self.tables[GAZETTEER]) + list(self.tables[LISTED])
        self.non_companies_data = self.tables[NON_COMPANIES]
        self.rules = self.tables[RULES]
        self._key_cache: dict[str, str] = {}
        self._set_words(self.rules)
        self._set_keys(self.non_companies_data, self.tables[EVIDENCE])
        self.given_names = frozenset(self.tables[GIVEN_NAMES]["names"])
        self.lower_share = self.tables[WORD_CASE]["lower_share"]
        self.towns = frozenset(self.tables[PLACES]["names"])
        dates = self.tables["date_words.json"]
        self.date_words = frozenset(w.lower() for w in [*dates["months"], *dates["weekdays"], *dates["deictic_days"]]
                                    if " " not in w)
        self._set_gazetteer()
        self._set_context_matchers(self.rules)

    def _set_words(self, r) -> None:
        """Word lists of company_rules.json."""
        self.suffixes = {s.casefold() for s in r["legal_suffixes"]}
        self.suffix_keys = frozenset(s.strip(".,").casefold() for s in r["legal_suffixes"])
        self.strong_suffixes = {s.casefold() for s in r["strong_suffixes"]}
        self.title_words = set(r["title_words"])
        self.gov_words = set(r["government_words"])
        self.gov_phrases = [p.casefold() for p in r["government_phrases"]]
        self.central_bank_words = set(r.get("central_bank_words", ()))
        self.not_after = [p.split() for p in r["not_after"]]
        self.not_after_by_length: dict[int, set[tuple]] = {}
        for words in self.not_after:
            self.not_after_by_length.setdefault(len(words), set()).add(tuple(words))
        self.person_titles = set(r.get("person_titles", ()))
        self.place_words = set(r.get("place_words", ()))
        self.programme_words = set(r.get("programme_words", ()))
        self.not_before = set(r.get("not_before", ()))
        self.site_nouns = set(r.get("site_nouns", ()))
        self.owned_unit_nouns = set(r.get("owned_unit_nouns", ("unit",)))
        self.premodifier_nouns = set(r["premodifier_nouns"])
        self.company_only_before = {p.casefold() for p in r.get("company_only_before", ())}
        self.appositive_body_words = set(r.get("appositive_body_words", ()))
        self.publication_nouns = set(r.get("publication_nouns", ()))

    def _set_keys(self, non_companies, evidence) -> None:
        """Folded names that are not companies, and the evidence model."""
        key = self.key
        self.non_company_keys = {key(n) for n in non_companies["not_companies"]}
        self.outlet_keys = {key(n) for n in non_companies["news_outlets"]}
        self.outlet_keys |= {key(n) for n in non_companies.get("research_firms", ())}
        self.product_keys = {key(n) for n in non_companies.get("products", ())}
        self.non_company_heads = set(evidence["non_company_heads"])
        self.evidence_weights = dict(evidence.get("weights") or {})
        self.evidence_threshold = float(evidence.get("threshold") or 0.0)

    def _set_gazetteer(self) -> None:
        """Key index, parents, and the case-blind and exact PhraseMatchers of the gazetteer."""
        key, tok = self.key, self.nlp.tokenizer
        self.key_index: dict[str, int] = {}
        self.lower_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.orth_matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        name_index = {row["name"]: i for i, row in enumerate(self.gazetteer)}
        self.parent = {}
        aliases = [[row["name"], *row.get("aliases", [])] for row in self.gazetteer]
        self.alias_keys = [{key(a) for a in names} for names in aliases]
        # Lowercase words the names themselves contain ("SK hynix"): a case-blind match on them is fine.
        self.alias_lower_words = [
            {w for a in names for w in re.findall(r"[^\W\d_]+", a) if w.islower()} for names in aliases
        ]
        self.ambiguous_forms: dict[int, set[str]] = {}
        self.ambiguous_keys: dict[int, set[str]] = {}
        self.plain_forms: dict[int, set[str]] = {}
        for i, row in enumerate(self.gazetteer):
            if row.get("parent") in name_index:
                self.parent[i] = name_index[row["parent"]]
            forms = ambiguous_forms(row)
            if forms:
                self.ambiguous_forms[i] = {a.casefold() for a in forms}
                self.ambiguous_keys[i] = {key(a) for a in forms}
                self.plain_forms[i] = {a.casefold() for a in aliases[i]} - self.ambiguous_forms[i]
            lower, orth = [], []
            for alias in aliases[i]:
                self.key_index.setdefault(key(alias), i)
                short = len(alias) <= 4 or (alias.isupper() and len(alias) <= 6)
                ambiguous = alias.casefold() in self.ambiguous_forms.get(i, ())
                (orth if ambiguous or row.get("listed") or short else lower).append(alias)
            if lower:
                self.lower_matcher.add(str(i), list(tok.pipe(lower)))
            if orth:
                self.orth_matcher.add(str(i), list(tok.pipe(orth)))

    def _set_context_matchers(self, r) -> None:
        """Company contexts and source citations: phrase lists go to a PhraseMatcher (fast);
        appositions, modifiers, prefixes and suffixes need token patterns."""
        vocab, tok = self.nlp.vocab, self.nlp.tokenizer
        self.context_phrases = PhraseMatcher(vocab, attr="LOWER")
        for label, table in _CONTEXT_PHRASES:
            forms = []
            for p in r[table]:
                forms.append(p)
                if "'s" in p:
                    forms.append(p.replace("'s", "’s"))
            self.context_phrases.add(label, list(tok.pipe(forms)))
        context = Matcher(vocab)
        for label, patterns in _context_patterns(r, sorted(self.strong_suffixes)).items():
            context.add(label, patterns)
        # Every context pattern holds an anchor word; APPOS, the longest (7 tokens), ends with it;
        # a premodifier noun may stand two tokens before its name ("company, UPS").
        self.context = AnchoredMatcher(context, _context_anchors(r, self.strong_suffixes), r["premodifier_regex"],
                                       before=6, after=2)
        acronyms = Matcher(vocab)
        acronyms.add(
            "ACRO",
            [[{"ORTH": "("}, {"IS_UPPER": True, "LENGTH": {">=": 2}}, {"ORTH": ")"}],
             [{"ORTH": ","}, {"LOWER": "or"}, {"IS_UPPER": True, "LENGTH": {">=": 2}}, {"ORTH": ","}]],
        )
        self.acronym_matcher = AnchoredMatcher(acronyms, ["(", "or"], before=1, after=2)
        self.labels = {vocab.strings[x]: x for x in ("AFTER", "BEFORE", "SRC_AFTER", "SRC_BEFORE", "APPOS", "PREMOD")}

    def is_ambiguous(self, idx: int, text: str) -> bool:
        """Whether the gazetteer form ``text`` of row ``idx`` is also a common word or a person's
        name (``"ambiguous": true`` marks every form of a row, a list only those forms)."""
        forms = self.ambiguous_forms.get(idx)
        if not forms:
            return False
        folded = text.casefold()
        if folded in forms:
            return True
        # A form the row spells out unambiguously ("Sears Holdings"), else by key ("Sears Co").
        return folded not in self.plain_forms[idx] and self.key(text) in self.ambiguous_keys[idx]

    def key(self, text: str) -> str:
        """``company_key`` with this component's suffixes (cached)."""
        cache = self._key_cache
        if text not in cache:
            if len(cache) > 50000:
                cache.clear()
            cache[text] = company_key(text, self.suffix_keys)
        return cache[text]

    # The component ------------------------------------------------------------------------------

    def process(self, doc: Doc) -> Doc:
        doc._.companies = self.extract(doc)
        return doc

    def extract(self, doc: Doc) -> list[dict]:
        """The companies of ``doc``: candidates -> evidence -> filters -> groups -> mentions."""
        text = doc_text(doc)
        # Reactor designs are not companies (unless the design carries a company's name).
        reactors = CharSpans([(m["start"], m["end"]) for r in (doc._.reactors or []) for m in r["mentions"]])
        evidence, sources = candidates.context_evidence(self, doc)
        ents = doc.ents  # built anew on every access
        orgs = [ent for ent in ents if ent.label_ == "ORG"]
        persons = [ent for ent in ents if ent.label_ == "PERSON"]
        cands = candidates.gazetteer_candidates(self, doc)
        candidates.add_model_names(self, doc, orgs, cands)
        candidates.join_fixed_pairs(self, doc, text, cands)
        evidence += candidates.coordination_evidence(self, doc, cands)
        evidence += candidates.acronym_evidence(self, doc)
        evidence += candidates.list_evidence(self, doc, text, cands, evidence)
        evidence_index = EvidenceIndex(evidence)
        candidates.extend_cut_names(self, doc, cands, evidence_index)
        candidates.add_context_names(cands, evidence)

        index = filters.ArticleIndex(
            evidence=evidence_index, sources=SourceIndex(sources), headings=IntervalIndex(heading_spans(text)),
            reactors=reactors, persons=Persons(persons), person_keys=filters.person_keys(self, doc, persons),
            cand_tokens={i: c for c in cands for i in range(c.s, c.e)},
        )
        accepted, dropped = filters.select(self, doc, text, cands, orgs, index)
        groups = grouping.build_groups(self, doc, accepted)
        final = grouping.keep_groups(self, doc, text, groups)
        grouping.join_known_short_forms(self, doc, final, groups.alias_of)
        mentions.add_repeats(self, doc, text, final, groups.alias_of, reactors, dropped)
        return mentions.records(self, doc, text, final)

    # Evidence model for unknown names -----------------------------------------------------------

    def group_features(self, doc, text, cs) -> dict[str, float]:
        """Features of one unknown name (all its candidates), see ``grouping.group_features``."""
        return grouping.group_features(self, doc, text, cs)

    def _evidence_accepts(self, doc, text, cs) -> bool:
        """Keep an unknown name when its weighted evidence reaches the fitted threshold."""
        if not self.evidence_weights and self.evidence_log is None:
            return True
        feats = self.group_features(doc, text, cs)
        if self.evidence_log is not None:
            span = doc[cs[0].s:cs[0].e]
            self.evidence_log.append({"name": span.text, "texts": sorted({doc[c.s:c.e].text for c in cs}),
                                      "features": feats})
        if not self.evidence_weights:
            return True
        score = sum(self.evidence_weights.get(k, 0.0) * v for k, v in feats.items())
        return score >= self.evidence_threshold

    # Word tests that read the tables ------------------------------------------------------------

    @staticmethod
    def _spells_lowercase_phrase(doc, i, acronym: str) -> bool:
        """True when the lowercase words before token ``i`` spell ``acronym``, their short
        words counting or not ("engineering, procurement and construction (EPC)",
        "most-favored-nation (MFN)", "ship-to-shore (STS)")."""
        words = []  # (initial, may be skipped), nearest first
        j = i - 1
        content = 0
        while j >= 0 and content < len(acronym) and i - j <= 2 * len(acronym) + 2:
            t = doc[j]
            if t.is_alpha and not t.is_stop:
                if not t.text.islower():
                    # only the phrase's first word may be capitalised ("Internet service provider (ISP)")
                    if content + 1 < len(acronym) or j == i - 1:
                        return False
                    return _spells(acronym.lower()[::-1], words + [(t.text[0].lower(), False)])
                words.append((t.text[0], False))
                content += 1
            elif t.is_stop:
                if t.is_alpha and t.text.islower():
                    words.append((t.text[0], True))
            elif not t.is_punct:
                break  # "the U.S. most-favored-nation (MFN)": the phrase starts after "U.S."
            j -= 1
        return _spells(acronym.lower()[::-1], words)

    def _central_bank(self, low_text: str, span_text: str) -> bool:
        """"Bank of Japan", "Reserve Bank of India", "People's Bank of China": a country's bank led
        by nothing or by a central-bank word; "Agricultural Bank of China" is a commercial bank."""
        m = re.search(r"\bbank of\b", low_text)
        if not m or not place_code(span_text.split(" of ", 1)[-1]):
            return False
        lead = [w for w in re.split(r"[\s’']+", low_text[:m.start()]) if w and w not in ("the", "s")]
        return all(w in self.central_bank_words or place_code(w) for w in lead)


def _spells(letters: str, words: list[tuple[str, bool]]) -> bool:
    """Whether ``words`` (initial, skippable), read from the acronym's end, spell ``letters``
    (also reversed) using every word that may not be skipped.

    >>> _spells("nfm", [("n", False), ("f", False), ("m", True)]), _spells("nf", [("n", False), ("f", False), ("m", True)])
    (True, True)
    """
    if not letters:
        return True  # the words further away belong to no acronym letter
    if not words:
        return False
    (initial, optional), rest = words[0], words[1:]
    if initial == letters[0] and _spells(letters[1:], rest):
        return True
    return optional and _spells(letters, rest)


def _context_patterns(r, strong_suffixes) -> dict[str, list]:
    """Token patterns of the company contexts, from the word lists of company_rules.json."""
    upper = {"IS_UPPER": True, "LENGTH": {">=": 2}}
    # A capital letter alone or with a lowercase letter after: "Vale", "C" of "Sizewell C Ltd",
    # and also "SteelAsia", "McKinsey" (which are not title case).
    cap = {"TEXT": {"REGEX": r"^[A-Z](\S*[a-z].*)?$"}}
    premod, regex = {"LOWER": {"IN": r["premodifier_nouns"]}}, {"TEXT": {"REGEX": r["premodifier_regex"]}}
    return {
        "APPOS": [[{"ORTH": ","}, {"LOWER": {"IN": ["a", "an", "the"]}},
                   {"ORTH": {"NOT_IN": [",", ".", ";", "(", ")", ":", "and", "or"]}, "OP": "{0,4}"},
                   {"LOWER": {"IN": r["company_nouns"]}}]],
        "PREMOD": [[premod, cap], [premod, upper], [regex, cap], [regex, upper],
                   # "the world's largest package delivery company, UPS has announced"
                   [premod, {"ORTH": ","}, cap], [premod, {"ORTH": ","}, upper],
                   [{"ORTH": "-"}, {"LOWER": "based"}, cap],
                   # "Geely-owned Volvo Cars": the owned name (the owner is handled apart).
                   [{"ORTH": "-"}, {"LOWER": "owned"}, cap]],
        # "Grupo Mexico", "Groupe Renault"
        "PREFIX": [[{"LOWER": {"IN": r.get("company_prefixes", [])}, "IS_TITLE": True}, cap]],
        # "Grupo Mexico, whose Southern Copper unit ..."
        "OWNED": [[{"LOWER": "whose"}, cap]],
        # "Corning Inc.", and the US comma form "Westminster Tool, Inc."
        "SUFFIX": [[cap, {"LOWER": {"IN": strong_suffixes}}],
                   [upper, {"LOWER": {"IN": strong_suffixes}}],
                   [cap, {"ORTH": ","}, {"LOWER": {"IN": strong_suffixes}}],
                   [upper, {"ORTH": ","}, {"LOWER": {"IN": strong_suffixes}}]],
        "POSTMOD": [[cap, {"LOWER": {"IN": r.get("postmodifier_nouns", ["venture"])}}]],
    }


def _context_anchors(r, strong_suffixes) -> set[str]:
    """A word every context pattern holds (see ``_context_patterns``; the premodifier regex
    is the other anchor): the company noun of APPOS, the premodifier noun, "based"/"owned",
    the prefix, "whose", the legal suffix, the postmodifier noun."""
    return {*r["company_nouns"], *r["premodifier_nouns"], "based", "owned", *r.get("company_prefixes", []), "whose",
            *strong_suffixes, *r.get("postmodifier_nouns", ["venture"])}


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
