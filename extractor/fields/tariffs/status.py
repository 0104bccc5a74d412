"""Status: imposed, threatened, proposed or previous, from the cue words on the rate, on its
tariff noun and up its clause chain, or on its list line."""

from __future__ import annotations

import re

from spacy.tokens import Token

from extractor.fields.tariffs.layout import _MAX_LINE
from extractor.fields.tariffs.lexicon import _COPULAS, _VERBS, _lex
from extractor.fields.tariffs.rate import _Rate


_CUES = ("threatened", "proposed")  # the statuses a cue word gives over any other reading
_PREP_BEFORE = re.compile(r"\b(from|to|at)\s+(?:(?:the|a|about|around|roughly|nearly)\s+)?\Z", re.IGNORECASE)


def _status(rate: _Rate) -> str | None:
    """The rate's status; a suspended rate has none (the contract has no such status), nor a
    threshold that describes goods (``with an MFN tariff rate equal to or greater than 15%``), nor
    an illustrative calculation."""
    if rate.condition or (rate.verb is not None and _applied_to_share(rate.verb)):
        return None
    if rate.row is not None:
        status = _own_status(rate) or _row_status(rate)
        if status is None:
            status = _read_status(rate)
            verb = rate.verb
            line = rate.row.rest
            if verb is not None and not (rate.pct["start"] - _MAX_LINE < verb.idx < line[1]) or (
                verb is not None and rate.text.rfind("\n", verb.idx, rate.pct["start"]) >= 0
            ):
                status = "imposed"  # the cue lies on another line of the list
        if status in (None, "imposed") and _in_previous_frame(rate):
            status = "previous"  # "- Before this deal, Indonesia's average tariff was 8%"
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
    if result == "hypothetical":
        return result  # settled against the article's other rates (article._harmonise_status)
    if result in (None, "imposed") and _in_previous_frame(rate):
        return "previous"
    if result == "proposed" and _cap(rate):
        return "imposed"  # "intends to ensure that the tariff ... does not exceed 15 percent": an agreed cap
    return result or "imposed"


def _cap(rate: _Rate) -> bool:
    """The rate is a ceiling on a tariff (``does not exceed 15 percent``, ``no greater than``,
    ``capped at``): a deal's cap is in force (annotation decisions), whatever verb of intent
    opens the commitment."""
    verb, lex = rate.verb, _lex()
    if verb is not None and verb.lower_ in lex.reach_verbs and any(c.dep_ == "neg" for c in verb.children):
        return True
    doc, s = rate.span.doc, rate.span.start
    before = {doc[k].lower_ for k in range(max(rate.span.sent.start, s - 4), s)}
    return bool(before & lex.cx.cap_words) and bool(before & lex.cx.bound_heads)


def _persists(rate: _Rate) -> bool:
    """The rate's clause, or one of the two above it, says it stays (``continue``, ``remain``)."""
    verb, persist = rate.verb, _lex().persist_verbs
    for _ in range(3):
        if verb is None:
            return False
        if verb.lower_ in persist:
            return True
        verb = verb.head if verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i else None
    return False


def _applied_to_share(verb: Token) -> bool:
    """``when a 25% tariff is applied to 15% of the value``: a rate applied to a share of a value
    is an illustrative calculation, neither set nor threatened (annotation decisions: null)."""
    return verb.lower_ in _lex().apply_to_verbs and any(
        p.dep_ == "pobj" and p.lower_ in ("%", "percent") for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "to" for p in c.children)


def _in_previous_frame(rate: _Rate) -> bool:
    """A rate stated with a past copula in a time before the change (``Before this deal, the
    average tariff was 8% while ... was 3.3%``, ``the tariff (prior to April 2) was 5%``): a
    frame word opening the sentence, or in the few words before the copula of the same clause.
    Read on the words: the small model's parse of such sentences is unreliable."""
    doc, sent = rate.span.doc, rate.span.sent
    start = rate.span.start
    copula = next((doc[k] for k in range(start - 1, max(sent.start, start - 3) - 1, -1)
                   if doc[k].lower_ in _PAST_COPULAS), None)
    if copula is None:
        return False
    frames = _lex().previous_frames
    if sent[0].lower_ in frames:
        return True
    for k in range(copula.i - 1, max(sent.start, copula.i - 10) - 1, -1):
        if doc[k].lower_ in _CLAUSE_BREAKS:
            return False
        if doc[k].lower_ in frames:
            return True
    return False


_PAST_COPULAS = ("was", "were")
_CLAUSE_BREAKS = ("while", "whereas", ";", "but", "and")


def _own_status(rate: _Rate) -> str | None:
    """Status from the rate's own modifiers: ``the previous 25%``, ``25% threatened by``; an
    earlier rate said to stay is in force (``will continue to be subject to the original 10%
    tariff baseline``)."""
    st = _own_cue(rate)
    return "imposed" if st == "previous" and _persists(rate) else st


def _own_cue(rate: _Rate) -> str | None:
    """The status cue of the rate's own modifiers."""
    if rate.clause is not None:  # "down from the 25% Trump had threatened": only ever threatened
        st = _verb_status(rate.clause)
        if st in _CUES:
            return st
    prev_from = _from_previous(rate)
    root, noun = rate.root, rate.noun
    holders = [root] if noun is root else [root, noun]
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


def _removed(rate: _Rate) -> bool:
    """The rate's tariff is the object of a removing verb (``The United Kingdom will remove the 20
    percent tariff``)."""
    tok = rate.tariff if rate.tariff is not None else rate.noun
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("dobj", "nsubjpass") and tok.head.lower_ in _lex().replace_verbs


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
        root = rate.root
        return True if root.dep_ == "pobj" and root.head.lower_ in lex.previous_preps else None
    if before.group(1).lower() not in lex.previous_preps:
        return False
    doc = rate.span.doc
    start = rate.span.start
    frm = next((doc[k] for k in range(start - 1, max(-1, start - 4), -1) if doc[k].lower_ == "from"), None)
    if frm is None:
        return True
    if frm.i > 0 and doc[frm.i - 1].lower_ in lex.reach_verbs:
        return False  # "ranging from 18% to 250%": a range, not a change
    if frm.i > 0 and doc[frm.i - 1].lower_ in lex.change_from:
        return True
    head = frm.head
    if head.lower_ in lex.change_from or head.like_num or head.text in ("%", "\uff05") or head.lower_ in ("cent", "percent"):
        return True
    if rate.verb is not None and rate.verb.lower_ in lex.change_from:
        return True  # "doubling the tariff rate on solar cells and modules from 25% to 50%"
    # "to 15% from 39%": a rate just before the "from" phrase
    k = frm.i - 1
    return k >= 0 and (doc[k].text in ("%", "\uff05") or doc[k].lower_ in ("cent", "percent", "pct"))


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
    verb = rate.verb
    tariff = rate.tariff if rate.tariff is not None else rate.noun
    return (
        tariff.dep_ == "nsubj" and tariff.head.i == verb.i and rate.root.i in set(t.i for t in tariff.subtree)
        and verb.lower_ not in lex.persist_verbs and verb.lower_ not in _COPULAS
        and (verb.lower_ not in lex.impose or any(c.dep_ == "dobj" for c in verb.children))
    )


def _clause_chain_status(rate: _Rate) -> str | None:
    """Status cues of the rate's verb and up to four clauses above it (``Trump threatened to
    raise tariffs to 25%``); a threat or proposal anywhere wins. A tariff that is the agent of
    a conditional verb with no cue above it (``a 15% rate would cost carmakers billions``) is
    ``hypothetical``: the article's own rate if it states that rate as imposed elsewhere, else a
    modelled scenario with status null ("a global tariff of 10% would grow the economy")."""
    verb = rate.verb
    effect = _tariff_is_agent(rate)
    result = None
    cur, hops = verb, 0
    while cur is not None and hops < 4:
        st = None if (effect and cur is verb) else _verb_status(cur, pluperfect=cur is verb)
        if st in _CUES:
            result = st
        elif result is None and st:
            result = st
        cur = _status_parent(cur, result)
        hops += 1
    if result is None and effect and _conditional(verb):
        return "hypothetical"  # "a global tariff of 10% would grow the economy": a modelled rate
    return result


_CONDITIONAL_MODALS = ("would", "could", "might")


def _conditional(verb: Token) -> bool:
    """The verb under a conditional modal (``would grow``, ``could cost``)."""
    return any(c.dep_ == "aux" and c.lower_ in _CONDITIONAL_MODALS for c in verb.children)


def _status_parent(cur: Token, result: str | None) -> Token | None:
    """The clause above ``cur`` whose cues also apply to the rate, or None."""
    if not (cur.dep_ in ("xcomp", "ccomp", "conj", "advcl") and cur.head.i != cur.i and cur.head.pos_ in _VERBS):
        return None
    if cur.dep_ in ("conj", "advcl") and result:
        return None
    if cur.dep_ == "ccomp" and cur.head.lower_ in _lex().epistemic_verbs:
        return None  # "estimates suggest that ... will pay 50%"
    if cur.dep_ == "ccomp" and cur.i < cur.head.i and _conditional(cur.head):
        return None  # a comma splice, no report: "India has a 10% tariff on cotton, ... it could raise the tariff"
    return cur.head


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
    if any(c.lower_ in lex.previous_adverbs for c in v.children if c.dep_ in ("advmod", "npadvmod")) and not any(
            c.dep_ == "mark" and c.lower_ == "as" for c in v.children):
        return "previous"  # (not a reference: "reduce the rate, as initially set forth in ..., to 19 percent")
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
