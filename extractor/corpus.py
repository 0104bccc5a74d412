"""Loading a corpus folder: ``<doc_id>.txt`` articles, ``<doc_id>.meta.json`` sidecars and
``splits.json``.

Layout (the project's convention)::

    corpus/<doc_id>.txt          the article, UTF-8
    corpus/<doc_id>.meta.json    optional: {"published": "YYYY-MM-DD", ...}
    corpus/splits.json           optional: {"dev": [doc_ids], "test": [doc_ids]}

Without ``splits.json`` every article belongs to the one split ``all``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .api import check_published
from .errors import InputError
from . import readers
from .readers import SPLITS_FILE, read_text_file

SPLIT_NAMES = ("dev", "test")


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
    """The corpus' ``splits.json`` as ``{"dev": [...], "test": [...]}``, or None if absent."""
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
        raise InputError('splits must be {"dev": [doc_ids], "test": [doc_ids]}', str(path))
    return {name: list(ids) for name, ids in data.items()}


def resolve_splits(corpus_dir: Path, split: Optional[str], doc_ids: list[str]) -> dict[str, list[str]]:
    """Which doc_ids each reported split holds.

    ``split`` is ``dev``, ``test``, ``all`` or None (= dev and test when ``splits.json`` exists,
    else all). Ids listed in ``splits.json`` but missing from the corpus are an error.
    """
    if split not in (None, "all", *SPLIT_NAMES):
        raise InputError(f"unknown split {split!r}: use dev, test or all")
    if split == "all":
        return {"all": list(doc_ids)}
    splits = read_splits(corpus_dir)
    if splits is None:
        if split is not None:
            raise InputError(f"no {SPLITS_FILE}, so there is no {split!r} split (use --split all)", str(corpus_dir))
        return {"all": list(doc_ids)}
    known = set(doc_ids)
    for name, ids in splits.items():
        missing = [i for i in ids if i not in known]
        if missing:
            raise InputError(
                f"split {name!r} lists doc_ids with no article: {', '.join(missing[:5])}",
                str(Path(corpus_dir) / SPLITS_FILE),
            )
    names = [split] if split else [n for n in SPLIT_NAMES if n in splits]
    for name in names:
        if name not in splits:
            raise InputError(f"{SPLITS_FILE} has no {name!r} split", str(corpus_dir))
    return {name: list(splits[name]) for name in names}


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
