"""News datelines: "MANSFIELD -- The mayor said", "CHARLESTON, W.Va. --", "ROME (AP) -".

A dateline opens a report with the place it was filed from, in capitals,
before a dash or a news agency's name. The model rarely labels a word in
capitals; the convention itself says "a place".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mapview.recognize.lexicon import DATELINE_DASHES, NEWS_AGENCIES
from mapview.recognize.names import TokenRange, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_WORDS = 3
"""The longest dateline name taken ("SOUTH SAN FRANCISCO")."""
STATE_TOKENS = 3
"""Tokens a state after the comma may take ("W.Va" "." is two)."""


def dateline_names(doc: Doc) -> Iterator[TokenRange]:
    """The capitalised names of the datelines in ``doc``.

    A run of words in capitals ("MANSFIELD", "ST. PAUL", "TEGA CAY"; not
    preceded by one, three letters or more) followed by a dash that is not
    glued to it and then a capitalised word, or by "(AP)"; maybe with a comma
    and a state between ("CHARLESTON, W.Va. -- All lanes"). Not "NATO-Russia",
    "HIV-positive", "the new ED - fire service".
    """
    words = words_of(doc)
    i = 0
    while i < len(doc):
        if not _capital_word(words[i]) or (i > 0 and _in_run(doc, i - 1)):
            i += 1
            continue
        end = i
        while end < len(doc) and end - i < MAX_WORDS * 2 and _in_run(doc, end):
            end += 1
        while end > i and not _capitals(doc, end - 1):
            end -= 1
        letters = sum(ch.isalpha() for ch in doc[i:end].text)
        if end < len(doc) and letters >= 3 and _dateline_follows(doc, end):
            yield i, end
        i = max(end, i + 1)


def _capitals(doc: Doc, i: int) -> bool:
    return _capital_word(words_of(doc)[i])


def _capital_word(text: str) -> bool:
    return len(text) > 1 and text.isupper() and text.replace(".", "").replace("'", "").isalpha()


def _in_run(doc: Doc, i: int) -> bool:
    # "ST" "." "PAUL": the period of an abbreviation glued to the word before it
    return _capitals(doc, i) or (doc[i].text == "." and i > 0 and not doc[i - 1].whitespace_ and _capitals(doc, i - 1))


def _dateline_follows(doc: Doc, i: int) -> bool:
    if doc[i].text == ",":  # "CHARLESTON, W.Va. --": skip a state of at most a few tokens
        return any(_dash_or_agency(doc, k) for k in range(i + 2, min(len(doc), i + 2 + STATE_TOKENS)))
    return _dash_or_agency(doc, i)


def _dash_or_agency(doc: Doc, i: int) -> bool:
    if doc[i].text in DATELINE_DASHES:
        spaced = bool(doc[i - 1].whitespace_)
        return spaced and i + 1 < len(doc) and doc[i + 1].text[:1].isupper()
    return doc[i].text == "(" and i + 1 < len(doc) and doc[i + 1].text in NEWS_AGENCIES
