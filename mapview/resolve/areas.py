"""Which areas hold which places, for the resolver: containment and settlements' namesake areas.

Two questions the resolver asks of candidates, never of the text:

- does an area (a province, a country) contain a place? ("Lashkar Gah, Helmand"
  must be the Lashkar Gah inside Helmand);
- is an area named after a settlement it contains? (Homs governorate after the
  city of Homs; Mosul district after Mosul): then a bare name is the settlement
  unless the text says otherwise (see :func:`namesake_seat`, :func:`seat_swaps`).

Containment follows the GeoNames hierarchy when the place's record names its
first-level division (every town in the index that names one names a province
the index holds), and the area's shape when it does not: towns whose record names
no division (Erbil), and districts, which records do not name. Shapes are read
only for those tests, and every answer is cached, so the cost is paid once per
(area, place) pair per process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gazetteer import Place
from gazetteer.distance import great_circle_km
from gazetteer.folding import fold_parts

if TYPE_CHECKING:
    from gazetteer.lookup import Gazetteer

SEAT_SHARE = 0.1
"""A bare name shared by a settlement and the area named after it is the settlement
unless the settlement holds less than this share of the area's people (Quebec is the
province, not Quebec City, a twentieth of it); see :func:`seat_swaps`."""

DISTRICT_SEAT_KM = 50.0
"""A district without a shape holds a same-named town of its province when its point (the
mean of its towns) lies this close: districts are named after their seat, not after a
same-named town across the province."""

AREA_KINDS_CONTAINING = ("country", "admin1", "admin2")
_CACHE_LIMIT = 200_000


class Containment:
    """Answers "does ``area`` contain ``place``?" from the hierarchy, else from shapes (cached).

    >>> Containment(Gazetteer()).contains(helmand, lashkar_gah)   # doctest: +SKIP
    True
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._answers: dict[tuple[str, str], bool] = {}

    def contains(self, area: Place, place: Place) -> bool:
        """True when ``place`` lies in ``area``, a country, province or district.

        A place whose record names its province is in that province only; one
        that names none is in the provinces whose shape covers its point. A
        district holds the places its shape covers, or, without a shape, the
        same-province places within ``DISTRICT_SEAT_KM`` of its point. False
        for other kinds of area and for a place in another country.
        """
        if area.kind not in AREA_KINDS_CONTAINING or area == place or area.country_code != place.country_code:
            return False
        if area.kind == "country":
            return place.kind != "country"
        if place.kind not in ("city", "admin2"):
            return False
        if area.kind == "admin1" and place.admin1 is not None:
            return place.admin1 == area.name
        if not area.has_shape:
            return (
                area.kind == "admin2"
                and area.admin1 is not None
                and place.admin1 == area.admin1
                and great_circle_km(area.lat, area.lon, place.lat, place.lon) <= DISTRICT_SEAT_KM
            )
        key = (area.id, place.id)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._covers(area, place)
            if len(self._answers) >= _CACHE_LIMIT:
                self._answers.clear()
            self._answers[key] = answer
        return answer

    def _covers(self, area: Place, place: Place) -> bool:
        import shapely

        shape = self._gazetteer.shape(area.id)
        return shape is not None and bool(shapely.intersects_xy(shape, place.lon, place.lat))


def is_namesake(place: Place, key: str) -> bool:
    """True when ``place``'s own name (or display name) is ``key``, folded, with no generic word.

    "Homs" names the city Homs; "New York" does not name New York City, nor
    "Kansas" Kansas City: their names need a word the mention lacks.
    """
    return (key, "") in (fold_parts(place.name), fold_parts(place.display_name))


@dataclass(frozen=True, slots=True)
class Seat:
    """A settlement among a name's candidates, and the areas named after it that hold it (indices)."""

    town: int
    areas: tuple[int, ...]


def namesake_seat(key: str, candidates: Sequence[Place], containment: Containment) -> Seat | None:
    """The first settlement named ``key`` that provinces or districts among the candidates are
    named after and hold (Homs city in Homs governorate), else None: the name is then not torn
    between a settlement and its area."""
    for k, town in enumerate(candidates):
        if town.kind == "city" and is_namesake(town, key):
            areas = tuple(
                j
                for j, area in enumerate(candidates)
                if area.kind in ("admin1", "admin2") and containment.contains(area, town)
            )
            if areas:
                return Seat(k, areas)
    return None


def seat_swaps(seat: Seat, candidates: Sequence[Place]) -> list[float]:
    """Per candidate, what to add to its score so the settlement takes the place of its areas.

    The gazetteer ranks areas before same-named towns (:mod:`gazetteer.ranking`): right
    for names a town merely shares (Georgia), wrong when the area is named after
    the town it holds, which news names bare ("fighting in Homs", "Aleppo's
    markets"). Then the town and the areas above it swap scores, so the name's
    standing against unrelated candidates does not change, only which of them
    it means. An area does not swap when the town is a small part of it (see
    ``SEAT_SHARE``). The caller applies this only when no cue or list names
    the area.
    """
    swaps = [0.0] * len(candidates)
    town = candidates[seat.town]
    own = town.score or 0.0
    above = [j for j in seat.areas if (candidates[j].score or 0.0) > own and _holds_share(town, candidates[j])]
    if above:
        swaps[seat.town] = max(candidates[j].score or 0.0 for j in above) - own
        for j in above:
            swaps[j] = own - (candidates[j].score or 0.0)
    return swaps


def _holds_share(town: Place, area: Place) -> bool:
    """True when the town holds at least SEAT_SHARE of the area's people (unknown area population: True)."""
    if not area.population:
        return town.population is not None
    return town.population is not None and town.population >= SEAT_SHARE * area.population
