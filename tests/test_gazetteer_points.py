"""Reference points of areas come from one stated rule over Natural Earth outlines (gazetteer.points)."""

import pytest
from shapely.geometry import MultiPolygon, Polygon, box

from gazetteer.outlines import build_shapes
from gazetteer.points import geographic_centre, province_point
from gazetteer.sources.entry import Entry
from gazetteer.sources.shapes import Outline, OutlineSource


def test_a_country_sits_at_the_centre_of_its_mainland_not_of_its_islands():
    mainland, island = box(0, -10, 20, 10), box(60, 50, 70, 60)
    assert geographic_centre(MultiPolygon([mainland, island])) == (0.0, 10.0)


def test_the_centre_is_area_weighted_on_the_sphere():
    # A band from the equator to 60°N: half its area lies below 30°N, not below the 30° midline of the map.
    lat, _ = geographic_centre(box(0, 0, 10, 60))
    assert 25.0 < lat < 30.0


def test_a_crescent_whose_centroid_falls_outside_gets_a_point_inside():
    crescent = Polygon([(0, 0), (10, 0), (10, 10), (0, 10), (0, 8), (8, 8), (8, 2), (0, 2)])
    lat, lon = geographic_centre(crescent)
    assert crescent.contains(Polygon([(lon - 1e-3, lat - 1e-3), (lon + 1e-3, lat - 1e-3), (lon, lat + 1e-3)]))


def test_a_province_sits_at_natural_earths_label_point_when_it_lies_inside():
    square = box(0, 0, 10, 10)
    assert province_point(square, (2.0, 3.0)) == (2.0, 3.0)
    assert province_point(square, (50.0, 50.0)) == geographic_centre(square)
    assert province_point(square, None) == geographic_centre(square)


def _entry(pid, name, kind, geonameid, lat, lon):
    entry = Entry(id=pid, geonameid=geonameid, name=name, kind=kind, country_code="ZZ", admin1=None, lat=lat, lon=lon)
    entry.add_names([name], "name")
    return entry


def test_the_build_moves_outlined_areas_to_their_outline_points_and_leaves_the_rest():
    west = _entry("geonames:1", "West March", "admin1", 1, 45.0, 45.0)  # source point far outside
    east = _entry("geonames:2", "East March", "admin1", 2, 1.0, 15.0)
    country = _entry("geonames:3", "Zedland", "country", 3, -40.0, 100.0)
    town = _entry("geonames:4", "Midtown", "city", 4, 5.0, 9.0)
    outlines = [
        Outline("W", 1, None, "ZZ", "West March", None, None, (4.0, 6.0), box(0, 0, 10, 10)),
        Outline("E", 2, None, "ZZ", "East March", None, None, (80.0, 80.0), box(10, 0, 20, 10)),
    ]
    shapes = build_shapes([west, east, country, town], OutlineSource(outlines, 2, 0, 0), tolerance=0.0)
    assert (west.lat, west.lon) == (4.0, 6.0)  # the label point
    assert (east.lat, east.lon) == geographic_centre(box(10, 0, 20, 10))  # its label lies outside
    assert (country.lat, country.lon) == geographic_centre(shapes.by_entry[country.id].geometry)
    assert (town.lat, town.lon) == (5.0, 9.0)
    assert all(shapes.by_entry[e.id].point == (e.lat, e.lon) for e in (west, east, country))


@pytest.mark.slow
@pytest.mark.parametrize("code", ["US", "RU", "AF", "NO", "ID"])
def test_on_the_real_index_a_country_sits_at_the_geographic_centre_of_its_outline(gazetteer, code):
    country = next(p for p in gazetteer.countries() if p.country_code == code)
    shape = gazetteer.shape(country.id)
    assert shape is not None and (country.lat, country.lon) == geographic_centre(shape)
    assert country.representative_point == (country.lat, country.lon)


@pytest.mark.slow
def test_on_the_real_index_every_outlined_area_lies_inside_its_outline(gazetteer):
    from shapely.geometry import Point

    places = gazetteer.countries() + gazetteer.lookup("Helmand", kinds=["admin1"]) + gazetteer.lookup("Ohio")
    for place in places:
        shape = gazetteer.shape(place.id)
        if shape is not None:
            assert shape.covers(Point(place.lon, place.lat)), place
