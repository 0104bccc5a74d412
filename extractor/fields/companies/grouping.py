"""Stage 6: mentions of one company grouped (one gazetteer row, or one folded unknown name);
short forms, bracketed acronyms and initials joined to the name they stand for; unknown names
kept only when the evidence model accepts them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.fields.companies.names import DETERMINERS, POSSESSIVE, count_upto, initials, is_place_name, \
    place_code
from extractor.fields.companies.spans import Candidate, GroupId
from extractor.lexicon.word_case import least_lower_share

_OTHER_ENTITY_TYPES = {"GPE", "LOC", "NORP", "PRODUCT", "LAW", "EVENT", "MONEY", "PERSON", "FAC", "WORK_OF_ART",
                       "DATE", "CARDINAL", "QUANTITY", "PERCENT"}
_NON_NAME_TYPES = _OTHER_ENTITY_TYPES - {"PERSON", "GPE", "LOC", "NORP", "FAC"}
_PLACE_TYPES = ("GPE", "LOC", "FAC", "NORP")


@dataclass
class Groups:
    """Companies being built, in order of first mention, and the bracketed acronyms that
    stand for them ("Korea Hydro & Nuclear Power (KHNP)": ``{"KHNP": gid}``)."""

    members: dict[GroupId, list[Candidate]] = field(default_factory=dict)
    alias_of: dict[str, GroupId] = field(default_factory=dict)


def group_id(comp, doc, c: Candidate) -> GroupId:
    return GroupId("G", c.idx) if c.idx is not None else GroupId("U", comp.key(doc[c.s:c.e].text))


def group_name(comp, doc, gid: GroupId, cs) -> str:
    """The gazetteer name, or the longest (then last in sort order) text of an unknown name."""
    if gid.kind == "G":
        return comp.gazetteer[gid.ref]["name"]
    texts = [doc[c.s:c.e].text for c in cs]
    return max(texts, key=lambda t: (len(t), t))


def build_groups(comp, doc, accepted: list[Candidate]) -> Groups:
    groups = Groups()
    for c in sorted(accepted, key=lambda c: c.s):
        groups.members.setdefault(group_id(comp, doc, c), []).append(c)
    groups.alias_of = _bracketed_acronyms(doc, groups.members)
    _join_short_forms(comp, doc, groups)
    return groups


def _bracketed_acronyms(doc, members) -> dict[str, GroupId]:
    alias_of = {}
    for gid, cs in members.items():
        for c in cs:
            e = c.e
            if e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")":
                acr = doc[e + 1].text
                name = doc[c.s:e].text
                if acr.isupper() and 2 <= len(acr) <= 8 and acr[0] == name[:1].upper():
                    alias_of[acr] = gid
    return alias_of


def _join_short_forms(comp, doc, groups: Groups) -> None:
    """Unknown groups that are another group's short form, acronym or initials join it."""
    members = groups.members
    unknown = [g for g in members if g.kind == "U"]
    if not unknown:
        return
    longer, by_initials = _group_lookups(comp, doc, members)
    redirect = {}
    for g in unknown:
        target = _short_form_target(doc, groups, g, longer, by_initials)
        if target is not None and target != g:
            redirect[g] = target
    for g, target in redirect.items():
        while target in redirect:
            target = redirect[target]
        members[target].extend(members.pop(g))


# An acronym that writes "of" in lower case ("BoA", "BofA").
_OF_ACRONYM = re.compile(r"[A-Z]+(?:of|o)[A-Z]+")


def _short_form_target(doc, groups: Groups, g: GroupId, longer, by_initials):
    """The bracketed acronym's group, else the first group (not ``g``) whose key extends
    ``g``'s by whole words, or whose initials are ``g``'s acronym ("Reliance Industries" ...
    "RIL": Limited, Corporation, Group, Inc, plc); else a known company that ``g`` spells out
    ("News Corporation" for the gazetteer's News Corp, "Kohlberg Kravis Roberts" for KKR,
    "Hewlett-Packard" for HP)."""
    first = groups.members[g][0]
    g_text = doc[first.s:first.e].text
    target = groups.alias_of.get(g_text)
    if target is not None:
        return target
    found = [*longer.get(g.ref, ())]
    if g_text.isupper() and len(g_text) >= 2:
        found += by_initials.get(g_text, ())
        if len(g_text) >= 3 and g_text[-1] in "LCGIP":
            found += by_initials.get(g_text[:-1], ())
    elif _OF_ACRONYM.fullmatch(g_text):  # "BoA", "BofA": Bank of America
        found += by_initials.get(re.sub("[a-z]", "", g_text), ())
    if not found:
        known = [(pos, h) for pos, h in longer.get(("=", g.ref), ()) if h.kind == "G"]
        spelled = initials(g_text)
        if len(spelled) >= 2 and spelled != g_text:
            known += [(pos, h) for pos, h in by_initials.get(("=", spelled), ()) if h.kind == "G"]
        found = known
    found = [(pos, h) for pos, h in found if h != g]
    return min(found)[1] if found else None


def _group_lookups(comp, doc, members) -> tuple[dict, dict]:
    """Indexes of the groups by what a short form can match, each entry ``(position, gid)``:
    every group's key by every whole-word prefix of it ("Fermi" -> "Fermi America", "Anglo" ->
    the gazetteer's "Anglo American") and, as ``("=", key)``, by its whole key; every group by
    the initials of its name and, as ``("=", acronym)``, by the acronyms it is written as."""
    longer: dict[str, list] = {}
    by_initials: dict[str, list] = {}
    for pos, (h, cs) in enumerate(members.items()):
        h_name = group_name(comp, doc, h, cs)
        by_initials.setdefault(initials(h_name), []).append((pos, h))
        for c in cs:  # the acronyms a known company is written as ("KKR", "HP")
            written = doc[c.s:c.e].text
            if written.isupper() and len(written) >= 2:
                by_initials.setdefault(("=", written), []).append((pos, h))
        h_key = comp.key(h_name)
        longer.setdefault(("=", h_key), []).append((pos, h))
        for i, ch in enumerate(h_key):
            if ch == " ":
                longer.setdefault(h_key[:i], []).append((pos, h))
    return longer, by_initials


def keep_groups(comp, doc, text, groups: Groups) -> dict[GroupId, list[Candidate]]:
    """Group-level drops: unknown names seen only in headings or only as a source, known
    ambiguous names that are only pending, and unknown names the evidence model refuses."""
    final = {}
    for gid, cs in groups.members.items():
        if gid.kind == "U" and not any(c.evidence for c in cs):
            if all(c.heading for c in cs) or all(c.source for c in cs):
                continue
        if gid.kind == "G" and all(c.pending for c in cs):
            continue
        if gid.kind == "U" and not comp._evidence_accepts(doc, text, cs):
            continue
        final[gid] = cs
    return final


def join_known_short_forms(comp, doc, final: dict[GroupId, list[Candidate]], alias_of: dict[str, GroupId]) -> None:
    """A known company the article writes only in a short form of one longer name it also
    writes, and that name no list knows, is that company ("Ford" ... "Ford Motors Co.",
    "Sirius" ... "Sirius Satellite Radio", "Continental" ... "Continental Airlines"): the
    gazetteer read the short form as a namesake or a parent. The article's name is kept; the
    row's country is the fallback."""
    unknown = {g: comp.key(group_name(comp, doc, g, cs)) for g, cs in final.items() if g.kind == "U"}
    if not unknown:
        return
    for g in [g for g in final if g.kind == "G"]:
        keys = {comp.key(doc[c.s:c.e].text) for c in final[g]}
        targets = [u for u, u_key in unknown.items() if all(u_key.startswith(k + " ") for k in keys)]
        if len(targets) != 1:
            continue
        country = comp.gazetteer[g.ref].get("country")
        for c in final.pop(g):
            c.idx, c.inherit = None, c.inherit or country
            final[targets[0]].append(c)
        for acr, a in alias_of.items():
            if a == g:
                alias_of[acr] = targets[0]


# --------------------------------------------------------------------------- evidence features


def group_features(comp, doc, text, cs) -> dict[str, float]:
    """Features of one unknown name (all its candidates): context cues, the head noun, the
    model's labels, capitalisation, list structure and repetition (see company_evidence.json)."""
    longest = max(cs, key=lambda c: c.e - c.s)
    span = doc[longest.s:longest.e]
    words = [t for t in span if t.is_alpha]
    return {
        "bias": 1.0,
        **_cue_features(comp, doc, cs),
        "non_company_head": float(_head_word(words) in comp.non_company_heads),
        "government_word": float(any(t.lower_ in comp.gov_words for t in words)),
        "title_first": float(bool(words) and _is_title_word(comp, words[0].lower_)),
        "all_caps": float(len(words) >= 2 and all(t.is_upper for t in words)),
        "heading_only": float(all(c.heading for c in cs)),
        **_entity_type_features(doc, cs),
        "place_word": float(any(place_code(t.text) for t in words) or is_place_name(span.text)),
        **_use_features(comp, doc, cs, longest),
        **_shape_features(span, words),
        "common_words": _common_words(comp, words),
        "town_or_region": _town_or_region(comp, span, words),
        "given_name_first": float(2 <= len(words) <= 3 and all(t.is_title for t in words)
                                  and words[0].text in comp.given_names),
        "acronym_of_non_company": float(any(_defines_non_company(comp, doc, c) for c in cs)),
        "org_votes": float(min(max(c.org_votes for c in cs), 5) / 5.0),
        "repeated": float(count_upto(text, span.text, 5) / 5.0) if span.text else 0.0,
    }


def _head_word(words) -> str:
    """The name's head noun (see ``_head_of``) from its word tokens."""
    return _head_of([t.lower_ for t in words]) if words else ""


def _defines_non_company(comp, doc, c) -> bool:
    """``Customs and Border Protection (CBP)``: an acronym in brackets after a name with a
    government word or a non-company head stands for that body."""
    if not (c.e - c.s == 1 and doc[c.s].is_upper and c.s >= 2 and doc[c.s - 1].text == "("):
        return False
    run = []
    for tok in reversed(doc[max(0, c.s - 10):c.s - 1]):
        if not (tok.is_title or tok.is_upper or tok.lower_ in ("and", "of", "for", "&", "on", "-")):
            break
        run.append(tok)
    words = [t.lower_ for t in reversed(run) if t.is_alpha]
    return bool(words) and (any(w in comp.gov_words for w in words) or _head_of(words) in comp.non_company_heads)


def _head_of(words: list[str]) -> str:
    """The head of lower-cased name words: the last, or the last before ``of``/``for``
    (``memorandum`` in ``Memorandum of Cooperation``, ``letters`` in ``Letters of Interest``)."""
    cut = next((i for i, w in enumerate(words) if w in ("of", "for") and i > 0), len(words))
    return words[cut - 1]


def _cue_features(comp, doc, cs) -> dict[str, float]:
    kinds = set().union(*(c.kinds for c in cs))
    ctx = any(c.company_context for c in cs)
    return {
        "company_context": float(ctx),
        "weak_evidence": float(not ctx and any(c.evidence for c in cs)),
        "legal_suffix": float(any(comp._strong_end(doc[c.e - 1]) for c in cs)),
        "model_org": float(any(c.model for c in cs)),
        "list_or_coord": float(bool(kinds & {"LIST", "COORD"})),
    }


def _is_title_word(comp, low: str) -> bool:
    """A person's title, also in the plural ("Ministers", "Secretaries")."""
    titles = comp.person_titles
    return low in titles or low.rstrip("s") in titles or low.endswith("ies") and low[:-3] + "y" in titles


def _entity_type_features(doc, cs) -> dict[str, float]:
    toks = [t for c in cs for t in doc[c.s:c.e]]
    n = max(1, len(toks))
    return {
        "other_entity_type": sum(1 for t in toks if t.ent_type_ in _NON_NAME_TYPES) / n,
        "person_type": sum(1 for t in toks if t.ent_type_ == "PERSON") / n,
        "place_type": sum(1 for t in toks if t.ent_type_ in _PLACE_TYPES) / n,
    }


def _use_features(comp, doc, cs, longest) -> dict[str, float]:
    n = len(doc)
    nxt = doc[longest.e:longest.e + 3]
    uses = _occurrences(doc, cs, longest)
    return {
        "person_apposition": float(len(nxt) >= 3 and nxt[0].text == "," and nxt[1].lower_ in DETERMINERS
                                   and nxt[2].lower_ in comp.person_titles),
        "possessive_after": float(any(c.e < n and doc[c.e].text in POSSESSIVE for c in cs)),
        "modifier_use": float(all(c.e < n and doc[c.e].is_lower and doc[c.e].pos_ == "NOUN" for c in cs)),
        # "the Commission", not "the Airbus A320" / "the Air India order" (the article goes with the noun after)
        "the_before": float(any(s > 0 and doc[s - 1].lower_ == "the"
                                and not (e < n and doc[e].pos_ in ("NOUN", "PROPN", "NUM")) for s, e in uses)),
    }


def _occurrences(doc, cs, longest) -> list[tuple[int, int]]:
    """Where the article writes the name: its candidates and every other place with the same
    words ("the MOU, have" tells what "(MOU), which" does not)."""
    words = [t.text for t in doc[longest.s:longest.e]]
    found = {(c.s, c.e) for c in cs}
    k = len(words)
    for i in range(len(doc) - k + 1):
        if doc[i].text == words[0] and [t.text for t in doc[i:i + k]] == words:
            found.add((i, i + k))
    return sorted(found)


def _common_words(comp, words) -> float:
    """How common the name's least common content word is (``least_lower_share``)."""
    return least_lower_share([t.text for t in words if not t.is_stop], comp.lower_share) or 0.0


def _town_or_region(comp, span, words) -> float:
    """The name is, ends with, or lists after a comma a town or region ("Racine, Wisconsin",
    "CKAL-TV Calgary"); a common word ("Reading") does not count."""
    def town(name: str) -> bool:
        return name in comp.towns and comp.lower_share.get(name.lower(), 0) < 50
    parts = [p.strip() for p in span.text.split(",")]
    return float(any(town(p) for p in parts) or (len(words) >= 2 and town(words[-1].text)))


def _shape_features(span, words) -> dict[str, float]:
    return {
        "of_inside": float(any(t.lower_ in ("of", "for", "on") for t in span)),
        "lowercase_inside": float(any(t.is_alpha and t.is_lower and not t.is_stop for t in span)),
        "digit_inside": float(any(ch.isdigit() for ch in span.text)),
        "single_word": float(len(words) <= 1),
    }
