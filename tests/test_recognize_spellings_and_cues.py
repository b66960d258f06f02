"""Names written without their diacritics, features named by their first word, compass cues and
lists (:mod:`mapview.recognize.steps`, ``ruler``, ``cued``, ``features``).

Docs from ``spacy.blank("en")`` with entities set by hand; the gazetteer is a set of names.
Sentences written for these tests.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from mapview.recognize.lexicon import PLACE_LABELS  # noqa: E402
from mapview.recognize.steps import Rules  # noqa: E402
from tests.test_recognize_steps import doc_with, found, hand_rules, nlp  # noqa: E402, F401 (nlp: a fixture)

KNOWN = {"Đà Nẵng", "Da Nang", "Kasaï", "Kasai", "Lombard", "Grovetown", "Ostervik"}
NAMES = [("Đà Nẵng", "name"), ("Kasaï", "name"), ("Nô", "name")]


@pytest.fixture(scope="module")
def rules(nlp):
    return hand_rules(nlp, NAMES, KNOWN)


def places(doc, rules):
    return [(name, rule) for name, label, rule in found(doc, rules) if label == "place"]


def test_a_name_spelt_with_diacritics_is_found_written_without_them(nlp, rules):
    doc = doc_with(nlp, "Flights to Da Nang resumed on Friday.", ("Nang", "PERSON"))
    assert places(doc, rules) == [("Da Nang", "ruler")]
    assert places(doc_with(nlp, "Flights to Đà Nẵng resumed."), rules) == [("Đà Nẵng", "ruler")]


def test_a_plain_spelling_that_is_an_english_word_is_no_pattern(nlp, rules):
    # "Nô" written plain is "No": a word, never matched on its own
    assert places(doc_with(nlp, "No, the fire station said.", ("No", "ORG")), rules) == []


def test_a_one_word_plain_spelling_counts_only_as_a_whole_entity(nlp, rules):
    doc = doc_with(nlp, "Cases rose in Kasai, officials said.", ("Kasai", "GPE"))
    assert places(doc, rules) == [("Kasai", "ruler")]
    # inside a longer place the model saw, it is not taken on its own: the longer name is left to the other rules
    doc = doc_with(nlp, "Cases rose in Kasai Occidental province.", ("Kasai Occidental", "GPE"))
    assert ("Kasai", "ruler") not in places(doc, rules)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Floods cut the road 20 miles south of Grovetown on Monday.", ["Grovetown"]),
        ("The camp lies north-west of Lombard.", ["Lombard"]),
    ],
)
def test_a_compass_word_and_of_call_a_known_name_a_place(nlp, rules, text, expected):
    assert [name for name, rule in places(doc_with(nlp, text), rules) if rule == "cued"] == expected


def test_after_a_compass_word_an_unknown_name_is_no_place(nlp, rules):
    assert places(doc_with(nlp, "The farm lies south of Brannockby."), rules) == []


def test_a_name_does_not_run_on_over_a_joining_word_into_a_weekday(nlp, rules):
    doc = doc_with(nlp, "Roads closed in the northern town of Ostervik on Monday.")
    assert places(doc, rules) == [("Ostervik", "cued")]
    doc = doc_with(nlp, "She was born in the town of Stratford upon Avon.")
    assert places(doc, rules) == [("Stratford upon Avon", "cued")]


def test_a_model_place_the_gazetteer_lacks_counts_in_a_list_with_places(nlp, rules):
    doc = doc_with(nlp, "Buses run from Brannock and Lombard daily.", ("Brannock", "GPE"), ("Lombard", "GPE"))
    assert places(doc, rules) == [("Brannock", "list"), ("Lombard", "model")]
    doc = doc_with(nlp, "Buses run from Brannock daily.", ("Brannock", "GPE"))
    assert places(doc, rules) == []  # alone, and after "from", it may be a person's name


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        ("The bridge over Lake Pontcharn opened.", (("Lake Pontcharn", "LOC"),), "Lake Pontcharn"),
        ("The hotel looks over Lough Corran.", (("Lough Corran", "ORG"),), "Lough Corran"),
        ("Ferries cross the Brannock Estuary daily.", (), "Brannock Estuary"),
        ("Sewage reached the River Brannock last week.", (), "River Brannock"),
        ("Troops left Fort Brannock on Friday.", (("Fort Brannock", "FAC"),), "Fort Brannock"),
        ("The cafe on Harbour Road reopened.", (), "Harbour Road"),
        ("The shop on Prager Straße closed.", (("Straße", "PERSON"),), "Prager Straße"),
    ],
)
def test_features_are_named_by_their_first_or_last_word(nlp, rules, text, entities, expected):
    assert expected in [name for name, _ in places(doc_with(nlp, text, *entities), rules)]


def test_words_that_are_all_street_words_are_no_street(nlp, rules):
    assert places(doc_with(nlp, "Take the Highway Road exit."), rules) == []


def test_a_longer_run_after_a_feature_prefix_is_no_feature(nlp, rules):
    # a business or an event named after a feature: "Mount Brannock Hotel", "the River Concert Series"
    doc = doc_with(nlp, "They met at the Mount Brannock Hotel.", ("the Mount Brannock Hotel", "FAC"))
    assert places(doc, rules) == []
    doc = doc_with(nlp, "Bands play the River Concert Series.", ("the River Concert Series", "LOC"))
    assert places(doc, rules) == []


@pytest.fixture(scope="module")
def small_towns(nlp):
    known = (KNOWN | {"Brannock", "McDonald"}).__contains__
    return Rules(frozenset(PLACE_LABELS), None, known, {"Lombard"}.__contains__)


def test_a_small_town_the_model_called_an_organisation_is_rescued_after_a_locative_cue(nlp, small_towns):
    doc = doc_with(nlp, "Students traveled to Brannock to help.", ("Brannock", "ORG"))
    assert places(doc, small_towns) == [("Brannock", "rescue")]
    # a person, a business's possessive: a small town's name needs more than a preposition
    doc = doc_with(nlp, "Students wrote to Brannock to help.", ("Brannock", "PERSON"))
    assert places(doc, small_towns) == []
    doc = doc_with(nlp, "They ate at McDonald's on Friday.", ("McDonald", "ORG"))
    assert places(doc, small_towns) == []


def test_a_name_inside_a_longer_facility_counts_only_when_it_locates_an_institution(nlp, rules):
    # a train or a bar named after a place is no mention of it; an institution's place is one
    doc = doc_with(nlp, "They rode the Da Nang Express north.", ("the Da Nang Express", "FAC"))
    assert places(doc, rules) == []
    doc = doc_with(nlp, "Fans filled the Da Nang Sports Hall.", ("the Da Nang Sports Hall", "FAC"))
    assert places(doc, rules) == [("Da Nang", "ruler")]


def test_a_town_before_its_states_postal_code_is_a_place_and_so_is_the_code(nlp):
    rules = hand_rules(nlp, [("GA", "abbreviation")], {"Grovetown", "GA", "Brannock"})
    doc = doc_with(nlp, "The storm that hit Grovetown, GA, was the worst.")
    assert places(doc, rules) == [("Grovetown", "cued"), ("GA", "list")]
    doc = doc_with(nlp, "Signed by Ann Kole, GA delegate.", ("Ann Kole", "PERSON"))
    assert ("Ann Kole", "cued") not in places(doc, rules)  # the gazetteer knows no such town


def test_a_listed_organisation_is_trimmed_to_its_name(nlp):
    known = {"Grovetown", "GA", "GA &"}.__contains__
    rules = Rules(frozenset(PLACE_LABELS), None, known, known)
    doc = doc_with(nlp, "Relief for Grovetown, GA & the county.", ("Grovetown", "GPE"), ("GA &", "ORG"))
    assert places(doc, rules) == [("Grovetown", "model"), ("GA", "list")]


def test_a_kind_word_no_place_is_called_by_goes_to_the_institution(nlp):
    known = {"Brannock", "Brannock State", "Ames", "Ames County"}.__contains__
    called = {"Ames County"}.__contains__  # a place is called "Ames County"; none "Brannock State"
    rules = Rules(frozenset(PLACE_LABELS), None, known, known, lambda name: False, called)
    doc = doc_with(nlp, "Students at Brannock State University voted.", ("Brannock State University", "ORG"))
    assert places(doc, rules) == [("Brannock", "rescue")]
    doc = doc_with(nlp, "The Ames County Sheriff said so.", ("The Ames County Sheriff", "ORG"))
    assert places(doc, rules) == [("Ames County", "rescue")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Lombard Highway Patrol closed the road.", "Lombard"),  # the patrol is named after the place
        ("Troopers closed Lombard Highway on Dec. 4.", "Lombard Highway"),  # a date goes on, not a name
        ("Boats crowded Lombard Harbor today.", "Lombard Harbor"),
        ("The Lombard Valley Water District voted.", "Lombard Valley"),  # a valley locates the district
    ],
)
def test_a_road_before_a_capitalised_word_belongs_to_an_institution(nlp, rules, text, expected):
    doc = doc_with(nlp, text, ("Lombard", "GPE"))
    assert [name for name, _ in places(doc, rules)] == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The fire spread to Lombard overnight.", ["Lombard"]),
        ("The fire spread, according to Lombard.", []),  # a source, not a place
        ("The delay was due to Lombard, officials said.", []),  # a cause
    ],
)
def test_to_is_no_locative_cue_after_according_or_due(nlp, rules, text, expected):
    assert [name for name, _ in places(doc_with(nlp, text, ("Lombard", "PERSON")), rules)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Watching the Lombard riot on television was hard.", ["Lombard"]),
        ("The Lombard earthquake woke everyone.", ["Lombard"]),
        ("Lombard shooting victim named.", []),  # a shooting follows a victim's name as often as a town's
    ],
)
def test_a_notable_name_before_an_event_noun_is_the_place_it_happened(nlp, rules, text, expected):
    assert [name for name, _ in places(doc_with(nlp, text), rules)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Visitors love Brannockby, a small village in the hills, for its music.", ["Brannockby"]),
        ("Aid reached Kell-i-Dara, the largest town near the border.", ["Kell-i-Dara"]),
        ("We met Ann Kole, a town councillor, at the fair.", []),  # a kind noun, but no definition goes on
        ("Ann Kole, a lobbyist for the city of Lombard, spoke.", []),  # a person, then another noun
    ],
)
def test_a_name_before_a_comma_and_a_kind_of_place_is_a_place(nlp, rules, text, expected):
    found = [name for name, rule in places(doc_with(nlp, text), rules) if rule == "definition"]
    assert found == expected


@pytest.mark.parametrize(
    "text, person, expected",
    [
        ("Hikers reached Brannock Canyon at noon.", "Brannock Canyon", ["Brannock Canyon"]),
        ("Ferries cross to Ostervik Creek daily.", "Ostervik Creek", ["Ostervik Creek"]),
        ("Films with Veronica Lake were shown.", "Veronica Lake", []),  # a feature word that ends names
        ("Fans filled Anderson Arena.", "Anderson Arena", []),  # a venue named after a person
    ],
)
def test_a_feature_the_model_calls_a_person_is_a_feature_unless_its_word_ends_names(nlp, rules, text, person, expected):
    doc = doc_with(nlp, text, (person, "PERSON"))
    assert [name for name, rule in places(doc, rules) if rule == "feature"] == expected


def test_a_model_entity_run_over_a_preposition_holds_two_names(nlp, rules):
    doc = doc_with(nlp, "Buses run from Lombard to Grovetown hourly.", ("Lombard to Grovetown", "GPE"))
    assert places(doc, rules) == [("Lombard", "model"), ("Grovetown", "model")]


def test_a_notable_name_the_model_left_in_a_list_of_places_is_one(nlp):
    known = {"Lombard", "Grovetown", "Ostervik"}
    rules = Rules(frozenset(PLACE_LABELS), None, known.__contains__, {"Ostervik"}.__contains__)
    doc = doc_with(nlp, "Tours visit Lombard, Ostervik and Grovetown.", ("Lombard", "GPE"), ("Grovetown", "GPE"))
    assert places(doc, rules) == [("Lombard", "model"), ("Ostervik", "list"), ("Grovetown", "model")]
    doc = doc_with(nlp, "Tours visit Lombard, Kellby and Grovetown.", ("Lombard", "GPE"), ("Grovetown", "GPE"))
    assert ("Kellby", "list") not in places(doc, rules)  # not a notable place


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Most visitors stay in the Thamelby district of the capital.", ["Thamelby"]),
        ("Treks start in the Annapurna Brannock region.", ["Annapurna Brannock"]),
        ("Cases rose in the Afghan region, officials said.", []),  # a people's adjective, in the gazetteer's list
        ("The district and the region agreed.", []),  # no name between
    ],
)
def test_the_and_a_kind_of_area_frame_an_areas_name(nlp, text, expected):
    rules = hand_rules(nlp, [("Afghan", "demonym")], set())
    assert [name for name, rule in places(doc_with(nlp, text), rules) if rule == "cued"] == expected
