"""The one place where a processed spaCy Doc becomes an ArticleRecord."""

from __future__ import annotations

from decimal import Decimal

from pydantic import ValidationError
from spacy.tokens import Doc

from .errors import RecordError
from .extensions import RECORD_FIELDS
from .models import ArticleRecord
from .version import __version__

AMOUNT_KEYS = ("value", "min", "max")


def doc_to_dict(doc: Doc, doc_id: str | None = None) -> dict:
    """Collect the components' plain values from ``doc`` into a dict of the contract's shape."""
    record = {
        "doc_id": doc_id or doc._.doc_id or "doc",
        "published": doc._.published,
    }
    for field in RECORD_FIELDS:
        record[field] = list(doc._.get(field) or [])
    # Amounts travel on the Doc as exact decimal strings (msgpack has no Decimal).
    record["money"] = [
        {k: Decimal(v) if k in AMOUNT_KEYS and isinstance(v, str) else v for k, v in m.items()}
        for m in record["money"]
    ]
    record["warnings"] = list(doc._.warnings or [])
    record["version"] = __version__
    return record


def doc_to_record(doc: Doc, doc_id: str | None = None) -> ArticleRecord:
    """Build and validate the ArticleRecord of ``doc``; a record that breaks the contract
    raises RecordError (it is a bug in a component, and is never written)."""
    return validate_record(doc_to_dict(doc, doc_id), doc.text)


def validate_record(data: dict, text: str) -> ArticleRecord:
    """Validate a record dict against the contract and its article text."""
    try:
        return ArticleRecord.model_validate(data, context={"text": text})
    except ValidationError as exc:
        raise RecordError(f"record {data.get('doc_id')!r} breaks the contract (a bug): {exc}") from None
