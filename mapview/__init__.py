"""mapview: find the places reports name, resolve them offline, and map them with their evidence.

>>> import mapview
>>> docs = mapview.load_documents(["reports/"])              # doctest: +SKIP
>>> for parsed in mapview.parse_documents(docs):            # doctest: +SKIP
...     print(parsed.document.id, [m.place.name for m in parsed.mentions if m.place])
"""

from typing import TYPE_CHECKING, Any

from mapview.exc import MapviewError
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention, Span

if TYPE_CHECKING:  # what __getattr__ imports on first use, for type checkers
    from mapview.documents import load_documents
    from mapview.pipeline import Geoparser, parse_documents

__all__ = [
    "Document",
    "Geoparser",
    "MapviewError",
    "Mention",
    "ParsedDocument",
    "ResolvedMention",
    "Span",
    "load_documents",
    "parse_documents",
]

_LAZY = {
    "load_documents": "mapview.documents",
    "parse_documents": "mapview.pipeline",
    "Geoparser": "mapview.pipeline",
}


def __getattr__(name: str) -> Any:
    # Lazy, so that `import mapview` loads neither spaCy nor the gazetteer index.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'mapview' has no attribute {name!r}")
