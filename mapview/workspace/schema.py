"""The workspace file's layout (SQLite) and the migrations that bring older files up to date.

A workspace is marked by ``PRAGMA application_id`` (:data:`APPLICATION_ID`) and
versioned by ``PRAGMA user_version`` (:data:`SCHEMA_VERSION`). A file of an
older version is migrated in place, in one transaction, when opened for
writing; a newer one is refused.

Offsets (``char_start``, ``char_end``, ``sent_start``, ``sent_end``) are Python
string indices into ``documents.text``; SQLite's ``substr`` counts the same
code points, so sentences are cut in SQL.
"""

from __future__ import annotations

APPLICATION_ID = 0x4D505657
"""``PRAGMA application_id`` of every workspace ("MPVW")."""

SCHEMA_VERSION = 2
"""The layout this code writes. Files with a larger ``user_version`` are refused."""

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE pipelines (
    pk INTEGER PRIMARY KEY,
    version TEXT NOT NULL UNIQUE,
    details TEXT NOT NULL,
    first_used TEXT NOT NULL
);
CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    title TEXT, source TEXT, url TEXT,
    date TEXT,
    date_text TEXT,
    text TEXT NOT NULL,
    origin TEXT NOT NULL,
    pipeline INTEGER NOT NULL REFERENCES pipelines(pk),
    added_at TEXT NOT NULL,
    parsed_at TEXT NOT NULL
);
CREATE INDEX documents_hash ON documents (content_hash);
CREATE INDEX documents_date ON documents (date);
CREATE TABLE places (
    id TEXT PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER,
    members TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE mentions (
    pk INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    sent_start INTEGER NOT NULL,
    sent_end INTEGER NOT NULL,
    model_place TEXT REFERENCES places(id),
    confidence REAL NOT NULL,
    alternatives TEXT NOT NULL,
    place TEXT REFERENCES places(id),
    resolved_by TEXT NOT NULL DEFAULT 'model'
);
CREATE INDEX mentions_doc ON mentions (doc, char_start);
CREATE INDEX mentions_place ON mentions (place, doc);
"""

# Version 2: the user's decisions, applied on top of the model's answers (``mentions.place`` is the
# answer in force, ``model_place`` the model's; ``decision`` says which decision set it).
_V2 = """
CREATE TABLE decisions (
    pk INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    doc_id TEXT,
    char_start INTEGER,
    char_end INTEGER,
    sent_start INTEGER,
    sent_end INTEGER,
    words TEXT NOT NULL,
    action TEXT NOT NULL,
    place TEXT REFERENCES places(id),
    model_place TEXT,
    model_confidence REAL,
    created_at TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX decisions_doc ON decisions (doc_id);
CREATE INDEX decisions_words ON decisions (words);
ALTER TABLE mentions ADD COLUMN decision INTEGER REFERENCES decisions(pk);
ALTER TABLE mentions ADD COLUMN origin TEXT NOT NULL DEFAULT 'model';
CREATE INDEX mentions_name ON mentions (name);
"""

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2}
"""``user_version`` reached → the SQL that reaches it from the version before."""
