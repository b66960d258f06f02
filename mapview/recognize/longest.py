"""The longest name a text writes: a found place grown over the words that complete its name.

The model and the ruler often stop at the first word of a longer name
("Qala" of "Qala-i-Naw", "Cherry" of "Cherry Hinton", "Washington" of
"Washington Drive", "Vermont" of "Lake Vermont"). A name is grown, over
capitalised words, hyphens glued to them and the small joining words of
transliterated and European names ("-i-", "-e", "al-", "upon"), to the
longest run that is

- a place the gazetteer knows by that whole name (not merely a known name
  plus a kind word it is not called by: "Fargo City" stays "Fargo"), or
- a feature's name: the place's name followed by a feature word ("Washington
  Drive", "Zion National Park", "Boston Harbor"), or opened by one ("Lake
  Vermont", "Mount Washington", "Gulf of Alaska").

The same runs find transliterated names the model leaves unlabelled
("Mazar-i-Sharif", "Pul-e Khumri", see :func:`joined_runs`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from mapview.recognize.lexicon import (
    CALENDAR_ABBREVIATIONS,
    CALENDAR_WORDS,
    FEATURE_OF_WORDS,
    FEATURE_PREFIXES,
    FEATURE_QUALIFIERS,
    FEATURE_WORDS,
    INSTITUTION_FEATURES,
    NAME_ARTICLES,
    NAME_JOINERS,
)
from mapview.recognize.names import TokenRange, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

REACH_RIGHT = 4
"""Tokens a name may grow to the right ("-i-Naw" is three)."""
REACH_LEFT = 3
"""Tokens a name may grow to the left ("Aust-", "South ")."""


def longest_name(
    doc: Doc,
    start: int,
    end: int,
    is_name: Callable[[str], bool],
    limit: TokenRange,
) -> TokenRange:
    """The longest name around tokens ``[start, end)`` within ``limit`` (a token range), else them.

    ``is_name`` says whether a string is a place's whole name (a gazetteer check).
    """
    lefts = [start, *_starts_before(doc, start, limit[0])]
    if start - 2 >= limit[0] and doc[start - 1].text == "of" and doc[start - 2].text in FEATURE_OF_WORDS:
        lefts.append(start - 2)  # "Gulf of Alaska"
    rights = [end, *_ends_after(doc, end, limit[1])]
    spans = sorted(((i, j) for i in lefts for j in rights), key=lambda s: s[0] - s[1])
    for i, j in spans:
        if (i, j) == (start, end):
            break
        if _feature_name(doc, i, j, start, end) or is_name(doc[i:j].text):
            return i, j
    return start, end


def joined_runs(doc: Doc, limit: TokenRange) -> Iterator[TokenRange]:
    """Runs of capitalised words joined by a hyphen or a joining word ("Mazar-i-Sharif", "Pul-e Khumri").

    Each run starts with a capitalised word and holds at least one joining word
    or glued hyphen; runs do not overlap.
    """
    if _JOINING.isdisjoint(words_of(doc)[limit[0] : limit[1]]):
        return  # a run holds a joining word or a hyphen: most sentences hold neither
    i = limit[0]
    while i < limit[1]:
        if not _capitalised(doc, i):
            i += 1
            continue
        ends = list(_ends_after(doc, i + 1, limit[1]))
        joined = [j for j in ends if any(_joins(doc, k) for k in range(i + 1, j))]
        if joined:
            yield i, joined[-1]
            i = joined[-1]
        else:
            i += 1


_JOINING = NAME_JOINERS | {"-"}


def _ends_after(doc: Doc, end: int, stop: int) -> Iterator[int]:
    """Ends ``j`` > ``end`` such that ``doc[end:j]`` continues a name, shortest first."""
    j = end
    while j < min(stop, end + REACH_RIGHT):
        if not (_capitalised(doc, j) or _joins(doc, j)) or not _attached(doc, j):
            return
        j += 1
        if _capitalised(doc, j - 1):
            yield j


def _starts_before(doc: Doc, start: int, stop: int) -> Iterator[int]:
    """Starts ``i`` < ``start`` such that ``doc[i:start]`` opens a name, nearest first."""
    i = start
    while i > max(stop, start - REACH_LEFT):
        if not (_capitalised(doc, i - 1) or _joins(doc, i - 1)) or not _attached(doc, i):
            return
        i -= 1
        if _capitalised(doc, i):
            yield i


def _attached(doc: Doc, i: int) -> bool:
    """Token ``i`` continues the run before it: no line break, and a hyphen only glued on both sides."""
    before = doc[i - 1]
    if "\n" in before.whitespace_ or "\n" in before.text:
        return False
    if doc[i].text == "-" or before.text == "-":
        return not before.whitespace_
    return True


def _capitalised(doc: Doc, i: int) -> bool:
    text = words_of(doc)[i]
    return text[:1].isupper() and text[:1].isalpha() and text not in NAME_ARTICLES


def _joins(doc: Doc, i: int) -> bool:
    text = words_of(doc)[i]
    if text == "-":
        return i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_
    return text in NAME_JOINERS


_DATE_WORDS = CALENDAR_WORDS | CALENDAR_ABBREVIATIONS


def _goes_on(doc: Doc, j: int) -> bool:
    """True when a capitalised word other than a date's follows token ``j - 1`` ("Patrol", not "Dec.")."""
    if j >= len(doc):
        return False
    word = doc[j].text
    return word[:1].isupper() and word[:1].isalpha() and word.rstrip(".") not in _DATE_WORDS


def _feature_name(doc: Doc, i: int, j: int, start: int, end: int) -> bool:
    """``doc[i:j]`` is a feature named after the place ``doc[start:end]``: "Boston Harbor", "Lake Vermont";
    not a road or an area with a capitalised word after it: "Florida Highway Patrol", "Texas Forest Service"
    are named after Florida and Texas (a valley or hills stay: "Santa Clara Valley Water District")."""
    if i == start and j > end:
        words = [t.text for t in doc[end:j]]
        if words[-1] in INSTITUTION_FEATURES and _goes_on(doc, j):
            return False
        return words[-1] in FEATURE_WORDS and all(w in FEATURE_QUALIFIERS for w in words[:-1])
    if j == end and i < start:
        words = [t.text for t in doc[i:start]]
        if len(words) == 1:
            return words[0] in FEATURE_PREFIXES
        return len(words) == 2 and words[0] in FEATURE_OF_WORDS and words[1] == "of"
    return False
