"""The named data of one article's run: candidates, evidence, and the indexes over them.

Every look-up an article needs per candidate (what overlaps this span, which evidence covers
it, is it a quoted source, is it in a heading, on a reactor design, a person's name) goes
through an index built once, so the component's time grows linearly with the article.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple, Optional

from extractor.extensions import IntervalIndex


class GroupId(NamedTuple):
    """A company being built: ``("G", gazetteer row)`` or ``("U", key of an unknown name)``."""

    kind: str
    ref: object


@dataclass(eq=False)
class Candidate:
    """A token span ``[s, e)`` that may name a company, and what the stages learnt about it."""

    s: int
    e: int
    idx: Optional[int] = None  # gazetteer row, None for a name no list knows
    model: bool = False  # the model tagged (part of) it ORG
    inherit: Optional[str] = None  # country of the known name it extends ("Hitachi Energy")
    created: bool = False  # found only through a company context
    # Set by the filter stage:
    org_votes: int = 0
    company_context: bool = False
    kinds: set = field(default_factory=set)
    evidence: bool = False
    country: Optional[str] = None
    source: bool = False
    heading: bool = False
    pending: bool = False
    seq: int = -1  # order of addition (CandidateSet)


@dataclass
class Evidence:
    """A company context around the token span ``[start, end)`` (``kind``: the rule's label)."""

    start: int
    end: int
    country: Optional[str]
    kind: str


class CandidateSet:
    """The candidates of an article in the order they were added, with a token -> candidates
    map: an overlap query costs the length of the span, not the number of candidates."""

    def __init__(self):
        self._items: dict[int, Candidate] = {}
        self._at: dict[int, list[Candidate]] = {}
        self._seq = 0

    def __iter__(self) -> Iterator[Candidate]:
        return iter(list(self._items.values()))

    def add(self, c: Candidate) -> None:
        c.seq = self._seq
        self._seq += 1
        self._items[c.seq] = c
        self._index(c)

    def remove(self, c: Candidate) -> None:
        del self._items[c.seq]
        self._unindex(c)

    def move(self, c: Candidate, s: int, e: int) -> None:
        """Give ``c`` the span ``[s, e)``, keeping its place in the order."""
        self._unindex(c)
        c.s, c.e = s, e
        self._index(c)

    def overlapping(self, s: int, e: int) -> list[Candidate]:
        """The candidates sharing a token with ``[s, e)``, in the order they were added."""
        found = {c.seq: c for i in range(s, e) for c in self._at.get(i, ())}
        return [found[k] for k in sorted(found)]

    def _index(self, c: Candidate) -> None:
        for i in range(c.s, c.e):
            self._at.setdefault(i, []).append(c)

    def _unindex(self, c: Candidate) -> None:
        for i in range(c.s, c.e):
            self._at[i].remove(c)


class EvidenceIndex:
    """The evidence of an article by the tokens it covers."""

    def __init__(self, evidence: list[Evidence]):
        self.evidence = evidence
        self._at: dict[int, list[int]] = {}
        for n, ev in enumerate(evidence):
            for i in range(ev.start, ev.end):
                self._at.setdefault(i, []).append(n)

    def overlapping(self, s: int, e: int) -> list[Evidence]:
        """The evidence sharing a token with ``[s, e)``, in the order it was found."""
        found = sorted({n for i in range(s, e) for n in self._at.get(i, ())})
        return [self.evidence[n] for n in found]

    def covering(self, i: int) -> list[Evidence]:
        """The evidence over token ``i``, in the order it was found."""
        return [self.evidence[n] for n in self._at.get(i, ())]


class SourceIndex:
    """Token spans of news sources ("said analysts at X"): a candidate is a source when it
    starts one, or lies inside one."""

    def __init__(self, sources: list[tuple[int, int]]):
        self.starts = {a for a, _b in sources}
        self.reach: dict[int, int] = {}  # token -> furthest end of a source over it
        for a, b in sources:
            for i in range(a, b):
                if b > self.reach.get(i, -1):
                    self.reach[i] = b

    def holds(self, s: int, e: int) -> bool:
        return s in self.starts or self.reach.get(s, -1) >= e


class CharSpans:
    """Character spans (reactor designs), with the spans overlapping a query listed."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.index = IntervalIndex(spans)
        self.sorted = sorted(spans)
        self.starts = [a for a, _b in self.sorted]
        self.longest = max((b - a for a, b in spans), default=0)

    def overlapping(self, sc: int, ec: int) -> list[tuple[int, int]]:
        if not self.index.overlaps(sc, ec):
            return []  # the usual case, answered without a scan
        lo = bisect_left(self.starts, sc - self.longest)
        hi = bisect_left(self.starts, ec)
        return [(a, b) for a, b in self.sorted[lo:hi] if a < ec and sc < b]


class Persons:
    """The model's PERSON entities, indexed for the filters."""

    def __init__(self, spans):
        self.spans = spans
        # Entities never overlap: each token is in at most one person.
        self.by_token: dict[int, object] = {i: p for p in spans if len(p) >= 2 for i in range(p.start, p.end)}
        self.last_words = {p[-1].text for p in spans if len(p) >= 2}
        self.by_text = Counter(p.text for p in spans)
        self.by_word_of_longer = Counter(t.text for p in spans if len(p) >= 2 for t in p)

    def covers(self, doc, s: int, e: int) -> bool:
        """A person of two or more words over ``[s, e)``, or a one-word span that is the last
        word of such a person ("Premier Doug Ford" ... "Ford")."""
        p = self.by_token.get(s)
        if p is not None and s >= p.start and e <= p.end:
            return True
        return e - s == 1 and doc[s].text in self.last_words

    def votes(self, span) -> int:
        """How many persons are written as ``span``; for one token, how many persons of two or
        more words contain it. People in news are introduced by their full name: a lone word the
        model calls a person but never names one with ("Instagram") is left to the evidence."""
        return (self.by_word_of_longer if len(span) == 1 else self.by_text)[span.text]
