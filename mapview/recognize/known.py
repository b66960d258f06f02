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

from mapview.recognize.lexicon import DIRECTION_WORDS, FEATURE_WORDS, GENERIC_WORDS, STRONG_MATCHES


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

_LOCAL_KINDS = frozenset({"city", "admin2"})


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


def names_a_feature(name: str) -> bool:
    """True for a capitalised multi-word name ending in a feature word.

    >>> names_a_feature("Bay Area"), names_a_feature("Area")
    (True, False)
    """
    words = name.split()
    return len(words) > 1 and words[-1] in FEATURE_WORDS and all(w[:1].isupper() for w in words)


def generic_only(name: str) -> bool:
    """True when every word of ``name`` is a compass, feature or generic word.

    >>> generic_only("East Coast"), generic_only("East Timor")
    (True, False)
    """
    return all(w in DIRECTION_WORDS or w in FEATURE_WORDS or w in GENERIC_WORDS for w in name.split())
