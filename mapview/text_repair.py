"""Lone surrogates out: every string that enters mapview is valid Unicode.

A Python ``str`` can hold code points U+D800–U+DFFF on their own: a JSON
``"\\ud800"`` escape, a file name that is not UTF-8 (decoded with
``surrogateescape``), a UTF-16 file with half a pair. They cannot be encoded
as UTF-8, so spaCy, SQLite, JSON writers and the page fail on them. The
loaders repair every field once, where documents are made; the pipeline does
it again for documents built by hand. A high surrogate followed by a low one
is joined into the character they encode; any other surrogate becomes
U+FFFD REPLACEMENT CHARACTER. Each repair is counted and reported.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TypeVar

REPLACEMENT = "\ufffd"
"""What a lone surrogate becomes."""

_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")
_FIELDS = ("id", "text", "title", "source", "url", "date")
_SLICE = 1 << 20

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Notice:
    """Something a caller should hear about that cost no document.

    ``kind`` is ``"repaired"`` (lone surrogates replaced in ``document_id``'s
    fields; ``count`` of them), ``"ignored"`` (a file a folder holds that is
    not of a type the loaders read) or ``"duplicate"`` (a file or folder
    reached again through a link, read once). ``message`` is one line for people.
    """

    kind: str
    message: str
    path: str | None = None
    document_id: str | None = None
    count: int = 1

    def __str__(self) -> str:
        return self.message


def repair_text(text: str) -> tuple[str, int]:
    """``text`` without surrogate code points, and how many were repaired.

    A lone surrogate becomes U+FFFD; a high one followed by a low one becomes
    the character the pair encodes (each counts as one repair). Linear in
    ``len(text)``; a string that encodes as UTF-8 is returned as is.

    >>> repair_text("Lone \\ud800 in Herat.")
    ('Lone \\ufffd in Herat.', 1)
    >>> repair_text("\\ud83d\\ude00")
    ('😀', 1)
    """
    if text.isascii() or not _has_surrogates(text):
        return text, 0

    def fix(match: re.Match[str]) -> str:
        pair = match.group()
        return pair.encode("utf-16-le", "surrogatepass").decode("utf-16-le") if len(pair) == 2 else REPLACEMENT

    return _SURROGATES.subn(fix, text)


def _has_surrogates(text: str) -> bool:
    # Encoding is the fastest test; by slices, so a 50 MB text is not copied whole.
    try:
        for start in range(0, len(text), _SLICE):
            text[start : start + _SLICE].encode("utf-8")
    except UnicodeEncodeError:
        return True  # (or a pair cut by a slice: the repair joins it again)
    return False


def repaired(text: str) -> str:
    """``text`` with lone surrogates replaced (for messages and names, where the count does not matter)."""
    return repair_text(text)[0]


def repair_fields(record: T) -> tuple[T, dict[str, int]]:
    """A dataclass record (e.g. :class:`~mapview.records.Document`) with its text fields repaired.

    Returns the record (the same object when nothing changed) and the count of
    replacements per field name (empty when none).
    """
    changes: dict[str, str] = {}
    counts: dict[str, int] = {}
    for name in _FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str):
            fixed, count = repair_text(value)
            if fixed != value:
                changes[name] = fixed
                counts[name] = count
    if not changes:
        return record, {}
    return dataclasses.replace(record, **changes), counts  # type: ignore[type-var]


def repair_notice(document_id: str, counts: dict[str, int], *, where: str | None = None) -> Notice:
    """The notice for a document whose fields :func:`repair_fields` changed."""
    total = sum(counts.values())
    fields = ", ".join(f"{name} ({n})" if len(counts) > 1 else name for name, n in counts.items())
    where = None if where is None else repaired(where)
    place = f"{where} (id {document_id})" if where and where != document_id else document_id
    plural = "" if total == 1 else "s"
    message = f"{place}: {total} surrogate code point{plural} repaired in {fields} (a lone one becomes U+FFFD)"
    return Notice("repaired", message, path=where, document_id=document_id, count=total)
