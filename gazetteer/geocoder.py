"""A geopy geocoder over the offline gazetteer: geopy's contract, no network."""

from __future__ import annotations

from collections.abc import Iterable

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.exc import InvalidQueryError
from gazetteer.lookup import Gazetteer
from gazetteer.place import Place


class GazetteerGeocoder(Geocoder):
    """geopy ``Geocoder`` answering from :class:`gazetteer.Gazetteer`.

    ``geocode`` returns one :class:`geopy.location.Location` (``raw`` holds the
    Place's fields), a list with ``exactly_one=False``, and None — never an
    empty list — when nothing matches.

    >>> GazetteerGeocoder().geocode("Hirat").raw["country_code"]   # doctest: +SKIP
    'AF'
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, country: str | None = None,
                 kinds: Iterable[str] | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer or Gazetteer()
        self.country = country
        self.kinds = tuple(kinds) if kinds is not None else None

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int | None = None,
                country: str | None = None) -> Location | list[Location] | None:
        """Places named ``query``; ``limit`` caps the list returned with ``exactly_one=False``."""
        places = self.gazetteer.lookup(
            query, country=country or self.country, kinds=self.kinds, limit=1 if exactly_one else (limit or 10))
        if not places:
            return None
        locations = [_location(p) for p in places]
        return locations[0] if exactly_one else locations

    def reverse(self, query, *, exactly_one: bool = True) -> Location | list[Location] | None:
        """The populated place nearest to ``query`` (a geopy Point, ``(lat, lon)`` or ``"lat, lon"``)."""
        try:
            point = Point(query)
        except (TypeError, ValueError) as exc:
            raise InvalidQueryError(f"not a point: {query!r}") from exc
        place = self.gazetteer.nearest(point.latitude, point.longitude)
        if place is None:
            return None
        return _location(place) if exactly_one else [_location(place)]


def _location(place: Place) -> Location:
    parts = [place.name, place.admin1, place.country_code]
    address = ", ".join(p for p in parts if p)
    return Location(address, (place.lat, place.lon), place.to_dict())
