"""SQLite output (``extractor run DIR --out news.db``): a table per field, built with sqlite-utils.

The layout follows the contract's models (``extractor/models.py``), so a field added there gets
its table without a change here: ``articles`` holds one row per record (its plain fields), each
list of mentions (``money``, ``tariffs``, ``dates``, ``investments``) a table with a row per
mention, and each list of entities (``companies``, ``reactors``, ``officials``, ``executives``)
a table with a row per entity per article plus ``<entity>_mentions`` with a row per span. Every
row keeps its ``position`` in the record's list, so ``read_records`` rebuilds each record
exactly as the JSONL writer wrote it (a test checks this on the whole corpus).

Cross-article keys: ``company_id`` and ``official_id`` (see ``company_key``/``official_key``).

Safety is the same as the other writers': ``check()`` refuses any existing file that is not a
SQLite database this tool created (its header's application id) before a byte is written; each
article is written in one transaction (its old rows deleted and new ones inserted together), so
a run killed at any moment leaves whole articles only and a re-run resumes by content hash.
The schema and the decisions behind it: docs/database.md.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import typing
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

from extractor.io.output import OutputError, refusal

SCHEMA_VERSION = 1
APPLICATION_ID = 0x45585452  # "EXTR" in the database header: the mark of our databases
SQLITE_MAGIC = b"SQLite format 3\x00"
DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")
META_TABLE = "_extractor"
SQL_TYPES = {"int": "INTEGER", "float": "REAL", "amount": "REAL", "text": "TEXT", "json": "TEXT"}
# What people filter by (the questions), beside doc_id on every table.
INDEXES = {
    "articles": [["published"]],
    "money": [["currency"], ["value"]],
    "tariffs": [["imposer", "target", "status"], ["status"]],
    "dates": [["value"]],
    "investments": [["investor"], ["destination"], ["status"]],
    "companies": [["company_id"], ["name"]],
    "reactors": [["design"]],
    "officials": [["official_id"], ["name"]],
    "executives": [["name"], ["company_id"]],
}


# -- the layout, from the models ------------------------------------------------------------


@dataclass(frozen=True)
class FieldTable:
    """How one list field of ArticleRecord is stored."""

    field: str  # the record's key and the table's name: "companies"
    columns: tuple[tuple[str, str], ...]  # (name, kind) of the model's own fields, in order
    mentions: Optional[str] = None  # entities: the table of their spans, "company_mentions"
    parent: Optional[str] = None  # entities: the mention table's column naming its row, "company_row"
    derived: tuple[str, ...] = ()  # columns computed here, not in the record ("company_id")


def _kind(annotation) -> str:
    """The storage kind of a model field's annotation: int, float, amount, text or json."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or str(origin) == "types.UnionType":
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _kind(args[0]) if len(args) == 1 else "json"
    if origin is typing.Annotated:
        return _kind(typing.get_args(annotation)[0])
    if origin in (list, dict, tuple):
        return "json"
    if origin is typing.Literal or annotation is str:
        return "text"
    if annotation is bool or annotation is int:
        return "int"
    if annotation is float:
        return "float"
    if annotation is Decimal:
        return "amount"
    return "json"


def _item_model(annotation):
    """The model of a ``list[Model]`` field, else None."""
    if typing.get_origin(annotation) is list:
        (arg,) = typing.get_args(annotation)
        if isinstance(arg, type) and hasattr(arg, "model_fields"):
            return arg
    return None


def _singular(field: str) -> str:
    return field[:-3] + "y" if field.endswith("ies") else field.rstrip("s")


@lru_cache(maxsize=None)
def layout() -> tuple[tuple[tuple[str, str], ...], tuple[FieldTable, ...]]:
    """The ``articles`` columns and the field tables, read off ``ArticleRecord``."""
    from extractor.models import ArticleRecord

    article, tables = [], []
    for name, info in ArticleRecord.model_fields.items():
        model = _item_model(info.annotation)
        if model is None:
            article.append((name, _kind(info.annotation)))
            continue
        cols = tuple((n, _kind(f.annotation)) for n, f in model.model_fields.items() if n != "mentions")
        if "mentions" in model.model_fields:
            one = _singular(name)
            derived = {"companies": ("company_id",), "officials": ("official_id",),
                       "executives": ("company_id",)}.get(name, ())
            tables.append(FieldTable(name, cols, f"{one}_mentions", f"{one}_row", derived))
        else:
            tables.append(FieldTable(name, cols))
    return tuple(article), tuple(tables)


# -- cross-article keys -----------------------------------------------------------------------


def slug(name: str) -> str:
    """A name as a key: accents dropped, lower case, runs of other characters as one ``-``.

    >>> slug("ČEZ"), slug("Tufan Erginbilgiç"), slug("Mitsui & Co.")
    ('cez', 'tufan-erginbilgic', 'mitsui-co')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-")


@lru_cache(maxsize=None)
def _legal_forms() -> frozenset:
    from extractor.lexicon.tables import read_json

    return frozenset(read_json("legal_forms.json")["forms"])


def fold_legal_form(name: str) -> str:
    """The name without the legal forms and group words at its end (``legal_forms.json``).

    >>> fold_legal_form("Toshiba Group"), fold_legal_form("Samsung Electronics Co., Ltd.")
    ('Toshiba', 'Samsung Electronics')
    >>> fold_legal_form("Merck & Co."), fold_legal_form("Group")
    ('Merck & Co.', 'Group')
    """
    words = name.split()
    forms = _legal_forms()
    while len(words) > 1 and words[-1].replace(".", "").strip(",").casefold() in forms:
        if words[-2] == "&":  # "Merck & Co.": the form is part of the name
            break
        words.pop()
        words[-1] = words[-1].rstrip(",")
    return " ".join(words)


@lru_cache(maxsize=None)
def _gazetteer(name: str) -> tuple[dict, dict]:
    """Keys of a gazetteer's names and aliases -> canonical name: exact slugs, and folded ones."""
    from extractor.lexicon.tables import read_jsonl

    exact, folded = {}, {}
    for row in read_jsonl(name):
        for alias in [row["name"], *row.get("aliases", [])]:
            exact.setdefault(slug(alias), row["name"])
            folded.setdefault(slug(fold_legal_form(alias)), row["name"])
    return exact, folded


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The ``company_id`` of a company name: the slug of its canonical name in the gazetteer
    (``companies.jsonl``, names and aliases, also after folding legal forms), else the slug of
    the name with its legal form folded, so ``Toshiba Group`` and ``Toshiba Corp.`` are
    ``toshiba`` in every article.

    >>> company_key("Toshiba Group"), company_key("SoftBank"), company_key("Acme Widgets Inc.")
    ('toshiba', 'softbank-group', 'acme-widgets')
    >>> company_key("Merck"), company_key("Merck KGaA")
    ('merck', 'merck-kgaa')
    """
    exact, folded = _gazetteer("companies.jsonl")
    key = slug(name)
    if key in exact:
        return slug(exact[key])
    listed, _ = _gazetteer("listed_companies.jsonl")
    if key in listed:  # "Merck" is the listed Merck & Co., not Merck KGaA folded
        return slug(listed[key])
    key = slug(fold_legal_form(name))
    if key in exact or key in folded:
        return slug(exact.get(key) or folded[key])
    return key or slug(name)


@lru_cache(maxsize=65536)
def official_key(name: str) -> str:
    """The ``official_id`` of an official's name: the slug of the gazetteer's name
    (``officials.jsonl``, names and aliases such as a bare surname) when it is there, else the
    slug of the name without middle initials, so ``Donald J. Trump`` and ``Trump`` are one.

    >>> official_key("Trump"), official_key("Donald J. Trump"), official_key("Ian MacFarlane")
    ('donald-trump', 'donald-trump', 'ian-macfarlane')
    """
    exact, _ = _gazetteer("officials.jsonl")
    for candidate in (name, re.sub(r"(?<=\s)[A-Z]\.\s+", "", name)):
        if slug(candidate) in exact:
            return slug(exact[slug(candidate)])
    return slug(re.sub(r"(?<=\s)[A-Z]\.\s+", "", name))


def _derived(table: str, entity: dict) -> list:
    if table == "officials":
        return [official_key(entity["name"])]
    if table == "companies":
        return [company_key(entity["name"])]
    if table == "executives":
        return [company_key(entity["company"]) if entity.get("company") else None]
    return []


# -- values in and out ----------------------------------------------------------------------


def _to_sql(value, kind: str):
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "amount":
        return float(value)
    return value


def _from_sql(value, kind: str):
    if value is None:
        return None
    if kind == "json":
        return json.loads(value)
    if kind == "amount" and isinstance(value, float) and value.is_integer():
        return int(value)  # the contract writes whole amounts as JSON integers
    if kind == "float":
        return float(value)
    return value


# -- the writer -----------------------------------------------------------------------------


def foreign(path: Path) -> Optional[str]:
    """Why ``path`` is not a database of ours (None when it is, or is empty)."""
    with open(path, "rb") as f:
        header = f.read(100)
    if not header:
        return None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "exists and is not a SQLite database"
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        return "is a SQLite database that extractor run did not write"
    return None


def create_schema(db) -> None:
    """Create every table, index and the full-text index in an empty sqlite-utils Database."""
    article_cols, tables = layout()
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db[META_TABLE].insert_all([{"key": "schema_version", "value": str(SCHEMA_VERSION)}], pk="key")
    db["articles"].create({n: SQL_TYPES[k] for n, k in article_cols}, pk="doc_id")
    for ft in tables:
        cols = {"id": int, "doc_id": str, "position": int}
        cols.update({n: SQL_TYPES[k] for n, k in ft.columns})
        cols.update({n: str for n in ft.derived})
        db[ft.field].create(cols, pk="id", foreign_keys=[("doc_id", "articles", "doc_id")])
        db[ft.field].create_index(["doc_id"])
        if ft.mentions:
            db[ft.mentions].create(
                {"id": int, "doc_id": str, ft.parent: int, "position": int, "text": str, "start": int, "end": int},
                pk="id",
                foreign_keys=[("doc_id", "articles", "doc_id"), (ft.parent, ft.field, "id")],
            )
            db[ft.mentions].create_index(["doc_id"])
            db[ft.mentions].create_index([ft.parent])
    for table, indexes in INDEXES.items():
        if db[table].exists():
            for columns in indexes:
                db[table].create_index(columns)
    db["articles"].enable_fts(["title", "text"], create_triggers=True)


class SqliteWriter:
    """Records into a SQLite database, one transaction per article (delete old rows, insert new).

    The database is created in ``<out>.tmp`` and renamed into place, so ``<out>`` is always a
    whole database of ours; SQLite's write-ahead log drops a transaction cut by a kill.
    """

    what = "a SQLite database written by extractor run"

    def __init__(self, path: Path):
        try:
            import sqlite_utils  # noqa: F401
        except ImportError:
            raise OutputError("--format sqlite needs sqlite-utils: pip install sqlite-utils") from None
        self.path = Path(path)
        self.db = None
        self.damage: list = []
        self._sql: dict[str, str] = {}
        self._stored: set[str] = set()  # doc_ids with rows in the database

    def own_files(self) -> list[Path]:
        names = [self.path.name + s for s in ("", "-journal", "-wal", "-shm", ".tmp", ".tmp-journal")]
        return [self.path.with_name(n) for n in names]

    def check(self) -> None:
        if self.path.is_dir():
            raise OutputError(f"{self.path} is a folder; --out takes a file name")
        if self.path.exists():
            problem = foreign(self.path)
            if problem:
                raise refusal(self.path, problem)
            if self.path.stat().st_size:
                try:
                    conn = sqlite3.connect(f"file:{self.path.resolve()}?mode=ro", uri=True)
                    try:
                        version = _schema_version(conn)
                    finally:
                        conn.close()
                except sqlite3.Error:
                    return  # not readable from here (a log left by a killed run): load() checks
                if version != SCHEMA_VERSION:
                    raise refusal(self.path, _other_schema(version))

    def remove(self) -> None:
        for p in self.own_files():
            p.unlink(missing_ok=True)

    def _open(self):
        import sqlite_utils

        if self.db is not None:
            return self.db
        if not self.path.exists() or self.path.stat().st_size == 0:
            tmp = self.path.with_name(self.path.name + ".tmp")
            for p in (tmp, tmp.with_name(tmp.name + "-journal")):
                p.unlink(missing_ok=True)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with sqlite_utils.Database(tmp) as db:
                db.execute("PRAGMA synchronous = OFF")  # a new file, synced once below
                with db.atomic():
                    create_schema(db)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        db = sqlite_utils.Database(self.path)
        version = _schema_version(db.conn)
        if version != SCHEMA_VERSION:
            db.close()
            raise refusal(self.path, _other_schema(version))
        db.execute("PRAGMA foreign_keys = ON")
        # While the run writes: write-ahead log, synced at checkpoints, not at every commit. A
        # killed process loses nothing committed; a power cut may lose the last articles but
        # never leaves a torn one. ``finish`` turns the file back into one plain database.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        self.db = db
        return db

    def load(self) -> dict[str, str]:
        """Done articles (doc_id -> content hash)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return {}
        db = self._open()
        done = {doc_id: h for doc_id, h in db.execute("SELECT doc_id, content_hash FROM articles")}
        self._stored = set(done)
        return done

    def _insert(self, table: str, columns: list[str]) -> str:
        sql = self._sql.get(table)
        if sql is None:
            names = ", ".join(f"[{c}]" for c in columns)
            sql = self._sql[table] = f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"
        return sql

    def write(self, record: dict) -> None:
        db = self._open()
        article_cols, tables = layout()
        doc_id = record["doc_id"]
        conn = db.conn
        with db.atomic():
            if doc_id in self._stored:
                _delete(conn, doc_id, tables)
            conn.execute(self._insert("articles", [n for n, _ in article_cols]),
                         [_to_sql(record.get(n), k) for n, k in article_cols])
            for ft in tables:
                items = record.get(ft.field) or []
                if not items:
                    continue
                columns = ["doc_id", "position", *(n for n, _ in ft.columns), *ft.derived]
                sql = self._insert(ft.field, columns)
                if ft.mentions is None:
                    conn.executemany(sql, [[doc_id, i, *(_to_sql(item.get(n), k) for n, k in ft.columns)]
                                           for i, item in enumerate(items)])
                    continue
                msql = self._insert(ft.mentions, ["doc_id", ft.parent, "position", "text", "start", "end"])
                for i, entity in enumerate(items):
                    row = [doc_id, i, *(_to_sql(entity.get(n), k) for n, k in ft.columns), *_derived(ft.field, entity)]
                    row_id = conn.execute(sql, row).lastrowid
                    conn.executemany(msql, [[doc_id, row_id, j, m["text"], m["start"], m["end"]]
                                            for j, m in enumerate(entity["mentions"])])
        self._stored.add(doc_id)

    def compact(self) -> None:
        """Nothing to do: ``write`` already replaced a changed article's rows."""

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def finish(self) -> None:
        if self.db is not None:
            self.db.execute("PRAGMA journal_mode = DELETE")  # checkpoint; no -wal file left
        self.close()


def _schema_version(conn) -> Optional[int]:
    try:
        row = conn.execute(f"SELECT value FROM [{META_TABLE}] WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row else None


def _other_schema(version: Optional[int]) -> str:
    return f"has database schema {version}, not schema {SCHEMA_VERSION} of this extractor"


def _delete(conn, doc_id: str, tables) -> None:
    for ft in tables:
        if ft.mentions:
            conn.execute(f"DELETE FROM [{ft.mentions}] WHERE doc_id = ?", [doc_id])
        conn.execute(f"DELETE FROM [{ft.field}] WHERE doc_id = ?", [doc_id])
    conn.execute("DELETE FROM articles WHERE doc_id = ?", [doc_id])


# -- reading back ---------------------------------------------------------------------------


def read_records(path: Path) -> list[dict]:
    """Every record in the database, rebuilt as the JSONL writer writes it, in write order."""
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        return list(_records(conn))
    finally:
        conn.close()


def _rows(conn, table: str, columns: list[str], order: str) -> Iterator[tuple]:
    names = ", ".join(f"[{c}]" for c in columns)
    return conn.execute(f"SELECT {names} FROM [{table}] ORDER BY {order}")


def _records(conn) -> Iterator[dict]:
    article_cols, tables = layout()
    by_field: dict[str, dict[str, list]] = {}
    for ft in tables:
        names = [n for n, _ in ft.columns]
        grouped: dict[str, list] = {}
        mentions: dict[int, list] = {}
        if ft.mentions:
            for row_id, text, start, end in _rows(conn, ft.mentions, [ft.parent, "text", "start", "end"],
                                                  f"[{ft.parent}], position"):
                mentions.setdefault(row_id, []).append({"text": text, "start": start, "end": end})
        for row in _rows(conn, ft.field, ["id", "doc_id", *names], "doc_id, position"):
            item = {n: _from_sql(v, k) for (n, k), v in zip(ft.columns, row[2:])}
            if ft.mentions:
                item["mentions"] = mentions.get(row[0], [])
            grouped.setdefault(row[1], []).append(item)
        by_field[ft.field] = grouped
    names = [n for n, _ in article_cols]
    for row in _rows(conn, "articles", names, "rowid"):
        article = {n: _from_sql(v, k) for (n, k), v in zip(article_cols, row)}
        doc_id = article["doc_id"]
        record = {}
        for field in _record_fields():
            if field in by_field:
                record[field] = by_field[field].get(doc_id, [])
            else:
                record[field] = article[field]
        yield record


@lru_cache(maxsize=None)
def _record_fields() -> tuple[str, ...]:
    from extractor.models import ArticleRecord

    return tuple(ArticleRecord.model_fields)


def is_database(path: Path) -> bool:
    """True when ``path`` starts like a SQLite database."""
    try:
        with open(path, "rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False
