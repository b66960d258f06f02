"""The one exception tree of :mod:`gazetteer`.

Every error the package raises on purpose derives from :class:`GazetteerError`;
each subclass also derives from the builtin it refines, so callers may catch
either.
"""

from __future__ import annotations


class GazetteerError(Exception):
    """Base class of every error raised by :mod:`gazetteer`."""


class InvalidQueryError(GazetteerError, ValueError):
    """Raised when a query or one of its options is not valid (a name that is not a ``str``,
    an id out of range, an unknown kind, a limit below 1, a point that is not a point)."""


class InvalidPlaceError(GazetteerError, ValueError):
    """Raised when a Place is built with impossible values (latitude beyond ±90, unknown kind)."""


class IndexBuildError(GazetteerError, RuntimeError):
    """Raised when the index cannot be compiled from the installed data packages."""


class IndexCorruptError(GazetteerError, RuntimeError):
    """Raised when an index file is truncated, not an index, or from another schema."""


class SourceMissingError(GazetteerError, ImportError):
    """Raised when a data package the index is built from is not installed."""


class CacheNotWritableError(GazetteerError, OSError):
    """Raised when the index has to be built but its folder cannot be written (a read-only cache)."""
