"""One article at a time through the pipeline: the engine-free core both engines share.

``process_items`` streams Items through ``nlp.pipe`` and yields a result for every item, in
order, whatever happens to its neighbours.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Union

from spacy.util import ignore_error

from extractor.api import Extractor
from extractor.errors import ExtractorError
from extractor.io.readers import Failure, Item
from extractor.records import build_record


@dataclass
class Result:
    """What became of one input: a record (JSON-ready dict) or a failure."""

    doc_id: Optional[str]
    source: str
    record: Optional[dict] = None
    error: Optional[str] = None


def _record(item: Item, doc, keep_text: bool) -> dict:
    article = item.article
    extra = {"warnings": item.extra.get("warnings", []), "source": item.source,
             "content_hash": item.content_hash, "url": article.url, "title": article.title}
    return build_record(doc, extra, keep_text)


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
    for doc in ex.pipe(docs(), batch_size=batch_size, n_process=n_process):
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
