"""Context rules on spaCy tokens: is a name part of a movement's name, does a cue say "place".

These read only the tokens of a :class:`spacy.tokens.Doc` and the word lists of
:mod:`mapview.recognize.lexicon`; they know nothing of the gazetteer.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from mapview.recognize.lexicon import (
    KIND_CUES,
    LIST_GLUE,
    LOCATIVE_CUES,
    MOVEMENT_PAIRS,
    MOVEMENT_WORDS,
    NAME_CONNECTORS,
    NOT_LOCATIVE_TO,
)
from mapview.recognize.names import words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

_RUN_REACH = 5  # tokens either side: a name rarely puts its head word further away


def in_movement_name(doc: Doc, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """True when tokens ``[start, end)`` stand inside a movement's name.

    The name is the capitalised run around the tokens (joined by hyphens and
    lowercase glue such as "of", "al-", "-i-"); it must carry a
    :data:`~mapview.recognize.lexicon.MOVEMENT_WORDS` word outside the tokens
    themselves. ``sentence`` is the token range of the sentence; in
    headline-style sentences (mostly capitalised), where every word would join
    the run, only the two nearest words count ("Taliban Fighters Enter Kabul"
    keeps Kabul).
    """
    first, last = sentence
    reach = 2 if is_headline(doc, first, last) else _RUN_REACH
    left = start
    while left > max(first, start - reach) and _in_run(doc, left - 1):
        left -= 1
    right = end
    while right < min(last, end + reach) and _in_run(doc, right):
        right += 1
    words = [t.text for t in doc[left:start]] + [t.text for t in doc[end:right]]
    if any(w in MOVEMENT_WORDS for w in words):
        return True
    texts = [t.text for t in doc[left:right]]
    return any(pair in MOVEMENT_PAIRS for pair in pairwise(texts))


def _in_run(doc: Doc, i: int) -> bool:
    token = doc[i]
    text = token.text
    if text == "-":
        # only a hyphen glued to both neighbours ("Tehrik-i-Taliban"), not a dash between words
        return not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
    if text in NAME_CONNECTORS:
        return True
    return text[:1].isupper() and text[:1].isalpha()


def is_headline(doc: Doc, first: int, last: int) -> bool:
    """True when tokens ``[first, last)`` are written like a headline, every longer word capitalised."""
    # Title case leaves only short function words in lowercase; prose has many longer ones.
    # a token is alphabetic when its text is (the English lexeme's IS_ALPHA is str.isalpha)
    words = [w for w in words_of(doc)[first:last] if len(w) > 3 and w.isalpha()]
    lowercase = sum(w.islower() for w in words)
    return lowercase <= 1 and len(words) - lowercase >= 3


def locative_cue(doc: Doc, start: int) -> bool:
    """True when the word before token ``start`` is a locative preposition ("in Ferguson")."""
    if not (start > 0 and doc[start - 1].lower_ in LOCATIVE_CUES and doc[start - 1].text.islower()):
        return False
    # "according to Taylor", "thanks to Graham": a source or a cause follows, not a place
    return not (doc[start - 1].lower_ == "to" and start > 1 and doc[start - 2].lower_ in NOT_LOCATIVE_TO)


def place_cue(doc: Doc, start: int, end: int, place_starts: set[int], place_ends: set[int]) -> bool:
    """True when the words around ``[start, end)`` say "a place", whatever the name.

    A locative preposition before it ("in Georgia"), a place after or before a
    comma ("Athens, Georgia", "Georgia, USA"), or a lowercase kind word after
    it ("Georgia state", "Herat province").
    """
    return (
        locative_cue(doc, start)
        or followed_by_place(doc, end, place_starts)
        or (start > 1 and doc[start - 1].text == "," and (start - 1) in place_ends)
        or (end < len(doc) and doc[end].text in KIND_CUES)
    )


def followed_by_place(doc: Doc, end: int, place_starts: set[int]) -> bool:
    """True for "NAME, PLACE" (``Gainesville, Fla.``): a comma then a token starting a place."""
    return end + 1 < len(doc) and doc[end].text == "," and (end + 1) in place_starts


def in_place_list(doc: Doc, start: int, end: int, starts: set[int], ends: set[int]) -> bool:
    """True when ``[start, end)`` is an item of a list next to a place ("Paktika, Logar, and Laghman").

    ``starts`` and ``ends`` are the token boundaries of the places found so far.
    """
    i = start - 1
    while i >= 0 and i >= start - 2 and doc[i].text in LIST_GLUE:
        i -= 1
    if i < start - 1 and (i + 1) in ends:
        return True
    j = end
    while j < len(doc) and j < end + 2 and doc[j].text in LIST_GLUE:
        j += 1
    return j > end and j in starts
