"""Documents in, resolved place mentions out: sentences → recognizer → resolver."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from gazetteer import Gazetteer

from mapview.recognizer import Recognizer
from mapview.records import Document, ParsedDocument
from mapview.resolver import Resolver
from mapview.sentences import split_sentences


class Geoparser:
    """A recognizer and a resolver over one gazetteer. Everything loads on first use.

    >>> Geoparser().parse(Document(id="d", text="Clashes in Idleb."))   # doctest: +SKIP
    """

    def __init__(self, *, gazetteer: Gazetteer | None = None, recognizer: Recognizer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self._recognizer = recognizer
        self.resolver = Resolver(self.gazetteer)

    @property
    def recognizer(self) -> Recognizer:
        """The recognizer, fed with the gazetteer's area names and demonyms as patterns and its lookup as a check."""
        if self._recognizer is None:
            self._recognizer = Recognizer.from_gazetteer(self.gazetteer)
        return self._recognizer

    def parse(self, document: Document) -> ParsedDocument:
        """Parse one document."""
        return next(self.parse_many([document]))

    def parse_many(
        self, documents: Iterable[Document], *, processes: int = 1, progress: bool = False,
        on_progress: Callable[[int], None] | None = None,
    ) -> Iterator[ParsedDocument]:
        """Parse documents lazily, in order; memory does not grow with the corpus.

        ``processes`` > 1 runs recognition (the slow part) in that many worker processes.
        ``on_progress`` is called with the count of documents done so far.
        """
        waiting: deque[Document] = deque()

        def items() -> Iterator[tuple[str, list]]:
            for document in documents:
                waiting.append(document)
                yield document.text, split_sentences(document.text)

        bar = _progress_bar(progress)
        try:
            results = self.recognizer.recognize_many(items(), n_process=max(1, processes))
            for done, mentions in enumerate(results, 1):
                document = waiting.popleft()
                yield ParsedDocument(document, tuple(self.resolver.resolve(document.text, mentions)))
                bar.update(1)
                if on_progress is not None:
                    on_progress(done)
        finally:
            bar.close()


@lru_cache(maxsize=1)
def default_geoparser() -> Geoparser:
    """One shared :class:`Geoparser` over the default gazetteer (built on first call)."""
    return Geoparser()


def parse_documents(
    documents: Iterable[Document], *, processes: int = 1, progress: bool = False,
    geoparser: Geoparser | None = None, on_progress: Callable[[int], None] | None = None,
) -> Iterator[ParsedDocument]:
    """Parse documents with ``geoparser`` (default: :func:`default_geoparser`); see :meth:`Geoparser.parse_many`."""
    parser = geoparser if geoparser is not None else default_geoparser()
    return parser.parse_many(documents, processes=processes, progress=progress, on_progress=on_progress)


def _progress_bar(enabled: bool):
    from tqdm import tqdm

    return tqdm(unit="doc", desc="parsing", mininterval=0.5, disable=not enabled)
