"""A geopy geocoder over the offline gazetteer: geopy's contract, no network."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer.exc import InvalidQueryError
from gazetteer.lookup import Gazetteer
from gazetteer.place import Place
from gazetteer.validation import checked_kinds

DEFAULT_LIMIT = 10
"""Results of ``geocode(..., exactly_one=False)`` when no ``limit`` is given."""

_AREA_KINDS = ("admin2", "admin1", "country")


class GazetteerGeocoder(Geocoder):  # type: ignore[misc]  # geopy ships no type hints
    """geopy ``Geocoder`` answering from :class:`gazetteer.Gazetteer`.

    ``geocode`` returns one :class:`geopy.location.Location` (``raw`` holds the
    Place's fields, ``display_name`` included), a list with
    ``exactly_one=False``, and None — never an empty list — when nothing matches.

    geopy's common keyword arguments are accepted so code written for another
    geocoder runs unchanged: ``timeout`` and ``language`` are ignored (nothing
    goes over a network; names come as the index has them, ``display_name`` in
    English); ``exactly_one``, ``limit`` and ``country`` (ISO alpha-2) are honoured.

    >>> GazetteerGeocoder().geocode("Hirat").raw["country_code"]   # doctest: +SKIP
    'AF'
    >>> [loc.raw["display_name"] for loc in GazetteerGeocoder().reverse(
    ...     (31.58, 64.37), exactly_one=False, kinds=("admin1", "country"))]   # doctest: +SKIP
    ['Helmand', 'Afghanistan']
    """

    def __init__(
        self, gazetteer: Gazetteer | None = None, *, country: str | None = None, kinds: Iterable[str] | None = None
    ) -> None:
        super().__init__()
        self.gazetteer = gazetteer or Gazetteer()
        self.country = country
        self.kinds = tuple(kinds) if kinds is not None else None

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: Any = None,
        limit: int | None = None,
        language: str | bool | None = None,
        country: str | None = None,
    ) -> Location | list[Location] | None:
        """Places named ``query``, best first.

        With ``exactly_one=False``, at most ``limit`` locations (default
        :data:`DEFAULT_LIMIT`); as in geopy, ``limit`` must be positive
        (:class:`~gazetteer.exc.InvalidQueryError`, a ``ValueError``, otherwise)
        and is not used when ``exactly_one`` is true. ``timeout`` and ``language``
        are accepted and ignored.
        """
        if exactly_one:
            count = 1
        elif limit is None:
            count = DEFAULT_LIMIT
        elif isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidQueryError(f"limit must be a positive int, not {limit!r}")
        else:
            count = limit
        places = self.gazetteer.lookup(query, country=country or self.country, kinds=self.kinds, limit=count)
        if not places:
            return None
        locations = [_location(p) for p in places]
        return locations[0] if exactly_one else locations

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        timeout: Any = None,
        language: str | bool | None = None,
        kinds: Iterable[str] = ("city",),
    ) -> Location | list[Location] | None:
        """What is at ``query`` (a geopy Point, ``(lat, lon)`` or ``"lat, lon"``), most specific first.

        ``kinds`` says what to answer with: ``"city"`` (the default) is the
        nearest populated place; ``"admin2"``, ``"admin1"`` and ``"country"`` are
        the areas whose shape contains the point (see
        :meth:`gazetteer.Gazetteer.containing`). ``reverse(p, kinds=("admin1",
        "country"))`` gives the province, and ``exactly_one=False`` gives the
        province and its country. None when nothing answers (a point at sea
        asked for its province). ``timeout`` and ``language`` are ignored.
        Raises :class:`~gazetteer.exc.InvalidQueryError` when ``query`` is not a point.
        """
        lat, lon = _point(query)
        wanted = checked_kinds(kinds)
        unknown = [k for k in wanted if k != "city" and k not in _AREA_KINDS]
        if unknown:
            raise InvalidQueryError(f"reverse answers with city, admin2, admin1 or country, not {unknown}")
        places: list[Place] = []
        if "city" in wanted:
            nearest = self.gazetteer.nearest(lat, lon, kinds=("city",))
            places += [nearest] if nearest is not None else []
        if any(k in _AREA_KINDS for k in wanted):
            places += [p for p in self.gazetteer.containing(lat, lon) if p.kind in wanted]
        if not places:
            return None
        return _location(places[0]) if exactly_one else [_location(p) for p in places]


def _point(query: Any) -> tuple[float, float]:
    """(lat, lon) of a reverse query; geopy's Point alone would read None or [] as (0, 0)."""
    if query is None or isinstance(query, (bool, int, float)):
        raise InvalidQueryError(f"not a point: {query!r}")
    if isinstance(query, (list, tuple)) and (not 2 <= len(query) <= 3 or any(isinstance(v, bool) for v in query)):
        raise InvalidQueryError(f"not a point: {query!r}")
    try:
        point = Point(query)
    except (TypeError, ValueError) as exc:
        raise InvalidQueryError(f"not a point: {query!r}") from exc
    return point.latitude, point.longitude


def _location(place: Place) -> Location:
    parts = [place.display_name, place.admin1, place.country_code]
    address = ", ".join(p for p in parts if p)
    return Location(address, (place.lat, place.lon), place.to_dict())
