"""Doc extensions that the rule components write to.

They hold plain values only (lists of dicts, strings): a pydantic object or a Span stored on a
Doc breaks ``nlp.pipe(n_process=2)``. Records are built from them in ``records.py``.
"""

from bisect import bisect_left

from spacy.tokens import Doc

# Each field holds a list of dicts in the contract's shape (ANNOTATION.md), or None when the
# component that fills it did not run.
RECORD_FIELDS = ("money", "tariffs", "companies", "reactors", "officials", "executives", "dates", "investments")


def register_extensions() -> None:
    """Register the Doc extensions (idempotent)."""
    for field in RECORD_FIELDS:
        if not Doc.has_extension(field):
            Doc.set_extension(field, default=None)
    for name in ("doc_id", "published", "published_source"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("warnings"):
        Doc.set_extension("warnings", default=None)
    if not Doc.has_extension("text_cache"):
        Doc.set_extension("text_cache", default=None)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc and shared by the components.

    spaCy rebuilds ``doc.text`` from the tokens on every access; with every component reading
    it, that cost a tenth of the model's time. The cache is cleared at the end of the pipeline.
    """
    text = doc._.text_cache
    if text is None:
        text = doc._.text_cache = doc.text
    return text


register_extensions()


class IntervalIndex:
    """Overlap queries over a fixed set of ``(start, end)`` intervals in O(log n) each.

    An interval ``[s, e)`` overlaps one of the set exactly when the largest end among the
    intervals that start before ``e`` is past ``s``; so the starts are sorted once and a running
    maximum of the ends answers every query with one bisection. Components use it instead of
    scanning every mention found so far (which made long articles quadratic).

    >>> idx = IntervalIndex([(10, 20), (30, 35)])
    >>> idx.overlaps(19, 25), idx.overlaps(20, 30), idx.overlaps(0, 11), idx.overlaps(35, 40)
    (True, False, True, False)
    """

    __slots__ = ("starts", "max_end")

    def __init__(self, intervals):
        pairs = sorted((s, e) for s, e in intervals)
        self.starts = [s for s, _ in pairs]
        self.max_end = []
        reach = None
        for _, e in pairs:
            reach = e if reach is None or e > reach else reach
            self.max_end.append(reach)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some interval ``(a, b)`` has ``a < end and start < b``."""
        j = bisect_left(self.starts, end)
        return j > 0 and self.max_end[j - 1] > start
