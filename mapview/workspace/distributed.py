"""Parsing on a ``dask.distributed`` cluster: for corpora one machine cannot parse in reasonable time.

The documents to parse are cut into partitions and sent to the workers; each
worker process keeps one geoparser (loaded on its first partition, then reused)
and sends back parsed documents, which the ingest writes into the workspace as
they arrive. Results stream back rather than being written as files on the
workers: the workspace stays the one store, a partition is committed like a
local batch, and a killed run resumes the same way as a local one.

Start a scheduler and workers (each machine needs mapview installed and its
gazetteer index built, ``make``), then point ``ingest`` at the scheduler::

    dask scheduler                                   # on one machine: prints tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 4 --nthreads 1      # on each machine
    python -m mapview ingest corpus/ --workspace corpus.mapview --dask tcp://HOST:8786
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from mapview.exc import DocumentError, MapviewError
from mapview.records import Document, ParsedDocument

PARTITION_SIZE = 32
"""Documents per task."""
IN_FLIGHT_PER_WORKER = 2
"""Tasks queued per worker: enough to keep workers busy, few enough to bound memory."""

_parse_lock = threading.Lock()


def dask_parser(address: Any, *, partition_size: int = PARTITION_SIZE) -> Callable[..., Iterator[ParsedDocument]]:
    """A parse function for :func:`mapview.workspace.ingest` that runs on the cluster at ``address``.

    ``address`` is a scheduler address (``tcp://host:8786``) or a
    ``distributed.LocalCluster``. Documents come back in the order partitions
    finish. A document that fails goes to the ``on_error`` the ingest passes
    (raised without one).

    Raises
    ------
    MapviewError
        When the workers run another version of the pipeline than this machine
        (their results would not match what the workspace records).
    """

    def parse(
        documents: Iterable[Document],
        on_error: Callable[[DocumentError], None] | None = None,
    ) -> Iterator[ParsedDocument]:
        from distributed import Client, as_completed

        from mapview.provenance import pipeline_version

        with Client(address) as client:
            try:
                versions = set(client.run(_worker_version).values())
            except Exception as exc:  # whatever a worker raised, re-raised here by dask
                raise MapviewError(
                    f"the cluster's workers cannot run mapview ({type(exc).__name__}: {exc}): install mapview and"
                    " build its gazetteer on every worker machine (make), then start the workers again"
                ) from exc
            if not versions:
                raise MapviewError(f"the cluster at {address} has no workers")
            if versions - {pipeline_version().version}:
                raise MapviewError(
                    f"the cluster's workers run pipeline version(s) {', '.join(sorted(versions))}, this machine"
                    f" {pipeline_version().version}: install the same mapview and gazetteer everywhere"
                )
            workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
            partitions = _partitions(documents, partition_size)
            pending = as_completed()
            partitions_sent: dict[str, list[Document]] = {}

            def submit(part: list[Document]) -> None:
                future = client.submit(parse_partition, part, pure=False)
                partitions_sent[future.key] = part
                pending.add(future)

            for part in islice(partitions, workers * IN_FLIGHT_PER_WORKER):
                submit(part)
            for future in pending:
                try:
                    results = future.result()
                except Exception as exc:  # a worker died with the partition, more often than dask retries
                    results = [
                        (None, DocumentError(f"{d.id}: could not be parsed on the cluster ({exc})"))
                        for d in partitions_sent.pop(future.key, [])
                    ]
                partitions_sent.pop(future.key, None)
                for parsed, error in results:
                    if parsed is not None:
                        yield parsed
                    elif on_error is not None and error is not None:
                        on_error(error)
                    elif error is not None:
                        raise error
                following = next(partitions, None)
                if following is not None:
                    submit(following)

    return parse


def parse_partition(documents: list[Document]) -> list[tuple[ParsedDocument | None, DocumentError | None]]:
    """Parse on a worker with its one geoparser; a document that fails is returned as an error."""
    from mapview.pipeline import default_geoparser

    results: list[tuple[ParsedDocument | None, DocumentError | None]] = []
    with _parse_lock:  # one geoparser per worker process, used by one thread at a time
        geoparser = default_geoparser()
        for document in documents:
            try:
                results.append((geoparser.parse(document), None))
            except Exception as exc:  # one bad document must not cost the partition
                results.append((None, DocumentError(f"{document.id}: could not be parsed on a worker ({exc})")))
    return results


@functools.cache
def _worker_version() -> str:
    from mapview.provenance import pipeline_version

    return pipeline_version().version


def _partitions(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while part := list(islice(iterator, size)):
        yield part
