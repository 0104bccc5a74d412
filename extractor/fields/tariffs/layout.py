"""List lines and table rows: the row holding a rate, its label and the heading above the list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.fields.tariffs.lexicon import _lex
from extractor.lexicon.tables import country_code


@dataclass
class _Row:
    """The list line or table row holding a rate (character offsets into the text)."""

    label: tuple[int, int] | None  # the words before ":" or the first cell
    rest: tuple[int, int]  # the rest of the line after the rate
    table: bool  # a table row ("| 25% | in force")
    intro: tuple[int, int] | None  # the line ending in ":" that introduces the list


def _row(text: str, start: int, end: int) -> _Row | None:
    """The list line (``- U.S. on Canadian steel: 50% since June``) or table row (``Steel
    (Section 232) | 50% | in force``) holding the rate at ``start``-``end``, or None.

    Gives the row's ``label`` offsets (the words before ``:`` or the first cell), the offsets of
    the rest of the line after the rate, whether it is a ``table`` row and the ``intro`` line
    offsets. Reads the rate's own line only (bounded by ``_MAX_LINE``)."""
    ls = _line_start(text, start)
    if ls is None:
        return None
    prefix = text[ls:start]
    body = prefix.lstrip()
    bullets = _lex().cx.bullets
    le = text.find("\n", end, end + _MAX_LINE)
    le = le if le >= 0 else min(len(text), end + _MAX_LINE)
    if body.startswith(bullets) and body[1:2] in (" ", "\u00a0"):
        a = start - len(body) + 2
        colon = text.find(":", a, start)
        label = (a, colon) if 0 <= colon and colon - a < 80 else None
        return _Row(label, (end, le), False, _list_intro(text, ls, bullets))
    if _CLAUSE.fullmatch(body):  # "shall be: | (a) 25 percent, unless ...": a lettered clause that is the rate
        return _Row(None, (end, le), False, _list_intro(text, ls, bullets))
    last = prefix.rfind("|")
    if last >= 0 and (prefix.rstrip().endswith("|") or _CELL_LEAD.match(prefix, last + 1)):
        a = ls
        if body.startswith("|"):  # "| label | 50% |": the label is the first cell's words
            a = start - len(body) + 1
        bar = text.find("|", a, start)
        return _Row((a, bar), (end, le), True, _list_intro(text, ls, bullets, table=True))
    return None


# The marker of a lettered or numbered clause of an order: "(a) ", "(iii) ", "(2) ".
_CLAUSE = re.compile(r"\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)[ \u00a0]+")
_CELL_LEAD = re.compile(r"[ \u00a0]*+(?:about|around|roughly|nearly|some|up to|~)?[ \u00a0]*+\Z", re.IGNORECASE)
_MAX_LINE = 2000  # a list line or heading longer than this is no list line


def _line_start(text: str, pos: int) -> int | None:
    """Start of the line holding ``pos``, or None when it lies more than ``_MAX_LINE`` back
    (keeps the scan linear on texts without line breaks)."""
    lo = max(0, pos - _MAX_LINE)
    i = text.rfind("\n", lo, pos)
    if i < 0:
        return 0 if lo == 0 else None
    return i + 1


def _list_intro(text: str, line_start: int, bullets: tuple, table: bool = False) -> tuple[int, int] | None:
    """Offsets of the line ending in ``:`` that introduces the list (or, ``table``, the rows
    with ``|`` cells) holding the line at ``line_start``, or None; lettered clauses count as
    list lines, or as the intro when they end in ``:``."""
    end = line_start - 1
    for _ in range(40):
        if end <= 0:
            return None
        ls = _line_start(text, end)
        if ls is None:
            return None
        line = text[ls:end].strip()
        item = line.startswith(bullets) or (table and "|" in line)
        if line and not item and not (_CLAUSE.match(line) and not line.endswith(":")):
            return (ls, end) if line.endswith(":") else None
        end = ls - 1
    return None


def _bullet_label(text: str, start: int) -> str | None:
    """Country that labels the bullet line holding ``start`` (``- Vietnam: 46%`` -> VN)."""
    ls = _line_start(text, start)
    if ls is None:
        return None
    line = text[ls:start].lstrip()
    if not line.startswith(_lex().cx.bullets) or line[1:2] not in (" ", "\u00a0"):
        return None
    label = line[2:].split(":", 1)
    if len(label) == 2 and len(label[0]) < 40:
        return country_code(label[0].strip())
    return None


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the text line holding ``pos`` (a bullet is its own line)."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end
