"""Airports: which of their names and codes find them, and how they rank against towns."""

import pytest

from gazetteer.folding import code_key
from gazetteer.sources.airports import LARGE_CITY_POPULATION, airport_names, read_airports
from gazetteer.sources.cities import CityTables


@pytest.mark.parametrize(
    "name, city, names, alternates",
    [
        (
            "Northgate Harbour Airport",
            "Northgate",
            ["Northgate Harbour Airport", "Harbour Airport"],
            ["Northgate Harbour", "Harbour"],
        ),
        ("Port Ellis International Airport", "Port Ellis", ["Port Ellis International Airport"], []),
        (
            "Greyfield-Marsh Airport",
            "Greyfield",
            ["Greyfield-Marsh Airport", "Marsh Airport"],
            ["Greyfield-Marsh", "Marsh"],
        ),
        (
            "Lindholm Airport Vester",
            "Lindholm",
            ["Lindholm Airport Vester", "Vester Airport"],
            ["Lindholm Vester", "Vester"],
        ),
        ("Amberly Downtown Airport", "Amberly", ["Amberly Downtown Airport"], ["Amberly Downtown"]),
        ("Tessaly (Old Field) Regional Airport", "Kirrin", ["Tessaly (Old Field) Regional Airport"], ["Tessaly"]),
    ],
)
def test_an_airport_is_named_with_and_without_its_airport_words_and_city(name, city, names, alternates):
    assert airport_names(name, city) == (names, alternates)


@pytest.mark.parametrize(
    "query, key",
    [("LAX", "LAX"), ("EGLL", "EGLL"), ("Lax", None), ("lax", None), ("L.A.", None), ("LONDON", None), ("AB", None)],
)
def test_only_a_code_written_in_capitals_is_a_code(query, key):
    assert code_key(query) == key


def _city(geonameid, name, country, lat, lon, population, admin1="01"):
    return {
        "geonameid": geonameid,
        "name": name,
        "countrycode": country,
        "admin1code": admin1,
        "latitude": lat,
        "longitude": lon,
        "population": population,
        "alternatenames": [],
    }


def test_airports_rank_with_the_city_they_serve_and_large_ones_keep_their_codes():
    london = _city(1, "London", "GB", 51.50853, -0.12574, 8_961_989, admin1="ENG")
    farnborough = _city(2, "Farnborough", "GB", 51.29, -0.75, 65_000, admin1="ENG")
    airports = {e.id: e for e in read_airports(CityTables([london, farnborough]), {"GB.ENG": "England"})}
    heathrow = airports["airport:EGLL"]
    assert heathrow.kind == "airport" and heathrow.population is None
    assert heathrow.prominence == london["population"] >= LARGE_CITY_POPULATION
    assert heathrow.admin1 == "England" and heathrow.codes == ["LHR", "EGLL"]
    assert ("Heathrow Airport", "name") in heathrow.names and ("Heathrow", "alternate") in heathrow.names
    small = next(e for e in airports.values() if e.prominence == farnborough["population"])
    assert small.codes == []  # a code of a small airport finds nothing: too many are words or acronyms
    unserved = [e for e in airports.values() if e.prominence is None]
    assert unserved and all(e.codes == [] and e.admin1 is None for e in unserved)


def test_a_short_name_a_town_of_the_same_country_bears_stays_the_towns():
    orly = _city(1, "Orly", "FR", 48.74792, 2.39253, 20_528)
    paris = _city(2, "Paris", "FR", 48.85341, 2.3488, 2_138_551)
    airport = next(e for e in read_airports(CityTables([orly, paris]), {}) if e.id == "airport:LFPO")
    assert ("Orly", "alternate") not in airport.names
    assert ("Orly Airport", "name") in airport.names


@pytest.mark.slow
class TestOnTheRealIndex:
    def test_an_airport_known_abroad_by_its_short_name_beats_a_small_namesake_town(self, gazetteer):
        best = gazetteer.lookup("Heathrow")[0]
        assert (best.kind, best.country_code, best.matched_by) == ("airport", "GB", "alternate")

    def test_full_names_find_the_airport_as_a_name(self, gazetteer):
        best = gazetteer.lookup("Heathrow Airport")[0]
        assert (best.kind, best.matched_by, best.id) == ("airport", "name", "airport:EGLL")

    def test_codes_of_large_airports_in_capitals(self, gazetteer):
        lax = gazetteer.lookup("LAX")[0]
        assert (lax.kind, lax.country_code, lax.matched_by) == ("airport", "US", "code")
        assert gazetteer.lookup("KLAX")[0] == lax
        assert all(p.kind != "airport" for p in gazetteer.lookup("lax") + gazetteer.lookup("Lax"))

    def test_a_person_named_like_an_airport_is_only_an_alternate_name(self, gazetteer):
        found = gazetteer.lookup("Charles de Gaulle")
        assert found and all(p.matched_by != "name" for p in found if p.kind == "airport")

    def test_airports_are_points_with_no_population(self, gazetteer):
        heathrow = gazetteer.get("airport:EGLL")
        assert heathrow is not None and heathrow.population is None and not heathrow.has_shape
        assert heathrow.__geo_interface__["type"] == "Point"
