"""A gazetteer check for the recognizer, built from any ``lookup(name)`` function.

The recognizer asks "is this string a place name?" to keep the model's GPE/LOC
spans honest (person names labelled GPE) and to recover towns labelled ORG or
PERSON. A name lookup that also matches loose spellings and every alternate
name would answer yes to almost anything ("Saturday" is an alternate name of
a Zambian province), so this check accepts only strong matches.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from gazetteer.folding import GENERIC_KIND, fold_parts
from mapview.recognize.lexicon import (
    DIRECTION_WORDS,
    FEATURE_OF_WORDS,
    FEATURE_PREFIXES,
    FEATURE_WORDS,
    GENERIC_WORDS,
    STRONG_MATCHES,
)


class Match(Protocol):
    """What the check reads of a gazetteer candidate (:class:`gazetteer.Place` has it)."""

    @property
    def matched_by(self) -> str | None: ...

    @property
    def kind(self) -> str: ...

    @property
    def population(self) -> int | None: ...


ALTERNATE_CITY_POPULATION = 20_000
"""An alternate name counts when it names a city at least this large ("Kiev", "NYC", "Vegas")."""

NOTABLE_POPULATION = 15_000
"""Towns at least this large count as notable (see :class:`mapview.recognize.Recognizer`)."""

_LOCAL_KINDS = frozenset({"city", "admin2", "airport"})
"""Kinds whose size decides whether a name is notable: small towns and airports ("Cox Field") are not."""


def known_place_check(lookup: Callable[[str], Sequence[Match]], *, min_population: int = 0) -> Callable[[str], bool]:
    """A predicate "the gazetteer knows ``name`` as a place" over ``lookup``.

    ``lookup`` returns candidates carrying ``matched_by``, ``kind`` and
    ``population`` (e.g. ``gazetteer.Gazetteer().lookup``). A name is known
    when some candidate matched it by its name or an abbreviation, or by an
    alternate name of a city of at least :data:`ALTERNATE_CITY_POPULATION`.
    An all-capital name of up to five letters ("UN", "USA") must match as an
    abbreviation or an alternate name, never by the lookup's case-blind name match.
    With ``min_population``, cities and second-level divisions must be at
    least that large (countries, provinces, regions always count): the
    stricter check for names the model did not call places ("#Tornado" is
    also a village).

    >>> class P:
    ...     matched_by, kind, population = "alternate", "admin1", 2871814
    >>> known_place_check(lambda name: [P()])("Saturday")
    False
    """

    def is_known_place(name: str) -> bool:
        acronym = name.isupper() and len(name.replace(".", "")) <= 5
        for match in lookup(name):
            population = match.population or 0
            if acronym and match.matched_by == "name":
                continue  # "UN" is not the town of Un: an acronym must be a listed abbreviation
            if match.matched_by in STRONG_MATCHES:
                if match.kind not in _LOCAL_KINDS or population >= min_population:
                    return True
            elif (
                match.matched_by == "alternate"
                and match.kind == "city"
                and population >= max(min_population, ALTERNATE_CITY_POPULATION)
            ):
                return True
        return False

    return is_known_place


class Named(Match, Protocol):
    """What :func:`kind_word_apart_check` also reads: the place's own names."""

    @property
    def name(self) -> str: ...

    @property
    def display_name(self) -> str: ...


def kind_word_apart_check(lookup: Callable[[str], Sequence[Named]]) -> Callable[[str], bool]:
    """A predicate "the kind word of ``name`` says what the place is, but is no part of its name".

    True for "Fargo City" and "Kentucky State": the best place found is of the
    kind the word names (a city, a state) and is not called so. False for
    "Iowa City", "Douglas County", "DeSoto Parish" (places are called so), for
    "Wright State" (the best place found, Wright County, is no state), and for
    names without a kind word. Used to cut "Fargo City Council" to "Fargo".

    >>> class P:
    ...     matched_by, kind, population, name, display_name = "name", "city", 74_220, "Iowa City", "Iowa City"
    >>> apart = kind_word_apart_check(lambda name: [P()])
    >>> apart("Iowa City"), apart("Ames City"), apart("Ames")
    (False, True, False)
    """

    def is_apart(name: str) -> bool:
        key, generic = fold_parts(name)
        words = name.split()
        if not generic and len(words) > 2 and words[0].lower() in GENERIC_KIND and words[1] == "of":
            # "State of Illinois": the folding keeps "state" before a name ("State College")
            key, generic = fold_parts(" ".join(words[2:]))[0], words[0].lower()
        if not generic:
            return False
        matches = lookup(name)
        if not matches or matches[0].kind != GENERIC_KIND[generic]:
            return False
        own = _spaceless((key, generic))
        return not any(own in (_spaceless(fold_parts(m.name)), _spaceless(fold_parts(m.display_name))) for m in matches)

    return is_apart


def own_name_check(lookup: Callable[[str], Sequence[Named]]) -> Callable[[str], bool]:
    """A predicate "some place is called ``name``, kind word and all" ("Douglas County", "Iowa City").

    Not "Brooklyn District" or "Fargo City": the lookup finds Brooklyn and
    Fargo (it folds the kind word away), but neither is called so.

    >>> class P:
    ...     matched_by, kind, population, name, display_name = "name", "admin2", 512_416, "Douglas County", ""
    >>> own_name_check(lambda name: [P()])("Douglas County"), own_name_check(lambda name: [P()])("Douglas")
    (True, False)
    """

    def is_own_name(name: str) -> bool:
        return _called(name, lookup(name))

    return is_own_name


def _called(name: str, matches: Sequence[Named]) -> bool:
    """True when one of ``matches`` is called ``name`` (folded, spaces aside)."""
    own = _spaceless(fold_parts(name))
    return any(own in (_spaceless(fold_parts(m.name)), _spaceless(fold_parts(m.display_name))) for m in matches)


def _spaceless(folded: tuple[str, str]) -> tuple[str, str]:
    # "DeSoto Parish" is the place GeoNames calls "De Soto Parish"
    return folded[0].replace(" ", ""), folded[1]


def names_a_feature(name: str) -> bool:
    """True for a capitalised multi-word name ending in a feature word, or opening with one that opens
    features' names ("Lake Pontchartrain", "Mount Elgon"; "Gulf of Aden").

    >>> names_a_feature("Bay Area"), names_a_feature("Lake Pontchartrain"), names_a_feature("Area")
    (True, True, False)
    """
    words = name.split()
    if len(words) < 2:
        return False
    if words[0] in FEATURE_OF_WORDS and words[1] == "of":
        words = words[2:]  # "Gulf of Aden": the rest is the name
        return bool(words) and all(w[:1].isupper() for w in words)
    prefixed = len(words) == 2 and words[0] in FEATURE_PREFIXES  # longer: "River Concert Series"
    return (words[-1] in FEATURE_WORDS or prefixed) and all(w[:1].isupper() for w in words)


def generic_only(name: str) -> bool:
    """True when every word of ``name`` is a compass, feature or generic word.

    >>> generic_only("East Coast"), generic_only("East Timor")
    (True, False)
    """
    return all(w in DIRECTION_WORDS or w in FEATURE_WORDS or w in GENERIC_WORDS for w in name.split())
