"""The folium map builder: rendered HTML/JS, no per-marker objects, escaping, speed."""

from __future__ import annotations

import json
import re
import time

import folium
import pytest

from mapview.webmap.assets import external_urls
from mapview.webmap.builder import PALETTE, LayerSpec, build_map, color_for
from mapview.webmap.corpus import layer_specs
from mapview.webmap.elements import DocumentLayer, script_json
from mapview.webmap.synthetic import synthetic_corpus


def _feature(name: str, lon: float, lat: float, kind: str = "city", **props: object) -> dict:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": f"t:{name}", "name": name, "kind": kind, **props}}


SPECS = [
    LayerSpec("a", "Report A", [_feature("Herat", 62.2, 34.35), _feature("Helmand", 64.0, 31.0, "admin1")]),
    LayerSpec("b", "Report B", [_feature("Idlib", 36.63, 35.93)]),
    LayerSpec("c", "Report C", []),
]


def test_map_is_offline_and_has_one_layer_per_document() -> None:
    html = build_map(SPECS).to_html()
    assert external_urls(html) == []
    assert "/app/static/vendor/leaflet/dist/leaflet.js" in html
    assert "/app/static/vendor/leaflet.markercluster/dist/leaflet.markercluster.js" in html
    assert html.count("mapview.documentLayer(") == 3
    assert "mapview.outlines(" in html
    assert '"maxZoom": 14' in html  # markercluster needs one when there is no tile layer
    assert "L.Icon.Default.imagePath" in html


def test_each_document_has_its_own_colour() -> None:
    html = build_map(SPECS).to_html()
    styles = [json.loads(m) for m in re.findall(r'(\{"color": "#[0-9a-f]{6}", "index": \d+\})', html)]
    assert styles == [{"color": color_for(i), "index": i} for i in range(3)]
    assert len(set(PALETTE)) == len(PALETTE)


def test_no_per_marker_folium_objects() -> None:
    web = build_map([LayerSpec("a", "A", [_feature(f"P{i}", 60 + i / 100, 30, "city") for i in range(500)])])
    [group] = web.layers
    [layer] = group._children.values()
    assert isinstance(layer, DocumentLayer) and not layer._children
    assert not any(isinstance(c, folium.Marker) for c in web.map._children.values())


def test_hidden_documents_stay_in_the_control_but_off_the_map() -> None:
    web = build_map(SPECS, visible={"b"})
    assert [g.show for g in web.layers] == [False, True, False]
    html = web.to_html()
    names = [g.get_name() for g in web.layers]
    assert f"{names[0]}.remove();" in html and f"{names[2]}.remove();" in html
    assert f"{names[1]}.remove();" not in html


def test_titles_are_escaped_in_the_layer_control() -> None:
    evil = '<img src=x onerror="alert(1)">'
    html = build_map([LayerSpec("x", evil, [_feature("Kabul", 69.17, 34.53)])]).to_html()
    assert "<img src=x" not in html
    assert "\\u0026lt;img src=x onerror=\\u0026quot;alert(1)\\u0026quot;\\u0026gt;" in html


def test_document_text_is_never_a_template() -> None:
    feature = _feature("Kabul", 69.17, 34.53, mentions=[{"sentence": "a {{ 6*7 }} {% if 1 %}b{% endif %}"}])
    html = build_map([LayerSpec("x", "T {{ 7*7 }}", [feature])]).to_html()
    assert "a 42" not in html and "T 49" not in html
    assert "a \\u007b{ 6*7 }} \\u007b% if 1 %}b\\u007b% endif %}" in html
    assert "T \\u0026#123;\\u0026#123; 7*7 \\u0026#125;\\u0026#125;" in html


def test_document_text_cannot_close_the_script() -> None:
    payload = "</script><script>window.__pwned=1</script>"
    feature = _feature("Kabul", 69.17, 34.53, mentions=[{"sentence": payload}])
    html = build_map([LayerSpec("x", "X", [feature])]).to_html()
    assert payload not in html and "window.__pwned" in html
    assert json.loads(script_json({"s": payload})) == {"s": payload}


def test_tiles_only_on_request() -> None:
    assert "tile.openstreetmap" not in build_map(SPECS).to_html()
    online = build_map(SPECS, tiles="OpenStreetMap").to_html()
    assert "tile.openstreetmap" in online and "mapview.outlines(" not in online
    with pytest.raises(ValueError):
        build_map(SPECS, tiles="https://example.org/{z}/{x}/{y}.png")


def test_view_fits_the_places() -> None:
    html = build_map(SPECS).to_html()
    assert "fitBounds" in html and "[[31.0, 36.63], [35.93, 64.0]]" in html


def test_ten_thousand_places_build_under_a_second() -> None:
    specs = layer_specs(synthetic_corpus(places=10_000, documents=20))
    build_map(specs[:1])  # outlines read and cached once per process, as in the app
    started = time.perf_counter()
    web = build_map(specs)
    for group in web.layers:
        group.add_to(web.map)
    web.control.add_to(web.map)
    html = web.map.get_root().render()
    elapsed = time.perf_counter() - started
    assert html.count('"kind":') >= 10_000
    assert elapsed < 1.0, f"build took {elapsed:.2f} s"
