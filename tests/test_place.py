import pytest
import shapely.geometry

from gazetteer import Place
from gazetteer.exc import GazetteerError, InvalidPlaceError


def make(**overrides):
    fields = dict(id="geonames:1140026", geonameid=1140026, name="Herat", kind="city", country_code="AF",
                  admin1="Herat", lat=34.34817, lon=62.19967, population=574300)
    fields.update(overrides)
    return Place(**fields)


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
    import pickle

    place = make(alternate_names=("Hérat",), members=()).with_match(5.5, "variant")
    copy = pickle.loads(pickle.dumps(place))
    assert copy == place and copy.to_dict() == place.to_dict()
