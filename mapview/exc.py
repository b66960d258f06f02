"""The one exception tree of :mod:`mapview`."""

from __future__ import annotations


class MapviewError(Exception):
    """Base class of every error raised by :mod:`mapview`."""


class DocumentError(MapviewError, ValueError):
    """Raised when a document cannot be read: binary, unreadable, or an invalid record.

    ``path`` names the file (None for in-memory input).
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class InvalidRecordError(DocumentError):
    """Raised when a JSON or JSONL record is malformed; ``line`` is its JSONL line number."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message, path=path)
        self.line = line


class UnsupportedFormatError(DocumentError):
    """Raised when a file's type is not one the loaders read."""


class ExportError(MapviewError, ValueError):
    """Raised when results cannot be written in the requested format."""


class RecognizerError(MapviewError, RuntimeError):
    """Raised when no spaCy pipeline can be loaded for recognition."""


class WorkspaceError(MapviewError):
    """Raised when a workspace cannot be opened, read or written. ``path`` names its file."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class NotAWorkspaceError(WorkspaceError, ValueError):
    """Raised when a file is not a mapview workspace (another SQLite database, or not SQLite)."""


class WorkspaceCorruptError(WorkspaceError, RuntimeError):
    """Raised when a workspace file is truncated or damaged; it is left as it is."""


class WorkspaceVersionError(WorkspaceError, RuntimeError):
    """Raised when a workspace was written by a newer mapview (a schema this one cannot read)."""


class ReadOnlyWorkspaceError(WorkspaceError, PermissionError):
    """Raised when writing to a workspace opened read-only (or whose file cannot be written)."""
