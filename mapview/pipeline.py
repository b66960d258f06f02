"""Documents in, resolved place mentions out: sentences → recognizer → resolver.

One document that cannot be parsed never costs the others: it is reported
(:class:`~mapview.exc.DocumentParseError`, naming its id and where it was
read) and the stream goes on, in one process or several
(:mod:`mapview.parallel`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from gazetteer.lookup import Gazetteer
from mapview.exc import DocumentError, DocumentParseError
from mapview.recognize import Recognizer
from mapview.recognize.recognizer import Recognition
from mapview.records import Document, ParsedDocument, Span
from mapview.resolve import Resolver
from mapview.sentences import split_sentences
from mapview.stages import StageClock
from mapview.text_repair import Notice

ErrorHandler = Callable[[DocumentError], None]
NoticeHandler = Callable[[Notice], None]

BATCH_DOCUMENTS = 16
"""Documents that go through spaCy together in one process (a bad one is then found alone)."""
BATCH_CHARS = 256 * 1024
"""A batch closes once its texts hold this many characters."""
HUGE_CHARS = 256 * 1024
"""A document longer than this (a batch on its own) is recognised in parts, on every worker process (see
:meth:`Geoparser.split`)."""
PART_CHARS = 128 * 1024
"""About how many characters of a huge document one part holds."""
_PART_LOOKAHEAD = 256
"""Characters after a part's last sentence sent with it: the focus reads a name running on past a piece's end."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a huge document (see :meth:`Geoparser.split`): its offset, text and sentences."""

    offset: int
    text: str
    sentences: list[Span]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # sent to a worker with its sentences as pairs of numbers (cheaper to pickle than records)
        return _part_from_rows, (self.offset, self.text, [(s.start, s.end) for s in self.sentences])


def _part_from_rows(offset: int, text: str, sentences: list[tuple[int, int]]) -> Part:
    return Part(offset, text, [Span(start, end) for start, end in sentences])


class Geoparser:
    """A recognizer and a resolver over one gazetteer. Everything loads on first use.

    A geoparser built from a gazetteer alone pickles as the recipe to build it
    again (so worker processes can make their own); one given its own
    ``recognizer`` does not.

    >>> Geoparser().parse(Document(id="d", text="Clashes in Idleb."))   # doctest: +SKIP
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, recognizer: Recognizer | None = None) -> None:
        self._gazetteer_given = gazetteer is not None
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self._recognizer = recognizer
        self._recognizer_given = recognizer is not None
        self.resolver = Resolver(self.gazetteer)
        self._loaded = False
        self.clock = StageClock()
        """CPU seconds of sentence splitting and resolution (see :meth:`stage_seconds`)."""

    @property
    def recognizer(self) -> Recognizer:
        """The recognizer, fed with the gazetteer's area names and demonyms as patterns and its lookup as a check."""
        if self._recognizer is None:
            self._recognizer = Recognizer.from_gazetteer(self.gazetteer)
        return self._recognizer

    def load(self) -> Geoparser:
        """Load the spaCy pipeline and open the index now (they load on first use otherwise).

        Raises
        ------
        RecognizerError, GazetteerError
            When no model or no index can be had: a set-up problem, not a document's.
        """
        if not self._loaded:
            list(self._parse_unguarded([Document(id="warm-up", text="Fighting in Herat.")]))
            self._loaded = True
        return self

    def parse(self, document: Document) -> ParsedDocument:
        """Parse one document (its lone surrogates repaired first, see :func:`mapview.documents.admitted`).

        Raises
        ------
        DocumentParseError
            When it cannot be parsed (the cause is chained).
        """
        from mapview.documents import admitted

        [result] = self.parse_batch([admitted(document)])
        if isinstance(result, DocumentError):
            raise result
        return result

    def parse_batch(self, documents: Sequence[Document]) -> list[ParsedDocument | DocumentParseError]:
        """Parse documents together; a document that fails is returned as its error, in its place.

        The batch goes through spaCy in one stream; when that fails, the
        documents not done yet are parsed one at a time, so only a bad one is
        lost. The documents must be repaired already (as loaders and
        :meth:`parse_many` do).
        """
        results: list[ParsedDocument | DocumentParseError] = []
        try:
            results.extend(self._parse_unguarded(documents))
        except Exception:  # which document failed is found below, one at a time
            for document in documents[len(results) :]:
                try:
                    results.extend(self._parse_unguarded([document]))
                except Exception as exc:  # any failure of one document is reported, never the run's
                    results.append(parse_failure(document, exc))
        return results

    def parse_many(
        self,
        documents: Iterable[Document],
        *,
        processes: int | None = None,
        progress: bool = False,
        on_progress: Callable[[int], None] | None = None,
        on_error: ErrorHandler | None = None,
        on_notice: NoticeHandler | None = None,
    ) -> Generator[ParsedDocument, None, None]:
        """Parse documents lazily, in input order; memory does not grow with the corpus.

        Closing the generator (or dropping it) stops any worker processes at once.

        Parameters
        ----------
        processes
            Worker processes (None: one per core); 1 parses in this process.
            See :func:`mapview.parallel.parse_in_processes`.
        progress
            Show a progress bar on standard error.
        on_progress
            Called with the count of documents done (parsed or reported) so far.
        on_error
            Receives a :class:`~mapview.exc.DocumentParseError` for each document
            that could not be parsed, and the stream goes on; without it the
            error is raised.
        on_notice
            Receives a notice for each document whose fields had lone surrogates
            (they are repaired first, as the loaders do).

        Raises
        ------
        RecognizerError, GazetteerError, WorkerSetupError
            When the model or the index cannot be loaded (nothing can be parsed).
        """
        from mapview.documents import admitted

        count = (os.cpu_count() or 1) if processes is None else max(1, processes)
        clean = (admitted(document, on_notice) for document in documents)
        if count > 1:
            from mapview.parallel import parse_in_processes

            results = parse_in_processes(self, clean, processes=count)
        else:
            results = self._parse_in_process(clean)
        bar: Any = None
        try:
            for done, result in enumerate(results, 1):
                if bar is None and progress:  # made once work runs, so worker processes start before its thread
                    bar = _progress_bar()
                if bar is not None:
                    bar.update(1)
                if on_progress is not None:
                    on_progress(done)
                if not isinstance(result, DocumentError):
                    yield result
                elif on_error is None:
                    raise result
                else:
                    on_error(result)
        finally:
            if bar is not None:
                bar.close()

    def _parse_in_process(self, documents: Iterable[Document]) -> Iterator[ParsedDocument | DocumentParseError]:
        self.load()
        for batch in batches(documents):
            yield from self.parse_batch(batch)

    def _parse_unguarded(self, documents: Sequence[Document]) -> Iterator[ParsedDocument]:
        clock = self.clock
        started = clock.start()
        items = [(document.text, split_sentences(document.text)) for document in documents]
        clock.lap("sentences", started)
        for document, mentions in zip(documents, self.recognizer.recognize_many(items)):
            started = clock.start()
            resolved = tuple(self.resolver.resolve(document.text, mentions))
            clock.lap("resolve", started)
            yield ParsedDocument(document, resolved)

    def split(self, document: Document, part_chars: int | None = None) -> tuple[list[Span], list[Part]]:
        """A document's sentences and its parts, to be recognised apart (:meth:`recognize_part`, in any
        process) and joined (:meth:`join`): the mentions are those :meth:`parse` finds.

        Each part is its offset in the text, its text (running a little past its last sentence)
        and its sentences (offsets in the part); parts hold about ``part_chars`` characters
        (default :data:`PART_CHARS`).
        """
        started = self.clock.start()
        text = document.text
        sentences = split_sentences(text)
        self.clock.lap("sentences", started)
        parts = []
        ordered = sorted(sentences, key=lambda s: s.start)
        at = 0
        for start, end in self.recognizer.part_ranges(text, ordered, part_chars or PART_CHARS):
            inside = []
            while at < len(ordered) and ordered[at].start < end:
                sentence = ordered[at]
                inside.append(Span(sentence.start - start, sentence.end - start))
                at += 1
            parts.append(Part(start, text[start : end + _PART_LOOKAHEAD], inside))
        return sentences, parts

    def recognize_part(self, part: Part) -> Recognition:
        """What one part of a huge document holds before the document-level rules (see :meth:`split`)."""
        return self.recognizer.recognize_part(part.text, part.sentences, part.offset)

    def join(
        self, document: Document, sentences: Sequence[Span], recognitions: Iterable[Recognition]
    ) -> ParsedDocument:
        """The parsed document from the recognitions of its parts, in order (see :meth:`split`)."""
        mentions = self.recognizer.finish(document.text, sentences, recognitions)
        started = self.clock.start()
        resolved = tuple(self.resolver.resolve(document.text, mentions))
        self.clock.lap("resolve", started)
        return ParsedDocument(document, resolved)

    def stage_seconds(self) -> dict[str, float]:
        """CPU seconds this process spent in each stage of parsing so far (worker processes not counted).

        Stages: ``sentences``, those of :attr:`Recognizer.clock
        <mapview.recognize.Recognizer.clock>` (``focus``, ``tokenizer``, ``NER``,
        ``rules``, ``document rules``...) and ``resolve`` (gazetteer look-ups included).
        """
        seconds = dict(self.clock.seconds)
        if self._recognizer is not None:
            seconds.update(self._recognizer.clock.seconds)
        return seconds

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        if self._recognizer_given:
            raise TypeError(
                "a Geoparser given its own recognizer cannot be sent to another process; "
                "parse with processes=1, or build the recognizer in each process"
            )
        path = str(self.gazetteer.path) if self._gazetteer_given else None
        return _rebuilt_geoparser, (type(self), path)


def _rebuilt_geoparser(cls: type[Geoparser], gazetteer_path: str | None) -> Geoparser:
    return cls(gazetteer=None if gazetteer_path is None else Gazetteer(gazetteer_path))


def parse_failure(document: Document, exc: BaseException) -> DocumentParseError:
    """The error reported for ``document`` when parsing it raised ``exc`` (chained as its cause)."""
    origin = document.origin
    where = document.id if origin is None else f"{origin} (id {document.id})"
    error = DocumentParseError(
        f"{where}: could not be parsed ({type(exc).__name__}: {exc})",
        path=None if origin is None else origin.path,
        line=None if origin is None else origin.line,
        document_id=document.id,
    )
    error.__cause__ = exc
    return error


def batches(
    documents: Iterable[Document], *, size: int = BATCH_DOCUMENTS, chars: int = BATCH_CHARS
) -> Iterator[list[Document]]:
    """Consecutive lists of at most ``size`` documents, closed early once they hold ``chars`` characters."""
    iterator = iter(documents)
    while True:
        batch: list[Document] = []
        held = 0
        for document in iterator:
            batch.append(document)
            held += len(document.text)
            if len(batch) >= size or held >= chars:
                break
        if not batch:
            return
        yield batch


@lru_cache(maxsize=1)
def default_geoparser() -> Geoparser:
    """One shared :class:`Geoparser` over the default gazetteer (loaded on first use)."""
    return Geoparser()


def parse_documents(
    documents: Iterable[Document],
    *,
    processes: int | None = None,
    progress: bool = False,
    on_progress: Callable[[int], None] | None = None,
    on_error: ErrorHandler | None = None,
    on_notice: NoticeHandler | None = None,
    geoparser: Geoparser | None = None,
) -> Generator[ParsedDocument, None, None]:
    """Parse documents in input order with every core by default; see :meth:`Geoparser.parse_many`.

    ``processes=None`` uses one process per core (``os.cpu_count()``), 1
    parses in this process. ``geoparser`` defaults to :func:`default_geoparser`.
    As in any program using :mod:`multiprocessing`, a script that parses on
    several processes from a process running threads (workers are then
    spawned, see :mod:`mapview.parallel`) needs ``if __name__ == "__main__":``.

    >>> for parsed in parse_documents(docs, on_error=print):   # doctest: +SKIP
    ...     print(parsed.document.id, len(parsed.mentions))
    """
    parser = geoparser if geoparser is not None else default_geoparser()
    return parser.parse_many(
        documents,
        processes=processes,
        progress=progress,
        on_progress=on_progress,
        on_error=on_error,
        on_notice=on_notice,
    )


def _progress_bar() -> Any:
    from mapview.console import progress_bar

    return progress_bar(unit="doc", desc="parsing")
