"""What the words around a mention say about the kind of place it names.

Language, not data: these read only the text between and around mentions.

- a kind word next to the name: "Herat province", "the city of Herat", "the
  provinces of Nangarhar and Paktia", or an office: "Murmansk's governor"
  (:func:`kind_cue`);
- a kind word elsewhere in the sentence: "... across several provinces"
  (:func:`sentence_kind`);
- lists: "Herat, Farah, Helmand, and Kabul" are names of one kind
  (:func:`coordinations`);
- a container after the name: "Paris, Tenn.", "Lashkar Gah (Helmand)";
- a capital apposition: "Jalalabad, the capital of Nangarhar", "Nangarhar's
  capital, Jalalabad": a settlement, inside the named area (:func:`capital_of`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.folding import GENERIC_KIND
from mapview.records import Mention

# Plural kind words name the kind of every member of a list they stand next to.
PLURAL_KIND = {
    "provinces": "admin1",
    "governorates": "admin1",
    "states": "admin1",
    "oblasts": "admin1",
    "prefectures": "admin1",
    "counties": "admin2",
    "districts": "admin2",
    "parishes": "admin2",
    "cities": "city",
    "towns": "city",
    "villages": "city",
}
_KINDS = {**GENERIC_KIND, **PLURAL_KIND}
_WORDS = "|".join(sorted(_KINDS, key=len, reverse=True))
_AFTER = re.compile(rf"[\s\-]*({_WORDS})\b", re.IGNORECASE)
# "the province of X", "the provinces of X"; plural only: "provinces like X", "provinces such as X, Y and Z"
# (but "a county including X": X is in the county).
_BEFORE = re.compile(
    rf"\b(?:({_WORDS})\s+of|({'|'.join(PLURAL_KIND)})\s*,?\s+(?:like|such\s+as|including|namely))"
    rf"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"\b(provinces|governorates|states|counties|districts|cities)\b", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:(and|or|&)\s+)?|(and|or|&)\s+)$", re.IGNORECASE)
# Offices name the kind of place they govern: "Murmansk's governor", "the mayor of Homs".
OFFICE_KIND = {
    "governor": "admin1",
    "governors": "admin1",
    "gubernatorial": "admin1",
    "mayor": "city",
    "mayors": "city",
    "mayoral": "city",
}
_OFFICES = "|".join(OFFICE_KIND)
_OFFICE_AFTER = re.compile(
    rf"(?:['’]s)?\s+(?:(?:deputy|vice|former|acting|provincial|regional)\s+)?({_OFFICES})\b", re.IGNORECASE
)
_OFFICE_BEFORE = re.compile(rf"\b({_OFFICES})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CONTAINER_GAP = re.compile(r"\s*[,(]\s*$")
# "X, the capital of Y" / "X, provincial capital of Y"; "Y's capital, X" / "the Y provincial capital X".
_CAPITAL_KINDS = r"(?:(?:provincial|regional|state|national|district|county|administrative)\s+)?"
_CAPITAL_AFTER = re.compile(
    rf"\s*,\s*(?:the\s+)?{_CAPITAL_KINDS}capital(?:\s+city)?\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_CAPITAL_BETWEEN = re.compile(rf"(?:['’]s)?\s+{_CAPITAL_KINDS}capital(?:\s+city)?\s*,?\s*$", re.IGNORECASE)
_CAPITAL_BEFORE = re.compile(r"\bcapital(?:\s+city)?\s*,?\s*$", re.IGNORECASE)

BEFORE_CHARS = 40
AFTER_CHARS = 30


@dataclass(frozen=True, slots=True)
class KindCue:
    """A kind word next to a mention: the kind it names, and whether it was plural (a list's kind)."""

    kind: str
    plural: bool


def kind_cue(text: str, mention: Mention) -> KindCue | None:
    """The kind word right after ("Herat province") or before ("the city of Herat") a mention.

    An office names the kind it governs ("Murmansk's governor", "the mayor of
    Homs"), and "capital" right before the name ("the capital Kabul", "the
    capital, Damascus") makes it a settlement.
    """
    end = min(len(text), mention.end + AFTER_CHARS)
    before_text = text[max(0, mention.start - BEFORE_CHARS) : mention.start]
    word = _AFTER.match(text, mention.end, end) or _BEFORE.search(before_text)
    if word:
        found = (word.group(1) or word.group(2)).lower()
        return KindCue(_KINDS[found], found in PLURAL_KIND)
    office = _OFFICE_AFTER.match(text, mention.end, end) or _OFFICE_BEFORE.search(before_text)
    if office:
        return KindCue(OFFICE_KIND[office.group(1).lower()], False)
    if _CAPITAL_BEFORE.search(before_text):
        return KindCue("city", False)
    return None


def sentence_kind(text: str, sentence: tuple[int, int]) -> str | None:
    """The kind a plural kind word anywhere in the sentence names ("across several provinces"), else None."""
    plural = _SENTENCE.search(text, *sentence)
    return PLURAL_KIND[plural.group(1).lower()] if plural else None


def coordinations(text: str, mentions: Sequence[Mention]) -> list[int | None]:
    """Per mention, the index of the first mention of the list it is in (None outside lists).

    A list is a run of mentions in one sentence joined by commas and "and"/"or"
    ("Kapisa, Kabul, and Herat"), with a conjunction or at least three names;
    two names joined by a bare comma are a place and its container
    ("Lashkar Gah, Helmand"), not a list.
    """
    groups: list[int | None] = [None] * len(mentions)
    start = 0
    for index in range(1, len(mentions) + 1):
        joined = index < len(mentions) and _joined(text, mentions[index - 1], mentions[index])
        if joined:
            continue
        run = range(start, index)
        if len(run) >= 3 or (
            len(run) == 2
            and _LIST_GAP.match(text, mentions[start].end, mentions[start + 1].start)
            and not _CONTAINER_GAP.match(text, mentions[start].end, mentions[start + 1].start)
        ):
            for member in run:
                groups[member] = start
        start = index
    return groups


def _joined(text: str, left: Mention, right: Mention) -> bool:
    return left.sentence == right.sentence and bool(_LIST_GAP.match(text, left.end, right.start))


def container_gap(text: str, left: Mention, right: Mention) -> bool:
    """True when ``right`` may name a division holding ``left``: "Paris, Tenn.", "Paris (Texas)"."""
    return bool(_CONTAINER_GAP.match(text, left.end, right.start))


def capital_of(text: str, mentions: Sequence[Mention]) -> dict[int, int]:
    """Mention index -> index of the area it is named the capital of, by apposition.

    "Jalalabad, the capital of Nangarhar" and "Nangarhar's capital, Jalalabad"
    both give Jalalabad -> Nangarhar.
    """
    found: dict[int, int] = {}
    for index, (left, right) in enumerate(itertools.pairwise(mentions)):
        if _CAPITAL_AFTER.match(text, left.end, right.start):
            found[index] = index + 1
        elif _CAPITAL_BETWEEN.match(text, left.end, right.start):
            found[index + 1] = index
    return found
