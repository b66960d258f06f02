"""Polygon clean-up shared by the index build and the offline basemap (one implementation).

Every area shape passes through :func:`clean`: repaired (``make_valid``, polygonal
parts only), split at the antimeridian so no part spans more than 180° of
longitude, and wound counter-clockwise (RFC 7946). :func:`simplify_coverage`
simplifies a set of neighbouring polygons so shared borders stay shared, and
:func:`dissolve` merges such a set (provinces into their country).

>>> from shapely.geometry import Polygon
>>> band = Polygon([(170, 60), (-170, 60), (-170, 70), (170, 70)])   # crosses 180°
>>> [round(widest_part(p)) for p in clean(band).geoms]
[10, 10]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TypeAlias

import numpy as np
import shapely
import shapely.affinity
from shapely.errors import GEOSException
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.geometry.base import BaseGeometry

Area: TypeAlias = Polygon | MultiPolygon
"""What every function here returns: a polygon or a multipolygon, never a collection."""

POLAR_SEAM = 0.001
"""Degrees left open on each side of the cut through a polygon that circles a pole."""

_WORLD_SHIFTS = (-360.0, 0.0, 360.0)


def polygonal(geometry: BaseGeometry | None) -> Area | None:
    """The polygonal part of ``geometry``, repaired when invalid; None when nothing polygonal is left.

    Lines and points that a repair leaves behind (collapsed slivers) are dropped.

    >>> from shapely.geometry import Polygon
    >>> bowtie = Polygon([(0, 0), (2, 2), (2, 0), (0, 2)])   # self-intersecting
    >>> polygonal(bowtie).geom_type, polygonal(bowtie).is_valid
    ('MultiPolygon', True)
    >>> polygonal(Polygon()) is None
    True
    """
    if geometry is None or geometry.is_empty:
        return None
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, (Polygon, MultiPolygon)) and not p.is_empty]
    polygons = [q for p in parts for q in (p.geoms if isinstance(p, MultiPolygon) else (p,)) if q.area > 0]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def widest_part(geometry: Area) -> float:
    """Degrees of longitude spanned by the widest polygon of ``geometry``."""
    polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else (geometry,)
    return max((p.bounds[2] - p.bounds[0] for p in polygons), default=0.0)


def split_antimeridian(geometry: Area) -> Area:
    """``geometry`` with every polygon that crosses 180° cut into parts on either side.

    A ring crosses when two consecutive vertices are more than 180° of longitude
    apart (Chukotka, Fiji drawn as one ring). Such a polygon is unwrapped to
    continuous longitudes, cut at ±180°, and its pieces shifted back into
    [-180, 180]. A polygon still wider than 180° after that (Antarctica, which
    circles the pole) is cut at its middle meridian with a seam of
    :data:`POLAR_SEAM` on each side, so no part spans more than 180°.
    """
    if geometry.bounds[2] - geometry.bounds[0] <= 180.0:
        return geometry  # nothing wider than 180°, so no ring can step across it
    pieces: list[Polygon] = []
    for polygon in geometry.geoms if isinstance(geometry, MultiPolygon) else (geometry,):
        pieces.extend(_split_polygon(polygon))
    return pieces[0] if len(pieces) == 1 else MultiPolygon(pieces)


def orient_ccw(geometry: Area) -> Area:
    """``geometry`` with counter-clockwise exteriors and clockwise holes (RFC 7946)."""
    oriented: Area = shapely.orient_polygons(geometry, exterior_cw=False)
    return oriented


def clean(geometry: BaseGeometry | None) -> Area | None:
    """Repair, split at the antimeridian and orient ``geometry``; None when nothing polygonal is left."""
    area = polygonal(geometry)
    if area is None:
        return None
    area = polygonal(split_antimeridian(area))
    return None if area is None else orient_ccw(area)


def clean_all(geometries: Iterable[BaseGeometry | None]) -> list[Area | None]:
    """:func:`clean` over many geometries; valid polygons narrower than 180° take a vectorized path."""
    array = np.asarray(list(geometries), dtype=object)
    if len(array) == 0:
        return []
    present = ~shapely.is_missing(array)
    kinds = np.where(present, shapely.get_type_id(array), -1)
    bounds = shapely.bounds(array)
    fast = (
        present
        & np.isin(kinds, (3, 6))
        & shapely.is_valid(array)
        & ~shapely.is_empty(array)
        & (bounds[:, 2] - bounds[:, 0] <= 180.0)
    )
    out = np.empty(len(array), dtype=object)
    if fast.any():
        out[fast] = shapely.orient_polygons(array[fast], exterior_cw=False)
    for i in np.flatnonzero(~fast):
        out[i] = clean(array[i])
    return list(out)


def simplify_coverage(geometries: Sequence[Area], tolerance: float) -> list[Area | None]:
    """Simplify neighbouring polygons together, so borders they share stay shared.

    ``tolerance`` (degrees) is roughly the square root of the area of the
    triangles removed (Visvalingam-Whyatt, GEOS coverage simplification). When
    the set is not a clean coverage, each geometry is simplified alone
    (Douglas-Peucker, topology kept). Results are cleaned again (:func:`clean`);
    an entry is None only when its polygon vanished.
    """
    array = np.asarray(list(geometries), dtype=object)
    if len(array) == 0:
        return []
    try:
        simplified = shapely.coverage_simplify(array, tolerance)
    except GEOSException:
        simplified = shapely.simplify(array, tolerance, preserve_topology=True)
    return clean_all(simplified)


def dissolve(geometries: Sequence[Area]) -> Area | None:
    """One area covering all ``geometries`` (a country from its provinces), cleaned."""
    array = np.asarray(list(geometries), dtype=object)
    if len(array) == 0:
        return None
    try:
        merged = shapely.coverage_union_all(array)
    except GEOSException:
        merged = None
    # When the parts overlap or do not meet edge to edge (a few Natural Earth provinces), the
    # fast coverage union is invalid (overlapping parts) or wrong in area: take a full union.
    if (
        merged is None
        or not merged.is_valid
        or not math.isclose(merged.area, float(shapely.area(array).sum()), rel_tol=1e-6)
    ):
        merged = shapely.union_all(array)
    return clean(merged)


def point_inside(geometry: Area, *points: tuple[float, float] | None) -> tuple[float, float]:
    """The first of ``points`` (lat, lon) that ``geometry`` covers, else shapely's representative point.

    >>> from shapely.geometry import box
    >>> point_inside(box(0, 0, 10, 10), (50.0, 50.0), (5.0, 6.0))
    (5.0, 6.0)
    """
    for point in points:
        if point is not None and geometry.covers(Point(point[1], point[0])):
            return point
    inner = geometry.representative_point()
    return (round(inner.y, 5), round(inner.x, 5))


def _split_polygon(polygon: Polygon) -> list[Polygon]:
    rings = [np.asarray(polygon.exterior.coords)] + [np.asarray(r.coords) for r in polygon.interiors]
    if any(_has_jump(r) for r in rings):
        exterior = _unwrap(rings[0])
        # An unwrapped ring that does not close circles the pole: it is cut below instead.
        if abs(exterior[-1, 0] - exterior[0, 0]) < 1e-9:
            centre = (exterior[:, 0].min() + exterior[:, 0].max()) / 2
            holes = [_near(_unwrap(r), centre) for r in rings[1:]]
            unwrapped = polygonal(Polygon(exterior, holes))
            if unwrapped is not None:
                return [q for shift in _WORLD_SHIFTS for q in _clip(unwrapped, shift)]
    if polygon.bounds[2] - polygon.bounds[0] <= 180.0:
        return [polygon]
    # Two halves sharing an edge would make an invalid MultiPolygon (a repair merges them
    # again): leave a seam, narrower than anything drawn, that coordinates rounded to 3 decimals keep.
    middle = (polygon.bounds[0] + polygon.bounds[2]) / 2
    halves = (
        box(polygon.bounds[0], -90, middle - POLAR_SEAM, 90),
        box(middle + POLAR_SEAM, -90, polygon.bounds[2], 90),
    )
    return [q for half in halves for q in _parts(polygon.intersection(half))]


def _has_jump(ring: np.ndarray) -> bool:
    return bool(len(ring) > 1 and np.any(np.abs(np.diff(ring[:, 0])) > 180.0))


def _unwrap(ring: np.ndarray) -> np.ndarray:
    """Longitudes made continuous: a step of more than 180° is taken the short way round."""
    steps = np.diff(ring[:, 0])
    offsets = np.concatenate(([0.0], np.cumsum(np.where(steps > 180, -360.0, np.where(steps < -180, 360.0, 0.0)))))
    out = ring.copy()
    out[:, 0] += offsets
    return out


def _near(ring: np.ndarray, centre: float) -> np.ndarray:
    """``ring`` shifted by whole turns so its middle lies within 180° of ``centre``."""
    middle = (ring[:, 0].min() + ring[:, 0].max()) / 2
    out = ring.copy()
    out[:, 0] += 360.0 * round((centre - middle) / 360.0)
    return out


def _clip(polygon: Area, shift: float) -> list[Polygon]:
    """The part of ``polygon`` within [-180, 180] + ``shift``, moved back by ``shift``."""
    window = box(-180.0 + shift, -90.0, 180.0 + shift, 90.0)
    if not polygon.intersects(window):
        return []
    part = shapely.affinity.translate(polygon.intersection(window), xoff=-shift)
    return _parts(part)


def _parts(geometry: BaseGeometry) -> list[Polygon]:
    area = polygonal(geometry)
    if area is None:
        return []
    return list(area.geoms) if isinstance(area, MultiPolygon) else [area]
