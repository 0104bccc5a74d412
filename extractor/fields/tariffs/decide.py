"""Is this percentage a tariff rate? The parse rules: the rate tied to a tariff noun (``a 15%
tariff``, ``duties of 25%``, ``raised tariffs to 25%``) or to another tariff rate."""

from __future__ import annotations

import re

from spacy.tokens import Token

from extractor.fields.tariffs.context_rules import _ctx_excluded
from extractor.fields.tariffs.lexicon import _COPULAS, _MOD_DEPS, _NOUNS, _SUBJ_DEPS, _VERBS, _lex
from extractor.fields.tariffs.parse import _change_amount, _climb_to_verb, _is_key, _is_strong, _object, _trailing_clause
from extractor.fields.tariffs.rate import _Rate


def _classify(rate: _Rate, pct_roots: dict[int, _Rate]) -> None:
    """Decide a rate by the parse: the noun it modifies, else the word it hangs from."""
    root = rate.root
    rate.noun = noun = _modified_noun(root)
    if noun is not root:
        if not _tie_to_noun(rate, noun, pct_roots) and not _reduced_relative(rate, noun):
            # (a reduced relative: "down from the 25% Trump had threatened")
            rate.decision = "no"  # "a 20 percent share"
        return
    if _of_objects(root):
        rate.decision = "no"  # "2% of GDP", "95% of goods"
        return
    head, dep = root.head, root.dep_
    if _change_amount(root):
        rate.decision = "no"  # "exports are up 6% over last year"
    elif dep == "pobj":
        _prep_rule(rate, head, pct_roots)
    elif dep in ("appos", "conj"):
        if not _tie_to_noun(rate, head, pct_roots) and not _tie_to_noun_rate(rate, head, pct_roots):
            if head.pos_ in _VERBS:
                _verb_rule(rate, head, pct_roots)  # "tariffs of 20% on Vietnam and 19% on Indonesia"
            else:
                rate.decision = "no"
    elif dep in ("attr", "acomp", "oprd"):
        subj = _clausal_subject(_copula_subject(head))
        # (an adjective subject is a lost one too: "Effective ... 2027, for the UAS components ...,
        # the applicable ad valorem duty rate imposed pursuant to section 232 shall be 25 percent")
        lost = (subj is None or subj.pos_ == "ADJ") and head.lower_ == "be" and _modal(head)
        if lost:  # "..., the sum of ... pursuant to this clause, shall be 15 percent"
            subj = _lost_subject(head)
        tariff = subj if subj is not None and _is_key(subj) else _summed_tariff(subj)
        if tariff is not None:
            # (the parse may give a lost subject's copula another clause's subject: not its roles)
            rate.decision, rate.tariff, rate.verb = "yes", tariff, None if lost else head
        else:
            rate.decision = "no"
    elif head.i == root.i:
        rate.decision = "no"
    else:
        _verb_rule(rate, head, pct_roots)


def _copula_subject(verb: Token) -> Token | None:
    """The subject of a copula; of two (a quote's speaker glued to it: ``Sen. X: "The average
    weighted tariff ... is 1.5%"``), the tariff word."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJ_DEPS and c.lower_ not in _lex().false_subjects]
    return next((c for c in subjects if _is_key(c)), subjects[0] if subjects else None)


def _clausal_subject(subj: Token | None) -> Token | None:
    """The noun of a participle the parse took for a clausal subject (``the duty rate imposed
    pursuant to section 232 shall be 25 percent``: ``imposed`` with ``rate`` as its subject)."""
    if subj is None or subj.dep_ != "csubj" or subj.tag_ not in ("VBN", "VBD"):
        return subj
    return next((c for c in subj.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < subj.i), subj)


def _summed_tariff(subj: Token | None) -> Token | None:
    """The tariff a sum adds on (its last tariff noun): ``the sum of the MFN tariff and the
    section 301 tariff``; the first is usually the goods' own MFN rate."""
    if subj is None or subj.lower_ not in _lex().sum_nouns:
        return None
    summed = [t for g in _of_objects(subj) for t in (g, *g.conjuncts) if _is_key(t)]
    return max(summed, key=lambda t: t.i, default=None)


def _modified_noun(root: Token) -> Token:
    """The noun the percentage modifies (``tariff`` in ``a 15% tariff``, ``25% counter-tariffs``),
    else the percentage itself."""
    noun = root
    for _ in range(3):
        if noun.dep_ in _MOD_DEPS and noun.head.i != noun.i and noun.head.pos_ in _NOUNS:
            noun = noun.head
            if _is_strong(noun):
                break
        else:
            break
    doc = noun.doc
    if not _is_key(noun) and noun.i + 2 < len(doc) and doc[noun.i + 1].text in ("-", "\u2010") and _is_strong(doc[noun.i + 2]):
        noun = doc[noun.i + 2]  # "25% counter-tariffs" split into counter / - / tariffs
    return noun


def _prep_rule(rate: _Rate, prep: Token, pct_roots: dict[int, _Rate]) -> None:
    """Decide a rate that is a preposition's object (``tariffs of 25%``, ``raised ... to 25%``)."""
    governor = prep.head
    if prep.lower_ in _lex().change_preps and governor.pos_ in _VERBS:
        rate.decision = "no"  # "raised tariffs by 10%": a change, not a rate
    elif governor.pos_ not in _NOUNS:
        _verb_rule(rate, governor, pct_roots)
    elif _tie_to_noun(rate, governor, pct_roots):
        pass
    elif prep.lower_ == "of" and _tariff_of_goods(governor) is not None:
        # "the most-favored-nation rate for automobiles of 2.5 percent": the rate's "of" hangs from the goods
        rate.decision, rate.tariff = "yes", _tariff_of_goods(governor)
    elif governor.lower_ in _lex().change_nouns and prep.lower_ in ("to", "from"):
        # "a reduction of the tariff on its cars to 15 percent"
        tariff = _changed_tariff(governor)
        rate.decision, rate.tariff = ("yes", tariff) if tariff is not None else ("no", None)
    else:
        rate.decision = "no"


def _tariff_of_goods(goods: Token) -> Token | None:
    """The tariff noun whose target phrase ``goods`` is (``rate`` in ``the rate for automobiles``)."""
    prep = goods.head
    if goods.dep_ != "pobj" or prep.lower_ not in _lex().target_preps or prep.head.i == prep.i:
        return None
    return prep.head if _is_key(prep.head) else None


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


def _tie_to_noun_rate(rate: _Rate, noun: Token, pct_roots: dict[int, _Rate]) -> bool:
    """A rate coordinated with a noun that holds a rate (``an average of 37% for agricultural
    goods and more than 100% on certain autos``) follows that rate."""
    own = next((g for g in _of_objects(noun) if g.i in pct_roots), None)
    if own is None or pct_roots[own.i] is rate:
        return False
    rate.link = own
    return True


def _changed_tariff(change: Token) -> Token | None:
    """The tariff noun of a change noun: ``a reduction of the tariff on its cars``."""
    return next((g for c in change.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "on")
                 for g in c.children if g.dep_ == "pobj" and _is_key(g)), None)


def _verb_rule(rate: _Rate, verb: Token, pct_roots: dict[int, _Rate], depth: int = 0) -> None:
    """Decide a bare rate attached to verb ``verb`` (``raised tariffs to 25%``)."""
    verb = _climb_to_verb(verb)
    if verb.pos_ in _NOUNS:
        if not _tie_to_noun(rate, verb, pct_roots):
            rate.decision = "no"
        return
    if verb.pos_ not in _VERBS:
        rate.decision = "no"
        return
    own = set(t.i for t in rate.noun.subtree)
    dobj = _object(verb, own) or _partitive_object(verb)
    if dobj is not None and _object_rule(rate, verb, dobj, pct_roots):
        return
    subj = _verb_subject(verb, own)
    if subj is None and _parent_rate(rate, verb, pct_roots):
        return
    if _subject_rule(rate, verb, subj, pct_roots, depth):
        return
    if depth == 0 and subj is None and verb.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp") and verb.head.i != verb.i:
        _verb_rule(rate, verb.head, pct_roots, depth + 1)  # "plans to raise tariffs to 50%"
        if rate.decision == "yes" and rate.verb is not None and rate.verb.i == verb.head.i:
            rate.verb = verb
        return
    rate.decision = "no"


def _parent_rate(rate: _Rate, verb: Token, pct_roots: dict[int, _Rate]) -> bool:
    """A subjectless clause on a clause that holds a percentage (``Requiring 25% of copper input
    materials ... to be sold in the United States – starting at 25% in 2027, increasing to 30% in
    2028``) moves that percentage: the rate follows it (its object, or the object of its preposition)."""
    for _ in range(2):
        if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
        held = [c for c in verb.children if c.dep_ == "dobj"]
        held += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        other = next((t for t in held if t.i in pct_roots and pct_roots[t.i] is not rate), None)
        if other is not None:
            rate.link = other
            return True
    return False


def _verb_subject(verb: Token, own: set[int]) -> Token | None:
    """``verb``'s subject outside the rate's phrase; a headline glued to the sentence can give the
    verb two subjects: the tariff word is preferred."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJ_DEPS and c.i not in own
                and c.lower_ not in _lex().false_subjects]
    subj = next((c for c in subjects if _is_key(c)), subjects[0] if subjects else None)
    if subj is not None and subj.lower_ in _lex().relative and verb.dep_ == "relcl":
        return verb.head  # "tariffs that can exceed 125%": the relative pronoun's noun
    if subj is None and verb.dep_ == "acl" and verb.lower_ in _lex().reach_verbs:
        return _goods_tariff(verb.head)  # "tariffs on solar panels ranging from 18% to 250%"
    if subj is None and verb.lower_ in _lex().reach_verbs:
        return _lost_subject(verb)
    return subj


def _lost_subject(verb: Token) -> Token | None:
    """A reach verb or a ``shall be`` the parse left without a subject after a long one ("ensure
    that the tariff rate, comprised of ..., applied to ... lumber does not exceed 15 percent",
    "the sum of the MFN tariff and the tariff imposed ... shall be 12.5 percent"): the nearest
    tariff noun before it in its sentence, not past a semicolon or colon."""
    for tok in reversed(verb.doc[verb.sent.start:verb.i]):
        if tok.text in (";", ":"):
            return None
        if _is_key(tok):
            return tok
    return None


def _modal(verb: Token) -> bool:
    """``verb`` sets a rate by rule (``shall be``, ``will be``)."""
    return any(c.dep_ == "aux" and c.lower_ in _lex().rule_modals for c in verb.children)


def _goods_tariff(noun: Token) -> Token | None:
    """The tariff noun whose object ``noun`` is (``tariffs`` in ``tariffs on solar panels``)."""
    for _ in range(2):
        if noun.dep_ != "pobj" or noun.head.head.i == noun.head.i:
            return None
        noun = noun.head.head
        if _is_key(noun):
            return noun
    return None


def _object_rule(rate: _Rate, verb: Token, dobj: Token, pct_roots: dict[int, _Rate]) -> bool:
    """Decide the rate by the verb's object (``raised tariffs to 25%``, ``pushed inflation to
    3%``); False when the object says nothing."""
    dobj = _partitive_whole(dobj)  # "has one of the lowest tariff rates in the world at 3.3%"
    if _is_key(dobj):
        rate.decision, rate.tariff, rate.verb = "yes", dobj, verb
        return True
    if dobj.lower_ in _lex().change_nouns and _via_to_from(rate):
        # "won a reduction of the tariff on its cars to 15 percent"
        tariff = _changed_tariff(dobj)
        if tariff is not None:
            rate.decision, rate.tariff, rate.verb = "yes", tariff, verb
            return True
    if dobj.i in pct_roots:
        rate.link = dobj
        return True
    if dobj.ent_type_ not in ("GPE", "NORP", "ORG", "PERSON") and dobj.pos_ != "PRON":
        rate.decision = "no"  # "pushed inflation to 3%"
        return True
    return False


def _partitive_whole(tok: Token) -> Token:
    """The noun a partitive picks from (``rates`` in ``one of the lowest rates``), else ``tok``."""
    if tok.lower_ not in _lex().partitives:
        return tok
    return next(iter(_of_objects(tok)), tok)


def _partitive_object(verb: Token) -> Token | None:
    """The noun a verb's partitive phrase picks from, standing for its object (``has among the
    lowest simple average MFN tariff rates in the world at 3.3 percent``)."""
    return next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in _lex().partitive_preps
                 for g in c.children if g.dep_ == "pobj"), None)


def _subject_rule(rate: _Rate, verb: Token, subj: Token | None, pct_roots: dict[int, _Rate], depth: int) -> bool:
    """Decide the rate by the verb's subject or the verb itself: ``tariffs rose to 25%``, ``the
    duty stands at 10%``, ``Washington imposed 25%``; not ``tariffs could shave 0.5% off growth``."""
    lex = _lex()
    root = rate.root
    via_prep = root.dep_ == "pobj" and root.head.lower_ in ("to", "at", "from", "of", "around", "near")
    if subj is not None and _is_key(subj) and (via_prep or verb.lower_ in _COPULAS or verb.lower_ in lex.reach_verbs or depth > 0):
        rate.decision, rate.tariff, rate.verb = "yes", subj, verb
        return True
    if subj is not None and subj.i in pct_roots:
        rate.link = subj
        return True
    if verb.lower_ in lex.impose or verb.lower_ in lex.target_subject:
        if subj is None or subj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or subj.pos_ in ("PRON", "PROPN"):
            rate.decision, rate.verb = "yes", verb
            return True
    return False


def _via_to_from(rate: _Rate) -> bool:
    return rate.root.dep_ == "pobj" and rate.root.head.lower_ in ("to", "from")


def _reduced_relative(rate: _Rate, noun: Token) -> bool:
    """``the 25% Trump had threatened``: the name after the rate heads a clause on the rate.
    Sets the rate's verb and its actor."""
    if noun.i != rate.span.end:
        return False
    clause = _trailing_clause(noun.doc, noun.i)
    if clause is None:
        return False
    rate.actor, rate.verb = clause
    rate.clause, rate.decision = rate.verb, "yes"
    return True


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


def _of_objects(tok: Token) -> list[Token]:
    """The objects of ``tok``'s ``of`` phrases (``GDP`` in ``2% of GDP``)."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
