"""Linked Places Format (LPF 1.1): the places as a GeoJSON-LD FeatureCollection for Pelagios tools
(Recogito, Peripleo) and the World Historical Gazetteer.

One Feature per place: its preferred name as ``title``, every spelling the
documents use as ``names`` (each cited by the documents that write it), the
documents naming the place as ``subjectOf`` links, the GeoNames record as an
``exactMatch`` link, and the span of the documents' dates as ``when``.
Specification: https://github.com/LinkedPasts/linked-places-format (v1.1).

>>> feature = {"type": "Feature", "id": "geonames:1140026", "geometry": {"type": "Point", "coordinates": [62.2, 34.35]},
...            "properties": {"id": "geonames:1140026", "geonameid": 1140026, "name": "Herat", "kind": "city",
...                           "country_code": "AF", "document_count": 1, "mention_count": 1, "mentions": [
...                {"doc_id": "d1", "title": "Report", "url": None, "date": "2024-03-04", "name": "Herat"}]}}
>>> lpf = to_lpf({"type": "FeatureCollection", "features": [feature]})
>>> lpf["features"][0]["names"][0]["toponym"], lpf["features"][0]["when"]["timespans"][0]["start"]
('Herat', {'in': '2024-03-04'})
"""

from __future__ import annotations

from typing import Any

from mapview.dates import normalize_date

CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
"""The JSON-LD context the specification names (an identifier: nothing is fetched)."""
GEONAMES_URI = "https://sws.geonames.org/{}/"
_PLACE_URN = "urn:mapview:place:{}"
_DOCUMENT_URN = "urn:mapview:document:{}"


def to_lpf(collection: dict[str, Any]) -> dict[str, Any]:
    """The LPF FeatureCollection of a per-place GeoJSON export (:func:`mapview.export.to_geojson`)."""
    return {
        "type": "FeatureCollection",
        "@context": CONTEXT,
        "features": [_feature(feature) for feature in collection["features"]],
    }


def _feature(feature: dict[str, Any]) -> dict[str, Any]:
    properties = feature["properties"]
    mentions = properties.get("mentions") or []
    citations_by_name: dict[str, list[dict[str, str]]] = {}
    dates: list[str] = []
    subjects: dict[str, dict[str, str]] = {}
    for mention in mentions:
        citation = _citation(mention)
        cited = citations_by_name.setdefault(mention.get("name") or properties["name"], [])
        if citation not in cited:
            cited.append(citation)
        subjects.setdefault(citation["@id"], {"type": "subjectOf", "identifier": citation["@id"]})
        day = normalize_date(mention.get("date"))
        if day is not None:
            dates.append(day)
    names = [{"toponym": name, "citations": citations} for name, citations in citations_by_name.items()] or [
        {"toponym": properties["name"], "citations": []}
    ]
    links = list(subjects.values())
    if properties.get("geonameid"):
        links.insert(0, {"type": "exactMatch", "identifier": GEONAMES_URI.format(properties["geonameid"])})
    out: dict[str, Any] = {
        "@id": _PLACE_URN.format(properties["id"]),
        "type": "Feature",
        "properties": {
            "title": properties.get("display_name") or properties["name"],
            "ccodes": [properties["country_code"]] if properties.get("country_code") else [],
            "mentions": properties.get("mention_count", len(mentions)),
            "documents": properties.get("document_count", len(subjects)),
        },
        "names": names,
        "types": [{"label": properties["kind"]}],
        "geometry": {"type": "GeometryCollection", "geometries": [feature["geometry"]]},
        "links": links,
        "descriptions": [
            {
                "value": f"Named {properties.get('mention_count', len(mentions))} time(s) in "
                f"{properties.get('document_count', len(subjects))} document(s).",
                "lang": "en",
            }
        ],
    }
    if dates:
        out["when"] = {"timespans": [{"start": {"in": min(dates)}, "end": {"in": max(dates)}}]}
    return out


def _citation(mention: dict[str, Any]) -> dict[str, str]:
    url = mention.get("url")
    identifier = (
        url
        if isinstance(url, str) and url.startswith(("http://", "https://"))
        else _DOCUMENT_URN.format(mention.get("doc_id"))
    )
    return {"label": str(mention.get("title") or mention.get("doc_id") or "document"), "@id": identifier}
