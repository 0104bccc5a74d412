"""Stages 1-4: company contexts (evidence), gazetteer matches, the model's ORG names, and the
names that only a context reveals. Each stage reads the component ``comp`` (tables, matchers,
token helpers) and adds to the article's candidates or evidence."""

from __future__ import annotations

import re
from typing import Callable, Optional

from extractor.fields.companies.names import initials, place_code
from extractor.fields.companies.spans import Candidate, CandidateSet, Evidence, EvidenceIndex
from extractor.lexicon.word_case import least_lower_share

_NAME_WORD = r"[A-Z][\w&.'’\-]*(?:[ \t]+(?:[A-Z0-9&][\w&.'’\-]*|de|of|and|y|du|la))*"
# A list or table row led by a name: "- BYD: 17.0%", "Centrica | 15%", "* Switch / Oklo: ...",
# "  Roche ........ $50 billion", "- Tesla (Shanghai-built cars): 7.8%".
_LIST_ROW = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(" + _NAME_WORD + r")(?:[ \t]*/[ \t]*(" + _NAME_WORD + r"))?[ \t]*(?::|\||\(|\.{3,})",
    re.M,
)
# A bullet row led by a name and a lowercase word: "- Clarios announced a $6 billion plan",
# "- Cra-Z-Art, the biggest toymaker in the U.S., said ...".
_BULLET_ROW = re.compile(r"^[ \t]*[-*•][ \t]+(" + _NAME_WORD + r")(?=,?[ \t]+[a-z])", re.M)
_JOINING_WORDS = ("de", "of", "and", "y", "du", "la")
_COMMON = 0.9  # least_lower_share of a bullet row's lead words that are all common words
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"\s*[-*•][ \t]")
# Evidence kinds that vouch for a longer name than the model found ("Geely-owned Volvo Cars").
_EXTENDING_KINDS = ("PREMOD", "APPOS", "SUFFIX", "PREFIX", "OWNED", "LIST")
# Company contexts that name a company of its own on a known name ("developer Sun Africa").
_OWN_NAME_KINDS = ("PREMOD", "APPOS")
# Evidence kinds that make a list row's name known (with the known companies).
_LIST_KNOWN_KINDS = ("APPOS", "PREMOD", "SUFFIX", "ACRO", "OWNS")


# --------------------------------------------------------------------------- 1. contexts


def context_evidence(comp, doc) -> tuple[list[Evidence], list[tuple[int, int]]]:
    """Company contexts around names (evidence) and the names cited as news sources."""
    evidence: list[Evidence] = []
    sources: list[tuple[int, int]] = []
    strings = doc.vocab.strings
    for label, ms, me in [*comp.context_phrases(doc), *comp.context(doc)]:
        kind = strings[label]
        if kind in _SOURCE_SLOTS:
            slot = _SOURCE_SLOTS[kind](comp, doc, ms, me)
            if slot:
                sources.append(slot)
        else:
            evidence.extend(_CONTEXT_RULES[kind](comp, doc, ms, me))
    return evidence, sources


def _one(slot, country, kind) -> list[Evidence]:
    return [Evidence(slot[0], slot[1], country, kind)] if slot else []


def _after(comp, doc, ms, me):
    slot = comp._walk_after(doc, me)
    if slot:
        # "Managing director of Air Independence Andrian Feuchter said": the person the model
        # tags after the company is no part of its name.
        cut = next((k for k in range(slot[0] + 1, slot[1]) if doc[k].ent_type_ == "PERSON" and doc[k].ent_iob_ == "B"), None)
        slot = (slot[0], cut) if cut else slot
    return _one(slot, None, "AFTER")


def _before(comp, doc, ms, me):
    phrase = doc[ms:me].text.casefold().replace("’s", "'s").removeprefix("'s").strip()
    kind = "OWNS" if phrase in comp.company_only_before else "BEFORE"  # only a company has shares or a CEO
    slot = comp._walk_before(doc, ms)
    if slot and slot[1] - slot[0] == 1 and slot[0] >= 2 and doc[slot[0] - 1].text == "," \
            and doc[slot[0]].lower_ in comp.strong_suffixes:
        name = comp._walk_before(doc, slot[0] - 1)  # "Westminster Tool, Inc., based in"
        slot = (name[0], slot[1]) if name else None
    return _one(slot, None, kind)


def _apposition(comp, doc, ms, me):
    """``X, a magnet maker``; not ``X, the company's CEO`` (a possessive company noun: X is its person)."""
    if me < len(doc) and doc[me].text in ("'s", "’s"):
        return []
    return _one(comp._walk_before(doc, ms), comp._country_in(doc, ms + 2, me - 1), "APPOS")


def _prefix(comp, doc, ms, me):
    return _one(comp._walk_after(doc, ms), None, "PREFIX")


def _owned_unit(comp, doc, ms, me):
    """"whose Southern Copper unit": a name of up to three words, then the unit noun."""
    for k in range(ms + 2, min(ms + 5, len(doc))):
        if doc[k].lower_ in comp.owned_unit_nouns:
            return _one((ms + 1, k), None, "OWNED")
        if not doc[k].is_title:
            break
    return []


def _premodifier(comp, doc, ms, me):
    """"steelmaker X", "Tokyo-based X", "Geely-owned X" (and its owner), "meatpackers X and Y"."""
    if doc[ms].lower_ in comp.premodifier_nouns and not doc[ms].is_lower:
        return []  # "SoftBank Group Chairman": part of a name, not "group X"
    slot = comp._walk_after(doc, me - 1)
    if slot and doc[slot[0]].lower_ in comp.title_words:
        slot = None  # "group chairman Chung": a person follows
    owned = doc[ms].text == "-" and doc[ms + 1].lower_ == "owned"
    found = []
    if owned:
        owner = comp._walk_before(doc, ms, limit=4)
        if owner and doc[owner[0]].text[:1].isupper():
            found.append(Evidence(owner[0], owner[1], None, "OWNER"))
    country = comp._country_in(doc, max(0, ms - 2), ms) if doc[ms].text == "-" \
        else comp._country_in(doc, max(0, ms - 3), ms)
    if slot and (owned or doc[ms].lower_.endswith("s")) and slot[1] + 1 < len(doc) and doc[slot[1]].lower_ == "and":
        # "meatpackers Minerva and Marfrig": the second name of a plural noun's pair.
        found += _one(comp._walk_after(doc, slot[1] + 1), country, "PREMOD")
    return found + _one(slot, country, "PREMOD")


def _legal_suffix(comp, doc, ms, me):
    """"Corning Inc.", "Acme Holdings", "Westminster Tool, Inc.": a name ending in a legal suffix."""
    if doc[me - 1].is_lower and doc[me - 1].is_alpha:
        return []  # "Trump limited his tariff": a lowercase word, not a legal form
    slot = comp._walk_before(doc, me - 2 if doc[me - 2].text == "," else me - 1)
    return _one((slot[0], me) if slot else None, None, "SUFFIX")


def _postmodifier(comp, doc, ms, me):
    return _one(comp._walk_before(doc, me - 1), None, "POSTMOD")


_CONTEXT_RULES: dict[str, Callable] = {
    "AFTER": _after, "BEFORE": _before, "APPOS": _apposition, "PREFIX": _prefix, "OWNED": _owned_unit,
    "PREMOD": _premodifier, "SUFFIX": _legal_suffix, "POSTMOD": _postmodifier,
}
_SOURCE_SLOTS: dict[str, Callable] = {
    "SRC_AFTER": lambda comp, doc, ms, me: comp._walk_after(doc, me),
    "SRC_BEFORE": lambda comp, doc, ms, me: comp._walk_before(doc, ms),
}


# --------------------------------------------------------------------------- 2. gazetteer


def gazetteer_candidates(comp, doc) -> CandidateSet:
    """Gazetteer matches, longest first and never overlapping; a parent followed by its child
    is one name; legal suffixes after a name are part of it."""
    strings = doc.vocab.strings
    raw = [(s, e, int(strings[k])) for k, s, e in comp.orth_matcher(doc)]
    for k, s, e in comp.lower_matcher(doc):
        # Case-blind matches serve headlines and case variants; a lowercase content word
        # the name does not have ("U.S. steel and aluminium") means it is not the name.
        idx = int(strings[k])
        ok_words = comp.alias_lower_words[idx]
        if not any(t.is_alpha and t.text.islower() and not t.is_stop and t.text not in ok_words for t in doc[s:e]):
            raw.append((s, e, idx))
    raw.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken = set()
    matches = []
    for s, e, idx in raw:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        matches.append([s, e, idx])
    matches.sort()
    merged = []
    for m in matches:
        if merged and merged[-1][1] == m[0] and comp.parent.get(m[2]) == merged[-1][2]:
            merged[-1] = [merged[-1][0], m[1], m[2]]
        else:
            merged.append(m)
    cands = CandidateSet()
    for s, e, idx in merged:
        cands.add(Candidate(s, comp._extend_suffix(doc, e), idx))
    return cands


# --------------------------------------------------------------------------- 3. model ORGs


def add_model_names(comp, doc, orgs, cands: CandidateSet) -> None:
    """The model's ORG entities, trimmed and split into names, merged with the known names."""
    for ent in orgs:
        if _names_an_office(comp, doc, ent):
            continue
        s, e = comp._trim(doc, ent.start, ent.end)
        if e > s:
            for s, e in comp._split_list(doc, s, e):
                _add_model_name(comp, doc, cands, s, e)


def _names_an_office(comp, doc, ent) -> bool:
    """"Commissioner for Trade and Economic Security Jane Doe": an office, not a company."""
    return any(doc[i].lower_ in comp.person_titles and doc[i + 1].lower_ in ("for", "of")
               for i in range(max(ent.start - 2, 0), min(ent.end, len(doc) - 1)))


def _add_model_name(comp, doc, cands: CandidateSet, s: int, e: int) -> None:
    over = cands.overlapping(s, e)
    if over and all(c.s <= s and e <= c.e for c in over):
        for c in over:  # the model found part of a longer known name ("GE" of "GE Vernova")
            c.model = True
        return
    idx = comp.key_index.get(comp.key(doc[s:e].text))
    if idx is not None:
        for c in over:
            cands.remove(c)
        cands.add(Candidate(s, e, idx, model=True))
        return
    if not over:
        cands.add(Candidate(s, e, None, model=True))
        return
    for c in over:
        c.model = True
    if _extends_known(comp, doc, s, e, over):
        # A longer name built on a known one: "Hitachi Energy", "Samsung C&T". Its country only
        # when the name starts with the known one ("Costa Azul Mining" is no unit of Azul).
        known = comp.gazetteer[over[0].idx] if over[0].idx is not None and over[0].s == s else {}
        country = known.get("country")
        for c in over:
            cands.remove(c)
        cands.add(Candidate(s, e, None, model=True, inherit=country))


def _extends_known(comp, doc, s, e, over) -> bool:
    """The words of ``[s, e)`` outside the known names are a name's, not a list's."""
    covered = {i for c in over for i in range(c.s, c.e)}
    rest = [doc[i] for i in range(s, e) if i not in covered]
    return any(t.text[:1].isupper() and t.lower_ not in comp.title_words and not place_code(t.text)
               and t.lower_ not in comp.suffixes for t in rest) \
        and all(t.lower_ not in ("and", "or", ",") for t in rest)


def join_fixed_pairs(comp, doc, text: str, cands: CandidateSet) -> None:
    """``Rohm and Haas``: two names joined by ``and`` that the article never writes apart, at
    least twice, one of them unknown, are one name (two companies listed together are also
    named apart somewhere, or both known)."""
    for c in list(cands):
        e = c.e
        if not (e + 1 < len(doc) and doc[e].lower_ == "and"):
            continue
        nxt = [o for o in cands.overlapping(e + 1, e + 2) if o.s == e + 1]
        if not nxt or (c.idx is not None and nxt[0].idx is not None):
            continue
        first, second = doc[c.s:c.e].text, doc[nxt[0].s:nxt[0].e].text
        pair = len(re.findall(rf"\b{re.escape(first)} and {re.escape(second)}\b", text))
        if pair >= 2 and all(len(re.findall(rf"\b{re.escape(name)}\b", text)) == pair for name in (first, second)):
            joined = Candidate(c.s, nxt[0].e, comp.key_index.get(comp.key(f"{first} and {second}")),
                               model=c.model or nxt[0].model)
            cands.remove(c)
            cands.remove(nxt[0])
            cands.add(joined)


# --------------------------------------------------------------------------- more evidence


def coordination_evidence(comp, doc, cands: CandidateSet) -> list[Evidence]:
    """Names listed with known companies ("Murata, TDK and Panasonic") are companies too: the
    names next to a known company, and every name of a list ("State Street, BB&T, US Bancorp
    and Capital One Financial") whose known companies are at least half of it."""
    found = []
    n = len(doc)
    known = {id(c) for c in cands if c.idx is not None and not comp.is_ambiguous(c.idx, doc[c.s:c.e].text)}
    for c in cands:
        if id(c) not in known:
            continue
        e = c.e
        if e + 1 < n and doc[e].lower_ in (",", "and"):
            k = e + 2 if doc[e].text == "," and doc[e + 1].lower_ == "and" else e + 1
            found += _plain(comp, doc, comp._walk_after(doc, k, limit=4))
        if c.s >= 2 and doc[c.s - 1].lower_ in (",", "and"):
            found += _plain(comp, doc, comp._walk_before(doc, c.s - 1, limit=4))
    for run in _coordinated_runs(doc, cands):
        if len(run) >= 3 and 2 * sum(id(c) in known for c in run) >= len(run):
            found += [ev for c in run if id(c) not in known for ev in _plain(comp, doc, (c.s, c.e))]
    return found


def _coordinated_runs(doc, cands: CandidateSet) -> list[list[Candidate]]:
    """Candidates one after another with only ``,``, ``and`` or ``, and`` between them."""
    runs, cur = [], []
    for c in sorted(cands, key=lambda c: c.s):
        between = [t.lower_ for t in doc[cur[-1].e:c.s]] if cur else None
        if cur and between in ([","], ["and"], [",", "and"]):
            cur.append(c)
        else:
            if len(cur) > 1:
                runs.append(cur)
            cur = [c]
    if len(cur) > 1:
        runs.append(cur)
    return runs


def _plain(comp, doc, slot) -> list[Evidence]:
    return _one(slot, None, "COORD") if slot and comp._plain_name(doc, *slot) else []


def acronym_evidence(comp, doc) -> list[Evidence]:
    """"Japan Australia Rare Earths, or JARE," / "Korea Hydro & Nuclear Power (KHNP)": a name
    whose initials are the acronym that follows it (both are evidence)."""
    found = []
    for _label, ms, me in comp.acronym_matcher(doc):
        acr = doc[me - 2].text if doc[me - 1].text in (")", ",") else doc[me - 1].text
        slot = comp._walk_before(doc, ms, limit=6)
        if slot and slot[1] - slot[0] >= 2:
            letters = initials(doc[slot[0]:slot[1]].text)
            if letters.startswith(acr[:2]) and letters in (acr, acr.rstrip("S")):
                found += [Evidence(slot[0], slot[1], None, "ACRO"), Evidence(me - 2, me - 1, None, "ACRO")]
    return found


def list_evidence(comp, doc, text: str, cands: CandidateSet, evidence: list[Evidence]) -> list[Evidence]:
    """``LIST`` evidence for the names that lead list/table rows when at least half of the
    block's named rows (two or more) are known companies."""
    if "\n" not in text:
        return []
    rows = _list_rows(doc, text, lambda words: (least_lower_share(words, comp.lower_share) or 0) >= _COMMON)
    if len(rows) < 2:
        return []
    lookup = _RowLookup(comp, doc, cands, evidence)
    found = []
    for block in _blocks(text, rows):
        names = [sp for _a, _b, spans in block for sp in spans]
        if len(block) >= 2 and lookup.majority_known(names):
            found += [Evidence(s, e, None, "LIST") for s, e in names if not lookup.person(s, e)]
    return found


def _list_rows(doc, text, common: Callable[[list[str]], bool]):
    """``(row start, row end, [token spans of the names leading it])`` per list row. A heading
    in capitals ("- BOLSTERING AMERICAN MINING: ...") or in common words ("- Critical Minerals:
    ...") leads no row; nor do a bullet row's lead words that are all ``common`` words ("- Support
    for ...") or end with a joining word."""
    rows = []
    matches = {m.start(): m for m in _LIST_ROW.finditer(text)}
    for m in _BULLET_ROW.finditer(text):
        words = m.group(1).split()
        if m.start() not in matches and not common(words) and words[-1] not in _JOINING_WORDS:
            matches[m.start()] = m
    for m in (matches[k] for k in sorted(matches)):
        lead = m.group(1).split()
        if len(lead) >= 2 and (all(w.isupper() for w in lead if w.isalpha()) or common(lead)):
            continue
        spans = []
        for g in range(1, m.re.groups + 1):
            if m.group(g):
                a, b = m.start(g), m.end(g)
                while b > a and text[b - 1] in ".-":
                    b -= 1  # "Roche ...." / trailing punctuation
                span = doc.char_span(a, b, alignment_mode="expand")
                if span is not None and len(span):
                    spans.append((span.start, span.end))
        if spans:
            rows.append((m.start(), m.end(), spans))
    return rows


def _blocks(text, rows):
    """Rows not parted by a paragraph that is no row: lines of a list or table, or paragraphs
    that each open with a name ("Bollinger Shipyards: The first ..."). A bullet that leads no
    name ("- In addition to ...") keeps its list together."""
    blocks, cur = [], []
    for row in rows:
        if cur and _parted(text, cur[-1][1], row[0]):
            blocks.append(cur)
            cur = []
        cur.append(row)
    blocks.append(cur)
    return blocks


def _parted(text, a, b) -> bool:
    """Whether a paragraph other than a bullet stands between two rows (``a``: end of the
    first row's lead, ``b``: start of the next row)."""
    between = _BLANK_LINE.split(text[a:b])[1:-1]
    return any(p.strip() and not _BULLET.match(p) for p in between)


class _RowLookup:
    """Whether a row's name is known (here or anywhere in the article: "- SAIC Motor: 35.3%" ...
    "SAIC, a carmaker") or named ORG by the model."""

    def __init__(self, comp, doc, cands: CandidateSet, evidence: list[Evidence]):
        self.comp, self.doc, self.cands = comp, doc, cands
        key = comp.key
        known = [c for c in cands if self._is_known(c)]
        self.known_keys = {key(doc[c.s:c.e].text) for c in known} | {
            key(doc[ev.start:ev.end].text) for ev in evidence if ev.kind in _LIST_KNOWN_KINDS}
        self.model_keys = {key(doc[c.s:c.e].text) for c in cands if c.model or c.idx is not None}

    def _is_known(self, c: Candidate) -> bool:
        return c.idx is not None and not self.comp.is_ambiguous(c.idx, self.doc[c.s:c.e].text)

    def _row_keys(self, s, e):
        return {self.comp.key(self.doc[s:e].text), self.comp.key(self.doc[s].text)}

    def known(self, s, e) -> bool:
        return any(self._is_known(c) for c in self.cands.overlapping(s, e)) or bool(self._row_keys(s, e) & self.known_keys)

    def person(self, s, e) -> bool:
        """A row led by a person's title ("- Secretary Granholm will discuss ...") names no
        company and no rival: it is left out of the count."""
        return self.doc[s].lower_ in self.comp.person_titles

    def majority_known(self, names) -> bool:
        names = [(s, e) for s, e in names if not self.person(s, e)]
        n_known = sum(1 for s, e in names if self.known(s, e))
        # The model's ORG names count as half-evidence: they make up the rest of the majority.
        n_named = sum(1 for s, e in names if self.known(s, e) or self._row_keys(s, e) & self.model_keys)
        return n_known >= 1 and n_named >= 2 and 2 * n_named >= len(names)


# --------------------------------------------------------------------------- 4. context-only names


def extend_cut_names(comp, doc, cands: CandidateSet, evidence: EvidenceIndex) -> None:
    """A company context around a name the model cut short ("Geely-owned Volvo Cars"), or
    around a longer name that starts with a known one ("U.S. project developer Sun Africa"):
    that name is its own."""
    for c in list(cands):
        if c.idx is not None:
            span = _own_name_on_known(comp, doc, cands, evidence, c)
            if span:
                cands.remove(c)
                cands.add(Candidate(span[0], span[1], None))
            continue
        span = _extension(comp, doc, cands, evidence, c)
        if span:
            cands.move(c, *span)


def _own_name_on_known(comp, doc, cands, evidence, c) -> Optional[tuple[int, int]]:
    """A company-context span that starts with a known name and adds one or two capitalised
    words that are no legal form."""
    for ev in evidence.covering(c.s):
        a, b = ev.start, ev.end
        extra = doc[c.e:b]
        if ev.kind in _OWN_NAME_KINDS and a == c.s and 0 < b - c.e <= 2 \
                and all(t.is_alpha and t.text[:1].isupper() and t.lower_ not in comp.suffixes for t in extra) \
                and not any(o is not c for o in cands.overlapping(a, b)):
            return a, b
    return None


def _extension(comp, doc, cands, evidence, c) -> Optional[tuple[int, int]]:
    for ev in evidence.covering(c.s):
        a, b = ev.start, ev.end
        if ev.kind in _EXTENDING_KINDS and a <= c.s and c.e <= b \
                and (a, b) != (c.s, c.e) and _growth(doc, ev, c) <= 2 \
                and not any(t.lower_ in comp.title_words for t in doc[a:b]) \
                and not any(o is not c for o in cands.overlapping(a, b)):
            return a, b
    return None


def _growth(doc, ev, c) -> int:
    """How many name words a context adds to a candidate (a legal suffix and its comma,
    "Legacy Precision Molds, Inc.", are no name words)."""
    suffix = 0
    if ev.kind == "SUFFIX" and ev.end > c.e:
        suffix = 2 if doc[ev.end - 2].text == "," else 1
    return (ev.end - ev.start) - (c.e - c.s) - suffix


def add_context_names(cands: CandidateSet, evidence: list[Evidence]) -> None:
    """Names that only a company context reveals ("Vulcan Elements, a magnet maker")."""
    for ev in evidence:
        if not cands.overlapping(ev.start, ev.end):
            cands.add(Candidate(ev.start, ev.end, None, created=True))
