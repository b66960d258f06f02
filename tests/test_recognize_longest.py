"""Whole names: a found place grown to the longest name the text writes, and kind words that are not part of it.

Docs from ``spacy.blank("en")`` with entities set by hand; the gazetteer is a
few sets of names. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from mapview.recognize.lexicon import PLACE_LABELS  # noqa: E402
from mapview.recognize.ruler import build_ruler  # noqa: E402
from mapview.recognize.steps import Rules  # noqa: E402
from tests.test_recognize_steps import doc_with, found  # noqa: E402

# Names the gazetteer check knows; the lookup folds kind words away, so "Fargo City" is known too.
KNOWN = {
    "Fargo",
    "Fargo City",
    "Iowa",
    "Iowa City",
    "Minnesota",
    "Minnesota State",
    "Douglas",
    "Douglas County",
    "Brooklyn",
    "Brooklyn District",
    "Qala",
    "Qala-i-Naw",
    "Mazar-i-Sharif",
    "Pul-e Khumri",
    "Illinois",
    "Vermont",
    "Cherry Hinton",
    "Cherry",
    "Lagos",
    "Lagos State",
}
CALLED = {"Iowa City", "Douglas County"}  # places called so, kind word and all
APART = {"Fargo City", "Minnesota State", "State of Illinois"}  # the kind word says what the place is, no more
NAMES = [("Minnesota", "name"), ("Illinois", "name"), ("Vermont", "name"), ("Lagos State", "alternate")]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def rules(nlp):
    known = KNOWN.__contains__
    return Rules(
        frozenset(PLACE_LABELS), build_ruler(nlp, NAMES), known, known, APART.__contains__, CALLED.__contains__
    )


@pytest.mark.parametrize(
    "text, entity, expected",
    [
        ("Members of the Fargo City Council voted.", "Fargo City", "Fargo"),
        ("Members of the Iowa City Council voted.", "Iowa City", "Iowa City"),
        ("Rain fell on the city of Fargo City.", "Fargo City", "Fargo City"),  # at the end: the text calls it so
    ],
)
def test_a_kind_word_that_opens_an_institutions_name_leaves_the_place(nlp, rules, text, entity, expected):
    doc = doc_with(nlp, text, (entity, "GPE"))
    assert [name for name, label, _ in found(doc, rules) if label == "place"] == [expected]


def test_the_state_of_a_name_is_the_name(nlp, rules):
    doc = doc_with(nlp, "Forms are on the State of Illinois web site.", ("State of Illinois", "GPE"))
    assert found(doc, rules) == [("Illinois", "place", "ruler")]


def test_a_recorded_name_keeps_its_kind_word(nlp, rules):
    doc = doc_with(nlp, "Officials in Lagos State closed schools.", ("Lagos State", "ORG"))
    assert found(doc, rules) == [("Lagos State", "place", "ruler")]


def test_the_place_inside_a_state_agency_is_found_after_an_article(nlp, rules):
    doc = doc_with(nlp, "Ask the Minnesota State Patrol first.", ("the Minnesota State Patrol", "ORG"))
    assert found(doc, rules) == [("Minnesota", "place", "ruler")]


@pytest.mark.parametrize(
    "text, entity, expected",
    [
        ("Aid reached Qala-i-Naw on Monday.", "Qala", "Qala-i-Naw"),  # the model stopped at the hyphen
        ("She grew up in Cherry Hinton near the river.", "Cherry", "Cherry Hinton"),
        ("He was taken to the Douglas County jail.", "Douglas", "Douglas County"),  # a county called so
        ("The Brooklyn District prosecutor spoke.", "Brooklyn", "Brooklyn"),  # no place is called so
        ("Her Washington Drive apartment was empty.", "Washington", "Washington Drive"),  # a street
        ("Ice covered Lake Vermont all week.", "Vermont", "Lake Vermont"),  # a lake
        ("Boats left the Gulf of Alaska early.", "Alaska", "Gulf of Alaska"),
        ("Fargo City Hall was closed.", "Fargo", "Fargo"),  # "Fargo City" is known, but no place is called so
    ],
)
def test_a_place_grows_to_the_longest_name_around_it(nlp, rules, text, entity, expected):
    doc = doc_with(nlp, text, (entity, "GPE"))
    known = KNOWN | {"Washington", "Alaska"}
    grown_rules = Rules(rules.labels, rules.ruler, known.__contains__, known.__contains__, None, CALLED.__contains__)
    assert [name for name, label, _ in found(doc, grown_rules) if label == "place"] == [expected]


def test_transliterated_names_the_model_missed_are_found_when_the_gazetteer_knows_them(nlp, rules):
    doc = doc_with(nlp, "Convoys left Mazar-i-Sharif for Pul-e Khumri and Abd-e Nowhere at dawn.")
    assert found(doc, rules) == [("Mazar-i-Sharif", "place", "longest"), ("Pul-e Khumri", "place", "longest")]


def test_a_name_never_grows_over_an_article_or_a_line_break(nlp, rules):
    doc = doc_with(nlp, "The Fargo police said.\nIowa\nCity", ("Fargo", "GPE"), ("Iowa", "GPE"))
    assert [name for name, _, _ in found(doc, rules)] == ["Fargo", "Iowa"]
