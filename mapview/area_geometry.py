"""Areas exported as areas: a GeoJSON export's country and province features given their polygons.

The polygons come from the gazetteer (Natural Earth outlines, split at the
antimeridian); they are written as RFC 7946 asks: longitude first, exterior
rings counter-clockwise, six decimals. The point each feature had stays in
its properties as ``representative_point`` ``[lon, lat]``, inside the area.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import mapping

from gazetteer.geometry import orient_ccw, point_inside, polygonal
from mapview.export import ShapeSource

GEOMETRIES = ("shape", "point")
"""What an export draws areas as."""
_PRECISION = 1e-6


def attach_shapes(collection: dict[str, Any], shapes: ShapeSource) -> dict[str, Any]:
    """``collection`` with each feature whose place has a shape drawn as that shape (in place; returned).

    Cities and places without a shape keep their Point.
    """
    features = collection["features"]
    found = shapes(sorted({f["properties"]["id"] for f in features if f["properties"].get("kind") != "city"}))
    for feature in features:
        shape = found.get(feature["properties"]["id"])
        rounded = None if shape is None or shape.is_empty else polygonal(shapely.set_precision(shape, _PRECISION))
        if rounded is None:
            continue
        lon, lat = feature["geometry"]["coordinates"]
        inside_lat, inside_lon = point_inside(rounded, (lat, lon))
        feature["properties"]["representative_point"] = [round(inside_lon, 6), round(inside_lat, 6)]
        feature["geometry"] = _lists(mapping(orient_ccw(rounded)))
    return collection


def _lists(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value
