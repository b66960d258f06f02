"""Containment and settlements' namesake areas, on places made by hand (no index needed)."""

import pytest
from shapely.geometry import box

from gazetteer import Place
from mapview.resolve.areas import Containment, is_namesake, namesake_seat, seat_swaps

# A made-up province: the box lon 10..12, lat 40..42.
PROVINCE_SHAPE = box(10.0, 40.0, 12.0, 42.0)


class ShapesOnly:
    """Stands in for the gazetteer: serves one province's shape and counts the reads."""

    def __init__(self):
        self.reads = 0

    def shape(self, place_id):
        self.reads += 1
        return PROVINCE_SHAPE if place_id == "test:province" else None


def place(
    name,
    kind,
    *,
    lat=41.0,
    lon=11.0,
    country="XX",
    admin1=None,
    score=None,
    shaped=False,
    pid=None,
    display_name=None,
    population=None,
):
    return Place(
        id=pid or f"test:{name.lower()}-{kind}",
        geonameid=None,
        name=name,
        kind=kind,
        country_code=country,
        admin1=admin1,
        lat=lat,
        lon=lon,
        score=score,
        display_name=display_name,
        population=population,
        representative_point=(41.0, 11.0) if shaped else None,
    )


PROVINCE = place("Vella", "admin1", pid="test:province", shaped=True, score=7.0, population=1_000_000)


@pytest.fixture
def gazetteer():
    return ShapesOnly()


def test_the_hierarchy_answers_without_reading_a_shape(gazetteer):
    town = place("Vella", "city", admin1="Vella", lat=45.0, lon=20.0)  # its record names the province
    assert Containment(gazetteer).contains(PROVINCE, town)
    assert gazetteer.reads == 0


def test_the_shape_answers_when_the_record_names_no_province(gazetteer):
    containment = Containment(gazetteer)
    inside = place("Dorn", "city", admin1=None, lat=41.5, lon=11.5)
    outside = place("Marl", "city", admin1=None, lat=43.0, lon=11.5)
    assert containment.contains(PROVINCE, inside)
    assert not containment.contains(PROVINCE, outside)


def test_a_record_naming_another_province_is_not_in_this_one(gazetteer):
    town = place("Dorn", "city", admin1="Elsewhere", lat=41.5, lon=11.5)  # inside the box, but GeoNames says no
    assert not Containment(gazetteer).contains(PROVINCE, town)
    assert gazetteer.reads == 0


def test_answers_are_cached(gazetteer):
    containment = Containment(gazetteer)
    town = place("Dorn", "city", admin1=None, lat=41.5, lon=11.5)
    assert all(containment.contains(PROVINCE, town) for _ in range(3))
    assert gazetteer.reads == 1


def test_nothing_holds_a_place_of_another_country(gazetteer):
    town = place("Dorn", "city", country="YY", admin1="Vella", lat=41.5, lon=11.5)
    assert not Containment(gazetteer).contains(PROVINCE, town)
    assert Containment(gazetteer).contains(place("Xland", "country", country="XX"), place("Dorn", "city"))
    assert not Containment(gazetteer).contains(place("Xland", "country", country="XX"), town)


def test_a_district_without_shape_holds_its_seat_but_not_a_namesake_across_the_province(gazetteer):
    district = place("Orto", "admin2", admin1="Vella", lat=41.0, lon=11.0)
    seat = place("Orto", "city", admin1="Vella", lat=41.1, lon=11.1)
    far = place("Orto", "city", admin1="Vella", lat=42.9, lon=11.0)
    containment = Containment(gazetteer)
    assert containment.contains(district, seat)
    assert not containment.contains(district, far)


def test_a_settlement_is_named_by_its_own_name_only():
    assert is_namesake(place("Ḩimş", "city", display_name="Homs"), "homs")
    assert not is_namesake(place("Sand City", "city"), "sand")  # needs a word the mention lacks


def test_a_settlement_and_the_province_named_after_it_swap_scores(gazetteer):
    town = place("Vella", "city", admin1="Vella", score=6.0, population=400_000)
    abroad = place(
        "Vella", "city", pid="test:abroad", country="YY", score=6.5, population=900_000
    )  # same name, not in the province
    candidates = [PROVINCE, abroad, town]
    seat = namesake_seat("vella", candidates, Containment(gazetteer))
    assert seat is not None and (seat.town, seat.areas) == (2, (0,))
    swapped = [c.score + s for c, s in zip(candidates, seat_swaps(seat, candidates))]
    assert swapped == [town.score, abroad.score, PROVINCE.score]


def test_a_town_that_is_a_small_part_of_its_province_does_not_take_its_place(gazetteer):
    small = place("Vella", "city", admin1="Vella", score=6.0, population=60_000)  # under a tenth of the province
    seat = namesake_seat("vella", [PROVINCE, small], Containment(gazetteer))
    assert seat is not None
    assert seat_swaps(seat, [PROVINCE, small]) == [0.0, 0.0]


def test_no_seat_when_the_province_does_not_hold_the_town(gazetteer):
    elsewhere = place("Vella", "city", admin1="Other", lat=30.0, lon=11.0, score=6.0)
    assert namesake_seat("vella", [PROVINCE, elsewhere], Containment(gazetteer)) is None
