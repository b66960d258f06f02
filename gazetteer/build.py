"""Compile the registry data packages into one SQLite index file, atomically."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely

from gazetteer.display import assign_display_names
from gazetteer.exc import CacheNotWritableError, GazetteerError, IndexBuildError
from gazetteer.folding import fold_parts, loose_key
from gazetteer.outlines import Shapes, build_shapes
from gazetteer.ranking import static_score
from gazetteer.schema import ALT_SEPARATOR, DDL, INDEXES, SCHEMA_VERSION
from gazetteer.sources.airports import read_airports
from gazetteer.sources.cities import read_cities, read_city_tables
from gazetteer.sources.countries import continent_members, read_countries
from gazetteer.sources.divisions import read_divisions
from gazetteer.sources.entry import Entry
from gazetteer.sources.regions import read_continents, read_regions
from gazetteer.sources.shapes import OutlineSource, read_outlines

# Kinds whose surface names the recognizer turns into patterns.
PATTERN_KINDS = frozenset({"country", "admin1", "region", "continent"})
# Towns smaller than this are found by their listed spellings only: a consonant skeleton
# of a small town's name matches too many other words.
LOOSE_MIN_POPULATION = 50_000
# Kinds found by a consonant skeleton of their names too (airports only by their spellings).
LOOSE_KINDS = frozenset({"country", "admin1", "admin2", "city", "region", "continent"})
_MATCH_RANK = {m: i for i, m in enumerate(("name", "abbreviation", "demonym", "alternate"))}
_STEPS = 8
log = logging.getLogger("gazetteer.build")


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote: counts by kind, name keys, seconds taken, bytes on disk, and what
    became of the Natural Earth outlines (``shapes``: see :func:`gazetteer.outlines.build_shapes`)."""

    path: Path
    places: dict[str, int]
    names: int
    seconds: float
    size_bytes: int
    shapes: dict[str, Any] = field(default_factory=dict)


def build_index(
    path: Path,
    fingerprint: dict[str, str | None],
    *,
    progress: bool = False,
    entries: Iterable[Entry] | None = None,
    outlines: OutlineSource | None = None,
) -> BuildReport:
    """Compile the index to ``path``; an interrupted build leaves any old file untouched.

    The file is written beside ``path`` under a temporary name and renamed over
    it only once complete, so readers never see a partial index. ``fingerprint``
    is stored in it (see :func:`gazetteer.store.fingerprint`). ``entries`` and
    ``outlines``, when given, are compiled instead of the data packages' places
    and the installed shapes: a small index of a handful of places (for tests)
    builds in a fraction of a second.
    """
    started = time.perf_counter()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with _progress_bar(progress) as bar:
            places = _collect_entries(bar) if entries is None else list(entries)
            shapes = _shapes(places, bar, outlines)
            counts, names = _write(tmp, places, shapes, fingerprint, bar)
        os.replace(tmp, path)
    except GazetteerError:
        raise
    except PermissionError as exc:
        raise CacheNotWritableError(
            f"cannot write the gazetteer index at {path} ({exc.strerror or exc}); "
            "build it in a writable folder ($MAPVIEW_CACHE_DIR, or --index PATH)"
        ) from exc
    except (OSError, sqlite3.Error, KeyError, ValueError) as exc:
        raise IndexBuildError(f"could not build the gazetteer index at {path}: {exc}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return BuildReport(path, counts, names, time.perf_counter() - started, path.stat().st_size, shapes.stats)


def _collect_entries(bar: Any) -> list[Entry]:
    bar.set_description("reading cities")
    tables = read_city_tables()
    bar.update(1)
    bar.set_description("reading divisions")
    divisions, admin1_names = read_divisions(tables)
    bar.update(1)
    bar.set_description("reading countries and regions")
    countries = list(read_countries(tables.capital_points))
    populations = {c.country_code: c.population or 0 for c in countries if c.country_code}
    areas = [*countries, *read_continents(continent_members()), *read_regions(populations)]
    bar.update(1)
    return [*areas, *divisions, *read_cities(tables, admin1_names), *read_airports(tables, admin1_names)]


def _shapes(entries: list[Entry], bar: Any, source: OutlineSource | None) -> Shapes:
    """Outlines matched, simplified and dissolved; display names chosen with their help."""
    bar.set_description("reading shapes")
    source = read_outlines() if source is None else source
    bar.update(1)
    bar.set_description("matching and simplifying shapes")
    shapes = build_shapes(entries, source)
    assign_display_names(entries, shapes.outlines_of)
    shapes.stats["bytes"] = sum(len(shapely.to_wkb(s.geometry)) for s in shapes.by_entry.values())
    log.info("shapes: %s", ", ".join(f"{k} {v}" for k, v in shapes.stats.items()))
    bar.update(1)
    return shapes


def _write(
    tmp: Path, entries: list[Entry], shapes: Shapes, fingerprint: dict[str, str | None], bar: Any
) -> tuple[dict[str, int], int]:
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;" + DDL)
        bar.set_description("writing places")
        counts: dict[str, int] = {}
        places: list[tuple[Any, ...]] = []
        names: list[tuple[Any, ...]] = []
        loose: list[tuple[Any, ...]] = []
        surfaces: list[tuple[int, str, str]] = []
        outlines: list[tuple[Any, ...]] = []
        pks: dict[str, int] = {}
        for entry in entries:
            if entry.id in pks:
                continue
            pk = pks[entry.id] = len(places) + 1
            counts[entry.kind] = counts.get(entry.kind, 0) + 1
            shape = shapes.by_entry.get(entry.id)
            places.append(
                (
                    pk,
                    entry.id,
                    entry.geonameid,
                    entry.name,
                    entry.kind,
                    entry.country_code,
                    entry.admin1,
                    entry.lat,
                    entry.lon,
                    entry.population,
                    ",".join(entry.members),
                    ALT_SEPARATOR.join(entry.alternate_names),
                    entry.display_name if entry.display_name != entry.name else None,
                    *(shape.point if shape else (None, None)),
                )
            )
            if shape is not None:
                outlines.append((pk, shapely.to_wkb(shape.geometry), *shape.geometry.bounds))
            keyed = _best_names(entry.names)
            population = entry.ranking_population
            names.extend(
                (key, pk, static_score(entry.kind, population, m, entry.capital), m, g, entry.kind, entry.country_code)
                for key, (m, g) in keyed.items()
            )
            # Codes keep their capitals: folded keys are lower case, so "LAX" never meets "lax".
            names.extend(
                (code, pk, static_score(entry.kind, population, "code"), "code", "", entry.kind, entry.country_code)
                for code in dict.fromkeys(entry.codes)
                if code not in keyed
            )
            loose.extend(_loose_rows(pk, entry, keyed))
            if entry.kind in PATTERN_KINDS:
                surfaces.extend((pk, n, m) for n, m in _best_surfaces(entry.names).items())
        bar.update(1)
        bar.set_description("writing names")
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", places)
        db.executemany("INSERT INTO shapes VALUES (?,?,?,?,?,?)", outlines)
        db.executemany(
            "INSERT INTO outline_places VALUES (?,?,?)",
            [(key, pks[entry_id], how) for key, (entry_id, how) in shapes.matches.items()],
        )
        names.sort()
        db.executemany("INSERT INTO names VALUES (?,?,?,?,?,?,?)", names)
        loose.sort()
        db.executemany("INSERT OR IGNORE INTO loose VALUES (?,?,?,'variant','',?,?)", loose)
        db.executemany("INSERT INTO surfaces VALUES (?,?,?)", surfaces)
        db.executescript(INDEXES)
        meta = {
            "schema": SCHEMA_VERSION,
            "fingerprint": json.dumps(fingerprint, sort_keys=True),
            "counts": json.dumps(counts),
            "shapes": json.dumps(shapes.stats),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.commit()
        bar.update(1)
        bar.set_description("compacting")
        db.execute("VACUUM")
        bar.update(1)
        return counts, len(names)
    finally:
        db.close()


def _best_names(names: Iterable[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Folded key -> (best matched_by, generic word) over every name of one place."""
    best: dict[str, tuple[str, str]] = {}
    for name, matched_by in names:
        key, generic = fold_parts(name)
        if not key:
            continue
        old = best.get(key)
        if old is None or (_MATCH_RANK[matched_by], len(generic)) < (_MATCH_RANK[old[0]], len(old[1])):
            best[key] = (matched_by, generic)
    return best


def _best_surfaces(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Surface name -> the best way it names the place (a name listed as both is a name)."""
    best: dict[str, str] = {}
    for name, matched_by in names:
        if name not in best or _MATCH_RANK[matched_by] < _MATCH_RANK[best[name]]:
            best[name] = matched_by
    return best


def _loose_rows(pk: int, entry: Entry, keyed: dict[str, tuple[str, str]]) -> Iterator[tuple[Any, ...]]:
    """Consonant-skeleton keys for the Latin-script names of areas, and main names of large cities."""
    if entry.kind not in LOOSE_KINDS or (entry.kind == "city" and (entry.population or 0) < LOOSE_MIN_POPULATION):
        return
    score = static_score(entry.kind, entry.population, "variant", entry.capital)
    for key, (matched_by, _) in keyed.items():
        if (matched_by == "name" or entry.kind != "city") and key.isascii() and len(key) >= 4:
            yield loose_key(key), pk, score, entry.kind, entry.country_code


def _progress_bar(enabled: bool) -> Any:
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # its thread would live on, and a process with threads cannot fork workers safely
    return tqdm(total=_STEPS, unit="step", desc="gazetteer", leave=True, disable=not enabled)
