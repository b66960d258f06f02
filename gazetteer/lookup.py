"""The :class:`Gazetteer`: name lookup, id lookup and nearest place over the compiled index."""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.areas import CHUNK, ShapeIndex
from gazetteer.distance import great_circle_km
from gazetteer.exc import IndexCorruptError, InvalidQueryError
from gazetteer.folding import code_key, fold_parts, loose_key, split_camel
from gazetteer.place import Place
from gazetteer.ranking import adjust
from gazetteer.schema import ALT_SEPARATOR, PLACE_COLUMNS
from gazetteer.store import connect, ensure_index
from gazetteer.validation import check_text, checked_kinds, checked_point

if TYPE_CHECKING:
    from gazetteer.geometry import Area

LOOKUP_CACHE = 8192
"""Look-ups whose answers each :class:`Gazetteer` keeps (least recently asked forgotten first)."""
MAX_QUERY_LENGTH = 200
"""Longer queries are not place names: lookup returns [] for them."""
_CANDIDATE_ROWS = 200
_COLUMNS = ", ".join(f"p.{c.strip()}" for c in PLACE_COLUMNS.split(","))
_MAX_SQL_INT = 2**63 - 1
# may_name_a_place(): the rows that can name a place in a text
_NAMING = " AND (matched_by IN ('name', 'abbreviation') OR (matched_by = 'alternate' AND kind = 'city'))"
# containing(): most specific first.
_SPECIFICITY = {"admin2": 0, "admin1": 1, "country": 2}


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
    >>> [p.display_name for p in Gazetteer().containing(31.58, 64.37)]   # doctest: +SKIP
    ['Helmand', 'Afghanistan']

    Lookups never read shapes: their places carry ``shape=None`` (``has_shape``
    says whether there is one); :meth:`get`, :meth:`containing` and
    :meth:`with_shapes` return places with their shape, and :meth:`shape` /
    :meth:`shapes` return the geometries (decoded once, then cached).
    """

    def __init__(self, path: str | Path | None = None, *, progress: bool = False) -> None:
        self._path = Path(path) if path is not None else None
        self._progress = progress
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._areas = ShapeIndex(self._query)
        # A corpus names the same places again and again (the recognizer and the resolver ask too).
        self._ranked = functools.lru_cache(maxsize=LOOKUP_CACHE)(self._ranked_places)

    @property
    def path(self) -> Path:
        """The index file in use (built first if missing, stale or corrupt)."""
        return self._connection()[1]

    def lookup(
        self, name: str, *, country: str | None = None, kinds: Iterable[str] | None = None, limit: int = 10
    ) -> list[Place]:
        """Places ``name`` may refer to, best first (an empty list when none).

        ``country`` (ISO alpha-2) and ``kinds`` (see :data:`gazetteer.KINDS`) filter;
        each result carries ``score`` and ``matched_by``. A query written in capitals
        also finds the airports whose code it is ("LAX"; see :mod:`gazetteer.sources.airports`).
        The last :data:`LOOKUP_CACHE` answers are kept (the list returned is the caller's own).
        """
        check_text(name, "a place name")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidQueryError(f"limit must be a positive int, not {limit!r}")
        kinds = None if kinds is None else checked_kinds(kinds)  # one kind or several, as a key
        _filters(country, kinds)  # invalid filters are refused, cached or not
        return list(self._ranked(name, country, kinds, limit))

    def _ranked_places(
        self, name: str, country: str | None, kinds: tuple[str, ...] | None, limit: int
    ) -> tuple[Place, ...]:
        folded = self._folded(name)
        if folded is None:
            return ()
        key, generic = folded
        where, params = _filters(country, kinds)
        select = (
            f"SELECT score, matched_by, generic, kind, place FROM {{}} WHERE {{}}{where}"
            f" ORDER BY score DESC LIMIT {_CANDIDATE_ROWS}"
        )
        code = code_key(name)
        if code is None:
            rows = self._query(select.format("names", "key = ?"), (key, *params))
        else:
            rows = self._query(select.format("names", "key IN (?, ?)"), (key, code, *params))
        loose = loose_key(key) if not rows and key.isascii() else ""
        if len(loose.replace(" ", "")) >= 3:
            rows = self._query(select.format("loose", "key = ?"), (loose, *params))
        ranked = sorted(
            (
                (adjust(score, kind, generic, name_generic), matched_by, pk)
                for score, matched_by, name_generic, kind, pk in rows
            ),
            key=lambda r: -r[0],
        )
        ranked = (ranked if code is None else _once_each(ranked))[:limit]
        places = self._places([pk for _, _, pk in ranked])
        return tuple(places[pk].with_match(round(score, 4), matched_by) for score, matched_by, pk in ranked)

    def may_name_a_place(self, name: str) -> bool:
        """False when no place is called ``name`` by its own name or an abbreviation, nor a city by an
        alternate name, as :meth:`lookup` would match it; cheaper than a lookup (no place is read).

        What a lookup matches beyond those (variants, other languages' names) are
        not names a text uses for a place, so the recognizer asks this about
        every capitalised word before it asks for the places themselves.
        """
        check_text(name, "a place name")
        folded = self._folded(name)
        if folded is None:
            return False
        key = folded[0]
        code = code_key(name)
        keys = (key,) if code is None else (key, code)
        if self._query(f"SELECT 1 FROM names WHERE key IN ({','.join('?' * len(keys))}){_NAMING} LIMIT 1", keys):
            return True
        loose = loose_key(key) if key.isascii() else ""
        if len(loose.replace(" ", "")) < 3:
            return False
        return bool(self._query(f"SELECT 1 FROM loose WHERE key = ?{_NAMING} LIMIT 1", (loose,)))

    def _folded(self, name: str) -> tuple[str, str] | None:
        """The key and generic word :meth:`lookup` queries for ``name``; None when it queries nothing."""
        if len(name) > MAX_QUERY_LENGTH:
            return None
        key, generic = fold_parts(name)
        if not key:
            return None
        if " " not in name and (split := split_camel(name)) != name and not self._has_key(key):
            key, generic = fold_parts(split)  # a hashtag: "SierraLeone"
        return key, generic

    def get(self, place_id: int | str) -> Place | None:
        """The place with this GeoNames id (int or digits) or :attr:`Place.id` string, with its
        shape when it has one; None when there is no such place.

        Raises :class:`~gazetteer.exc.InvalidQueryError` for anything else (an id
        out of SQLite's integer range, a string that is not valid Unicode).
        """
        pk = self._pk(place_id)
        if pk is None:
            return None
        place = self._places([pk])[pk]
        return place.with_shape(self._areas.shapes([pk]).get(pk)) if place.has_shape else place

    def shape(self, place_id: int | str) -> Area | None:
        """The shape (shapely Polygon/MultiPolygon, lon/lat) of a place, or None when it has none."""
        pk = self._pk(place_id)
        return None if pk is None else self._areas.shapes([pk]).get(pk)

    def shapes(self, place_ids: Iterable[str]) -> dict[str, Area]:
        """:attr:`Place.id` -> shape for those of ``place_ids`` that have one (one query, cached)."""
        ids = list(dict.fromkeys(place_ids))
        for place_id in ids:
            check_text(place_id, "a place id")
        pks: dict[int, str] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            pks.update(
                self._query(f"SELECT pk, id FROM places WHERE id IN ({','.join('?' * len(chunk))})", tuple(chunk))
            )
        return {pks[pk]: shape for pk, shape in self._areas.shapes(list(pks)).items()}

    def with_shapes(self, places: Iterable[Place]) -> list[Place]:
        """``places`` as copies carrying their shapes (places without one come back as they are)."""
        places = list(places)
        found = self.shapes(p.id for p in places if p.has_shape and p.shape is None)
        return [p.with_shape(found[p.id]) if p.id in found else p for p in places]

    def containing(self, lat: float, lon: float) -> list[Place]:
        """The areas whose shape covers (lat, lon), most specific first: province, then country.

        Each place carries its shape. A point at sea, or outside every province,
        gives no province (an empty list when outside every country too). The
        first call loads every shape (about 0.3 s); later calls take microseconds.
        """
        lat, lon = checked_point(lat, lon)
        found = self._areas.containing(lat, lon)
        places = self._places([pk for pk, _ in found])
        with_shape = [places[pk].with_shape(shape) for pk, shape in found if pk in places]
        return sorted(with_shape, key=lambda p: (_SPECIFICITY.get(p.kind, 3), p.shape.area if p.shape else 0.0))

    def matched_outlines(self) -> dict[str, Place]:
        """Natural Earth admin-1 feature code (``adm1_code``) -> the place it was matched to (no shape)."""
        rows = self._query("SELECT feature, place FROM outline_places", ())
        places = self._places(sorted({pk for _, pk in rows}))
        return {feature: places[pk] for feature, pk in rows}

    def countries(self) -> list[Place]:
        """Every country (no shapes), in ISO code order."""
        return [
            _place(row)
            for row in self._query(
                f"SELECT {_COLUMNS} FROM places p WHERE p.kind = 'country' ORDER BY p.country_code", ()
            )
        ]

    def build_info(self) -> dict[str, Any]:
        """What the index was built from and holds: ``fingerprint``, ``counts`` by kind, ``shapes``
        (outline matching and repair counts), ``built_at``."""
        meta = dict(self._query("SELECT key, value FROM meta", ()))
        return {
            key: json.loads(value) if key in ("fingerprint", "counts", "shapes") else value
            for key, value in meta.items()
        }

    def nearest(self, lat: float, lon: float, *, kinds: Iterable[str] = ("city",)) -> Place | None:
        """The place of one of ``kinds`` nearest to (lat, lon) by great-circle distance."""
        lat, lon = checked_point(lat, lon)
        kinds = checked_kinds(kinds)
        for band in (0.25, 1.0, 4.0, 16.0, 180.0):
            rows = []
            for kind in kinds:
                rows += self._query(
                    f"SELECT {_COLUMNS} FROM places p WHERE p.kind = ? AND p.lat BETWEEN ? AND ?",
                    (kind, lat - band, lat + band),
                )
            near = [r for r in rows if great_circle_km(lat, lon, r[6], r[7]) <= band * 111.0]
            if near or band == 180.0:
                best = min(near or rows, key=lambda r: great_circle_km(lat, lon, r[6], r[7]), default=None)
                return _place(best) if best else None
        return None

    def names(self, kinds: Iterable[str] = ("country", "admin1", "region", "continent")) -> Iterator[tuple[str, str]]:
        """Every surface name of countries, first-level divisions, regions and continents,
        as ``(name, matched_by)`` pairs (``matched_by`` tells demonyms apart)."""
        kinds = checked_kinds(kinds)
        marks = ",".join("?" * len(kinds))
        yield from self._query(
            f"SELECT DISTINCT s.name, s.matched_by FROM surfaces s JOIN places p ON p.pk = s.place"
            f" WHERE p.kind IN ({marks})",
            tuple(kinds),
        )

    def _pk(self, place_id: int | str) -> int | None:
        if isinstance(place_id, bool) or not isinstance(place_id, (int, str)):
            raise InvalidQueryError(f"a place id must be an int or str, not {type(place_id).__name__}")
        if isinstance(place_id, str):
            check_text(place_id, "a place id")
        if isinstance(place_id, int) or (place_id.isascii() and place_id.isdigit()):
            number = int(place_id)
            if not -_MAX_SQL_INT <= number <= _MAX_SQL_INT:
                raise InvalidQueryError(f"no place id is that large: {place_id!r}")
            rows = self._query("SELECT pk FROM places WHERE geonameid = ? LIMIT 1", (number,))
        else:
            rows = self._query("SELECT pk FROM places WHERE id = ?", (place_id,))
        return rows[0][0] if rows else None

    def _has_key(self, key: str) -> bool:
        return bool(self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)))

    def _places(self, pks: list[int]) -> dict[int, Place]:
        found: dict[int, Place] = {}
        for start in range(0, len(pks), CHUNK):
            chunk = pks[start : start + CHUNK]
            rows = self._query(
                f"SELECT p.pk, {_COLUMNS} FROM places p WHERE p.pk IN ({','.join('?' * len(chunk))})", tuple(chunk)
            )
            found.update((row[0], _place(row[1:])) for row in rows)
        return found

    def close(self) -> None:
        """Close the index file (it reopens on the next query)."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
        self._areas.clear()
        self._ranked.cache_clear()

    def _connection(self) -> tuple[sqlite3.Connection, Path]:
        with self._lock:
            if self._db is None:
                self._path, _ = ensure_index(self._path, progress=self._progress)
                self._db = connect(self._path)
            return self._db, self._path  # type: ignore[return-value]

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        db, path = self._connection()
        try:
            return db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise IndexCorruptError(f"the gazetteer index {path} is damaged ({exc}); delete it to rebuild") from exc


def _once_each(ranked: list[tuple[float, str, int]]) -> list[tuple[float, str, int]]:
    """``ranked`` with each place once, at its best row (a place found by its name and its code)."""
    seen: set[int] = set()
    out = []
    for row in ranked:
        if row[2] not in seen:
            seen.add(row[2])
            out.append(row)
    return out


def _filters(country: str | None, kinds: Iterable[str] | None) -> tuple[str, tuple[str, ...]]:
    where = ""
    params: tuple[str, ...] = ()
    if country is not None:
        if not isinstance(country, str) or len(country) != 2 or not country.isalpha():
            raise InvalidQueryError(f"country must be an ISO 3166-1 alpha-2 code, not {country!r}")
        where, params = " AND country_code = ?", (country.upper(),)
    if kinds is not None:
        kinds = checked_kinds(kinds)
        where += f" AND kind IN ({','.join('?' * len(kinds))})"
        params += tuple(kinds)
    return where, params


def _place(row: tuple[Any, ...]) -> Place:
    (
        pid,
        geonameid,
        name,
        kind,
        cc,
        admin1,
        lat,
        lon,
        population,
        members,
        alternates,
        display_name,
        rep_lat,
        rep_lon,
    ) = row
    return Place(
        id=pid,
        geonameid=geonameid,
        name=name,
        kind=kind,
        country_code=cc,
        admin1=admin1,
        lat=lat,
        lon=lon,
        population=population,
        members=members.split(",") if members else (),
        alternate_names=alternates.split(ALT_SEPARATOR) if alternates else (),
        display_name=display_name,
        representative_point=None if rep_lat is None else (rep_lat, rep_lon),
    )
