"""Encyclopedic definitions: "X is a town in Y" says X is a place, whatever the model thinks of X.

The sentence that opens a gazetteer-like or encyclopedic article ("Stow is a
town in Middlesex County", "Qala-i-Naw is the capital of Badghis province",
"Oakport is an unincorporated community") is the strongest cue there is: its
subject is a place even when the model calls it a person or an organisation,
and even when the gazetteer does not know it. So is a name with the same words
after a comma: "Doolin, a small village in County Clare".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from mapview.recognize.lexicon import (
    DEFINED_KINDS,
    DEFINITION_GOES_ON,
    DEFINITION_VERBS,
    NAME_ARTICLES,
)
from mapview.recognize.names import TokenRange, capitalised, joins_name, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

SUBJECT_WORDS = 6
"""The longest subject taken ("Mazar-i-Sharif" is five tokens)."""
ASIDE_TOKENS = 12
"""The longest parenthesis read between a subject and its verb (another name, a pronunciation, dates)."""
MODIFIERS = 3
"""Words allowed between the article and the kind noun ("a small market town", "the second-largest city")."""


def defined_places(doc: Doc, sentence_starts: Sequence[int]) -> Iterator[TokenRange]:
    """The subjects of the definitions that open sentences: "Stow is a town in ..." → "Stow".

    ``sentence_starts`` are the token indices where sentences begin. The
    subject is the run of capitalised words (and the hyphens and joining words
    inside names) that opens the sentence, then a parenthesis or none, "is"/"was", an article, at most
    :data:`MODIFIERS` lowercase words, a kind of place (:data:`DEFINED_KINDS`)
    and a word that goes on like a definition ("in", "of", "located", a comma).
    """
    for first in sentence_starts:
        end = _subject_end(doc, first)
        if end > first and not doc[first].is_stop and _definition_follows(doc, _after_aside(doc, end)):
            yield first, end  # not "This is a town"
    words = words_of(doc)  # a Token object for every word would cost more than the rest of the rule
    for comma, word in enumerate(words):
        if word == "," and comma + 1 < len(words) and words[comma + 1] in _ARTICLES and _kind_follows(doc, comma + 1):
            start = _name_before(doc, comma)
            if start is not None:
                yield start, comma  # "Doolin, a small village in County Clare"


_ARTICLES = frozenset({"a", "an", "the"})


def _name_before(doc: Doc, end: int) -> int | None:
    """The start of the whole name ending before token ``end`` (capitalised words, and the hyphens and
    joining words inside names: "Kell-i-Dara"), or None."""
    words = words_of(doc)
    start = end
    while start > max(0, end - SUBJECT_WORDS):
        word = words[start - 1]
        if not (capitalised(word) or (start < end and (word == "-" or joins_name(words, start - 1)))):
            break
        start -= 1
    while start < end and not capitalised(words[start]):
        start += 1
    if start == end or doc[start].is_stop or words[start] in NAME_ARTICLES:
        return None
    if start > 0 and capitalised(words[start - 1]):
        return None  # a longer run than a name takes
    return start


def _after_aside(doc: Doc, i: int) -> int:
    """The token after a short parenthesis opening at ``i`` ("Görlitz (Polish: Zgorzelec) is a town"), else ``i``."""
    if i >= len(doc) or doc[i].text != "(":
        return i
    for k in range(i + 1, min(len(doc), i + 2 + ASIDE_TOKENS)):
        if doc[k].text == ")":
            return k + 1
    return i


def _subject_end(doc: Doc, first: int) -> int:
    words = words_of(doc)
    end = first
    while end < min(len(doc), first + SUBJECT_WORDS):
        text = doc[end].text
        capitalised = text[:1].isupper() and text[:1].isalpha() and text not in NAME_ARTICLES
        glue = text == "-" or (end > first and joins_name(words, end))
        if not (capitalised or glue):
            break
        end += 1
    while end > first and not doc[end - 1].text[:1].isupper():
        end -= 1  # a name ends with a capitalised word
    return end


def _definition_follows(doc: Doc, i: int) -> bool:
    return i + 2 < len(doc) and doc[i].lower_ in DEFINITION_VERBS and _kind_follows(doc, i + 1)


def _kind_follows(doc: Doc, i: int) -> bool:
    """An article at token ``i``, a few lowercase words, a kind of place and a word that goes on like a
    definition: "a small village in", "the capital of"."""
    if i + 1 >= len(doc) or doc[i].lower_ not in _ARTICLES:
        return False
    for k in range(i + 1, min(len(doc) - 1, i + 2 + MODIFIERS)):
        word = doc[k].lower_
        if word in DEFINED_KINDS:
            return doc[k + 1].lower_ in DEFINITION_GOES_ON
        if not (doc[k].is_lower or doc[k].like_num or doc[k].text == "-") or doc[k].is_stop:
            return False  # a modifier, not "a lobbyist for the city of"
    return False
