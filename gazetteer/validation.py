"""Checks on query arguments: each refuses bad input with :class:`~gazetteer.exc.InvalidQueryError`."""

from __future__ import annotations

import math
from collections.abc import Iterable

from gazetteer.exc import InvalidQueryError
from gazetteer.place import KINDS


def checked_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """``kinds`` (one kind or an iterable of them) as a non-empty tuple of known kinds.

    >>> checked_kinds("city")
    ('city',)
    """
    try:
        kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    except TypeError as exc:
        raise InvalidQueryError(
            f"kinds must be a kind or a list of kinds among {', '.join(KINDS)}; got {kinds!r}"
        ) from exc
    unknown = [k for k in kinds if not isinstance(k, str) or k not in KINDS]
    if unknown or not kinds:
        raise InvalidQueryError(f"kinds must be among {', '.join(KINDS)}; got {kinds!r}")
    return kinds


def check_text(value: object, what: str) -> None:
    """Refuse ``value`` unless it is a ``str`` that encodes to UTF-8 (no lone surrogates)."""
    if not isinstance(value, str):
        raise InvalidQueryError(f"{what} must be a str, not {type(value).__name__}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: not text SQLite can hold
        raise InvalidQueryError(f"{what} is not valid Unicode: {value!r}") from exc


def checked_point(lat: object, lon: object) -> tuple[float, float]:
    """(lat, lon) as finite floats within ±90 and ±180."""
    try:
        lat, lon = float(lat), float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError) as exc:
        raise InvalidQueryError(f"coordinates must be numbers, not {lat!r}, {lon!r}") from exc
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidQueryError(f"coordinates out of range: {lat}, {lon}")
    return lat, lon
