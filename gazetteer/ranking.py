"""How candidates for one name are ordered: a static prior, then the query's cue word.

The static score is computed once per (name, place) when the index is built;
:func:`adjust` applies at query time what only the query knows (it said
"province", "county" or "city").

A place's own name outranks another place's alternate name: an alternate name
(a former name, a translation, a variant spelling: "Salisbury" for Harare,
"Tunis" for Tunisia, "Pittsburg" for Pittsburgh) earns neither the kind nor the
capital bonus, which reward the name a place is known by, and costs
:data:`MATCH_PENALTY` ``["alternate"]``, so it wins over a place bearing the name
as its own only when that place is some twenty times smaller ("Calcutta" is
still Kolkata, not the Ohio village). The resolver's context can still choose
the alternate. Curated regions are the exception: our table lists only the
English names news uses for them, so their aliases rank as names.
"""

from __future__ import annotations

import math

from gazetteer.folding import GENERIC_KIND

# Areas outrank same-named towns: "Georgia", "Herat" and "Punjab" name the area first.
KIND_BONUS = {
    "continent": 3.0,
    "country": 2.5,
    "region": 2.0,
    "admin1": 1.0,
    "admin2": 0.3,
    "city": 0.0,
    "airport": 0.0,
}
# National capitals are named far more than their population says ("Washington", "Kabul said").
CAPITAL_BONUS = 2.0
# log10(20): an alternate name counts as much as the name of a place twenty times smaller.
MATCH_PENALTY = {"name": 0.0, "abbreviation": 0.0, "code": 0.0, "demonym": 0.3, "alternate": 1.3, "variant": 3.0}
# Kinds whose alternate names are curated English names (regions.tsv), ranked as names.
CURATED_NAME_KINDS = frozenset({"region"})
# Applied when the query names a cue word ("X County") the candidate answers, or contradicts.
CUE_AGREES = 2.0
CUE_DISAGREES = -2.0
# Applied when the candidate's own name needs a cue word the query lacks ("Kansas City" for "Kansas").
CUE_MISSING = -3.0


def static_score(kind: str, population: int | None, matched_by: str, capital: bool = False) -> float:
    """Prior of a place answering a name: log-population plus kind (and capital) bonus minus match penalty.

    An alternate name earns no bonus (see the module docstring), except for curated regions.

    >>> static_score("city", 999, "name", capital=True) > static_score("city", 9_999, "alternate", capital=True)
    True
    """
    if matched_by == "alternate" and kind in CURATED_NAME_KINDS:
        matched_by = "name"
    bonus = 0.0 if matched_by == "alternate" else KIND_BONUS[kind] + (CAPITAL_BONUS if capital else 0.0)
    return math.log10(1 + (population or 0)) + bonus - MATCH_PENALTY[matched_by]


def adjust(score: float, kind: str, query_generic: str, name_generic: str) -> float:
    """Apply the query's cue word (see the module docstring)."""
    if query_generic:
        if GENERIC_KIND[query_generic] == kind or query_generic == name_generic:
            return score + CUE_AGREES
        return score + CUE_DISAGREES
    if name_generic:
        return score + CUE_MISSING
    return score
