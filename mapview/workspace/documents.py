"""Stored documents back as :class:`~mapview.records.ParsedDocument` records, for the exports.

The exports (:mod:`mapview.export`) take parsed documents; reading them back
from the workspace — with the places as stored there — means one export code
path for ``parse`` and for a workspace.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from gazetteer import Place
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention, Span
from mapview.workspace.queries import stored_places
from mapview.workspace.selection import Selection
from mapview.workspace.store import Workspace


def parsed_documents(workspace: Workspace, selection: Selection | None = None) -> Iterator[ParsedDocument]:
    """The shown documents (all of them by default), by date then id, each with its mentions in text order.

    A document's ``date`` is its ISO date when it has one, else the date as written.
    Mentions carry the answers in force (corrections applied) and ``resolved_by``.
    """
    selection = selection if selection is not None else Selection()
    where, params = selection.sql("d")
    places = _PlaceCache(workspace)
    for pk, doc_id, title, source, url, date, text in workspace.iterate(
        f"""SELECT d.pk, d.id, d.title, d.source, d.url, coalesce(d.date, d.date_text), d.text
            FROM documents d WHERE {where} ORDER BY d.date IS NULL, d.date, d.id""",
        tuple(params),
    ):
        document = Document(id=doc_id, text=text, title=title, source=source, url=url, date=date)
        mentions = []
        for start, end, name, label, s_start, s_end, place_id, confidence, alternatives, by in workspace.query(
            """SELECT char_start, char_end, name, label, sent_start, sent_end, place, confidence, alternatives,
                      resolved_by
               FROM mentions WHERE doc = ? ORDER BY char_start, char_end""",
            (pk,),
        ):
            mention = Mention(start, end, name, Span(s_start, s_end), label)
            others = tuple(p for p in map(places.get, json.loads(alternatives)) if p is not None)
            mentions.append(ResolvedMention(mention, places.get(place_id), confidence, others, by))
        yield ParsedDocument(document, tuple(mentions))


class _PlaceCache:
    """Places of the workspace by id, read once each."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._places: dict[str, Place | None] = {}

    def get(self, place_id: str | None) -> Place | None:
        if place_id is None:
            return None
        if place_id not in self._places:
            self._places[place_id] = stored_places(self._workspace, [place_id]).get(place_id)
        return self._places[place_id]
