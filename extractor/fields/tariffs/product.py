"""Product: the goods named in the tariff's own phrase (``auto tariffs``, ``on steel``)."""

from __future__ import annotations

from spacy.tokens import Token

from extractor.fields.tariffs.lexicon import _COPULAS, _VERBS, _lex
from extractor.fields.tariffs.parse import _loose_subject, _subject
from extractor.fields.tariffs.rate import _Rate


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
    root, noun, tariff, verb = rate.root, rate.noun, rate.tariff, rate.verb
    own = [c for t in dict.fromkeys((root, noun)) for c in t.children if c.dep_ == "prep" and c.lower_ in lex.target_preps]
    if own and tariff is not noun:  # "... and 25% on other goods": the rate's own phrase decides
        tariff = verb = None
    pool: list[Token] = []
    for tok in dict.fromkeys([t for t in (tariff, noun, root) if t is not None]):
        pool.extend(c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod") and c.i < tok.i)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in lex.target_preps | {"from"}:
                pool.extend(c.subtree)
    if verb is not None and verb.pos_ in _VERBS:
        pool += _verb_product_words(verb)
    return pool


def _verb_product_words(verb: Token) -> list[Token]:
    """``verb``'s target phrase and the goods it names as subject (``Japanese cars now pay``)."""
    lex = _lex()
    pool = [t for c in verb.children
            if c.dep_ == "prep" and (c.lower_ in lex.target_preps or (c.lower_ == "to" and verb.lower_ in lex.apply_to_verbs))
            for t in c.subtree]
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    subj = _subject(verb)
    if subj is None and verb.lower_ in lex.cx.pay_verbs:
        subj = _loose_subject(verb, verb.sent.start)
        if subj is not None:
            pool.extend(c for c in subj.children if c.i < subj.i)
            pool.append(subj)
    elif subj is not None and (passive or verb.lower_ in lex.target_subject or verb.lower_ in _COPULAS):
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
