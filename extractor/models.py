"""Pydantic models of the record contract (ANNOTATION.md).

One shape serves extractor output, gold files and the scorer. Validation enforces the
contract's codes and shapes; pass ``context={"text": article_text}`` to
``ArticleRecord.model_validate`` to also check that every mention's offsets slice to its text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)


def _as_json_number(value: Union[Decimal, int, float, None]) -> Union[int, float, None]:
    """Serialise amounts as JSON numbers (pydantic would write a Decimal as a string)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return int(value)
    return value


def _number_only(value):
    """Refuse strings and booleans where the contract wants a JSON number (gold typos)."""
    if isinstance(value, (str, bool)):
        raise ValueError(f"must be a JSON number, got {type(value).__name__} {value!r}")
    return value


# Amounts are kept exact (Decimal) in Python and written as plain JSON numbers.
Amount = Annotated[
    Decimal, BeforeValidator(_number_only), PlainSerializer(_as_json_number, return_type=Union[int, float])
]

CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
# ISO 3166 alpha-2, plus EU for the European Union.
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
IsoDate = Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]

Qualifier = Literal["up_to", "at_least", "more_than", "less_than", "about"]
TariffStatus = Literal["imposed", "threatened", "proposed", "previous"]
ReactorCategory = Literal["large", "small_modular", "micro", "class"]
Granularity = Literal["day", "week", "month", "quarter", "year", "decade"]


class _Strict(BaseModel):
    # Unknown fields are errors: a typo in a gold file must not pass silently.
    model_config = ConfigDict(extra="forbid")


class Mention(_Strict):
    """A stretch of the article: ``text == article[start:end]``."""

    text: str = Field(min_length=1)
    start: int = Field(ge=0, strict=True)
    end: int = Field(ge=0, strict=True)

    @model_validator(mode="after")
    def _span_order(self) -> "Mention":
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"span {self.start}:{self.end} is {self.end - self.start} characters "
                f"but text {self.text!r} is {len(self.text)}"
            )
        return self


class MoneyMention(Mention):
    value: Optional[Amount] = None
    min: Optional[Amount] = None
    max: Optional[Amount] = None
    currency: Optional[CurrencyCode] = None
    qualifier: Optional[Qualifier] = None

    @model_validator(mode="after")
    def _value_or_range(self) -> "MoneyMention":
        has_range = self.min is not None or self.max is not None
        if self.value is not None and has_range:
            raise ValueError("a money mention has either value or min/max, not both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} is greater than max {self.max}")
        return self


class TariffMention(Mention):
    rate: Annotated[float, BeforeValidator(_number_only)]
    imposer: Optional[CountryCode] = None
    target: Optional[CountryCode] = None
    status: Optional[TariffStatus] = None
    product: Optional[str] = None


class Span(Mention):
    """A mention of an entity (company, reactor, official, executive)."""


class Company(_Strict):
    name: str = Field(min_length=1)
    country: Optional[CountryCode] = None
    mentions: list[Span] = Field(min_length=1)


class Reactor(_Strict):
    design: str = Field(min_length=1)
    category: Optional[ReactorCategory] = None
    vendor: Optional[str] = None
    mentions: list[Span] = Field(min_length=1)


class Official(_Strict):
    name: str = Field(min_length=1)
    title: Optional[str] = None
    country: Optional[CountryCode] = None
    mentions: list[Span] = Field(min_length=1)


class Executive(_Strict):
    name: str = Field(min_length=1)
    title: Optional[str] = None
    company: Optional[str] = None
    mentions: list[Span] = Field(min_length=1)


class DateMention(Mention):
    value: Optional[IsoDate] = None
    granularity: Optional[Granularity] = None


Sector = Literal[
    "energy", "nuclear", "ai", "semiconductors", "critical_minerals", "autos", "shipbuilding",
    "pharma", "infrastructure", "defense", "manufacturing", "finance", "other",
]
InvestmentStatus = Literal["pledged", "completed", "proposed", "cancelled"]


class Investment(Mention):
    """Money committed to build, buy, develop or fund a business, plant or project; the span is
    exactly that of its money mention."""

    investor: Optional[str] = None  # a company as named in `companies`, or a country code / EU
    destination: Optional[CountryCode] = None
    companies: list[str] = Field(default_factory=list)
    sectors: list[Sector] = Field(default_factory=list)
    status: Optional[InvestmentStatus] = None


_MENTION_FIELDS = ("money", "tariffs", "dates", "investments")
_ENTITY_FIELDS = ("companies", "reactors", "officials", "executives")


class ArticleRecord(_Strict):
    """Everything extracted from one article (the contract's ArticleRecord)."""

    doc_id: str = Field(min_length=1)
    published: Optional[IsoDate] = None
    money: list[MoneyMention] = Field(default_factory=list)
    tariffs: list[TariffMention] = Field(default_factory=list)
    companies: list[Company] = Field(default_factory=list)
    reactors: list[Reactor] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    executives: list[Executive] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    investments: list[Investment] = Field(default_factory=list)
    # Output-only extras; the scorer ignores them.
    warnings: list[str] = Field(default_factory=list)
    version: Optional[str] = None
    source: Optional[str] = None  # the input file (and line) the article came from
    content_hash: Optional[str] = None  # of text + published: batch runs skip unchanged articles
    # Where `published` came from: caller (argument, JSON field, --published), sidecar
    # (NAME.meta.json), metadata (an HTML page's own tags) or detected (the date line).
    published_source: Optional[Literal["caller", "sidecar", "metadata", "detected"]] = None
    url: Optional[str] = None
    title: Optional[str] = None
    text: Optional[str] = None  # the article text itself, with --keep-text (offsets refer to it)

    @field_validator("published")
    @classmethod
    def _full_date(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"published must be YYYY-MM-DD, got {value!r}")
        return value

    @model_validator(mode="after")
    def _offsets_match_text(self, info: ValidationInfo) -> "ArticleRecord":
        text = (info.context or {}).get("text") if info is not None else None
        if text is None:
            return self
        problems = [
            f"{path}: text[{m.start}:{m.end}] is {text[m.start:m.end]!r}, not {m.text!r}"
            for path, m in self.iter_mentions()
            if m.end > len(text) or text[m.start : m.end] != m.text
        ]
        if problems:
            raise ValueError("; ".join(problems[:10]))
        return self

    def iter_mentions(self):
        """Yield ``(json_path, mention)`` for every span in the record."""
        for field in _MENTION_FIELDS:
            for i, m in enumerate(getattr(self, field)):
                yield f"{field}[{i}]", m
        for field in _ENTITY_FIELDS:
            for i, entity in enumerate(getattr(self, field)):
                for j, m in enumerate(entity.mentions):
                    yield f"{field}[{i}].mentions[{j}]", m
