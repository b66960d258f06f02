"""The index's shapes, loaded on demand: a bounded cache by place, and an STRtree built on first use."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from shapely import STRtree

    from gazetteer.geometry import Area

Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]

CHUNK = 500
"""Places per ``IN (...)`` query, well under SQLite's bound-parameter limit."""

CACHE_SIZE = 1024
"""Shapes kept decoded between calls (the largest, Russia's, is about 1 MB of WKB)."""


class ShapeIndex:
    """Shapes by place row (``pk``), through ``query`` (the :class:`~gazetteer.Gazetteer`'s).

    Nothing is read until asked: :meth:`shapes` decodes only the rows asked for;
    :meth:`containing` loads every shape once (about 0.3 s, 100 MB) into an
    STRtree, after which both answer from memory.
    """

    def __init__(self, query: Query) -> None:
        self._query = query
        self._cache: OrderedDict[int, Area] = OrderedDict()
        self._tree: _Tree | None = None
        self._lock = threading.Lock()

    def shapes(self, pks: Sequence[int]) -> dict[int, Area]:
        """pk -> shape for those of ``pks`` that have one."""
        import shapely

        with self._lock:
            found = {pk: self._cache[pk] for pk in pks if pk in self._cache}
            if self._tree is not None:
                found.update((pk, self._tree.by_pk[pk]) for pk in pks if pk in self._tree.by_pk)
        missing = [pk for pk in dict.fromkeys(pks) if pk not in found]
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            rows = self._query(
                f"SELECT place, geometry FROM shapes WHERE place IN ({','.join('?' * len(chunk))})", tuple(chunk)
            )
            decoded = shapely.from_wkb([blob for _, blob in rows])
            found.update((pk, g) for (pk, _), g in zip(rows, decoded, strict=True))
        with self._lock:
            for pk in pks:
                if pk in found:
                    self._cache[pk] = found[pk]
                    self._cache.move_to_end(pk)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return found

    def containing(self, lat: float, lon: float) -> list[tuple[int, Area]]:
        """(pk, shape) of every shape that covers the point (its border included)."""
        import shapely

        loaded = self._loaded_tree()
        # Under the lock: GEOS builds a prepared geometry's index lazily, which two threads
        # (Streamlit sessions) must not do at once; a query takes microseconds.
        with self._lock:
            candidates = loaded.tree.query(shapely.points(lon, lat))
            if len(candidates) == 0:
                return []
            found = loaded.geometries[candidates]
            shapely.prepare(found)  # kept on the geometry: the next query over it is faster
            inside = candidates[shapely.intersects_xy(found, lon, lat)]
        return [(int(loaded.pks[i]), loaded.geometries[i]) for i in inside]

    def clear(self) -> None:
        """Forget every decoded shape (the index file is being closed)."""
        with self._lock:
            self._cache.clear()
            self._tree = None

    def _loaded_tree(self) -> _Tree:
        import numpy as np
        import shapely

        with self._lock:
            if self._tree is None:
                rows = self._query("SELECT place, geometry FROM shapes ORDER BY place", ())
                geometries = shapely.from_wkb([blob for _, blob in rows])
                pks = np.array([pk for pk, _ in rows], dtype=np.int64)
                self._tree = _Tree(
                    shapely.STRtree(geometries),
                    pks,
                    geometries,
                    {pk: g for (pk, _), g in zip(rows, geometries, strict=True)},
                )
            return self._tree


@dataclass(frozen=True, slots=True)
class _Tree:
    tree: STRtree
    pks: np.ndarray
    geometries: np.ndarray
    by_pk: dict[int, Area]
