"""How news cases words: ``data/word_case.json`` (built by ``scripts/build_word_case.py``)."""

from __future__ import annotations

import re
from typing import Iterable

_ROMAN = re.compile(r"[IVX]+")


def least_lower_share(words: Iterable[str], lower_share: dict) -> float | None:
    """The share (0-1) of the times news writes the least common of ``words`` in lower case,
    roman numerals left out; 0 for a word it never saw, None for no word. "Inspection Service"
    is high (common words), "General Motors" low (a name).

    >>> least_lower_share(["Supply", "Chains"], {"supply": 97, "chains": 100})
    0.97
    >>> least_lower_share(["Annex", "II"], {"annex": 80}), least_lower_share(["Agroamerica"], {})
    (0.8, 0.0)
    """
    shares = [lower_share.get(w.strip(".,’'").lower(), 0) for w in words if not _ROMAN.fullmatch(w)]
    return min(shares) / 100 if shares else None
