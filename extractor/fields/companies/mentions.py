"""Stages 7-8: every other occurrence of an accepted name (its text, bracketed acronym, first
word or initials) is a mention; then one output entry per company."""

from __future__ import annotations

from spacy.matcher import PhraseMatcher

from extractor.extensions import IntervalIndex
from extractor.fields.companies.filters import on_reactor
from extractor.fields.companies.grouping import group_name
from extractor.fields.companies.names import initials, place_code
from extractor.fields.companies.spans import Candidate, CharSpans, GroupId
from extractor.lexicon.word_case import least_lower_share

_LEAD_PUNCT = " \"'“”‘’([,;:"
_TAIL_PUNCT = " \"'“”‘’)],;:"


def name_forms(comp, doc, text, final, alias_of) -> tuple[dict, dict]:
    """The texts that mention each accepted company (``{text: gid}``), and among them the
    first words of unknown names (``{word: gid}``, matched under stricter conditions)."""
    names: dict[str, GroupId] = {}
    for gid, cs in final.items():
        for c in cs:
            names.setdefault(doc[c.s:c.e].text, gid)
    for gid, cs in final.items():
        for c in cs:
            bare = _without_suffix(comp, doc, c)
            if bare:
                names.setdefault(bare, gid)
    for acr, gid in alias_of.items():
        if gid in final:
            names.setdefault(acr, gid)
    short_forms = _first_words(comp, doc, final)
    for word, gid in short_forms.items():
        if word not in names and comp.key(word) not in comp.key_index:
            names[word] = gid
    _add_initials(comp, doc, text, final, names)
    return names, short_forms


def _without_suffix(comp, doc, c: Candidate) -> str:
    """"Mean Fiddler PLC" ... "Mean Fiddler was founded": the name without its legal suffix,
    when what is left is not one common word ("Target Corp" leaves no "Target")."""
    e = c.e
    while e - c.s > 1 and doc[e - 1].lower_.strip(",") in comp.suffixes:
        e -= 1
    if e < c.e and doc[e - 1].text == ",":
        e -= 1  # "Smithfield Foods, Inc."
    if e == c.e or e - c.s == 1 and (least_lower_share([doc[c.s].text], comp.lower_share) or 0) >= 0.5:
        return ""
    return doc[c.s:e].text


def _first_words(comp, doc, final) -> dict[str, GroupId]:
    """"Fermi America" ... "Fermi said": the first word of an unknown multi-word name."""
    short_forms: dict[str, GroupId] = {}
    for gid, cs in final.items():
        if gid.kind != "U":
            continue
        first = doc[cs[0].s:cs[0].e]
        if len(first) < 2:
            continue
        tok = first[0]
        word = tok.text
        if word and tok.pos_ == "PROPN" and word.isalpha() and (len(word) >= 4 or (word.isupper() and len(word) >= 2)) \
                and not place_code(word) and tok.lower_ not in comp.gov_words \
                and comp.key(word) not in comp.non_company_keys:
            short_forms.setdefault(word, gid)
    return short_forms


def _add_initials(comp, doc, text, final, names) -> None:
    """"Jaguar Land Rover" ... "JLR": the initials of a name of three or more words, when the
    article writes them."""
    in_text: dict[str, bool] = {}
    for gid, cs in final.items():
        for c in cs:
            ini = initials(doc[c.s:c.e].text)
            if len(ini) < 3 or ini in names:
                continue
            if ini not in in_text:
                in_text[ini] = ini in text
            if in_text[ini] and comp.key(ini) not in comp.key_index and comp.key(ini) not in comp.non_company_keys:
                names[ini] = gid


def add_repeats(comp, doc, text, final, alias_of, reactors: CharSpans, dropped) -> None:
    """Every other occurrence of a name form is a mention of its company, unless it overlaps a
    mention, a reactor design or a rejected name, or is a first word used otherwise."""
    names, short_forms = name_forms(comp, doc, text, final, alias_of)
    if not names:
        return
    taken = {i for cs in final.values() for c in cs for i in range(c.s, c.e)}
    dropped_index = IntervalIndex(dropped)
    matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    name_list = list(names)
    for i, n in enumerate(name_list):
        matcher.add(str(i), [comp.nlp.make_doc(n)])
    strings = doc.vocab.strings
    for k, s, e in sorted(matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1])):
        if any(i in taken for i in range(s, e)):
            continue
        span = doc[s:e]
        sc, ec = span.start_char, span.end_char
        if on_reactor(comp, text, reactors, sc, ec) or dropped_index.overlaps(sc, ec):
            continue
        name = name_list[int(strings[k])]
        if e - s == 1 and name in short_forms and _not_a_name_here(doc, s, e):
            continue
        gid = names[name]
        final[gid].append(Candidate(s, e, gid.ref if gid.kind == "G" else None))
        taken.update(range(s, e))


def _not_a_name_here(doc, s, e) -> bool:
    """A first word used as a word, or inside another name ("Fermi" of "Fermi Paradox")."""
    return doc[s].pos_ != "PROPN" or doc[s].ent_type_ not in ("", "ORG", "PERSON") \
        or (e < len(doc) and doc[e].pos_ == "PROPN") or (s > 0 and doc[s - 1].pos_ == "PROPN")


# --------------------------------------------------------------------------- 8. output


def records(comp, doc, text, final) -> list[dict]:
    """One ``{"name", "country", "mentions"}`` per company, ordered by first mention."""
    out = []
    for gid, cs in final.items():
        cs.sort(key=lambda c: c.s)
        mentions = _mentions(doc, text, cs)
        if not mentions:
            continue
        if gid.kind == "G":
            row = comp.gazetteer[gid.ref]
            name, country = row["name"], row.get("country")
        else:
            name = group_name(comp, doc, gid, cs)
            country = next((c.country for c in cs if c.country), None) or next(
                (c.inherit for c in cs if c.inherit), None)
        out.append({"name": name, "country": country, "mentions": mentions})
    out.sort(key=lambda x: x["mentions"][0]["start"])
    return out


def _mentions(doc, text, cs) -> list[dict]:
    """Character spans of the candidates, quotes and stray punctuation trimmed, each once."""
    mentions = []
    seen = set()
    for c in cs:
        span = doc[c.s:c.e]
        sc, ec = span.start_char, span.end_char
        t = text[sc:ec]
        sc += len(t) - len(t.lstrip(_LEAD_PUNCT))
        t = text[sc:ec]
        tail = len(t) - len(t.rstrip(_TAIL_PUNCT))
        if tail and not t.rstrip(_TAIL_PUNCT).count("("):
            ec -= tail
        if ec <= sc or (sc, ec) in seen:
            continue
        seen.add((sc, ec))
        mentions.append({"text": text[sc:ec], "start": sc, "end": ec})
    return mentions
