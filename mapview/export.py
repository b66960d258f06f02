"""Results out: GeoJSON (RFC 7946), CSV (one row per mention) and JSONL records.

The JSONL record is the evaluation format of ``../shared/eval``, so its output
is scored directly by ``score.py``. Demonym mentions ("Afghan fighters", and a
country named as an embassy's owner: "the U.S. Embassy in Kabul") are left out
of the map and of the JSONL by default: they say who, not where ("Russian
troops in Syria" reports Syria). ``include_demonyms`` (``--demonyms`` on
``mapview parse`` and ``mapview export``, ``Selection.demonyms`` on the page)
maps them as their country, each mention keeping ``label: demonym``. Of the
four evaluation corpora only LGL annotates demonyms.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

from gazetteer import Place
from mapview.exc import ExportError
from mapview.records import Document, ParsedDocument, ResolvedMention

ShapeSource = Callable[[Iterable[str]], Mapping[str, Any]]
"""Gives the shapes (shapely polygons) of the place ids asked for, e.g. ``Gazetteer().shapes``."""

EXPORT_FORMATS = ("jsonl", "geojson", "csv")
"""The formats :func:`write` accepts."""

GEOJSON_GROUPINGS = ("place", "document")
COORDINATE_DECIMALS = 6
CSV_COLUMNS = (
    "doc_id",
    "title",
    "source",
    "url",
    "date",
    "sentence",
    "name",
    "start",
    "end",
    "place_id",
    "geonameid",
    "place_name",
    "kind",
    "country_code",
    "lat",
    "lon",
    "confidence",
    "label",
    "resolved_by",
    "alternatives",
)
# OWASP's rule: a cell a spreadsheet would run as a formula starts with = + - @ tab or CR, also
# after characters a spreadsheet skips or shows as nothing (spaces of every kind, NUL and other
# controls, zero-width and direction marks, the byte-order mark), and in full-width or small forms.
_FORMULA = re.compile(
    "[\\s\x00-\x1f\x7f\u00ad\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]*"
    "[=+\\-@\t\r\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b\u2212]"
)


def to_geojson(
    parsed_docs: Iterable[ParsedDocument], *, per: str = "place", include_demonyms: bool = False
) -> dict[str, Any]:
    """A FeatureCollection of the resolved places, with their evidence.

    Parameters
    ----------
    parsed_docs : iterable of ParsedDocument
    per : {"place", "document"}
        One Feature per place (all documents listed), or per (place, document).
    include_demonyms : bool
        Whether demonym mentions count as evidence for their country.

    Returns
    -------
    dict
        Features in order of the first mention of each place (or place and
        document); geometry is a Point ``[lon, lat]`` rounded to 6 decimals.
        Unresolved mentions are left out. Each mention says ``resolved_by``
        (``model``, or ``user`` when a correction chose the place); a feature
        is ``resolved_by: user`` when one of its mentions is.
    """
    if per not in GEOJSON_GROUPINGS:
        raise ExportError(f"per must be one of {', '.join(GEOJSON_GROUPINGS)}, not {per!r}")
    # Evidence is built as documents stream by, so no document's text is kept.
    features: dict[tuple[str, ...], dict[str, Any]] = {}
    for parsed in parsed_docs:
        for resolved in _mapped(parsed, include_demonyms):
            place = resolved.place
            assert place is not None
            doc_id = parsed.document.id
            key = (place.id,) if per == "place" else (place.id, doc_id)
            feature = features.get(key)
            if feature is None:
                feature = features[key] = _feature(place, parsed.document if per == "document" else None)
            properties = feature["properties"]
            if doc_id not in properties["documents"]:
                properties["documents"].append(doc_id)
                properties["document_count"] += 1
            properties["mention_count"] += 1
            properties["confidence"] = max(properties["confidence"], resolved.confidence)
            if resolved.resolved_by == "user":
                properties["resolved_by"] = "user"
            properties["mentions"].append(_evidence(parsed, resolved))
    return {"type": "FeatureCollection", "features": list(features.values())}


def to_csv_rows(parsed_docs: Iterable[ParsedDocument]) -> Iterator[dict[str, Any]]:
    """One row per mention (unresolved and demonyms too), keyed by :data:`CSV_COLUMNS`.

    ``alternatives`` lists the next-best places as ``name (id)`` joined by ``; ``;
    ``resolved_by`` is ``user`` for a place a correction chose.

    Text cells that a spreadsheet would run as a formula get a leading
    apostrophe (OWASP's rule): those starting with ``=``, ``+``, ``-``, ``@``,
    tab or carriage return, also after leading spaces of any kind, NUL or
    other control characters, zero-width or direction marks, and the
    full-width or small forms (``＝``, ``＋``, ``－``, ``＠``...). Numbers
    stay numbers. Unknown values are None.
    """
    for parsed in parsed_docs:
        document = parsed.document
        for resolved in parsed.mentions:
            mention, place = resolved.mention, resolved.place
            row: dict[str, Any] = {
                "doc_id": document.id,
                "title": document.title,
                "source": document.source,
                "url": document.url,
                "date": document.date,
                "sentence": parsed.sentence_text(mention),
                "name": mention.name,
                "start": mention.start,
                "end": mention.end,
                "place_id": None,
                "geonameid": None,
                "place_name": None,
                "kind": None,
                "country_code": None,
                "lat": None,
                "lon": None,
                "confidence": resolved.confidence,
                "label": mention.label,
                "resolved_by": resolved.resolved_by,
                "alternatives": "; ".join(f"{p.name} ({p.id})" for p in resolved.alternatives) or None,
            }
            if place is not None:
                row.update(
                    place_id=place.id,
                    geonameid=place.geonameid,
                    place_name=place.display_name,
                    kind=place.kind,
                    country_code=place.country_code,
                    lat=_round(place.lat),
                    lon=_round(place.lon),
                )
            yield {key: _defused(value) for key, value in row.items()}


def write_csv(parsed_docs: Iterable[ParsedDocument], fp: IO[str]) -> None:
    """Write :func:`to_csv_rows` with a header; open ``fp`` with ``newline=""``."""
    writer = csv.DictWriter(fp, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(to_csv_rows(parsed_docs))


def to_eval_record(parsed_doc: ParsedDocument, *, include_demonyms: bool = False) -> dict[str, Any]:
    """The JSONL record of a document (the format of ``../shared/eval``).

    Every place mention is a toponym, with null coordinates when unresolved;
    demonyms are added only with ``include_demonyms`` and a place. ``geonameid``
    is a string or None. ``text[start:end] == name`` holds for every toponym.

    Raises
    ------
    ExportError
        When a mention's offsets do not give its name in the document's text.
    """
    document = parsed_doc.document
    toponyms = []
    for resolved in parsed_doc.mentions:
        mention, place = resolved.mention, resolved.place
        if mention.label != "place" and not (include_demonyms and place is not None):
            continue
        if document.text[mention.start : mention.end] != mention.name:
            raise ExportError(f"{document.id}: text[{mention.start}:{mention.end}] is not {mention.name!r}")
        toponyms.append(
            {
                "start": mention.start,
                "end": mention.end,
                "name": mention.name,
                "lat": None if place is None else place.lat,
                "lon": None if place is None else place.lon,
                "geonameid": None if place is None or place.geonameid is None else str(place.geonameid),
                "kind": None if place is None else place.kind,
                "country_code": None if place is None else place.country_code,
                "confidence": resolved.confidence,
                "sentence": parsed_doc.sentence_text(mention),
                "label": mention.label,
                "resolved_by": resolved.resolved_by,
            }
        )
    return {"id": document.id, **_document_fields(document), "text": document.text, "toponyms": toponyms}


def write_jsonl(parsed_docs: Iterable[ParsedDocument], fp: IO[str], *, include_demonyms: bool = False) -> None:
    """Write one :func:`to_eval_record` per line (UTF-8 text, not ASCII-escaped)."""
    for parsed in parsed_docs:
        record = to_eval_record(parsed, include_demonyms=include_demonyms)
        fp.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_geojson(
    parsed_docs: Iterable[ParsedDocument],
    fp: IO[str],
    *,
    per: str = "place",
    include_demonyms: bool = False,
    shapes: ShapeSource | None = None,
) -> None:
    """Write :func:`to_geojson` as one JSON document; with ``shapes`` (e.g. ``Gazetteer().shapes``)
    areas are drawn as their polygons (see :mod:`mapview.area_geometry`)."""
    collection = to_geojson(parsed_docs, per=per, include_demonyms=include_demonyms)
    if shapes is not None:
        from mapview.area_geometry import attach_shapes

        attach_shapes(collection, shapes)
    json.dump(collection, fp, ensure_ascii=False)


def write(
    parsed_docs: Iterable[ParsedDocument],
    fp: IO[str],
    format: str,
    *,
    shapes: ShapeSource | None = None,
    include_demonyms: bool = False,
) -> None:
    """Write in one of :data:`EXPORT_FORMATS`.

    ``shapes`` draws areas as polygons in GeoJSON; ``include_demonyms`` counts
    demonyms as mentions of their country (GeoJSON and JSONL).

    Raises
    ------
    ExportError
        For any other format (checked before anything is read or written).
    """
    if format not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {format!r} (one of {', '.join(EXPORT_FORMATS)})")
    if format == "geojson":
        write_geojson(parsed_docs, fp, include_demonyms=include_demonyms, shapes=shapes)
    elif format == "jsonl":
        write_jsonl(parsed_docs, fp, include_demonyms=include_demonyms)
    else:
        write_csv(parsed_docs, fp)


def _mapped(parsed: ParsedDocument, include_demonyms: bool) -> Iterator[ResolvedMention]:
    for resolved in parsed.mentions:
        if resolved.place is not None and (include_demonyms or resolved.mention.label == "place"):
            yield resolved


def _feature(place: Place, document: Document | None) -> dict[str, Any]:
    """An empty Feature for a place, or for a place in one document."""
    properties: dict[str, Any] = {
        "id": place.id,
        "geonameid": place.geonameid,
        "name": place.display_name,
        "geonames_name": place.name,
        "kind": place.kind,
        "country_code": place.country_code,
        "admin1": place.admin1,
        "population": place.population,
    }
    if document is not None:
        properties.update(doc_id=document.id, **_document_fields(document))
    properties.update(documents=[], document_count=0, mention_count=0, confidence=0.0, resolved_by="model", mentions=[])
    return {
        "type": "Feature",
        "id": place.id if document is None else f"{place.id}|{document.id}",
        "geometry": {"type": "Point", "coordinates": [_round(place.lon), _round(place.lat)]},
        "properties": properties,
    }


def _evidence(parsed: ParsedDocument, resolved: ResolvedMention) -> dict[str, Any]:
    mention = resolved.mention
    return {
        "doc_id": parsed.document.id,
        **_document_fields(parsed.document),
        "sentence": parsed.sentence_text(mention),
        "start": mention.start,
        "end": mention.end,
        "name": mention.name,
        "sentence_start": mention.sentence.start,
        "sentence_end": mention.sentence.end,
        "confidence": resolved.confidence,
        "resolved_by": resolved.resolved_by,
    }


def _document_fields(document: Document) -> dict[str, Any]:
    return {"title": document.title, "source": document.source, "url": document.url, "date": document.date}


def _round(value: float) -> float:
    return round(value, COORDINATE_DECIMALS)


def _defused(value: Any) -> Any:
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value
