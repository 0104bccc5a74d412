"""Article-level passes over the mentions: roles taken from tariff phrases and other rates,
status agreements."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from extractor.fields.tariffs.context import _Context
from extractor.fields.tariffs.lexicon import _NOUNS, _lex
from extractor.fields.tariffs.mentions import _Mention
from extractor.fields.tariffs.parse import _is_strong
from extractor.fields.tariffs.roles import _phrase_roles


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
                m.imposer = next((p.imposer for p in reversed(phrases[: i + 1])
                                  if p.imposer and p.imposer != m.target), None)  # (not a retaliation on it)
    if all(m.imposer is None for m in found):
        # No rate or tariff phrase names an imposer: the country of the order's first-person
        # author, else of the article's leading actor ("President Donald J. Trump ... imposes",
        # a government fact sheet)
        leader = ctx.author or _article_actor(ctx)
        for m in found:
            if leader is not None and m.target != leader:
                m.imposer = leader


@dataclass
class _Phrase:
    """A tariff phrase of the article (with or without a rate) and the roles it names."""

    start: int
    imposer: str | None
    target: str | None


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


def _deal_roles(found: list[_Mention]) -> None:
    """A rate that names a deal between two countries (``Japan Seals 15% Tariff Deal With
    Washington``): the side that imposes the article's other rates imposes it, on the other."""
    counts = Counter(m.imposer for m in found if m.imposer and not m.deal)
    for m in found:
        sides = [c for c in m.deal if counts[c]]
        if len(m.deal) == 2 and m.imposer is None and sides:
            m.imposer = max(sides, key=counts.__getitem__)
            m.target = next(c for c in m.deal if c != m.imposer)


def _carry_roles(found: list[_Mention], author: str | None = None) -> None:
    """Roles the sentence leaves open, taken from the article (``found`` in text order).

    A rate whose sentence names no imposer takes the article's usual imposer (the one most
    rates name; in an order, its author, whatever the rates it compares name) that is not its
    own target; one that names no target takes the target of the nearest earlier rate with the
    same imposer (``U.S. tariffs on Japan ... the combined rate falls to 15%``)."""
    counts = Counter(m.imposer for m in found if m.imposer)
    if not counts:
        return  # (nothing to carry; "_several" marks are dropped by the caller)
    usual = [author] if author else [c for c, _ in counts.most_common()]
    for m in found:
        if m.imposer is None:
            m.imposer = next((c for c in usual if c != m.target), None)
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


_WORDS = re.compile(r"[a-z][a-z-]*")


def _agree_direction(found: list[_Mention], text: str) -> None:
    """One rate between the same two parties is one tariff: a mention read the other way round
    from the article's majority for that rate and pair (``Japan Seals 15% Tariff Deal With
    Washington`` beside three ``U.S. tariff of 15% on Japan``), or naming only one of the pair
    (``Japan's 15% rate``), takes the majority's direction. An article about retaliation is
    left alone: there the same rate both ways is the story (``China matched the 125% tariff``)."""
    if not _lex().retaliation_words.isdisjoint(_WORDS.findall(text.lower())):
        return
    votes: dict[tuple, Counter] = {}
    for m in found:
        if m.imposer and m.target:
            votes.setdefault((m.rate, frozenset((m.imposer, m.target))), Counter())[(m.imposer, m.target)] += 1
    if not votes:
        return
    for m in found:
        if m.row:
            continue
        if m.imposer and m.target:
            counts = votes[(m.rate, frozenset((m.imposer, m.target)))]
            best, n = counts.most_common(1)[0]
            if best != (m.imposer, m.target) and n > counts[(m.imposer, m.target)]:
                m.imposer, m.target = best
        elif m.imposer or m.target:
            party = m.imposer or m.target
            pairs = [c for (rate, pair), c in votes.items() if rate == m.rate and party in pair]
            if len(pairs) == 1 and len(pairs[0]) == 1 and sum(pairs[0].values()) >= 2:
                m.imposer, m.target = next(iter(pairs[0]))


def _replaced_rates(found: list[_Mention], text: str) -> None:
    """A rate whose last change in the article replaces it (``increase the tariff on Canada
    from 25% to 35%``) is the previous rate at every mention between the same parties and on
    the same product (``the imposition of the 25% tariff`` told as history); a rate a later
    change brings back (``from 20 percent to 10 percent``) stays in force; so is a removed rate
    (``will remove the 20 percent tariff``)."""
    last: dict[tuple, bool] = {}  # rate key -> whether its last change replaced it
    for a, b in zip(found, found[1:]):
        if a.status == "previous" and b.status == "imposed" and text[a.end : b.start].strip().lower() == "to":
            last[_rate_key(a)] = True
            last[_rate_key(b)] = False
    removed = [m for m in found if m.removed and m.status == "previous" and m.imposer and m.target]
    for m in found:
        if m.status == "imposed" and m.imposer and m.target and (
                last.get(_rate_key(m)) or any(_removes(r, m) for r in removed)):
            m.status = "previous"


def _removes(removal: _Mention, m: _Mention) -> bool:
    """``The United Kingdom will remove the 20 percent tariff``: the removed tariff is the previous
    one at its every mention between the same parties (``U.S. beef exports ... are currently
    subject to a 20 percent tariff``: a duty the government says it lifts); a removal that names
    no goods names the tariff the article gave before it."""
    return (removal.rate, removal.imposer, removal.target) == (m.rate, m.imposer, m.target) and (
        removal.product == m.product or removal.product is None and m.start < removal.start)


def _rate_key(m: _Mention) -> tuple:
    return m.rate, m.imposer, m.target, m.product


def _harmonise_status(found: list[_Mention], text: str) -> None:
    """Status agreements across the article.

    - ``threatened to raise tariffs back to 25% from 15%``: the ``from`` rate of a threatened
      or proposed change is the rate in force, not a previous one.
    - A rate read as ``proposed`` that the article elsewhere gives as ``threatened`` (same
      rate, same imposer) is the same threat.
    - A ``hypothetical`` rate (``a 15% rate would cost carmakers billions``) is the article's
      imposed rate when it states that tariff as imposed elsewhere, else a modelled one (null).
    """
    for a, b in zip(found, found[1:]):
        if b.start - a.end > 12:
            continue
        gap = text[a.end : b.start].strip().lower()
        if gap == "from" and a.status in ("threatened", "proposed") and b.status == "previous":
            b.status = "imposed"
    threats = {(m.rate, m.imposer) for m in found if m.status == "threatened"}
    imposed = [m for m in found if m.status == "imposed"]
    for m in found:
        if m.status == "proposed" and (m.rate, m.imposer) in threats:
            m.status = "threatened"
        elif m.status == "hypothetical":
            m.status = "imposed" if any(_same_tariff(m, e) for e in imposed) else None


def _same_tariff(m: _Mention, other: _Mention) -> bool:
    """``other`` states the tariff ``m`` names: the same rate, as a general rate, on the same goods or
    on the same country (the same number on other goods of no named country is another tariff: a
    modelled ``global tariff of 10%`` beside ``10 percent on aluminum``)."""
    same_goods = other.product in (None, m.product) or (m.target is not None and m.target == other.target)
    return m.rate == other.rate and same_goods
