"""The gazetteer check and the word-list helpers of the recognizer (no model, no index)."""

from __future__ import annotations

import pytest

from gazetteer.folding import split_camel
from mapview.recognize.known import generic_only, known_place_check, names_a_feature
from mapview.recognize.ruler import usable_pattern


class P:
    def __init__(self, matched_by, kind="city", population=0):
        self.matched_by, self.kind, self.population = matched_by, kind, population


@pytest.mark.parametrize(
    "name, matches, known",
    [
        ("Herat", [P("name", "admin1")], True),
        ("Saturday", [P("alternate", "admin1", 2_871_814)], False),  # an alternate name of Lusaka province
        ("Kiev", [P("alternate", "city", 2_952_301)], True),
        ("UN", [P("name", "city", 50_000)], False),  # the town of Un, matched case-blind
        ("USA", [P("abbreviation", "country")], True),
        ("Nowhere", [], False),
    ],
)
def test_known_place_check(name, matches, known):
    assert known_place_check(lambda _: matches)(name) is known


def test_notable_places_are_larger_towns_or_areas():
    check = known_place_check(
        lambda n: [P("name", "city", 1_200)] if n == "Tornado" else [P("name", "admin1")], min_population=15_000
    )
    assert not check("Tornado") and check("Logar")


def test_split_camel():
    assert split_camel("SouthSudan") == "South Sudan" and split_camel("Ferguson") == "Ferguson"
    assert split_camel("PrayForUSA") == "Pray For USA"


@pytest.mark.parametrize(
    "name, usable",
    [
        ("Herat", True),
        ("New South Wales", True),
        ("W.", False),
        ("herat", False),
        ("Central", False),
        ("Eastern Province", False),
        ("Paris, Texas", False),
        ("The Hague", False),
    ],
)
def test_which_gazetteer_names_become_patterns(name, usable):
    assert usable_pattern(name) is usable


def test_compass_and_generic_words_alone_are_no_name():
    assert generic_only("South") and generic_only("East Coast") and not generic_only("South Sudan")
    assert names_a_feature("Bay Area") and not names_a_feature("Bay") and not names_a_feature("bay Area")
