"""Which pipeline produced a result: the version a workspace records beside every parsed document.

A document parsed by the same version need not be parsed again. The version
changes when the gazetteer's data or build code, the spaCy pipeline package, or
the source of the modules that find and resolve mentions change — computed
without loading spaCy or the index, so checking a corpus for work stays cheap.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent
# The source files whose change changes what a document parses into (globs under mapview/).
PIPELINE_SOURCES = (
    "pipeline.py",
    "parallel.py",
    "records.py",
    "sentences.py",
    "resolver.py",
    "recognize/**/*.py",
    "resolve/**/*.py",
)


@dataclass(frozen=True, slots=True)
class PipelineVersion:
    """A short ``version`` string and the ``details`` it was computed from (JSON-ready)."""

    version: str
    details: dict[str, Any]


@functools.cache
def pipeline_version() -> PipelineVersion:
    """The version of the default pipeline (:func:`mapview.pipeline.default_geoparser`), once per process."""
    from gazetteer.store import fingerprint
    from mapview.recognize.model import PIPELINE_PACKAGES

    model = next((name for name in PIPELINE_PACKAGES if importlib.util.find_spec(name) is not None), None)
    details: dict[str, Any] = {
        "mapview": _distribution_version("mapview"),
        "code": _source_hash(),
        "gazetteer": fingerprint(require_shapes=False),
        "spacy": _distribution_version("spacy"),
        "model": None if model is None else f"{model} {_distribution_version(model)}",
    }
    text = json.dumps(details, sort_keys=True)
    return PipelineVersion(hashlib.sha256(text.encode()).hexdigest()[:16], details)


def _source_hash() -> str:
    digest = hashlib.sha256()
    files = sorted({path for pattern in PIPELINE_SOURCES for path in _PACKAGE.glob(pattern)})
    for path in files:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _distribution_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None
