"""GazetteerGeocoder keeps geopy's contract (as geopy's own geocoder tests check it)."""

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer import GazetteerGeocoder
from gazetteer.exc import InvalidQueryError

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def geocoder(gazetteer):
    return GazetteerGeocoder(gazetteer)


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


def test_geocode_returns_one_location_with_the_place_as_raw(geocoder):
    location = geocoder.geocode("Hirat")
    assert isinstance(location, Location)
    assert location.raw["country_code"] == "AF" and location.raw["kind"] in ("admin1", "city")
    assert (location.latitude, location.longitude) == (location.raw["lat"], location.raw["lon"])


def test_geocode_many_returns_a_list(geocoder):
    locations = geocoder.geocode("Springfield", exactly_one=False, limit=5)
    assert isinstance(locations, list) and len(locations) == 5
    assert all(isinstance(loc, Location) for loc in locations)


@pytest.mark.parametrize("exactly_one", [True, False])
def test_nothing_found_is_none_never_an_empty_list(geocoder, exactly_one):
    assert geocoder.geocode("Qqqxzv Nowhere", exactly_one=exactly_one) is None
    assert geocoder.geocode("", exactly_one=exactly_one) is None


def test_reverse_returns_the_nearest_populated_place(geocoder):
    location = geocoder.reverse((34.348, 62.2))
    assert location.raw["kind"] == "city" and location.raw["country_code"] == "AF"
    assert geocoder.reverse("34.348, 62.2").raw == location.raw


def test_reverse_refuses_non_points(geocoder):
    with pytest.raises((InvalidQueryError, ValueError)):
        geocoder.reverse("not a point")


def test_geopy_common_keywords_are_accepted(geocoder):
    location = geocoder.geocode("Hirat", timeout=5, language="en", country="AF", exactly_one=True)
    assert location.raw["country_code"] == "AF" and location.raw["display_name"] == "Herat"
    assert geocoder.reverse((34.348, 62.2), timeout=5, language="en").raw["kind"] == "city"


def test_reverse_answers_with_the_province_and_country_when_asked(geocoder):
    locations = geocoder.reverse((31.58, 64.37), exactly_one=False, kinds=("admin1", "country"))
    assert [loc.raw["display_name"] for loc in locations] == ["Helmand", "Afghanistan"]
    everything = geocoder.reverse((31.58, 64.37), exactly_one=False, kinds=("city", "admin1", "country"))
    assert [loc.raw["kind"] for loc in everything] == ["city", "admin1", "country"]
    assert geocoder.reverse((31.58, 64.37), kinds="admin1").raw["display_name"] == "Helmand"


def test_reverse_at_sea_has_no_province(geocoder):
    assert geocoder.reverse((0.0, -30.0), kinds=("admin1",)) is None


def test_reverse_refuses_kinds_it_cannot_answer(geocoder):
    with pytest.raises(InvalidQueryError):
        geocoder.reverse((31.58, 64.37), kinds=("region",))
