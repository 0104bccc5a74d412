"""Pure helpers on company names: folding, initials, places and heading lines."""

from __future__ import annotations

import re
from typing import Iterable, Optional

from extractor.lexicon.tables import country_names, derived

POSSESSIVE = ("'s", "’s", "'", "’")
DETERMINERS = {"the", "a", "an"}
FUNCTION_POS = {"ADV", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "AUX", "PART", "INTJ", "NUM"}
NAME_PARTICLES = {"von", "van", "der", "den", "de", "la", "le", "du", "bin", "al", "da", "di"}
_NON_WORD = re.compile(r"[^\w&+]+")


def ambiguous_forms(row: dict) -> list[str]:
    """The forms of a gazetteer row that are also common words or person names: every form for
    ``"ambiguous": true``, the listed ones for a list.

    >>> ambiguous_forms({"name": "Meta", "aliases": ["Facebook"], "ambiguous": ["Meta"]})
    ['Meta']
    >>> ambiguous_forms({"name": "Dow", "aliases": ["Dow Inc"], "ambiguous": True})
    ['Dow', 'Dow Inc']
    """
    flag = row.get("ambiguous")
    if not flag:
        return []
    return [row["name"], *row.get("aliases", [])] if flag is True else list(flag)


def company_key(text: str, suffixes: Iterable[str] = ()) -> str:
    """Fold a company name for comparison: case, punctuation, possessive, a leading ``the`` and
    trailing legal suffixes go.

    >>> company_key("Toshiba Group", {"group"})
    'toshiba'
    >>> company_key("The Nippon Steel Co., Ltd.'s", {"co", "ltd"})
    'nippon steel'
    >>> company_key("Hitachi-GE")
    'hitachi ge'
    """
    text = text.strip()
    for p in POSSESSIVE:
        if text.endswith(p):
            text = text[: -len(p)]
            break
    words = _NON_WORD.sub(" ", text.casefold().replace("_", " ")).split()
    if words and words[0] == "the":
        words = words[1:]
    if not isinstance(suffixes, frozenset):
        suffixes = {s.strip(".,").casefold() for s in suffixes}
    while len(words) > 1 and words[-1] in suffixes:
        words.pop()
    return " ".join(words)


def initials(name: str) -> str:
    """Upper-case initials of a name's capitalised words (``and``/``of``/``&`` skipped).

    >>> initials("Ontario Power Generation"), initials("Korea Hydro & Nuclear Power")
    ('OPG', 'KHNP')
    """
    return "".join(w[0].upper() for w in re.split(r"[\s\-]+", name) if w and w[0].isupper())


@derived
def _country_lower(tables) -> dict[str, str]:
    return {k.casefold(): v for k, v in country_names().items()}


def place_code(text: str) -> Optional[str]:
    """ISO code when ``text`` is a country, demonym or capital (``Japanese`` -> ``JP``).

    >>> place_code("Japanese"), place_code("Toyota")
    ('JP', None)
    """
    return _country_lower().get(text.strip().casefold())


def is_place_name(text: str) -> bool:
    """True for a place or a pairing of places (``U.S.-Japan``, ``US and Japan``).

    >>> is_place_name("U.S.-Japan"), is_place_name("Japan"), is_place_name("Japan Steel")
    (True, True, False)
    """
    if place_code(text):
        return True
    parts = [p for p in re.split(r"\s*(?:-|–|/|\band\b|&)\s*", text) if p]
    return len(parts) > 1 and all(place_code(p) for p in parts)


def is_heading(line: str) -> bool:
    """A title-case or all-caps line (headlines, section heads): NER is unreliable there.

    >>> is_heading("Toyota Plans New Battery Plant"), is_heading("Toyota plans a new plant.")
    (True, False)
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 250 or stripped[-1] in ".!?;":
        return False
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’\-]*", stripped) if len(w) > 3]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.75


def count_upto(text: str, sub: str, limit: int) -> int:
    """``min(text.count(sub), limit)``, stopping at the ``limit``-th occurrence.

    >>> count_upto("a-a-a-a", "a", 3), count_upto("aaaa", "aa", 5)
    (3, 2)
    """
    n = pos = 0
    while n < limit:
        pos = text.find(sub, pos)
        if pos < 0:
            break
        n += 1
        pos += len(sub)
    return n


_LINE = re.compile(r"[^\n]+")


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the heading lines, and of the first line (the headline, whatever
    its case)."""
    spans = [(m.start(), m.end()) for m in _LINE.finditer(text) if is_heading(m.group())]
    first = _LINE.search(text)
    if first:
        spans.append((first.start(), first.end()))
    return spans
