"""Rule-based sentence splitting with exact character offsets.

A sentence never crosses a blank line. Inside a paragraph a line break ends a
sentence when the line looks like a headline or the next line is a list item.
Elsewhere a sentence ends at ``.``, ``!`` or ``?`` (and closing quotes or
brackets) followed by whitespace and a capital letter, digit, opening quote or
a character of a script without case; a period after an abbreviation ("Dr.",
"St.", "Jan."), an initial ("J."), a dotted acronym ("U.S.") or a list number
does not end one, nor does an ellipsis.

Time is linear in the text's length: every pattern is matched from positions
that do not overlap, and the look-backs (abbreviations, line starts) are
bounded.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence

from mapview.records import Span

MAX_SENTENCE_CHARS = 2000
"""Longer sentences are cut at whitespace into pieces of at most this many characters."""

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "ft",
        "rev",
        "fr",
        "hon",
        "pres",
        "gov",
        "sen",
        "rep",
        "amb",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cpt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "cmdr",
        "cdr",
        "brig",
        "insp",
        "supt",
        "messrs",
        "mme",
        "mlle",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vol",
        "vols",
        "fig",
        "figs",
        "pp",
        "approx",
        "ca",
        "cf",
        "vs",
        "etc",
        "al",
        "esp",
        "incl",
        "dept",
        "univ",
        "assn",
        "bros",
        "inc",
        "ltd",
        "co",
        "corp",
        "ave",
        "blvd",
        "rd",
        "hwy",
        "sq",
        "apt",
    ]
)
"""Lower-cased words whose trailing period does not end a sentence."""

OPENERS = "\"'“‘«‹([¿¡"
_CLOSERS = "\"'”’»›)]"
# A match may start only at the first mark of a run ("." * 100000 is one attempt, not
# 100000), and possessive repeats never give characters back: matching is linear.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[" + re.escape(_CLOSERS) + r"]*+\s++")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LIST_ITEM = re.compile(r"[^\S\n]*(?:[-*+•–—]|\d{1,3}[.)])\s")
_DOTTED_ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
# A headline does not end in punctuation that continues or ends a sentence.
_CONTINUES = ".!?…,;:-–—/&("
_NON_SPACE = re.compile(r"\S")
_CONNECTORS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "nor",
        "as",
        "into",
        "onto",
        "near",
        "between",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "this",
        "these",
        "those",
        "via",
        "per",
        "over",
        "under",
    ]
)


def split_sentences(text: str) -> list[Span]:
    """Split text into sentences, in text order, trimmed of surrounding whitespace.

    ``text[span.start:span.end]`` is the sentence; every non-whitespace character
    of ``text`` lies in exactly one span.

    >>> text = "Dr. Smith flew to St. Louis on Jan. 5. He met the U.S. envoy."
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['Dr. Smith flew to St. Louis on Jan. 5.', 'He met the U.S. envoy.']
    """
    spans: list[Span] = []
    for start, end in _paragraphs(text):
        for line_start, line_end in _line_groups(text, start, end):
            for piece_start, piece_end in _sentences(text, line_start, line_end):
                spans.extend(cut_long(text, piece_start, piece_end))
    return spans


def sentence_containing(spans: Sequence[Span], offset: int) -> Span:
    """The span (from :func:`split_sentences`, sorted) that contains ``offset``.

    Raises
    ------
    ValueError
        When ``offset`` lies in whitespace between sentences or outside the text.

    >>> sentence_containing([Span(0, 4), Span(6, 9)], 7)
    Span(start=6, end=9)
    """
    index = bisect_right(spans, offset, key=lambda span: span.start) - 1
    if index >= 0 and spans[index].start <= offset < spans[index].end:
        return spans[index]
    raise ValueError(f"offset {offset} is in no sentence")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _line_groups(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Runs of lines of a paragraph, broken after headlines and before list items."""
    group_start = start
    newline = text.find("\n", start, end)
    while newline != -1:
        if _breaks_line(text, group_start, newline, end):
            yield group_start, newline
            group_start = newline + 1
        newline = text.find("\n", newline + 1, end)
    yield group_start, end


def _breaks_line(text: str, group_start: int, newline: int, end: int) -> bool:
    if _LIST_ITEM.match(text, newline + 1, end):
        return True
    line_start = max(text.rfind("\n", group_start, newline) + 1, group_start)
    line = text[line_start:newline].rstrip()
    following = _NON_SPACE.search(text, newline + 1, end)
    if not line or following is None or line[-1] in _CONTINUES:
        return False
    last_word = line.rsplit(None, 1)[-1].lower()
    return _starts_sentence(following.group()) and last_word not in _CONNECTORS


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        after = match.end()
        if after >= end or not _starts_sentence(text[after]):
            continue
        marks = match.group().rstrip()
        stop = match.start() + len(marks)
        if "…" in marks or ".." in marks:
            continue
        if marks.rstrip(_CLOSERS) == "." and _is_abbreviation(text, piece_start, match.start()):
            continue
        yield from _trimmed(text, piece_start, stop)
        piece_start = after
    yield from _trimmed(text, piece_start, end)


def _starts_sentence(char: str) -> bool:
    return char.isupper() or char.isdigit() or char in OPENERS or (char.isalpha() and not char.islower())


def _is_abbreviation(text: str, piece_start: int, period: int) -> bool:
    """Whether the word before the period at ``period`` is an abbreviation."""
    word_start = period
    while word_start > piece_start and not text[word_start - 1].isspace() and period - word_start < 40:
        word_start -= 1
    word = text[word_start:period].lstrip(OPENERS)
    if word.lower() in ABBREVIATIONS or _DOTTED_ACRONYM.fullmatch(word):
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "J. R. R. Tolkien"
    # A list number at the start of a line: "1. Introduction".
    return word.isdigit() and (word_start == piece_start or text[word_start - 1] == "\n")


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def cut_long(text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> Iterator[Span]:
    """``text[start:end]`` in pieces of at most ``limit`` characters, trimmed of whitespace.

    Each cut falls on the last whitespace in the second half of the limit (mid-word when
    there is none there); a range no longer than ``limit`` comes back whole.

    >>> list(cut_long("one two three", 0, 13, limit=8))
    [Span(start=0, end=7), Span(start=8, end=13)]
    """
    while end - start > limit:
        stop = start + limit
        cut = stop
        for index in range(stop, start + limit // 2, -1):
            if text[index].isspace():
                cut = index
                break
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield Span(start, piece_end)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield Span(start, end)
