"""What the dashboard's map is given: the places of a selection, and the evidence of the one opened.

The map runs in the browser (``frontend/``: Leaflet, clustering, popups built
from data); the page sends it these values on every run and the browser applies
only what changed (the places when :func:`places_key` changes). Nothing here
imports Streamlit.

>>> frontend_dir().joinpath("index.html").is_file()
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from mapview.webmap.assets import vendor_dir
from mapview.workspace import Selection, Workspace
from mapview.workspace.queries import MentionRecord, PlaceSummary, count_mentions, mention_records

PLACE_COLUMNS = ("id", "name", "kind", "country", "cc", "members", "lat", "lon", "mentions", "documents")
"""The columns of the places table the map is sent (one row per place): ``cc`` is the ISO country
code (countries are drawn as their outline), ``members`` the member countries of a region."""

EVIDENCE_LIMIT = 25
"""Sentences sent for the opened place's popup (the table below the map lists them all)."""

TILE_LAYERS: dict[str, dict[str, str]] = {
    "OpenStreetMap": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    },
}
"""Online tiles a user may switch on: the only requests that ever leave the machine."""

_BASEMAP_FILES = {
    "countries": ("basemap/countries.geojson", "world-atlas/countries-110m.geojson"),
    "provinces": ("basemap/admin1/",),
    "labels": ("basemap/labels.geojson",),
}
_STATIC_URL = "../../app/static/vendor/"  # from the component's frame (/component/NAME/) to the app's static files


def frontend_dir() -> Path:
    """The folder Streamlit serves as the map component (``index.html`` and its scripts)."""
    return Path(__file__).resolve().parent / "frontend"


def basemap_urls(vendor: Path | None = None) -> dict[str, str | None]:
    """URLs (relative to the map's frame) of the installed basemap layers; None for a missing one.

    ``provinces`` is a folder: ``<ISO code>.geojson`` in it holds a country's provinces.
    """
    vendor = vendor if vendor is not None else vendor_dir()
    urls: dict[str, str | None] = {}
    for layer, candidates in _BASEMAP_FILES.items():
        found = next((name for name in candidates if (vendor / name).exists()), None)
        urls[layer] = None if found is None else _STATIC_URL + found
    return urls


def places_table(places: list[PlaceSummary]) -> dict[str, Any]:
    """The places as ``{"columns": PLACE_COLUMNS, "rows": [...]}`` (compact: one list per place)."""
    from mapview.webmap.countries import country_name

    rows = [
        [
            p.id,
            p.display_name,
            p.kind,
            country_name(p.country_code),
            p.country_code,
            ",".join(p.members),
            round(p.lat, 5),
            round(p.lon, 5),
            p.mentions,
            p.documents,
        ]
        for p in places
    ]
    return {"columns": list(PLACE_COLUMNS), "rows": rows}


def places_key(workspace: Workspace, selection: Selection) -> str:
    """Changes exactly when the places of ``selection`` may have changed (new data or another selection)."""
    state = json.dumps([str(workspace.path), workspace.revision, _selection_state(selection)], sort_keys=True)
    return hashlib.sha1(state.encode()).hexdigest()[:16]


def evidence(workspace: Workspace, selection: Selection, place_id: str) -> dict[str, Any]:
    """The opened place's popup data: its first mentions (sentence, document) and how many there are."""
    records = mention_records(workspace, selection, place_id=place_id, limit=EVIDENCE_LIMIT)
    return {
        "id": place_id,
        "total": count_mentions(workspace, selection, place_id=place_id),
        "mentions": [_evidence_item(r) for r in records],
    }


def _evidence_item(record: MentionRecord) -> dict[str, Any]:
    return {
        "key": record.key,
        "doc_id": record.doc_id,
        "title": record.title,
        "source": record.source,
        "url": record.url,
        "date": record.date,
        "sentence": record.sentence,
        "sentence_start": record.sentence_start,
        "start": record.start,
        "end": record.end,
        "name": record.name,
        "resolved_by": record.resolved_by,
    }


def _selection_state(selection: Selection) -> dict[str, Any]:
    state = asdict(selection)
    for key in ("only", "hidden"):
        if state[key] is not None:
            state[key] = sorted(state[key])
    return state
