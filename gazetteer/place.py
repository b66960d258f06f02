"""The :class:`Place` value object: one entry of the gazetteer."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from gazetteer.exc import InvalidPlaceError

if TYPE_CHECKING:  # shapely is imported only by code that loads shapes (importing it costs ~0.1 s)
    from shapely.geometry import MultiPolygon, Polygon

KINDS = ("country", "admin1", "admin2", "city", "region", "continent", "airport")
"""Every value :attr:`Place.kind` may take. Areas are all kinds but ``city`` and ``airport``, which are points."""


class Place:
    """An immutable place: a country, division, populated place, region, continent or airport.

    Two places are equal when their :attr:`id` is. ``score`` and ``matched_by``
    are set on the copies :meth:`gazetteer.Gazetteer.lookup` returns: how well
    the place answers that query and through which kind of name
    (``name``, ``alternate``, ``abbreviation``, ``demonym``, ``variant``, or ``code``: an
    airport code written in capitals).

    Areas with an outline (provinces, countries) know a point inside it
    (:attr:`representative_point`) and whether the index holds their shape
    (:attr:`has_shape`). The shape itself is loaded only on request: places
    from :meth:`~gazetteer.Gazetteer.lookup` carry ``shape=None``;
    :meth:`~gazetteer.Gazetteer.get`, :meth:`~gazetteer.Gazetteer.containing`
    and :meth:`~gazetteer.Gazetteer.with_shapes` return places with it.

    >>> p = Place(id="geonames:1140026", geonameid=1140026, name="Herāt", kind="city",
    ...           country_code="AF", admin1="Herāt", lat=34.34817, lon=62.19967, display_name="Herat")
    >>> p.__geo_interface__["coordinates"], p.display_name, p.representative_point
    ((62.19967, 34.34817), 'Herat', (34.34817, 62.19967))
    """

    __slots__ = (  # noqa: RUF023 (in the constructor's order: it and pickling zip values with them)
        "_id",
        "_geonameid",
        "_name",
        "_kind",
        "_country_code",
        "_admin1",
        "_lat",
        "_lon",
        "_population",
        "_alternate_names",
        "_members",
        "_score",
        "_matched_by",
        "_display_name",
        "_representative_point",
        "_shape",
    )
    _id: str
    _geonameid: int | None
    _name: str
    _kind: str
    _country_code: str | None
    _admin1: str | None
    _lat: float
    _lon: float
    _population: int | None
    _alternate_names: tuple[str, ...]
    _members: tuple[str, ...]
    _score: float | None
    _matched_by: str | None
    _display_name: str
    _representative_point: tuple[float, float] | None
    _shape: Polygon | MultiPolygon | None

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
        display_name: str | None = None,
        representative_point: tuple[float, float] | None = None,
        shape: Polygon | MultiPolygon | None = None,
    ) -> None:
        if kind not in KINDS:
            raise InvalidPlaceError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        lat, lon = float(lat), float(lon)
        if not (math.isfinite(lat) and -90.0 <= lat <= 90.0):
            raise InvalidPlaceError(f"latitude must be within ±90, not {lat!r} ({name!r})")
        if not (math.isfinite(lon) and -180.0 <= lon <= 180.0):
            raise InvalidPlaceError(f"longitude must be within ±180, not {lon!r} ({name!r})")
        _check_shape(shape)
        if representative_point is None and shape is not None and not shape.is_empty:
            inside = shape.representative_point()
            representative_point = (inside.y, inside.x)
        if representative_point is not None:
            representative_point = _checked_point(representative_point, name)
        values = (
            id,
            geonameid,
            name,
            kind,
            country_code,
            admin1,
            lat,
            lon,
            population,
            tuple(alternate_names),
            tuple(members),
            score,
            matched_by,
            display_name or name,
            representative_point,
            shape,
        )
        for slot, value in zip(Place.__slots__, values, strict=True):
            object.__setattr__(self, slot, value)

    @property
    def id(self) -> str:
        """Stable id: ``geonames:N``, ``region:slug`` for curated regions, ``airport:ICAO`` for airports."""
        return self._id

    @property
    def geonameid(self) -> int | None:
        """GeoNames id, or None when GeoNames has none."""
        return self._geonameid

    @property
    def name(self) -> str:
        """GeoNames' name (a transliteration for some: Ḩalab, Paktiyā)."""
        return self._name

    @property
    def display_name(self) -> str:
        """Name in English as news writes it (Aleppo, Paktia); :attr:`name` when none is known."""
        return self._display_name

    @property
    def kind(self) -> str:
        """One of :data:`KINDS`."""
        return self._kind

    @property
    def country_code(self) -> str | None:
        """ISO 3166-1 alpha-2, None for regions and continents."""
        return self._country_code

    @property
    def admin1(self) -> str | None:
        """Name of the first-level division it lies in, or None."""
        return self._admin1

    @property
    def lat(self) -> float:
        """Latitude, WGS84 degrees."""
        return self._lat

    @property
    def lon(self) -> float:
        """Longitude, WGS84 degrees."""
        return self._lon

    @property
    def population(self) -> int | None:
        """Population, or None when unknown (airports have none)."""
        return self._population

    @property
    def alternate_names(self) -> tuple[str, ...]:
        """Other names and spellings (any script)."""
        return self._alternate_names

    @property
    def members(self) -> tuple[str, ...]:
        """ISO alpha-2 codes of member countries (regions, continents)."""
        return self._members

    @property
    def score(self) -> float | None:
        """Match score of a lookup result (higher is better), else None."""
        return self._score

    @property
    def matched_by(self) -> str | None:
        """Which kind of name matched a lookup, else None."""
        return self._matched_by

    @property
    def shape(self) -> Polygon | MultiPolygon | None:
        """The area's shapely Polygon/MultiPolygon (lon/lat) when loaded with it, else None."""
        return self._shape

    @property
    def has_shape(self) -> bool:
        """True when the index holds an outline of this place (loaded or not)."""
        return self._representative_point is not None

    @property
    def representative_point(self) -> tuple[float, float]:
        """(lat, lon) inside the shape for places with one (Natural Earth's label point when it
        lies inside), else the place's own point."""
        return self._representative_point or (self._lat, self._lon)

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """GeoJSON geometry (RFC 7946, longitude first): the shape when loaded, else the Point."""
        if self._shape is not None:
            geometry: dict[str, Any] = self._shape.__geo_interface__
            return geometry
        return {"type": "Point", "coordinates": (self._lon, self._lat)}

    def with_match(self, score: float, matched_by: str) -> Place:
        """Return a copy carrying a lookup's ``score`` and ``matched_by``."""
        return self._copy(_score=score, _matched_by=matched_by)

    def with_shape(self, shape: Polygon | MultiPolygon | None) -> Place:
        """Return a copy carrying ``shape`` (see :meth:`gazetteer.Gazetteer.with_shapes`)."""
        _check_shape(shape)
        return self._copy(_shape=shape)

    def _copy(self, **changes: Any) -> Place:
        copy = object.__new__(Place)
        for slot in Place.__slots__:
            object.__setattr__(copy, slot, changes[slot] if slot in changes else getattr(self, slot))
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
            "display_name": self._display_name,
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


def _check_shape(shape: object) -> None:
    # By geometry type, not isinstance, so this module need not import shapely.
    if shape is not None and getattr(shape, "geom_type", None) not in ("Polygon", "MultiPolygon"):
        raise InvalidPlaceError(f"shape must be a shapely Polygon or MultiPolygon, not {type(shape).__name__}")


def _checked_point(point: tuple[float, float], name: str) -> tuple[float, float]:
    try:
        lat, lon = (float(v) for v in point)
    except (TypeError, ValueError) as exc:
        raise InvalidPlaceError(f"representative_point must be (lat, lon), not {point!r} ({name!r})") from exc
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidPlaceError(f"representative_point out of range: {point!r} ({name!r})")
    return lat, lon


def _restore(*values: Any) -> Place:
    """Rebuild a pickled :class:`Place` (see ``Place.__reduce__``)."""
    fields = dict(zip((slot[1:] for slot in Place.__slots__), values, strict=True))
    return Place(**fields)
