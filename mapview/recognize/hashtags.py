"""Names written the way social media write them: hashtags and CamelCase.

"#Ferguson", "#SouthSudan", "#ferguson": the model rarely sees a name behind a
hash sign, yet in posts it is the commonest way to name a place. The mention
is the name without the "#" (as the annotated tweets have it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from gazetteer.folding import split_camel
from mapview.recognize.lexicon import HASHTAG_MARKS

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PART = re.compile(r"[A-Z][a-z]+|[A-Z]+(?![a-z])|[a-z]+|[0-9]+")


def hashtag_places(
    doc: Doc, is_known_place: Callable[[str], bool], area_names: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Character ranges (in ``doc.text``) of places named by hashtags.

    The whole word ("#Ferguson" → "Ferguson", "#SierraLeone" → "SierraLeone"),
    else the longest run of its CamelCase parts that is a place ("#PrayForGaza"
    → "Gaza", "#JapanEarthquake" → "Japan"; a single part must be a country,
    province or region name). A lowercase hashtag ("#science",
    "#police" are also towns) counts only when it is one of ``area_names``
    (lowercased country, province and region names).
    """
    for i in range(len(doc) - 1):
        if doc[i].text not in HASHTAG_MARKS or doc[i].whitespace_:
            continue
        token = doc[i + 1]
        word = token.text
        if len(word) < 3 or not word.isalnum():
            continue
        if word.islower():
            if word in area_names and doc[i].text == "#":
                yield token.idx, token.idx + len(word)
            continue
        found = _place_in_word(word, is_known_place, area_names)
        if found is not None:
            yield token.idx + found[0], token.idx + found[1]


def _place_in_word(
    word: str, is_known_place: Callable[[str], bool], area_names: frozenset[str]
) -> tuple[int, int] | None:
    parts = [(m.start(), m.end()) for m in _PART.finditer(word)]
    if is_known_place(split_camel(word)):
        return 0, len(word)
    for size in range(min(len(parts), 3), 0, -1):
        for k in range(len(parts) - size + 1):
            start, end = parts[k][0], parts[k + size - 1][1]
            if (start, end) == (0, len(word)):
                continue
            piece = split_camel(word[start:end])
            # one part of a longer tag must be a country, province or region ("#SaveMarch" is no town)
            if (size == 1 and piece.lower() not in area_names) or len(piece) < 3:
                continue
            if is_known_place(piece):
                return start, end
    return None
