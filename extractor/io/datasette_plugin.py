"""A Datasette plugin (entry point ``datasette``): ``datasette news.db`` shows an extractor
database with its table descriptions, facets and canned queries (``data/datasette_metadata.json``).

It applies to every database Datasette opens that ``extractor run`` wrote (the application id
in the file's header), whatever the file is called, and to no other. Needs ``extractor[browse]``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from datasette import hookimpl

from extractor.io.database import foreign, is_database


@lru_cache(maxsize=None)
def metadata() -> dict:
    """The packaged metadata: title, description and ``database`` (applied to each of ours)."""
    with resources.files("extractor").joinpath("data", "datasette_metadata.json").open(encoding="utf-8") as f:
        data = json.load(f)
    data.pop("_note", None)
    return data


def ours(path) -> bool:
    """True when ``path`` is a database that ``extractor run`` wrote."""
    if path is None:
        return False
    try:
        stat = Path(path).stat()
    except OSError:
        return False
    return _ours(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _ours(path: str, mtime_ns: int, size: int) -> bool:  # Datasette asks on every page
    try:
        return is_database(Path(path)) and foreign(Path(path)) is None
    except OSError:
        return False


def for_databases(names_and_paths) -> dict:
    """Datasette metadata for the given ``(name, path)`` pairs: ours get the packaged entry."""
    meta = metadata()
    databases = {name: meta["database"] for name, path in names_and_paths if ours(path)}
    if not databases:
        return {}
    return {"title": meta["title"], "description": meta["description"], "databases": databases}


@hookimpl
def get_metadata(datasette, key, database, table):
    return for_databases((name, db.path) for name, db in datasette.databases.items())
