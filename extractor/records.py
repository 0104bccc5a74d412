"""The one place where a processed spaCy Doc becomes an ArticleRecord."""

from __future__ import annotations

from decimal import Decimal
from typing import Mapping

from pydantic import ValidationError
from spacy.tokens import Doc

from extractor.errors import RecordError
from extractor.extensions import RECORD_FIELDS
from extractor.models import ArticleRecord
from extractor.version import __version__

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
    record["published_source"] = doc._.published_source if doc._.published else None
    return record


def build_record(doc: Doc, extra: Mapping | None = None, keep_text: bool = False) -> dict:
    """The one place a processed Doc becomes a record: a validated, JSON-ready dict.

    ``extra`` carries what the reader knew of the input (``source``, ``content_hash``, ``url``,
    ``title``, and ``warnings`` that go before the pipeline's own); ``keep_text`` adds the text.
    """
    data = doc_to_dict(doc)
    extra = extra or {}
    data["warnings"] = list(extra.get("warnings", [])) + data["warnings"]
    for key in ("source", "content_hash", "url", "title"):
        if extra.get(key):
            data[key] = extra[key]
    if keep_text:
        data["text"] = doc.text
    # A record that breaks the contract is a bug: it raises here and is never written.
    return validate_record(data, doc.text).model_dump(mode="json")


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
