"""The offline basemap: Natural Earth country outlines from npm ``world-atlas``.

``scripts/install_assets.sh`` unpacks ``countries-110m.json`` (TopoJSON) into
``static/vendor/world-atlas/`` and runs ``python -m mapview.webmap.basemap``,
which writes the GeoJSON beside it; :func:`countries` reads that cache (or
converts on first use when the cache is missing or stale).

Run as a script: ``python -m mapview.webmap.basemap [--vendor DIR] [--resolution 110m]``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from mapview.webmap.assets import OfflineAssetError, vendor_dir
from mapview.webmap.topojson import feature_collection

RESOLUTIONS = ("110m", "50m")


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
        raise OfflineAssetError(
            f"{source} is missing: run `bash scripts/install_assets.sh` (or `make assets`)"
        )
    topology = json.loads(source.read_text(encoding="utf-8"))
    collection = feature_collection(topology, "countries", precision=3)
    # Write then rename, so a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(collection, out, separators=(",", ":"), ensure_ascii=False)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    return target


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
    parser = argparse.ArgumentParser(prog="python -m mapview.webmap.basemap")
    parser.add_argument("--vendor", type=Path, default=None, help="static/vendor folder")
    parser.add_argument("--resolution", choices=RESOLUTIONS, action="append")
    args = parser.parse_args(argv)
    for resolution in args.resolution or ["110m"]:
        try:
            print(build(args.vendor, resolution))
        except OfflineAssetError as exc:
            parser.exit(1, f"error: {exc}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
