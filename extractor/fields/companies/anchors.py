"""A spaCy Matcher run only near the tokens every one of its matches must contain.

The Matcher walks every token of a Doc whatever its patterns (about 1.5 microseconds a token
per call); when each pattern holds a token from a short word list ("Inc", "whose", "maker"),
the matches are the same when the Matcher runs only on the stretches of text around those
words. The stretches are found with one vectorised look-up over the token attributes.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.strings import get_string_id


class AnchoredMatcher:
    """``matcher(doc)`` with the same matches, in the same order, computed on the stretches of
    ``doc`` around the anchors: tokens whose lowercase form or text is in ``words``, or whose
    text ``regex`` finds something in. Every match of ``matcher`` must hold an anchor and
    reach at most ``before`` tokens before it and ``after`` tokens after it."""

    def __init__(self, matcher, words: Iterable[str], regex: Optional[str] = None, *, before: int, after: int):
        self.matcher = matcher
        self.word_ids = numpy.array(sorted({get_string_id(w) for w in words}), dtype="uint64")
        self.regex = re.compile(regex) if regex else None
        self.before, self.after = before, after
        self._regex_hits: dict[int, bool] = {}  # text id -> regex result (texts repeat)

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        found = []
        for a, b in self.stretches(doc):
            found += [(key, a + s, a + e) for key, s, e in self.matcher(doc[a:b])]
        return found

    def stretches(self, doc) -> list[tuple[int, int]]:
        """Disjoint token ranges, in order, that hold every match."""
        if not len(doc):
            return []
        attrs = doc.to_array([LOWER, ORTH]).astype("uint64")
        hits = _member(attrs[:, 0], self.word_ids) | _member(attrs[:, 1], self.word_ids)
        if self.regex is not None:
            hits |= _member(attrs[:, 1], self._regex_ids(doc, numpy.unique(attrs[:, 1])))
        out: list[list[int]] = []
        for i in numpy.flatnonzero(hits).tolist():
            a, b = max(0, i - self.before), min(len(doc), i + self.after + 1)
            if out and a <= out[-1][1]:
                out[-1][1] = b
            else:
                out.append([a, b])
        return [(a, b) for a, b in out]

    def _regex_ids(self, doc, text_ids) -> numpy.ndarray:
        strings, cache, search = doc.vocab.strings, self._regex_hits, self.regex.search
        if len(cache) > 200_000:
            cache.clear()
        for t in text_ids.tolist():
            if t not in cache:
                cache[t] = bool(search(strings[t]))
        return numpy.array([t for t in text_ids.tolist() if cache[t]], dtype="uint64")


def _member(values: numpy.ndarray, sorted_ids: numpy.ndarray) -> numpy.ndarray:
    """``numpy.isin(values, sorted_ids)`` by bisection (no sort of ``values``)."""
    if not len(sorted_ids):
        return numpy.zeros(len(values), dtype=bool)
    at = numpy.minimum(numpy.searchsorted(sorted_ids, values), len(sorted_ids) - 1)
    return sorted_ids[at] == values
