"""Reading the dependency parse: tariff nouns, subjects, objects and the verb that governs a tariff."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extractor.fields.tariffs.lexicon import _NOUNS, _PRONOUNS, _SUBJ_DEPS, _VERBS, _lex


def _is_key(tok: Token) -> bool:
    return tok.pos_ in _NOUNS and (_is_strong(tok) or _weak_ok(tok)) or tok.lower_ in _lex().strong


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
    rate``), a product's deposits, a tariff after ``of`` (``rate of duty``), a target phrase
    naming goods or a country."""
    lex = _lex()
    if child.dep_ in ("compound", "amod", "nmod", "npadvmod") and (
        child.lower_ in lex.markers or child.lower_ in lex.strong
    ):
        return True
    if child.dep_ == "compound" and tok.lower_ in lex.product_deposit_nouns and child.lower_ in lex.products:
        return True  # "the pork deposits" (anti-dumping cash deposits on a product)
    if child.dep_ == "prep" and child.lower_ == "of" and any(
            g.dep_ == "pobj" and g.lower_ in lex.strong for g in child.children):
        return True  # "the additional ad valorem rate of duty"
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


def _subject(verb: Token) -> Token | None:
    """Subject of ``verb``: its own, the antecedent of a relative pronoun, the controller of an
    infinitive (``Trump threatened to impose``; the object for an infinitive of receiving,
    ``identify products ... to receive a zero percent rate``), the matrix subject for a pronoun
    (``Trump said he would impose``)."""
    subj = next((c for c in verb.children if c.dep_ in _SUBJ_DEPS), None)
    if subj is None:  # "The U.S. levies a 2.5% duty" parsed as a compound
        subj = next((c for c in verb.children if c.dep_ == "compound" and c.i < verb.i and c.ent_type_), None)
    if subj is not None and subj.lower_ in _lex().relative and verb.dep_ == "relcl":
        return verb.head
    if subj is None and verb.dep_ == "acl" and _infinitive(verb):
        # "Trump's decision to impose tariffs": the noun's possessor acts
        subj = next((c for c in verb.head.children if c.dep_ == "poss"), None)
    if subj is None and verb.dep_ == "advcl" and verb.lower_ in _lex().target_subject \
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return obj
    for _ in range(3):
        if not (_open_subject(subj) and _embedded_clause(verb)) or (subj is None and verb.dep_ == "ccomp"):
            break
        verb = verb.head if verb.head.pos_ in _VERBS else verb.head.head
        subj = next((c for c in verb.children if c.dep_ in _SUBJ_DEPS), None) or subj
    return subj


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _open_subject(subj: Token | None) -> bool:
    """No subject, or a pronoun standing for the matrix clause's (``Trump said he would``)."""
    return subj is None or (subj.pos_ == "PRON" and subj.lower_ in _PRONOUNS)


def _embedded_clause(verb: Token) -> bool:
    """``verb`` heads a clause inside another verb's (``threatened to impose``; a gerund in the
    means phrase after it, ``will modify ... by suspending``)."""
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG":
        return verb.head.dep_ == "prep" and verb.head.head.pos_ in _VERBS and verb.head.head.i < verb.i
    return verb.dep_ in ("xcomp", "conj", "advcl", "ccomp") and verb.head.i != verb.i and verb.head.pos_ in _VERBS


def _loose_subject(verb: Token, lo: int = 0) -> Token | None:
    """``verb``'s subject, or when the parse gave none (a bullet run into the line before) the
    noun just before it, over adverbs (``- Japanese cars now pay 15%`` -> cars)."""
    subj = _subject(verb)
    if subj is not None:
        return subj
    k = verb.i - 1
    while k > lo and k > verb.i - 3 and verb.doc[k].pos_ == "ADV":
        k -= 1
    return verb.doc[k] if k >= lo and verb.doc[k].pos_ in _NOUNS else None


def _object(verb: Token, own: set[int]) -> Token | None:
    """``verb``'s direct object outside the rate's own tokens; of two (the parse split ``the
    column 2 rates of duty``), the tariff noun."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in own]
    return next((c for c in objects if _is_key(c)), objects[0] if objects else None)


def _climb_to_verb(tok: Token, steps: int = 3) -> Token:
    """Walk up from an adjective/adverb/preposition to the first verb or noun."""
    while steps and tok.pos_ not in _VERBS and tok.pos_ not in _NOUNS and tok.head.i != tok.i:
        tok = tok.head
        steps -= 1
    return tok


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


def _change_amount(tok: Token) -> bool:
    """A percentage measuring ``up``/``down`` (``exports are up 6%``), or a rate noun a change
    preposition takes (``real exports grew by a 4.1% annual rate``): a change, not a rate."""
    lex = _lex()
    if tok.dep_ == "npadvmod" and tok.head.lower_ in lex.change_adverbs:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ in lex.change_preps and tok.head.head.pos_ in _VERBS
