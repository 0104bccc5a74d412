"""The library API: ``Extractor().extract(text)`` and ``extract_many(items)``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Union

from spacy.language import Language
from spacy.tokens import Doc

from extractor import extensions  # noqa: F401  (registers the Doc extensions)
from extractor.errors import InputError, TooLargeError
from extractor.limits import DEFAULT_MAX_CHARS
from extractor.models import ArticleRecord
from extractor.pipeline import DEFAULT_MODEL, build_pipeline
from extractor.records import build_record, doc_to_record

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# spaCy's tokenizer is quadratic in the length of a run without whitespace made of prefix or
# suffix characters ("$$$$...", "%%%%...": 800 characters take 0.2 s, 4,000 take 4 s). No word
# of a news article is this long, so longer runs are cut into tokens of this many characters
# without asking the tokenizer (the text, and so every offset, stays exactly the same).
MAX_TOKEN_CHARS = 100
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (MAX_TOKEN_CHARS + 1))  # starts only at a run's start


@dataclass
class Article:
    """One input article: its text and what the caller knows about it.

    ``published_source`` says where ``published`` came from: ``caller`` (an argument, a JSON
    field or ``--published``), ``sidecar`` (``NAME.meta.json``) or ``metadata`` (an HTML page's
    own tags); the pipeline adds ``detected`` when it finds the date line itself.
    """

    text: str
    doc_id: str = "doc"
    published: str | None = None
    url: str | None = None
    title: str | None = None
    published_source: str | None = None


ArticleLike = Union[Article, Mapping, tuple, str]
# The keys an article given as a mapping (a library dict, a JSON object, a JSON Lines row) may have.
ARTICLE_KEYS = ("text", "id", "doc_id", "published", "url", "title")


def as_article(item: ArticleLike, default_id: str = "doc", where: str = "$", source: str | None = None) -> Article:
    """The one validation of an input article, used by the library and the file readers.

    Accepts an Article, a mapping with the keys in ``ARTICLE_KEYS``, a tuple
    ``(text, doc_id[, published])`` or a bare string (id ``default_id``). Anything else, an
    unknown key, a value of the wrong type or an empty text raises InputError naming ``where``.
    """
    if isinstance(item, Article):
        article = item
    elif isinstance(item, str):
        article = Article(item, default_id)
    elif isinstance(item, Mapping):
        article = _article_from_mapping(item, default_id, where, source)
    elif isinstance(item, tuple) and 1 <= len(item) <= 3:
        article = Article(*item) if len(item) > 1 else Article(item[0], default_id)
    else:
        raise InputError(f"{where}: expected an article (a text, or an object with 'text'), got {type(item).__name__}", source)
    if not isinstance(article.text, str):
        raise InputError(f"{where}.text: expected a string, got {type(article.text).__name__}", source)
    if not article.text.strip():
        raise InputError("empty article (no text, or only whitespace)", source or article.doc_id)
    if not isinstance(article.doc_id, str) or not article.doc_id:
        raise InputError(f"{where}.id: expected a non-empty string, got {article.doc_id!r}", source)
    article.published = check_published(article.published, source or article.doc_id)
    if article.published and not article.published_source:
        article.published_source = "caller"
    return article


def _article_from_mapping(obj: Mapping, default_id: str, where: str, source: str | None) -> Article:
    unknown = sorted(set(obj) - set(ARTICLE_KEYS))
    if unknown:
        raise InputError(f"{where}: unknown field(s) {unknown}; allowed: {sorted(ARTICLE_KEYS)}", source)
    if "text" not in obj:
        raise InputError(f"{where}: no 'text' field", source)
    doc_id = obj.get("id", obj.get("doc_id", default_id))
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    for key in ("url", "title", "published"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(f"{where}.{key}: expected a string, got {type(obj[key]).__name__}", source)
    return Article(obj["text"], doc_id, obj.get("published") or None, obj.get("url") or None, obj.get("title") or None)


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
        article = as_article(article)
        text = article.text
        if len(text) > self.max_chars:
            raise TooLargeError(
                f"article is {len(text):,} characters, over the limit of {self.max_chars:,} "
                f"(raise it with --max-chars or Extractor(max_chars=...); memory grows with length)",
                article.doc_id,
            )
        doc = tokenize(self.nlp, text)
        doc._.doc_id = article.doc_id
        doc._.published = article.published
        doc._.published_source = article.published_source if article.published else None
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
        """The one place articles go through ``nlp.pipe`` (library, batch runs, evaluation)."""
        yield from self.nlp.pipe(docs, batch_size=batch_size, n_process=n_process)

    def extract(self, text: str, doc_id: str = "doc", published: str | None = None) -> ArticleRecord:
        """Extract one article; raises InputError on input it cannot process (empty text too)."""
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

        Items are validated by ``as_article`` (bare strings get ids ``doc-1``, ``doc-2``, ...);
        each dict is validated against the contract (offsets included) before it is yielded.
        """
        docs = (self.make_doc(as_article(item, f"doc-{n}", f"items[{n - 1}]")) for n, item in enumerate(items, 1))
        for doc in self.pipe(docs, batch_size=batch_size, n_process=n_process):
            yield build_record(doc)
