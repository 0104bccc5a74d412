"""The dask engine: the same extraction on a dask.distributed cluster.

Articles are sent in chunks as tasks; each worker process loads the pipeline once (a cached
loader, not per task) and runs ``process_items`` on its chunk. Results stream back as chunks
finish, into the same writer and error file as the local engine. At most a few chunks per
worker are in flight, so memory stays flat however many articles there are.

Needs the optional extra: ``pip install 'extractor[dask]'``.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import islice
from typing import Iterable, Iterator, Optional, Union

from extractor.errors import ExtractorError
from extractor.limits import DEFAULT_MAX_CHARS, DEFAULT_MODEL
from extractor.io.readers import Failure, Item

CHUNK_SIZE = 16


@lru_cache(maxsize=2)
def _worker_extractor(model: str, max_chars: int):
    """One Extractor per worker process and model (loaded on first use, then reused)."""
    from extractor.api import Extractor

    return Extractor(model=model, max_chars=max_chars)


def extract_chunk(items: list, model: str, max_chars: int, keep_text: bool) -> list:
    """Task run on a worker: results for a chunk of Items (as plain tuples for transport)."""
    from extractor.engines.process import process_items

    ex = _worker_extractor(model, max_chars)
    return [(r.doc_id, r.source, r.record, r.error) for r in process_items(ex, items, keep_text=keep_text)]


def _client(scheduler: Optional[str], workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise ExtractorError("--engine dask needs dask.distributed: pip install 'extractor[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as exc:
            raise ExtractorError(f"cannot reach the dask scheduler at {scheduler}: {exc}") from None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def process_items_dask(
    items: Iterable[Union[Item, Failure]],
    scheduler: Optional[str] = None,
    workers: int = 2,
    model: str = DEFAULT_MODEL,
    max_chars: int = DEFAULT_MAX_CHARS,
    keep_text: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator:
    """Yield a Result per input, computed on a dask cluster (order of completion)."""
    from dask.distributed import as_completed

    from extractor.engines.process import Result

    client, cluster = _client(scheduler, workers)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        it = iter(items)
        pending = as_completed()
        in_flight = 0

        def submit_next() -> bool:
            nonlocal in_flight
            chunk = []
            for item in islice(it, chunk_size):
                if isinstance(item, Failure):
                    failed.append(Result(item.doc_id, item.source, error=item.reason))
                else:
                    chunk.append(item)
            if not chunk:
                return bool(failed)
            pending.add(client.submit(extract_chunk, chunk, model, max_chars, keep_text, pure=False))
            in_flight += 1
            return True

        failed: list = []
        more = True
        while more and in_flight < 2 * n_workers:
            more = submit_next()
            yield from _drain(failed)
        while in_flight:
            future = next(pending)
            in_flight -= 1
            for doc_id, source, record, error in future.result():
                yield Result(doc_id, source, record=record, error=error)
            future.release()
            while more and in_flight < 2 * n_workers:
                more = submit_next()
                yield from _drain(failed)
        yield from _drain(failed)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _drain(failed: list):
    while failed:
        yield failed.pop(0)
