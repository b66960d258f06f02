"""Names the words around them call places, where the model saw no place.

The small English model leaves many towns unlabelled or calls them something
else ("Roselle police ticketed", "Kalena Horhn of Grand Prairie", "the village
of Bariyarpur"). The English around a name often says "a place" on its own:

- an appositive of kind: "the village of X", "the northern town of X", "a
  town called X" -- so strong that the gazetteer need not know X;
- a plural kind after a list: "Becker, Clay and Wilkin counties" (each item is one);
- a title before a person's name, after the office's place: "Litchfield Fire
  Chief Jim Koser", "DuPage Sheriff John Zaruba";
- a locative preposition before a name no entity covers: "in Lombard", or a compass word and "of":
  "south of Ho Chi Minh City";
- a person's home town: "Kalena Horhn of Grand Prairie", "Rebecca Sears,
  41, of Grovetown", and a legislator's party and home town, "R-Marshall";
- a lowercase noun of the people or services of a place after it: "Roselle
  police", "Vicksburg residents", "a Longview woman";
- a state's postal code after a comma: "Moore, OK".

Every cue but the first two needs the gazetteer's check too, except where
the model itself called the name a place: a place the gazetteer lacks stands
when a locative preposition is before it or a comma and a place after it
("in Kibera", "Greenlane, Auckland").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from mapview.recognize.candidates import Candidate
from mapview.recognize.context import followed_by_place, locative_cue
from mapview.recognize.known import generic_only
from mapview.recognize.lexicon import (
    APPOSITIVE_KINDS,
    AREA_KIND_CUES,
    CALENDAR_WORDS,
    CALLED_WORDS,
    COMPASS_CUES,
    EVENT_NOUNS,
    INSTITUTION_WORDS,
    KIND_CUES,
    LIST_GLUE,
    LOCATIVE_CUES,
    NAME_ARTICLES,
    ORG_ADJECTIVES,
    PARTY_LETTERS,
    PLURAL_KINDS,
    POSSESSIVES,
    RESIDENT_NOUNS,
    TITLE_WORDS,
)
from mapview.recognize.names import OUTSIDE, TokenRange, capitalised, entity_marks, joins_name, words_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from mapview.recognize.steps import Piece, Rules

NAME_TOKENS = 5
"""The longest name taken ("Qala-i-Naw" is five tokens, "Gun Barrel City" three)."""
OFFICE_TOKENS = 6
"""The longest office name before a title ("Athens Parks and Recreation" is four tokens)."""
MODIFIERS = 2
"""Lowercase words allowed between the article and the kind noun ("the small northern town of")."""


def cued_places(rules: Rules, piece: Piece) -> None:
    """``cued``: names the words around them call places (see the module), on tokens no candidate covers."""
    known, notable = rules.known, rules.notable
    if known is None or notable is None:
        return
    doc = piece.doc
    taken = piece.taken()
    found: list[TokenRange] = []
    text = piece.text()
    appositives = appositive_names(doc) if _APPOSITIVE.search(text) else ()
    areas = kind_named_areas(doc, rules.demonyms) if _AREA_KIND.search(text) else ()
    lists = listed_kind_names(doc) if _PLURAL_KIND.search(text) else ()
    for start, end in [*appositives, *areas, *lists]:
        if not taken.intersection(range(start, end)):
            found.append((start, end))
    ents = piece.ents()
    for start, end in office_places(doc, known, notable, ents):
        if not taken.intersection(range(start, end)) and (start, end) not in found:
            found.append((start, end))
    for start, end, check in _checked_cues(doc, ents):
        accepts = notable if check == "notable" else known
        if (start, end) not in found and not taken.intersection(range(start, end)) and accepts(doc[start:end].text):
            found.append((start, end))
    for start, end in unknown_model_places(doc, rules.labels, {c.start for c in piece.candidates}, ents):
        if not taken.intersection(range(start, end)) and (start, end) not in found:
            found.append((start, end))
    for start, end in found:
        piece.candidates.append(Candidate(start, end, "place", "cued"))
        taken.update(range(start, end))


# Cheap tests on the text that let most pieces skip a walk over every token.
_APPOSITIVE = re.compile(r"\b(?:" + "|".join(sorted(APPOSITIVE_KINDS)) + r")\s+(?:of|called|named)\b")
_AREA_KIND = re.compile(r"\b(?:" + "|".join(sorted(AREA_KIND_CUES)) + r")\b")
_PLURAL_KIND = re.compile(r"\b(?:" + "|".join(sorted(PLURAL_KINDS)) + r")\b")


def unknown_model_places(
    doc: Doc, labels: frozenset[str], place_starts: set[int], ents: Sequence[Span] | None = None
) -> Iterator[TokenRange]:
    """Places the model found that the gazetteer does not know, where the words around them say place:
    "in Kibera", "at Pingilikani", "Greenlane, Auckland", "the Annapurna region" (the gazetteer lacks many
    small places; a person's name the model calls a place rarely stands after "in", before a comma and a
    place or before a kind of place). ``ents``: the doc's entities when the caller has them."""
    for ent in doc.ents if ents is None else ents:
        if ent.label_ not in labels or ent.label_ == "FAC":
            continue
        start, end = ent.start, ent.end
        while start < end and not capitalised(doc[start].text):
            start += 1  # "the" the model takes in
        if start == end or name_end(doc, start) != end or not _plain_name(doc, start, end):
            continue
        before = doc[start - 1] if start else None
        # not "from" or "to" ("died from Ebola", "listening to Migos"): they take more than places
        locative = before is not None and before.lower_ in LOCATIVE_CUES - {"from", "to"} and before.is_lower
        kind_after = end < len(doc) and doc[end].text in KIND_CUES  # "the Annapurna region"
        if locative or kind_after or followed_by_place(doc, end, place_starts):
            yield start, end


def kind_named_areas(doc: Doc, demonyms: frozenset[str] | None = None) -> Iterator[TokenRange]:
    """Names "the" and a lowercase kind of area frame: "the Thamel district", "the Annapurna region" (the
    words call it an area whatever the model or the gazetteer say); not a demonym ("the European region")."""
    words = words_of(doc)
    for i, word in enumerate(words):
        if word not in AREA_KIND_CUES:
            continue
        start = i
        while start > max(0, i - NAME_TOKENS) and capitalised(words[start - 1]):
            start -= 1
        name = doc[start:i].text
        if (
            0 < start < i
            and words[start - 1].lower() == "the"
            and name_end(doc, start) == i
            and not doc[start].is_stop
            and not generic_only(name)
            and (demonyms is None or name not in demonyms)
            and doc[start].ent_type_ != "NORP"  # "the European region": a people's adjective
        ):
            yield start, i


def appositive_names(doc: Doc) -> Iterator[TokenRange]:
    """Names an appositive of kind calls places: "the village of Bariyarpur", "a town called Låsby"."""
    for i, token in enumerate(doc):
        if token.lower_ not in APPOSITIVE_KINDS or not token.is_lower or i + 2 >= len(doc):
            continue
        if doc[i + 1].lower_ not in CALLED_WORDS and doc[i + 1].text != "of":
            continue
        if not _after_article(doc, i):
            continue
        end = name_end(doc, i + 2)
        if end > i + 2 and doc[i + 2 : end].text not in CALENDAR_WORDS:  # "the neighborhood of Saturday's"
            yield i + 2, end


def listed_kind_names(doc: Doc) -> Iterator[TokenRange]:
    """The items of a list a plural kind of place ends: "Barrow and Jackson counties", "Clay, Grant or
    Wilkin counties" (the kind says what each item is, whatever the gazetteer knows)."""
    for i, token in enumerate(doc):
        if token.lower_ not in PLURAL_KINDS or not token.is_lower:
            continue
        items = []
        end = i
        while (start := _name_start(doc, end)) < end:
            items.append((start, end))
            glue = start  # one or two tokens of glue before an item: "," "and" ", and"
            while glue > max(0, start - 2) and doc[glue - 1].text in LIST_GLUE:
                glue -= 1
            if glue == start:
                break
            end = glue
        if len(items) >= 2:  # one name before a kind is a kind cue, left to the rescue step ("Herat province")
            yield from reversed(items)


def _name_start(doc: Doc, end: int) -> int:
    """The start of the capitalised name ending before token ``end`` (``end`` when none ends there)."""
    start = end
    while start > max(0, end - NAME_TOKENS) and capitalised(doc[start - 1].text) and not doc[start - 1].is_stop:
        start -= 1
    return start


def office_places(
    doc: Doc, known: Callable[[str], bool], notable: Callable[[str], bool], ents: Sequence[Span] | None = None
) -> Iterator[TokenRange]:
    """Places opening the name of an office before its holder: "Litchfield" in "Litchfield Fire Chief
    Jim Koser", "DuPage" in "DuPage Sheriff John Zaruba" (the model often calls such runs a person).

    The words between the place and the holder's name end with a title
    (:data:`TITLE_WORDS`); the place is the longest run opening them that ``known`` accepts, or
    ``notable`` for a single word ("Continental Chairman Frank Kass" names a company), and no word
    of institutions ("Police Chief", "Federal Judge").
    """
    for person in doc.ents if ents is None else ents:
        if person.label_ != "PERSON":
            continue
        name = person.start
        while name < person.end - 1 and doc[name].text in TITLE_WORDS:
            name += 1  # the model takes the title in: "Spokeswoman Ashley Hildebrandt"
        if name == 0 or doc[name - 1].text not in TITLE_WORDS:
            continue
        first = _office_start(doc, name - 1)
        if doc[first].text in ORG_ADJECTIVES:
            continue
        for stop in range(name - 1, first, -1):
            accepts = notable if stop - first == 1 else known
            if _plain_name(doc, first, stop) and accepts(doc[first:stop].text):
                yield first, stop
                break


def _office_start(doc: Doc, end: int) -> int:
    """Where the office's name ending before ``end`` starts: capitalised words, and "and" between them
    ("Athens Parks and Recreation")."""
    start = end
    while start > max(0, end - OFFICE_TOKENS):
        token = doc[start - 1]
        joins = token.text in ("and", "&") and start - 1 > 0 and start < end
        if not ((capitalised(token.text) and not token.is_stop) or joins):
            break
        start -= 1
    while start < end and not capitalised(doc[start].text):
        start += 1
    return start


def _after_article(doc: Doc, i: int) -> bool:
    for k in range(i - 1, max(-1, i - 2 - MODIFIERS), -1):
        if doc[k].lower_ in ("the", "a", "an"):
            return True
        if not (doc[k].is_lower or doc[k].text == "-"):
            return False
    return False


def name_end(doc: Doc, start: int) -> int:
    """The end of the capitalised name opening at token ``start`` (``start`` when none opens there).

    A name is capitalised words, joined by glued hyphens and the small joining
    words of transliterated names ("Mais al-Jabal", "Qala-i-Naw"), and ends with
    a capitalised word.
    """
    words = words_of(doc)
    end = start
    while end < min(len(doc), start + NAME_TOKENS):
        text = words[end]
        capitalised = text[:1].isupper() and text[:1].isalpha() and text not in NAME_ARTICLES
        glued = text == "-" and not doc[end].whitespace_ and end > start and not doc[end - 1].whitespace_
        if not (capitalised or glued or (end > start and joins_name(words, end))):
            break
        end += 1
    while end > start and not words[end - 1][:1].isupper():
        end -= 1
    return end


def _checked_cues(doc: Doc, ents: Sequence[Span]) -> Iterator[tuple[int, int, str]]:
    """``(start, end, check)``: names a weaker cue calls places, and the gazetteer check each needs."""
    persons = {e.end: e.start for e in ents if e.label_ == "PERSON"}
    words = words_of(doc)
    for i, word in enumerate(words):
        if not word[:1].isupper():
            continue
        end = name_end(doc, i)
        if end == i or not _free(doc, i, end):
            continue
        if _party_letter(doc, i):
            if not _acronym(doc[i:end].text):
                yield i, end, "known"  # "Hugh Leatherman, R-Florence", "Earl Pomeroy, D-N.D."
            continue
        if not _plain_name(doc, i, end):
            continue
        before = doc[i - 1] if i else doc[i]
        if locative_cue(doc, i):
            yield i, end, "notable"  # "in Lombard"
        elif i > 1 and before.text == "of" and doc[i - 2].text in COMPASS_CUES:
            yield i, end, "known"  # "20 miles south of Ho Chi Minh City"
        elif i and before.text == "of" and _after_person(doc, i - 1, persons):
            yield i, end, "known"  # "Kalena Horhn of Grand Prairie", "Rebecca Sears, 41, of Grovetown"
        elif _resident_noun(doc, end):
            yield i, end, "notable"  # "Roselle police"
        elif _before_postal_code(words, end):
            yield i, end, "known"  # "Moore, OK": a town, then its state's postal code


def _plain_name(doc: Doc, start: int, end: int) -> bool:
    """True when ``[start, end)`` is a whole capitalised run that may be a town's name.

    Not part of a longer run ("Tennessee Colony"), not a function word opening a
    sentence ("But", "One"), an acronym ("PA officials"), a month ("in March"),
    or a generic or institution word ("Metro", "Police").
    """
    words = words_of(doc)
    before = words[start - 1] if start else None
    if before is not None and (
        (capitalised(before) and not doc[start - 1].is_stop)  # "A Danbury woman" starts a run at "Danbury"
        or (before == "-" and not doc[start - 1].whitespace_)
    ):
        return False
    text = doc[start:end].text
    return not (
        doc[start].is_stop
        or _acronym(text)
        or text in CALENDAR_WORDS
        or generic_only(text)
        or all(w in INSTITUTION_WORDS for w in words[start:end])
    )


def _acronym(text: str) -> bool:
    # a bare acronym ("PA officials", "D-CA") is left to the ruler's listed abbreviations; "N.D." is written out
    return text.isupper() and "." not in text


def _free(doc: Doc, start: int, end: int) -> bool:
    """True when ``[start, end)`` stands outside entities, is one whole entity, or ends an institution's
    name after "in" ("Lutheran School in Lombard")."""
    iob = entity_marks(doc)
    if all(iob[k] == OUTSIDE for k in range(start, end)):
        return True
    ent = doc[start].ent_iob_
    if (
        ent == "B"
        and (end == len(doc) or doc[end].ent_iob_ != "I")
        and all(t.ent_iob_ == "I" for t in doc[start + 1 : end])
    ):
        return True  # one whole entity
    return (
        ent == "I"
        and doc[start].ent_type_ in ("ORG", "FAC")
        and doc[start - 1].lower_ == "in"
        and (end == len(doc) or doc[end].ent_iob_ != "I")
    )


def _resident_noun(doc: Doc, i: int) -> bool:
    # "Roselle police", "the Napa earthquake", not "Duke women's basketball"
    return (
        i < len(doc)
        and doc[i].is_lower
        and (doc[i].lower_ in RESIDENT_NOUNS or doc[i].lower_ in EVENT_NOUNS)
        and not (i + 1 < len(doc) and doc[i + 1].text in POSSESSIVES)
    )


def _after_person(doc: Doc, of: int, persons: dict[int, int]) -> bool:
    if of in persons:
        return True
    # "Rebecca Sears, 41, of": a comma, an age, a comma
    return (
        of >= 3 and doc[of - 1].text == "," and doc[of - 2].like_num and doc[of - 3].text == "," and (of - 3) in persons
    )


def _before_postal_code(words: list[str], end: int) -> bool:
    """A comma then two capitals standing alone, as addresses write a state after its town ("Moore, OK,",
    "Modesto, CA"); the gazetteer check on the town does the rest."""
    if end + 1 >= len(words) or words[end] != "," or not _POSTAL_CODE.fullmatch(words[end + 1]):
        return False
    return end + 2 >= len(words) or not words[end + 2][:1].isalpha() or words[end + 2][:1].islower()


_POSTAL_CODE = re.compile(r"[A-Z]{2}")


def _party_letter(doc: Doc, i: int) -> bool:
    return (
        i >= 3
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].text in PARTY_LETTERS
        and doc[i - 3].text in (",", "(")
    )
