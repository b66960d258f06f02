"""The :class:`Place` value object: one entry of the gazetteer."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from gazetteer.exc import InvalidPlaceError

KINDS = ("country", "admin1", "admin2", "city", "region", "continent")
"""Every value :attr:`Place.kind` may take. Areas are all kinds but ``city``."""

AREA_KINDS = frozenset(KINDS) - {"city"}


class Place:
    """An immutable place: a country, division, populated place, region or continent.

    Two places are equal when their :attr:`id` is. ``score`` and ``matched_by``
    are set on the copies :meth:`gazetteer.Gazetteer.lookup` returns: how well
    the place answers that query and through which kind of name
    (``name``, ``alternate``, ``abbreviation``, ``demonym``, ``variant``).

    >>> p = Place(id="geonames:1140026", geonameid=1140026, name="Herat", kind="city",
    ...           country_code="AF", admin1="Herat", lat=34.34817, lon=62.19967)
    >>> p.__geo_interface__["coordinates"]
    (62.19967, 34.34817)
    """

    __slots__ = (
        "_id", "_geonameid", "_name", "_kind", "_country_code", "_admin1", "_lat", "_lon",
        "_population", "_alternate_names", "_members", "_score", "_matched_by",
    )

    def __init__(
        self,
        *,
        id: str,
        geonameid: int | None,
        name: str,
        kind: str,
        country_code: str | None,
        admin1: str | None,
        lat: float,
        lon: float,
        population: int | None = None,
        alternate_names: Iterable[str] = (),
        members: Iterable[str] = (),
        score: float | None = None,
        matched_by: str | None = None,
    ) -> None:
        if kind not in KINDS:
            raise InvalidPlaceError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        lat, lon = float(lat), float(lon)
        if not (math.isfinite(lat) and -90.0 <= lat <= 90.0):
            raise InvalidPlaceError(f"latitude must be within ±90, not {lat!r} ({name!r})")
        if not (math.isfinite(lon) and -180.0 <= lon <= 180.0):
            raise InvalidPlaceError(f"longitude must be within ±180, not {lon!r} ({name!r})")
        values = (id, geonameid, name, kind, country_code, admin1, lat, lon, population,
                  tuple(alternate_names), tuple(members), score, matched_by)
        for slot, value in zip(Place.__slots__, values):
            object.__setattr__(self, slot, value)

    id = property(lambda self: self._id, doc="Stable id: ``geonames:N``, or ``region:slug`` for curated regions.")
    geonameid = property(lambda self: self._geonameid, doc="GeoNames id, or None when GeoNames has none.")
    name = property(lambda self: self._name, doc="Preferred English name.")
    kind = property(lambda self: self._kind, doc="One of :data:`KINDS`.")
    country_code = property(lambda self: self._country_code, doc="ISO 3166-1 alpha-2, None for regions and continents.")
    admin1 = property(lambda self: self._admin1, doc="Name of the first-level division it lies in, or None.")
    lat = property(lambda self: self._lat, doc="Latitude, WGS84 degrees.")
    lon = property(lambda self: self._lon, doc="Longitude, WGS84 degrees.")
    population = property(lambda self: self._population, doc="Population, or None when unknown.")
    alternate_names = property(lambda self: self._alternate_names, doc="Other names and spellings (any script).")
    members = property(lambda self: self._members, doc="ISO alpha-2 codes of member countries (regions, continents).")
    score = property(lambda self: self._score, doc="Match score of a lookup result (higher is better), else None.")
    matched_by = property(lambda self: self._matched_by, doc="Which kind of name matched a lookup, else None.")

    @property
    def is_area(self) -> bool:
        """True for countries, divisions, regions and continents; False for populated places."""
        return self._kind in AREA_KINDS

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON Point geometry (RFC 7946: longitude first)."""
        return {"type": "Point", "coordinates": (self._lon, self._lat)}

    def with_match(self, score: float, matched_by: str) -> Place:
        """Return a copy carrying a lookup's ``score`` and ``matched_by``."""
        copy = object.__new__(Place)
        for slot in Place.__slots__:
            object.__setattr__(copy, slot, getattr(self, slot))
        object.__setattr__(copy, "_score", score)
        object.__setattr__(copy, "_matched_by", matched_by)
        return copy

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickle through the constructor (slots plus a refusing __setattr__ defeat the default),
        # so places cross process boundaries (worker pools, Dask) and are validated on arrival.
        return _restore, tuple(getattr(self, slot) for slot in Place.__slots__)

    def to_dict(self) -> dict[str, Any]:
        """The fields as plain JSON-ready values (the CLI's ``--json`` shape)."""
        return {
            "id": self._id,
            "geonameid": self._geonameid,
            "name": self._name,
            "kind": self._kind,
            "country_code": self._country_code,
            "admin1": self._admin1,
            "lat": self._lat,
            "lon": self._lon,
            "population": self._population,
            "score": self._score,
            "matched_by": self._matched_by,
            "members": list(self._members),
            "alternate_names": list(self._alternate_names),
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Place) and other._id == self._id

    def __hash__(self) -> int:
        return hash(self._id)

    def __repr__(self) -> str:
        where = f", {self._country_code}" if self._country_code else ""
        return f"Place({self._name!r}, {self._kind}{where}, {self._lat:.4f}, {self._lon:.4f})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Place is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Place is immutable: cannot delete {name!r}")


def _restore(*values: Any) -> Place:
    """Rebuild a pickled :class:`Place` (see ``Place.__reduce__``)."""
    fields = dict(zip((slot[1:] for slot in Place.__slots__), values))
    return Place(**fields)
