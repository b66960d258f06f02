"""Areas exported as their polygons: valid, counter-clockwise, with a representative point inside."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon, shape

from mapview.area_geometry import attach_shapes
from mapview.workspace import Selection, Workspace, ingest
from mapview.workspace.exports import export_text
from tests.workspace_support import PLACES, TOY_VERSION, doc, toy_parse

# Clockwise on purpose: the export must turn exteriors counter-clockwise.
HELMAND = Polygon([(62.0, 29.5), (62.0, 33.0), (65.5, 33.0), (65.5, 29.5)][::-1])
SYRIA = Polygon([(35.7, 32.3), (42.4, 32.3), (42.4, 37.3), (35.7, 37.3)])


def shapes(ids):
    known = {PLACES["Helmand"].id: HELMAND, PLACES["Syria"].id: SYRIA}
    return {i: known[i] for i in ids if i in known}


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "w.mapview", create=True) as workspace:
        ingest(
            workspace,
            [doc("a", "Floods in Helmand. Aid reached Kabul. Syria sent aid.")],
            parse=toy_parse,
            version=TOY_VERSION,
        )
        yield workspace


def test_areas_are_valid_counter_clockwise_polygons_and_cities_stay_points(ws) -> None:
    collection = json.loads(export_text(ws, Selection(), "geojson", shapes=shapes))
    by_name = {f["properties"]["name"]: f for f in collection["features"]}
    assert by_name["Kabul"]["geometry"]["type"] == "Point"
    for name in ("Helmand", "Syria"):
        geometry = shape(by_name[name]["geometry"])
        assert geometry.geom_type == "Polygon" and geometry.is_valid and geometry.exterior.is_ccw
        lon, lat = by_name[name]["properties"]["representative_point"]
        assert geometry.covers(shapely.Point(lon, lat))
    # Helmand's own point (64, 31) lies inside and stays the representative point.
    assert by_name["Helmand"]["properties"]["representative_point"] == [64.0, 31.0]


def test_without_shapes_every_place_is_a_point(ws) -> None:
    collection = json.loads(export_text(ws, Selection(), "geojson"))
    assert {f["geometry"]["type"] for f in collection["features"]} == {"Point"}


def test_kml_and_lpf_carry_the_polygons_too(ws) -> None:
    root = ET.fromstring(export_text(ws, Selection(), "kml", shapes=shapes).encode())
    ns = "{http://www.opengis.net/kml/2.2}"
    helmand = next(p for p in root.iter(f"{ns}Placemark") if p.findtext(f"{ns}name") == "Helmand")
    assert helmand.find(f"{ns}MultiGeometry/{ns}Polygon") is not None
    lpf = json.loads(export_text(ws, Selection(), "lpf", shapes=shapes))
    helmand_lpf = next(f for f in lpf["features"] if f["properties"]["title"] == "Helmand")
    assert helmand_lpf["geometry"]["geometries"][0]["type"] == "Polygon"


def test_a_shape_that_rounds_to_nothing_keeps_the_point() -> None:
    tiny = Polygon([(10, 10), (10.0000001, 10), (10.0000001, 10.0000001)])
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [10.0, 10.0]},
                "properties": {"id": "x", "kind": "admin1"},
            }
        ],
    }
    attach_shapes(collection, lambda ids: {"x": tiny})
    assert collection["features"][0]["geometry"]["type"] == "Point"


@pytest.mark.slow
def test_real_outlines_helmand_contains_lashkar_gah(gazetteer) -> None:
    helmand = gazetteer.lookup("Helmand", kinds=["admin1"])[0]
    lashkar_gah = gazetteer.lookup("Lashkar Gah", kinds=["city"])[0]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [helmand.lon, helmand.lat]},
                "properties": {"id": helmand.id, "kind": "admin1"},
            }
        ],
    }
    attach_shapes(collection, gazetteer.shapes)
    polygon = shape(collection["features"][0]["geometry"])
    assert polygon.is_valid and polygon.covers(shapely.Point(lashkar_gah.lon, lashkar_gah.lat))
    assert all(part.exterior.is_ccw for part in getattr(polygon, "geoms", [polygon]))
