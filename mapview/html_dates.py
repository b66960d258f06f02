"""When a web page says it was published: the date in its metadata, as written.

Looked for, in this order: ``<meta property="article:published_time">``,
``og:published_time``, Dublin Core (``DC.date.issued``, ``DC.date``),
``<meta name="date">`` / ``pubdate`` / ``publish-date``, then the first
``<time datetime>``. Only the first :data:`SCAN_CHARS` characters are read, so
the cost is bounded whatever the page. The value is returned as written; the
workspace normalises it (:func:`mapview.dates.normalize_date`).

>>> published_date('<meta property="article:published_time" content="2024-03-04T10:00:00Z">')
'2024-03-04T10:00:00Z'
>>> published_date("<p>Posted <time datetime='2024-05-01'>May 1</time></p>"), published_date("<p>no date</p>")
('2024-05-01', None)
"""

from __future__ import annotations

import html
import re

SCAN_CHARS = 262_144
"""Metadata sits in the page's head; a ``<time>`` near its top."""

_META_KEYS = (
    "article:published_time",
    "og:published_time",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "date",
    "pubdate",
    "publish-date",
    "publication_date",
    "sailthru.date",
)
_TAG = re.compile(r"<(meta|time)\b([^<>]{0,2000})>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


def published_date(markup: str) -> str | None:
    """The publication date ``markup`` declares, as written (None when it declares none)."""
    found: dict[str, str] = {}
    for match in _TAG.finditer(markup, 0, SCAN_CHARS):
        attributes = {
            name.lower(): html.unescape(value.strip("\"'")).strip()
            for name, value in _ATTRIBUTE.findall(match.group(2))
        }
        if match.group(1).lower() == "time":
            if attributes.get("datetime"):
                found.setdefault("<time>", attributes["datetime"])
            continue
        key = (attributes.get("property") or attributes.get("name") or attributes.get("itemprop") or "").lower()
        if key in ("datepublished",):
            key = "article:published_time"
        if key in _META_KEYS and attributes.get("content"):
            found.setdefault(key, attributes["content"])
    for key in (*_META_KEYS, "<time>"):
        if found.get(key):
            return found[key][:100]
    return None
