"""A place's own name outranks another place's alternate name (former names, translations,
variant spellings), unless the place answering by the alternate is far larger."""

import pytest

from gazetteer.build import build_index
from gazetteer.lookup import Gazetteer
from gazetteer.ranking import MATCH_PENALTY, static_score
from gazetteer.sources.shapes import OutlineSource
from gazetteer.store import fingerprint
from tests.small_gazetteer import _place


def place(pid, name, kind, population, *, alternates=(), capital=False):
    return _place(
        pid,
        name,
        kind,
        "ZZ",
        10.0,
        10.0,
        population,
        names=tuple((a, "alternate") for a in alternates),
        capital=capital,
    )


ENTRIES = (
    # A capital once called Kingsbridge, and a town a tenth its size that still is.
    place("t:harbourtown", "Harbourtown", "city", 400_000, alternates=["Kingsbridge"], capital=True),
    place("t:kingsbridge", "Kingsbridge", "city", 45_000),
    # A country whose name in another language is its capital's name.
    place("t:velmar", "Velmar", "country", 11_000_000, alternates=["Ostra"]),
    place("t:ostra", "Ostra", "city", 690_000, capital=True),
    # A large city with an old English spelling, and a hamlet bearing that spelling.
    place("t:kalipur", "Kalipur", "city", 4_600_000, alternates=["Calipore"]),
    place("t:calipore", "Calipore", "city", 3_700),
    # A curated region's alias is one of our English names for it.
    place("region:dune-coast", "Dune Coast", "region", 2_000_000, alternates=["Dunes"]),
    place("t:dunes", "Dunes", "city", 300_000),
)


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    path = tmp_path_factory.mktemp("ranking") / "gazetteer.sqlite"
    build_index(path, fingerprint(), entries=ENTRIES, outlines=OutlineSource([], 0, 0, 0))
    gazetteer = Gazetteer(path)
    yield gazetteer
    gazetteer.close()


def test_a_towns_own_name_beats_a_capitals_former_name(ranked):
    assert [p.id for p in ranked.lookup("Kingsbridge")] == ["t:kingsbridge", "t:harbourtown"]


def test_a_capitals_own_name_beats_a_countrys_name_in_another_language(ranked):
    best = ranked.lookup("Ostra")[0]
    assert (best.id, best.matched_by) == ("t:ostra", "name")


def test_an_alternate_name_still_wins_for_a_place_far_larger_than_the_namesake(ranked):
    assert ranked.lookup("Calipore")[0].id == "t:kalipur"


def test_curated_region_aliases_rank_as_names(ranked):
    assert ranked.lookup("Dunes")[0].id == "region:dune-coast"


def test_alternate_names_earn_no_kind_or_capital_bonus():
    assert static_score("country", 1_000, "alternate") == static_score("city", 1_000, "alternate")
    assert static_score("city", 1_000, "alternate", capital=True) == static_score("city", 1_000, "alternate")
    assert static_score("city", 1_000, "name", capital=True) > static_score("city", 1_000, "name")


def test_an_alternate_name_counts_as_the_name_of_a_place_twenty_times_smaller():
    assert MATCH_PENALTY["alternate"] == pytest.approx(1.3, abs=0.01)  # log10(20)
    twenty_times_larger = static_score("city", 20_000 * 20, "alternate")
    assert twenty_times_larger == pytest.approx(static_score("city", 20_000, "name"), abs=0.01)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Salisbury", "Pittsburg", "Franklin", "Tunis"])
def test_on_the_real_index_a_place_bearing_the_name_comes_first(gazetteer, name):
    best = gazetteer.lookup(name)[0]
    assert best.matched_by == "name"


@pytest.mark.slow
def test_on_the_real_index_an_english_exonym_of_a_large_city_still_finds_it(gazetteer):
    best = gazetteer.lookup("Calcutta")[0]
    assert (best.country_code, best.matched_by) == ("IN", "alternate")
