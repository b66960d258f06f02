"""The index file's layout (SQLite), shared by the builder and the reader."""

from __future__ import annotations

SCHEMA_VERSION = "1"
ALT_SEPARATOR = "\x1f"
PLACE_COLUMNS = (
    "id, geonameid, name, kind, country_code, admin1, lat, lon, population, members, alternate_names"
)

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, geonameid INTEGER, name TEXT NOT NULL,
    kind TEXT NOT NULL, country_code TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
    population INTEGER, members TEXT NOT NULL, alternate_names TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, place INTEGER NOT NULL, score REAL NOT NULL, matched_by TEXT NOT NULL,
    generic TEXT NOT NULL, kind TEXT NOT NULL, country_code TEXT, PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE loose (
    key TEXT NOT NULL, place INTEGER NOT NULL, score REAL NOT NULL, matched_by TEXT NOT NULL,
    generic TEXT NOT NULL, kind TEXT NOT NULL, country_code TEXT, PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE surfaces (place INTEGER NOT NULL, name TEXT NOT NULL, matched_by TEXT NOT NULL);
"""

INDEXES = """
CREATE INDEX places_geonameid ON places (geonameid);
CREATE INDEX places_kind_lat ON places (kind, lat);
"""
