"""Is this percentage a tariff rate? The context rules for a percentage the parse did not tie to
a tariff noun: a rate noun's number, what goods pay, a rate that moves, a list under a tariff
heading, a headline."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from extractor.fields.tariffs.context import _Context
from extractor.fields.tariffs.layout import _row
from extractor.fields.tariffs.lexicon import _COPULAS, _NOUNS, _SUBJ_DEPS, _VERBS, _lex
from extractor.fields.tariffs.parse import _change_amount, _climb_to_verb, _is_key, _loose_subject, _object, _subject
from extractor.fields.tariffs.rate import _Rate, rate_tokens
from extractor.lexicon.tables import country_code


def _context_rule(rate: "_Rate", ctx: "_Context") -> bool:
    """Decide a percentage the parse did not tie to a tariff noun, from the article's context.

    Sets ``rate.tariff`` / ``rate.verb`` (the rate noun and the verb) when it says yes."""
    if _bound_rule(rate):
        return True
    if _ctx_excluded(rate):
        return False
    return (
        _country_bracket_rule(rate, ctx)
        or _rate_noun_rule(rate)
        or _combined_or_goods_rule(rate, ctx)
        or _attachment_rule(rate, ctx)
        or _list_item(rate, ctx)
        or _headline_rule(rate)
        or _change_pair_rule(rate)
        or _amendment_rule(rate, ctx)
    )


def _bound_rule(rate: "_Rate") -> bool:
    """``a Section 232 tariff rate no greater than 15 percent``, ``an MFN tariff rate, as
    applicable, equal to or greater than 15 percent``, ``tariffs as high as an average of 37%``:
    a tariff noun, then only words that bound or compare, then the rate. Read on the words: the
    parse of such phrases is unreliable. Not a share (``15% of imports``). A comparison without
    a cap word is a threshold the goods meet (``rate.condition``: no status)."""
    bound = _bound(rate)
    if bound is None:
        return False
    rate.tariff, rate.condition = bound
    return True


def _mark_threshold(rate: "_Rate") -> None:
    """A rate the parse tied to its tariff is a threshold too when only comparison words stand
    between them (``where such product's MFN tariff is less than 10 percent``)."""
    bound = _bound(rate)
    if bound is not None and bound[1] or _goods_threshold(rate):
        rate.condition = True


def _goods_threshold(rate: "_Rate") -> bool:
    """``goods with an MFN tariff of 15 percent or higher``: a rate the goods have, open upwards
    or downwards, describes the goods (not ``face rates of 20% or less``)."""
    doc, e = rate.span.doc, rate.span.end
    if e + 1 >= len(doc) or doc[e].lower_ != "or" or doc[e + 1].lower_ not in _lex().cx.threshold_words:
        return False
    tariff = rate.tariff
    return tariff is not None and tariff.dep_ == "pobj" and tariff.head.lower_ == "with"


def _bound(rate: "_Rate") -> tuple[Token, bool] | None:
    """The tariff noun a bound or comparison ties to the rate, and whether it is a threshold
    (a comparison word and no cap word: "equal to or greater than 15 percent" describes goods;
    "no greater than", "does not exceed", "capped at" set a cap, which is in force)."""
    doc, s = rate.span.doc, rate.span.start
    if any(c.dep_ == "prep" and c.lower_ in ("of", "off") for c in rate.root.children):
        return None
    cx = _lex().cx
    k = s - 1
    while k >= max(rate.span.sent.start, s - 9) and (doc[k].lower_ in cx.bound_words or doc[k].text == ","):
        k -= 1
    if k == s - 1 or k < rate.span.sent.start or not _is_key(doc[k]):
        return None
    between = {doc[j].lower_ for j in range(k + 1, s)}
    if not between & cx.bound_heads:
        return None
    return doc[k], bool(between & cx.threshold_words) and not between & cx.cap_words


# "Vietnam (46%)" / "India (10-20%)": what may stand between the bracket and the rate.
_RANGE_TOKENS = ("-", "–", "to")


def _country_bracket_rule(rate: "_Rate", ctx: "_Context") -> bool:
    """``the European Union (10%) and India (70%) impose much higher duties``, ``tariffs on
    Vietnam (46%)``: a rate in brackets just after a country, in a sentence that names a
    tariff, is that country's rate; the country's place in the sentence gives its side."""
    doc, s, e = rate.span.doc, rate.span.start, rate.span.end
    while s > 0 and (doc[s - 1].text in _RANGE_TOKENS or doc[s - 1].like_num) and rate.span.start - s < 3:
        s -= 1
    lead = _lex().cx.bracket_lead_words
    while s > 0 and doc[s - 1].lower_ in lead and rate.span.start - s < 5:
        s -= 1  # "Turkey (an average of 31 percent)"
    if s < 2 or doc[s - 1].text != "(" or e >= len(doc) or doc[e].text != ")":
        return False
    k = s - 2
    if k >= 3 and doc[k].text == ")" and doc[k - 2].text == "(" and doc[k - 1].text.isupper():
        k -= 3  # "the European Union (EU) (5 percent)": the name before its abbreviation
    country = doc[k]
    code = ctx.country_of(country)
    key = next((t for t in rate.span.sent if _is_key(t)), None)
    if code is None or key is None:
        return False
    rate.tariff, rate.bracket = key, (code, _bracket_side(doc, country))
    return True


def _bracket_side(doc, country: Token) -> str:
    """"imposer" or "target": the side of the first country of a list of bracketed rates
    (``on Vietnam (46%) and Cambodia (49%)``; the parse may hang the later ones anywhere)."""
    i = country.i - 1
    while i > 0 and doc[i].text in (",", "and", "or"):
        i -= 1
    if i < country.i - 1 and doc[i].text == ")":
        opening = next((j for j in range(i - 1, max(0, i - 6), -1) if doc[j].text == "("), None)
        if opening is not None and opening > 0:
            return _bracket_side(doc, doc[opening - 1])
    while country.dep_ == "conj" and country.head.i != country.i:
        country = country.head
    on_goods = country.dep_ == "pobj" and country.head.lower_ in ("on", "from", "against", "to")
    return "target" if on_goods else "imposer"


def _ctx_excluded(rate: "_Rate") -> bool:
    """True when the words around a percentage say it is no tariff: a share (``36% of
    exports``), a change (``by 5%``, ``0.5% off GDP``), an interest, growth or price rate."""
    non = _lex().cx.non_tariff
    root = rate.root
    if any(c.dep_ == "prep" and c.lower_ in ("of", "off") for c in root.children):
        return True
    head, how = _attachment(root)
    if how in ("by", "off", "than") or _change_amount(root) or _change_amount(rate.noun):
        return True
    return any(t.lower_ in non for t in _ctx_pool(rate, head))


def _ctx_pool(rate: "_Rate", head: Token | None) -> list[Token]:
    """The words that say what a percentage measures: its noun's, its head noun's and what
    that noun is of, or its head verb's subject and object with theirs and its ``as`` measure."""
    pool = _ctx_words(rate.noun)
    if head is not None and head.ent_type_ == "PERCENT" and head.head.dep_ == "prep":
        head = _attachment(head)[0]  # "from 74 percent in 2018 to 82 percent": the change's verb
    if head is not None and head.pos_ in ("ADP", "ADV"):
        head = _climb_to_verb(head)  # "from 74 percent ... to 82 percent" with "to" hung from "from"
    if head is None:
        return pool
    if head.pos_ in _NOUNS:
        return pool + _ctx_words(head) + _of_objects(head)
    own = rate_tokens(rate)
    for c in head.children:
        if c.dep_ in _SUBJ_DEPS + ("dobj",) and c.i not in own:
            pool += _ctx_words(c) + _of_objects(c)
        elif c.dep_ == "prep" and c.lower_ == "as":  # "increased ... as a share of total imports, from 74 percent"
            pool += [g for g in c.children if g.dep_ == "pobj"]
    return pool


def _of_objects(tok: Token) -> list[Token]:
    """Objects of ``tok``'s ``of``/``in``/``for`` phrases (``growth in exports``)."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "for")
            for g in c.children if g.dep_ == "pobj"]


def _ctx_words(tok: Token) -> list[Token]:
    """``tok`` with its left modifiers (``the benchmark Selic rate``, ``Japan's economy``)."""
    return [tok] + [c for c in tok.children if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")]


def _attachment(root: Token) -> tuple[Token | None, str]:
    """The word a percentage hangs from and how: (``falls``, ``to``), (``paid``, ``direct``)."""
    if root.dep_ == "pobj" and root.head.i != root.i:
        prep = root.head
        if prep.dep_ in ("prep", "dative", "agent", "quantmod") and prep.head.i != prep.i:
            return prep.head, prep.lower_
        return None, prep.lower_
    if root.dep_ in ("dobj", "attr", "oprd", "acomp", "npadvmod", "advmod", "nsubj", "nsubjpass") and root.head.i != root.i:
        return root.head, "direct"
    return None, ""


def _rate_noun(tok: Token) -> bool:
    return tok.lower_ in _lex().cx.rate_nouns


def _rate_noun_rule(rate: "_Rate") -> bool:
    """1. the number of a rate noun: ``a 15% rate``, ``rates of 20%``, ``34%, the figure ...``."""
    root = rate.root
    governor = root.head.head
    if rate.noun is not root and _rate_noun(rate.noun):
        noun = rate.noun
    elif root.dep_ == "pobj" and root.head.lower_ in ("of", "at") and _rate_noun(governor) and governor.pos_ in _NOUNS:
        noun = governor
    else:
        noun = next((c for c in root.children if c.dep_ == "appos" and _rate_noun(c)), None)
    if noun is None:
        return False
    rate.tariff = noun
    return True


def _combined_or_goods_rule(rate: "_Rate", ctx: "_Context") -> bool:
    """``a combined 145%``; in a tariff article, a rate set beside goods (``cars 25%, and steel,
    aluminium and copper 50%``)."""
    lex = _lex()
    root = rate.root
    if any(c.lower_ in lex.cx.combined_words for c in root.children):
        return True
    return root.dep_ in ("appos", "conj") and root.head.pos_ in _NOUNS and (
        root.head.lower_ in lex.products or root.head.lower_ in lex.goods
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


def _verb_context_rule(rate: "_Rate", verb: Token, how: str, ctx: "_Context") -> bool:
    """2. what goods pay or face; 3. a rate or goods that move or stay."""
    cx = _lex().cx
    # "Japanese vehicles have paid 27.5%"
    if verb.lower_ in cx.pay_verbs and how in ("direct", "at"):
        rate.verb = verb
        return True
    # "the combined rate falls to 15%"
    if verb.lower_ in cx.move_verbs and (how in ("to", "at", "from") or (how == "direct" and verb.lower_ in _COPULAS)):
        if _moving_rate_rule(rate, verb, ctx):
            return True
    # "cars will pay the top rate from January 1, up from 20% now"
    if verb.lower_ in cx.pay_verbs and how in ("to", "from"):
        arg = _object(verb, rate_tokens(rate))
        if arg is not None and _rate_noun(arg):
            rate.tariff, rate.verb = arg, verb
            return True
    return False


def _moving_rate_rule(rate: "_Rate", verb: Token, ctx: "_Context") -> bool:
    """The verb's object or subject is a rate or what a rate applies to (``the combined rate
    falls to 15%``, ``Japanese models stay at 15%``)."""
    own = rate_tokens(rate)
    arg = _object(verb, own)
    if arg is None:
        arg = _subject(verb)
    if arg is None or arg.i in own or not _rate_subject(arg, ctx):
        return False
    if _rate_noun(arg):
        rate.tariff = arg
    rate.verb = verb
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


def _amendment_rule(rate: "_Rate", ctx: "_Context") -> bool:
    """A quoted rate that a tariff article's schedule amendment deletes or inserts (``amended by
    deleting \u201c20%\u201d each place that it appears and inserting \u201c10%\u201d in lieu thereof``)."""
    return ctx.heavy and _amended_quote(rate)


def _amended_quote(rate: "_Rate") -> bool:
    """The rate is a quoted figure a schedule amendment deletes or inserts."""
    text, start, end = rate.text, rate.pct["start"], rate.pct["end"]
    if text[start - 1:start] not in ('"', "\u201c") or text[end:end + 1] not in ('"', "\u201d"):
        return False
    doc = rate.span.doc
    verbs = _lex().amendment_verbs
    return any(doc[k].lower_ in verbs for k in range(max(0, rate.span.start - 3), rate.span.start))


_CHANGE_PAIR = re.compile(r"\bfrom\s+(?:the\s+)?\S+\s+to\s+\S*\d", re.IGNORECASE)


def _change_pair_rule(rate: "_Rate") -> bool:
    """``doubling the tariff rate on solar cells ... from 25% to 50%``: a ``from X% to Y%`` pair
    in a sentence whose change verb takes a tariff noun as its object, where the parse hung the
    pair on another word."""
    sent = rate.span.sent
    text, start = rate.text, rate.pct["start"]
    near = text[max(sent.start_char, start - 12):min(sent.end_char, rate.pct["end"] + 20)]
    if not _CHANGE_PAIR.search(near):
        return False
    heads = _lex().change_from
    for tok in sent:
        if tok.lower_ in heads and tok.pos_ in _VERBS and tok.i < rate.span.start:
            obj = next((c for c in tok.children if c.dep_ == "dobj" and _is_key(c)), None)
            if obj is not None:
                rate.tariff, rate.verb = obj, tok
                return True
    return False


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
