"""Document-level rules, once every piece of a document has been through the steps.

:func:`propagate` applies "one sense per document": a name taken as a place
once is a place wherever else it stands alone in that document;
:func:`without_senses` applies it from the other side: a name used for a person
or a pathogen is that where it stands alone.
:func:`mentions` turns what was found into the document's mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence, Set

from mapview.recognize.candidates import Entity, Found
from mapview.recognize.lexicon import (
    DIRECTION_WORDS,
    FEATURE_WORDS,
    GENERIC_WORDS,
    INSTITUTION_WORDS,
    KIND_WORDS,
    OTHER_SENSE_LABELS,
    PATHOGEN_WORDS,
    PLACE_LABELS,
)
from mapview.records import Mention, Span
from mapview.sentences import sentence_containing


def propagate(
    text: str,
    found: list[Found],
    entities: list[Entity],
    known: Callable[[str], bool] | None,
    senses: Set[str] = frozenset(),
) -> list[Found]:
    """More found names: other stand-alone occurrences of names already taken as places.

    An occurrence counts when it is a whole model entity of another label
    ("Gainesville" PERSON) or no entity at all, and overlaps nothing found. A
    name the document uses in another sense (``senses``: "Jackson" in "Tom
    Jackson", see :func:`other_senses`) is never propagated, nor a name
    ``known`` (the gazetteer check) rejects.
    """
    names = {text[f.start : f.end] for f in found if f.label == "place"}
    names -= senses
    # only names the gazetteer knows: a model error ("H5N1" GPE) must not spread
    names = {n for n in names if len(n) > 2 and (known is None or known(n))}
    if not names:
        return []
    occupied = sorted([(f.start, f.end) for f in found] + [(e.start, e.end) for e in entities if e.text not in names])
    more = []
    for start, end in standing_alone(text, names):
        i = bisect_right(occupied, (end, end))
        if any(s < end and start < e for s, e in occupied[max(0, i - 8) : i]):
            continue
        more.append(Found(start, end, "place"))
    return more


def standing_alone(text: str, names: Set[str]) -> Iterator[tuple[int, int]]:
    r"""Where ``names`` (of three characters or more) stand in ``text`` with no word character either side,
    in order, not overlapping: at each place the longest name that fits.

    What ``re.finditer`` finds with the alternation of the names, longest first, between
    ``(?<!\w)`` and ``(?!\w)``; but only where a name's first three characters stand is any
    name tried, so a document naming thousands of places is read in one pass, not once per name.

    >>> list(standing_alone("New York City, New Yorker, York.", {"New York", "New York City", "York"}))
    [(0, 13), (27, 31)]
    """
    by_prefix: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        by_prefix.setdefault(name[:3], []).append(name)
    if not by_prefix:
        return
    firsts = re.compile(r"(?<!\w)[" + "".join(re.escape(c) for c in sorted({n[0] for n in names})) + "]")
    end = 0
    for match in firsts.finditer(text):
        at = match.start()
        if at < end:
            continue
        for name in by_prefix.get(text[at : at + 3], ()):
            after = at + len(name)
            if text.startswith(name, at) and not _WORD_CHARACTER.match(text, after):
                end = after
                yield at, end
                break


_WORD_CHARACTER = re.compile(r"\w")


def other_senses(text: str, found: list[Found], entities: list[Entity]) -> set[str]:
    """Names this document uses for something other than a place: people, pathogens, events.

    A person's name (see :func:`person_names`), a name right before "virus",
    "fever" or "disease" ("Marburg virus", "Lassa fever": the name of a
    pathogen, see :data:`~mapview.recognize.lexicon.PATHOGEN_WORDS`), and a
    name the model labels an event, a product or a group more often than a
    place ("Olympic").
    """
    pathogens = {text[f.start : f.end] for f in found if _PATHOGEN.match(text, f.end)}
    return person_names(entities) | pathogens | _mostly_other_names(entities)


def _mostly_other_names(entities: list[Entity]) -> set[str]:
    """Names the model labels an event, a product, a work, a group or a law more often than a place
    ("Olympic" EVENT six times, FAC once; at least twice more): the document uses them in that sense."""
    votes: Counter[str] = Counter()
    for e in entities:
        if e.label in OTHER_SENSE_LABELS:
            votes[e.text] += 1
        elif e.label in PLACE_LABELS:
            votes[e.text] -= 1
    return {name for name, vote in votes.items() if vote >= 2}  # a name used once is no document's sense


def without_senses(text: str, found: list[Found], senses: set[str]) -> list[Found]:
    """``found`` without the places whose name the document uses in another sense (:func:`other_senses`).

    One sense per document, from the other side: a name used for a person
    ("Georgia Smith", "coach Ed Ripley") or a pathogen ("Marburg virus") is
    that where it stands alone ("Georgia won the final", "the Marburg
    outbreak"), unless the words around it say "a place" ("in Georgia",
    "Ripley, Tenn."): the model labels a bare name by the word, not the sense.
    """
    if not senses:
        return found
    return [f for f in found if f.label != "place" or f.cued or text[f.start : f.end] not in senses]


_PATHOGEN = re.compile(r"[ \t]+(?:" + "|".join(sorted(PATHOGEN_WORDS)) + r")\b")


def person_names(entities: list[Entity]) -> set[str]:
    """The words of the people a document names.

    A person's name is written as two to four capitalised words or initials
    ("Matthew D. Flores", "Georgia Smith"), none of them a word of institutions,
    kinds or features ("Alexandria Police", "Village Malakal" are not): PERSON
    entities so written, and entities of any label with a middle initial (the
    model calls "Tyrise M. Bell" an organisation).
    """
    names: set[str] = set()
    for e in entities:
        words = e.text.split()
        if not 2 <= len(words) <= 4 or not all(map(_name_word, words)):
            continue
        if e.label == "PERSON" or (len(words) == 3 and _INITIAL.fullmatch(words[1])):
            names.update(w for w in words if not _INITIAL.fullmatch(w))
    return names


_INITIAL = re.compile(r"[A-Z]\.")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?|[A-Z]\.")
_NOT_NAME_WORDS = INSTITUTION_WORDS | KIND_WORDS | FEATURE_WORDS | DIRECTION_WORDS | GENERIC_WORDS


def _name_word(word: str) -> bool:
    return bool(_NAME_WORD.fullmatch(word)) and word not in _NOT_NAME_WORDS


def mentions(text: str, sentences: Sequence[Span], found: list[Found]) -> list[Mention]:
    """The mentions of ``found``, in text order: the first of overlapping ones, none ``rejected``.

    Each is cut at the end of its sentence (``sentences`` sorted); a name in no sentence is dropped.
    """
    result: list[Mention] = []
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if f.label == "rejected" or (result and f.start < result[-1].end):
            continue
        try:
            sentence = sentence_containing(sentences, f.start)
        except ValueError:
            continue  # the sentences given do not cover this text
        name = text[f.start : min(f.end, sentence.end)].rstrip()
        if name:
            result.append(Mention(f.start, f.start + len(name), name, sentence, f.label))
    return result
