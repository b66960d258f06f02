"""Streets, roads and natural features named in the text, whatever the model labels them.

A run of capitalised words that ends in a feature word names a feature ("Gillis
Street", "E. Broad St.", "Pine Needle Drive", "Elbow Lake", "Kruger National
Park"), or opens with one of the words that open features' names ("Lough Corrib",
"Mount Elgon"), and a route word before a number names a road ("Highway 10", "County
Road 43", "Illinois Route 159", "I-75"). They are places a report names, even
when the gazetteer cannot place them (the mention is then unresolved: no marker).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mapview.recognize.lexicon import (
    DIRECTION_WORDS,
    FEATURE_PREFIXES,
    FEATURE_WORDS,
    INSTITUTION_WORDS,
    NAME_ARTICLES,
    ROUTE_WORDS,
    STREET_ABBREVIATIONS,
    STREET_SIDES,
    STREET_WORDS,
)
from mapview.recognize.names import TokenRange, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_ROUTE_NUMBER = re.compile(r"\d{1,4}[A-Z]?")
_ROUTE_CODE = re.compile(r"(?:I|US|SR|SH|CR|FM|IH)-\d{1,4}[A-Z]?")
_NAME_ENDS = FEATURE_WORDS | STREET_ABBREVIATIONS | ROUTE_WORDS | FEATURE_PREFIXES
"""The words a feature's or a road's name ends with (a road's before its number), or opens with."""


def feature_names(doc: Doc, limit: TokenRange) -> Iterator[TokenRange]:
    """The feature and road names in tokens ``limit``, in order, not overlapping.

    A name is a maximal run of capitalised words, ordinals ("40th") and
    initials ("E.") that ends in a feature word (:data:`~mapview.recognize.lexicon.FEATURE_WORDS`,
    or a street abbreviation after two words) and holds another word
    ("Lake" alone is no name), optionally followed by a side ("40th Avenue
    South", "Maryland Avenue SW"); or a road: route words before a number
    ("County Road 43"), or a route code ("I-75").
    """
    i, stop = limit
    words = words_of(doc)
    if _NAME_ENDS.isdisjoint(words[i:stop]) and not any("-" in w and _ROUTE_CODE.fullmatch(w) for w in words[i:stop]):
        return  # every name found ends in one of those words, or is a route code: most sentences hold none
    while i < stop:
        if _ROUTE_CODE.fullmatch(words[i]):
            yield i, i + 1
            i += 1
            continue
        end = i
        while end < stop and _in_name(doc, words, end, first=end == i):
            end += 1
        if end == i:
            i += 1
            continue
        found = _road(doc, i, end, stop) or _feature(doc, i, end, stop) or _prefixed(words, i, end)
        if found is not None:
            yield found
            i = found[1]
        else:
            i = end


def _in_name(doc: Doc, words: list[str], i: int, *, first: bool) -> bool:
    text = words[i]
    if not ((text[:1].isupper() and text[:1].isalpha()) or _ORDINAL.fullmatch(text)):
        return False  # what most words are: asked first, since the other tests read the token itself
    if i > 0 and not first and (words[i - 1] in (",", ";", ":") or "\n" in doc[i - 1].whitespace_):
        return False
    if text in NAME_ARTICLES or (first and doc[i].is_stop):
        return False  # "A Goose Creek man", "In Elbow Lake": a name does not open with a small word
    return (text[:1].isupper() and text[:1].isalpha()) or bool(_ORDINAL.fullmatch(text))


def _feature(doc: Doc, start: int, end: int, stop: int) -> TokenRange | None:
    words = [t.text for t in doc[start:end]]
    side = len(words) > 2 and words[-1] in STREET_SIDES and ends_street(words[-2])
    if side:
        words = words[:-1]  # "40th Avenue South"
    elif end < stop and doc[end].text in STREET_SIDES and ends_street(words[-1]):
        end += 1  # "Maryland Avenue SW"
    if len(words) < 2 or not (words[-1] in FEATURE_WORDS or words[-1] in STREET_ABBREVIATIONS):
        return None
    if all(w in FEATURE_WORDS or w in DIRECTION_WORDS for w in words) and not _street_of_words(words):
        return None  # "Lake", "North Bay Area": words, or a region the gazetteer checks
    return start, end


def _street_of_words(words: list[str]) -> bool:
    """A street named after a feature ("Harbour Road", "Park Avenue", "Bridge Street"): a street word after
    words that are not all street words ("Highway Drive" is no name)."""
    return ends_street(words[-1]) and not all(ends_street(w) or w in DIRECTION_WORDS for w in words[:-1])


def _prefixed(words: list[str], start: int, end: int) -> TokenRange | None:
    """A feature named by its first word and one more ("Lough Corrib", "Mount Elgon"); a longer run is
    more often a business or an institution named after it ("Mount Washington Hotel", "Mt. Pleasant News")."""
    if end - start != 2 or words[start] not in FEATURE_PREFIXES or words[start + 1] in INSTITUTION_WORDS:
        return None
    return start, end


def ends_street(word: str) -> bool:
    """True for a word that ends a street's name and never a person's ("Street", "St.", "Drive")."""
    return word in STREET_WORDS or word in STREET_ABBREVIATIONS


def _road(doc: Doc, start: int, end: int, stop: int) -> TokenRange | None:
    """Route words before a number: the run's last word is a route word and a number follows it."""
    if doc[end - 1].text not in ROUTE_WORDS or end >= stop or not _ROUTE_NUMBER.fullmatch(doc[end].text):
        return None
    return start, end + 1
