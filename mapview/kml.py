"""KML 2.2 for Google Earth: one Placemark per place, with the sentences that name it.

Built with :mod:`xml.etree.ElementTree`, so every document-derived string is
escaped XML text; descriptions are plain text (no HTML).

>>> feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [62.2, 34.35]},
...            "properties": {"id": "geonames:1140026", "name": "Herat", "kind": "city", "country_code": "AF",
...                           "mention_count": 1, "document_count": 1, "mentions": []}}
>>> "<Placemark" in to_kml({"type": "FeatureCollection", "features": [feature]})
True
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

NAMESPACE = "http://www.opengis.net/kml/2.2"
MAX_SENTENCES = 25


def to_kml(collection: dict[str, Any], *, title: str = "mapview places") -> str:
    """A KML document of a per-place GeoJSON export (:func:`mapview.export.to_geojson`)."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_tag("kml"))
    document = ET.SubElement(root, _tag("Document"))
    ET.SubElement(document, _tag("name")).text = title
    for feature in collection["features"]:
        document.append(_placemark(feature))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _placemark(feature: dict[str, Any]) -> ET.Element:
    properties = feature["properties"]
    placemark = ET.Element(_tag("Placemark"), id=_xml_id(str(properties["id"])))
    ET.SubElement(placemark, _tag("name")).text = _clean(properties.get("display_name") or properties["name"])
    ET.SubElement(placemark, _tag("description")).text = _clean(_description(properties))
    extended = ET.SubElement(placemark, _tag("ExtendedData"))
    for key in ("id", "kind", "country_code", "mention_count", "document_count"):
        if properties.get(key) is not None:
            data = ET.SubElement(extended, _tag("Data"), name=key)
            ET.SubElement(data, _tag("value")).text = _clean(str(properties[key]))
    placemark.append(_geometry(feature["geometry"]))
    return placemark


def _description(properties: dict[str, Any]) -> str:
    lines = [
        f"{properties['kind']}{', ' + properties['country_code'] if properties.get('country_code') else ''}: "
        f"named {properties.get('mention_count', 0)} time(s) in {properties.get('document_count', 0)} document(s)."
    ]
    mentions = properties.get("mentions") or []
    for mention in mentions[:MAX_SENTENCES]:
        source = " — ".join(str(v) for v in (mention.get("title") or mention.get("doc_id"), mention.get("date")) if v)
        lines.append(f"“{mention.get('sentence', '')}” ({source})")
    if len(mentions) > MAX_SENTENCES:
        lines.append(f"… and {len(mentions) - MAX_SENTENCES} more.")
    return "\n".join(lines)


def _geometry(geometry: dict[str, Any]) -> ET.Element:
    kind = geometry["type"]
    if kind == "Point":
        point = ET.Element(_tag("Point"))
        ET.SubElement(point, _tag("coordinates")).text = _coordinates([geometry["coordinates"]])
        return point
    polygons = (
        [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"] if kind == "MultiPolygon" else None
    )
    if polygons is None:
        raise ValueError(f"KML export has no geometry for a GeoJSON {kind}")
    multi = ET.Element(_tag("MultiGeometry"))
    for rings in polygons:
        polygon = ET.SubElement(multi, _tag("Polygon"))
        for index, ring in enumerate(rings):
            boundary = ET.SubElement(polygon, _tag("outerBoundaryIs" if index == 0 else "innerBoundaryIs"))
            linear = ET.SubElement(boundary, _tag("LinearRing"))
            ET.SubElement(linear, _tag("coordinates")).text = _coordinates(ring)
    return multi


def _coordinates(points: list[list[float]]) -> str:
    return " ".join(f"{lon:.6f},{lat:.6f},0" for lon, lat, *_ in points)


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _xml_id(value: str) -> str:
    """An XML ID (letters, digits, ``_-.``; not starting with a digit) for a place id."""
    cleaned = "".join(ch if ch.isalnum() or ch in "_-." else "_" for ch in value)
    return cleaned if cleaned[:1].isalpha() else f"p_{cleaned}"


def _clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return "".join(
        ch
        for ch in text
        if ch in "\t\n\r" or (" " <= ch <= "\ud7ff") or ("\ue000" <= ch <= "\ufffd") or ch >= "\U00010000"
    )
