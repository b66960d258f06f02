"""Reading a workspace: the indexed queries behind the map, the tables, the caption and the exports.

Every query takes the :class:`~mapview.workspace.selection.Selection` the page
shows, so the map, the tables and the exports cannot disagree.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gazetteer import Place
from mapview.workspace.selection import Selection
from mapview.workspace.store import Workspace

_PLACE_ORDERS = {
    "mentions": "mentions DESC, documents DESC, p.display_name",
    "documents": "documents DESC, mentions DESC, p.display_name",
    "name": "p.display_name COLLATE NOCASE, p.id",
    "first": "first_date IS NULL, first_date, p.display_name",
    "last": "last_date IS NULL, last_date DESC, p.display_name",
}
PLACE_ORDERS = tuple(_PLACE_ORDERS)
"""How :func:`place_summaries` may sort."""


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    """A place the selection names, with how often and when. ``members``: member countries of a region."""

    id: str
    name: str
    display_name: str
    kind: str
    country_code: str | None
    admin1: str | None
    lat: float
    lon: float
    members: tuple[str, ...]
    mentions: int
    documents: int
    first_date: str | None
    last_date: str | None
    corrected: bool


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One mention with its sentence, its document and the place it stands for (None when unresolved).

    ``start``/``end`` index the document's text; ``sentence_start`` is where the
    sentence begins there. ``key`` identifies the mention in the workspace.
    ``resolved_by`` is ``"user"`` when a decision set the place in force
    (``decision``), else ``"model"``; ``origin`` is ``"user"`` for a place the
    user added. ``model_place_id`` is the model's answer.
    """

    key: int
    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    name: str
    label: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    place_id: str | None
    place_name: str | None
    kind: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    confidence: float
    resolved_by: str
    alternatives: tuple[str, ...]
    model_place_id: str | None
    decision: int | None
    origin: str


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document without its text. ``date`` is ISO (None when undated); ``date_text`` as written."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    date_text: str | None
    origin: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Totals:
    """Counts for the caption: documents in the workspace and shown, places and mentions shown."""

    documents: int
    shown_documents: int
    places: int
    mentions: int


def place_summaries(
    workspace: Workspace, selection: Selection, *, order: str = "mentions", limit: int | None = None
) -> list[PlaceSummary]:
    """Every place the shown documents name, with mention and document counts and first/last dates."""
    if order not in _PLACE_ORDERS:
        raise ValueError(f"order must be one of {', '.join(PLACE_ORDERS)}, not {order!r}")
    where, params = selection.sql("d")
    labels = ",".join("?" * len(selection.labels))
    rows = workspace.query(
        f"""SELECT p.id, p.name, p.display_name, p.kind, p.country_code, p.admin1, p.lat, p.lon, p.members,
                   count(*) AS mentions, count(DISTINCT m.doc) AS documents,
                   min(d.date) AS first_date, max(d.date) AS last_date, max(m.resolved_by = 'user')
            FROM mentions m JOIN documents d ON d.pk = m.doc JOIN places p ON p.id = m.place
            WHERE m.label IN ({labels}) AND {where}
            GROUP BY m.place ORDER BY {_PLACE_ORDERS[order]}{_limit(limit)}""",
        (*selection.labels, *params),
    )
    return [
        PlaceSummary(
            id=row[0],
            name=row[1],
            display_name=row[2],
            kind=row[3],
            country_code=row[4],
            admin1=row[5],
            lat=row[6],
            lon=row[7],
            members=tuple(row[8].split(",")) if row[8] else (),
            mentions=row[9],
            documents=row[10],
            first_date=row[11],
            last_date=row[12],
            corrected=bool(row[13]),
        )
        for row in rows
    ]


def mention_records(
    workspace: Workspace,
    selection: Selection,
    *,
    place_id: str | None = None,
    doc_id: str | None = None,
    resolved_only: bool = True,
    order: str = "document",
    offset: int = 0,
    limit: int | None = None,
    mention_key: int | None = None,
) -> list[MentionRecord]:
    """Mentions in the shown documents: of one place, of one document, or all; in text order.

    ``resolved_only`` leaves out mentions with no place. ``order``:
    ``"document"`` (documents by date then id, mentions in text order) or
    ``"confidence"`` (least confident first: the review order).
    """
    where, params = _mention_filter(selection, place_id, doc_id, resolved_only)
    if mention_key is not None:
        where += " AND m.pk = ?"
        params.append(mention_key)
    ordering = {
        "document": "d.date IS NULL, d.date, d.id, m.char_start",
        "confidence": "m.resolved_by = 'user', m.confidence, d.id, m.char_start",
    }.get(order)
    if ordering is None:
        raise ValueError(f"order must be 'document' or 'confidence', not {order!r}")
    rows = workspace.query(
        f"""SELECT m.pk, d.id, d.title, d.source, d.url, coalesce(d.date, d.date_text), m.name, m.label,
                   m.char_start, m.char_end, substr(d.text, m.sent_start + 1, m.sent_end - m.sent_start),
                   m.sent_start, p.id, p.display_name, p.kind, p.country_code, p.lat, p.lon, m.confidence,
                   m.resolved_by, m.alternatives, m.model_place, m.decision, m.origin
            FROM mentions m JOIN documents d ON d.pk = m.doc LEFT JOIN places p ON p.id = m.place
            WHERE {where} ORDER BY {ordering}{_limit(limit, offset)}""",
        tuple(params),
    )
    return [_mention_record(row) for row in rows]


def _mention_record(row: tuple[Any, ...]) -> MentionRecord:
    fields = [f.name for f in dataclasses.fields(MentionRecord)]
    values = dict(zip(fields, row, strict=True))
    values["alternatives"] = tuple(json.loads(values["alternatives"]))
    return MentionRecord(**values)


def count_mentions(
    workspace: Workspace,
    selection: Selection,
    *,
    place_id: str | None = None,
    doc_id: str | None = None,
    resolved_only: bool = True,
) -> int:
    """How many rows :func:`mention_records` would give without a limit."""
    where, params = _mention_filter(selection, place_id, doc_id, resolved_only)
    return int(
        workspace.query(
            f"SELECT count(*) FROM mentions m JOIN documents d ON d.pk = m.doc WHERE {where}", tuple(params)
        )[0][0]
    )


def document_summaries(
    workspace: Workspace, *, search: str | None = None, offset: int = 0, limit: int | None = None
) -> list[DocumentSummary]:
    """Stored documents, newest date first then by id; ``search`` matches title or id (case-insensitive)."""
    where, params = _document_search(search)
    rows = workspace.query(
        f"""SELECT d.id, d.title, d.source, d.url, d.date, d.date_text, d.origin,
                   (SELECT count(*) FROM mentions m WHERE m.doc = d.pk AND m.place IS NOT NULL
                                                     AND m.label = 'place')
            FROM documents d WHERE {where}
            ORDER BY d.date IS NULL, d.date DESC, d.id{_limit(limit, offset)}""",
        tuple(params),
    )
    return [DocumentSummary(*row) for row in rows]


def count_documents(workspace: Workspace, *, search: str | None = None) -> int:
    """How many documents :func:`document_summaries` would give without a limit."""
    where, params = _document_search(search)
    return int(workspace.query(f"SELECT count(*) FROM documents d WHERE {where}", tuple(params))[0][0])


def document_ids(workspace: Workspace, *, search: str | None = None) -> list[str]:
    """The ids of the stored documents (matching ``search``), in :func:`document_summaries` order."""
    where, params = _document_search(search)
    return [
        row[0]
        for row in workspace.query(
            f"SELECT d.id FROM documents d WHERE {where} ORDER BY d.date IS NULL, d.date DESC, d.id", tuple(params)
        )
    ]


def totals(workspace: Workspace, selection: Selection) -> Totals:
    """Documents in the workspace and shown; places and mentions shown (as on the map)."""
    where, params = selection.sql("d")
    labels = ",".join("?" * len(selection.labels))
    documents, shown = workspace.query(f"SELECT count(*), coalesce(sum({where}), 0) FROM documents d", tuple(params))[0]
    places, mentions = workspace.query(
        f"""SELECT count(DISTINCT m.place), count(*) FROM mentions m JOIN documents d ON d.pk = m.doc
            WHERE m.place IS NOT NULL AND m.label IN ({labels}) AND {where}""",
        (*selection.labels, *params),
    )[0]
    return Totals(int(documents), int(shown), int(places), int(mentions))


def mention_by_key(workspace: Workspace, key: int) -> MentionRecord | None:
    """One mention (shown or not, resolved or not) by its key; None when there is no such mention."""
    records = mention_records(workspace, Selection(demonyms=True), resolved_only=False, mention_key=key)
    return records[0] if records else None


def stored_places(workspace: Workspace, ids: Iterable[str]) -> dict[str, Place]:
    """The workspace's copies of the places with these ids (ids it does not hold are left out)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = workspace.query(
        """SELECT id, geonameid, name, kind, country_code, admin1, lat, lon, population, members, display_name
           FROM places WHERE id IN (SELECT value FROM json_each(?))""",
        (json.dumps(wanted),),
    )
    return {row[0]: _place(row) for row in rows}


def find_places(workspace: Workspace, selection: Selection, text: str, *, limit: int = 20) -> list[PlaceSummary]:
    """Places of the selection whose name starts with ``text`` (or contains it), most mentioned first."""
    needle = text.strip().lower()
    if not needle:
        return []
    matches = [
        p for p in place_summaries(workspace, selection) if needle in p.display_name.lower() or needle in p.name.lower()
    ]
    matches.sort(
        key=lambda p: (
            not (p.display_name.lower().startswith(needle) or p.name.lower().startswith(needle)),
            -p.mentions,
        )
    )
    return matches[:limit]


def document_text(workspace: Workspace, doc_id: str) -> str | None:
    """The text of the document ``doc_id`` (None when there is no such document)."""
    rows = workspace.query("SELECT text FROM documents WHERE id = ?", (doc_id,))
    return str(rows[0][0]) if rows else None


def date_range(workspace: Workspace) -> tuple[str, str] | None:
    """The first and last document dates (ISO), or None when no document is dated."""
    first, last = workspace.query("SELECT min(date), max(date) FROM documents")[0]
    return None if first is None else (first, last)


def mentions_per_day(workspace: Workspace, selection: Selection) -> list[tuple[str, int]]:
    """``(ISO date, mentions of places)`` for each day a shown document is dated, in date order."""
    where, params = selection.sql("d")
    labels = ",".join("?" * len(selection.labels))
    rows = workspace.query(
        f"""SELECT d.date, count(*) FROM mentions m JOIN documents d ON d.pk = m.doc
            WHERE d.date IS NOT NULL AND m.place IS NOT NULL AND m.label IN ({labels}) AND {where}
            GROUP BY d.date ORDER BY d.date""",
        (*selection.labels, *params),
    )
    return [(str(day), int(count)) for day, count in rows]


def _place(row: tuple[Any, ...]) -> Place:
    pid, geonameid, name, kind, country_code, admin1, lat, lon, population, members, display_name = row
    return Place(
        id=pid,
        geonameid=geonameid,
        name=name,
        kind=kind,
        country_code=country_code,
        admin1=admin1,
        lat=lat,
        lon=lon,
        population=population,
        members=members.split(",") if members else (),
        display_name=display_name,
    )


def _mention_filter(
    selection: Selection, place_id: str | None, doc_id: str | None, resolved_only: bool
) -> tuple[str, list[Any]]:
    where, params = selection.sql("d")
    labels = ",".join("?" * len(selection.labels))
    parts, values = [f"m.label IN ({labels})", where], [*selection.labels, *params]
    if place_id is not None:
        parts.append("m.place = ?")
        values.append(place_id)
    elif resolved_only:
        parts.append("m.place IS NOT NULL")
    if doc_id is not None:
        parts.append("d.id = ?")
        values.append(doc_id)
    return " AND ".join(parts), values


def _document_search(search: str | None) -> tuple[str, list[Any]]:
    if not search or not search.strip():
        return "1", []
    pattern = "%" + search.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return ("(lower(coalesce(d.title, '')) LIKE ? ESCAPE '\\' OR lower(d.id) LIKE ? ESCAPE '\\')", [pattern, pattern])


def _limit(limit: int | None, offset: int = 0) -> str:
    if limit is None:
        return f" LIMIT -1 OFFSET {int(offset)}" if offset else ""
    return f" LIMIT {int(limit)} OFFSET {int(offset)}"
