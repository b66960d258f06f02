"""Rules that read the words around a name: definitions, features and roads, kind words, people.

Docs from ``spacy.blank("en")`` with entities set by hand, and a set of names
for the gazetteer; sentences written for these tests.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from mapview.recognize import Recognizer  # noqa: E402
from mapview.recognize.lexicon import PLACE_LABELS  # noqa: E402
from mapview.recognize.steps import Rules  # noqa: E402
from mapview.records import Span  # noqa: E402
from tests.test_recognize_steps import doc_with, found  # noqa: E402

KNOWN = {
    "Stow",
    "Salang",
    "Georgia",
    "Ripley",
    "Tbilisi",
    "Middlesex County",
    "Memphis",
    "Mansfield",
    "St. Paul",
    "Rome",
}


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def rules():
    known = KNOWN.__contains__
    return Rules(frozenset(PLACE_LABELS), None, known, lambda name: False)  # nothing is notable


def places(doc, rules):
    return [name for name, label, _ in found(doc, rules) if label == "place"]


# --- encyclopedic definitions ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Stow is a town in Middlesex County.", ["Stow"]),
        ("Brindleford was a small market town of some note.", ["Brindleford"]),  # unknown to the gazetteer
        ("Qala-i-Naw is the capital of the province.", ["Qala-i-Naw"]),
        ("Nettlebury is an unincorporated community, near the coast.", ["Nettlebury"]),
    ],
)
def test_the_subject_of_a_definition_is_a_place(nlp, rules, text, expected):
    assert places(doc_with(nlp, text, (expected[0], "ORG")), rules) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Smith is a town councillor.",  # the kind noun goes on as another noun
        "This is a big territory for one team.",  # a pronoun, not a name
        "Stow is a good friend of ours.",  # no kind of place
    ],
)
def test_other_sentences_of_that_shape_are_no_definitions(nlp, rules, text):
    assert places(doc_with(nlp, text), rules) == []


# --- streets, roads, features -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The car stopped on Gillis Street near the school.", ["Gillis Street"]),
        ("She lives at 12 E. Broad St. with her son.", ["E. Broad St."]),
        ("Water covered 40th Avenue South overnight.", ["40th Avenue South"]),
        ("Traffic on Highway 10 and County Road 43 slowed to a crawl this morning.", ["Highway 10", "County Road 43"]),
        ("A crash closed I-75 for hours.", ["I-75"]),
        ("Kayakers crossed Nettle Lake at dawn.", ["Nettle Lake"]),
        ("Fans filled Brannock Stadium and toured Ostervik Abbey.", ["Brannock Stadium", "Ostervik Abbey"]),
    ],
)
def test_streets_roads_and_features_are_places(nlp, rules, text, expected):
    assert places(doc_with(nlp, text), rules) == expected


def test_a_person_called_after_a_feature_is_no_place_but_a_street_is(nlp, rules):
    assert places(doc_with(nlp, "Fans cheered Veronica Lake all night.", ("Veronica Lake", "PERSON")), rules) == []
    doc = doc_with(nlp, "He lives on E. Broad St. now.", ("E. Broad St.", "PERSON"))
    assert places(doc, rules) == ["E. Broad St."]


def test_a_headline_needs_the_model_to_see_a_feature(nlp, rules):
    assert places(doc_with(nlp, "Storm Batters Towns Along Coastal River Valley"), rules) == []


# --- a kind word after a name -------------------------------------------------------------------


def test_a_known_name_before_a_kind_word_is_a_place_whatever_its_label(nlp, rules):
    doc = doc_with(nlp, "Snow closed the Salang pass again.", ("Salang", "PERSON"))
    assert found(doc, rules) == [("Salang", "place", "rescue")]
    assert places(doc_with(nlp, "Snow closed Salang again.", ("Salang", "PERSON")), rules) == []


# --- one sense per document: people ---------------------------------------------------------------


@pytest.fixture(scope="module")
def recognizer():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Georgia Nolan"},
            {"label": "PERSON", "pattern": "Ed Ripley"},
            {"label": "GPE", "pattern": "Georgia"},
            {"label": "GPE", "pattern": "Ripley"},
            {"label": "GPE", "pattern": "Tbilisi"},
            {"label": "GPE", "pattern": "Marburg"},
        ]
    )
    known = (KNOWN | {"Marburg"}).__contains__
    return Recognizer(place_names=[("Georgia", "name")], is_known_place=known, nlp=nlp)


def names_in(recognizer, text):
    return [m.name for m in recognizer.recognize(text, [Span(0, len(text))]) if m.label == "place"]


def test_a_persons_name_is_that_person_where_it_stands_alone(recognizer):
    text = "Georgia Nolan skated first. Georgia won the gold. Coach Ed Ripley smiled and Ripley waved."
    assert names_in(recognizer, text) == []


def test_a_persons_name_is_still_a_place_where_the_words_say_so(recognizer):
    text = "Georgia Nolan trained in Georgia, far from Tbilisi, Georgia."
    assert names_in(recognizer, text) == ["Georgia", "Tbilisi", "Georgia"]


def test_without_a_person_of_that_name_the_place_stands(recognizer):
    assert names_in(recognizer, "Georgia won the vote. Ripley waved.") == ["Georgia", "Ripley"]


# --- datelines ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("MANSFIELD -- The mayor resigned on Friday.", ["MANSFIELD"]),
        ("Storm damage. ST. PAUL — Crews worked all night.", ["ST. PAUL"]),
        ("ROME (AP) - Pilgrims filled the square.", ["ROME"]),
    ],
)
def test_a_dateline_names_the_place_a_report_was_filed_from(nlp, rules, text, expected):
    assert places(doc_with(nlp, text), rules) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Talks in the NATO-Russia council resumed.",  # a hyphen glued to the word
        "She went to the new ED - staff were busy.",  # two letters, and a lowercase word after the dash
        "NOWHERESVILLE -- The mayor resigned.",  # no place the gazetteer knows
        "Visit us. ROME: Open daily, closed Mondays.",  # a colon: a web page's field label as often as a dateline
    ],
)
def test_capitals_before_a_dash_are_no_dateline_otherwise(nlp, rules, text):
    assert places(doc_with(nlp, text), rules) == []


# --- pathogens and owners ----------------------------------------------------------------------------


def test_a_name_used_for_a_pathogen_is_no_place_in_that_document(recognizer):
    text = "Marburg virus spread fast. Marburg cases rose. Doctors flew in from Tbilisi."
    assert names_in(recognizer, text) == ["Tbilisi"]


def test_a_state_before_an_embassy_is_its_owner_not_a_place(recognizer):
    text = "Staff at the Georgia Embassy in Tbilisi left."
    found = recognizer.recognize(text, [Span(0, len(text))])
    assert [(m.name, m.label) for m in found] == [("Georgia", "demonym"), ("Tbilisi", "place")]


def test_a_name_the_model_mostly_calls_an_event_is_no_place_in_that_document():
    from mapview.recognize.candidates import Entity, Found
    from mapview.recognize.document import other_senses, without_senses

    text = "Olympic venues. Olympic budget. Olympic village. Olympic crowds."
    starts = [i for i in range(len(text)) if text.startswith("Olympic", i)]
    labels = ["FAC", "EVENT", "EVENT", "EVENT"]
    entities = [Entity(s, s + 7, label, "Olympic", 1) for s, label in zip(starts, labels)]
    found = [Found(starts[0], starts[0] + 7, "place")]
    assert without_senses(text, found, other_senses(text, found, entities)) == []
    assert "Olympic" not in other_senses(text, found, entities[:2])  # once more an event than a place: no sense
