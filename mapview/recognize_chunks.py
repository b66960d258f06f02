"""Cutting a document into the pieces spaCy sees, and finding a mention's sentence.

Pieces are runs of whole sentences of at most ``limit`` characters, so the
model keeps some context yet a 50 MB document never goes through spaCy in one
piece; a single sentence longer than ``limit`` is cut at whitespace.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from mapview.records import Span


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
