"""Names the words around them call places where the model saw none (:mod:`mapview.recognize.cued`).

Docs from ``spacy.blank("en")`` with entities set by hand; the gazetteer is a
set of names, and a smaller set of notable ones. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from mapview.recognize.lexicon import PLACE_LABELS  # noqa: E402
from mapview.recognize.steps import Rules  # noqa: E402
from tests.test_recognize_steps import doc_with, found  # noqa: E402

NOTABLE = {"Lombard", "Roselle", "Danbury", "Grand Prairie", "March"}
KNOWN = NOTABLE | {"Grovetown", "Tinley", "Marshall", "N.D.", "CA", "Meadow", "Smith"}


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def rules():
    return Rules(frozenset(PLACE_LABELS), None, KNOWN.__contains__, NOTABLE.__contains__)


def cued(doc, rules):
    return [name for name, label, rule in found(doc, rules) if label == "place" and rule == "cued"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The outbreak began in the village of Brannockby last week.", ["Brannockby"]),
        ("Floods reached the small northern town of Kell-i-Dara.", ["Kell-i-Dara"]),
        ("They moved to a town called Ostervik in the south.", ["Ostervik"]),
        ("Shelling hit the southern town of Mais al-Jabal overnight.", ["Mais al-Jabal"]),
    ],
)
def test_an_appositive_of_kind_names_a_place_the_gazetteer_need_not_know(nlp, rules, text, expected):
    assert cued(doc_with(nlp, text), rules) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The village of the damned is a film.",  # no capitalised name
        "Crowds filled the neighborhood of Saturday's fair.",  # a weekday, not a name
        "He was named Brannockby's mayor.",  # no kind of place before "named"
        "The state of Emergency Services is poor.",  # "state" is no appositive kind
    ],
)
def test_other_words_after_a_kind_are_no_appositive(nlp, rules, text):
    assert cued(doc_with(nlp, text), rules) == []


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        ("Students at a school in Lombard won prizes.", (), ["Lombard"]),
        ("Her sister, Ann Kole of Grand Prairie, said so.", (("Ann Kole", "PERSON"),), ["Grand Prairie"]),
        ("Police said Tom Reyes, 41, of Grovetown, was held.", (("Tom Reyes", "PERSON"),), ["Grovetown"]),
        ("Sen. Ed Barr, R-Marshall, voted no.", (("Ed Barr", "PERSON"),), ["Marshall"]),
        ("Rep. Al Dunn, D-N.D., voted yes.", (("Al Dunn", "PERSON"),), ["N.D."]),
        ("Roselle police ticketed dozens of drivers.", (), ["Roselle"]),
        ("A Danbury woman was hurt.", (), ["Danbury"]),
    ],
)
def test_a_cue_and_the_gazetteer_together_make_a_place(nlp, rules, text, entities, expected):
    assert cued(doc_with(nlp, text, *entities), rules) == expected


@pytest.mark.parametrize(
    "text, entities",
    [
        ("The sale began in Tinley last week.", ()),  # known, but no notable town: a locative cue needs one
        ("Sales rose in March and April.", ()),  # a month, whatever town is called so
        ("The fair is at Lombard Park today.", ()),  # the name goes on: "Lombard Park" is no known place
        ("Rep. Jo Hart (D-CA) spoke.", (("Jo Hart", "PERSON"),)),  # a bare acronym is left to the ruler
        ("He met Bo Lind of Meadow Grove today.", (("Bo Lind", "PERSON"),)),  # only the whole run counts
        ("Her view of Grovetown changed.", ()),  # "of" after no person
        ("Danbury women's hockey won.", ()),  # a team, not the town's people
    ],
)
def test_without_both_there_is_no_cued_place(nlp, rules, text, entities):
    assert cued(doc_with(nlp, text, *entities), rules) == []


def test_a_name_inside_an_institutions_name_after_in_is_a_place(nlp, rules):
    # the entity splits at "in" (no name holds it); the place after it has its locative cue
    doc = doc_with(nlp, "Pupils of Grace School in Lombard sang.", ("Grace School in Lombard", "ORG"))
    assert [name for name, label, _ in found(doc, rules) if label == "place"] == ["Lombard"]


def test_without_a_gazetteer_nothing_is_cued(nlp):
    doc = doc_with(nlp, "The outbreak began in the village of Brannockby.")
    assert cued(doc, Rules(frozenset(PLACE_LABELS))) == []


# --- a plural kind after a list -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Roads closed in Becker, Clay and Wilkin counties.", ["Becker", "Clay", "Wilkin"]),
        ("Schools in Barrow, and Hale Dale townships reopened.", ["Barrow", "Hale Dale"]),
        ("Troops moved into Kunar & Nuristan provinces.", ["Kunar", "Nuristan"]),
    ],
)
def test_a_plural_kind_says_what_every_item_of_its_list_is(nlp, rules, text, expected):
    assert cued(doc_with(nlp, text), rules) == expected


def test_one_name_before_a_plural_kind_is_no_list(nlp, rules):
    assert cued(doc_with(nlp, "The Smith counties report came late."), rules) == []


# --- an office before its holder --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        ("A boy was hurt, said Danbury Fire Chief Jo Ames.", (("Jo Ames", "PERSON"),), ["Danbury"]),
        ("Lombard Police Spokeswoman Ida Bell said so.", (("Spokeswoman Ida Bell", "PERSON"),), ["Lombard"]),
        ("Danbury Parks and Recreation Director Al Roe spoke.", (("Al Roe", "PERSON"),), ["Danbury"]),
    ],
)
def test_a_place_opens_the_name_of_an_office_before_its_holder(nlp, rules, text, entities, expected):
    assert cued(doc_with(nlp, text, *entities), rules) == expected


@pytest.mark.parametrize(
    "text, entities",
    [
        ("Police Chief Jo Ames said so.", (("Jo Ames", "PERSON"),)),  # an institution, no place
        ("Grovetown Chairman Al Roe spoke.", (("Al Roe", "PERSON"),)),  # one word must be a notable place
        ("Danbury resident Jo Ames spoke.", (("Jo Ames", "PERSON"),)),  # no title before the name
    ],
)
def test_no_office_place_without_a_title_and_a_place(nlp, rules, text, entities):
    assert [n for n in cued(doc_with(nlp, text, *entities), rules) if n != "Danbury"] == []


# --- places the model found that the gazetteer lacks ------------------------------------------------


@pytest.mark.parametrize(
    "text, entities, expected",
    [
        ("Nine people died in Brannock overnight.", (("Brannock", "GPE"),), ["Brannock"]),
        ("Two cases at Ostervik, Lombard were confirmed.", (("Ostervik", "GPE"), ("Lombard", "GPE")), ["Ostervik"]),
        ("Treks start in the Brannock region each spring.", (("Brannock", "GPE"),), ["Brannock"]),
    ],
)
def test_an_unknown_model_place_stands_where_the_words_say_place(nlp, rules, text, entities, expected):
    assert cued(doc_with(nlp, text, *entities), rules) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Brannock said the vote was fair.",  # a person's name the model calls a place: no cue
        "Thousands died from Brannock last year.",  # "from" takes diseases and causes too
    ],
)
def test_an_unknown_model_place_without_a_cue_is_dropped(nlp, rules, text):
    assert cued(doc_with(nlp, text, ("Brannock", "GPE")), rules) == []
