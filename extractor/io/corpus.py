"""Loading a corpus folder: ``<doc_id>.txt`` articles, ``<doc_id>.meta.json`` sidecars and
``splits.json``.

Layout (the project's convention)::

    corpus/<doc_id>.txt          the article, UTF-8
    corpus/<doc_id>.meta.json    optional: {"published": "YYYY-MM-DD", ...}
    corpus/splits.json           optional: {"dev": [doc_ids], "test": [doc_ids], "real_dev": ..., ...}
    corpus/SOURCES.tsv           URL and licence of every real (published) article

Without ``splits.json`` every article belongs to the one split ``all``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from extractor.api import check_published
from extractor.errors import InputError
from extractor.io import readers
from extractor.io.readers import SPLITS_FILE, read_text_file

@dataclass
class CorpusArticle:
    """One article of a corpus folder."""

    doc_id: str
    text: str
    path: Path
    published: Optional[str] = None  # from the sidecar; None lets the extractor find it


def article_paths(corpus_dir: Path) -> dict[str, Path]:
    """Map doc_id -> path of every ``*.txt`` article in ``corpus_dir`` (sorted by id)."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise InputError("not a directory", str(corpus_dir))
    return {p.stem: p for p in sorted(corpus_dir.glob("*.txt"))}


def read_sidecar(txt_path: Path) -> dict:
    """The ``<doc_id>.meta.json`` next to an article, or ``{}``; its ``published`` is checked."""
    meta = readers.read_sidecar(txt_path)
    check_published(meta.get("published"), str(txt_path))
    return meta


def read_splits(corpus_dir: Path) -> Optional[dict[str, list[str]]]:
    """The corpus' ``splits.json`` as ``{name: [doc_ids]}`` (keys starting with ``_`` are
    notes), or None if absent. ``scoring.select_splits`` decides which of them a run reports."""
    path = Path(corpus_dir) / SPLITS_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read splits: {exc}", str(path)) from None
    if isinstance(data, dict):
        data = {k: v for k, v in data.items() if not k.startswith("_")}  # "_note" and the like
    if not isinstance(data, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in data.values()
    ):
        raise InputError('splits must be {"<split name>": [doc_ids], ...}', str(path))
    return {name: list(ids) for name, ids in data.items()}


def load_corpus(corpus_dir: Path, doc_ids: Optional[list[str]] = None) -> list[CorpusArticle]:
    """Read the articles of ``corpus_dir`` (all, or only ``doc_ids``), with sidecar dates."""
    paths = article_paths(corpus_dir)
    if doc_ids is not None:
        missing = [i for i in doc_ids if i not in paths]
        if missing:
            raise InputError(f"no article for doc_id(s): {', '.join(missing[:5])}", str(corpus_dir))
        paths = {i: paths[i] for i in doc_ids}
    articles = []
    for doc_id, path in paths.items():
        meta = read_sidecar(path)
        articles.append(CorpusArticle(doc_id, read_text_file(path), path, meta.get("published")))
    return articles
