"""The ``tariff_rates`` component: tariff, duty and levy rates with who imposes them on whom.

A percentage (found by :func:`extractor.lexicon.percentages.find_percentages`) is a tariff rate only
when the sentence's dependency parse ties it to a tariff word: ``a 15% tariff``, ``duties of
25%``, ``raised tariffs to 25%``, ``a 15% rate on most exports``, or to another tariff rate
(``lower than the 25% threatened``, ``from 25% to 15%``). Then the same parse gives:

- ``target``: the object of ``on``/``against`` (``on Japan``, ``on Indian imports``), the
  subject of ``face``/``agree``/``pay`` (``Japanese goods face``), a passive subject;
- ``imposer``: the subject of the other verbs (``Washington slapped``), the ``by`` agent
  (``threatened by Trump``), the destination of exports (``exports to the United States``), a
  country modifying the tariff (``U.S. tariffs``);
- ``status``: cue words on the rate, on its tariff noun and up the clause chain (``imposed``,
  ``threatened by``, ``would``, ``could face``, ``from 25%`` -> previous);
- ``product``: product words in the tariff's own phrase (``auto tariffs``, ``on steel``).

List lines and table rows are read through their own words: a label ``U.S. on Canadian steel:``
gives imposer and target, a heading ``Where U.S. tariffs on Mexico stand:`` the roles of the
``| 25% | in force`` rows below it, status words on the line (``Threatened:``, ``on hold``) the
status; a company label (``- BYD: 17.0%``) takes the company's home country as target. A rate
applied to ``all countries`` has no target, and none is carried to it from other rates.

Only sentences holding both a percentage and a tariff keyword are looked at; a document
without a percentage costs a few string searches. Word lists live in ``data/tariff_*.json``.

Stages (one module each): ``decide`` and ``context_rules`` (is the percentage a tariff rate?),
``roles``, ``status`` and ``product`` (its attributes; ``layout`` reads list lines and table
rows), ``mentions`` (a rate's mention), ``article`` (roles and status across the article);
``lexicon``, ``parse``, ``rate`` and ``context`` are what they share.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractor import extensions  # noqa: F401  (registers doc._.tariffs)
from extractor.extensions import doc_text
from extractor.fields.tariffs.article import (_agree_direction, _article_roles, _carry_roles, _deal_roles,
                                              _harmonise_status, _replaced_rates)
from extractor.fields.tariffs.context import _Context
from extractor.fields.tariffs.context_rules import _context_rule, _goods_pay, _list_item, _mark_threshold
from extractor.fields.tariffs.decide import _classify, _share_links, _share_pairs
from extractor.fields.tariffs.layout import _row
from extractor.fields.tariffs.lexicon import _lex
from extractor.fields.tariffs.mentions import _Mention, _emit
from extractor.fields.tariffs.rate import _Rate
from extractor.lexicon.percentages import find_percentages
from extractor.lexicon.tables import TableComponent


# Longer "sentences" are tables or lists the parser ran together; the dependency rules cost
# time in proportion to a sentence's length for every rate in it, so these are not read.
MAX_SENTENCE_TOKENS = 400


@Language.factory(
    "tariff_rates",
    default_config={"max_sentence_tokens": MAX_SENTENCE_TOKENS},
    requires=["doc.sents", "token.dep", "token.head", "token.pos", "token.tag", "doc.ents"],
    assigns=["doc._.tariffs"],
)
def make_tariff_rates(nlp: Language, name: str, max_sentence_tokens: int) -> "TariffRates":
    """Factory of the ``tariff_rates`` component (writes ``doc._.tariffs``); it reads the
    dependency parse, so a parser must run before it."""
    return TariffRates(nlp, name, max_sentence_tokens=max_sentence_tokens)


class TariffRates(TableComponent):
    """Pipeline component: ``doc._.tariffs`` = list of TariffMention dicts (ANNOTATION.md).

    Tables: the tariff lexicon, products and actors, the company gazetteer (home countries),
    the country names and the percentage words (packaged by default).
    """

    TABLES = ("tariff_lexicon.json", "tariff_products.json", "tariff_actors.json", "companies.jsonl",
              "countries.json", "percent_words.json")

    def __init__(self, nlp: Language, name: str = "tariff_rates", max_sentence_tokens: int = MAX_SENTENCE_TOKENS):
        super().__init__(nlp, name)
        self.max_sentence_tokens = max_sentence_tokens

    def process(self, doc: Doc) -> Doc:
        if len(doc) and not doc.has_annotation("DEP"):
            from extractor.errors import ExtractorError

            raise ExtractorError(
                f"component {self.name!r} needs a dependency parse and sentence boundaries: add a "
                f"parser before it (the pipeline {self.nlp.pipe_names} has none that ran on this Doc)"
            )
        doc._.tariffs = find_tariffs(doc, self.max_sentence_tokens)
        return doc


def find_tariffs(doc: Doc, max_sentence_tokens: int = MAX_SENTENCE_TOKENS) -> list[dict]:
    """Tariff rates in a parsed ``doc`` (needs sentences and the dependency parse).

    Sentences with a tariff word are read through the parse; in a tariff article (a few tariff
    words in the text) the other sentences' percentages are read through the context rules
    (``the combined rate falls to 15%``, ``- Vietnam: 46%`` under a tariff heading).
    """
    lex = _lex()
    text = doc_text(doc)
    percentages = find_percentages(text)
    if not percentages:
        return []
    keywords = _Offsets([m.start() for m in lex.keyword_re.finditer(text)])
    heavy = len(keywords.starts) >= lex.cx.min_doc_keywords
    ctx = _Context(doc, heavy)
    ctx.text = text
    sents = _Sentences(doc)
    found: list[_Mention] = []
    for cand in _candidates(percentages, sents, keywords, max_sentence_tokens):
        # else no tariff word in the sentence, the one before or the article: skip
        if heavy or cand.has_kw or _near_tariffs(cand.sent, sents, keywords):
            found.extend(_sentence_tariffs(cand.sent, cand.items, ctx))
    found.sort(key=lambda m: m.start)
    if any(m.imposer is None for m in found):
        _article_roles(found, ctx, sents.sents)
    _deal_roles(found)
    _carry_roles(found, ctx.author)
    _agree_direction(found, text)
    _harmonise_status(found, text)
    _replaced_rates(found, text)
    return [m.record() for m in found]


class _Offsets:
    """Sorted character offsets (of the tariff keywords), searched by bisection."""

    def __init__(self, starts: list[int]):
        self.starts = starts

    def any_in(self, a: int, b: int) -> bool:
        i = bisect_left(self.starts, a)
        return i < len(self.starts) and self.starts[i] < b


class _Sentences:
    """The doc's sentences, looked up by token index (``token.sent`` walks the sentence each time)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.sents = list(doc.sents)
        self._starts = [s.start for s in self.sents]

    def of(self, i: int) -> Span:
        return self.sents[bisect_right(self._starts, i) - 1]


@dataclass
class _Candidate:
    """A sentence holding percentages: its (percentage, span) pairs, and whether it has a tariff word."""

    sent: Span
    items: list
    has_kw: bool


def _candidates(percentages: list[dict], sents: _Sentences, keywords: _Offsets, max_tokens: int) -> list[_Candidate]:
    """The sentences holding the percentages, in the order of their first percentage."""
    by_start: dict[int, _Candidate] = {}
    for pct in percentages:
        span = sents.doc.char_span(pct["start"], pct["end"], alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sent = sents.of(span[0].i)
        if len(sent) > max_tokens:
            continue  # a run-together table, not a sentence: its parse cannot be read in bounded time
        cand = by_start.get(sent.start)
        if cand is None:
            cand = by_start[sent.start] = _Candidate(sent, [], keywords.any_in(sent.start_char, sent.end_char))
        cand.items.append((pct, span))
    return list(by_start.values())


def _near_tariffs(sent: Span, sents: _Sentences, keywords: _Offsets) -> bool:
    """The sentence before names tariffs, or goods pay the rate (``Japanese cars now pay 15%``:
    goods that pay a rate need no tariff word)."""
    if sent.start > 0:
        prev = sents.of(sent.start - 1)
        if keywords.any_in(prev.start_char, prev.end_char):
            return True
    return _goods_pay(sent)


def _sentence_tariffs(sent: Span, items: list, ctx: _Context) -> list[_Mention]:
    """The tariff mentions of one sentence: decide each percentage, then read its attributes."""
    rates = [_Rate(pct, span, ctx.text) for pct, span in items]
    pct_roots = {r.root.i: r for r in rates}
    for r in rates:
        if not r.bare:
            _classify(r, pct_roots)
    _share_links(rates, pct_roots)
    table = _table_rows(rates, ctx)
    _apply_context_rules(rates, pct_roots, ctx)
    for r, decision in table:
        r.decision = decision
    return _emit(sent, rates, ctx)


def _table_rows(rates: list[_Rate], ctx: _Context) -> list[tuple[_Rate, str]]:
    """Decide the rates in table rows by the row alone (the parse runs rows together: ``| share
    | 65% | tariff |``); returns the decisions, which no later rule may change."""
    table = []
    for r in rates:
        row = _row(ctx.text, r.pct["start"], r.pct["end"])
        if not r.bare and row is not None and row.table:
            r.tariff = r.verb = r.link = None
            r.decision = "yes" if _list_item(r, ctx) else "no"
            table.append((r, r.decision))
    return table


def _apply_context_rules(rates: list[_Rate], pct_roots: dict, ctx: _Context) -> None:
    """Rates the parse left undecided or refused, read through the context rules; rates tied
    to a rate they made a tariff, and the two rates of one change, follow it."""
    changed = False
    for r in rates:
        if not r.bare and r.decision != "yes" and _context_rule(r, ctx):
            r.decision = "yes"
            changed = True
        elif r.decision == "yes" and not r.condition:
            _mark_threshold(r)
    if changed:
        _share_links(rates, pct_roots, also_no=True)
    _share_pairs(rates, ctx.text)
