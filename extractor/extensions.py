"""Doc extensions that the rule components write to.

They hold plain values only (lists of dicts, strings): a pydantic object or a Span stored on a
Doc breaks ``nlp.pipe(n_process=2)``. Records are built from them in ``records.py``.
"""

from spacy.tokens import Doc

# Each field holds a list of dicts in the contract's shape (ANNOTATION.md), or None when the
# component that fills it did not run.
RECORD_FIELDS = ("money", "tariffs", "companies", "reactors", "officials", "executives", "dates")


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
