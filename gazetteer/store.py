"""Where the index lives, whether it is usable, and opening it (building it when it is not)."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sqlite3
from pathlib import Path

from gazetteer.exc import CacheNotWritableError, IndexCorruptError, SourceMissingError
from gazetteer.schema import SCHEMA_VERSION
from gazetteer.sources.packages import CURATED_DIR, source_versions
from gazetteer.sources.shapes import PACKAGE as SHAPES_PACKAGE
from gazetteer.sources.shapes import shapes_version

CACHE_ENV = "MAPVIEW_CACHE_DIR"
INDEX_NAME = "gazetteer.sqlite"
_SQLITE_MAGIC = b"SQLite format 3\x00"
# Files whose change changes what the index holds: a new build is due when they change.
_BUILD_CODE = (
    "folding.py",
    "ranking.py",
    "schema.py",
    "build.py",
    "geometry.py",
    "outlines.py",
    "points.py",
    "display.py",
    "sources",
)


def cache_dir() -> Path:
    """``$MAPVIEW_CACHE_DIR``, else ``$XDG_CACHE_HOME/mapview``, else ``~/.cache/mapview``."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mapview"


def default_index_path() -> Path:
    """The index file in :func:`cache_dir`."""
    return cache_dir() / INDEX_NAME


def fingerprint(*, require_shapes: bool = True) -> dict[str, str | None]:
    """Versions of the source packages and shapes file, and a hash of our curated tables and build code.

    Raises :class:`~gazetteer.exc.SourceMissingError` when a source is not installed; with
    ``require_shapes=False`` a missing shapes file gives None for it instead (see :func:`ensure_index`).
    """
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    files = sorted(CURATED_DIR.glob("*.tsv"))
    for name in _BUILD_CODE:
        target = package / name
        files += sorted(target.glob("*.py")) if target.is_dir() else [target]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    try:
        shapes: str | None = shapes_version()
    except SourceMissingError:
        if require_shapes:
            raise
        shapes = None
    return {
        **source_versions(),
        SHAPES_PACKAGE: shapes,
        "schema": SCHEMA_VERSION,
        "build": digest.hexdigest()[:16],
    }


def problem_with(path: Path, expected: dict[str, str | None]) -> str | None:
    """Why the index at ``path`` cannot be used (missing, corrupt, stale), or None if it can."""
    if not path.is_file():
        return "missing"
    try:
        with path.open("rb") as fp:
            header = fp.read(100)
        if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
            return "corrupt: not an SQLite file"
        page_size = int.from_bytes(header[16:18], "big") or 65536
        if page_size == 1:
            page_size = 65536
        pages = int.from_bytes(header[28:32], "big")
        if path.stat().st_size != page_size * pages:
            return "corrupt: truncated"
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
        finally:
            db.close()
    except (OSError, sqlite3.Error) as exc:
        return f"corrupt: {exc}"
    if meta.get("schema") != SCHEMA_VERSION or "fingerprint" not in meta:
        return "stale: built for another schema"
    built = json.loads(meta["fingerprint"])
    if expected.get(SHAPES_PACKAGE) is None:  # shapes not installed here: they cannot be compared
        built[SHAPES_PACKAGE] = None
    if built != expected:
        return "stale: the data packages or the build code changed"
    return None


def ensure_index(path: Path | None = None, *, progress: bool = False, force: bool = False) -> tuple[Path, str | None]:
    """Make sure a usable index is at ``path``; return it and why it was rebuilt (None if it was not).

    A lock in the cache folder lets only one process build; others wait, then use its file.
    Where the province shapes are not installed (the package used outside its checkout), a
    current index built with them is used as it is; building one needs them.
    """
    path = Path(path) if path is not None else default_index_path()
    expected = fingerprint(require_shapes=False)
    reason = "forced" if force else problem_with(path, expected)
    if reason is None:
        return path, None
    if expected[SHAPES_PACKAGE] is None:
        expected = fingerprint()  # raises SourceMissingError: an index cannot be built without the shapes
    from gazetteer.build import build_index  # heavy (shapely, numpy): only when building

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = open(path.parent / f".{path.name}.lock", "w")  # noqa: SIM115 (closed by the `with` below)
    except OSError as exc:
        raise CacheNotWritableError(
            f"the gazetteer index at {path} is {reason} and cannot be built there ({exc.strerror or exc}); "
            f"set {CACHE_ENV} to a writable folder (or pass --index PATH) and run "
            "`python -m gazetteer build`"
        ) from exc
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not force and problem_with(path, expected) is None:
            return path, None
        build_index(path, expected, progress=progress)
    if problem_with(path, expected) is not None:
        raise IndexCorruptError(f"the index just built at {path} does not validate")
    return path, reason


def connect(path: Path) -> sqlite3.Connection:
    """Open a validated index read-only."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        db.execute("PRAGMA query_only=1")
        db.execute("PRAGMA cache_size=-65536")
        return db
    except sqlite3.Error as exc:
        raise IndexCorruptError(f"cannot open the gazetteer index {path}: {exc}") from exc
