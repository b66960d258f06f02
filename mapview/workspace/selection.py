"""What the user has chosen to look at: one value that the map, the tables and the exports all follow.

>>> s = Selection().with_document("a", False)
>>> s.shows("a", None), s.shows("b", "2024-03-01")
(False, True)
>>> sorted(Selection().only_document("b").with_document("c", True).only)
['b', 'c']
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Selection:
    """Which documents are shown, and which mentions count.

    A document is shown when it is in ``only`` (None: every document), not in
    ``hidden``, and its date is within [``date_from``, ``date_to``] (ISO dates,
    inclusive, either end open when None) — or it has no date and ``undated``
    is True. ``demonyms``: whether demonym mentions ("Syrian forces") count as
    mentions of their country.
    """

    only: frozenset[str] | None = None
    hidden: frozenset[str] = frozenset()
    date_from: str | None = None
    date_to: str | None = None
    undated: bool = True
    demonyms: bool = False

    def shows(self, doc_id: str, date: str | None) -> bool:
        """Whether the document ``doc_id`` dated ``date`` (ISO, or None) is shown."""
        if not self.switched_on(doc_id):
            return False
        if date is None:
            return self.undated
        return (self.date_from is None or date >= self.date_from) and (self.date_to is None or date <= self.date_to)

    def switched_on(self, doc_id: str) -> bool:
        """Whether the document is switched on (it is shown if its date passes the date filter too)."""
        return (self.only is None or doc_id in self.only) and doc_id not in self.hidden

    def with_document(self, doc_id: str, shown: bool) -> Selection:
        """This selection with one document turned on or off (its date filter still applies)."""
        if shown:
            only = None if self.only is None else self.only | {doc_id}
            return dataclasses.replace(self, only=only, hidden=self.hidden - {doc_id})
        if self.only is not None:
            return dataclasses.replace(self, only=self.only - {doc_id})
        return dataclasses.replace(self, hidden=self.hidden | {doc_id})

    def only_document(self, doc_id: str) -> Selection:
        """Just this document (the date filter still applies)."""
        return dataclasses.replace(self, only=frozenset({doc_id}), hidden=frozenset())

    def all_documents(self) -> Selection:
        """Every document (the date filter still applies)."""
        return dataclasses.replace(self, only=None, hidden=frozenset())

    def no_documents(self) -> Selection:
        """No document."""
        return dataclasses.replace(self, only=frozenset(), hidden=frozenset())

    @property
    def labels(self) -> tuple[str, ...]:
        """Mention labels that count as mentions of a place."""
        return ("place", "demonym") if self.demonyms else ("place",)

    def sql(self, alias: str = "d") -> tuple[str, list[Any]]:
        """A SQL condition on the ``documents`` table (as ``alias``) and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.only is not None:
            parts.append(f"{alias}.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(self.only)))
        if self.hidden:
            parts.append(f"{alias}.id NOT IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(sorted(self.hidden)))
        dated: list[str] = []
        if self.date_from is not None:
            dated.append(f"{alias}.date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            dated.append(f"{alias}.date <= ?")
            params.append(self.date_to)
        if dated or not self.undated:
            in_range = " AND ".join([f"{alias}.date IS NOT NULL", *dated])
            parts.append(f"(({in_range}) OR {alias}.date IS NULL)" if self.undated else f"({in_range})")
        return (" AND ".join(parts) or "1"), params
