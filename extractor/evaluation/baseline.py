"""The baseline: what a user gets from spaCy's small English model out of the box.

Only the model's own entities are used, each mapped to a field as simply as a user would:

- ``MONEY`` -> money: amount from ``price_parser.Price.fromstring`` (no scale words, so
  ``$550 billion`` is 550), currency from its symbol, USD by default;
- ``PERCENT`` in a sentence that says tariff/duty/levy -> tariffs (rate only);
- ``ORG`` -> companies, ``PERSON`` -> officials, ``PRODUCT`` -> reactors: one entity per
  distinct text, with all its mentions;
- ``DATE`` -> dates: value from dateparser relative to the published date, day granularity.

The scorer treats its records like the extractor's, so the report shows the lift over it.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from spacy.language import Language
from spacy.tokens import Doc

from extractor.limits import DEFAULT_MODEL

BASELINE_MODEL = DEFAULT_MODEL  # the baseline is the bare model the extractor builds on
TARIFF_WORDS = re.compile(r"\b(?:tariffs?|dut(?:y|ies)|lev(?:y|ies))\b", re.IGNORECASE)
_RATE = re.compile(r"\d+(?:\.\d+)?")
# Symbols shared by several currencies: the one a news reader assumes.
_AMBIGUOUS_SYMBOLS = {"$": "USD", "US$": "USD", "¥": "JPY", "£": "GBP", "€": "EUR", "₩": "KRW", "C$": "CAD", "A$": "AUD", "HK$": "HKD"}
_ENTITY_FIELDS = {"ORG": ("companies", "name"), "PERSON": ("officials", "name"), "PRODUCT": ("reactors", "design")}


@lru_cache(maxsize=None)
def _symbol_table() -> dict[str, str]:
    """Currency symbol (or code) -> ISO code, from price-parser's own currency table."""
    from price_parser._currencies import CURRENCIES

    table: dict[str, str] = {}
    for code, info in CURRENCIES.items():
        table.setdefault(code, code)
        for key in ("s", "sn"):
            if info.get(key):
                table.setdefault(info[key], code)
    table.update(_AMBIGUOUS_SYMBOLS)
    return table


def currency_of(symbol: Optional[str]) -> str:
    """ISO code for the currency symbol price-parser found; USD when there is none.

    >>> currency_of("$"), currency_of("€"), currency_of("C$"), currency_of(None)
    ('USD', 'EUR', 'CAD', 'USD')
    """
    if not symbol:
        return "USD"
    return _symbol_table().get(symbol.strip(), _symbol_table().get(symbol.strip().upper(), "USD"))


def money_value(text: str) -> tuple[Optional[float], str]:
    """The baseline's amount and currency for a MONEY entity's text (no scale words).

    >>> money_value("$550 billion"), money_value("€600bn")
    ((550.0, 'USD'), (600.0, 'EUR'))
    """
    from price_parser import Price

    price = Price.fromstring(text)
    amount = float(price.amount) if price.amount is not None else None
    return amount, currency_of(price.currency)


def date_value(text: str, published: Optional[str]) -> Optional[str]:
    """dateparser's reading of a DATE entity, relative to ``published``, as YYYY-MM-DD."""
    if not published or len(text) > 60:
        return None
    import dateparser

    base = datetime.datetime.fromisoformat(published)
    parsed = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})
    return parsed.date().isoformat() if parsed else None


class Baseline:
    """spaCy's small model, loaded once, with its entities mapped to record fields."""

    def __init__(self, model: str | Language = BASELINE_MODEL):
        if isinstance(model, Language):
            self.nlp = model
        else:
            import spacy

            self.nlp = spacy.load(model, exclude=["lemmatizer"])

    def record(self, doc: Doc, doc_id: str, published: Optional[str]) -> dict:
        """The baseline's record (a plain dict of the contract's shape) for a processed Doc."""
        record: dict = {"doc_id": doc_id, "published": published, "money": [], "tariffs": [], "dates": []}
        entities: dict[str, dict[str, dict]] = {f: {} for f, _ in _ENTITY_FIELDS.values()}
        for ent in doc.ents:
            span = {"text": ent.text, "start": ent.start_char, "end": ent.end_char}
            if ent.label_ == "MONEY":
                value, currency = money_value(ent.text)
                record["money"].append({**span, "value": value, "currency": currency})
            elif ent.label_ == "PERCENT" and TARIFF_WORDS.search(ent.sent.text):
                rate = _RATE.search(ent.text)
                if rate:
                    record["tariffs"].append({**span, "rate": float(rate.group())})
            elif ent.label_ == "DATE":
                value = date_value(ent.text, published)
                record["dates"].append({**span, "value": value, "granularity": "day" if value else None})
            elif ent.label_ in _ENTITY_FIELDS:
                field_name, key = _ENTITY_FIELDS[ent.label_]
                entity = entities[field_name].setdefault(ent.text, {key: ent.text, "mentions": []})
                entity["mentions"].append(span)
        for field_name, by_text in entities.items():
            record[field_name] = list(by_text.values())
        return record

    def predict(self, text: str, doc_id: str = "doc", published: Optional[str] = None) -> dict:
        """The baseline's record for one article."""
        return self.record(self.nlp(text), doc_id, published)

    def predict_many(self, items: Iterable[tuple[str, str, Optional[str]]], batch_size: int = 16) -> Iterator[dict]:
        """Records for ``(text, doc_id, published)`` items, in order, through ``nlp.pipe``."""
        items = list(items)
        docs = self.nlp.pipe((text for text, _, _ in items), batch_size=batch_size)
        for doc, (_, doc_id, published) in zip(docs, items):
            yield self.record(doc, doc_id, published)
