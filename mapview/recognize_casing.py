"""Names written the way social media write them: hashtags and CamelCase.

"#Ferguson", "#SouthSudan", "#ferguson": the model rarely sees a name behind a
hash sign, yet in posts it is the commonest way to name a place. The mention
is the name without the "#" (as the annotated tweets have it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def split_camel(word: str) -> str:
    """"SouthSudan" → "South Sudan"; other words unchanged.

    >>> split_camel("SierraLeone")
    'Sierra Leone'
    """
    return _CAMEL.sub(" ", word)


def hashtag_places(
    doc: Doc, is_known_place: Callable[[str], bool], area_names: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Token ranges of hashtags whose word is a known place ("#Ferguson" → "Ferguson").

    A lowercase hashtag ("#science", "#police" are also towns) counts only when
    it is one of ``area_names`` (lowercased country, province and region names).
    """
    for i in range(len(doc) - 1):
        if doc[i].text != "#" or doc[i].whitespace_:
            continue
        word = doc[i + 1].text
        if len(word) < 3 or not word.isalpha():
            continue
        if word.islower():
            if word in area_names:
                yield i + 1, i + 2
            continue
        spaced = split_camel(word)
        if is_known_place(spaced) or (spaced != word and is_known_place(word)):
            yield i + 1, i + 2
