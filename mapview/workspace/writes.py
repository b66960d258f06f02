"""Writing parsed documents into a workspace, and taking documents out of it.

Each function runs inside the caller's :meth:`Workspace.transaction`, so a
batch of documents is stored whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable
from typing import Any

from gazetteer import Place
from mapview.dates import normalize_date
from mapview.provenance import PipelineVersion
from mapview.records import Document, ParsedDocument


def content_hash(document: Document) -> str:
    """The hash of a document's text: what decides whether it must be parsed again."""
    return hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).hexdigest()


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def pipeline_key(db: sqlite3.Connection, version: PipelineVersion) -> int:
    """The row of ``version`` in ``pipelines`` (added on first use)."""
    db.execute(
        "INSERT INTO pipelines (version, details, first_used) VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING",
        (version.version, json.dumps(version.details, sort_keys=True), now()),
    )
    row = db.execute("SELECT pk FROM pipelines WHERE version = ?", (version.version,)).fetchone()
    return int(row[0])


def store_document(db: sqlite3.Connection, parsed: ParsedDocument, *, pipeline: int, origin: str) -> int:
    """Insert or replace one parsed document and its mentions; returns the document's row key.

    A document already stored under the same id keeps its row (and the time it
    was added); its text, fields and mentions are replaced.
    """
    document = parsed.document
    stamp = now()
    row = db.execute(
        """INSERT INTO documents (id, content_hash, title, source, url, date, date_text, text, origin, pipeline,
                                  added_at, parsed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, title = excluded.title,
               source = excluded.source, url = excluded.url, date = excluded.date, date_text = excluded.date_text,
               text = excluded.text, pipeline = excluded.pipeline, parsed_at = excluded.parsed_at
           RETURNING pk""",
        (
            document.id,
            content_hash(document),
            document.title,
            document.source,
            document.url,
            normalize_date(document.date),
            document.date,
            document.text,
            origin,
            pipeline,
            stamp,
            stamp,
        ),
    ).fetchone()
    doc_pk = int(row[0])
    db.execute("DELETE FROM mentions WHERE doc = ?", (doc_pk,))
    places: dict[str, Place] = {}
    mentions: list[tuple[Any, ...]] = []
    for resolved in parsed.mentions:
        mention, place = resolved.mention, resolved.place
        for candidate in (place, *resolved.alternatives):
            if candidate is not None:
                places[candidate.id] = candidate
        place_id = None if place is None else place.id
        mentions.append(
            (
                doc_pk,
                mention.start,
                mention.end,
                mention.name,
                mention.label,
                mention.sentence.start,
                mention.sentence.end,
                place_id,
                resolved.confidence,
                json.dumps([p.id for p in resolved.alternatives]),
                place_id,
            )
        )
    store_places(db, places.values())
    db.executemany(
        """INSERT INTO mentions (doc, char_start, char_end, name, label, sent_start, sent_end, model_place,
                                 confidence, alternatives, place)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        mentions,
    )
    return doc_pk


def store_places(db: sqlite3.Connection, places: Iterable[Place]) -> None:
    """Keep a copy of each place's fields, so reading a workspace needs no gazetteer."""
    db.executemany(
        """INSERT INTO places (id, geonameid, name, display_name, kind, country_code, admin1, lat, lon,
                               population, members)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET geonameid = excluded.geonameid, name = excluded.name,
               display_name = excluded.display_name, kind = excluded.kind, country_code = excluded.country_code,
               admin1 = excluded.admin1, lat = excluded.lat, lon = excluded.lon,
               population = excluded.population, members = excluded.members""",
        [
            (
                p.id,
                p.geonameid,
                p.name,
                p.display_name,
                p.kind,
                p.country_code,
                p.admin1,
                p.lat,
                p.lon,
                p.population,
                ",".join(p.members),
            )
            for p in places
        ],
    )


def update_fields(db: sqlite3.Connection, document: Document) -> bool:
    """Refresh a stored document's title, source, url and date; True when one of them changed."""
    cursor = db.execute(
        """UPDATE documents SET title = ?, source = ?, url = ?, date = ?, date_text = ?
           WHERE id = ? AND (title IS NOT ? OR source IS NOT ? OR url IS NOT ? OR date_text IS NOT ?)""",
        (
            document.title,
            document.source,
            document.url,
            normalize_date(document.date),
            document.date,
            document.id,
            document.title,
            document.source,
            document.url,
            document.date,
        ),
    )
    return cursor.rowcount > 0


def remove_documents(db: sqlite3.Connection, doc_ids: Iterable[str]) -> int:
    """Delete documents (and their mentions) by id; returns how many there were."""
    cursor = db.execute(
        "DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(doc_ids)),)
    )
    return cursor.rowcount
