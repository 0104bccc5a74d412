"""Reactor designs and reactor classes (``doc._.reactors``).

A gazetteer of designs (``data/reactors.jsonl``: design, category, vendor, aliases) is matched
with spaCy's PhraseMatcher; reactor classes (SMR, microreactor, PWR, BWR) are token Matcher
patterns from the same file, which also cover plurals and hyphen variants. The output is one
entry per design or class per article, with every mention, in the contract's shape::

    {"design": "AP1000", "category": "large", "vendor": "Westinghouse",
     "mentions": [{"text": "AP1000", "start": 300, "end": 306}]}
"""

from __future__ import annotations

import re
from typing import Iterable

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from extractor import extensions  # noqa: F401  (registers the Doc extensions)
from extractor.extensions import doc_text
from extractor.lexicon.tables import TableComponent

GAZETTEER = "reactors.jsonl"

# A sentence that talks about reactors: needed before an ambiguous alias (EPR, Aurora) counts.
_NUCLEAR_CONTEXT = re.compile(r"(?i)\b(?:reactors?|nuclear|atomic|uranium|plants?|units?|designs?|SMRs?|(?:mega|giga)watts?|\d+-megawatt|MWe?|GWe?)\b")
_LETTER_DIGIT = re.compile(r"(?<=[A-Za-z])[- ]?(?=\d)")


def alias_variants(alias: str) -> list[str]:
    """Written variants of a design name: hyphen, space or nothing between letters and digits,
    and a plural for names ending in a digit or a capital.

    >>> alias_variants("AP1000")
    ['AP1000', 'AP-1000', 'AP 1000', 'AP1000s']
    >>> alias_variants("Hualong One")
    ['Hualong One']
    """
    forms = [alias]
    if _LETTER_DIGIT.search(alias):
        for sep in ("", "-", " "):
            forms.append(_LETTER_DIGIT.sub(sep, alias))
    if alias[-1].isdigit() or (alias[-1].isupper() and alias.isupper()):
        forms.append(alias + "s")
    seen, out = set(), []
    for form in forms:
        if form not in seen:
            seen.add(form)
            out.append(form)
    return out


class ReactorDesigns(TableComponent):
    """The ``reactor_designs`` component: writes ``doc._.reactors``.

    Its table is the gazetteer ``reactors.jsonl`` (packaged by default; pass your own rows with
    ``initialize(entries=...)`` or ``initialize(data={"reactors.jsonl": rows})``).
    """

    TABLES = (GAZETTEER,)

    def __init__(self, nlp: Language, name: str = "reactor_designs", entries: Iterable[dict] | None = None):
        super().__init__(nlp, name)
        if entries is not None:
            self.initialize(entries=entries)

    def initialize(self, get_examples=None, *, nlp=None, entries: Iterable[dict] | None = None, data=None):
        """Build the matchers from gazetteer rows (default: the packaged ``reactors.jsonl``)."""
        data = dict(data or {})
        if entries is not None:
            data[GAZETTEER] = list(entries)
        super().initialize(data=data)

    def set_tables(self, tables) -> None:
        super().set_tables(tables)
        self.entries = list(self.tables[GAZETTEER])
        vocab = self.nlp.vocab
        self.lower_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.orth_matcher = PhraseMatcher(vocab, attr="ORTH")
        self.class_matcher = Matcher(vocab)
        self.by_key: dict[str, dict] = {}
        self.ambiguous: set[str] = set()
        # Key words: one required word of every alias and pattern (its most distinctive: the
        # longest). A text with none of them cannot match, so the matchers are skipped (most
        # articles name no reactor; the Matcher was most of this component's time).
        self.first_words: set[str] | None = set()
        for entry in self.entries:
            key = entry["design"]
            self.by_key[key] = entry
            if entry.get("patterns"):
                self.class_matcher.add(key, entry["patterns"], greedy="LONGEST")
                for pattern in entry["patterns"]:
                    self._add_first_words(pattern)
                continue
            if entry.get("ambiguous"):
                self.ambiguous.add(key)
            lower, orth = [], []
            for alias in entry.get("aliases") or [entry["design"]]:
                for form in alias_variants(alias):
                    # Short all-capital names (EPR, ABWR) must keep their case to stay names.
                    (orth if entry.get("ambiguous") or (form.isupper() and len(form) <= 5) else lower).append(form)
            if lower:
                self.lower_matcher.add(key, list(self.nlp.tokenizer.pipe(lower)))
            if orth:
                self.orth_matcher.add(key, list(self.nlp.tokenizer.pipe(orth)))
            for form in lower + orth:
                if self.first_words is not None:
                    words = [t.lower_ for t in self.nlp.tokenizer(form)]
                    self.first_words.add(max(words, key=lambda w: (any(c.isalpha() for c in w), len(w))))

    def _add_first_words(self, pattern: list[dict]) -> None:
        """Record the key words of a token pattern: the words of its required token whose
        shortest word is longest. A pattern with no required token matched by its text turns
        the pre-check off (None)."""
        options = []
        for token in pattern:
            value = token.get("LOWER", token.get("ORTH"))
            words = value.get("IN") if isinstance(value, dict) else [value]
            if token.get("OP") or not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                continue
            options.append([w.lower() for w in words])
        if self.first_words is None or not options:
            self.first_words = None
            return
        self.first_words.update(max(options, key=lambda ws: min(map(len, ws))))

    def process(self, doc: Doc) -> Doc:
        if self.first_words is not None and not any(t.lower_ in self.first_words for t in doc):
            doc._.reactors = []
            return doc
        spans = self._matched_spans(doc)
        sents = doc.has_annotation("SENT_START")
        # A sentence naming a sure design is reactor context for an ambiguous one ("EPR and AP1000").
        design_sents = {span.sent.start for span in spans if sents and span.label_ not in self.ambiguous}
        kept = [span for span in spans if self._keeps(doc, span, sents, design_sents)]
        doc._.reactors = self._records(kept)
        return doc

    def _matched_spans(self, doc: Doc) -> list:
        """The matchers' spans, labelled with their design; the longest wins where they overlap
        ("SMR-300" over the class "SMR", "small modular reactors" over "small reactor")."""
        spans = []
        for matcher in (self.lower_matcher, self.orth_matcher, self.class_matcher):
            for key, start, end in matcher(doc):
                spans.append(doc[start:end])
                spans[-1].label_ = self.nlp.vocab.strings[key]
        return filter_spans(spans)

    def _keeps(self, doc: Doc, span, sents: bool, design_sents: set[int]) -> bool:
        """Whether a matched span is a reactor mention: an ambiguous name needs reactor context,
        "SMR" must not be a ticker, a design that needs a following noun has it."""
        key = span.label_
        if key in self.ambiguous and not self._ambiguous_confirmed(doc, span, sents, design_sents):
            return False
        if key == "SMR" and _is_ticker(doc, span):
            return False
        needs = self.by_key[key].get("needs_noun")
        # "Rolls-Royce SMR said": the company, not its design
        return not (needs and (span.end >= len(doc) or doc[span.end].lower_ not in needs))

    def _ambiguous_confirmed(self, doc: Doc, span, sents: bool, design_sents: set[int]) -> bool:
        """An ambiguous name (EPR) counts in a sentence that names a sure design, nuclear words
        or the design's vendor (the whole text when there are no sentences)."""
        if sents and span.sent.start in design_sents:
            return True
        context = span.sent.text if sents else doc_text(doc)
        return bool(_NUCLEAR_CONTEXT.search(context)) or _names_vendor(context, self.by_key[span.label_].get("vendor"))

    def _records(self, spans: list) -> list[dict]:
        """One record per design with its mentions, ordered by first mention."""
        found: dict[str, dict] = {}
        for span in spans:
            entry = self.by_key[span.label_]
            item = found.get(span.label_)
            if item is None:
                item = found[span.label_] = {
                    "design": entry["design"],
                    "category": entry["category"],
                    "vendor": entry.get("vendor"),
                    "mentions": [],
                }
            item["mentions"].append({"text": span.text, "start": span.start_char, "end": span.end_char})
        return sorted(found.values(), key=lambda r: r["mentions"][0]["start"])


def _names_vendor(sentence: str, vendor) -> bool:
    """True when the sentence names the design's vendor ("EDF will build two EPRs").

    >>> _names_vendor("EDF will build two EPRs", "EDF"), _names_vendor("EPR rules", "EDF")
    (True, False)
    """
    return bool(vendor) and re.search(r"(?<!\w)" + re.escape(vendor) + r"(?!\w)", sentence) is not None


def _is_ticker(doc: Doc, span) -> bool:
    """``(NYSE: SMR)``: a stock ticker, not a reactor."""
    return span.start >= 1 and doc[span.start - 1].text == ":"


@Language.factory(
    "reactor_designs",
    default_config={},
    assigns=["doc._.reactors"],
)
def make_reactor_designs(nlp: Language, name: str) -> ReactorDesigns:
    """Reactor designs and classes from the gazetteer table (``doc._.reactors``). Reads sentence
    boundaries when the pipeline has them (ambiguous names need nuclear context)."""
    return ReactorDesigns(nlp, name)
