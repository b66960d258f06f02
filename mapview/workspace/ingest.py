"""Parsing documents into a workspace: only what is new or changed, committed in batches.

A document is parsed again only when its text or the pipeline changed
(:mod:`mapview.provenance`); an unchanged corpus is checked in seconds. Each
batch is one transaction: a killed run loses at most the batch in flight, and
running it again completes the rest with no duplicates (documents are keyed by
id). One ingest at a time per workspace: a second one waits for the first.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from mapview.dates import normalize_date
from mapview.exc import DocumentError
from mapview.provenance import PipelineVersion, pipeline_version
from mapview.records import Document, ParsedDocument
from mapview.workspace.decisions import apply_decisions
from mapview.workspace.store import Workspace
from mapview.workspace.writes import content_hash, pipeline_key, store_document, update_fields

ErrorHandler = Callable[[DocumentError], None]
ParseFunction = Callable[..., Iterable[ParsedDocument]]
"""``parse(documents, on_error=handler)``: parsed documents in any order; each document that cannot
be parsed goes to ``handler`` (e.g. :func:`mapview.parse_documents`)."""

BATCH_SIZE = 64
"""Documents committed per transaction."""

ORIGINS = ("corpus", "upload", "paste")
"""Where a document came from (shown in the page; uploads and pastes may be removed there)."""


@dataclass(slots=True)
class IngestReport:
    """What an ingest did.

    ``duplicates`` pairs a document left out with the stored one of the same
    text; ``renamed`` an id with the one it was stored under; ``undated`` a
    document with a date that is not a date (kept as text, listed as undated).
    """

    parsed: int = 0
    unchanged: int = 0
    updated_fields: int = 0
    failed: int = 0
    renamed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    undated: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for people: what was parsed, skipped and left out."""
        parts = [f"{self.parsed} parsed", f"{self.unchanged} unchanged"]
        if self.updated_fields:
            parts.append(f"{self.updated_fields} with new title/source/url/date")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already there under another name")
        if self.undated:
            parts.append(f"{len(self.undated)} with a date that is not one")
        if self.failed:
            parts.append(f"{self.failed} failed")
        return ", ".join(parts) + f" in {self.seconds:.1f} s"


def ingest(
    workspace: Workspace,
    documents: Iterable[Document],
    *,
    processes: int | None = None,
    origin: str = "corpus",
    replace: bool = True,
    dedupe_text: bool = False,
    reparse: bool = False,
    parse: ParseFunction | None = None,
    version: PipelineVersion | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[IngestReport], None] | None = None,
    on_error: ErrorHandler | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> IngestReport:
    """Parse into ``workspace`` every document of ``documents`` it does not hold as it is.

    Parameters
    ----------
    processes
        Worker processes for the default parser (None: every core); 1 parses in this process.
    origin
        One of :data:`ORIGINS`, stored with each new document.
    replace
        A document whose id is stored with another text replaces it (a corpus
        re-read after edits). False: it is stored under a new id (``id~2``),
        as uploads are, so nothing already there is lost.
    dedupe_text
        Leave out a document whose text is already stored under another id
        (the same report pasted twice is one document).
    reparse
        Parse every document again, even those stored as they are (the user's
        corrections are kept and applied again).
    parse, version
        How documents are parsed and that parser's version (default:
        :func:`mapview.parse_documents` with ``processes``, and its version).
    on_progress
        Called with the report after each committed batch.
    on_error
        Receives each document that could not be parsed; without it the error is raised.
    on_wait
        Called with a message when another ingest into this workspace must finish first.

    Returns
    -------
    IngestReport
    """
    if origin not in ORIGINS:
        raise ValueError(f"origin must be one of {', '.join(ORIGINS)}, not {origin!r}")
    started = time.perf_counter()
    version = version if version is not None else pipeline_version()
    report = IngestReport()
    with workspace.exclusive(on_wait):
        with workspace.transaction() as db:
            pipeline = pipeline_key(db, version)
        todo = _peeked(
            _needing_parse(
                workspace, documents, -1 if reparse else pipeline, report, replace=replace, dedupe=dedupe_text
            )
        )
        if todo is not None:

            def failed(error: DocumentError) -> None:
                report.failed += 1
                if on_error is None:
                    raise error
                on_error(error)

            parse = parse if parse is not None else _default_parser(processes)
            batch: list[ParsedDocument] = []
            for parsed in parse(todo, on_error=failed):
                batch.append(parsed)
                if len(batch) >= batch_size:
                    _commit(workspace, batch, pipeline, origin, report, on_progress)
            _commit(workspace, batch, pipeline, origin, report, on_progress)
    report.seconds = time.perf_counter() - started
    return report


def _default_parser(processes: int | None) -> ParseFunction:
    from mapview.pipeline import parse_documents

    count = max(1, processes if processes is not None else os.cpu_count() or 1)
    return lambda documents, on_error: parse_documents(documents, processes=count, on_error=on_error)


def _needing_parse(
    workspace: Workspace,
    documents: Iterable[Document],
    pipeline: int,
    report: IngestReport,
    *,
    replace: bool,
    dedupe: bool,
) -> Iterator[Document]:
    """The documents to parse; the others are counted (and their fields refreshed) on the way."""
    for document in documents:
        digest = content_hash(document)
        stored = workspace.query(
            "SELECT content_hash, pipeline, title, source, url, date_text FROM documents WHERE id = ?", (document.id,)
        )
        if stored and stored[0][0] == digest:
            if stored[0][1] == pipeline:
                report.unchanged += 1
                if stored[0][2:] != (document.title, document.source, document.url, document.date):
                    with workspace.transaction() as db:
                        report.updated_fields += update_fields(db, document)
                continue
        elif dedupe:
            twin = workspace.query("SELECT id FROM documents WHERE content_hash = ? LIMIT 1", (digest,))
            if twin:
                report.duplicates.append((document.id, twin[0][0]))
                continue
        if document.date and normalize_date(document.date) is None:
            report.undated.append((document.id, document.date))
        if stored and stored[0][0] != digest and not replace:
            renamed = dataclasses.replace(document, id=_free_id(workspace, document.id))
            report.renamed.append((document.id, renamed.id))
            document = renamed
        yield document


def _free_id(workspace: Workspace, doc_id: str) -> str:
    n = 2
    while workspace.query("SELECT 1 FROM documents WHERE id = ?", (f"{doc_id}~{n}",)):
        n += 1
    return f"{doc_id}~{n}"


def _commit(
    workspace: Workspace,
    batch: list[ParsedDocument],
    pipeline: int,
    origin: str,
    report: IngestReport,
    on_progress: Callable[[IngestReport], None] | None,
) -> None:
    if not batch:
        return
    with workspace.transaction() as db:
        for parsed in batch:
            store_document(db, parsed, pipeline=pipeline, origin=origin)
        apply_decisions(db, [parsed.document.id for parsed in batch])
    report.parsed += len(batch)
    batch.clear()
    if on_progress is not None:
        on_progress(report)


def _peeked(items: Iterator[Document]) -> Iterator[Document] | None:
    """``items`` unchanged, or None when it is empty (so nothing loads the parser for no work)."""
    for first in items:
        return chain([first], items)
    return None
