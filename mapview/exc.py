"""The one exception tree of :mod:`mapview`."""

from __future__ import annotations


class MapviewError(Exception):
    """Base class of every error raised by :mod:`mapview`."""


class DocumentError(MapviewError, ValueError):
    """Raised (or reported) when a document cannot be read or parsed.

    ``path`` names the file (None for in-memory input), ``line`` the JSONL line,
    ``document_id`` the document once it has one. The message and these fields
    are valid Unicode (lone surrogates of odd file names are shown as U+FFFD).
    """

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, document_id: str | None = None
    ) -> None:
        from mapview.text_repair import repaired  # a file name that is not UTF-8 must not poison the message

        super().__init__(repaired(message))
        self.path = None if path is None else repaired(path)
        self.line = line
        self.document_id = None if document_id is None else repaired(document_id)


class InvalidRecordError(DocumentError):
    """Raised when a JSON or JSONL record is malformed; ``line`` is its JSONL line number."""


class RecordTooDeepError(InvalidRecordError):
    """Raised when a JSON value nests deeper than :data:`mapview.json_records.MAX_DEPTH`."""


class UnsupportedFormatError(DocumentError):
    """Raised when a file's type is not one the loaders read."""


class NotRegularFileError(DocumentError):
    """Raised when a path is a named pipe, socket or device, or a symbolic link to nothing: never opened."""


class DocumentParseError(DocumentError):
    """Reported when a document was read but could not be parsed (a bug, or its worker process died)."""


class WorkerSetupError(MapviewError, RuntimeError):
    """Raised when a parsing process cannot build its geoparser (no spaCy model, no gazetteer index)."""


class OutputError(MapviewError, ValueError):
    """Raised when an output path is refused: it is one of the inputs, or a file a folder given would read."""


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
