"""Lookup, ids, nearest place and pattern names, on a gazetteer of a dozen places (no real index)."""

from __future__ import annotations

import pickle

import pytest

from gazetteer.exc import InvalidQueryError


def test_the_most_populous_of_same_named_places_comes_first(small_gazetteer):
    found = small_gazetteer.lookup("Paris")
    assert [p.country_code for p in found] == ["FR", "US", "US"]
    assert [p.admin1 for p in small_gazetteer.lookup("Paris", country="US")] == ["Texas", "Tennessee"]


def test_limit_kinds_and_country_filter(small_gazetteer):
    assert len(small_gazetteer.lookup("Paris", limit=1)) == 1
    assert [p.kind for p in small_gazetteer.lookup("Herat", kinds=["city"])] == ["city"]
    assert small_gazetteer.lookup("Paris", country="AF") == []


@pytest.mark.parametrize("query, kind", [("Herat province", "admin1"), ("Herat city", "city")])
def test_a_cue_word_puts_that_kind_first(small_gazetteer, query, kind):
    assert small_gazetteer.lookup(query)[0].kind == kind


@pytest.mark.parametrize(
    "query, name, matched_by",
    [
        ("U.S.", "United States", "abbreviation"),
        ("Afghan", "Afghanistan", "demonym"),
        ("Mideast", "Middle East", "alternate"),
        ("hirat", "Herat", None),  # folding: case and a transliteration variant
    ],
)
def test_each_result_says_how_it_matched(small_gazetteer, query, name, matched_by):
    best = small_gazetteer.lookup(query)[0]
    assert best.name == name
    assert matched_by is None or best.matched_by == matched_by


def test_nothing_found_is_an_empty_list_and_bad_limits_are_refused(small_gazetteer):
    assert small_gazetteer.lookup("Qqqxzv") == []
    with pytest.raises(InvalidQueryError):
        small_gazetteer.lookup("Paris", limit=0)


def test_places_by_id_and_nearest(small_gazetteer):
    kabul = small_gazetteer.get(1138958)
    assert kabul is not None and (kabul.name, kabul.kind) == ("Kabul", "city")
    assert small_gazetteer.get("geonames:1138958") == kabul and small_gazetteer.get(1) is None
    assert small_gazetteer.get("region:middle-east").kind == "region"
    assert small_gazetteer.nearest(34.35, 62.21).id == "geonames:1140026"  # Herat, the city


def test_pattern_names_are_areas_only_with_how_they_match(small_gazetteer):
    names = set(small_gazetteer.names())
    assert {("Herat", "name"), ("U.S.", "abbreviation"), ("Afghan", "demonym"), ("Mideast", "alternate")} <= names
    assert not any(name == "Paris" for name, _ in names)  # cities are not patterns


def test_places_pickle_and_stay_equal_and_hashable(small_gazetteer):
    place = small_gazetteer.lookup("Kabul")[0]
    copy = pickle.loads(pickle.dumps(place))
    assert copy == place and hash(copy) == hash(place) and copy.matched_by == place.matched_by
