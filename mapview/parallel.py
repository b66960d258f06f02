"""Parsing on every core: our own pool of worker processes, each with one geoparser.

Documents go to the workers in chunks; results come back in input order, with
a bounded number of chunks in flight, so memory does not grow with the
corpus. Each worker builds (or, when forked, inherits) one
:class:`~mapview.pipeline.Geoparser` and reuses it for every chunk.

Nothing hangs and nothing is lost silently:

- a document whose parsing raises is returned as a
  :class:`~mapview.exc.DocumentParseError` by its worker (the others of its
  chunk are parsed);
- when a worker dies (killed, out of memory, a crash in native code), the pool
  is replaced and every document it held is tried once more, alone, in a
  fresh worker; one that kills its worker again is returned as an error;
- a worker that cannot build its geoparser (no model, no index) makes the
  run fail at once with :class:`~mapview.exc.WorkerSetupError`.

Workers are forked when this process runs a single thread (they then share a
geoparser already loaded here), else started fresh ("spawn"), since forking
a process with other threads can copy a held lock into the child. Workers
ignore SIGINT: an interrupt reaches this process, which stops them.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from mapview.exc import DocumentParseError, WorkerSetupError
from mapview.records import Document, ParsedDocument, ResolvedMention, Span

if TYPE_CHECKING:
    from mapview.pipeline import Geoparser, Part
    from mapview.recognize.recognizer import Recognition

CHUNK_DOCUMENTS = 16
"""Documents sent to a worker per task."""
CHUNK_CHARS = 256 * 1024
"""A chunk closes once its texts hold this many characters (a bigger document is a chunk alone)."""
CHUNKS_IN_FLIGHT_PER_PROCESS = 3
"""Chunks queued or running per worker: enough to keep workers busy, few enough to bound memory."""
MAX_DEATHS_IN_A_ROW = 3
"""Documents in a row whose worker died again when tried alone before the run stops: then
workers die whatever they parse (memory, the system), which no retry mends."""

# What a worker sends back for one document: its mentions, or the error that replaced them.
_Outcome = tuple[tuple[ResolvedMention, ...], None] | tuple[None, DocumentParseError]

_PartFuture = Future["Recognition"]

_worker_geoparser: Geoparser | None = None
_worker_setup_error: str | None = None


def parse_in_processes(
    geoparser: Geoparser,
    documents: Iterable[Document],
    *,
    processes: int,
    chunk_documents: int = CHUNK_DOCUMENTS,
    chunk_chars: int = CHUNK_CHARS,
) -> Iterator[ParsedDocument | DocumentParseError]:
    """Parse ``documents`` in ``processes`` worker processes; one result or error per document, in input order.

    A stream that ends within its first chunk is parsed in this process:
    starting workers would cost more than they save.

    Raises
    ------
    WorkerSetupError
        When a worker cannot build its geoparser.
    TypeError
        When workers must be spawned and ``geoparser`` does not pickle (it was given its own recognizer).
    """
    from mapview.pipeline import batches

    chunks = batches(documents, size=chunk_documents, chars=chunk_chars)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if second is None and not _huge(first):
        geoparser.load()
        yield from geoparser.parse_batch(first)
        return
    pool = _Pool(geoparser, processes)
    finished = False
    rest = _chained(first, second, chunks) if second is not None else iter([first])
    try:
        yield from _ordered(pool, rest, processes * CHUNKS_IN_FLIGHT_PER_PROCESS)
        finished = True
    finally:
        pool.close(abort=not finished)


def _ordered(
    pool: _Pool, chunks: Iterator[list[Document]], in_flight: int
) -> Iterator[ParsedDocument | DocumentParseError]:
    pending: deque[tuple[list[Document], Future[list[_Outcome]] | _HugeDocument]] = deque()

    def fill() -> None:
        while len(pending) < in_flight:
            chunk = next(chunks, None)
            if chunk is None:
                return
            pending.append((chunk, _HugeDocument.submit(pool, chunk[0]) if _huge(chunk) else pool.submit(chunk)))

    fill()
    while pending:
        chunk, job = pending.popleft()
        if isinstance(job, _HugeDocument):
            joined = job.join(pool)
            fill()
            if joined is not None:
                yield joined
            else:  # a part failed: the document is tried once more whole, alone in a worker
                yield from _one_by_one(pool, chunk)
            continue
        future = job
        try:
            outcomes = future.result()
        except BrokenProcessPool:
            # The chunks in flight that had not finished are lost with the pool, and which
            # document killed it is unknown: each of their documents is tried again alone.
            held = [(chunk, future), *pending]
            pending.clear()
            pool.restart()
            for lost_chunk, lost in held:
                if isinstance(lost, Future) and lost.done() and lost.exception() is None:
                    yield from _results(lost_chunk, lost.result())
                else:
                    yield from _one_by_one(pool, lost_chunk)
            fill()
            continue
        except Exception:  # the task failed outside the per-document guard (a result that does not pickle)
            yield from _one_by_one(pool, chunk)
            fill()
            continue
        pool.deaths_in_a_row = 0
        fill()  # keep the workers busy while the consumer handles this chunk
        yield from _results(chunk, outcomes)


def _huge(chunk: Sequence[Document]) -> bool:
    from mapview.pipeline import HUGE_CHARS

    return len(chunk) == 1 and len(chunk[0].text) > HUGE_CHARS


class _HugeDocument:
    """One huge document recognised in parts on the workers, joined in this process (which then runs the
    document-level rules and the resolution over the whole document, see :meth:`Geoparser.split`)."""

    def __init__(
        self, geoparser: Geoparser, document: Document, sentences: list[Span], futures: list[_PartFuture]
    ) -> None:
        self.geoparser = geoparser
        self.document = document
        self.sentences = sentences
        self.futures = futures

    @classmethod
    def submit(cls, pool: _Pool, document: Document) -> _HugeDocument:
        geoparser = pool.geoparser
        sentences, parts = geoparser.split(document)
        return cls(geoparser, document, sentences, [pool.submit_part(part) for part in parts])

    def join(self, pool: _Pool) -> ParsedDocument | DocumentParseError | None:
        """The parsed document (or its error); None when a part was lost with its worker or failed."""
        from mapview.pipeline import parse_failure

        recognitions = []
        for future in self.futures:
            try:
                recognitions.append(future.result())
            except BrokenProcessPool:
                pool.restart()
                return None
            except Exception:  # a part that fails is retried with the whole document, where its error is reported
                return None
        self.futures.clear()
        try:
            return self.geoparser.join(self.document, self.sentences, recognitions)
        except Exception as exc:  # like any document's failure: reported, and the run goes on
            return parse_failure(self.document, exc)


def _one_by_one(pool: _Pool, documents: Sequence[Document]) -> Iterator[ParsedDocument | DocumentParseError]:
    """Try each document once more, alone in a worker; one that kills a worker again is an error."""
    from mapview.pipeline import parse_failure

    for document in documents:
        try:
            outcomes = pool.submit([document]).result()
        except BrokenProcessPool as exc:
            pool.deaths_in_a_row += 1
            if pool.deaths_in_a_row >= MAX_DEATHS_IN_A_ROW:
                raise WorkerSetupError(f"worker processes die whatever they parse ({exc})") from exc
            pool.restart()
            yield parse_failure(document, _WorkerDied(f"its worker process died twice ({exc})"))
            continue
        except Exception as exc:  # same as in _ordered: the task itself failed
            yield parse_failure(document, exc)
            continue
        pool.deaths_in_a_row = 0
        yield from _results([document], outcomes)


def _results(chunk: Sequence[Document], outcomes: list[_Outcome]) -> Iterator[ParsedDocument | DocumentParseError]:
    if _worker_setup_failed(outcomes):
        raise WorkerSetupError(f"a parsing process could not start: {outcomes[0][1]}")
    for document, (mentions, error) in zip(chunk, outcomes, strict=True):
        yield error if error is not None else ParsedDocument(document, mentions)  # type: ignore[arg-type]


def _worker_setup_failed(outcomes: list[_Outcome]) -> bool:
    return len(outcomes) == 1 and isinstance(outcomes[0][1], _SetupFailed)


class _WorkerDied(RuntimeError):
    """The cause given for a document whose worker process died while parsing it, twice."""


class _SetupFailed(DocumentParseError):
    """What a worker returns when it could not build its geoparser."""


class _Pool:
    """A process pool that can be replaced when a worker dies."""

    def __init__(self, geoparser: Geoparser, processes: int) -> None:
        self.geoparser = geoparser
        self._processes = processes
        self._executor = self._start()
        self.deaths_in_a_row = 0  # documents whose worker died again when tried alone, since the last success

    def _start(self) -> ProcessPoolExecutor:
        fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        context = multiprocessing.get_context("fork" if fork else "spawn")
        return ProcessPoolExecutor(
            self._processes, mp_context=context, initializer=_start_worker, initargs=(self.geoparser,)
        )

    def submit_part(self, part: Part) -> _PartFuture:
        """The future recognition of one part of a huge document (an error future when the pool is broken)."""
        try:
            return self._executor.submit(_recognize_part, part)
        except BrokenProcessPool as exc:
            failed: _PartFuture = Future()
            failed.set_exception(exc)
            return failed

    def submit(self, chunk: list[Document]) -> Future[list[_Outcome]]:
        """The chunk's future; when the pool is already broken, a future holding that error."""
        try:
            return self._executor.submit(_parse_chunk, chunk)
        except BrokenProcessPool as exc:  # a worker died since the last check: handled where results are read
            failed: Future[list[_Outcome]] = Future()
            failed.set_exception(exc)
            return failed

    def restart(self) -> None:
        self.close(abort=True)
        self._executor = self._start()

    def close(self, *, abort: bool) -> None:
        """Stop the workers: after their work (``abort`` False) or at once."""
        if not abort:
            self._executor.shutdown(wait=True)
            return
        terminate = getattr(self._executor, "terminate_workers", None)  # Python 3.14+
        if terminate is not None:
            terminate()
            return
        # Before 3.14 the executor cannot stop running tasks: end its processes, then let it tidy up.
        for process in list(getattr(self._executor, "_processes", {}).values()):
            process.terminate()
        self._executor.shutdown(wait=True, cancel_futures=True)


def _chained(first: list[Document], second: list[Document], rest: Iterator[list[Document]]) -> Iterator[list[Document]]:
    yield first
    yield second
    yield from rest


def _start_worker(geoparser: Geoparser) -> None:
    """Run once in each worker: make its geoparser ready, or remember why it cannot be."""
    global _worker_geoparser, _worker_setup_error
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the workers
    close = getattr(geoparser.gazetteer, "close", None)
    if close is not None:
        close()  # a forked copy of the parent's database connection must not be used here
    try:
        _worker_geoparser = geoparser.load()
    except Exception as exc:  # reported to the parent with the first task, which stops the run
        _worker_setup_error = f"{type(exc).__name__}: {exc}"
    # What is loaded now (the model, the vocabulary, the index's caches) lives as long as the worker: the
    # collector's full passes need not walk it again (they took 4% of a worker's CPU on LGL).
    gc.freeze()


def _recognize_part(part: Part) -> Recognition:
    if _worker_geoparser is None:
        raise WorkerSetupError(_worker_setup_error or "no geoparser")
    return _worker_geoparser.recognize_part(part)


def _parse_chunk(chunk: list[Document]) -> list[_Outcome]:
    if _worker_geoparser is None:
        return [(None, _SetupFailed(_worker_setup_error or "no geoparser"))]
    return [
        (None, result) if isinstance(result, DocumentParseError) else (result.mentions, None)
        for result in _worker_geoparser.parse_batch(chunk)
    ]
