"""A workspace's selection in the export formats, as text for a download or a file.

GeoJSON, CSV and JSONL come from :mod:`mapview.export`; Linked Places (LPF) and
KML are made from the per-place GeoJSON (:mod:`mapview.lpf`, :mod:`mapview.kml`).
"""

from __future__ import annotations

import io
import json

from mapview.export import ShapeSource, to_geojson, write
from mapview.workspace.documents import parsed_documents
from mapview.workspace.selection import Selection
from mapview.workspace.store import Workspace

WORKSPACE_FORMATS = ("jsonl", "geojson", "csv", "lpf", "kml")
"""Formats a workspace exports to."""


def export_text(
    workspace: Workspace, selection: Selection, format: str, *, bom: bool = False, shapes: ShapeSource | None = None
) -> str:
    """What ``python -m mapview export`` writes for ``selection`` in ``format``.

    ``bom``: start a CSV with a UTF-8 byte-order mark (Excel then reads it as UTF-8).
    ``shapes`` (e.g. ``Gazetteer().shapes``): draw areas as their polygons in GeoJSON,
    LPF and KML; without it every place is a point.
    """
    documents = parsed_documents(workspace, selection)
    if format in ("lpf", "kml"):
        from mapview.area_geometry import attach_shapes
        from mapview.kml import to_kml
        from mapview.lpf import to_lpf

        collection = to_geojson(documents, per="place", include_demonyms=selection.demonyms)
        if shapes is not None:
            attach_shapes(collection, shapes)
        if format == "kml":
            return to_kml(collection)
        return json.dumps(to_lpf(collection), ensure_ascii=False)
    out = io.StringIO(newline="")
    if bom and format == "csv":
        out.write("\ufeff")
    write(documents, out, format, shapes=shapes, include_demonyms=selection.demonyms)
    return out.getvalue()
