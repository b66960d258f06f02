"""Shaping a model entity into the place name it holds (token ranges of a spaCy Doc).

The annotated corpora, and a map label, want the bare name: "United States"
not "the United States", "Syria" not "Syria's", "Nyanza" not "Nyanza province",
"United Kingdom" not "United Kingdom - Oct 2".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from mapview.recognize.lexicon import (
    CALENDAR_WORDS,
    DIRECTION_WORDS,
    GLUED_SEPARATORS,
    KIND_WORDS,
    NAME_BREAKERS,
    NAME_JOINERS,
    NAME_SEPARATORS,
    POSSESSIVES,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

TokenRange = tuple[int, int]
"""``(start, end)``: the tokens ``doc[start:end]``."""

_WORDS = "mapview.words"
_MARKS = "mapview.entity marks"


def entity_marks(doc: Doc) -> list[tuple[int, int]]:
    """Each token's entity IOB code (0 none, 1 I, 2 O, 3 B) and entity type, read once and kept with ``doc``
    (whose entities must not change after)."""
    marks: list[tuple[int, int]] | None = doc.user_data.get(_MARKS)
    if marks is None:
        marks = doc.user_data[_MARKS] = [(int(iob), int(kind)) for iob, kind in doc.to_array(["ENT_IOB", "ENT_TYPE"])]
    return marks


OUTSIDE = (2, 0)
"""The entity mark (see :func:`entity_marks`) of a token outside every entity: IOB ``O``, no type."""


def capitalised(word: str) -> bool:
    """True for a word opening with a capital letter ("Kabul", "Đà"), not a digit or a mark.

    >>> capitalised("Kabul"), capitalised("kabul"), capitalised("4th")
    (True, False, False)
    """
    return word[:1].isupper() and word[:1].isalpha()


def words_of(doc: Doc) -> list[str]:
    """The text of each token of ``doc``, read once and kept with it: ``doc[i]`` makes a new token object at
    each call, and the rules read the same words over and over."""
    words: list[str] | None = doc.user_data.get(_WORDS)
    if words is None:
        words = doc.user_data[_WORDS] = [t.text for t in doc]
    return words


def joins_name(words: list[str], i: int) -> bool:
    """True when ``words[i]`` is a small word joining a name's parts ("Mazar-i-Sharif", "Stratford upon
    Avon"): a joining word before a month or a weekday ends the name instead ("Toruń on Monday").

    >>> joins_name(["Stratford", "upon", "Avon"], 1), joins_name(["Toruń", "on", "Monday"], 1)
    (True, False)
    """
    return words[i] in NAME_JOINERS and (i + 1 >= len(words) or words[i + 1] not in CALENDAR_WORDS)


def name_parts(doc: Doc, start: int, end: int) -> Iterator[TokenRange]:
    """The token ranges of the names an entity ``[start, end)`` holds, trimmed.

    Splits at separators (dashes between spaced words, colons, commas, slashes,
    hashtags, and the lowercase prepositions no name holds: "Lombard to Grovetown"),
    then trims each part: leading articles and other lowercase words, trailing
    possessives, punctuation, lowercase words ("province", "coast"), numbers and
    URLs. Parts without a capitalised word are dropped.
    """
    part_start = start
    for i in range(start, end + 1):
        if i == end or separates(doc, i):
            trimmed = _trim(doc, part_start, i)
            if trimmed is not None:
                yield trimmed
            part_start = i + 1


def strip_direction(doc: Doc, start: int, end: int, is_known_place: Callable[[str], bool] | None) -> TokenRange:
    """Drop a leading compass word when only the rest is a known place.

    "Northeast Georgia" → "Georgia"; "South Africa" and "West Virginia" stay
    whole because the gazetteer knows them. Without a gazetteer nothing changes.
    """
    if is_known_place is None or end - start < 2 or doc[start].text not in DIRECTION_WORDS:
        return start, end
    rest = doc[start + 1 : end]
    if rest.text[:1].isupper() and not is_known_place(doc[start:end].text) and is_known_place(rest.text):
        return start + 1, end
    return start, end


def strip_kind_word(
    doc: Doc, start: int, end: int, is_known_place: Callable[[str], bool], is_kind_word_apart: Callable[[str], bool]
) -> TokenRange:
    """Drop a kind word that belongs to what follows or to the prose, not to the name.

    "Fargo City Council" → "Fargo" (a capitalised word follows: the kind word
    opens the institution's name), "Bowling Green State University" → "Bowling
    Green", "the State of Illinois" → "Illinois". The word stays when it is part
    of a place's name (``is_kind_word_apart`` says no: "Iowa City Council",
    "Douglas County Sheriff"), when the rest is no known place, and at the end of
    a name ("Tacloban City", "St Louis County highways": the text calls the place so).
    """
    if end - start >= 2 and doc[end - 1].text in KIND_WORDS and end < len(doc) and doc[end].text[:1].isupper():
        rest: TokenRange = (start, end - 1)
    elif end - start >= 3 and doc[start].text in KIND_WORDS and doc[start + 1].text == "of":
        rest = (start + 2, end)
    else:
        return start, end
    if is_known_place(doc[rest[0] : rest[1]].text) and is_kind_word_apart(doc[start:end].text):
        return rest
    return start, end


def known_prefix(doc: Doc, start: int, end: int, is_known_place: Callable[[str], bool]) -> TokenRange | None:
    """The longest leading run of ``[start, end)`` that is a known place, if the whole is not.

    "Athens Police Department" → "Athens"; "Madison County Health Department"
    → "Madison County". Single capitalised words only count when followed by
    more capitalised words (the entity's head), never the whole entity.
    """
    if is_known_place(doc[start:end].text):
        return None
    for stop in range(end - 1, start, -1):
        if not doc[stop - 1].text[:1].isupper() or separates(doc, stop - 1):
            continue
        if is_known_place(doc[start:stop].text):
            return start, stop
    return None


def separates(doc: Doc, i: int) -> bool:
    """True when token ``i`` splits a run of tokens into separate names."""
    token = doc[i]
    if token.text in GLUED_SEPARATORS:
        # glued hyphens belong to the name ("Guinea-Bissau", "Greenbrier-Pocahontas")
        glued = not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
        return not glued
    return token.text in NAME_SEPARATORS or token.text in NAME_BREAKERS or token.is_space or token.like_url


def _trim(doc: Doc, start: int, end: int) -> TokenRange | None:
    while start < end and (doc[start].lower_ == "the" or not doc[start].text[:1].isupper()):
        start += 1
    while end > start and not _ends_name(doc[end - 1].text):
        end -= 1
    if start >= end:
        return None
    return start, end


def _ends_name(text: str) -> bool:
    # a route number ends a name ("Highway 19"); a possessive or lowercase word does not
    return text not in POSSESSIVES and (text[:1].isupper() or text.isdigit())
