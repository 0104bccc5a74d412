"""The library API: ``Extractor().extract(text)`` and ``extract_many(items)``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Union

from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc extensions)
from .errors import InputError, TooLargeError
from .models import ArticleRecord
from .pipeline import DEFAULT_MODEL, build_pipeline
from .records import doc_to_dict, doc_to_record, validate_record

DEFAULT_MAX_CHARS = 2_000_000
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# spaCy's tokenizer is quadratic in the length of a run without whitespace made of prefix or
# suffix characters ("$$$$...", "%%%%...": 800 characters take 0.2 s, 4,000 take 4 s). No word
# of a news article is this long, so longer runs are cut into tokens of this many characters
# without asking the tokenizer (the text, and so every offset, stays exactly the same).
MAX_TOKEN_CHARS = 100
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_TOKEN_CHARS + 1))  # starts only at a run's start


@dataclass
class Article:
    """One input article: its text and what the caller knows about it."""

    text: str
    doc_id: str = "doc"
    published: str | None = None


ArticleLike = Union[Article, Mapping, tuple, str]


def as_article(item: ArticleLike) -> Article:
    """Accept an Article, a dict (``text``, ``doc_id`` or ``id``, ``published``), a tuple
    ``(text, doc_id[, published])`` or a bare string."""
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(item)
    if isinstance(item, Mapping):
        if "text" not in item:
            raise InputError("item has no 'text' field")
        return Article(item["text"], item.get("doc_id") or item.get("id") or "doc", item.get("published"))
    if isinstance(item, tuple) and 1 <= len(item) <= 3:
        return Article(*item)
    raise InputError(f"cannot read an article from {type(item).__name__}")


def check_published(published: str | None, source: str | None = None) -> str | None:
    """Validate a caller's publication date (``YYYY-MM-DD``)."""
    if published is None:
        return None
    import datetime

    if not isinstance(published, str) or not _ISO_DAY.fullmatch(published):
        raise InputError(f"published must be YYYY-MM-DD, got {published!r}", source)
    try:
        datetime.date.fromisoformat(published)
    except ValueError:
        raise InputError(f"published is not a real date: {published!r}", source) from None
    return published


def tokenize(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, in linear time even for hostile runs without whitespace.

    Runs longer than ``MAX_TOKEN_CHARS`` become tokens of that many characters; the rest of the
    text goes through the tokenizer as usual. ``doc.text == text`` always holds.
    """
    if _LONG_RUN.search(text) is None:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []

    def add(part: str) -> None:
        if part:
            for tok in nlp.tokenizer(part):
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

    pos = 0
    for m in _LONG_RUN.finditer(text):
        add(text[pos : m.start()])
        run = m.group()
        for k in range(0, len(run), MAX_TOKEN_CHARS):
            words.append(run[k : k + MAX_TOKEN_CHARS])
            spaces.append(False)
        pos = m.end()
    add(text[pos:])
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    if doc.text != text:  # cannot happen; never risk offsets that do not match the text
        return nlp.make_doc(text)
    return doc


class Extractor:
    """Loads the pipeline once and turns articles into validated ArticleRecords."""

    def __init__(self, model: str | Language = DEFAULT_MODEL, max_chars: int = DEFAULT_MAX_CHARS):
        self.nlp = build_pipeline(model)
        self.max_chars = max_chars
        # Longer texts are refused before spaCy sees them, so spaCy's own limit never trips.
        self.nlp.max_length = max(self.nlp.max_length, max_chars + 1)

    def make_doc(self, article: Article) -> Doc:
        """Check an article and make the (unprocessed) Doc that carries its id and date."""
        text = article.text
        if not isinstance(text, str):
            raise InputError(f"text must be a string, got {type(text).__name__}", article.doc_id)
        if len(text) > self.max_chars:
            raise TooLargeError(
                f"article is {len(text):,} characters, over the limit of {self.max_chars:,}",
                article.doc_id,
            )
        doc = tokenize(self.nlp, text)
        doc._.doc_id = article.doc_id
        doc._.published = check_published(article.published, article.doc_id)
        doc._.published_source = "caller" if article.published else None
        return doc

    def extract(self, text: str, doc_id: str = "doc", published: str | None = None) -> ArticleRecord:
        """Extract one article; raises InputError on input it cannot process."""
        doc = self.nlp(self.make_doc(Article(text, doc_id, published)))
        return doc_to_record(doc)

    def extract_many(
        self, items: Iterable[ArticleLike], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[ArticleRecord]:
        """Stream records for many articles through ``nlp.pipe`` (same order as the input)."""
        for record in self.extract_dicts(items, batch_size=batch_size, n_process=n_process):
            yield ArticleRecord.model_validate(record)

    def extract_dicts(
        self, items: Iterable[ArticleLike], batch_size: int = 32, n_process: int = 1
    ) -> Iterator[dict]:
        """Engine-free core: yield plain record dicts (JSON-ready) for ``items``, in order.

        Each dict is validated against the contract (offsets included) before it is yielded.
        """
        docs = (self.make_doc(as_article(item)) for item in items)
        for doc in self.nlp.pipe(docs, batch_size=batch_size, n_process=n_process):
            yield validate_record(doc_to_dict(doc), doc.text).model_dump(mode="json")
