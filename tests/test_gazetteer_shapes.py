"""Areas as areas: provinces and countries carry valid shapes, found by the point they contain."""

import pickle

import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, shape

from gazetteer.geometry import widest_part

pytestmark = pytest.mark.slow


def admin1(gazetteer, country):
    rows = gazetteer._query("SELECT id FROM places WHERE kind = 'admin1' AND country_code = ?", (country,))
    return [gazetteer.get(pid) for (pid,) in rows]


@pytest.mark.parametrize(("country", "count"), [("AF", 34), ("SY", 14)])
def test_every_afghan_province_and_syrian_governorate_has_a_valid_shape(gazetteer, country, count):
    provinces = admin1(gazetteer, country)
    assert len(provinces) == count
    for place in provinces:
        assert place.has_shape and place.shape is not None, place
        assert place.shape.is_valid and not place.shape.is_empty, place
        lat, lon = place.representative_point
        assert place.shape.covers(Point(lon, lat)), place
    matched = gazetteer.matched_outlines()
    ids = {p.id for p in matched.values() if p.country_code == country}
    assert ids == {p.id for p in provinces}, "each matched to its own gazetteer entry"


def test_panjshir_and_daykundi_keep_their_own_outlines(gazetteer):
    # Natural Earth names them "Parwan" and "Uruzgan": matched by GeoNames id, they must not
    # take their neighbours' outlines.
    parwan, panjshir = gazetteer.get(1131054), gazetteer.get(6957555)
    uruzgan, daykundi = gazetteer.get(1131461), gazetteer.get(6957553)
    assert parwan.shape.intersection(panjshir.shape).area < 1e-6
    assert uruzgan.shape.intersection(daykundi.shape).area < 1e-6
    assert panjshir.shape.covers(Point(69.9, 35.5))  # the Panjshir valley
    assert (panjshir.display_name, daykundi.display_name) == ("Panjshir", "Daykundi")


def test_containing_gives_province_then_country(gazetteer):
    names = [(p.display_name, p.kind) for p in gazetteer.containing(31.58, 64.37)]
    assert names == [("Helmand", "admin1"), ("Afghanistan", "country")]
    helmand = gazetteer.containing(31.58, 64.37)[0]
    assert helmand.shape is not None and helmand.shape.covers(Point(64.37, 31.58))


def test_lashkar_gah_lies_in_helmand(gazetteer):
    lashkar_gah = gazetteer.lookup("Lashkar Gah", kinds=["city"])[0]
    assert [p.display_name for p in gazetteer.containing(lashkar_gah.lat, lashkar_gah.lon)][:1] == ["Helmand"]


@pytest.mark.parametrize(("lat", "lon"), [(0.0, -30.0), (-40.0, -120.0)])
def test_a_point_at_sea_is_in_no_province_and_no_country(gazetteer, lat, lon):
    assert gazetteer.containing(lat, lon) == []


def test_lookups_do_not_load_shapes_but_know_they_exist(gazetteer):
    helmand = gazetteer.lookup("Helmand", kinds=["admin1"])[0]
    assert helmand.shape is None and helmand.has_shape
    assert helmand.__geo_interface__["type"] == "Point"
    shaped = gazetteer.with_shapes([helmand])[0]
    assert shaped == helmand and shaped.shape is not None
    assert shaped.__geo_interface__["type"] in ("Polygon", "MultiPolygon")
    assert shape(shaped).equals(shaped.shape)
    assert gazetteer.shape(helmand.id).equals(shaped.shape)


def test_shapes_is_a_batch_by_id_and_leaves_out_places_without_one(gazetteer):
    kabul_city = gazetteer.lookup("Kabul", kinds=["city"])[0]
    found = gazetteer.shapes(["geonames:1140043", "geonames:1149361", kabul_city.id, "geonames:0"])
    assert set(found) == {"geonames:1140043", "geonames:1149361"}  # Helmand, Afghanistan
    assert not kabul_city.has_shape and gazetteer.get(kabul_city.id).shape is None


def test_get_returns_the_place_with_its_shape_and_it_pickles(gazetteer):
    syria = gazetteer.get("geonames:163843")
    assert syria.kind == "country" and syria.shape.covers(Point(36.3, 33.5))  # Damascus
    copy = pickle.loads(pickle.dumps(syria))
    assert copy == syria and copy.shape.equals(syria.shape) and copy.display_name == syria.display_name


def test_every_shape_is_valid_counter_clockwise_and_no_wider_than_180(gazetteer):
    rows = gazetteer._query("SELECT place, geometry FROM shapes", ())
    geometries = shapely.from_wkb([blob for _, blob in rows])
    assert len(geometries) > 4000
    assert shapely.is_valid(geometries).all()
    polygons = shapely.get_parts(geometries)
    assert shapely.is_ccw(shapely.get_exterior_ring(polygons)).all()
    holes = [ring for p in polygons for ring in p.interiors]
    assert not np.any(shapely.is_ccw(holes))
    assert all(widest_part(g) <= 180 for g in geometries)


def test_russia_and_fiji_are_split_at_the_antimeridian(gazetteer):
    for country in ("geonames:2017370", "geonames:2205218"):
        area = gazetteer.shape(country)
        assert isinstance(area, MultiPolygon) and widest_part(area) <= 180
        assert area.bounds[0] <= -179.9 and area.bounds[2] >= 179.9


def test_the_build_reports_what_became_of_the_outlines(gazetteer):
    stats = gazetteer.build_info()["shapes"]
    matched = stats["matched_by_geonameid"] + stats["matched_by_iso"] + stats["matched_by_name"]
    assert matched + stats["unmatched"] + stats["skipped"] == stats["features"]
    assert stats["shapes"] > 4000 and 0 < stats["bytes"] <= 30e6


def test_containing_from_many_threads_agrees(gazetteer):
    from concurrent.futures import ThreadPoolExecutor

    from gazetteer import Gazetteer

    fresh = Gazetteer(gazetteer.path)
    points = [(31.58, 64.37), (34.35, 62.2), (36.2, 37.15), (0.0, -30.0)] * 25
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda p: [x.id for x in fresh.containing(*p)], points))
    assert answers == [[x.id for x in gazetteer.containing(*p)] for p in points]
