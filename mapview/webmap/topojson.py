"""TopoJSON → GeoJSON for the polygons of a topology (what ``world-atlas`` ships).

Only what country outlines need: quantized or plain arcs, ``Polygon``,
``MultiPolygon`` and ``GeometryCollection`` objects. Coordinates come out as
RFC 7946 ``[lon, lat]`` rounded to ``precision`` decimals.

>>> topo = {"type": "Topology", "transform": {"scale": [1, 1], "translate": [0, 0]},
...         "arcs": [[[0, 0], [10, 0], [0, 10], [-10, -10]]],
...         "objects": {"sq": {"type": "GeometryCollection", "geometries": [
...             {"type": "Polygon", "arcs": [[0]], "id": "1", "properties": {"name": "A"}}]}}}
>>> feature_collection(topo, "sq")["features"][0]["geometry"]["coordinates"]
[[[0, 0], [10, 0], [10, 10], [0, 0]]]
"""

from __future__ import annotations

from typing import Any

Position = list[float]


class TopoJSONError(ValueError):
    """Raised when a topology is not the TopoJSON this module reads."""


def _decode_arcs(topology: dict[str, Any], precision: int) -> list[list[Position]]:
    transform = topology.get("transform")
    arcs: list[list[Position]] = []
    for arc in topology["arcs"]:
        points: list[Position] = []
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append([round(x * sx + tx, precision), round(y * sy + ty, precision)])
        else:
            points = [[round(p[0], precision), round(p[1], precision)] for p in arc]
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[Position]]) -> list[Position]:
    ring: list[Position] = []
    for index in indices:
        # A negative index ~i means arc i walked backwards.
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        ring.extend(points[1:] if ring else points)
    return ring


def _geometry(obj: dict[str, Any], arcs: list[list[Position]]) -> dict[str, Any] | None:
    kind = obj.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r, arcs) for r in obj["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[_ring(r, arcs) for r in polygon] for polygon in obj["arcs"]],
        }
    if kind is None:
        return None  # a null geometry: a feature with no shape
    raise TopoJSONError(f"unsupported TopoJSON geometry type {kind!r}")


def feature_collection(topology: dict[str, Any], object_name: str, *, precision: int = 3) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of one object of ``topology``.

    Each geometry becomes one Feature with its ``id`` (when present) and its
    ``properties`` (an empty dict when absent). Raises :class:`TopoJSONError`
    when the topology or the object is missing or of an unsupported type.
    """
    if topology.get("type") != "Topology" or "arcs" not in topology:
        raise TopoJSONError("not a TopoJSON Topology")
    try:
        obj = topology["objects"][object_name]
    except KeyError:
        raise TopoJSONError(f"the topology has no object {object_name!r}") from None
    arcs = _decode_arcs(topology, precision)
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    features = []
    for member in members:
        feature: dict[str, Any] = {
            "type": "Feature",
            "properties": dict(member.get("properties") or {}),
            "geometry": _geometry(member, arcs),
        }
        if "id" in member:
            feature["id"] = member["id"]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}
