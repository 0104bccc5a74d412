"""Batch runs: many articles in, one record (or one error line) per article out.

``run_batch`` reads, resumes, writes and keeps the error file around an engine: the local one
(``process.process_items``) or Dask (``dask_engine``), which share the per-article core.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from extractor.api import DEFAULT_MAX_CHARS, Extractor, check_published
from extractor.errors import ExtractorError
from extractor.pipeline import DEFAULT_MODEL
from extractor.io.output import WRITERS, OutputLock, check_errors_file, choose_format, errors_path, lock_path
from extractor.io.readers import DEFAULT_MAX_BYTES, JSON_SUFFIXES, Failure, Item, iter_inputs, walk
from extractor.engines.process import Result, process_items


@dataclass
class Summary:
    seen: int = 0
    written: int = 0
    skipped: int = 0
    failed: int = 0
    seconds: float = 0.0
    out: str = ""
    errors: str = ""
    failures: list = field(default_factory=list)
    damage: list = field(default_factory=list)  # damaged lines found in the output (kept)

    def line(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        text = (
            f"{self.seen} articles: {self.written} written, {self.skipped} already done, "
            f"{self.failed} failed; {self.seconds:.1f}s ({rate:.1f} articles/s) -> {self.out}"
        )
        if self.failed:
            text += f"; failures in {self.errors}"
        return text


class Interrupted(Exception):
    """A run stopped by Ctrl-C (or SIGTERM) after writing ``summary.written`` records."""

    def __init__(self, summary: Summary):
        self.summary = summary
        super().__init__(f"interrupted: {summary.written} written")


def _progress(enabled: Optional[bool], total: Optional[int]):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit=" articles", file=sys.stderr, dynamic_ncols=True)


def check_engine(engine: str) -> None:
    """Refuse an unknown engine, or dask when its extra is not installed (a usage error)."""
    if engine not in ("local", "dask"):
        raise ExtractorError(f"unknown engine {engine!r}; choose local or dask")
    if engine == "dask":
        import importlib.util

        try:
            found = importlib.util.find_spec("dask.distributed") is not None
        except ImportError:
            found = False
        if not found:
            raise ExtractorError("--engine dask needs the 'dask' extra: pip install 'extractor[dask]'")


def prepare_output(out: Path, fmt: Optional[str], overwrite: bool = False):
    """Choose the format and writer for ``out`` and check, before anything is written, that
    the run may use it: the file is ours in that format (or absent, or ``overwrite``)."""
    fmt = choose_format(out, fmt)
    writer = WRITERS[fmt](out)
    if not overwrite:
        writer.check()
        check_errors_file(errors_path(out))
    return fmt, writer


def run_batch(
    paths: list[Path],
    out: Path,
    fmt: Optional[str] = None,
    jobs: int = 1,
    published: Optional[str] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
    model: str = DEFAULT_MODEL,
    keep_text: bool = False,
    encoding: Optional[str] = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    batch_size: int = 32,
    progress: Optional[bool] = None,
    extractor: Optional[Extractor] = None,
    on_result: Optional[Callable[[Result], None]] = None,
    overwrite: bool = False,
) -> Summary:
    """Extract every article under ``paths`` into ``out``; resumable, never stops on bad input.

    ``fmt`` defaults to what the suffix of ``out`` names (jsonl otherwise). Only a file this
    tool wrote in that format is resumed; any other existing file raises OutputError unless
    ``overwrite``. The run holds a lock on ``out``: a second run on it raises OutputError.
    Articles already in ``out`` with the same content hash are skipped; changed ones are redone
    and their old record removed. Failed inputs go to ``<out>.errors.jsonl`` (path, reason).
    Ctrl-C raises ``Interrupted`` after closing the output cleanly.
    """
    check_engine(engine)
    if published is not None:
        check_published(published, "--published")
    start = time.perf_counter()
    fmt, writer = prepare_output(out, fmt, overwrite)
    with OutputLock(out):
        if overwrite:
            writer.remove()
            errors_path(out).unlink(missing_ok=True)
        summary = Summary(out=str(out), errors=str(errors_path(out)))
        try:
            _run(paths, writer, summary, jobs=jobs, published=published, engine=engine,
                 scheduler=scheduler, model=model, keep_text=keep_text, encoding=encoding,
                 max_chars=max_chars, batch_size=batch_size, progress=progress,
                 extractor=extractor, on_result=on_result)
        except KeyboardInterrupt:
            summary.seconds = time.perf_counter() - start
            raise Interrupted(summary) from None
    summary.seconds = time.perf_counter() - start
    return summary


def _count_inputs(paths: list[Path], exclude: frozenset) -> Optional[int]:
    """How many articles ``paths`` hold, when that is known without reading them (no JSON)."""
    files = [p for p in walk(paths, exclude) if isinstance(p, Path)]
    if any(p.suffix.lower() in JSON_SUFFIXES for p in files):
        return None
    return len(files)


def _run(paths, writer, summary: Summary, *, jobs, published, engine, scheduler, model, keep_text,
         encoding, max_chars, batch_size, progress, extractor, on_result) -> None:
    done = writer.load()
    summary.damage = [f"{writer.path} line {d.line}: {d.reason}" for d in writer.damage]
    redone: set[str] = set()
    out = Path(summary.out)
    own_files = frozenset(
        os.path.realpath(p) for p in [*writer.own_files(), errors_path(out), lock_path(out)]
    )
    bar = _progress(progress, _count_inputs(paths, own_files) if progress is not False else None)

    def todo():
        max_bytes = max(DEFAULT_MAX_BYTES, 4 * max_chars)
        for item in iter_inputs(paths, published, encoding, max_bytes=max_bytes, exclude=own_files):
            summary.seen += 1
            if isinstance(item, Item):
                previous = done.get(item.article.doc_id)
                if previous is not None and previous == item.content_hash:
                    summary.skipped += 1
                    if bar is not None:
                        bar.update(1)
                    continue
                if previous is not None:
                    redone.add(item.article.doc_id)
            yield item

    if engine == "dask":
        from extractor.engines.dask_engine import process_items_dask

        results = process_items_dask(todo(), scheduler=scheduler, workers=jobs, model=model,
                                     max_chars=max_chars, keep_text=keep_text)
    else:
        ex = extractor or Extractor(model=model, max_chars=max_chars)
        results = process_items(ex, todo(), batch_size=batch_size, n_process=jobs, keep_text=keep_text)
    errors = _ErrorsFile(errors_path(out))
    try:
        for res in results:
            if res.record is not None:
                writer.write(res.record)
                summary.written += 1
            else:
                summary.failed += 1
                line = {"source": res.source, "doc_id": res.doc_id, "reason": res.error}
                summary.failures.append(line)
                errors.write(line)
            if on_result:
                on_result(res)
            if bar is not None:
                bar.update(1)
                bar.set_postfix(errors=summary.failed, refresh=False)
    finally:
        if bar is not None:
            bar.close()
        errors.close(finished=not summary.failed)
        if redone:
            writer.compact()
        writer.finish()


class _ErrorsFile:
    """The run's error lines, created on the first failure (no empty file is left behind).

    A run that fails nothing removes the errors file of an earlier run: it no longer applies.
    """

    def __init__(self, path: Path):
        self.path = path
        self.f = None

    def write(self, line: dict) -> None:
        if self.f is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.f = open(self.path, "w", encoding="utf-8")
        self.f.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.f.flush()

    def close(self, finished: bool) -> None:
        if self.f is not None:
            self.f.close()
        elif finished:
            self.path.unlink(missing_ok=True)
