"""Imposer and target: the countries the parse names around a rate (``U.S. tariffs on Japan``,
``Japanese goods face``, ``threatened by Trump``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from extractor.fields.tariffs.layout import _line_bounds
from extractor.fields.tariffs.lexicon import _COPULAS, _SEVERAL, _SUBJ_DEPS, _VERBS, _lex
from extractor.fields.tariffs.parse import _governing_verb, _is_key, _subject
from extractor.fields.tariffs.rate import _Rate, rate_tokens

if TYPE_CHECKING:  # (the context module reads tariff phrases through this one)
    from extractor.fields.tariffs.context import _Context


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
    if not _names_a_deal(rate):
        _frame_votes(rate, ctx, votes)
        if rate.verb is not None and rate.verb.pos_ in _VERBS:
            _verb_votes(rate, ctx, votes)
    if not any(votes.targets):
        _stray_clause_votes(rate, ctx, votes)
    imposers = [c for c in votes.imposers + votes.late if c]
    targets = [c for c in votes.targets if c]
    if _own_schedule(rate) and not rate.condition and not (targets and _on_goods(rate)):
        # (a threshold on the goods' MFN rate is no schedule of theirs: the deal's rule, US -> partner;
        # "the average U.S. rate on Chinese imports" is the average on one country's goods)
        targets = [_SEVERAL]
    return imposers, targets


def _names_a_deal(rate: _Rate) -> bool:
    """``Japan Seals 15% Tariff Deal With Washington``: the rate names a deal, whose parties
    (its modifiers, the verb's subject, its ``with``) are both sides, not imposer and target."""
    deals = _lex().deal_nouns
    return any(tok.lower_ in deals or tok.dep_ == "compound" and tok.head.lower_ in deals for tok in _frame(rate))


def _deal_parties(rate: _Rate, ctx: _Context) -> list[str]:
    """The countries a deal-naming rate names as the deal's sides: its frame's modifiers, the
    verb's subject and the objects of ``with`` (``Japan Seals 15% Tariff Deal With Washington``)."""
    toks = [c for t in _frame(rate) for c in t.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
    verb = rate.verb
    if verb is not None:
        toks += [c for c in verb.children if c.dep_ in _SUBJ_DEPS]
    heads = _frame(rate) + ([verb] if verb is not None else [])
    toks += [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
             for p in c.children if p.dep_ == "pobj"]
    codes = []
    for tok in toks:
        for t in tok.subtree:
            code = ctx.country_of(t)
            if code is not None and code not in codes:
                codes.append(code)
    return codes


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


def _stray_clause_votes(rate: _Rate, ctx: _Context, votes: _Votes) -> None:
    """A tariff far from its verb (``the tariff imposed ... pursuant to section 232 that applies to
    imports of wood products from the United Kingdom shall not exceed 10 percent``): the parse may
    hang its ``applies to`` clause from a word between them; its goods name the target."""
    tariff, verb = rate.tariff, rate.verb
    if tariff is None or verb is None or not tariff.i < verb.i or tariff.head.i == verb.i:
        return
    for tok in tariff.doc[tariff.i + 1 : verb.i]:
        if tok.dep_ in ("acl", "relcl") and tok.lower_ in _lex().apply_to_verbs:
            votes.targets += [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"
                              for p in c.children if p.dep_ == "pobj" for t in _goods_roles(p, ctx)[0]]


def _frame_votes(rate: _Rate, ctx: _Context, votes: _Votes) -> None:
    """2. the tariff noun's own phrase: ``tariffs on Japan``, ``U.S. tariffs``."""
    lex = _lex()
    apply_to = rate.verb is not None and rate.verb.lower_ in lex.apply_to_verbs
    own = rate_tokens(rate)
    for tok in _frame(rate):
        for c in tok.children:
            if c.dep_ == "prep" and (c.lower_ in lex.target_preps | {"from"} or (apply_to and c.lower_ == "to")):
                for pobj in _prep_objects(c):
                    if pobj.i not in own:
                        votes.add(_goods_roles(pobj, ctx))
            elif c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i and c.i not in own:
                code = ctx.country_of(c)
                if code is not None:
                    votes.late.append(code)
                else:  # "Japanese auto tariffs": the country modifies the product
                    votes.targets += _goods_roles(c, ctx, 1)[0]
            elif c.dep_ == "prep" and c.lower_ in lex.place_preps:
                # "the average tariffs in the European Union": the country whose tariffs they are
                votes.late += [ctx.country_of(p) for p in _prep_objects(c) if p.i not in own]


def _verb_votes(rate: _Rate, ctx: _Context, votes: _Votes) -> None:
    """3. the governing verb: ``Washington slapped ...``, ``Japanese goods face ...``, ``hit by``."""
    verb = rate.verb
    key_tokens = set(x.i for t in _frame(rate) for x in t.subtree)
    subj = _subject(verb)
    if subj is not None and subj.i not in key_tokens:
        if _hit_with(rate, verb):
            votes.add(_goods_roles(subj, ctx))
        else:
            _subject_votes(verb, subj, ctx, votes)
    for c in verb.children:
        if c.dep_ == "agent":
            votes.imposers += [ctx.country_of(p) for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ in ("dobj", "dative") and c.i not in key_tokens:
            votes.add(_object_roles(verb, c, ctx))
        elif c.dep_ == "advcl" and _as_clause(c):
            _as_clause_votes(c, key_tokens, ctx, votes)
        elif c.dep_ == "prep" and _target_prep(c, verb):
            for pobj in _prep_objects(c):
                if pobj.i not in key_tokens and not _is_number(pobj):
                    votes.add(_goods_roles(pobj, ctx))


def _as_clause(clause: Token) -> bool:
    """``as amended``, ``as set forth in ...``: a reference clause the parse may hang the verb's
    own ``on`` phrase from (``maintain at 15 percent the reciprocal tariffs, as amended, on
    originating goods of North Macedonia``)."""
    return clause.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in clause.children)


def _as_clause_votes(clause: Token, key_tokens: set, ctx: _Context, votes: _Votes) -> None:
    """The target an ``as`` reference clause's ``on`` phrase names (it is the governing verb's)."""
    for c in clause.children:
        if c.dep_ == "prep" and c.lower_ in _lex().target_preps:
            for pobj in _prep_objects(c):
                if pobj.i not in key_tokens:
                    votes.targets += _goods_roles(pobj, ctx)[0]


def _hit_with(rate: _Rate, verb: Token) -> bool:
    """``Canada Hit With 35% Tariff``: a participle read as the headline's verb, the rate in its
    ``with`` phrase and no object before that: its subject is the target, not the imposer."""
    if verb.lower_ not in _lex().hit_with or any(c.lower_ == "back" for c in verb.children):
        return False  # ("Beijing hit back with 15% duties": the subject acts)
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
                 and rate.root.i in {t.i for t in c.subtree}), None)
    return prep is not None and not any(c.dep_ in ("dobj", "dative") and c.i < prep.i for c in verb.children)


def _target_prep(prep: Token, verb: Token) -> bool:
    """A preposition of ``verb`` that names the target (``on``, ``from``, ``applies to``)."""
    lex = _lex()
    return prep.lower_ in lex.target_preps | {"from"} or (prep.lower_ == "to" and verb.lower_ in lex.apply_to_verbs)


def _prep_objects(prep: Token) -> list[Token]:
    """A preposition's objects: its ``pobj``, or the object of a gerund it takes (``on
    originating goods of the ROK``)."""
    objs = []
    for c in prep.children:
        if c.dep_ == "pobj":
            objs.append(c)
        elif c.dep_ == "pcomp" and c.tag_ == "VBG":
            objs += [o for o in c.children if o.dep_ == "dobj"]
    return objs


def _is_number(tok: Token) -> bool:
    return tok.like_num or tok.lower_ in ("%", "percent")


def _subject_votes(verb: Token, subj: Token, ctx: _Context, votes: _Votes) -> None:
    """The verb's subject: the imposer (``Washington slapped``) or, for a passive, a copula or a
    verb like ``face``, the target (``Japanese goods face``)."""
    lex = _lex()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if _is_key(subj):  # "The American duty is made up of a 25% tariff"
        votes.add(_tariff_np_roles(subj, ctx))
    elif passive or verb.lower_ in lex.target_subject or verb.lower_ in _COPULAS:
        votes.add(_goods_roles(subj, ctx))
    elif ctx.country_of(subj) is None and subj.lower_ in lex.goods:
        votes.targets += _goods_roles(subj, ctx)[0]  # "Energy resources from Canada will have"
    else:
        votes.imposers.append(ctx.country_of(subj))


def _object_roles(verb: Token, obj: Token, ctx: _Context) -> tuple[list, list]:
    """(targets, imposers) of the verb's object."""
    if _is_key(obj):  # "cuts the general U.S. tariff on Swiss goods to 15% from the 39% rate"
        return _tariff_np_roles(obj, ctx)
    if verb.lower_ in _lex().entry_verbs:  # "UK-built cars enter the US at 10%"
        return [], _goods_roles(obj, ctx)[0]
    return _goods_roles(obj, ctx)


def _own_schedule(rate: _Rate) -> bool:
    """``the UK average applied tariff``, ``its MFN rate``: a country's own schedule on all."""
    tariff = rate.tariff if rate.tariff is not None else rate.noun
    lex = _lex()
    return any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in lex.own_schedule for c in tariff.children)


def _on_goods(rate: _Rate) -> bool:
    """The rate's tariff noun names the goods it falls on (``the average U.S. rate on Chinese imports``)."""
    tariff = rate.tariff if rate.tariff is not None else rate.noun
    return any(c.dep_ == "prep" and c.lower_ in _lex().target_preps for c in tariff.children)


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
            for pobj in _prep_objects(c):
                t2, i2 = _goods_roles(pobj, ctx)
                targets += t2
                imposers += i2
    return targets, imposers


def _goods_roles(tok: Token, ctx: _Context, depth: int = 0) -> tuple[list, list]:
    """(targets, imposers) named inside a goods phrase: ``Indian imports``, ``imports from
    China``, ``Japan's cars``, ``exports to the United States``."""
    lex = _lex()
    if depth > 3:
        return [], []
    if (tok.lower_ in lex.several and not _in_a_title(tok)) or _universal(tok):
        return [_SEVERAL], []  # "applies to all countries": no one target
    antecedent = _antecedent(tok)
    if antecedent is not None:  # "on articles of China ... the remaining rate of 10 percent on those articles"
        return _goods_roles(antecedent, ctx, depth + 1)
    votes = _Votes()
    code = None if _bracketed_rate_after(tok) else ctx.country_of(tok)
    if code is not None:
        if _coordinated_countries(tok, code, ctx):
            return [_SEVERAL], []  # "imports from Canada and Mexico": one rate, several countries
        votes.targets.append(code)
    for child in tok.children:
        dep = child.dep_
        if dep in ("amod", "compound", "poss", "nmod", "npadvmod", "advmod", "dep") and child.i < tok.i:
            _goods_modifier_votes(tok, child, ctx, depth, votes)
        elif dep == "prep" and child.lower_ not in lex.part_preps | lex.outside_preps:
            for pobj in _prep_objects(child):
                t2, i2 = _goods_roles(pobj, ctx, depth + 1)
                if child.lower_ in lex.imposer_preps:
                    votes.imposers += t2  # "exports to the United States": the importer
                else:
                    votes.add((t2, i2))
        elif dep in ("acl", "conj"):
            votes.add(_goods_roles(child, ctx, depth + 1))
        elif dep == "relcl" and child.lower_ in _COPULAS:  # "articles that are products of Canada"
            for attr in child.children:
                if attr.dep_ == "attr":
                    votes.add(_goods_roles(attr, ctx, depth + 1))
    return votes.targets, votes.imposers


def _antecedent(tok: Token) -> Token | None:
    """The first same noun earlier in the sentence that a demonstrative one (``those
    articles``, ``such products``) points back to."""
    lex = _lex()
    if tok.pos_ != "NOUN" or not any(c.dep_ in ("det", "amod") and c.lower_ in lex.anaphoric
                                              for c in tok.children):
        return None
    return next((t for t in tok.sent if t.i < tok.i and t.lower_ == tok.lower_
                 and not any(c.lower_ in lex.anaphoric for c in t.children)), None)


def _goods_modifier_votes(tok: Token, child: Token, ctx: _Context, depth: int, votes: _Votes) -> None:
    """A modifier of a goods noun: a country (``Indian imports``), else a phrase to read."""
    c = ctx.country_of(child)
    if c is not None and _bracketed_rate_after(child):
        return  # "India (10-20%) levies higher rates": India's own rate
    if c is None:
        votes.add(_goods_roles(child, ctx, depth + 1))
    elif tok.lower_ in ("imports", "import") and child.ent_type_ == "GPE" and child.dep_ != "amod":
        votes.imposers.append(c)  # "U.S. imports of steel": the importer
    elif any(g.i < tok.i and ctx.country_of(g) not in (None, c) for g in child.conjuncts):
        votes.targets.append(_SEVERAL)  # "Thai and Indonesian products": one rate, several countries
    else:
        votes.targets.append(c)


def _in_a_title(tok: Token) -> bool:
    """``Partners`` in a document's title (``Executive Order 14346, Potential Tariff Adjustments for
    Aligned Partners``) names no countries; ``All Trading Partners`` in a headline does."""
    return tok.pos_ == "PROPN" and any(c.dep_ == "compound" and c.text[:1].isupper() for c in tok.children) \
        and not any(c.lower_ in _lex().several_dets for c in tok.children)


def _universal(tok: Token) -> bool:
    """``any country``, ``every trading partner``: a singular country noun read as all of them."""
    lex = _lex()
    return tok.lower_ in lex.several_singulars and any(
        c.dep_ == "det" and c.lower_ in lex.several_dets for c in tok.children
    )


def _coordinated_countries(tok: Token, code: str, ctx: _Context) -> bool:
    """``Canada and Mexico``, ``charge Mexico and Canada``: a country coordinated with another."""
    return any(ctx.country_of(c) not in (None, code) for c in tok.conjuncts)


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
        if imposer is None and _named_as_goods(ent.root):
            continue  # "a 25% tariff on Mexico, and a 35% tariff on Canada": another rate's target
        if _bracketed_rate_after(ent[-1]):
            continue  # "imposes a 0% tariff, but India (10-20%) levies higher rates": India's own rate
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


def _bracketed_rate_after(tok: Token) -> bool:
    """A country with its own rate in brackets after it (``India (10-20%)``): no party of the
    sentence's other rates."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].text != "(":
        return False
    inside = doc[tok.i + 2 : min(len(doc), tok.i + 7)]
    return any(t.like_num for t in inside) and any(t.text in ("%", "percent") for t in inside)


def _named_as_goods(tok: Token) -> bool:
    """A country named as another tariff's target (``a 25% tariff on Mexico``) or as a modifier
    of goods (``Russian Federation oil``): no imposer."""
    lex = _lex()
    if tok.dep_ == "pobj" and tok.head.lower_ in lex.target_preps:
        return _is_key(tok.head.head)
    goods = tok.head.lower_ in lex.goods or tok.head.lower_ in lex.products
    return tok.dep_ in ("compound", "amod", "nmod") and goods


def _phrase_roles(tok: Token, ctx: "_Context") -> tuple[str | None, str | None]:
    """(imposer, target) a tariff phrase names, with or without a rate (``heightened tariffs on
    Chinese imports``, ``Trump imposed tariffs on Japan``)."""
    targets, imposers = _tariff_np_roles(tok, ctx)
    verb = _governing_verb(tok)
    if verb is not None and verb.lower_ in _lex().impose:
        subj = _subject(verb)
        if subj is not None:
            imposers.append(ctx.country_of(subj))
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in _lex().target_preps:
                targets += [t for p in c.children if p.dep_ == "pobj" for t in _goods_roles(p, ctx)[0]]
    imposer = next((c for c in imposers if c), None)
    if _SEVERAL in targets:
        return imposer, None
    return imposer, next((c for c in targets if c and c != imposer), None)
