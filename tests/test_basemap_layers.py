"""The offline basemap's layers: countries, provinces and labels from the shapes, with gazetteer ids."""

import json

import pytest
import shapely
from shapely.geometry import Point, shape

from gazetteer.geometry import widest_part
from mapview.webmap import basemap

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def layers(gazetteer, tmp_path_factory):
    vendor = tmp_path_factory.mktemp("vendor")
    paths = basemap.build_layers(vendor, gazetteer)
    return vendor, {name: json.loads(path.read_text(encoding="utf-8")) for name, path in paths.items()}


def geometries(collection):
    return [shape(f["geometry"]) for f in collection["features"]]


@pytest.mark.parametrize("layer", ["countries", "admin1"])
def test_polygons_are_valid_counter_clockwise_and_never_wider_than_180(layers, layer):
    areas = geometries(layers[1][layer])
    assert shapely.is_valid(areas).all()
    polygons = shapely.get_parts(areas)
    assert shapely.is_ccw(shapely.get_exterior_ring(polygons)).all()
    assert all(widest_part(a) <= 180 for a in areas)


def test_countries_carry_english_names_and_codes(layers):
    countries = {f["properties"]["iso_a2"]: f for f in layers[1]["countries"]["features"]}
    assert countries["SY"]["properties"]["name"] == "Syria" and len(countries) > 200
    assert shape(countries["AF"]["geometry"]).covers(Point(64.37, 31.58))


def test_provinces_carry_gazetteer_ids_and_display_names(layers, gazetteer):
    afghan = [f["properties"] for f in layers[1]["admin1"]["features"] if f["properties"]["iso_a2"] == "AF"]
    assert len(afghan) == 34 and all(p["id"] for p in afghan)
    helmand = next(p for p in afghan if p["name"] == "Helmand")
    assert gazetteer.get(helmand["id"]).display_name == "Helmand"
    assert {"Paktia", "Nangarhar", "Panjshir", "Daykundi"} <= {p["name"] for p in afghan}


def test_labels_are_points_inside_their_area_ranked_countries_first(layers):
    labels = layers[1]["labels"]["features"]
    assert {f["properties"]["kind"] for f in labels} == {"country", "admin1"}
    ranks = [f["properties"]["rank"] for f in labels]
    assert sorted(ranks) == list(range(1, len(labels) + 1))
    kinds = [f["properties"]["kind"] for f in sorted(labels, key=lambda f: f["properties"]["rank"])]
    assert kinds == sorted(kinds, key=lambda k: k != "country")
    provinces = {
        f["properties"]["id"]: shape(f["geometry"])
        for f in layers[1]["admin1"]["features"]
        if f["properties"]["iso_a2"] == "AF"
    }
    afghan = [f for f in labels if f["properties"]["kind"] == "admin1" and f["properties"]["iso_a2"] == "AF"]
    assert len(afghan) == 34
    for label in afghan:
        assert provinces[label["properties"]["id"]].covers(shape(label["geometry"])), label["properties"]["name"]


def test_sizes_fit_a_page(layers):
    vendor = layers[0]
    assert (vendor / "basemap" / "admin1.geojson").stat().st_size <= 5.5e6
    assert (vendor / "basemap" / "countries.geojson").stat().st_size <= 3e6


def test_layers_are_current_after_a_build_and_the_command_skips_them(layers, capsys):
    vendor = layers[0]
    assert basemap.layers_current(vendor)
    assert basemap.main(["--vendor", str(vendor), "--layers", "--if-needed"]) == 0
    assert "current" in capsys.readouterr().out
    (vendor / "basemap" / "labels.geojson").unlink()
    assert not basemap.layers_current(vendor)
