"""Build the folium map: offline outlines, one coloured, clustered layer per document.

The server only serializes each document's GeoJSON once; markers and popups
are made in the browser (``webmap.js``), which keeps a 10,000-place map well
under a second to build.

>>> spec = LayerSpec("d1", "Report", [{"type": "Feature", "properties": {"name": "Herat",
...     "kind": "city"}, "geometry": {"type": "Point", "coordinates": [62.2, 34.35]}}])
>>> web = build_map([spec], outlines=False)
>>> "mapview.documentLayer" in web.to_html()
True
"""

from __future__ import annotations

import functools
import html
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
from folium.template import Template

from mapview.webmap.assets import DEFAULT_BASE_URL, localize
from mapview.webmap.basemap import countries_json
from mapview.webmap.elements import (
    DocumentLayer, MapviewScript, Outlines, VerbatimScript, point_bounds, script_json,
)

PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
    "#17becf", "#e377c2", "#8c564b", "#bcbd22", "#393b79",
    "#637939", "#843c39",
)
"""Document colours, in corpus order (they repeat after twelve documents)."""

TILE_PROVIDERS = ("OpenStreetMap", "CartoDB positron")
"""Online tile layers a user may opt into; they are the only requests that leave the machine."""


def color_for(index: int) -> str:
    """The colour of the ``index``-th document of a corpus."""
    return PALETTE[index % len(PALETTE)]


@dataclass(frozen=True)
class LayerSpec:
    """One document's layer: its id, its title (shown as text) and its GeoJSON Point features.

    Treat ``features`` as read-only: the serialized data and bounds are
    computed once per spec and reused by every map built from it.
    """

    doc_id: str
    title: str
    features: Sequence[dict[str, Any]] = ()

    @functools.cached_property
    def data_json(self) -> str:
        """The features as a FeatureCollection, serialized for a ``<script>``."""
        return script_json({"type": "FeatureCollection", "features": list(self.features)})

    @functools.cached_property
    def bounds(self) -> list[list[float]] | None:
        """``[[south, west], [north, east]]`` of the features, None when there are none."""
        return point_bounds(self.features)


@dataclass(slots=True)
class WebMap:
    """A built map, in the pieces ``streamlit_folium.st_folium`` takes.

    ``map`` is the base (outlines or tiles, the browser script, the view);
    ``layers`` holds one FeatureGroup per document, in corpus order, each with
    ``.show`` telling whether it starts visible; ``control`` is the layer control.
    Pass them to ``st_folium(map, feature_group_to_add=layers,
    layer_control=control)``, or call :meth:`to_html` — one or the other, once.
    """

    map: folium.Map
    layers: list[folium.FeatureGroup]
    control: folium.LayerControl
    doc_ids: list[str] = field(default_factory=list)

    def to_html(self) -> str:
        """A standalone HTML page of the whole map (assets still served from ``base_url``)."""
        for group in self.layers:
            group.add_to(self.map)
        self.control.add_to(self.map)
        return self.map.get_root().render()


class _DocumentControl(folium.LayerControl, VerbatimScript):
    """A layer control that also takes hidden documents off the map.

    streamlit-folium adds every feature group to the map; documents hidden
    from the sidebar stay listed (unchecked) so they can be turned on here too.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }}_layers = {
                base_layers : {
                    {%- for key, val in this.base_layers.items() %}
                    {{ key|tojson }} : {{val}},
                    {%- endfor %}
                },
                overlays : {
                    {%- for key, val in this.overlays.items() %}
                    {{ key|tojson }} : {{val}},
                    {%- endfor %}
                },
            };
            let {{ this.get_name() }} = L.control.layers(
                {{ this.get_name() }}_layers.base_layers,
                {{ this.get_name() }}_layers.overlays,
                {{ this.options|tojavascript }}
            ).addTo({{ this._parent.get_name() }});
            {%- for name in this.hidden %}
            {{ name }}.remove();
            {%- endfor %}
        {% endmacro %}
        """
    )

    def render(self, **kwargs: Any) -> None:
        self.hidden = [
            item.get_name()
            for item in self._parent._children.values()
            if isinstance(item, folium.FeatureGroup) and not item.show
        ]
        super().render(**kwargs)


def _label(title: str, color: str) -> str:
    # Leaflet's layer control inserts names as HTML: escape the document's title
    # (braces too, so that no template engine on the way can read a tag in it).
    text = html.escape(title).replace("{", "&#123;").replace("}", "&#125;")
    return f'<span style="color:{color}">&#9679;</span> {text}'


def _bounds(specs: Sequence[LayerSpec]) -> list[list[float]] | None:
    corners = [s.bounds for s in specs if s.bounds is not None]
    if not corners:
        return None
    return [
        [min(c[0][0] for c in corners), min(c[0][1] for c in corners)],
        [max(c[1][0] for c in corners), max(c[1][1] for c in corners)],
    ]


def build_map(
    specs: Sequence[LayerSpec],
    *,
    visible: Collection[str] | None = None,
    tiles: str | None = None,
    outlines: bool = True,
    base_url: str = DEFAULT_BASE_URL,
    height: str | int = "100%",
) -> WebMap:
    """The map of ``specs``, one layer per document, coloured by its position in ``specs``.

    ``visible``: doc ids shown at first (None: all). ``tiles``: one of
    :data:`TILE_PROVIDERS` to draw online tiles (requests leave the machine);
    None draws the offline country outlines (unless ``outlines`` is False).
    Raises :class:`~mapview.webmap.assets.OfflineAssetError` when the outlines
    are not installed.
    """
    if tiles is not None and tiles not in TILE_PROVIDERS:
        raise ValueError(f"tiles must be one of {', '.join(TILE_PROVIDERS)} or None, not {tiles!r}")
    m = folium.Map(
        location=[30.0, 50.0], zoom_start=3, tiles=tiles, height=height,
        maxZoom=18 if tiles else 14, minZoom=1, prefer_canvas=True, control_scale=True,
    )
    MapviewScript(base_url).add_to(m)
    if tiles is None and outlines:
        Outlines(countries_json()).add_to(m)
    bounds = _bounds(specs)
    if bounds is not None:
        m.fit_bounds(bounds, padding=(30, 30), max_zoom=7)

    shown = None if visible is None else set(visible)
    groups: list[folium.FeatureGroup] = []
    seen: dict[str, int] = {}
    for index, spec in enumerate(specs):
        color = color_for(index)
        label = _label(spec.title or spec.doc_id, color)
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:  # the control keys layers by name: keep names distinct
            label += f" ({seen[label]})"
        group = folium.FeatureGroup(
            name=label, overlay=True, show=shown is None or spec.doc_id in shown
        )
        DocumentLayer(
            spec.data_json, index=index, color=color, bounds=spec.bounds, base_url=base_url
        ).add_to(group)
        groups.append(group)
    control = _DocumentControl(collapsed=True)
    localize(m, base_url)
    return WebMap(m, groups, control, [s.doc_id for s in specs])
