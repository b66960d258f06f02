"""Records that flow through the pipeline: documents in, resolved mentions out.

Offsets are Python string indices into :attr:`Document.text` (end exclusive), so
``document.text[m.start:m.end] == m.name`` always holds: the evidence shown on
the map is the document's exact text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gazetteer import Place


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document was read: a file, and its JSONL ``line`` or JSON list ``item`` (None for a whole file)."""

    path: str
    line: int | None = None
    item: int | None = None

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}" if self.line else f"{self.path} (item {self.item})" if self.item else self.path
        )


@dataclass(frozen=True, slots=True)
class Document:
    """One report. ``id`` is unique within a corpus; the rest but ``text`` is optional.

    ``origin`` (set by the loaders, None for documents made in memory) is for
    messages only: it takes no part in equality.
    """

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    date: str | None = None
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` of a document's text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in a document that refers to a place.

    ``label`` is ``"place"`` for a toponym and ``"demonym"`` for an adjective or
    people name ("Afghan fighters"), which is linked to its country but is not
    a map marker by default.
    """

    start: int
    end: int
    name: str
    sentence: Span
    label: str = "place"


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    """A mention with the place chosen for it (None when nothing fits).

    ``confidence`` is in [0, 1]; ``alternatives`` are the next-best places, best first.
    ``resolved_by`` is ``"model"``, or ``"user"`` when a correction chose the place
    (or said the words are no place: then ``place`` is None).
    """

    mention: Mention
    place: Place | None
    confidence: float
    alternatives: tuple[Place, ...] = ()
    resolved_by: str = "model"


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A document with every mention found in it, in text order."""

    document: Document
    mentions: tuple[ResolvedMention, ...]

    def sentence_text(self, mention: Mention) -> str:
        """The exact text of the sentence a mention stands in."""
        return self.document.text[mention.sentence.start : mention.sentence.end]
