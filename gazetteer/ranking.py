"""How candidates for one name are ordered: a static prior, then the query's cue word.

The static score is computed once per (name, place) when the index is built;
:func:`adjust` applies at query time what only the query knows (it said
"province", "county" or "city").
"""

from __future__ import annotations

import math

from gazetteer.folding import GENERIC_KIND

# Areas outrank same-named towns: "Georgia", "Herat" and "Punjab" name the area first.
KIND_BONUS = {"continent": 3.0, "country": 2.5, "region": 2.0, "admin1": 1.0, "admin2": 0.3, "city": 0.0}
# National capitals are named far more than their population says ("Washington", "Kabul said").
CAPITAL_BONUS = 2.0
MATCH_PENALTY = {"name": 0.0, "abbreviation": 0.0, "demonym": 0.3, "alternate": 0.4, "variant": 3.0}
# Applied when the query names a cue word ("X County") the candidate answers, or contradicts.
CUE_AGREES = 2.0
CUE_DISAGREES = -2.0
# Applied when the candidate's own name needs a cue word the query lacks ("Kansas City" for "Kansas").
CUE_MISSING = -3.0


def static_score(kind: str, population: int | None, matched_by: str, capital: bool = False) -> float:
    """Prior of a place answering a name: log-population plus kind (and capital) bonus minus match penalty."""
    bonus = KIND_BONUS[kind] + (CAPITAL_BONUS if capital else 0.0)
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
