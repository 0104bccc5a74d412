"""From decided rates to mentions: roles (overruled by the list line or table row), status and
product."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from extractor.fields.tariffs.context import _Context
from extractor.fields.tariffs.context_rules import _amended_quote
from extractor.fields.tariffs.layout import _bullet_label, _line_bounds, _row
from extractor.fields.tariffs.lexicon import _SEVERAL, _lex
from extractor.fields.tariffs.parse import _governing_verb, _trailing_clause
from extractor.fields.tariffs.product import _product
from extractor.fields.tariffs.rate import _Rate
from extractor.fields.tariffs.roles import _deal_parties, _fallback_roles, _goods_roles, _names_a_deal, _roles
from extractor.fields.tariffs.status import _removed, _row_status, _status


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
    deal: tuple = ()  # the countries on both sides of a deal the rate names (article decides who imposes)
    removed: bool = False  # the object of a removing verb ("will remove the 20 percent tariff")

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
    r.bracket = nxt.bracket
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
    if r.bracket is not None:  # "India (70%) imposes ...", "tariffs on Vietnam (46%)"
        code, role = r.bracket
        if role == "imposer":
            return _Parties(code, None, labelled=True)
        return _Parties(next((c for c in imposers if c != code), None), code, labelled=True)
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
    if p.imposer is None and _amended_quote(r):
        p.imposer = _schedule_country(r, ctx)
    p.several = p.several or p.target == _SEVERAL or (p.target is None and _SEVERAL in targets)
    if r.row is not None and p.imposer is not None and p.imposer == p.target and not p.several:
        p.imposer = None  # a list's run-together sentence named the target twice: the article decides
    if p.several or p.imposer == p.target:
        p.target = None


def _schedule_country(r: _Rate, ctx: _Context) -> str | None:
    """Whose schedule an amendment changes (``heading 9903.01.63 of the HTSUS shall be amended
    by deleting \u201c84%\u201d``): the order's author, else the schedule its line names."""
    if ctx.author is not None:
        return ctx.author
    a, b = _line_bounds(ctx.text, r.pct["start"])
    line = ctx.text[a:b]
    return next((code for name, code in _lex().schedules.items() if re.search(rf"\b{re.escape(name)}\b", line)), None)


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
        if prev.imposer != parties.target:  # (not onto its own target: "... into the U.S. is 1.5%, yet the
            parties.imposer = parties.imposer or prev.imposer  # average tariff on U.S. products is 6%")
        if parties.target is None and not parties.several and prev.target != parties.imposer:
            parties.target = prev.target
    pct = r.pct
    deal = tuple(_deal_parties(r, ctx)) if _names_a_deal(r) else ()
    return _Mention(pct["text"], pct["start"], pct["end"], float(pct["value"]), parties.imposer,
                    parties.target, _status(r), _product(r), several=parties.several,
                    row=row is not None, named=named, deal=deal, removed=_removed(r))
