"""Places the model labelled as something else, recovered with the gazetteer and the context.

The small English model calls many towns ORG or PERSON ("in Gainesville",
"Ferguson"), and names institutions after the place they serve ("Athens
Police Department", "University of Cincinnati"). These rules take a model
entity that is not a place label and return the place name in it, if a
gazetteer check and a context cue agree.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from mapview.recognize.context import followed_by_place, locative_cue
from mapview.recognize.known import generic_only
from mapview.recognize.lexicon import (
    INSTITUTION_WORDS,
    KIND_CUES,
    OF_HEADS,
    ORG_ADJECTIVES,
    POSSESSIVE_S,
    RESCUE_LABELS,
)
from mapview.recognize.names import TokenRange, known_prefix, name_parts

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def rescue(
    doc: Doc,
    entity: Span,
    is_known_place: Callable[[str], bool],
    is_notable_place: Callable[[str], bool],
    place_starts: set[int],
) -> list[TokenRange]:
    """Token ranges of places inside a non-place ``entity``, or [] when none.

    - the whole entity is a known place and a lowercase kind word follows it
      ("the Salang pass", "Helmand province");
    - the whole entity is a notable place and a cue says "location": a locative
      preposition before it ("in Ferguson") or a place after a comma
      ("Gainesville, Fla.");
    - an institution named by a place: the longest leading known place before
      institution words ("Athens Police Department" → "Athens"), or a known
      place after "<head> of" ("University of Cincinnati" → "Cincinnati").
    """
    if entity.label_ not in RESCUE_LABELS:
        return []
    found: list[TokenRange] = []
    owner = _possessor(doc, entity)
    if owner is not None and is_notable_place(doc[owner[0] : owner[1]].text):
        return [owner]  # "Gainesville's VFW Post", "Syria's Al-Qaeda affiliate"
    for start, end in name_parts(doc, entity.start, entity.end):
        whole = doc[start:end].text
        if entity.label_ != "PERSON" and _institution(doc, start, end):
            found += inside_institution(doc, start, end, is_known_place)
        elif end - start <= 3 and _kind_word_after(doc, end) and not generic_only(whole) and is_known_place(whole):
            found.append((start, end))  # "the Salang pass", "Avoyelles parish": the word says place
        elif (
            end - start <= 3
            and (is_notable_place(whole) or (_small_town_cued(doc, entity, start, end) and is_known_place(whole)))
            and (locative_cue(doc, start) or followed_by_place(doc, end, place_starts))
        ):
            found.append((start, end))
    return found


def _small_town_cued(doc: Doc, entity: Span, start: int, end: int) -> bool:
    """An organisation's name that is all of the entity, after a locative preposition, and neither an
    institution's word nor a business's name ("at McDonald's", "Stevens & Wilkinson"): a small town."""
    return (
        entity.label_ == "ORG"
        and locative_cue(doc, start)
        and not any(t.text in INSTITUTION_WORDS for t in doc[start:end])
        and not (end < len(doc) and (doc[end].text in POSSESSIVE_S or doc[end].text == "&"))
    )


def _kind_word_after(doc: Doc, end: int) -> bool:
    return end < len(doc) and doc[end].text in KIND_CUES


def _possessor(doc: Doc, entity: Span) -> TokenRange | None:
    if entity.label_ == "PERSON":
        return None
    for i in range(entity.start + 1, entity.end):
        if doc[i].text in POSSESSIVE_S:
            parts = list(name_parts(doc, entity.start, i))
            return parts[0] if len(parts) == 1 and parts[0][1] == i else None
    return None


def _institution(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in INSTITUTION_WORDS for t in doc[start + 1 : end])


def inside_institution(doc: Doc, start: int, end: int, is_known_place: Callable[[str], bool]) -> list[TokenRange]:
    """Known places naming the institution ``[start, end)``: "Athens" in "Athens Police Department"."""
    prefix = known_prefix(doc, start, end, is_known_place)
    found = []
    if prefix and _institution(doc, prefix[1] - 1, end) and doc[prefix[0]].text not in ORG_ADJECTIVES:
        found.append(prefix)
    for i in range(start, end - 2):
        if doc[i].text in OF_HEADS and doc[i + 1].text == "of":
            tail = doc[i + 2 : end]
            if tail.text[:1].isupper() and is_known_place(tail.text):
                found.append((i + 2, end))
    return found
