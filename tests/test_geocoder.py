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
