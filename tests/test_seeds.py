"""The two seed articles: every place they name is found and placed, nothing else gets a point."""

import pytest

import mapview
from gazetteer.distance import great_circle_km
from tests.conftest import SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.shared]  # reads the seed reports in ../shared

# Every place each article names, with where it must land: (country, lat, lon, tolerance km).
# A country's point must lie inside the country (conventions for a country's point differ by
# hundreds of km); provinces, cities and regions must lie within the tolerance of the point given.
COUNTRIES = {"Syria", "Afghanistan", "Pakistan", "Iran", "Turkey", "Russia", "U.S.", "Uzbekistan", "Tajikistan"}
SYRIA, AFGHANISTAN = ("SY", 35.0, 38.0, 50), ("AF", 33.0, 66.0, 50)
PLACES = {
    "Syria": SYRIA,
    "Afghanistan": AFGHANISTAN,
    "Pakistan": ("PK", 30.0, 70.0, 50),
    "Iran": ("IR", 32.0, 53.0, 50),
    "Turkey": ("TR", 39.0, 35.0, 50),
    "Russia": ("RU", 60.0, 100.0, 50),
    "U.S.": ("US", 39.76, -98.5, 50),
    "Uzbekistan": ("UZ", 41.0, 64.0, 80),
    "Tajikistan": ("TJ", 39.0, 71.0, 80),
    "Idlib": ("SY", 35.9, 36.6, 60),
    "Kabul": ("AF", 34.53, 69.17, 40),
    "Islamabad": ("PK", 33.72, 73.04, 40),
    "Herat": ("AF", 34.35, 62.2, 100),
    "Farah": ("AF", 32.37, 62.11, 120),
    "Helmand": ("AF", 31.4, 64.0, 160),
    "Nangarhar": ("AF", 34.2, 70.5, 80),
    "Paktia": ("AF", 33.6, 69.4, 80),
    "Paktika": ("AF", 32.3, 68.6, 120),
    "Logar": ("AF", 34.0, 69.2, 60),
    "Laghman": ("AF", 34.7, 70.2, 60),
    "Kapisa": ("AF", 34.95, 69.65, 60),
    "Faryab": ("AF", 35.9, 64.8, 120),
    "Middle East": (None, 29.0, 41.0, 700),
    "South Asia": (None, 22.0, 78.0, 900),
}
EXPECTED = {
    "stratheia-hts-taliban-links.txt": {
        "Syria",
        "Idlib",
        "Afghanistan",
        "Kabul",
        "U.S.",
        "Middle East",
        "Pakistan",
        "Herat",
        "Farah",
        "Helmand",
        "Iran",
        "South Asia",
        "Islamabad",
        "Turkey",
        "Russia",
    },
    "hasht-e-subh-terrorist-coalitions.txt": {
        "Middle East",
        "South Asia",
        "Syria",
        "Afghanistan",
        "Uzbekistan",
        "Tajikistan",
        "Pakistan",
        "Nangarhar",
        "Paktia",
        "Paktika",
        "Logar",
        "Laghman",
        "Kapisa",
        "Kabul",
        "Herat",
        "Faryab",
    },
}


@pytest.fixture(scope="module")
def parsed():
    documents = list(mapview.load_documents(sorted(SEEDS.glob("*.txt"))))
    return {p.document.id: p for p in mapview.parse_documents(documents)}


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_every_place_is_found(parsed, article):
    found = {m.mention.name for m in parsed[article].mentions if m.mention.label == "place"}
    assert found == EXPECTED[article]


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_every_place_is_placed_correctly(parsed, article, gazetteer):
    for resolved in parsed[article].mentions:
        if resolved.mention.label != "place":
            continue
        country, lat, lon, within = PLACES[resolved.mention.name]
        place = resolved.place
        assert place is not None and place.country_code == country, resolved
        if resolved.mention.name in COUNTRIES:
            assert place.kind == "country", resolved
            around = {p.id for p in gazetteer.containing(place.lat, place.lon)}
            assert place.id in around, resolved  # the country's point lies inside the country
        else:
            assert great_circle_km(place.lat, place.lon, lat, lon) <= within, resolved


ORGANISATIONS = (
    "Tehreek-e-Taliban Pakistan",
    "Tehrik-i-Taliban Pakistan",
    "Islamic State of Iraq and Syria",
    "Islamic Movement of Uzbekistan",
    "Eastern Turkistan Islamic Movement",
    "Hayat Tahrir al-Sham",
)


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_names_inside_organisations_are_not_places(parsed, article):
    text = parsed[article].document.text
    inside = [(i, i + len(org)) for org in ORGANISATIONS for i in _occurrences(text, org)]
    for resolved in parsed[article].mentions:
        m = resolved.mention
        assert not any(start <= m.start < end for start, end in inside), m


def _occurrences(text, needle):
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def test_evidence_is_the_exact_sentence(parsed):
    for p in parsed.values():
        for resolved in p.mentions:
            sentence = p.sentence_text(resolved.mention)
            assert resolved.mention.name in sentence
            assert p.document.text[resolved.mention.start : resolved.mention.end] == resolved.mention.name


def test_demonyms_are_linked_but_kept_apart(parsed):
    demonyms = [m for p in parsed.values() for m in p.mentions if m.mention.label == "demonym"]
    assert {m.mention.name for m in demonyms} >= {"Afghan", "Syrian"}
    assert all(m.place is None or m.place.kind == "country" for m in demonyms)
