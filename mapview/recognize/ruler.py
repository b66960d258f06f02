"""The gazetteer's names as a case-sensitive phrase matcher, and which of its matches count.

Names come as ``(surface name, matched_by)`` pairs, ``matched_by`` being how the
gazetteer knows the name (:meth:`gazetteer.Gazetteer.names`): ``name``,
``abbreviation``, ``alternate`` or ``demonym``. The matcher has three keys:
``place`` (names, and every multi-word name), ``weak`` (one-word abbreviations
and alternate names, which count only where the model also saw an entity:
"Michael" and "CAR" are alternate names of places) and ``demonym``. A name spelt with
diacritics is matched without them too ("Da Nang" for "Đà Nẵng"), as English texts write it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gazetteer.folding import without_marks
from mapview.recognize.candidates import Label
from mapview.recognize.known import generic_only
from mapview.recognize.lexicon import (
    INSTITUTION_WORDS,
    NAME_ARTICLES,
    NOT_INSTITUTION_LABELS,
    NOT_NAME_LABELS,
    ORG_ADJECTIVES,
    WEAK_MATCH_LABELS,
)
from mapview.recognize.names import TokenRange

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class Ruler:
    """The matcher, and the name sets the rules read besides it."""

    matcher: PhraseMatcher
    demonyms: frozenset[str]
    """Every demonym matched as one (names also known as places are not)."""
    area_names: frozenset[str]
    """Lowercased names that are not demonyms, for lowercase hashtags ("#syria")."""


def build_ruler(nlp: Language, place_names: Iterable[tuple[str, str]]) -> Ruler:
    """A :class:`Ruler` over ``place_names`` (``(surface name, matched_by)`` pairs)."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.matcher import PhraseMatcher

    keys: dict[str, set[str]] = {"place": set(), "weak": set(), "demonym": set()}
    areas: set[str] = set()
    for raw, matched_by in place_names:
        name = raw.strip()
        if not usable_pattern(name):
            continue
        if matched_by == "demonym":
            keys["demonym"].add(name)
        else:
            keys["place" if matched_by == "name" or " " in name else "weak"].add(name)
            plain = without_marks(name)
            if plain != name and plain.isascii() and usable_pattern(plain) and plain.lower() not in STOP_WORDS:
                # "Da Nang" for "Đà Nẵng": one plain word is weak, like an alternate name ("Leon" for "León")
                keys["place" if " " in plain else "weak"].add(plain)
        if matched_by != "demonym" and len(raw) > 3 and usable_pattern(raw):
            areas.add(raw.lower())
    keys["weak"] -= keys["place"]
    keys["demonym"] -= keys["place"] | keys["weak"]
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for key, names in keys.items():
        matcher.add(key, [nlp.make_doc(name) for name in sorted(names)])
    return Ruler(matcher, frozenset(keys["demonym"]), frozenset(areas))


def usable_pattern(name: str) -> bool:
    """Whether a gazetteer name may be matched on its own.

    Not: lowercase or one-letter names ("W."); names made only of compass and
    generic words ("Central", "Coast", "Eastern Province"), which are words
    before they are names; "City, State" forms, which texts and corpora split;
    names starting with an article (the article is never part of a mention).

    >>> usable_pattern("Herat"), usable_pattern("Eastern Province"), usable_pattern("The Hague")
    (True, False, False)
    """
    if not name[:1].isupper() or sum(ch.isalpha() for ch in name) < 2 or "," in name:
        return False
    return name.split()[0] not in NAME_ARTICLES and not generic_only(name)


def ruler_matches(
    ruler: Ruler, doc: Doc, place_labels: frozenset[str], ents: Sequence[Span] | None = None
) -> tuple[list[tuple[int, int, Label]], list[TokenRange]]:
    """Matches the model's entities do not contradict, and weak matches left to the list rule.

    A match inside a longer entity counts only when that entity is a place
    (one of ``place_labels`` but FAC: a bar, a train or a venue named after a place is
    no mention of it), or an institution the name locates ("Georgia
    Bureau of Investigation", "University of Texas"); never inside a person's
    name ("Jordan" in "Michael Jordan") or a product, work or event. A ``weak``
    match needs an entity of the same extent.
    """
    from spacy.util import filter_spans

    entities = tuple(doc.ents) if ents is None else ents  # ``doc.ents`` builds them anew at each call
    kept: list[tuple[int, int, Label]] = []
    listable: list[TokenRange] = []
    containers = place_labels - {"FAC"}  # a bar, a train or a venue named after a place is no mention of it
    for span in filter_spans(ruler.matcher(doc, as_spans=True)):
        s, e, key = span.start, span.end, span.label_
        ents = [ent for ent in entities if ent.start < e and s < ent.end]
        outer = [ent for ent in ents if ent.start <= s and e <= ent.end and len(ent) > e - s]
        if outer:
            if key == "weak" or not (outer[0].label_ in containers or _named_institution(doc, outer[0], s, e)):
                continue  # a weak name inside a longer entity: "Kasai" ("Kasaï") in "Kasai Occidental"
        elif any(ent.label_ in NOT_NAME_LABELS for ent in ents):
            continue  # "Saturday" is an alternate name of a Zambian province, and a DATE
        elif key == "weak" and not any(
            ent.start == s and ent.end == e and ent.label_ in WEAK_MATCH_LABELS for ent in ents
        ):
            listable.append((s, e))  # "Michael", "Jewish" are alternate names of places, and a PERSON and a NORP
            continue
        kept.append((s, e, "demonym" if key == "demonym" else "place"))
    return kept, listable


def _named_institution(doc: Doc, ent: Span, start: int, end: int) -> bool:
    if ent.label_ in NOT_INSTITUTION_LABELS:
        return False
    if (
        start == _name_start(doc, ent)
        and doc[start].text not in ORG_ADJECTIVES  # "the Great Flood" names no place called Great
        and any(t.text in INSTITUTION_WORDS for t in doc[end : ent.end])
    ):
        return True
    return start > ent.start and doc[start - 1].text in ("of", "in")


def _name_start(doc: Doc, ent: Span) -> int:
    """Where the entity's name begins: after an article, a number or a lowercase word ("the Minnesota
    State Patrol", "230 Minnesota National Guard" troops), which the model often takes in."""
    i = ent.start
    while i < ent.end - 1 and (doc[i].lower_ == "the" or doc[i].like_num or not doc[i].text[:1].isupper()):
        i += 1
    return i
