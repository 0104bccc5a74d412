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
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extractor import extensions  # noqa: F401  (registers doc._.tariffs)
from extractor.extensions import doc_text
from extractor.lexicon.tables import TableComponent, Tables, country_code, derived
from extractor.lexicon.percentages import find_percentages

_NOUNS = ("NOUN", "PROPN")
_VERBS = ("VERB", "AUX")
_MOD_DEPS = ("compound", "amod", "nummod", "nmod", "npadvmod", "quantmod", "dep")
_SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
_MARK = re.compile(r"%|\uff05|per|pct|pc", re.IGNORECASE)
_COPULAS = frozenset(("is", "are", "was", "were", "be", "been", "being", "remain", "remains", "remained", "'s", "'re"))
_PRONOUNS = frozenset(("he", "she", "it", "they", "we"))
_PREP_BEFORE = re.compile(r"\b(from|to|at)\s+(?:(?:the|a|about|around|roughly|nearly)\s+)?\Z", re.IGNORECASE)
_STATUS_RANK = ("threatened", "proposed", "previous", "imposed")
_SEVERAL = "*"  # a target slot naming several or all countries (target null, nothing carried)


@derived
def _lex(t: Tables) -> SimpleNamespace:
    lex = t["tariff_lexicon.json"]
    products = {}
    for label, forms in t["tariff_products.json"]["products"].items():
        for form in forms:
            products[form] = label
    status = {}
    for st in reversed(_STATUS_RANK):  # the stronger cue wins when a word has two
        for w in lex["status_words"][st]:
            status[w] = st
    return SimpleNamespace(
        keyword_re=re.compile(lex["keyword_regex"], re.IGNORECASE),
        strong=frozenset(lex["strong_nouns"]),
        weak=frozenset(lex["weak_nouns"]),
        markers=frozenset(lex["weak_noun_markers"]),
        goods=frozenset(lex["goods_nouns"]),
        actor_nouns=frozenset(lex["actor_nouns"]),
        impose=frozenset(lex["impose_verbs"]),
        target_subject=frozenset(lex["target_subject_verbs"]),
        status=status,
        threat_words=frozenset(lex["status_words"]["threatened"]),
        previous_words=frozenset(lex["status_words"]["previous"]),
        modals_threat=frozenset(lex["modals_threatened"]),
        modals_proposed=frozenset(lex["modals_proposed"]),
        threat_with_modal=frozenset(lex["verbs_threat_with_modal"]),
        future_proposed=frozenset(lex["future_impose_proposed"]),
        change_preps=frozenset(lex["change_preps"]),
        change_nouns=frozenset(lex["change_nouns"]),
        previous_preps=frozenset(lex["previous_preps"]),
        target_preps=frozenset(lex["target_preps"]),
        imposer_preps=frozenset(lex["imposer_preps_in_goods"]),
        relative=frozenset(lex["relative_pronouns"]),
        previous_adverbs=frozenset(lex["previous_adverbs"]),
        suspend_words=frozenset(lex["suspend_words"]),
        epistemic_verbs=frozenset(lex["epistemic_verbs"]),
        persist_verbs=frozenset(lex["persist_verbs"]),
        in_force_words=frozenset(lex["in_force_words"]),
        apply_to_verbs=frozenset(lex["apply_to_verbs"]),
        entry_verbs=frozenset(lex["entry_verbs"]),
        reach_verbs=frozenset(lex["reach_verbs"]),
        change_from=frozenset(lex["change_from_heads"]),
        several=frozenset(lex["several_targets"]),
        several_dets=frozenset(lex["several_determiners"]),
        several_singulars=frozenset(lex["several_singulars"]),
        own_schedule=frozenset(lex["own_schedule_modifiers"]),
        previous_time=frozenset(lex["previous_time_preps"]),
        replace_verbs=frozenset(lex["replace_verbs"]),
        weak_noun_object_verbs=frozenset(lex["weak_noun_object_verbs"]),
        product_deposit_nouns=frozenset(lex["product_deposit_nouns"]),
        article_window=lex["article_roles_window"],
        list_status=lex["list_status_phrases"],
        list_status_re=re.compile(
            r"\b(%s)\b" % "|".join(sorted(map(re.escape, lex["list_status_phrases"]), key=len, reverse=True)),
            re.IGNORECASE,
        ),
        products=products,
        actors=t["tariff_actors.json"]["actors"],
        cx=_context_lexicon(lex["context"]),
    )


def _context_lexicon(c: dict) -> SimpleNamespace:
    return SimpleNamespace(
        min_doc_keywords=c["min_doc_keywords"],
        rate_nouns=frozenset(c["rate_nouns"]),
        change_nouns=frozenset(c["change_nouns"]),
        pay_verbs=frozenset(c["pay_verbs"]),
        move_verbs=frozenset(c["move_verbs"]),
        subject_goods=frozenset(c["subject_goods_words"]),
        non_tariff=frozenset(c["non_tariff_words"]),
        bullets=tuple(c["list_bullets"]),
        headline_kw=re.compile(r"\A%s\Z" % c["headline_keyword_regex"], re.IGNORECASE),
        headline_after=c["headline_after_words"],
        combined_words=frozenset(c["combined_words"]),
    )


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
    _carry_roles(found)
    _harmonise_status(found, text)
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


def _loose_subject(V: Token, lo: int = 0) -> Token | None:
    """``V``'s subject, or when the parse gave none (a bullet run into the line before) the
    noun just before it, over adverbs (``- Japanese cars now pay 15%`` -> cars)."""
    subj = _subject(V)
    if subj is not None:
        return subj
    k = V.i - 1
    while k > lo and k > V.i - 3 and V.doc[k].pos_ == "ADV":
        k -= 1
    return V.doc[k] if k >= lo and V.doc[k].pos_ in _NOUNS else None


def _goods_pay(sent: Span) -> bool:
    """True when goods from a named country pay or face a percentage (``Japanese cars now pay
    15%``): a sentence read through the context rules though no tariff word is near."""
    lex = _lex()
    cx = lex.cx
    goods = {w for w in cx.subject_goods if w not in ("it", "they", "that", "this")}
    for t in sent:
        if t.lower_ not in cx.pay_verbs or t.pos_ not in _VERBS:
            continue
        if not any(c.dep_ == "dobj" and c.like_num or c.dep_ == "dobj" and any(g.like_num for g in c.children)
                   for c in t.children):
            continue
        subj = _loose_subject(t, sent.start)
        if subj is None or not (subj.lower_ in goods or subj.lower_ in lex.goods or subj.lower_ in lex.products):
            continue
        if any(c.ent_type_ in ("GPE", "NORP") for c in subj.children if c.dep_ in ("amod", "compound", "poss", "nmod")):
            return True
    return False


def _harmonise_status(found: list[_Mention], text: str) -> None:
    """Status agreements across the article.

    - ``threatened to raise tariffs back to 25% from 15%``: the ``from`` rate of a threatened
      or proposed change is the rate in force, not a previous one.
    - A rate read as ``proposed`` that the article elsewhere gives as ``threatened`` (same
      rate, same imposer) is the same threat.
    """
    for a, b in zip(found, found[1:]):
        if b.start - a.end > 12:
            continue
        gap = text[a.end : b.start].strip().lower()
        if gap == "from" and a.status in ("threatened", "proposed") and b.status == "previous":
            b.status = "imposed"
    threats = {(m.rate, m.imposer) for m in found if m.status == "threatened"}
    for m in found:
        if m.status == "proposed" and (m.rate, m.imposer) in threats:
            m.status = "threatened"


def _phrase_roles(tok: Token, ctx: "_Context") -> tuple[str | None, str | None]:
    """(imposer, target) a tariff phrase names, with or without a rate (``heightened tariffs on
    Chinese imports``, ``Trump imposed tariffs on Japan``)."""
    targets, imposers = _tariff_np_roles(tok, ctx)
    V = _governing_verb(tok)
    if V is not None and V.lower_ in _lex().impose:
        subj = _subject(V)
        if subj is not None:
            imposers.append(ctx.country_of(subj))
        for c in V.children:
            if c.dep_ == "prep" and c.lower_ in _lex().target_preps:
                targets += [t for p in c.children if p.dep_ == "pobj" for t in _goods_roles(p, ctx)[0]]
    imposer = next((c for c in imposers if c), None)
    if _SEVERAL in targets:
        return imposer, None
    return imposer, next((c for c in targets if c and c != imposer), None)


@dataclass
class _Phrase:
    """A tariff phrase of the article (with or without a rate) and the roles it names."""

    start: int
    imposer: str | None
    target: str | None


def _article_roles(found: list[_Mention], ctx: "_Context", sents: list) -> None:
    """A rate whose sentence names neither party (``The current 10% reciprocal tariff remains in
    effect``) takes the roles of the nearest tariff phrase before it in the article (``the
    suspension of heightened tariffs on Chinese imports``), one without a rate too."""
    window = _lex().article_window
    phrases = _tariff_phrases(sents, ctx)
    starts = [p.start for p in phrases]
    for m in found:
        if m.imposer is not None or m.target is not None or m.several:
            continue
        i = bisect_left(starts, m.start) - 1
        if i >= 0 and m.start - phrases[i].start <= window:
            m.imposer, m.target = phrases[i].imposer, phrases[i].target
            if m.imposer is None:
                m.imposer = next((p.imposer for p in reversed(phrases[: i + 1]) if p.imposer), None)
    if all(m.imposer is None for m in found):
        # No rate or tariff phrase names an imposer: the country of the article's leading actor
        # ("President Donald J. Trump ... imposes", a government fact sheet)
        leader = _article_actor(ctx)
        for m in found:
            if leader is not None and m.target != leader:
                m.imposer = leader


def _tariff_phrases(sents: list, ctx: "_Context") -> list[_Phrase]:
    """The article's tariff phrases that name a party, in text order."""
    phrases = []
    for sent in sents:
        for tok in sent:
            if tok.pos_ in _NOUNS and _is_strong(tok):
                imposer, target = _phrase_roles(tok, ctx)
                if imposer or target:
                    phrases.append(_Phrase(tok.idx, imposer, target))
    return phrases


def _article_actor(ctx: "_Context") -> str | None:
    """Country of the person the article names most often among known tariff actors."""
    actors = _lex().actors
    counts = Counter()
    for ent in ctx.ents:
        if ent.label_ == "PERSON":
            code = actors.get(ent.text) or actors.get(ent[-1].text)
            if code:
                counts[code] += 1
    return counts.most_common(1)[0][0] if counts else None


def _carry_roles(found: list[_Mention]) -> None:
    """Roles the sentence leaves open, taken from the article (``found`` in text order).

    A rate whose sentence names no imposer takes the article's usual imposer (the one most
    rates name) that is not its own target; one that names no target takes the target of the
    nearest earlier rate with the same imposer (``U.S. tariffs on Japan ... the combined rate
    falls to 15%``)."""
    counts = Counter(m.imposer for m in found if m.imposer)
    if not counts:
        return  # (nothing to carry; "_several" marks are dropped by the caller)
    for m in found:
        if m.imposer is None:
            m.imposer = next((c for c, _ in counts.most_common() if c != m.target), None)
    last_target: dict[str, str] = {}
    for m in found:
        if m.target is None:
            if not m.several:
                m.target = last_target.get(m.imposer)
        elif m.imposer and not m.row:  # a list row's country is that row's alone
            last_target[m.imposer] = m.target
    for m in found:
        if m.target == m.imposer:
            m.target = None


class _Context:
    """Per-document caches: entity of a token, country of a person."""

    def __init__(self, doc: Doc, heavy: bool = False):
        self.doc = doc
        self.text = doc_text(doc)
        self.heavy = heavy  # a tariff article: context rules apply to every sentence
        self._persons: dict[str, str | None] = {}
        self._intros: dict[tuple[int, int], tuple[str | None, str | None]] = {}
        # doc.ents and span.ents rebuild every entity on each call: list them once.
        self.ents = list(doc.ents)
        self._ent_starts = [e.start for e in self.ents]

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span`` (``span.ents`` without rebuilding the document's)."""
        i = bisect_left(self._ent_starts, span.start)
        out = []
        while i < len(self.ents) and self.ents[i].start < span.end:
            if self.ents[i].end <= span.end:
                out.append(self.ents[i])
            i += 1
        return out

    def ent_of(self, tok: Token) -> Span | None:
        if tok.ent_iob_ == "O" or not tok.ent_type_:
            return None
        doc = self.doc
        start = tok.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = tok.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end]

    def code(self, text: str) -> str | None:
        """Country of a name: a country word or a known actor (``Trump`` -> ``US``)."""
        text = text.strip()
        if not text or not (text[0].isupper() or text[:4] == "the "):
            return None
        code = country_code(text)
        if code is None:
            actors = _lex().actors
            bare = re.sub(r"^(?:the|The)\s+|['\u2019]s?$", "", text)
            code = actors.get(text) or actors.get(bare)
        return code

    def country_of(self, tok: Token, depth: int = 0) -> str | None:
        """Country that ``tok`` names or stands for (``Japan``, ``Japanese``, ``Washington``,
        ``Trump``, ``the Trump administration``, ``U.S. President ...``), else None."""
        ent = self.ent_of(tok)
        if ent is not None:
            code = self._entity_country(tok, ent)
        elif tok.pos_ in ("PROPN", "ADJ", "NOUN") or tok.text[:1].isupper():
            code = self.code(tok.text)
        else:
            code = None
        if code is not None:
            return code
        if depth < 2 and (tok.lower_ in _lex().actor_nouns or tok.pos_ == "PROPN"):
            # "the Trump administration", "Japan's government"
            for child in tok.children:
                if child.dep_ in ("compound", "poss", "amod", "nmod") and child.i < tok.i:
                    code = self.country_of(child, depth + 1)
                    if code is not None:
                        return code
        return None

    def _entity_country(self, tok: Token, ent: Span) -> str | None:
        """Country of the entity holding ``tok``: its name, one of its words, a person's title."""
        code = self.code(ent.text)
        if code is None and len(ent) > 1:
            code = self.code(tok.text) or next((c for c in (self.code(t.text) for t in ent) if c), None)
        if code is None and ent.label_ == "PERSON":
            code = self.person_country(ent)
        return code

    def intro_imposer(self, offsets: tuple[int, int]) -> str | None:
        """Country of the subject of a list's heading (``Canada still applies its own
        counter-tariffs:`` -> CA)."""
        span = self.doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
        if span is None:
            return None
        for tok in span:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in _VERBS:
                code = self.country_of(tok)
                if code is not None:
                    return code
        return None

    def intro_roles(self, offsets: tuple[int, int]) -> tuple[str | None, str | None]:
        """(imposer, target) a list's heading names (``Where U.S. tariffs on Mexico stand:``)."""
        if offsets in self._intros:
            return self._intros[offsets]
        imposer = self.intro_imposer(offsets)
        target = None
        span = self.doc.char_span(offsets[0], offsets[1], alignment_mode="expand")
        for tok in span if span is not None else ():
            if tok.pos_ in _NOUNS and _is_strong(tok):
                targets, imposers = _tariff_np_roles(tok, self)
                imposer = imposer or next((c for c in imposers if c), None)
                target = target or next((c for c in targets if c and c != imposer), None)
        self._intros[offsets] = (imposer, target)
        return imposer, target

    def label_roles(self, a: int, b: int) -> tuple[str | None, str | None, bool]:
        """(imposer, target, several) named by a list line's label: ``U.S. on Canadian steel``
        (imposer US, target CA), ``Canada on steel from countries without a deal`` (several),
        a company (``BYD``: its home country is the target)."""
        text = self.text
        label = text[a:b].strip()
        if not label:
            return None, None, False
        m = re.search(r"\son\s", label)
        imposer = None
        if m is not None:
            imposer = self.code(label[: m.start()])
            a = a + (len(text[a:b]) - len(text[a:b].lstrip())) + m.end()
        span = self.doc.char_span(a, b, alignment_mode="expand")
        lex = _lex()
        target, several = None, False
        for tok in span if span is not None else ():
            if tok.lower_ in lex.several:
                several = True
                break
            code = self.country_of(tok)
            if code is not None and code != imposer:
                target = code
                break
        if target is None and not several and m is None:
            target = _company_countries().get(label.split("(")[0].strip())
        return imposer, target, several

    def person_country(self, ent: Span) -> str | None:
        """Country of a person from a title somewhere in the document (``U.S. President X``)."""
        key = ent[-1].text
        if key in self._persons:
            return self._persons[key]
        code = None
        for other in self.ents:
            if other.label_ != "PERSON" or other[-1].text != key:
                continue
            code = self._title_country(other)
            if code is not None:
                break
        self._persons[key] = code
        return code

    def _title_country(self, ent: Span) -> str | None:
        root = ent.root
        pool = []
        for child in root.children:
            if child.i < ent.start and child.dep_ in ("compound", "amod", "poss", "nmod"):
                pool.extend(child.subtree)
            elif child.dep_ == "appos":
                pool.extend(child.subtree)
        if root.dep_ == "appos":
            pool.extend(t for t in root.head.subtree if not (ent.start <= t.i < ent.end))
        for t in pool:
            if ent.start <= t.i < ent.end:
                continue
            sub = self.ent_of(t)
            text = sub.text if sub is not None and sub.label_ != "PERSON" else t.text
            code = self.code(text)
            if code is not None:
                return code
        return None


# ---------------------------------------------------------------- is this rate a tariff?


def _is_strong(tok: Token) -> bool:
    return tok.lower_ in _lex().strong


def _weak_ok(tok: Token) -> bool:
    """A weak noun (``rate``, ``baseline``, ``tax``) that the parse shows to be a tariff."""
    lex = _lex()
    if tok.lower_ not in lex.weak:
        return False
    if tok.lower_ in lex.markers:
        return True
    return any(_marks_tariff(tok, child) for child in tok.children) or _tariff_by_head(tok)


def _marks_tariff(tok: Token, child: Token) -> bool:
    """A dependent that makes weak noun ``tok`` a tariff: a tariff modifier (``reciprocal
    rate``), a product's deposits, a target phrase naming goods or a country."""
    lex = _lex()
    if child.dep_ in ("compound", "amod", "nmod", "npadvmod") and (
        child.lower_ in lex.markers or child.lower_ in lex.strong
    ):
        return True
    if child.dep_ == "compound" and tok.lower_ in lex.product_deposit_nouns and child.lower_ in lex.products:
        return True  # "the pork deposits" (anti-dumping cash deposits on a product)
    if child.dep_ == "prep" and child.lower_ in lex.target_preps:
        return any(t.lower_ in lex.goods or t.lower_ in lex.products or t.ent_type_ in ("GPE", "NORP")
                   for t in child.subtree)
    return False


def _tariff_by_head(tok: Token) -> bool:
    """Weak noun ``tok`` is a tariff by what it hangs from: ``tariffs at a rate of 15%``, a
    tariff's apposition, the object of ``impose``."""
    head = tok.head
    if tok.dep_ == "pobj" and head.head.pos_ in _NOUNS and _is_strong(head.head):
        return True  # "tariffs at a rate of 15%"
    if tok.dep_ in ("appos", "attr", "conj") and _is_strong(head):
        return True
    return tok.dep_ == "dobj" and head.lower_ in _lex().weak_noun_object_verbs


def _is_key(tok: Token) -> bool:
    return tok.pos_ in _NOUNS and (_is_strong(tok) or _weak_ok(tok)) or tok.lower_ in _lex().strong


@dataclass
class _Row:
    """The list line or table row holding a rate (character offsets into the text)."""

    label: tuple[int, int] | None  # the words before ":" or the first cell
    rest: tuple[int, int]  # the rest of the line after the rate
    table: bool  # a table row ("| 25% | in force")
    intro: tuple[int, int] | None  # the line ending in ":" that introduces the list


@dataclass(eq=False)
class _Rate:
    """One percentage in a candidate sentence and what the parse says about it."""

    pct: dict  # the percentage (find_percentages)
    span: Span  # its tokens
    text: str = ""  # the document's text
    root: Token = field(init=False)  # the percentage's head token
    noun: Token = field(init=False)  # the noun the rate modifies ("tariff" in "a 15% tariff"), else root
    tariff: Token | None = None  # the tariff noun
    verb: Token | None = None  # the verb governing the tariff
    decision: str | None = None  # "yes", "no" or None (undecided)
    link: Token | None = None  # another rate's token this one depends on
    bare: bool = field(init=False)  # first number of "10 to 15 percent"
    intro_imposer: str | None = None  # imposer named by a list's heading
    row: _Row | None = None  # the list line / table row holding the rate
    actor: Token | None = None  # a name that imposes the rate in a reduced relative clause
    clause: Token | None = None  # that clause's verb

    def __post_init__(self):
        self.root = self.noun = self.span.root
        self.bare = not _MARK.search(self.pct["text"])


def _climb_to_verb(tok: Token, steps: int = 3) -> Token:
    """Walk up from an adjective/adverb/preposition to the first verb or noun."""
    while steps and tok.pos_ not in _VERBS and tok.pos_ not in _NOUNS and tok.head.i != tok.i:
        tok = tok.head
        steps -= 1
    return tok


def _tie_to_noun(rate: _Rate, noun: Token, pct_roots: dict[int, _Rate]) -> bool:
    """``noun`` is a tariff noun (the rate is a tariff) or another rate's (the rate follows
    it): True when either says so."""
    if _is_key(noun):
        rate.decision, rate.tariff = "yes", noun
        return True
    if noun.i in pct_roots and pct_roots[noun.i] is not rate:
        rate.link = noun  # "25% and 15% tariffs" parsed oddly
        return True
    return False


def _changed_tariff(change: Token) -> Token | None:
    """The tariff noun of a change noun: ``a reduction of the tariff on its cars``."""
    return next((g for c in change.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "on")
                 for g in c.children if g.dep_ == "pobj" and _is_key(g)), None)


def _verb_rule(rate: _Rate, V: Token, pct_roots: dict[int, _Rate], depth: int = 0) -> None:
    """Decide a bare rate attached to verb ``V`` (``raised tariffs to 25%``)."""
    V = _climb_to_verb(V)
    if V.pos_ in _NOUNS:
        if not _tie_to_noun(rate, V, pct_roots):
            rate.decision = "no"
        return
    if V.pos_ not in _VERBS:
        rate.decision = "no"
        return
    own = set(t.i for t in rate.noun.subtree)
    dobj = _object(V, own)
    if dobj is not None and _object_rule(rate, V, dobj, pct_roots):
        return
    subj = _verb_subject(V, own)
    if _subject_rule(rate, V, subj, pct_roots, depth):
        return
    if depth == 0 and subj is None and V.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp") and V.head.i != V.i:
        _verb_rule(rate, V.head, pct_roots, depth + 1)  # "plans to raise tariffs to 50%"
        if rate.decision == "yes" and rate.verb is not None and rate.verb.i == V.head.i:
            rate.verb = V
        return
    rate.decision = "no"


def _verb_subject(V: Token, own: set[int]) -> Token | None:
    """``V``'s subject outside the rate's phrase; a headline glued to the sentence can give the
    verb two subjects: the tariff word is preferred."""
    subjects = [c for c in V.children if c.dep_ in _SUBJ_DEPS and c.i not in own]
    return next((c for c in subjects if _is_key(c)), subjects[0] if subjects else None)


def _object_rule(rate: _Rate, V: Token, dobj: Token, pct_roots: dict[int, _Rate]) -> bool:
    """Decide the rate by the verb's object (``raised tariffs to 25%``, ``pushed inflation to
    3%``); False when the object says nothing."""
    if _is_key(dobj):
        rate.decision, rate.tariff, rate.verb = "yes", dobj, V
        return True
    if dobj.lower_ in _lex().change_nouns and _via_to_from(rate):
        # "won a reduction of the tariff on its cars to 15 percent"
        K = _changed_tariff(dobj)
        if K is not None:
            rate.decision, rate.tariff, rate.verb = "yes", K, V
            return True
    if dobj.i in pct_roots:
        rate.link = dobj
        return True
    if dobj.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") and dobj.pos_ != "PRON":
        rate.decision = "no"  # "pushed inflation to 3%"
        return True
    return False


def _subject_rule(rate: _Rate, V: Token, subj: Token | None, pct_roots: dict[int, _Rate], depth: int) -> bool:
    """Decide the rate by the verb's subject or the verb itself: ``tariffs rose to 25%``, ``the
    duty stands at 10%``, ``Washington imposed 25%``; not ``tariffs could shave 0.5% off growth``."""
    lex = _lex()
    P = rate.root
    via_prep = P.dep_ == "pobj" and P.head.lower_ in ("to", "at", "from", "of", "around", "near")
    if subj is not None and _is_key(subj) and (via_prep or V.lower_ in _COPULAS or V.lower_ in lex.reach_verbs or depth > 0):
        rate.decision, rate.tariff, rate.verb = "yes", subj, V
        return True
    if subj is not None and subj.i in pct_roots:
        rate.link = subj
        return True
    if V.lower_ in lex.impose or V.lower_ in lex.target_subject:
        if subj is None or subj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or subj.pos_ in ("PRON", "PROPN"):
            rate.decision, rate.verb = "yes", V
            return True
    return False


def _trailing_clause(doc: Doc, i: int) -> tuple[Token, Token] | None:
    """(name, verb) of a relative clause without ``that`` starting at token ``i``: ``(the 25%)
    Trump had threatened``, ``(the 50% levy) Washington applies to all countries``. The parser
    often takes the name for a noun the rate modifies or for a new clause's subject."""
    if i >= len(doc) or doc[i].pos_ != "PROPN" or doc[i].ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
        return None
    name = doc[i]
    k = i + 1
    while k < len(doc) and k < i + 4 and doc[k].ent_iob_ == "I":
        name = doc[k]  # "Donald Trump"
        k += 1
    lex = _lex()
    for k in range(k, min(len(doc), k + 3)):
        t = doc[k]
        if t.pos_ == "VERB" and t.lower_ in lex.impose:
            return name, t
        if t.pos_ != "AUX":
            break
    return None


def _reduced_relative(rate: _Rate, N: Token) -> bool:
    """``the 25% Trump had threatened``: the name after the rate heads a clause on the rate.
    Sets the rate's verb and its actor."""
    if N.i != rate.span.end:
        return False
    clause = _trailing_clause(N.doc, N.i)
    if clause is None:
        return False
    rate.actor, rate.verb = clause
    rate.clause, rate.decision = rate.verb, "yes"
    return True


def _via_to_from(rate: _Rate) -> bool:
    return rate.root.dep_ == "pobj" and rate.root.head.lower_ in ("to", "from")


def _modified_noun(P: Token) -> Token:
    """The noun the percentage modifies (``tariff`` in ``a 15% tariff``, ``25% counter-tariffs``),
    else the percentage itself."""
    N = P
    for _ in range(3):
        if N.dep_ in _MOD_DEPS and N.head.i != N.i and N.head.pos_ in _NOUNS:
            N = N.head
            if _is_strong(N):
                break
        else:
            break
    doc = N.doc
    if not _is_key(N) and N.i + 2 < len(doc) and doc[N.i + 1].text in ("-", "\u2010") and _is_strong(doc[N.i + 2]):
        N = doc[N.i + 2]  # "25% counter-tariffs" split into counter / - / tariffs
    return N


def _classify(rate: _Rate, pct_roots: dict[int, _Rate]) -> None:
    """Decide a rate by the parse: the noun it modifies, else the word it hangs from."""
    P = rate.root
    rate.noun = N = _modified_noun(P)
    if N is not P:
        if not _tie_to_noun(rate, N, pct_roots) and not _reduced_relative(rate, N):
            # (a reduced relative: "down from the 25% Trump had threatened")
            rate.decision = "no"  # "a 20 percent share"
        return
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children) for c in P.children):
        rate.decision = "no"  # "2% of GDP", "95% of goods"
        return
    head, dep = P.head, P.dep_
    if dep == "pobj":
        _prep_rule(rate, head, pct_roots)
    elif dep in ("appos", "conj"):
        if not _tie_to_noun(rate, head, pct_roots):
            if head.pos_ in _VERBS:
                _verb_rule(rate, head, pct_roots)  # "tariffs of 20% on Vietnam and 19% on Indonesia"
            else:
                rate.decision = "no"
    elif dep in ("attr", "acomp", "oprd"):
        subj = next((c for c in head.children if c.dep_ in _SUBJ_DEPS), None)
        if subj is not None and _is_key(subj):
            rate.decision, rate.tariff, rate.verb = "yes", subj, head
        else:
            rate.decision = "no"
    elif head.i == P.i:
        rate.decision = "no"
    else:
        _verb_rule(rate, head, pct_roots)


def _prep_rule(rate: _Rate, prep: Token, pct_roots: dict[int, _Rate]) -> None:
    """Decide a rate that is a preposition's object (``tariffs of 25%``, ``raised ... to 25%``)."""
    G = prep.head
    if prep.lower_ in _lex().change_preps and G.pos_ in _VERBS:
        rate.decision = "no"  # "raised tariffs by 10%": a change, not a rate
    elif G.pos_ not in _NOUNS:
        _verb_rule(rate, G, pct_roots)
    elif _tie_to_noun(rate, G, pct_roots):
        pass
    elif G.lower_ in _lex().change_nouns and prep.lower_ in ("to", "from"):
        # "a reduction of the tariff on its cars to 15 percent"
        K = _changed_tariff(G)
        rate.decision, rate.tariff = ("yes", K) if K is not None else ("no", None)
    else:
        rate.decision = "no"



# ---------------------------------------------------------------------------- attributes


_CUES = ("threatened", "proposed")  # the statuses a cue word gives over any other reading


def _verb_status(v: Token, pluperfect: bool = False) -> str | None:
    """Status cue of one verb (or noun/adjective) with its auxiliaries and adverbs.

    ``pluperfect``: ``had`` + participle is a past level (``deposits had run from 30.6%``);
    only for the verb that gives the rate (in a relative clause, ``a tariff that had taken
    effect``, it only dates the tariff)."""
    lex = _lex()
    word = v.lower_
    aux = [c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")]
    if _past_level(v, aux, pluperfect):
        return "previous"  # "had been 25%", "deposits had run from 30.6%" (pluperfect)
    if word in lex.persist_verbs:
        return "imposed"  # "the 25% tariff would stay"
    modal = _modal_status(word, aux)
    if modal is not None:
        return modal
    st = lex.status.get(word)
    if st in _CUES:
        return st
    if any(c.lower_ in lex.previous_adverbs for c in v.children if c.dep_ in ("advmod", "npadvmod")):
        return "previous"
    if word in lex.suspend_words:
        return "suspended"  # a suspended rate that may come back: status null
    return st


def _past_level(v: Token, aux: list[str], pluperfect: bool) -> bool:
    """``had been``, ``had`` + participle (when ``pluperfect``), not of a threat word."""
    word = v.lower_
    return "had" in aux and (word == "been" or "been" in aux or (pluperfect and v.tag_ == "VBN")) and (
        word not in _lex().threat_words
    )


def _modal_status(word: str, aux: list[str]) -> str | None:
    """``could face`` -> threatened, ``would impose`` -> proposed, ``would threaten`` ->
    threatened; None without a modal."""
    lex = _lex()
    if any(a in lex.modals_threat for a in aux):
        return "threatened" if word in lex.threat_with_modal or word in lex.threat_words else "proposed"
    if any(a in lex.modals_proposed for a in aux):
        return "threatened" if word in lex.threat_words else "proposed"
    return None


def _own_status(rate: _Rate) -> str | None:
    """Status from the rate's own modifiers: ``the previous 25%``, ``25% threatened by``."""
    if rate.clause is not None:  # "down from the 25% Trump had threatened": only ever threatened
        st = _verb_status(rate.clause)
        if st in _CUES:
            return st
    prev_from = _from_previous(rate)
    P, N = rate.root, rate.noun
    holders = [P] if N is P else [P, N]
    if rate.tariff is not None and rate.tariff not in holders:
        holders.append(rate.tariff)  # "a threatened increase to 30%"
    for tok in holders:
        st = _holder_status(tok, rate, prev_from)
        if st:
            return st
    # "from 25% to 15%", "down from 27.5%": read the words before the rate, not the parse,
    # which often hangs "to 50%" under "from 25%"
    if prev_from is not None:
        return "previous" if prev_from else None
    return None


def _holder_status(tok: Token, rate: _Rate, prev_from: bool | None) -> str | None:
    """Status from one of the rate's tokens: what replaces it, its clause, its modifiers."""
    lex = _lex()
    top = tok
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head  # "replaces both the 24% tariff and the 10% baseline"
    if top.dep_ in ("dobj", "nsubjpass") and top.head.lower_ in lex.replace_verbs:
        return "previous"
    for c in tok.children:
        if c.dep_ in ("acl", "relcl"):
            st = _verb_status(c)
            # "the duties Brussels set ... had reached 37.6%": a clause on the tariff noun
            # saying it was imposed leaves the rate's own verb to decide
            if st and not ((prev_from or tok is not rate.root and tok is not rate.noun) and st == "imposed"):
                return st
        elif c.dep_ in ("amod", "advmod", "compound", "nmod", "npadvmod"):
            if c.lower_ in lex.in_force_words:
                return "imposed"  # "already 30%", "the existing 10% duty"
            st = lex.status.get(c.lower_)
            if st in ("threatened", "proposed", "previous"):
                return st
    return None


def _from_previous(rate: _Rate) -> bool | None:
    """``to 15% from 39%``, ``down from the 25%``: True when a ``from`` before the rate gives the
    rate before a change; False for another ``to``/``at``/``from`` before it (``shield exporters
    from the 50% tariff``, ``ranging from 15.6%``); None when no such word precedes the rate.
    The words before the rate are read, not the parse, which often hangs ``to 50%`` under
    ``from 25%``; the ``from`` token's head (or the word before it) says whether it is a change."""
    lex = _lex()
    before = _PREP_BEFORE.search(rate.text, max(0, rate.pct["start"] - 30), rate.pct["start"])
    if before is None:
        P = rate.root
        return True if P.dep_ == "pobj" and P.head.lower_ in lex.previous_preps else None
    if before.group(1).lower() not in lex.previous_preps:
        return False
    doc = rate.span.doc
    start = rate.span.start
    frm = next((doc[k] for k in range(start - 1, max(-1, start - 4), -1) if doc[k].lower_ == "from"), None)
    if frm is None:
        return True
    if frm.i > 0 and doc[frm.i - 1].lower_ in lex.change_from:
        return True
    head = frm.head
    if head.lower_ in lex.change_from or head.like_num or head.text in ("%", "\uff05") or head.lower_ in ("cent", "percent"):
        return True
    # "to 15% from 39%": a rate just before the "from" phrase
    k = frm.i - 1
    return k >= 0 and (doc[k].text in ("%", "\uff05") or doc[k].lower_ in ("cent", "percent", "pct"))


def _status(rate: _Rate) -> str | None:
    """The rate's status; a suspended rate has none (the contract has no such status)."""
    if rate.row is not None:
        status = _own_status(rate) or _row_status(rate)
        if status is None:
            status = _read_status(rate)
            V = rate.verb
            line = rate.row.rest
            if V is not None and not (rate.pct["start"] - _MAX_LINE < V.idx < line[1]) or (
                V is not None and rate.text.rfind("\n", V.idx, rate.pct["start"]) >= 0
            ):
                status = "imposed"  # the cue lies on another line of the list
    else:
        status = _read_status(rate)
    return None if status == "suspended" else status


def _read_status(rate: _Rate) -> str | None:
    """The status cues on the rate, on the noun that holds its tariff, then up its clause chain."""
    own = _own_status(rate)
    if own:
        return own
    cue = _cue_noun_status(rate)
    if cue is not None:
        return cue
    if rate.verb is None:
        return "imposed"
    result = _clause_chain_status(rate)
    if result == "suspended":
        return None
    return result or "imposed"


def _cue_noun_status(rate: _Rate) -> str | None:
    """The tariff noun inside a cue noun: ``the threat of 25% tariffs``, ``a 25% tariff plan``."""
    lex = _lex()
    tok = rate.tariff if rate.tariff is not None else rate.noun
    for _ in range(3):
        if tok.dep_ == "pobj":
            tok = tok.head.head
        elif tok.dep_ in ("compound", "nmod", "appos", "conj") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
        if tok.pos_ in _VERBS:
            break
        st = lex.status.get(tok.lower_)
        if st in _CUES:
            return st
    return None


def _tariff_is_agent(rate: _Rate) -> bool:
    """The tariff as the subject of what it does (``a 15% rate would cost carmakers
    billions``): the verb's modal says nothing of the rate's status; the clauses above it may."""
    lex = _lex()
    V = rate.verb
    K = rate.tariff if rate.tariff is not None else rate.noun
    return (
        K.dep_ == "nsubj" and K.head.i == V.i and rate.root.i in set(t.i for t in K.subtree)
        and V.lower_ not in lex.persist_verbs and V.lower_ not in _COPULAS
        and (V.lower_ not in lex.impose or any(c.dep_ == "dobj" for c in V.children))
    )


def _clause_chain_status(rate: _Rate) -> str | None:
    """Status cues of the rate's verb and up to four clauses above it (``Trump threatened to
    raise tariffs to 25%``); a threat or proposal anywhere wins."""
    V = rate.verb
    effect = _tariff_is_agent(rate)
    result = None
    cur, hops = V, 0
    while cur is not None and hops < 4:
        st = None if (effect and cur is V) else _verb_status(cur, pluperfect=cur is V)
        if st in _CUES:
            result = st
        elif result is None and st:
            result = st
        cur = _status_parent(cur, result)
        hops += 1
    return result


def _status_parent(cur: Token, result: str | None) -> Token | None:
    """The clause above ``cur`` whose cues also apply to the rate, or None."""
    if not (cur.dep_ in ("xcomp", "ccomp", "conj", "advcl") and cur.head.i != cur.i and cur.head.pos_ in _VERBS):
        return None
    if cur.dep_ in ("conj", "advcl") and result:
        return None
    if cur.dep_ == "ccomp" and cur.head.lower_ in _lex().epistemic_verbs:
        return None  # "estimates suggest that ... will pay 50%"
    return cur.head


def _goods_roles(tok: Token, ctx: _Context, depth: int = 0) -> tuple[list, list]:
    """(targets, imposers) named inside a goods phrase: ``Indian imports``, ``imports from
    China``, ``Japan's cars``, ``exports to the United States``."""
    lex = _lex()
    if depth > 3:
        return [], []
    if tok.lower_ in lex.several or _universal(tok):
        return [_SEVERAL], []  # "applies to all countries": no one target
    votes = _Votes()
    code = ctx.country_of(tok)
    if code is not None:
        if _coordinated_countries(tok, code, ctx):
            return [_SEVERAL], []  # "imports from Canada and Mexico": one rate, several countries
        votes.targets.append(code)
    for child in tok.children:
        dep = child.dep_
        if dep in ("amod", "compound", "poss", "nmod", "npadvmod", "advmod", "dep") and child.i < tok.i:
            _goods_modifier_votes(tok, child, ctx, depth, votes)
        elif dep == "prep":
            for pobj in child.children:
                if pobj.dep_ != "pobj":
                    continue
                t2, i2 = _goods_roles(pobj, ctx, depth + 1)
                if child.lower_ in lex.imposer_preps:
                    votes.imposers += t2  # "exports to the United States": the importer
                else:
                    votes.add((t2, i2))
        elif dep in ("acl", "conj"):
            votes.add(_goods_roles(child, ctx, depth + 1))
    return votes.targets, votes.imposers


def _goods_modifier_votes(tok: Token, child: Token, ctx: _Context, depth: int, votes: _Votes) -> None:
    """A modifier of a goods noun: a country (``Indian imports``), else a phrase to read."""
    c = ctx.country_of(child)
    if c is None:
        votes.add(_goods_roles(child, ctx, depth + 1))
    elif tok.lower_ in ("imports", "import") and child.ent_type_ == "GPE" and child.dep_ != "amod":
        votes.imposers.append(c)  # "U.S. imports of steel": the importer
    elif any(g.i < tok.i and ctx.country_of(g) not in (None, c) for g in child.conjuncts):
        votes.targets.append(_SEVERAL)  # "Thai and Indonesian products": one rate, several countries
    else:
        votes.targets.append(c)


def _universal(tok: Token) -> bool:
    """``any country``, ``every trading partner``: a singular country noun read as all of them."""
    lex = _lex()
    return tok.lower_ in lex.several_singulars and any(
        c.dep_ == "det" and c.lower_ in lex.several_dets for c in tok.children
    )


def _coordinated_countries(tok: Token, code: str, ctx: _Context) -> bool:
    """``Canada and Mexico``, ``charge Mexico and Canada``: a country coordinated with another."""
    return any(ctx.country_of(c) not in (None, code) for c in tok.conjuncts)


def _own_schedule(rate: _Rate) -> bool:
    """``the UK average applied tariff``, ``its MFN rate``: a country's own schedule on all."""
    K = rate.tariff if rate.tariff is not None else rate.noun
    lex = _lex()
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in lex.own_schedule for c in K.children)


def _subject(V: Token) -> Token | None:
    """Subject of ``V``: its own, the antecedent of a relative pronoun, the controller of an
    infinitive (``Trump threatened to impose``), the matrix subject for a pronoun (``Trump
    said he would impose``)."""
    subj = next((c for c in V.children if c.dep_ in _SUBJ_DEPS), None)
    if subj is None:  # "The U.S. levies a 2.5% duty" parsed as a compound
        subj = next((c for c in V.children if c.dep_ == "compound" and c.i < V.i and c.ent_type_), None)
    if subj is not None and subj.lower_ in _lex().relative and V.dep_ == "relcl":
        return V.head
    for _ in range(3):
        if not (_open_subject(subj) and _embedded_clause(V)) or (subj is None and V.dep_ == "ccomp"):
            break
        V = V.head
        subj = next((c for c in V.children if c.dep_ in _SUBJ_DEPS), None) or subj
    return subj


def _open_subject(subj: Token | None) -> bool:
    """No subject, or a pronoun standing for the matrix clause's (``Trump said he would``)."""
    return subj is None or (subj.pos_ == "PRON" and subj.lower_ in _PRONOUNS)


def _embedded_clause(V: Token) -> bool:
    """``V`` heads a clause inside another verb's (``threatened to impose``)."""
    return V.dep_ in ("xcomp", "conj", "advcl", "ccomp") and V.head.i != V.i and V.head.pos_ in _VERBS


@dataclass
class _Votes:
    """Countries the parse names as the target or the imposer of one rate, in reading order;
    ``late`` imposers (country modifiers of the tariff noun) count after the others."""

    targets: list = field(default_factory=list)
    imposers: list = field(default_factory=list)
    late: list = field(default_factory=list)

    def add(self, roles: tuple[list, list]) -> None:
        """Add a ``(targets, imposers)`` pair."""
        self.targets += roles[0]
        self.imposers += roles[1]


def _roles(rate: _Rate, ctx: _Context) -> tuple[list, list]:
    """(imposers, targets) the parse names for the rate, best first."""
    votes = _Votes()
    _own_clause_votes(rate, ctx, votes)
    _frame_votes(rate, ctx, votes)
    if rate.verb is not None and rate.verb.pos_ in _VERBS:
        _verb_votes(rate, ctx, votes)
    imposers = [c for c in votes.imposers + votes.late if c]
    targets = [c for c in votes.targets if c]
    if _own_schedule(rate):
        targets = [_SEVERAL]
    return imposers, targets


def _frame(rate: _Rate) -> list[Token]:
    """The rate's own tokens: the percentage, the noun it modifies, the tariff noun."""
    return list(dict.fromkeys([rate.root, rate.noun] + ([rate.tariff] if rate.tariff is not None else [])))


def _own_clause_votes(rate: _Rate, ctx: _Context, votes: _Votes) -> None:
    """1. the rate's own clause: ``the 25% threatened by Trump``, ``the duties Brussels set``."""
    lex = _lex()
    for tok in _frame(rate):
        for c in tok.children:
            if c.dep_ not in ("acl", "relcl"):
                continue
            for a in c.children:
                if a.dep_ == "agent":
                    votes.imposers += [ctx.country_of(p) for p in a.children if p.dep_ == "pobj"]
                elif a.dep_ == "prep" and a.lower_ == "to" and c.lower_ in lex.apply_to_verbs:
                    # "the 50% levy Washington applies to all countries"
                    votes.targets += [t for p in a.children if p.dep_ == "pobj" for t in _goods_roles(p, ctx)[0]]
            subj = next((s for s in c.children if s.dep_ in _SUBJ_DEPS), None)
            if subj is not None and subj.lower_ not in lex.relative:
                code = ctx.country_of(subj)
                (votes.targets if c.lower_ in lex.target_subject else votes.imposers).append(code)


def _frame_votes(rate: _Rate, ctx: _Context, votes: _Votes) -> None:
    """2. the tariff noun's own phrase: ``tariffs on Japan``, ``U.S. tariffs``."""
    lex = _lex()
    apply_to = rate.verb is not None and rate.verb.lower_ in lex.apply_to_verbs
    own = rate_tokens(rate)
    for tok in _frame(rate):
        for c in tok.children:
            if c.dep_ == "prep" and (c.lower_ in lex.target_preps | {"from"} or (apply_to and c.lower_ == "to")):
                for pobj in c.children:
                    if pobj.dep_ == "pobj" and pobj.i not in own:
                        votes.add(_goods_roles(pobj, ctx))
            elif c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i and c.i not in own:
                code = ctx.country_of(c)
                if code is not None:
                    votes.late.append(code)
                else:  # "Japanese auto tariffs": the country modifies the product
                    votes.targets += _goods_roles(c, ctx, 1)[0]


def _verb_votes(rate: _Rate, ctx: _Context, votes: _Votes) -> None:
    """3. the governing verb: ``Washington slapped ...``, ``Japanese goods face ...``, ``hit by``."""
    V = rate.verb
    key_tokens = set(x.i for t in _frame(rate) for x in t.subtree)
    subj = _subject(V)
    if subj is not None and subj.i not in key_tokens:
        _subject_votes(V, subj, ctx, votes)
    for c in V.children:
        if c.dep_ == "agent":
            votes.imposers += [ctx.country_of(p) for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ in ("dobj", "dative") and c.i not in key_tokens:
            votes.add(_object_roles(V, c, ctx))
        elif c.dep_ == "prep" and _target_prep(c, V):
            for pobj in c.children:
                if pobj.dep_ == "pobj" and pobj.i not in key_tokens and not _is_number(pobj):
                    votes.add(_goods_roles(pobj, ctx))


def _target_prep(prep: Token, V: Token) -> bool:
    """A preposition of ``V`` that names the target (``on``, ``from``, ``applies to``)."""
    lex = _lex()
    return prep.lower_ in lex.target_preps | {"from"} or (prep.lower_ == "to" and V.lower_ in lex.apply_to_verbs)


def _is_number(tok: Token) -> bool:
    return tok.like_num or tok.lower_ in ("%", "percent")


def _subject_votes(V: Token, subj: Token, ctx: _Context, votes: _Votes) -> None:
    """The verb's subject: the imposer (``Washington slapped``) or, for a passive, a copula or a
    verb like ``face``, the target (``Japanese goods face``)."""
    lex = _lex()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in V.children)
    if _is_key(subj):  # "The American duty is made up of a 25% tariff"
        votes.add(_tariff_np_roles(subj, ctx))
    elif passive or V.lower_ in lex.target_subject or V.lower_ in _COPULAS:
        votes.add(_goods_roles(subj, ctx))
    elif ctx.country_of(subj) is None and subj.lower_ in lex.goods:
        votes.targets += _goods_roles(subj, ctx)[0]  # "Energy resources from Canada will have"
    else:
        votes.imposers.append(ctx.country_of(subj))


def _object_roles(V: Token, obj: Token, ctx: _Context) -> tuple[list, list]:
    """(targets, imposers) of the verb's object."""
    if _is_key(obj):  # "cuts the general U.S. tariff on Swiss goods to 15% from the 39% rate"
        return _tariff_np_roles(obj, ctx)
    if V.lower_ in _lex().entry_verbs:  # "UK-built cars enter the US at 10%"
        return [], _goods_roles(obj, ctx)[0]
    return _goods_roles(obj, ctx)


def _tariff_np_roles(tok: Token, ctx: _Context) -> tuple[list, list]:
    """(targets, imposers) of a tariff noun phrase other than the rate's own: its country
    modifiers impose it (``the U.S. tariff``, ``the American duty``), its ``on``/``against``
    phrase names the target (``on Swiss goods``)."""
    lex = _lex()
    targets, imposers = [], []
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i:
            code = ctx.country_of(c)
            if code is not None:
                imposers.append(code)
            else:
                targets += _goods_roles(c, ctx, 1)[0]
        elif c.dep_ == "prep" and c.lower_ in lex.target_preps | {"from"}:
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    t2, i2 = _goods_roles(pobj, ctx)
                    targets += t2
                    imposers += i2
    return targets, imposers


@derived
def _company_countries(t: Tables) -> dict[str, str]:
    """Home country of the companies the gazetteer knows (name and unambiguous aliases)."""
    out = {}
    for row in t["companies.jsonl"]:
        country = row.get("country")
        if not country:
            continue
        for name in [row.get("name")] + [x for x in row.get("aliases", []) if isinstance(x, str)]:
            if name and not row.get("ambiguous"):
                out.setdefault(name, country)
    return out


def _row_status(rate: _Rate, labels_only: bool = False) -> str | None:
    """Status words on the rate's list line or table row: its label and the cells after it
    (``Threatened: an extra 10%``, ``| 30% | on hold``)."""
    row = rate.row
    lex = _lex()
    best = None
    for a, b in ([row.label] if row.label else []) + ([] if labels_only else [row.rest]):
        m = lex.list_status_re.search(rate.text, a, b)
        if m is not None and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    return lex.list_status[best.group(1).lower()] or "suspended"


def rate_tokens(rate: _Rate) -> set[int]:
    return {t.i for t in rate.span}


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the text line holding ``pos`` (a bullet is its own line)."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


def _fallback_roles(sent: Span, imposers: list, targets: list, ctx: _Context, pos: int = -1):
    """One role known and one other country named in the sentence (on the rate's own line: a
    parse may run two bullets together): it fills the other role."""
    imposer = imposers[0] if imposers else None
    target = next((c for c in targets if c != imposer), None)
    if (imposer is None) == (target is None):
        return imposer, target
    codes = []
    actor_nouns = _lex().actor_nouns
    lo, hi = _line_bounds(ctx.text, pos) if pos >= 0 else (0, len(ctx.text))
    for ent in ctx.ents_in(sent):
        if not lo <= ent.start_char < hi:
            continue
        if ent.label_ == "NORP" and ent.root.head.lower_ not in actor_nouns and ent.root.dep_ != "nsubj":
            continue  # "Russian oil": a goods modifier, not a party to the tariff
        if ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
            code = ctx.country_of(ent.root)
            if code is not None and code not in codes:
                codes.append(code)
    others = [c for c in codes if c not in imposers and c not in targets]
    if len(others) == 1:
        if imposer is None:
            imposer = others[0]
        else:
            target = others[0]
    return imposer, target


def _product(rate: _Rate) -> str | None:
    """The product the rate applies to, from the words of its own phrase and its verb's
    (``auto tariffs``, ``tariffs on steel``, ``Japanese cars pay 15%``)."""
    for tok in _product_words(rate):
        label = _product_label(tok)
        if label is not None:
            return label
    return None


def _product_words(rate: _Rate) -> list[Token]:
    """Where the product is named, in the order read: the tariff noun's modifiers and target
    phrase, then the verb's target phrase and goods subject."""
    lex = _lex()
    P, N, K, V = rate.root, rate.noun, rate.tariff, rate.verb
    own = [c for t in dict.fromkeys((P, N)) for c in t.children if c.dep_ == "prep" and c.lower_ in lex.target_preps]
    if own and K is not N:  # "... and 25% on other goods": the rate's own phrase decides
        K = V = None
    pool: list[Token] = []
    for tok in dict.fromkeys([t for t in (K, N, P) if t is not None]):
        pool.extend(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < tok.i)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in lex.target_preps | {"from"}:
                pool.extend(c.subtree)
    if V is not None and V.pos_ in _VERBS:
        pool += _verb_product_words(V)
    return pool


def _verb_product_words(V: Token) -> list[Token]:
    """``V``'s target phrase and the goods it names as subject (``Japanese cars now pay``)."""
    lex = _lex()
    pool = [t for c in V.children
            if c.dep_ == "prep" and (c.lower_ in lex.target_preps or (c.lower_ == "to" and V.lower_ in lex.apply_to_verbs))
            for t in c.subtree]
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in V.children)
    subj = _subject(V)
    if subj is None and V.lower_ in lex.cx.pay_verbs:
        subj = _loose_subject(V, V.sent.start)
        if subj is not None:
            pool.extend(c for c in subj.children if c.i < subj.i)
            pool.append(subj)
    elif subj is not None and (passive or V.lower_ in lex.target_subject or V.lower_ in _COPULAS):
        pool.extend(subj.subtree)
    return pool


def _product_label(tok: Token) -> str | None:
    """The product class ``tok`` names, as written (``semi-finished copper``, ``auto parts``)."""
    if tok.ent_type_ == "ORG":
        return None  # "Nippon Steel", "Toyota Motor"
    products = _lex().products
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and f"{tok.lower_} {nxt.lower_}" in products:
        return products[f"{tok.lower_} {nxt.lower_}"]
    if tok.lower_ not in products:
        return None
    for c in tok.children:  # "semi-finished copper", "refined copper": the class as written
        if c.dep_ in ("amod", "compound") and c.i < tok.i:
            full = doc[c.left_edge.i : tok.i + 1].text.lower()
            if full in products:
                return products[full]
    return products[tok.lower_]


def _governing_verb(tok: Token) -> Token | None:
    """The verb whose argument the tariff noun is (``slapped`` in ``slapped 50% duties``)."""
    for _ in range(4):
        dep, head = tok.dep_, tok.head
        if head.i == tok.i:
            return None
        if dep == "pobj":
            if head.lower_ in ("against", "over"):
                return None  # "retaliate against the 25% tariff": the verb is not the tariff's
            head = head.head  # the preposition's head
        elif dep not in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "conj", "appos", "prep", "dative"):
            return None
        if head.pos_ in _VERBS:
            return head
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod", "oprd"):  # "subject to"
            tok = head
            dep, head = tok.dep_, tok.head
            if head.pos_ in _VERBS:
                return head
            return None
        if not _is_key(head):
            return None
        tok = head
    return None


# ------------------------------------------------------------------- context rules


def _ctx_words(tok: Token) -> list[Token]:
    """``tok`` with its left modifiers (``the benchmark Selic rate``, ``Japan's economy``)."""
    return [tok] + [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")]


def _attachment(P: Token) -> tuple[Token | None, str]:
    """The word a percentage hangs from and how: (``falls``, ``to``), (``paid``, ``direct``)."""
    if P.dep_ == "pobj" and P.head.i != P.i:
        prep = P.head
        if prep.dep_ in ("prep", "dative", "agent", "quantmod") and prep.head.i != prep.i:
            return prep.head, prep.lower_
        return None, prep.lower_
    if P.dep_ in ("dobj", "attr", "oprd", "acomp", "npadvmod", "advmod", "nsubj", "nsubjpass") and P.head.i != P.i:
        return P.head, "direct"
    return None, ""


def _ctx_excluded(rate: "_Rate") -> bool:
    """True when the words around a percentage say it is no tariff: a share (``36% of
    exports``), a change (``by 5%``, ``0.5% off GDP``), an interest, growth or price rate."""
    non = _lex().cx.non_tariff
    P = rate.root
    if any(c.dep_ == "prep" and c.lower_ in ("of", "off") for c in P.children):
        return True
    head, how = _attachment(P)
    if how in ("by", "off", "than"):
        return True
    return any(t.lower_ in non for t in _ctx_pool(rate, head))


def _ctx_pool(rate: "_Rate", head: Token | None) -> list[Token]:
    """The words that say what a percentage measures: its noun's, its head noun's and what
    that noun is of, or its head verb's subject and object with theirs."""
    pool = _ctx_words(rate.noun)
    if head is None:
        return pool
    if head.pos_ in _NOUNS:
        return pool + _ctx_words(head) + _of_objects(head)
    own = rate_tokens(rate)
    for c in head.children:
        if c.dep_ in _SUBJ_DEPS + ("dobj",) and c.i not in own:
            pool += _ctx_words(c) + _of_objects(c)
    return pool


def _of_objects(tok: Token) -> list[Token]:
    """Objects of ``tok``'s ``of``/``in``/``for`` phrases (``growth in exports``)."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "for")
            for g in c.children if g.dep_ == "pobj"]


def _rate_noun(tok: Token) -> bool:
    return tok.lower_ in _lex().cx.rate_nouns


def _context_rule(rate: "_Rate", ctx: "_Context") -> bool:
    """Decide a percentage the parse did not tie to a tariff noun, from the article's context.

    Sets ``rate.tariff`` / ``rate.verb`` (the rate noun and the verb) when it says yes."""
    if _ctx_excluded(rate):
        return False
    return (
        _rate_noun_rule(rate)
        or _combined_or_goods_rule(rate, ctx)
        or _attachment_rule(rate, ctx)
        or _list_item(rate, ctx)
        or _headline_rule(rate)
    )


def _rate_noun_rule(rate: "_Rate") -> bool:
    """1. the number of a rate noun: ``a 15% rate``, ``rates of 20%``, ``34%, the figure ...``."""
    P, N = rate.root, rate.noun
    G = P.head.head
    if N is not P and _rate_noun(N):
        noun = N
    elif P.dep_ == "pobj" and P.head.lower_ in ("of", "at") and _rate_noun(G) and G.pos_ in _NOUNS:
        noun = G
    else:
        noun = next((c for c in P.children if c.dep_ == "appos" and _rate_noun(c)), None)
    if noun is None:
        return False
    rate.tariff = noun
    return True


def _combined_or_goods_rule(rate: "_Rate", ctx: "_Context") -> bool:
    """``a combined 145%``; in a tariff article, a rate set beside goods (``cars 25%, and steel,
    aluminium and copper 50%``)."""
    lex = _lex()
    P = rate.root
    if any(c.lower_ in lex.cx.combined_words for c in P.children):
        return True
    return P.dep_ in ("appos", "conj") and P.head.pos_ in _NOUNS and (
        P.head.lower_ in lex.products or P.head.lower_ in lex.goods
    ) and ctx.heavy


def _attachment_rule(rate: "_Rate", ctx: "_Context") -> bool:
    """Decide by the word the percentage hangs from: a change noun (``a threatened increase to
    30%``) or a verb of paying or moving."""
    head, how = _attachment(rate.root)
    if head is not None and head.pos_ in ("ADP", "ADV"):
        head = _climb_to_verb(head)  # "bring the rate down to 15%", "run from 30.6% to 39%"
    if head is None:
        return False
    if head.pos_ in _NOUNS:
        if how == "to" and head.lower_ in _lex().cx.change_nouns:
            rate.tariff = head
            return True
        return False
    return head.pos_ in _VERBS and _verb_context_rule(rate, head, how, ctx)


def _verb_context_rule(rate: "_Rate", V: Token, how: str, ctx: "_Context") -> bool:
    """2. what goods pay or face; 3. a rate or goods that move or stay."""
    cx = _lex().cx
    # "Japanese vehicles have paid 27.5%"
    if V.lower_ in cx.pay_verbs and how in ("direct", "at"):
        rate.verb = V
        return True
    # "the combined rate falls to 15%"
    if V.lower_ in cx.move_verbs and (how in ("to", "at", "from") or (how == "direct" and V.lower_ in _COPULAS)):
        if _moving_rate_rule(rate, V, ctx):
            return True
    # "cars will pay the top rate from January 1, up from 20% now"
    if V.lower_ in cx.pay_verbs and how in ("to", "from"):
        arg = _object(V, rate_tokens(rate))
        if arg is not None and _rate_noun(arg):
            rate.tariff, rate.verb = arg, V
            return True
    return False


def _object(V: Token, own: set[int]) -> Token | None:
    """``V``'s direct object outside the rate's own tokens."""
    return next((c for c in V.children if c.dep_ == "dobj" and c.i not in own), None)


def _moving_rate_rule(rate: "_Rate", V: Token, ctx: "_Context") -> bool:
    """The verb's object or subject is a rate or what a rate applies to (``the combined rate
    falls to 15%``, ``Japanese models stay at 15%``)."""
    own = rate_tokens(rate)
    arg = _object(V, own)
    if arg is None:
        arg = _subject(V)
    if arg is None or arg.i in own or not _rate_subject(arg, ctx):
        return False
    if _rate_noun(arg):
        rate.tariff = arg
    rate.verb = V
    return True


def _rate_subject(tok: Token, ctx: "_Context") -> bool:
    """A word that can be what a rate applies to or the rate itself (``rate``, ``goods``,
    ``Japanese models``, ``it``)."""
    lex = _lex()
    cx = lex.cx
    low = tok.lower_
    if _rate_noun(tok) or low in cx.subject_goods or low in lex.goods or low in lex.products:
        return True
    if tok.ent_type_ in ("GPE", "NORP") and ctx.country_of(tok):
        return True
    return any(c.ent_type_ in ("GPE", "NORP") for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod"))


def _list_item(rate: "_Rate", ctx: "_Context") -> bool:
    """A bullet line under a heading that names tariffs or rates (``The headline rates
    include:`` / ``- Vietnam: 46%``). Sets ``rate.intro_imposer`` from the heading."""
    text = ctx.text
    row = _row(text, rate.pct["start"], rate.pct["end"])
    if row is None:
        return False
    intro = row.intro
    if row.label is not None and _label_says_tariff(text, row.label, ctx):
        rate.intro_imposer = ctx.intro_imposer(intro) if intro is not None else None
        return True
    if intro is None:
        return False
    if not (_lex().keyword_re.search(text, *intro) or re.compile(r"\brates?\b", re.IGNORECASE).search(text, *intro)):
        return False
    rate.intro_imposer = ctx.intro_imposer(intro)
    return True


def _label_says_tariff(text: str, label: tuple[int, int], ctx: "_Context") -> bool:
    """The row's own label names a tariff (``- Out-of-quota tariff: 50%``, ``| U.S. duty on
    steel | 50% |``) or, in a tariff article, is just a country (``- Vietnam: 20% on most
    goods``), whatever the list's heading says."""
    a, b = label
    if b - a > 80:
        return False
    words = text[a:b].strip(" -*|\u2022\t")
    non = _lex().cx.non_tariff
    if any(w.lower() in non for w in re.findall(r"[A-Za-z]+", words)):
        return False
    if _lex().keyword_re.search(words):
        return True
    return ctx.heavy and bool(words) and country_code(words) is not None


def _list_intro(text: str, line_start: int, bullets: tuple, table: bool = False) -> tuple[int, int] | None:
    """Offsets of the line ending in ``:`` that introduces the list (or, ``table``, the rows
    with ``|`` cells) holding the line at ``line_start``, or None."""
    end = line_start - 1
    for _ in range(40):
        if end <= 0:
            return None
        ls = _line_start(text, end)
        if ls is None:
            return None
        line = text[ls:end].strip()
        if line and not (line.startswith(bullets) or (table and "|" in line)):
            return (ls, end) if line.endswith(":") else None
        end = ls - 1
    return None


def _row(text: str, start: int, end: int) -> _Row | None:
    """The list line (``- U.S. on Canadian steel: 50% since June``) or table row (``Steel
    (Section 232) | 50% | in force``) holding the rate at ``start``-``end``, or None.

    Gives the row's ``label`` offsets (the words before ``:`` or the first cell), the offsets of
    the rest of the line after the rate, whether it is a ``table`` row and the ``intro`` line
    offsets. Reads the rate's own line only (bounded by ``_MAX_LINE``)."""
    ls = _line_start(text, start)
    if ls is None:
        return None
    prefix = text[ls:start]
    body = prefix.lstrip()
    bullets = _lex().cx.bullets
    le = text.find("\n", end, end + _MAX_LINE)
    le = le if le >= 0 else min(len(text), end + _MAX_LINE)
    if body.startswith(bullets) and body[1:2] in (" ", "\u00a0"):
        a = start - len(body) + 2
        colon = text.find(":", a, start)
        label = (a, colon) if 0 <= colon and colon - a < 80 else None
        return _Row(label, (end, le), False, _list_intro(text, ls, bullets))
    last = prefix.rfind("|")
    if last >= 0 and (prefix.rstrip().endswith("|") or _CELL_LEAD.match(prefix, last + 1)):
        a = ls
        if body.startswith("|"):  # "| label | 50% |": the label is the first cell's words
            a = start - len(body) + 1
        bar = text.find("|", a, start)
        return _Row((a, bar), (end, le), True, _list_intro(text, ls, bullets, table=True))
    return None


_CELL_LEAD = re.compile(r"[ \u00a0]*+(?:about|around|roughly|nearly|some|up to|~)?[ \u00a0]*+\Z", re.IGNORECASE)
_MAX_LINE = 2000  # a list line or heading longer than this is no list line


def _line_start(text: str, pos: int) -> int | None:
    """Start of the line holding ``pos``, or None when it lies more than ``_MAX_LINE`` back
    (keeps the scan linear on texts without line breaks)."""
    lo = max(0, pos - _MAX_LINE)
    i = text.rfind("\n", lo, pos)
    if i < 0:
        return 0 if lo == 0 else None
    return i + 1


def _bullet_label(text: str, start: int) -> str | None:
    """Country that labels the bullet line holding ``start`` (``- Vietnam: 46%`` -> VN)."""
    ls = _line_start(text, start)
    if ls is None:
        return None
    line = text[ls:start].lstrip()
    if not line.startswith(_lex().cx.bullets) or line[1:2] not in (" ", "\u00a0"):
        return None
    label = line[2:].split(":", 1)
    if len(label) == 2 and len(label[0]) < 40:
        return country_code(label[0].strip())
    return None


def _headline_rule(rate: "_Rate") -> bool:
    """A rate next to a tariff word where the parse fails (headlines, capitals): ``15% Tariff
    Deal``, ``100% chip tariff``, ``CAR TARIFF FALLS TO 15%``."""
    lex = _lex()
    cx = lex.cx
    span = rate.span
    doc = span.doc
    # after: up to N modifier words, then the tariff word
    for k in range(span.end, min(len(doc), span.end + cx.headline_after + 1)):
        t = doc[k]
        if t.lower_ in cx.non_tariff:
            break
        if cx.headline_kw.match(t.text):
            return True
        if not (t.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or t.text in ('"', "\u201c", "\u201d", "'", "-")):
            break
    # before: "TARIFF FALLS TO 15%", "the tariff on Japanese cars fell to 15%"
    i = span.start
    if i >= 3 and doc[i - 1].lower_ in ("to", "at") and doc[i - 2].lower_ in cx.move_verbs:
        for k in range(i - 3, max(-1, i - 9), -1):
            t = doc[k]
            if t.lower_ in cx.non_tariff or t.pos_ in _VERBS or (t.is_punct and t.text not in ("-", "'", '"')):
                break
            if cx.headline_kw.match(t.text) and t.lower_ not in ("rate", "rates"):
                return True
    return False


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
    if changed:
        _share_links(rates, pct_roots, also_no=True)
    _share_pairs(rates, ctx.text)


_PAIR_GAP = re.compile(r"[ \u00a0]+(?:from|to|versus|vs\.?)[ \u00a0]+(?:the[ \u00a0]+)?\Z", re.IGNORECASE)


def _share_pairs(rates: list, text: str) -> None:
    """``to 15% from 27.5%``, ``from 25% to 50%``: the two rates of one change are both tariffs
    when one of them is."""
    by_start = sorted((r for r in rates if not r.bare), key=lambda r: r.pct["start"])
    for a, b in zip(by_start, by_start[1:]):
        if b.pct["start"] - a.pct["end"] > 12 or not _PAIR_GAP.search(text, a.pct["end"], b.pct["start"]):
            continue
        for x, y in ((a, b), (b, a)):
            if x.decision == "yes" and y.decision != "yes" and not _ctx_excluded(y):
                y.decision, y.tariff, y.verb = "yes", x.tariff, x.verb


def _share_links(rates: list, pct_roots: dict, also_no: bool = False) -> None:
    """Rates tied to another rate ("lower than the 25%", "25% and 50%") share its decision."""
    for _ in range(2):
        for r in rates:
            if (r.decision is None or (also_no and r.decision == "no" and not _ctx_excluded(r))) and r.link is not None:
                other = pct_roots.get(r.link.i)
                if other is not None and other.decision is not None:
                    r.decision = other.decision
                    r.tariff, r.verb = other.tariff, other.verb


@dataclass
class _Mention:
    """A tariff rate found in a sentence, with the marks the article-level passes read."""

    text: str
    start: int
    end: int
    rate: float
    imposer: str | None
    target: str | None
    status: str | None
    product: str | None
    several: bool = False  # the rate applies to several or all countries: no target carried
    row: bool = False  # on a list line or table row
    named: bool = False  # that row's label names roles or a status

    def record(self) -> dict:
        """The TariffMention dict (ANNOTATION.md)."""
        return {"text": self.text, "start": self.start, "end": self.end, "rate": self.rate,
                "imposer": self.imposer, "target": self.target, "status": self.status,
                "product": self.product}


@dataclass
class _Parties:
    """Imposer and target of one rate while they are being decided."""

    imposer: str | None
    target: str | None
    several: bool = False
    labelled: bool = False  # a bullet's country label or a row label gave a role


def _emit(sent: Span, rates: list, ctx: _Context) -> list[_Mention]:
    """The mentions of the rates decided to be tariffs, in text order, with their attributes."""
    out: list[_Mention] = []
    by_start = sorted(rates, key=lambda r: r.pct["start"])
    for i, r in enumerate(by_start):
        if r.bare and not _take_range_reading(r, by_start[i + 1] if i + 1 < len(by_start) else None):
            continue
        if r.decision != "yes" or r.pct["value"] < 0:
            continue
        _complete_frame(r)
        out.append(_mention(r, sent, ctx, out[-1] if out else None))
    return out


def _take_range_reading(r: _Rate, nxt: _Rate | None) -> bool:
    """The first number of a range (``10 to 15 percent``) takes the second one's reading."""
    if nxt is None or nxt.pct["start"] - r.pct["end"] > 12:
        return False
    if nxt.decision is None and not nxt.bare:
        return False
    r.decision, r.tariff, r.verb, r.noun, r.root = nxt.decision, nxt.tariff, nxt.verb, nxt.noun, nxt.root
    return True


def _complete_frame(r: _Rate) -> None:
    """The governing verb and a trailing clause's actor of a rate decided to be a tariff."""
    if r.verb is None:
        r.verb = _governing_verb(r.tariff if r.tariff is not None else r.noun)
    if r.actor is None:  # "the 50% levy Washington applies to all countries"
        for after in dict.fromkeys((r.span.end, (r.tariff if r.tariff is not None else r.noun).i + 1)):
            clause = _trailing_clause(r.span.doc, after) if after >= r.span.end else None
            if clause is not None:
                r.actor, r.clause = clause
                break


def _clause_targets(r: _Rate, ctx: _Context) -> list:
    """Targets of a trailing ``applies to`` clause (``Washington applies to all countries``)."""
    if r.clause is None or r.clause.lower_ not in _lex().apply_to_verbs:
        return []
    return [t for prep in r.clause.children if prep.dep_ == "prep" and prep.lower_ == "to"
            for p in prep.children if p.dep_ == "pobj" for t in _goods_roles(p, ctx)[0]]


def _layout_parties(r: _Rate, sent: Span, imposers: list, targets: list, ctx: _Context) -> _Parties:
    """Roles from the sentence, overruled by the rate's list line or table row."""
    label = _bullet_label(ctx.text, r.pct["start"])
    if label is not None:  # "- Vietnam: 46%": the label is the target, the list names no other
        return _Parties(next((c for c in imposers if c != label), None), label, labelled=True)
    parties = _Parties(*_fallback_roles(sent, imposers, targets, ctx, r.pct["start"]))
    row = r.row
    if row is None or not (row.label or row.intro):
        return parties
    # "- U.S. on Canadian steel: 50%", "Steel (Section 232) | 50% | in force" under
    # "Where U.S. tariffs on Mexico stand:": the label, then the heading, decide
    l_imp, l_tgt, several = ctx.label_roles(*row.label) if row.label else (None, None, False)
    i_imp, i_tgt = ctx.intro_roles(row.intro) if row.intro and row.table else (None, None)
    if row.table:
        parties.imposer = l_imp or i_imp or parties.imposer
        parties.target = l_tgt or i_tgt or parties.target
    else:  # a bullet: its own words first; the heading only through r.intro_imposer
        parties.imposer, parties.target = l_imp or parties.imposer, l_tgt or parties.target
    parties.several = several
    parties.labelled = bool(l_imp or l_tgt or several)
    return parties


def _settle(parties: _Parties, r: _Rate, targets: list, ctx: _Context) -> None:
    """Fill the imposer from the list heading or the clause's actor; drop a target that
    stands for several countries or repeats the imposer."""
    p = parties
    p.imposer = p.imposer or r.intro_imposer or (ctx.country_of(r.actor) if r.actor is not None else None)
    p.several = p.several or p.target == _SEVERAL or (p.target is None and _SEVERAL in targets)
    if r.row is not None and p.imposer is not None and p.imposer == p.target and not p.several:
        p.imposer = None  # a list's run-together sentence named the target twice: the article decides
    if p.several or p.imposer == p.target:
        p.target = None


def _shares_previous(prev: _Mention | None, r: _Rate, parties: _Parties, named: bool, text: str) -> bool:
    """True when the rate shares the roles of the mention before it: rows of one list whose
    labels name no roles (``- BYD: 17.0%``, ``- Geely: 18.8%``), or a rate compared with the
    one before it in the same line (``lowered from the 25% threatened``)."""
    if prev is None or parties.labelled:
        return False
    if r.row is not None:
        return not named and prev.row and not prev.named
    return r.pct["start"] - prev.end < 200 and "\n" not in text[prev.end : r.pct["start"]]


def _mention(r: _Rate, sent: Span, ctx: _Context, prev: _Mention | None) -> _Mention:
    imposers, targets = _roles(r, ctx)
    targets += _clause_targets(r, ctx)
    r.row = row = _row(ctx.text, r.pct["start"], r.pct["end"])
    parties = _layout_parties(r, sent, imposers, targets, ctx)
    _settle(parties, r, targets, ctx)
    named = row is not None and row.label is not None and bool(
        re.search(r"\son\s", ctx.text[row.label[0] : row.label[1]]) or _row_status(r, labels_only=True)
    )
    if _shares_previous(prev, r, parties, named, ctx.text):
        parties.imposer = parties.imposer or prev.imposer
        if parties.target is None and not parties.several and prev.target != parties.imposer:
            parties.target = prev.target
    pct = r.pct
    return _Mention(pct["text"], pct["start"], pct["end"], float(pct["value"]), parties.imposer,
                    parties.target, _status(r), _product(r), several=parties.several,
                    row=row is not None, named=named)
