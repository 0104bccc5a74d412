"""Writers for batch output: JSONL (one record a line), CSV and Parquet (one row per mention).

Every writer appends one article at a time and flushes it, so a run killed at any moment
leaves only whole articles behind (a torn last article is cut off when the run is resumed).
``load()`` returns what is already done (doc_id -> content hash) so a re-run skips it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

CSV_COLUMNS = ["doc_id", "field", "name", "text", "start", "end", "value", "attributes"]
_MENTION_FIELDS = ("money", "tariffs", "dates")
_ENTITY_FIELDS = ("companies", "reactors", "officials", "executives")
_ENTITY_NAME = {"companies": "name", "reactors": "design", "officials": "name", "executives": "name"}


def record_rows(record: dict) -> list[list]:
    """The CSV/Parquet rows of one record: a row per mention, then one ``article`` row.

    The article row comes last: it marks the article as complete in the file.
    """
    rows = []
    doc_id = record["doc_id"]
    for field in _MENTION_FIELDS:
        for m in record.get(field) or []:
            attrs = {k: v for k, v in m.items() if k not in ("text", "start", "end", "value", "rate")}
            value = m.get("rate") if field == "tariffs" else m.get("value")
            if field == "money" and value is None and m.get("min") is not None:
                value = f"{m['min']}..{m['max']}"
            rows.append([doc_id, field, "", m["text"], m["start"], m["end"], _str(value), _json(attrs)])
    for field in _ENTITY_FIELDS:
        for e in record.get(field) or []:
            name = e[_ENTITY_NAME[field]]
            attrs = {k: v for k, v in e.items() if k not in ("mentions", _ENTITY_NAME[field])}
            for m in e["mentions"]:
                rows.append([doc_id, field, name, m["text"], m["start"], m["end"], name, _json(attrs)])
    meta = {k: record.get(k) for k in ("published", "content_hash", "source", "url", "title", "warnings") if record.get(k)}
    rows.append([doc_id, "article", "", "", "", "", "", _json(meta)])
    return rows


def _str(value) -> str:
    return "" if value is None else str(value)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _csv_text(rows: list[list]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


class JsonlWriter:
    """One ArticleRecord per line, appended and flushed as each article finishes."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.f = None

    def _read_records(self) -> list[dict]:
        if not self.path.exists():
            return []
        data = self.path.read_bytes()
        records, good_end = [], 0
        for line in data.splitlines(keepends=True):
            if not line.endswith(b"\n"):
                break  # torn last line from a killed run
            try:
                records.append(json.loads(line))
            except (json.JSONDecodeError, UnicodeDecodeError):
                break
            good_end += len(line)
        if good_end != len(data):
            with open(self.path, "r+b") as f:
                f.truncate(good_end)
        return records

    def load(self) -> dict[str, str]:
        """Done articles (doc_id -> content hash); repairs a torn tail and duplicate ids."""
        records = self._read_records()
        latest = {r.get("doc_id"): r for r in records}
        if len(latest) != len(records):
            self.rewrite(list(latest.values()))
        return {doc_id: r.get("content_hash") for doc_id, r in latest.items()}

    def rewrite(self, records: list[dict]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def compact(self) -> None:
        """Keep only the newest record of each doc_id (after re-doing changed articles)."""
        self.close()
        records = self._read_records()
        latest = {r.get("doc_id"): r for r in records}
        self.rewrite(list(latest.values()))

    def write(self, record: dict) -> None:
        if self.f is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.f = open(self.path, "a", encoding="utf-8")
        self.f.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.f.flush()

    def close(self) -> None:
        if self.f is not None:
            self.f.flush()
            os.fsync(self.f.fileno())
            self.f.close()
            self.f = None

    def finish(self) -> None:
        self.close()


class CsvWriter(JsonlWriter):
    """One row per mention and one ``article`` row per article, written as one block."""

    def _read_blocks(self) -> list[list[list[str]]]:
        if not self.path.exists():
            return []
        text = self.path.read_text(encoding="utf-8", errors="replace")
        rows = list(csv.reader(io.StringIO(text)))
        if rows and rows[0] == CSV_COLUMNS:
            rows = rows[1:]
        blocks, current = [], []
        for row in rows:
            if len(row) != len(CSV_COLUMNS):
                break
            current.append(row)
            if row[1] == "article":
                blocks.append(current)
                current = []
        good = _csv_text([CSV_COLUMNS] + [r for b in blocks for r in b])
        if good != text:
            self._write_blocks(blocks)  # cut a torn tail
        return blocks

    def _write_blocks(self, blocks) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(_csv_text([CSV_COLUMNS] + [r for b in blocks for r in b]))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def load(self) -> dict[str, str]:
        blocks = self._read_blocks()
        latest = {b[-1][0]: b for b in blocks}
        if len(latest) != len(blocks):
            self._write_blocks(list(latest.values()))
        return {doc_id: json.loads(b[-1][7] or "{}").get("content_hash") for doc_id, b in latest.items()}

    def compact(self) -> None:
        self.close()
        blocks = self._read_blocks()
        latest = {b[-1][0]: b for b in blocks}
        self._write_blocks(list(latest.values()))

    def write(self, record: dict) -> None:
        new = self.f is None and (not self.path.exists() or self.path.stat().st_size == 0)
        if self.f is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.f = open(self.path, "a", encoding="utf-8", newline="")
        rows = record_rows(record)
        self.f.write(_csv_text(([CSV_COLUMNS] if new else []) + rows))
        self.f.flush()


class ParquetWriter(JsonlWriter):
    """Parquet cannot be appended to: records go to ``<out>.partial.jsonl`` as they finish
    (resumable like JSONL), and ``finish()`` turns them into the Parquet file (temp + rename)."""

    def __init__(self, path: Path):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            from .errors import ExtractorError

            raise ExtractorError("--format parquet needs pyarrow: pip install 'extractor[parquet]'") from None
        self.out = Path(path)
        super().__init__(self.out.with_name(self.out.name + ".partial.jsonl"))

    def load(self) -> dict[str, str]:
        if not self.path.exists() and self.out.exists():
            import pyarrow.parquet as pq

            table = pq.read_table(self.out)
            self.rewrite([json.loads(r) for r in table.column("record").to_pylist() if r])
        return super().load()

    def finish(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.close()
        records = self._read_records()
        rows = [row + [json.dumps(r, ensure_ascii=False) if row[1] == "article" else None]
                for r in records for row in record_rows(r)]
        columns = list(zip(*rows)) if rows else [[] for _ in range(len(CSV_COLUMNS) + 1)]
        arrays = {}
        for name, col in zip(CSV_COLUMNS + ["record"], columns):
            if name in ("start", "end"):
                arrays[name] = pa.array([None if v == "" else int(v) for v in col], pa.int64())
            else:
                arrays[name] = pa.array(list(col), pa.string())
        tmp = self.out.with_name(self.out.name + ".tmp")
        pq.write_table(pa.table(arrays), tmp)
        os.replace(tmp, self.out)
        self.path.unlink(missing_ok=True)


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter}


def errors_path(out: Path) -> Path:
    """Where a run writes its failed inputs: ``records.jsonl`` -> ``records.errors.jsonl``."""
    out = Path(out)
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return out.with_name(stem + ".errors.jsonl")
