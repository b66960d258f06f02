"""The offline asset registry: every JS/CSS file a map needs, served by the app itself.

folium names each asset of its classes (``default_js`` / ``default_css`` pairs
such as ``("leaflet", "https://…/leaflet.js")``). :data:`LOCAL_ASSETS` maps those
names to files that ``scripts/install_assets.sh`` unpacks into ``static/vendor/``;
:func:`localize` rewrites a map's elements to point at them, and refuses any
element whose assets are not installed, so a map never falls back to a CDN.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from branca.element import Element

from mapview.exc import MapviewError

DEFAULT_BASE_URL = "/app/static/vendor"
"""Where Streamlit serves ``static/vendor/`` (``server.enableStaticServing``)."""

LOCAL_ASSETS: dict[str, str] = {
    # folium.Map
    "leaflet": "leaflet/dist/leaflet.js",
    "jquery": "jquery/dist/jquery.min.js",
    "bootstrap": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "awesome_markers": "leaflet.awesome-markers/dist/leaflet.awesome-markers.js",
    "leaflet_css": "leaflet/dist/leaflet.css",
    "bootstrap_css": "bootstrap/dist/css/bootstrap.min.css",
    "awesome_markers_font_css": "fontawesome-free/css/all.min.css",
    "awesome_markers_css": "leaflet.awesome-markers/dist/leaflet.awesome-markers.css",
    "awesome_rotate_css": "folium/leaflet.awesome.rotate.css",
    # folium.plugins.MarkerCluster and mapview's document layers
    "markerclusterjs": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markerclustercss": "leaflet.markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "leaflet.markercluster/dist/MarkerCluster.Default.css",
}
"""folium asset name → path under ``static/vendor/``."""

DROPPED_ASSETS = frozenset({"glyphicons_css"})
"""Assets left out on purpose: Bootstrap 3's glyphicons ship in no registry package
of the pinned Bootstrap; awesome-markers use Font Awesome here."""

LEAFLET_IMAGES = "leaflet/dist/images/"
"""Leaflet's default marker images (``L.Icon.Default.imagePath``), relative to vendor."""

_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']((?:https?:)?//[^"']+)["']""", re.I)


class OfflineAssetError(MapviewError, LookupError):
    """Raised when a map element needs a JS/CSS asset that is not installed locally."""


def vendor_dir() -> Path:
    """The folder the assets are installed in.

    ``$MAPVIEW_VENDOR_DIR`` when set, else ``static/vendor`` of the repository.
    """
    override = os.environ.get("MAPVIEW_VENDOR_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2] / "static" / "vendor"


def missing_assets(vendor: Path | None = None) -> list[str]:
    """Registry files absent from ``vendor`` (empty when the install is complete)."""
    root = vendor if vendor is not None else vendor_dir()
    return sorted(p for p in LOCAL_ASSETS.values() if not (root / p).is_file())


def asset_url(name: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """The local URL of the asset folium calls ``name``; raises :class:`OfflineAssetError`."""
    try:
        return f"{base_url.rstrip('/')}/{LOCAL_ASSETS[name]}"
    except KeyError:
        raise OfflineAssetError(f"no local copy of the map asset {name!r}") from None


def local_links(
    links: list[tuple[str, str]], base_url: str = DEFAULT_BASE_URL
) -> list[tuple[str, str]]:
    """``(name, url)`` pairs rewritten to local URLs; dropped assets are left out.

    URLs already local (not ``http(s):`` nor ``//``) are kept as they are.
    """
    out = []
    for name, url in links:
        if name in DROPPED_ASSETS:
            continue
        if _is_local(url):
            out.append((name, url))
        else:
            out.append((name, asset_url(name, base_url)))
    return out


def _is_local(url: str) -> bool:
    return not re.match(r"(?:https?:)?//", url, re.I)


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def localize(root: Element, base_url: str = DEFAULT_BASE_URL) -> None:
    """Point every element under ``root`` at the locally served assets.

    Sets instance-level ``default_js`` / ``default_css`` (folium's class lists are
    left untouched, so other maps in the process are unaffected). Raises
    :class:`OfflineAssetError` when an element needs an asset the registry lacks.
    """
    for element in _walk(root):
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links:
                setattr(element, attr, local_links(list(links), base_url))


def external_urls(html: str) -> list[str]:
    """Every ``src``/``href`` in ``html`` that would leave the machine."""
    return _EXTERNAL.findall(html)
