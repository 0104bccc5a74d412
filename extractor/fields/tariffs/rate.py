"""One percentage of a candidate sentence and what the rules have read about it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from extractor.fields.tariffs.layout import _Row
from extractor.fields.tariffs.lexicon import _MARK


@dataclass(eq=False)
class _Rate:
    """One percentage in a candidate sentence and what the parse says about it."""

    pct: dict  # the percentage (find_percentages)
    span: Span  # its tokens
    text: str = ""  # the document's text
    root: Token = field(init=False)  # the percentage's head token
    noun: Token = field(init=False)  # the noun the rate modifies ("tariff" in "a 15% tariff"), else root
    tariff: Token | None = None  # the tariff noun
    verb: Token | None = None  # the verb governing the tariff
    decision: str | None = None  # "yes", "no" or None (undecided)
    link: Token | None = None  # another rate's token this one depends on
    bare: bool = field(init=False)  # first number of "10 to 15 percent"
    intro_imposer: str | None = None  # imposer named by a list's heading
    row: _Row | None = None  # the list line / table row holding the rate
    actor: Token | None = None  # a name that imposes the rate in a reduced relative clause
    clause: Token | None = None  # that clause's verb
    condition: bool = False  # "goods with an MFN tariff rate equal to or greater than 15 percent": a threshold, no status
    bracket: tuple | None = None  # ("IN", "imposer") for "India (70%) imposes ...": the country before the bracket

    def __post_init__(self):
        root = head = self.span.root
        while head.dep_ == "compound" and head.head.lower_ in ("ad", "valorem"):
            head = head.head
        if head.lower_ == "valorem" and head.dep_ != "compound":
            root = head  # "tariffs of 10 percent ad valorem on goods": the phrase's head stands in
        self.root = self.noun = root
        self.bare = not _MARK.search(self.pct["text"])


def rate_tokens(rate: _Rate) -> set[int]:
    return {t.i for t in rate.span}
