"""Shapes for gazetteer places: Natural Earth outlines matched to entries, simplified, dissolved.

A province outline is matched to an admin1/admin2 entry by GeoNames id, then by
ISO 3166-2 code, then by a name unique within its country (never by name
alone when an id is there: Natural Earth calls Panjshir "Parwan" and Daykundi
"Uruzgan", with the right ids). All outlines are simplified together as one
coverage (:data:`SHAPE_TOLERANCE`), so neighbouring provinces still meet edge
to edge; a country's shape is the union of its provinces' simplified outlines,
so its border is exactly theirs and a point is never in one country's province
and another country. Every outlined area takes its point from its outline
(:mod:`gazetteer.points`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gazetteer.folding import fold
from gazetteer.geometry import Area, dissolve, simplify_coverage
from gazetteer.points import geographic_centre, province_point
from gazetteer.sources.entry import Entry
from gazetteer.sources.shapes import Outline, OutlineSource

SHAPE_TOLERANCE = 0.005
"""Coverage simplification tolerance in degrees (about 0.5 km): the index grows by about 22 MB."""

OUTLINED_KINDS = frozenset({"admin1", "admin2"})
"""Kinds a province outline may be matched to (Natural Earth's admin-1 of France are GeoNames' admin2)."""


@dataclass(frozen=True, slots=True)
class Shape:
    """A place's area and a point inside it (lat, lon)."""

    geometry: Area
    point: tuple[float, float]


@dataclass(slots=True)
class Shapes:
    """What :func:`build_shapes` found: shapes by entry id, matches by outline key, and counts."""

    by_entry: dict[str, Shape] = field(default_factory=dict)
    matches: dict[str, tuple[str, str]] = field(default_factory=dict)  # outline key -> (entry id, how)
    outlines_of: dict[str, list[Outline]] = field(default_factory=dict)  # entry id -> its outlines
    stats: dict[str, int | float] = field(default_factory=dict)


def match_outlines(outlines: Iterable[Outline], entries: Iterable[Entry]) -> dict[str, tuple[str, str]]:
    """Outline key -> (entry id, ``geonameid`` | ``iso`` | ``name``) for every outline that matches.

    Fallbacks (ISO code, then name) only go to entries nothing matched yet, one
    outline each, and a name must point to one entry only.
    """
    areas = [e for e in entries if e.kind in OUTLINED_KINDS]
    by_id = {e.geonameid: e.id for e in areas if e.geonameid}
    by_iso = _unique((e.iso_code, e.id) for e in areas if e.kind == "admin1" and e.iso_code)
    by_name = _unique(
        ((e.country_code, fold(n)), e.id)
        for e in areas
        if e.kind == "admin1"
        for n, how in e.names
        if how in ("name", "alternate")
    )
    matches: dict[str, tuple[str, str]] = {}
    rest: list[Outline] = []
    for outline in outlines:
        if outline.geonameid in by_id:
            matches[outline.key] = (by_id[outline.geonameid], "geonameid")
        else:
            rest.append(outline)
    for how, key_of, table in (
        ("iso", lambda o: [o.iso_code], by_iso),
        ("name", lambda o: [(o.country_code, fold(n)) for n in (o.name_en, o.name) if n], by_name),
    ):
        taken = {entry_id for entry_id, _ in matches.values()}
        unmatched = []
        for outline in rest:
            found = next((table[k] for k in key_of(outline) if k in table and table[k] not in taken), None)
            if found is None:
                unmatched.append(outline)
            else:
                matches[outline.key] = (found, how)
                taken.add(found)
        rest = unmatched
    return matches


def build_shapes(entries: list[Entry], source: OutlineSource, tolerance: float = SHAPE_TOLERANCE) -> Shapes:
    """Match, simplify and dissolve: a shape for every matched division and every outlined country."""
    result = Shapes(matches=match_outlines(source.outlines, entries))
    simplified = simplify_coverage([o.geometry for o in source.outlines], tolerance)
    by_entry: dict[str, list[tuple[Outline, Area]]] = defaultdict(list)
    by_country: dict[str, list[Area]] = defaultdict(list)
    for outline, geometry in zip(source.outlines, simplified, strict=True):
        if geometry is None:
            continue
        by_country[outline.country_code].append(geometry)
        if outline.key in result.matches:
            by_entry[result.matches[outline.key][0]].append((outline, geometry))
    lookup = {e.id: e for e in entries}
    for entry_id, parts in by_entry.items():
        geometry = parts[0][1] if len(parts) == 1 else dissolve([g for _, g in parts])
        if geometry is None:
            continue
        largest = max(parts, key=lambda p: p[1].area)[0]
        entry = lookup[entry_id]
        entry.lat, entry.lon = province_point(geometry, largest.label)
        result.by_entry[entry_id] = Shape(geometry, (entry.lat, entry.lon))
        result.outlines_of[entry_id] = [o for o, _ in parts]
    countries = {e.country_code: e for e in entries if e.kind == "country"}
    for code, geometries in by_country.items():
        country = countries.get(code)
        geometry = dissolve(geometries) if country is not None else None
        if country is not None and geometry is not None:
            country.lat, country.lon = geographic_centre(geometry)
            result.by_entry[country.id] = Shape(geometry, (country.lat, country.lon))
    hows = [how for _, how in result.matches.values()]
    result.stats = {
        "features": source.features,
        "repaired": source.repaired,
        "skipped": source.skipped,
        "matched_by_geonameid": hows.count("geonameid"),
        "matched_by_iso": hows.count("iso"),
        "matched_by_name": hows.count("name"),
        "unmatched": len(source.outlines) - len(hows),
        "countries_without_place": len(set(by_country) - set(countries)),
        "shapes": len(result.by_entry),
        "tolerance": tolerance,
    }
    return result


def _unique(pairs: Iterable[tuple[Any, str]]) -> dict[Any, str]:
    """key -> value for keys that map to one value only."""
    seen: dict[Any, set[str]] = defaultdict(set)
    for key, value in pairs:
        seen[key].add(value)
    return {key: next(iter(values)) for key, values in seen.items() if len(values) == 1}
