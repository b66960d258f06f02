"""Document dates as written → ISO 8601 calendar dates (``YYYY-MM-DD``), or None when not a full date.

The day is the one written (a time zone does not move it): a report dated
"2024-03-04T23:30:00-05:00" is a report of 4 March. A text naming no year,
month and day ("March 2024", "yesterday") is not a date: callers keep it as text.

>>> normalize_date("2024-03-04T23:30:00-05:00"), normalize_date("Mon, 4 Mar 2024 10:00:00 GMT")
('2024-03-04', '2024-03-04')
>>> normalize_date("4 March 2024"), normalize_date("March 2024"), normalize_date("soon")
('2024-03-04', None, None)
"""

from __future__ import annotations

import datetime as dt
import re

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_MAX_LENGTH = 100
# Two different defaults: a field the text does not give comes out different in the two parses.
_DEFAULTS = (dt.datetime(1904, 1, 1), dt.datetime(1908, 12, 28))


def normalize_date(text: str | None) -> str | None:
    """The calendar date ``text`` gives, as ``YYYY-MM-DD``; None when it gives no full date."""
    if text is None or not text.strip() or len(text) > _MAX_LENGTH:
        return None
    iso = _ISO_DAY.match(text)
    if iso:
        return _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    from dateutil import parser

    try:
        first, second = (parser.parse(text, default=default) for default in _DEFAULTS)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None
    return _valid(first.year, first.month, first.day)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
