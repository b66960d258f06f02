"""Areas in headless Chromium on the seed articles: provinces as filled shapes, a basemap that holds when zoomed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from shapely.geometry import Point, shape

from tests.browser_support import Dashboard, browser, running_app  # noqa: F401
from tests.conftest import SEEDS

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [pytest.mark.browser, pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")]


def test_helmand_is_a_filled_province_around_lashkar_gah(browser: Any, gazetteer, tmp_path) -> None:
    dash = Dashboard(browser)
    try:
        with running_app("--docs", str(SEEDS), "--workspace", str(tmp_path / "seeds.mapview")) as url:
            frame = dash.open(url)
            frame.wait_for_function("() => document.querySelector('#map').dataset.areas > 10", timeout=60_000)
            frame.evaluate("() => window.mapviewMap.map.setView([33.5, 66.0], 6, {animate: false})")
            dash.page.wait_for_timeout(1500)
            helmand = frame.evaluate("""() => {
                const m = window.mapviewMap;
                const id = m.placeIds().find((i) => m.placeName(i) === 'Helmand');
                return id && m.areaOf(id) ? m.areaOf(id).toGeoJSON() : null;
            }""")
            assert helmand is not None, "Helmand is not drawn as an area"
            outline = shape(helmand["features"][0]["geometry"])
            lashkar_gah = gazetteer.lookup("Lashkar Gah", kinds=["city"])[0]
            assert outline.contains(Point(lashkar_gah.lon, lashkar_gah.lat))
            assert frame.locator(".leaflet-mv-boundaries-pane path").count() > 30  # province lines at zoom 6
            labels = frame.locator(".mv-label-admin1").all_inner_texts()
            assert {"Helmand", "Kandahar", "Herat"} <= set(labels)
            assert dash.outside() == []
    finally:
        dash.close()


def test_no_basemap_feature_spans_more_than_half_the_world() -> None:
    from mapview.webmap.assets import vendor_dir

    for layer in ("countries", "admin1"):
        collection = json.loads((vendor_dir() / "basemap" / f"{layer}.geojson").read_text(encoding="utf-8"))
        for feature in collection["features"]:
            geometry = shape(feature["geometry"])
            for part in getattr(geometry, "geoms", [geometry]):
                west, _, east, _ = part.bounds
                assert east - west <= 180, (layer, feature["properties"].get("name"))
