"""Writers for batch output: JSONL (one record a line), CSV and Parquet (one row per mention),
and SQLite (a table per field: ``extractor/io/database.py``).

Every writer appends one article at a time and flushes it, so a run killed at any moment
leaves only whole articles behind (a torn last article is cut off when the run is resumed).
``load()`` returns what is already done (doc_id -> content hash) so a re-run skips it.

A writer only ever appends to, resumes or rewrites a file that this tool wrote in the same
format (``check()`` refuses anything else before a byte is written), and a run holds an OS
lock on its output (``OutputLock``) so two runs never write the same file at once.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import ExtractorError

CSV_COLUMNS = ["doc_id", "field", "name", "text", "start", "end", "value", "attributes"]
CSV_HEADER = ",".join(CSV_COLUMNS) + "\n"
# Parquet has the CSV columns plus ``record``: the whole JSON record on each article's row
# (null on mention rows), so a Parquet file can be resumed and read back record by record.
PARQUET_COLUMNS = CSV_COLUMNS + ["record"]
# How every record line starts (doc_id is the record's first key): the mark of our JSONL.
JSONL_MARK = b'{"doc_id": '
FORMAT_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet",
                   ".db": "sqlite", ".sqlite": "sqlite", ".sqlite3": "sqlite"}
_MENTION_FIELDS = ("money", "tariffs", "dates", "investments")
_ENTITY_FIELDS = ("companies", "reactors", "officials", "executives")
_ENTITY_NAME = {"companies": "name", "reactors": "design", "officials": "name", "executives": "name"}


class OutputError(ExtractorError):
    """An output file the run must not touch (not ours, wrong format, or in use)."""


def choose_format(out: Path, fmt: str | None) -> str:
    """The output format: ``fmt`` when given, else the one the suffix of ``out`` names (jsonl
    when the suffix names none). A suffix that names another format than ``fmt`` is an error.

    >>> choose_format(Path("r.csv"), None), choose_format(Path("r.out"), None)
    ('csv', 'jsonl')
    """
    by_suffix = FORMAT_SUFFIXES.get(Path(out).suffix.lower())
    if fmt is None:
        return by_suffix or "jsonl"
    if by_suffix is not None and by_suffix != fmt:
        raise OutputError(
            f"--out {out} names a .{by_suffix} file but --format is {fmt}; "
            f"drop --format or give --out a .{fmt} name"
        )
    return fmt


def refusal(path: Path, what: str) -> OutputError:
    return OutputError(
        f"{path} {what}; refusing to touch it. Use another --out, or --overwrite to replace it"
    )


@dataclass
class Damage:
    """A damaged line in the middle of an output file: reported, kept as it is."""

    line: int
    reason: str


def record_rows(record: dict) -> list[list]:
    """The CSV/Parquet rows of one record: a row per mention, then one ``article`` row.

    The article row comes last: it marks the article as complete in the file.
    """
    rows = []
    doc_id = record["doc_id"]
    for field_name in _MENTION_FIELDS:
        for m in record.get(field_name) or []:
            attrs = {k: v for k, v in m.items() if k not in ("text", "start", "end", "value", "rate")}
            value = m.get("rate") if field_name == "tariffs" else m.get("value")
            if field_name == "investments":
                value = m.get("investor")
            if field_name == "money" and value is None and m.get("min") is not None:
                value = f"{m['min']}..{m['max']}"
            rows.append([doc_id, field_name, "", m["text"], m["start"], m["end"], _str(value), _json(attrs)])
    for field_name in _ENTITY_FIELDS:
        for e in record.get(field_name) or []:
            name = e[_ENTITY_NAME[field_name]]
            attrs = {k: v for k, v in e.items() if k not in ("mentions", _ENTITY_NAME[field_name])}
            for m in e["mentions"]:
                rows.append([doc_id, field_name, name, m["text"], m["start"], m["end"], name, _json(attrs)])
    meta_keys = ("published", "published_source", "content_hash", "source", "url", "title", "warnings")
    meta = {k: record.get(k) for k in meta_keys if record.get(k)}
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


def _replace_file(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half-written)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _starts_like(path: Path, mark: bytes) -> bool:
    """True when ``path`` begins with ``mark`` (or is a prefix of it: a torn first write)."""
    with open(path, "rb") as f:
        head = f.read(len(mark))
    return head == mark or (len(head) < len(mark) and mark.startswith(head))


class JsonlWriter:
    """One ArticleRecord per line, appended and flushed as each article finishes.

    The file is read back as a list of entries: record dicts, and the raw text of damaged
    lines (kept in place and reported in ``damage``, never dropped).
    """

    what = "a JSON Lines output of extractor run"

    def __init__(self, path: Path):
        self.path = Path(path)
        self.f = None
        self.damage: list[Damage] = []

    def own_files(self) -> list[Path]:
        return [self.path, self.path.with_name(self.path.name + ".tmp")]

    def check(self) -> None:
        """Refuse an existing file that this tool did not write in this format."""
        if self.path.is_dir():
            raise OutputError(f"{self.path} is a folder; --out takes a file name")
        if self.path.exists() and not _starts_like(self.path, JSONL_MARK):
            raise refusal(self.path, f"exists and is not {self.what}")

    def remove(self) -> None:
        """Delete the output (``--overwrite``)."""
        for p in self.own_files():
            p.unlink(missing_ok=True)

    def _entries(self) -> list:
        if not self.path.exists():
            return []
        data = self.path.read_bytes()
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        entries, offset = [], 0
        self.damage = []
        for n, line in enumerate(lines, 1):
            last = n == len(lines)
            record = _parse_record(line)
            if record is not None:
                entries.append(record)
            elif last and not data.endswith(b"\n"):
                with open(self.path, "r+b") as f:  # a torn last record from a killed run
                    f.truncate(offset)
                return entries
            else:
                entries.append(line.decode("utf-8", "replace"))
                self.damage.append(Damage(n, "not a whole JSON record; kept as it is"))
            offset += len(line) + 1
        if data and not data.endswith(b"\n"):
            with open(self.path, "ab") as f:  # a whole last record without its newline
                f.write(b"\n")
        return entries

    def _rewrite(self, entries: list) -> None:
        _replace_file(self.path, "".join(
            (e if isinstance(e, str) else json.dumps(e, ensure_ascii=False)) + "\n" for e in entries
        ))

    def load(self) -> dict[str, str]:
        """Done articles (doc_id -> content hash); cuts a torn tail, folds duplicate ids."""
        entries = self._entries()
        kept = _newest_per_doc(entries)
        if len(kept) != len(entries):
            self._rewrite(kept)
        return {e.get("doc_id"): e.get("content_hash") for e in kept if isinstance(e, dict)}

    def compact(self) -> None:
        """Keep only the newest record of each doc_id (after re-doing changed articles)."""
        self.close()
        self._rewrite(_newest_per_doc(self._entries()))

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


def _parse_record(line: bytes) -> dict | None:
    if not line.startswith(JSONL_MARK):
        return None
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) else None


def _newest_per_doc(entries: list) -> list:
    """Entries with only the last record of each doc_id (damaged lines stay in place)."""
    last = {e.get("doc_id"): i for i, e in enumerate(entries) if isinstance(e, dict)}
    return [e for i, e in enumerate(entries) if not isinstance(e, dict) or last[e.get("doc_id")] == i]


class CsvWriter(JsonlWriter):
    """One row per mention and one ``article`` row per article, written as one block.

    Entries are blocks (lists of rows ending with the article row) and damaged lines' text.
    """

    what = "a CSV output of extractor run"

    def check(self) -> None:
        if self.path.is_dir():
            raise OutputError(f"{self.path} is a folder; --out takes a file name")
        if self.path.exists() and not _starts_like(self.path, CSV_HEADER.encode()):
            raise refusal(self.path, f"exists and is not {self.what}")

    def _entries(self) -> list:
        if not self.path.exists():
            return []
        try:
            text = self.path.read_bytes().decode("utf-8")  # not read_text: it folds \r\n
        except UnicodeDecodeError as exc:
            raise refusal(self.path, f"is not UTF-8 ({exc.reason} at byte {exc.start})") from None
        lines = text.split("\n")
        lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
        ends = [0]
        for line in lines:
            ends.append(ends[-1] + len(line))
        reader = csv.reader(lines)
        entries, current, read_to, block_end = [], [], 0, 0
        self.damage = []
        try:
            for row in reader:
                first_line, read_to = read_to + 1, reader.line_num
                if first_line == 1 and row == CSV_COLUMNS:
                    block_end = ends[read_to]
                elif len(row) != len(CSV_COLUMNS):
                    entries.append((ends[read_to], text[ends[first_line - 1]:ends[read_to]].rstrip("\n")))
                    self.damage.append(Damage(first_line, f"{len(row)} columns, not {len(CSV_COLUMNS)}; kept as it is"))
                else:
                    current.append(row)
                    if row[1] == "article":
                        entries.append((ends[read_to], current))
                        current, block_end = [], ends[read_to]
        except csv.Error:
            pass  # an unclosed quote: only a torn last block ends like this
        if block_end < len(text):
            # Rows after the last complete article (no article row ends them): a torn last record.
            lines_kept = text.count("\n", 0, block_end)
            self.damage = [d for d in self.damage if d.line <= lines_kept]
            _replace_file(self.path, text[:block_end])
        return [e for end, e in entries if end <= block_end]

    def _rewrite(self, entries: list) -> None:
        parts = [CSV_HEADER]
        for e in entries:
            parts.append(e + "\n" if isinstance(e, str) else _csv_text(e))
        _replace_file(self.path, "".join(parts))

    def load(self) -> dict[str, str]:
        entries = self._entries()
        kept = _newest_block_per_doc(entries)
        if len(kept) != len(entries):
            self._rewrite(kept)
        return {b[-1][0]: json.loads(b[-1][7] or "{}").get("content_hash") for b in kept if isinstance(b, list)}

    def compact(self) -> None:
        self.close()
        self._rewrite(_newest_block_per_doc(self._entries()))

    def write(self, record: dict) -> None:
        new = self.f is None and (not self.path.exists() or self.path.stat().st_size == 0)
        if self.f is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.f = open(self.path, "a", encoding="utf-8", newline="")
        self.f.write((CSV_HEADER if new else "") + _csv_text(record_rows(record)))
        self.f.flush()


def _newest_block_per_doc(entries: list) -> list:
    last = {e[-1][0]: i for i, e in enumerate(entries) if isinstance(e, list)}
    return [e for i, e in enumerate(entries) if not isinstance(e, list) or last[e[-1][0]] == i]


class ParquetWriter(JsonlWriter):
    """Parquet cannot be appended to: records go to ``<out>.partial.jsonl`` as they finish
    (resumable like JSONL), and ``finish()`` turns them into the Parquet file (temp + rename)."""

    def __init__(self, path: Path):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ExtractorError("--format parquet needs pyarrow: pip install 'extractor[parquet]'") from None
        self.out = Path(path)
        super().__init__(self.out.with_name(self.out.name + ".partial.jsonl"))

    def own_files(self) -> list[Path]:
        return super().own_files() + [self.out, self.out.with_name(self.out.name + ".tmp")]

    def check(self) -> None:
        super().check()
        if self.out.is_dir():
            raise OutputError(f"{self.out} is a folder; --out takes a file name")
        if self.out.exists():
            import pyarrow.parquet as pq

            try:
                names = pq.read_schema(self.out).names
            except Exception:  # noqa: BLE001 - any unreadable file is not ours
                raise refusal(self.out, "exists and is not a Parquet file") from None
            if names != PARQUET_COLUMNS:
                raise refusal(self.out, "is a Parquet file that extractor run did not write")

    def load(self) -> dict[str, str]:
        if not self.path.exists() and self.out.exists():
            import pyarrow.parquet as pq

            table = pq.read_table(self.out)
            self._rewrite([json.loads(r) for r in table.column("record").to_pylist() if r])
        return super().load()

    def finish(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.close()
        records = [e for e in self._entries() if isinstance(e, dict)]
        rows = [row + [json.dumps(r, ensure_ascii=False) if row[1] == "article" else None]
                for r in records for row in record_rows(r)]
        columns = list(zip(*rows)) if rows else [[] for _ in PARQUET_COLUMNS]
        arrays = {}
        for name, col in zip(PARQUET_COLUMNS, columns):
            if name in ("start", "end"):
                arrays[name] = pa.array([None if v == "" else int(v) for v in col], pa.int64())
            else:
                arrays[name] = pa.array(list(col), pa.string())
        tmp = self.out.with_name(self.out.name + ".tmp")
        pq.write_table(pa.table(arrays), tmp)
        os.replace(tmp, self.out)
        if not self.damage:
            self.path.unlink(missing_ok=True)


def _sqlite_writer(path: Path):
    """The SQLite writer (extractor/io/database.py, which builds on this module)."""
    from extractor.io.database import SqliteWriter

    return SqliteWriter(path)


WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter, "sqlite": _sqlite_writer}


def errors_path(out: Path) -> Path:
    """Where a run writes its failed inputs: ``records.jsonl`` -> ``records.errors.jsonl``."""
    out = Path(out)
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return out.with_name(stem + ".errors.jsonl")


def check_errors_file(path: Path) -> None:
    """Refuse to replace an errors file that a run of this tool did not write."""
    if path.is_dir() or (path.exists() and not _starts_like(path, b'{"source": ')):
        raise refusal(path, "exists and is not an errors file of extractor run")


def lock_path(out: Path) -> Path:
    return Path(out).with_name(Path(out).name + ".lock")


class OutputLock:
    """An OS lock on ``<out>.lock`` for the length of a run.

    The kernel drops the lock when the process ends, however it ends, so a crashed run never
    leaves a stale lock; the file holds who took it, to name that run to a second one.
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        self.path = lock_path(out)
        self.fd: int | None = None

    def acquire(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                holder = os.read(fd, 4096).decode("utf-8", "replace").strip() or "another run"
                os.close(fd)
                raise OutputError(
                    f"{self.out} is being written by another run ({holder}); wait for it to "
                    f"finish or use another --out"
                )
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the file was removed by a run that just finished: lock the new one
        started = datetime.datetime.now().isoformat(timespec="seconds")
        who = f"pid {os.getpid()} on {socket.gethostname()}, started {started}: {' '.join(sys.argv)}"
        os.ftruncate(fd, 0)
        os.write(fd, who.encode("utf-8", "replace"))
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
