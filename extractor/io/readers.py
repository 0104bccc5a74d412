"""Reading articles from files and folders: text, Markdown, HTML, JSON and JSON Lines.

Every problem becomes an ``InputError`` naming the file (and the line or JSON path), so a batch
can report it and go on. Nothing here follows links in HTML or runs scripts: HTML is parsed
for its text only.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

from extractor.api import ARTICLE_KEYS, Article, as_article, check_published
from extractor.errors import InputError

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
META_SUFFIX = ".meta.json"  # sidecar metadata of an article file: {"published": "YYYY-MM-DD"}
SPLITS_FILE = "splits.json"  # a corpus folder's dev/test lists, not an article
DEFAULT_MAX_BYTES = 8_000_000
JSON_FIELDS = set(ARTICLE_KEYS)  # kept for callers of 0.1
# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


@dataclass
class Item:
    """One article read from an input, with where it came from."""

    article: Article
    source: str  # path, or path:line for JSON Lines
    content_hash: str
    extra: dict = field(default_factory=dict)  # url, title, encoding, warnings


@dataclass
class Failure:
    """An input that could not be read: the path (and line) and the reason."""

    source: str
    reason: str
    doc_id: str | None = None


def content_hash(text: str, published: str | None) -> str:
    """Stable hash of what an article's record depends on (its text and date)."""
    h = hashlib.sha256(text.encode("utf-8", "surrogatepass"))
    h.update(b"\x00" + (published or "").encode())
    return h.hexdigest()[:16]


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode article bytes: the given encoding, else strict UTF-8, else detection.

    Returns (text, note); the note says when the encoding was detected.
    """
    if not encoding:
        # A UTF-16/32 file (Windows "Unicode" text) is full of NUL bytes: its BOM says what it is.
        for bom, name in _BOMS:
            if data.startswith(bom):
                try:
                    return data[len(bom):].decode(name), f"decoded as {name} (byte order mark)"
                except UnicodeDecodeError as exc:
                    raise InputError(f"cannot decode as {name} despite its byte order mark: {exc}", source) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not an article", source)
    if encoding:
        try:
            return data.decode(encoding), None
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}", source) from None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("not UTF-8 and no text encoding could be detected (binary?)", source)
    text = str(best)
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:5000])
    if printable < 0.95 * min(len(text), 5000):
        raise InputError(f"undecodable: looks binary (best guess {best.encoding})", source)
    return text, f"not valid UTF-8; decoded as {best.encoding} (detected)"


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"too large: {size:,} bytes, over the limit of {max_bytes:,}", str(path))
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None


def read_text_file(path: Path, encoding: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a text article (see ``decode_bytes``); errors name the file."""
    text, _ = decode_bytes(read_bytes(path, max_bytes), str(path), encoding)
    _check_not_empty(text, str(path))
    return text


def _check_not_empty(text: str, source: str) -> None:
    if not text.strip():
        raise InputError("empty article (no text, or only whitespace)", source)


_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "title", "dd", "dt",
}


def html_to_text(html: str) -> tuple[str, str | None]:
    """The main text of a news page and its title.

    trafilatura (made for news pages) decides what is the article: navigation, footers,
    "related" boxes and boilerplate are dropped. Its own text can break a line at inline markup
    (``spend <b>$3 billion</b>``) and marks list items, so the lines kept are the page's visible
    lines (``_visible_text``) that trafilatura's article contains, in order. A page it finds no
    article in (a fragment) keeps all its visible text. Links are never followed, scripts
    never run.
    """
    import trafilatura

    visible, title = _visible_text(html)
    main = trafilatura.extract(html, include_comments=False, include_tables=True, deduplicate=False,
                               favor_recall=True)
    kept = _lines_in(visible.split("\n"), _letters(main or ""))
    return ("\n".join(kept) if kept else visible), title


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum()).lower()


def _lines_in(lines: list[str], main: str) -> list[str]:
    """The lines whose letters occur in ``main`` in order; a short line (a menu word) only
    when it comes right where the previous kept line ended."""
    kept, at = [], 0
    for line in lines:
        key = _letters(line)
        if not key:
            continue
        found = main.find(key, at)
        if found < 0 or (len(key) < 20 and found != at):
            continue
        kept.append(line)
        at = found + len(key)
    return kept


def _html_title(html: str) -> str | None:
    from bs4 import BeautifulSoup, SoupStrainer

    soup = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer("title"))
    return soup.title.get_text(" ", strip=True) if soup.title else None


def html_published(html: str) -> str | None:
    """The publication date a page declares in its own metadata (``article:published_time``,
    JSON-LD ``datePublished``, ``<time>``...), read by htmldate without guessing from the text."""
    import htmldate

    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a page with broken metadata simply has no date
        return None
    return found if found and re.fullmatch(r"\d{4}-\d{2}-\d{2}", found) else None


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do we.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares (``<meta charset>`` or HTTP-equiv), if Python knows it."""
    m = _DECLARED_CHARSET.search(data[:8192])
    if m is None:
        return None
    label = m.group(1).decode("ascii", "replace").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _visible_text(html: str) -> tuple[str, str | None]:
    """All visible text of an HTML document (scripts, styles and markup dropped) and its <title>."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "object", "svg", "head"]):
        if tag.name == "head":
            continue
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.head:
        soup.head.decompose()
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [" ".join(line.split()) for line in soup.get_text().splitlines()]
    paragraphs, blank = [], False
    for line in lines:
        if line:
            paragraphs.append(line)
            blank = False
        elif not blank and paragraphs:
            blank = True
    return "\n".join(paragraphs), title


def read_sidecar(path: Path) -> dict:
    """The sidecar metadata of an article file (``name.meta.json``), or {}."""
    meta = path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)
    if not meta.exists():
        return {}
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"unreadable sidecar {meta.name}: {exc}", str(path)) from None
    if not isinstance(data, dict):
        raise InputError(f"sidecar {meta.name} must hold a JSON object", str(path))
    return data


def _item(article: Article, source: str, extra: dict, published: str | None = None) -> Item:
    """An Item from a validated article; ``published`` (the run's default) fills a missing date."""
    if article.published is None and published is not None:
        article.published, article.published_source = check_published(published, source), "caller"
    return Item(article, source, content_hash(article.text, article.published), extra)


def read_file(
    path: Path,
    published: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Union[Item, Failure]]:
    """Yield the articles of one file (several for JSON/JSONL), or Failures, never raising.

    ``extractor run`` and ``extractor extract`` both read files here. The date of a text or
    HTML article comes from its sidecar, else ``published``, else the page's own metadata.
    """
    source = str(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    suffix = path.suffix.lower()
    try:
        data = read_bytes(path, max_bytes)
        if suffix in HTML_SUFFIXES:
            text, note = decode_html(data, source, encoding)
        else:
            text, note = decode_bytes(data, source, encoding)
        extra = {"warnings": [note]} if note else {}
        if suffix in JSON_SUFFIXES:
            yield from _read_json(text, path, stem, published, extra)
            return
        article = Article(text, stem)
        meta = read_sidecar(path)
        if meta.get("published"):
            article.published, article.published_source = meta["published"], "sidecar"
        if suffix in HTML_SUFFIXES:
            article.text, article.title = html_to_text(text)
            if article.published is None and published is None:
                article.published = html_published(text)
                article.published_source = "metadata" if article.published else None
        yield _item(as_article(article, stem, source=source), source, extra, published)
    except InputError as exc:
        yield Failure(exc.source or source, exc.reason, stem)


def _json_object(obj, where: str, source: str):
    """A JSON article must be an object (a bare JSON string is not an article)."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object with 'text', got {type(obj).__name__}", source)
    return obj


def decode_html(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode an HTML page: ``encoding``, a byte order mark, strict UTF-8, then the page's
    declared charset, then detection. Valid UTF-8 beats a declaration (pages often keep a
    stale one; Latin-1 text is almost never valid UTF-8); the declaration beats guessing."""
    if encoding or any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_bytes(data, source, encoding)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            text, note = decode_bytes(data, source)
            return text, f"page declares {declared} but is not; {note}"
    return decode_bytes(data, source)


def _read_json(text: str, path: Path, stem: str, published, extra: dict) -> Iterator[Union[Item, Failure]]:
    source = str(path)
    if path.suffix.lower() == ".jsonl":
        lines = text.splitlines()
        if not any(line.strip() for line in lines):
            yield Failure(source, "empty file (no JSON lines)", stem)
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{source}:{n}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Failure(where, f"malformed JSON: {exc.msg} at column {exc.colno}", f"{stem}-{n}")
                continue
            try:
                yield _item(as_article(_json_object(obj, "$", where), f"{stem}-{n}", "$", where), where, dict(extra), published)
            except InputError as exc:
                yield Failure(where, exc.reason, f"{stem}-{n}")
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(source, f"malformed JSON: {exc.msg} at line {exc.lineno} column {exc.colno}", stem)
        return
    objs = obj if isinstance(obj, list) else [obj]
    for k, o in enumerate(objs):
        where = f"$[{k}]" if isinstance(obj, list) else "$"
        default_id = f"{stem}-{k + 1}" if isinstance(obj, list) else stem
        try:
            yield _item(as_article(_json_object(o, where, source), default_id, where, source), source, dict(extra), published)
        except InputError as exc:
            yield Failure(source, exc.reason, default_id)


def walk(paths: list[Path], exclude: frozenset = frozenset()) -> Iterator[Union[Path, Failure]]:
    """Article files under ``paths`` (recursively, sorted), and Failures for what cannot be walked.

    Symlinked folders are followed once; a loop is reported, not followed forever. Files whose
    real path is in ``exclude`` (the run's own output) are skipped.
    """
    seen: set[str] = set()

    def visit(path: Path, top: bool):
        try:
            if path.is_dir():
                real = os.path.realpath(path)
                if real in seen:
                    yield Failure(str(path), "symlink loop (folder already visited), skipped")
                    return
                seen.add(real)
                try:
                    entries = sorted(os.scandir(path), key=lambda e: e.name)
                except OSError as exc:
                    yield Failure(str(path), f"cannot list folder: {exc.strerror or exc}")
                    return
                for entry in entries:
                    yield from visit(Path(entry.path), False)
            elif path.is_file():
                name = path.name.lower()
                if name.endswith(META_SUFFIX) or os.path.realpath(path) in exclude:
                    return
                if name == SPLITS_FILE and not top:
                    return
                if path.suffix.lower() in SUFFIXES or top:
                    yield path
            elif top:
                yield Failure(str(path), "no such file or folder")
            elif path.is_symlink():
                yield Failure(str(path), "broken symlink, skipped")
        except OSError as exc:
            yield Failure(str(path), f"cannot access: {exc.strerror or exc}")

    for p in paths:
        yield from visit(Path(p), True)


def iter_inputs(
    paths: list[Path],
    published: str | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    exclude: frozenset = frozenset(),
) -> Iterator[Union[Item, Failure]]:
    """Every article under ``paths`` as an Item, or a Failure; doc_ids made unique.

    A second article with a doc_id already seen gets a stable suffix from its source path
    (``name~1a2b3c4d``) and a warning, so no record overwrites another.
    """
    ids: set[str] = set()
    for entry in walk(paths, exclude):
        if isinstance(entry, Failure):
            yield entry
            continue
        for item in read_file(entry, published, encoding, max_bytes):
            if isinstance(item, Item):
                doc_id = item.article.doc_id
                if doc_id in ids:
                    suffix = hashlib.sha1(item.source.encode("utf-8", "surrogatepass")).hexdigest()[:8]
                    new_id = f"{doc_id}~{suffix}"
                    item.extra.setdefault("warnings", []).append(
                        f"doc_id {doc_id!r} already used by another input; renamed {new_id!r}"
                    )
                    item.article.doc_id = new_id
                ids.add(item.article.doc_id)
            yield item
