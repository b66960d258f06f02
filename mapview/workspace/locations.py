"""Where the dashboard keeps the workspace of a corpus it was pointed at: one per corpus, in the cache."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from gazetteer.store import cache_dir


def corpus_workspace(path: str | os.PathLike[str]) -> Path:
    """The workspace for the corpus at ``path`` (a file or folder): keyed by its absolute path.

    >>> corpus_workspace("/data/reports.jsonl").name[:8]
    'reports-'
    """
    absolute = os.path.abspath(os.fspath(path))
    digest = hashlib.sha256(absolute.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(absolute).stem)[:40].strip("-") or "corpus"
    return cache_dir() / "workspaces" / f"{stem}-{digest}.mapview"
