"""Cutting a document into the pieces spaCy sees, and finding a mention's sentence.

Pieces are runs of whole sentences of at most ``limit`` characters, so the
model keeps some context yet a 50 MB document never goes through spaCy in one
piece; a single sentence longer than ``limit`` is cut at whitespace. Offsets
stay those of the whole text, so a document of any size is parsed, never refused.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from mapview.records import Span

MAX_WORD_CHARS = 100
"""A run of more non-space characters than this is shown to the model as one opaque word."""

_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))


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
    if len(piece) <= MAX_WORD_CHARS:
        return piece
    return _LONG_RUN.sub(lambda run: "x" * len(run.group()), piece)


def chunk_ranges(text: str, sentences: Sequence[Span], limit: int) -> Iterator[tuple[int, int, tuple[int, ...]]]:
    """``(start, end, sentence_starts)`` for each piece, in order.

    ``sentence_starts`` are the piece-relative offsets where sentences begin.
    Pieces never hold only whitespace.
    """
    start = end = None
    starts: list[int] = []
    for sentence in sentences:
        s, e = max(0, sentence.start), min(len(text), sentence.end)
        if e <= s or not text[s:e].strip():
            continue
        if start is not None and e - start > limit:
            yield start, end, tuple(starts)  # type: ignore[misc]
            start = None
        if start is None:
            start, starts = s, []
        if e - s > limit:
            if end is not None and start < s:
                yield start, s, tuple(starts)
            yield from _cut_long(text, s, e, limit)
            start = end = None
            continue
        starts.append(s - start)
        end = e
    if start is not None and end is not None:
        yield start, end, tuple(starts)


def _cut_long(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int, tuple[int, ...]]]:
    first = True
    while start < end:
        stop = min(end, start + limit)
        if stop < end:
            space = text.rfind(" ", start + limit // 2, stop)
            stop = space + 1 if space > 0 else stop
        if text[start:stop].strip():
            yield start, stop, (0,) if first else ()
        first = False
        start = stop


def sentence_of(sentences: Sequence[Span], starts: Sequence[int], offset: int) -> Span:
    """The sentence holding character ``offset`` (the nearest one before it if none does).

    ``starts`` are the sentences' start offsets, in order.
    """
    return sentences[max(0, bisect_right(starts, offset) - 1)]
