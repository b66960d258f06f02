"""A workspace's selection in the export formats (GeoJSON, CSV, JSONL), as text for a download."""

from __future__ import annotations

import io

from mapview.export import write
from mapview.workspace.documents import parsed_documents
from mapview.workspace.selection import Selection
from mapview.workspace.store import Workspace


def export_text(workspace: Workspace, selection: Selection, format: str) -> str:
    """What ``python -m mapview export`` writes for ``selection``, in one of the export formats."""
    out = io.StringIO(newline="")
    write(parsed_documents(workspace, selection), out, format)
    return out.getvalue()
