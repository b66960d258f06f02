"""The workspace: a corpus parsed once into one SQLite file, then queried by the page, the CLI and exports.

>>> from mapview.workspace import Workspace, Selection, ingest, queries   # doctest: +SKIP
>>> with Workspace.open("lgl.mapview", create=True) as ws:                 # doctest: +SKIP
...     ingest(ws, mapview.load_documents(["../shared/eval/lgl.jsonl"]))
...     queries.place_summaries(ws, Selection())[0].display_name
"""

from mapview.workspace.ingest import IngestReport, ingest
from mapview.workspace.selection import Selection
from mapview.workspace.store import Workspace

__all__ = ["IngestReport", "Selection", "Workspace", "ingest"]
