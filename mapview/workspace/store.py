"""Opening a workspace file: validated, migrated, in WAL mode; never overwritten when it is not ours.

>>> ws = Workspace.open("corpus.mapview", create=True)     # doctest: +SKIP
>>> ws.readonly, ws.revision                               # doctest: +SKIP
(False, 0)
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mapview.exc import (
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    WorkspaceCorruptError,
    WorkspaceError,
    WorkspaceVersionError,
)
from mapview.workspace.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

_SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 30_000
"""How long a write waits for another writer's transaction before giving up."""


class Workspace:
    """An open workspace file. Use :meth:`open`; close it (or use ``with``) when done.

    One connection, shared by the threads of a process under a lock (the
    dashboard serves several sessions from one process). Reads see committed
    data only; writes go through :meth:`transaction`.
    """

    def __init__(self, path: Path, db: sqlite3.Connection, *, readonly: bool) -> None:
        self.path = path
        self.readonly = readonly
        self._db = db
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, create: bool = False, readonly: bool = False) -> Workspace:
        """Open the workspace at ``path``.

        Parameters
        ----------
        create
            Create an empty workspace when ``path`` does not exist (atomically:
            a half-created file is never left behind).
        readonly
            Open for reading only. A file (or folder) this process cannot write
            is opened read-only even when this is False; :attr:`readonly` says which.

        Raises
        ------
        NotAWorkspaceError
            The file exists but is not a workspace (empty, not SQLite, or another database).
        WorkspaceCorruptError
            The file is truncated or damaged.
        WorkspaceVersionError
            A newer mapview wrote it, or it needs migrating and cannot be written.
        WorkspaceError
            ``path`` does not exist (and ``create`` is False) or cannot be opened.
        """
        path = Path(path)
        if not path.exists():
            if not create or readonly:
                raise WorkspaceError(f"{path}: no such workspace", path=str(path))
            _create(path)
        _check_file(path)
        readonly = readonly or not _writable(path)
        db = _connect(path, readonly)
        try:
            _check_schema(db, path, readonly)
            if not readonly:  # only once the file is known to be ours: this writes to its header
                db.execute("PRAGMA journal_mode = WAL")
        except BaseException:
            db.close()
            raise
        return cls(path, db, readonly=readonly)

    def close(self) -> None:
        """Close the file (later calls fail)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r}{', read-only' if self.readonly else ''})"

    @property
    def revision(self) -> int:
        """A number that grows with every committed change (for caches keyed on the content)."""
        row = self.query("SELECT value FROM meta WHERE key = 'revision'")
        return int(row[0][0]) if row else 0

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read-only SQL statement."""
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.DatabaseError as exc:
                raise _database_error(self.path, exc) from exc

    def iterate(self, sql: str, params: tuple[Any, ...] = (), *, batch: int = 500) -> Iterator[tuple[Any, ...]]:
        """Rows of one read-only SQL statement, fetched in batches (for streams of documents)."""
        offset = 0
        while True:
            rows = self.query(f"{sql} LIMIT {int(batch)} OFFSET {offset}", params)
            yield from rows
            if len(rows) < batch:
                return
            offset += batch

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: everything in it is committed together or not at all.

        Waits up to :data:`BUSY_TIMEOUT_MS` for another process's write to end.
        Raises :class:`ReadOnlyWorkspaceError` on a read-only workspace.
        """
        if self.readonly:
            raise ReadOnlyWorkspaceError(f"{self.path} is open read-only", path=str(self.path))
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.DatabaseError as exc:
                raise _database_error(self.path, exc) from exc
            try:
                yield self._db
                self._db.execute(
                    "INSERT INTO meta (key, value) VALUES ('revision', '1') ON CONFLICT (key)"
                    " DO UPDATE SET value = CAST(value AS INTEGER) + 1"
                )
                self._db.execute("COMMIT")
            except BaseException as exc:
                self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.DatabaseError):
                    raise _database_error(self.path, exc) from exc
                raise

    @contextlib.contextmanager
    def exclusive(self, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the workspace's ingest lock: one ingest at a time; others wait here.

        ``on_wait`` is called once with a message when another process holds it.
        """
        if self.readonly:
            raise ReadOnlyWorkspaceError(f"{self.path} is open read-only", path=str(self.path))
        lock_path = self.path.with_name(f".{self.path.name}.lock")
        with open(lock_path, "a+") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.seek(0)
                holder = lock.read().strip() or "another process"
                if on_wait is not None:
                    on_wait(f"waiting for another ingest into {self.path} ({holder}) to finish…")
                fcntl.flock(lock, fcntl.LOCK_EX)
            lock.seek(0)
            lock.truncate()
            lock.write(f"pid {os.getpid()}")
            lock.flush()
            try:
                yield
            finally:
                lock.truncate(0)
                fcntl.flock(lock, fcntl.LOCK_UN)


def _create(path: Path) -> None:
    """A new, empty workspace at ``path``, made beside it and linked into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    db = sqlite3.connect(tmp, isolation_level=None)
    try:
        db.execute("BEGIN")
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _migrate(db, 0)
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode = WAL")
    finally:
        db.close()
    try:
        os.link(tmp, path)  # fails when another process created it meanwhile: theirs stands
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def _check_file(path: Path) -> None:
    if not path.is_file():
        raise NotAWorkspaceError(f"{path} is not a file", path=str(path))
    try:
        with path.open("rb") as fp:
            header = fp.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise WorkspaceError(f"{path}: cannot read ({exc.strerror or exc})", path=str(path)) from exc
    if not header:
        raise NotAWorkspaceError(f"{path} is empty: not a mapview workspace", path=str(path))
    if not header.startswith(_SQLITE_MAGIC):
        raise NotAWorkspaceError(f"{path} is not a mapview workspace (not an SQLite file)", path=str(path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if len(header) < 100 or size < page_size * int.from_bytes(header[28:32], "big"):
        raise WorkspaceCorruptError(f"{path} is truncated (a damaged workspace); it was left as it is", path=str(path))


def _writable(path: Path) -> bool:
    # WAL mode writes a -wal and a -shm file beside the database: the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    try:
        if readonly:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, isolation_level=None)
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except sqlite3.OperationalError:
                # A WAL file in a folder we cannot write: read the file as it is.
                db.close()
                db = sqlite3.connect(
                    f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False, isolation_level=None
                )
        else:
            db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA cache_size = -32768")
        return db
    except sqlite3.DatabaseError as exc:
        raise _database_error(path, exc) from exc


def _check_schema(db: sqlite3.Connection, path: Path, readonly: bool) -> None:
    try:
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _database_error(path, exc) from exc
    if application_id != APPLICATION_ID:
        raise NotAWorkspaceError(f"{path} is an SQLite database but not a mapview workspace", path=str(path))
    if version > SCHEMA_VERSION:
        raise WorkspaceVersionError(
            f"{path} was written by a newer mapview (workspace schema {version}; this one reads up to"
            f" {SCHEMA_VERSION}): upgrade mapview to open it",
            path=str(path),
        )
    if version < SCHEMA_VERSION:
        if readonly:
            raise WorkspaceVersionError(
                f"{path} uses workspace schema {version} and needs migrating to {SCHEMA_VERSION},"
                " which needs write access",
                path=str(path),
            )
        try:
            db.execute("BEGIN IMMEDIATE")
            _migrate(db, version)
            db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            db.execute("ROLLBACK")
            raise _database_error(path, exc) from exc


def _migrate(db: sqlite3.Connection, version: int) -> None:
    """Apply every migration after ``version`` (inside the caller's transaction, if any)."""
    for target in sorted(v for v in MIGRATIONS if v > version):
        for statement in _statements(MIGRATIONS[target]):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {target}")


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _database_error(path: Path, exc: sqlite3.DatabaseError) -> WorkspaceError:
    message = str(exc)
    if isinstance(exc, sqlite3.OperationalError):
        if "readonly" in message.replace(" ", ""):
            return ReadOnlyWorkspaceError(f"{path} cannot be written ({message})", path=str(path))
        if "locked" in message or "busy" in message:
            return WorkspaceError(f"{path} is busy: another process is writing to it ({message})", path=str(path))
    damaged = not isinstance(exc, sqlite3.OperationalError) or any(
        word in message for word in ("malformed", "not a database", "disk image")
    )
    if damaged:
        return WorkspaceCorruptError(f"{path} is damaged ({message}); it was left as it is", path=str(path))
    return WorkspaceError(f"{path}: {message}", path=str(path))
