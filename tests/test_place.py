import pickle

import pytest
import shapely.geometry
from shapely.geometry import Point, box

from gazetteer import Place
from gazetteer.exc import GazetteerError, InvalidPlaceError


def make(**overrides):
    fields = {
        "id": "geonames:1140026",
        "geonameid": 1140026,
        "name": "Herat",
        "kind": "city",
        "country_code": "AF",
        "admin1": "Herat",
        "lat": 34.34817,
        "lon": 62.19967,
        "population": 574300,
    }
    return Place(**(fields | overrides))


def test_geo_interface_is_lon_lat_and_shapely_reads_it():
    point = shapely.geometry.shape(make())
    assert (point.x, point.y) == (62.19967, 34.34817)


def test_place_is_immutable():
    place = make()
    with pytest.raises(AttributeError):
        place.name = "Kabul"
    with pytest.raises(AttributeError):
        place._lat = 0.0


def test_equality_is_by_id_and_hashable():
    assert make() == make(name="Hérat").with_match(3.0, "alternate")
    assert len({make(), make(id="geonames:1")}) == 2


@pytest.mark.parametrize("field, value", [("lat", 91), ("lat", float("nan")), ("lon", -181), ("kind", "town")])
def test_impossible_values_are_refused_with_a_gazetteer_error(field, value):
    with pytest.raises(InvalidPlaceError) as info:
        make(**{field: value})
    assert isinstance(info.value, GazetteerError) and isinstance(info.value, ValueError)


def test_with_match_keeps_fields_and_sets_score():
    matched = make().with_match(5.5, "variant")
    assert (matched.score, matched.matched_by, matched.population) == (5.5, "variant", 574300)
    assert make().score is None


def test_place_pickles_and_comes_back_equal_with_every_field():
    place = make(alternate_names=("Hérat",), members=()).with_match(5.5, "variant")
    copy = pickle.loads(pickle.dumps(place))
    assert copy == place and copy.to_dict() == place.to_dict()


def test_display_name_defaults_to_the_name_and_is_in_to_dict():
    assert make().display_name == "Herat"
    place = make(name="Herāt", display_name="Herat")
    assert (place.name, place.display_name) == ("Herāt", "Herat")
    assert place.to_dict()["display_name"] == "Herat" and place.to_dict()["name"] == "Herāt"


def test_a_place_without_shape_is_a_point_and_its_representative_point_is_its_own():
    place = make()
    assert place.shape is None and not place.has_shape
    assert place.representative_point == (34.34817, 62.19967)


def test_a_place_with_its_shape_is_that_shape_for_geojson_readers():
    square = box(60, 33, 64, 36)
    place = make(kind="admin1", shape=square)
    assert place.has_shape and shapely.geometry.shape(place).equals(square)
    assert place.__geo_interface__["type"] == "Polygon"
    lat, lon = place.representative_point
    assert square.covers(Point(lon, lat))


def test_representative_point_given_is_kept_and_checked():
    assert make(representative_point=(34.0, 62.0)).representative_point == (34.0, 62.0)
    with pytest.raises(InvalidPlaceError):
        make(representative_point=(95.0, 62.0))
    with pytest.raises(InvalidPlaceError):
        make(representative_point="north")


def test_shape_must_be_polygonal():
    with pytest.raises(InvalidPlaceError):
        make(shape=Point(1, 2))
    with pytest.raises(InvalidPlaceError):
        make().with_shape("a polygon")


def test_with_shape_is_a_copy_equal_by_id():
    place = make(kind="admin1", representative_point=(34.0, 62.0))
    shaped = place.with_shape(box(60, 33, 64, 36))
    assert shaped == place and hash(shaped) == hash(place)
    assert place.shape is None and shaped.shape is not None and shaped.representative_point == (34.0, 62.0)


def test_place_with_shape_pickles_with_its_shape():
    place = make(kind="admin1", display_name="Herat province", shape=box(60, 33, 64, 36))
    copy = pickle.loads(pickle.dumps(place))
    assert copy == place and copy.shape.equals(place.shape)
    assert (copy.display_name, copy.representative_point) == (place.display_name, place.representative_point)
