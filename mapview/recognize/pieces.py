"""Cutting a document into the pieces spaCy sees.

Pieces are runs of whole sentences of at most ``limit`` characters, so the
model keeps some context yet a 50 MB document never goes through spaCy in one
piece; a single sentence longer than ``limit`` is cut at whitespace
(:func:`mapview.sentences.cut_long`). Offsets stay those of the whole text, so
a document of any size is parsed, never refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mapview.records import Span
from mapview.sentences import cut_long

MAX_WORD_CHARS = 100
"""A run of more non-space characters than this is shown to the model as one opaque word."""

_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")
_CAPS_LINE = re.compile(r"^(?=[^\n]*[A-Z]{4})(?=(?:[^\n]*\b[A-Z]{2,}){3})[^a-z\n]+$", re.MULTILINE)
"""A line of at least three words in capitals and no lowercase letter (a heading, a shouted headline)."""
_WORD = re.compile(r"[^\W\d_]{2,}")
_SMALL_WORD = re.compile(r"(?<=\s)(?:And|Or|Of|The|For|In|On|At|To|By|With|From|A|An)(?=\s)")


@dataclass(frozen=True, slots=True)
class PieceRange:
    """The characters ``[start, end)`` of a text that go through spaCy together.

    ``sentence_starts`` are the piece-relative offsets where sentences begin.
    """

    start: int
    end: int
    sentence_starts: tuple[int, ...]


def model_text(text: str, start: int, end: int) -> str:
    """``text[start:end]`` as the model sees it: same length, so offsets hold.

    A run of more than :data:`MAX_WORD_CHARS` non-space characters (a URL, an
    encoded blob, a line of ``<`` or dots) becomes as many ``x``: spaCy's
    tokenizer splits such a run one affix at a time, in time quadratic in its
    length, and no place name hides in one. Linear in the piece's length.

    >>> model_text("in " + "<" * 101 + " Kabul", 0, 111)[:6]
    'in xxx'
    """
    piece = text[start:end]
    if _CAPS_LINE.search(piece):
        piece = _CAPS_LINE.sub(_title_case, piece)
    if len(piece) <= MAX_WORD_CHARS:
        return piece
    return _LONG_RUN.sub(lambda run: "x" * len(run.group()), piece)


def _title_case(line: re.Match[str]) -> str:
    """A line written in capitals as a headline in title case ("WEATHER ALERT FOR DENVER" → "Weather Alert for
    Denver"): the model learnt names from mixed case and finds few in capitals. Same length, or unchanged."""
    words = _WORD.sub(lambda w: w.group()[0] + w.group()[1:].lower(), line.group())
    cased = _SMALL_WORD.sub(lambda w: w.group().lower(), words)  # never the first: it follows no space
    return cased if len(cased) == len(line.group()) else line.group()


def piece_ranges(text: str, sentences: Sequence[Span], limit: int) -> Iterator[PieceRange]:
    """The pieces of ``text``, in order; none holds only whitespace.

    >>> text = "One. Two. Three."
    >>> [text[p.start:p.end] for p in piece_ranges(text, [Span(0, 4), Span(5, 9), Span(10, 16)], 10)]
    ['One. Two.', 'Three.']
    """
    start: int | None = None
    end = 0
    starts: list[int] = []
    for sentence in sentences:
        s, e = max(0, sentence.start), min(len(text), sentence.end)
        if e <= s or not text[s:e].strip():
            continue
        if start is not None and e - start > limit:
            yield PieceRange(start, end, tuple(starts))
            start = None
        if e - s > limit:  # alone, in cuts (what came before it was flushed above)
            for k, cut in enumerate(cut_long(text, s, e, limit)):
                if text[cut.start : cut.end].strip():
                    yield PieceRange(cut.start, cut.end, (0,) if k == 0 else ())
            start = None
            continue
        if start is None:
            start, starts = s, []
        starts.append(s - start)
        end = e
    if start is not None:
        yield PieceRange(start, end, tuple(starts))
