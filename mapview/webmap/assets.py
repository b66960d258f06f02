"""The map's browser assets: Leaflet and its clustering plugin, installed from npm at set-up.

``scripts/install_assets.sh`` unpacks them into ``static/vendor/``, which the
app serves at ``/app/static/vendor/`` (``server.enableStaticServing``); the map
component's page loads them from there. Nothing is ever loaded from a CDN.
"""

from __future__ import annotations

import os
from pathlib import Path

from mapview.exc import MapviewError

REQUIRED_ASSETS = (
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css",
)
"""Files under ``static/vendor/`` the map cannot work without."""


class OfflineAssetError(MapviewError, LookupError):
    """Raised when a file the map needs is not installed locally."""


def vendor_dir() -> Path:
    """The folder the assets are installed in.

    ``$MAPVIEW_VENDOR_DIR`` when set, else ``static/vendor`` of the repository.
    """
    override = os.environ.get("MAPVIEW_VENDOR_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "static" / "vendor"


def missing_assets(vendor: Path | None = None) -> list[str]:
    """Required files absent from ``vendor`` (empty when the install is complete)."""
    root = vendor if vendor is not None else vendor_dir()
    return sorted(p for p in REQUIRED_ASSETS if not (root / p).is_file())
