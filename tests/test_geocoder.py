"""GazetteerGeocoder keeps geopy's contract (as geopy's own geocoder tests check it).

The contract runs on a dozen places (``small_gazetteer``); answers that need the
provinces' shapes run on the real index (``slow``).
"""

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer import GazetteerGeocoder
from gazetteer.exc import InvalidQueryError


@pytest.fixture(scope="module")
def geocoder(small_gazetteer):
    return GazetteerGeocoder(small_gazetteer)


@pytest.fixture(scope="module")
def real_geocoder(gazetteer):
    return GazetteerGeocoder(gazetteer)


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


def test_geocode_returns_one_location_with_the_place_as_raw(geocoder):
    location = geocoder.geocode("Hirat")
    assert isinstance(location, Location)
    assert location.raw["country_code"] == "AF" and location.raw["kind"] in ("admin1", "city")
    assert (location.latitude, location.longitude) == (location.raw["lat"], location.raw["lon"])


def test_geocode_many_returns_a_list(geocoder):
    locations = geocoder.geocode("Paris", exactly_one=False, limit=2)
    assert isinstance(locations, list) and len(locations) == 2
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
    assert location.raw["country_code"] == "AF" and location.raw["name"] == "Herat"
    assert geocoder.reverse((34.348, 62.2), timeout=5, language="en").raw["kind"] == "city"


@pytest.mark.slow
def test_reverse_answers_with_the_province_and_country_when_asked(real_geocoder):
    geocoder = real_geocoder
    locations = geocoder.reverse((31.58, 64.37), exactly_one=False, kinds=("admin1", "country"))
    assert [loc.raw["display_name"] for loc in locations] == ["Helmand", "Afghanistan"]
    everything = geocoder.reverse((31.58, 64.37), exactly_one=False, kinds=("city", "admin1", "country"))
    assert [loc.raw["kind"] for loc in everything] == ["city", "admin1", "country"]
    assert geocoder.reverse((31.58, 64.37), kinds="admin1").raw["display_name"] == "Helmand"


@pytest.mark.slow
def test_reverse_at_sea_has_no_province(real_geocoder):
    assert real_geocoder.reverse((0.0, -30.0), kinds=("admin1",)) is None


def test_reverse_refuses_kinds_it_cannot_answer(geocoder):
    with pytest.raises(InvalidQueryError):
        geocoder.reverse((31.58, 64.37), kinds=("region",))
