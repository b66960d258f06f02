"""The index file's layout (SQLite), shared by the builder and the reader."""

from __future__ import annotations

SCHEMA_VERSION = "2"
ALT_SEPARATOR = "\x1f"
PLACE_COLUMNS = (
    "id, geonameid, name, kind, country_code, admin1, lat, lon, population, members, alternate_names,"
    " display_name, rep_lat, rep_lon"
)

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, geonameid INTEGER, name TEXT NOT NULL,
    kind TEXT NOT NULL, country_code TEXT, admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL,
    population INTEGER, members TEXT NOT NULL, alternate_names TEXT NOT NULL,
    display_name TEXT, rep_lat REAL, rep_lon REAL  -- display_name NULL: the same as name
);
-- An area's shape (WKB, lon/lat) and bounding box; rep_lat/rep_lon of its place lie inside it.
CREATE TABLE shapes (
    place INTEGER PRIMARY KEY, geometry BLOB NOT NULL,
    min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL
);
-- Natural Earth admin-1 feature (adm1_code) -> the place it was matched to.
CREATE TABLE outline_places (feature TEXT PRIMARY KEY, place INTEGER NOT NULL, matched_by TEXT NOT NULL);
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
