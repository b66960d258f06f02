"""The :class:`Gazetteer`: name lookup, id lookup and nearest place over the compiled index."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer.distance import great_circle_km
from gazetteer.exc import IndexCorruptError, InvalidQueryError
from gazetteer.folding import fold_parts, loose_key
from gazetteer.place import KINDS, Place
from gazetteer.ranking import adjust
from gazetteer.schema import ALT_SEPARATOR, PLACE_COLUMNS
from gazetteer.store import connect, ensure_index

MAX_QUERY_LENGTH = 200
"""Longer queries are not place names: lookup returns [] for them."""
_CANDIDATE_ROWS = 200
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_COLUMNS = ", ".join(f"p.{c.strip()}" for c in PLACE_COLUMNS.split(","))


class Gazetteer:
    """Offline place index. Opening is lazy: the first query opens (and if needed builds) the file.

    Parameters
    ----------
    path
        Index file; default ``$MAPVIEW_CACHE_DIR/gazetteer.sqlite`` (see :mod:`gazetteer.store`).
    progress
        Show a progress bar if the index has to be built.

    >>> Gazetteer().lookup("Idleb", kinds=["admin1"])[0].country_code   # doctest: +SKIP
    'SY'
    """

    def __init__(self, path: str | Path | None = None, *, progress: bool = False) -> None:
        self._path = Path(path) if path is not None else None
        self._progress = progress
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    @property
    def path(self) -> Path:
        """The index file in use (built first if missing, stale or corrupt)."""
        return self._connection()[1]

    def lookup(
        self, name: str, *, country: str | None = None, kinds: Iterable[str] | None = None, limit: int = 10
    ) -> list[Place]:
        """Places ``name`` may refer to, best first (an empty list when none).

        ``country`` (ISO alpha-2) and ``kinds`` (see :data:`gazetteer.KINDS`) filter;
        each result carries ``score`` and ``matched_by``.
        """
        if not isinstance(name, str):
            raise InvalidQueryError(f"a place name must be a str, not {type(name).__name__}")
        if not isinstance(limit, int) or limit < 1:
            raise InvalidQueryError(f"limit must be a positive int, not {limit!r}")
        if len(name) > MAX_QUERY_LENGTH:
            return []
        key, generic = fold_parts(name)
        if not key:
            return []
        if " " not in name and _CAMEL.search(name) and not self._has_key(key):
            key, generic = fold_parts(_CAMEL.sub(" ", name))  # a hashtag: "SierraLeone"
        where, params = _filters(country, kinds)
        select = f"SELECT score, matched_by, generic, kind, place FROM {{}} WHERE key = ?{where}" \
                 f" ORDER BY score DESC LIMIT {_CANDIDATE_ROWS}"
        rows = self._query(select.format("names"), (key, *params))
        loose = loose_key(key) if not rows and key.isascii() else ""
        if len(loose.replace(" ", "")) >= 3:
            rows = self._query(select.format("loose"), (loose, *params))
        ranked = sorted(((adjust(score, kind, generic, name_generic), matched_by, pk)
                         for score, matched_by, name_generic, kind, pk in rows), key=lambda r: -r[0])[:limit]
        places = self._places([pk for _, _, pk in ranked])
        return [places[pk].with_match(round(score, 4), matched_by) for score, matched_by, pk in ranked]

    def get(self, place_id: int | str) -> Place | None:
        """The place with this GeoNames id (int or digits) or :attr:`Place.id` string, or None."""
        if isinstance(place_id, bool) or not isinstance(place_id, (int, str)):
            raise InvalidQueryError(f"a place id must be an int or str, not {type(place_id).__name__}")
        if isinstance(place_id, int) or place_id.isdigit():
            rows = self._query(f"SELECT {_COLUMNS} FROM places p WHERE p.geonameid = ? LIMIT 1", (int(place_id),))
        else:
            rows = self._query(f"SELECT {_COLUMNS} FROM places p WHERE p.id = ?", (place_id,))
        return _place(rows[0]) if rows else None

    def nearest(self, lat: float, lon: float, *, kinds: Iterable[str] = ("city",)) -> Place | None:
        """The place of one of ``kinds`` nearest to (lat, lon) by great-circle distance."""
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError) as exc:
            raise InvalidQueryError(f"coordinates must be numbers, not {lat!r}, {lon!r}") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidQueryError(f"coordinates out of range: {lat}, {lon}")
        kinds = _checked_kinds(kinds)
        for band in (0.25, 1.0, 4.0, 16.0, 180.0):
            rows = []
            for kind in kinds:
                rows += self._query(
                    f"SELECT {_COLUMNS} FROM places p WHERE p.kind = ? AND p.lat BETWEEN ? AND ?",
                    (kind, lat - band, lat + band))
            near = [r for r in rows if great_circle_km(lat, lon, r[6], r[7]) <= band * 111.0]
            if near or band == 180.0:
                best = min(near or rows, key=lambda r: great_circle_km(lat, lon, r[6], r[7]), default=None)
                return _place(best) if best else None
        return None

    def names(self, kinds: Iterable[str] = ("country", "admin1", "region", "continent")) -> Iterator[tuple[str, str]]:
        """Every surface name of countries, first-level divisions, regions and continents,
        as ``(name, matched_by)`` pairs (``matched_by`` tells demonyms apart)."""
        kinds = _checked_kinds(kinds)
        marks = ",".join("?" * len(kinds))
        yield from self._query(
            f"SELECT DISTINCT s.name, s.matched_by FROM surfaces s JOIN places p ON p.pk = s.place"
            f" WHERE p.kind IN ({marks})", tuple(kinds))

    def _has_key(self, key: str) -> bool:
        return bool(self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def _places(self, pks: list[int]) -> dict[int, Place]:
        if not pks:
            return {}
        rows = self._query(f"SELECT p.pk, {_COLUMNS} FROM places p WHERE p.pk IN ({','.join('?' * len(pks))})",
                           tuple(pks))
        return {row[0]: _place(row[1:]) for row in rows}

    def close(self) -> None:
        """Close the index file (it reopens on the next query)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def _connection(self) -> tuple[sqlite3.Connection, Path]:
        with self._lock:
            if self._db is None:
                self._path, _ = ensure_index(self._path, progress=self._progress)
                self._db = connect(self._path)
            return self._db, self._path  # type: ignore[return-value]

    def _query(self, sql: str, params: tuple) -> list[tuple]:
        db, path = self._connection()
        try:
            return db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(f"the gazetteer index {path} is damaged ({exc}); delete it to rebuild") from exc


def _filters(country: str | None, kinds: Iterable[str] | None) -> tuple[str, tuple]:
    where, params = "", ()
    if country is not None:
        if not isinstance(country, str) or len(country) != 2 or not country.isalpha():
            raise InvalidQueryError(f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
        where, params = " AND country_code = ?", (country.upper(),)
    if kinds is not None:
        kinds = _checked_kinds(kinds)
        where += f" AND kind IN ({','.join('?' * len(kinds))})"
        params += tuple(kinds)
    return where, params


def _checked_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise InvalidQueryError(f"kinds must be among {', '.join(KINDS)}; got {kinds!r}")
    return kinds


def _place(row: tuple) -> Place:
    pid, geonameid, name, kind, cc, admin1, lat, lon, population, members, alternates = row
    return Place(id=pid, geonameid=geonameid, name=name, kind=kind, country_code=cc, admin1=admin1,
                 lat=lat, lon=lon, population=population,
                 members=members.split(",") if members else (),
                 alternate_names=alternates.split(ALT_SEPARATOR) if alternates else ())
