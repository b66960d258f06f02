"""Parsed documents → what the dashboard shows: map layers and rows of the mentions table.

The features are :func:`mapview.export.to_geojson` with ``per="document"`` (one
per place and document), so the map shows exactly what the GeoJSON export
holds; each gets ``n_documents``, the number of documents of the corpus that
name the place, for its popup.
"""

from __future__ import annotations

import functools
import io
import json
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mapview.export import to_geojson, write_csv
from mapview.records import ParsedDocument
from mapview.webmap.builder import LayerSpec


@functools.cache
def country_name(code: str | None) -> str | None:
    """The ISO 3166 short name of an alpha-2 code (None when unknown)."""
    if not code:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return None if country is None else getattr(country, "common_name", None) or country.name


_MAP_PROPERTIES = ("id", "doc_id", "name", "kind", "country_code", "confidence")
_MAP_EVIDENCE = ("doc_id", "title", "source", "url", "date", "sentence", "sentence_start", "start", "end", "name")


def layer_specs(parsed_docs: Sequence[ParsedDocument]) -> list[LayerSpec]:
    """One :class:`LayerSpec` per document, in corpus order (empty layers included).

    Features are the export's, with only what markers and popups use (the
    page stays small): ``id`` (the place), ``doc_id``, ``name``, ``kind``,
    ``country_code``, ``confidence``, ``mentions`` (each with ``sentence``,
    offsets, ``name`` and the document's ``title``/``source``/``url``/``date``),
    plus ``n_documents`` (how many documents of the corpus name the place) and
    ``country_name`` (None when the code is unknown).
    """
    features = to_geojson(parsed_docs, per="document")["features"]
    named_in = Counter(f["properties"]["id"] for f in features)
    by_doc: dict[str, list[dict[str, Any]]] = {p.document.id: [] for p in parsed_docs}
    for feature in features:
        place = feature["properties"]
        properties = {key: place[key] for key in _MAP_PROPERTIES}
        properties["mentions"] = [{k: m[k] for k in _MAP_EVIDENCE} for m in place["mentions"]]
        properties["n_documents"] = named_in[place["id"]]
        properties["country_name"] = country_name(place["country_code"])
        by_doc[place["doc_id"]].append(
            {"type": "Feature", "id": feature["id"], "geometry": feature["geometry"], "properties": properties}
        )
    return [
        LayerSpec(p.document.id, p.document.title or p.document.id, by_doc[p.document.id])
        for p in parsed_docs
    ]


@dataclass(frozen=True, slots=True)
class MentionRow:
    """One row of the mentions table. ``place_id`` etc. are None for unresolved mentions."""

    doc_id: str
    document: str
    sentence: str
    name: str
    place: str | None
    kind: str | None
    country_code: str | None
    confidence: float
    place_id: str | None
    start: int
    end: int


def mention_rows(
    parsed_docs: Iterable[ParsedDocument], *, visible: Collection[str] | None = None
) -> list[MentionRow]:
    """Every place mention of the documents in ``visible`` (None: all), in text order.

    Demonym mentions are left out, as on the map.
    """
    rows = []
    for parsed in parsed_docs:
        document = parsed.document
        if visible is not None and document.id not in visible:
            continue
        for resolved in parsed.mentions:
            mention, place = resolved.mention, resolved.place
            if mention.label != "place":
                continue
            rows.append(MentionRow(
                doc_id=document.id, document=document.title or document.id,
                sentence=parsed.sentence_text(mention), name=mention.name,
                place=None if place is None else place.name,
                kind=None if place is None else place.kind,
                country_code=None if place is None else place.country_code,
                confidence=resolved.confidence, place_id=None if place is None else place.id,
                start=mention.start, end=mention.end,
            ))
    return rows


def clicked_feature(value: Any) -> tuple[str, str] | None:
    """``(place_id, doc_id)`` of the marker st_folium reports as clicked, or None.

    ``value`` is st_folium's ``last_active_drawing`` (the clicked marker's
    GeoJSON Feature); anything else — a drawing, None — gives None.
    """
    if not isinstance(value, dict):
        return None
    properties = value.get("properties")
    if not isinstance(properties, dict):
        return None
    place_id, doc_id = properties.get("id"), properties.get("doc_id")
    if isinstance(place_id, str) and isinstance(doc_id, str):
        return place_id, doc_id
    return None


def selected_rows(rows: Sequence[MentionRow], feature: tuple[str, str] | None) -> list[int]:
    """Indexes of the rows of one marker (its place in its document)."""
    if feature is None:
        return []
    place_id, doc_id = feature
    return [i for i, row in enumerate(rows) if row.place_id == place_id and row.doc_id == doc_id]


def visible_documents(
    parsed_docs: Iterable[ParsedDocument], visible: Collection[str]
) -> list[ParsedDocument]:
    """The parsed documents whose id is in ``visible``, in corpus order."""
    return [p for p in parsed_docs if p.document.id in visible]


def geojson_text(parsed_docs: Iterable[ParsedDocument]) -> str:
    """The GeoJSON export of ``parsed_docs``: one Feature per place and document, as the map."""
    return json.dumps(to_geojson(parsed_docs, per="document"), ensure_ascii=False)


def csv_text(parsed_docs: Iterable[ParsedDocument]) -> str:
    """The CSV export of ``parsed_docs`` (one row per mention, with a header)."""
    out = io.StringIO(newline="")
    write_csv(parsed_docs, out)
    return out.getvalue()
