"""folium elements of the map: the browser script, the outlines and one layer per document.

Each element embeds its data as JSON made safe for a ``<script>`` block
(:func:`script_json`); markers and popups are built in the browser by
``webmap.js``, so the server does no per-marker work.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from collections.abc import Iterable
from typing import Any

from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from mapview.webmap.assets import DEFAULT_BASE_URL, LEAFLET_IMAGES, asset_url

_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("'"): "\\u0027",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON text that is also a safe JavaScript literal inside ``<script>``.

    ``<``, ``>``, ``&`` and ``'`` are written as ``\\u`` escapes, so no string in
    ``value`` can close the script block or open markup; so is a ``{`` that
    would open a Jinja tag (``{{``, ``{%``, ``{#``), which JSON syntax itself
    never writes outside strings.

    >>> script_json({"t": "</script><b>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JINJA_OPENER.sub(r"\\u007b", text.translate(_SCRIPT_ESCAPES))


class _Verbatim(Element):
    """Text put into the page as it is (never compiled as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class VerbatimScript(MacroElement):
    """Renders its ``script`` macro once, into the page as is.

    branca wraps each macro's output in a new template and renders that again:
    slow for megabytes of data, and it would evaluate any ``{{ … }}`` in
    document text on the server. Elements that embed data inherit this.
    """

    def render(self, **kwargs: Any) -> None:
        script = self._template.module.__dict__.get("script")
        if script is not None:
            self.get_root().script.add_child(_Verbatim(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


@functools.cache
def browser_script() -> str:
    """The source of ``webmap.js`` (read once per process)."""
    return resources.files("mapview.webmap").joinpath("webmap.js").read_text(encoding="utf-8")


def _markercluster_links(base_url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    js = [("markerclusterjs", asset_url("markerclusterjs", base_url))]
    css = [
        ("markerclustercss", asset_url("markerclustercss", base_url)),
        ("markerclusterdefaultcss", asset_url("markerclusterdefaultcss", base_url)),
    ]
    return js, css


class MapviewScript(JSCSSMixin, VerbatimScript):
    """Defines ``window.mapview`` (markers, clusters, popups) once per map.

    Add it to the map before any :class:`DocumentLayer`. It also sets
    ``L.Icon.Default.imagePath`` to the local Leaflet images.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.source }}
        L.Icon.Default.imagePath = {{ this.image_path|tojson }};
        {% endmacro %}
        """
    )

    def __init__(self, base_url: str = DEFAULT_BASE_URL) -> None:
        super().__init__()
        self._name = "MapviewScript"
        self.source = browser_script()
        self.image_path = f"{base_url.rstrip('/')}/{LEAFLET_IMAGES}"
        self.default_js, self.default_css = _markercluster_links(base_url)


class Outlines(Layer, VerbatimScript):
    """Country outlines (a GeoJSON FeatureCollection) drawn under everything, not clickable."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = mapview.outlines({{ this.data_json }});
        {% endmacro %}
        """
    )

    def __init__(self, data_json: str, *, name: str = "Country outlines") -> None:
        super().__init__(name=name, overlay=False, control=False, show=True)
        self._name = "Outlines"
        self.data_json = data_json


class DocumentLayer(JSCSSMixin, Layer, VerbatimScript):
    """One document's places as clustered markers (a MarkerClusterGroup in the browser).

    ``data_json`` is a FeatureCollection of Point features serialized with
    :func:`script_json`; their ``properties`` feed the markers (``name``,
    ``kind``) and popups (``mentions``, ``confidence``, …). ``bounds`` is
    ``[[south, west], [north, east]]`` or None when there are no features.
    ``index`` tags the DOM: markers and clusters get the class ``mv-doc-<index>``.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = mapview.documentLayer(
            {{ this.data_json }}, {{ this.style|tojson }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data_json: str,
        *,
        index: int,
        color: str,
        bounds: list[list[float]] | None = None,
        name: str | None = None,
        control: bool = False,
        base_url: str = DEFAULT_BASE_URL,
    ) -> None:
        super().__init__(name=name, overlay=True, control=control, show=True)
        self._name = "DocumentLayer"
        self.data_json = data_json
        self.bounds = bounds
        self.style = {"index": int(index), "color": color}
        self.default_js, self.default_css = _markercluster_links(base_url)

    def _get_self_bounds(self) -> list[list[float | None]]:
        """folium's bounds protocol."""
        if self.bounds is None:
            return [[None, None], [None, None]]
        return [list(corner) for corner in self.bounds]


def point_bounds(features: Iterable[dict[str, Any]]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the Point features, or None when there are none."""
    lats, lons = [], []
    for feature in features:
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            lons.append(geometry["coordinates"][0])
            lats.append(geometry["coordinates"][1])
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
