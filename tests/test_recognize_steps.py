"""The recognizer's rule steps on docs from ``spacy.blank("en")`` with entities set by hand.

No model and no index: the "model" is the entities each test sets, the
gazetteer a set of names. Each test names the step whose behaviour it pins.
"""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from mapview.recognize import Recognizer  # noqa: E402
from mapview.recognize.lexicon import PLACE_LABELS  # noqa: E402
from mapview.recognize.ruler import build_ruler  # noqa: E402
from mapview.recognize.steps import STEPS, Rules, run_steps  # noqa: E402
from mapview.records import Span  # noqa: E402

KNOWN = {
    "Herat",
    "Kabul",
    "Georgia",
    "Pakistan",
    "Syria",
    "Ferguson",
    "Athens",
    "Paktika",
    "Logar",
    "Laghman",
    "Gaza",
    "New South Wales",
    "Wales",
    "Canadian",
    "Tbilisi",
}
NAMES = [
    ("Herat", "name"),
    ("Kabul", "name"),
    ("Pakistan", "name"),
    ("Syria", "name"),
    ("Paktika", "name"),
    ("Wales", "name"),
    ("Gaza", "name"),
    ("Logar", "alternate"),
    ("Laghman", "alternate"),
    ("Saturday", "alternate"),
    ("Jordan", "name"),
    ("Canadian", "demonym"),
    ("Afghan", "demonym"),
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def hand_rules(nlp, names, known):
    """Rules over a ruler of ``names`` and a gazetteer that knows ``known`` (every known place notable)."""
    return Rules(frozenset(PLACE_LABELS), build_ruler(nlp, names), known.__contains__, known.__contains__)


@pytest.fixture(scope="module")
def rules(nlp):
    return hand_rules(nlp, NAMES, KNOWN)


def doc_with(nlp, text, *entities):
    """``text`` tokenized, with ``(phrase, label)`` entities (the first occurrence of each phrase)."""
    doc = nlp(text)
    spans = []
    for phrase, label in entities:
        start = text.index(phrase)
        span = doc.char_span(start, start + len(phrase), label=label)
        assert span is not None, phrase
        spans.append(span)
    doc.ents = spans
    return doc


def steps_named(*names):
    return tuple(step for step in STEPS if step.name in names)


def found(doc, rules, steps=STEPS):
    """``(text, label, rule)`` of every candidate, in text order."""
    result = []
    for c in run_steps(steps, rules, doc, [0]):
        start, end = c.char_range(doc)
        result.append((doc.text[start:end], c.label, c.rule))
    return sorted(result, key=lambda r: doc.text.index(r[0]))


def test_model_entities_are_trimmed_to_the_bare_name(nlp, rules):
    doc = doc_with(
        nlp, "Aid from the United States reached Syria's north.", ("the United States", "GPE"), ("Syria's", "GPE")
    )
    assert found(doc, Rules(frozenset(PLACE_LABELS))) == [
        ("United States", "place", "model"),
        ("Syria", "place", "model"),
    ]


def test_a_person_labelled_place_is_dropped_when_the_gazetteer_does_not_know_it(nlp, rules):
    doc = doc_with(nlp, "Saakashvili said the troops left Tbilisi.", ("Saakashvili", "GPE"), ("Tbilisi", "GPE"))
    assert found(doc, rules) == [("Tbilisi", "place", "model")]


def test_a_compass_word_is_dropped_when_only_the_rest_is_known(nlp, rules):
    doc = doc_with(nlp, "Storms hit Northeast Georgia.", ("Northeast Georgia", "LOC"))
    assert found(doc, rules) == [("Georgia", "place", "model")]


def test_a_model_demonym_must_be_a_known_demonym(nlp, rules):
    doc = doc_with(nlp, "Afghan and Martian fighters.", ("Afghan", "NORP"), ("Martian", "NORP"))
    assert found(doc, rules, steps_named("model")) == [("Afghan", "demonym", "model")]
    assert found(doc, Rules(frozenset(PLACE_LABELS)), steps_named("model")) == [
        ("Afghan", "demonym", "model"),
        ("Martian", "demonym", "model"),
    ]  # no gazetteer: every NORP is one


def test_the_ruler_recovers_a_name_the_model_called_an_organisation(nlp, rules):
    doc = doc_with(nlp, "Fighting in Herat and Kabul.", ("Herat", "ORG"))
    assert found(doc, rules) == [("Herat", "place", "ruler"), ("Kabul", "place", "ruler")]


def test_the_ruler_never_takes_a_name_inside_a_person_or_a_date(nlp, rules):
    doc = doc_with(nlp, "Michael Jordan played on Saturday.", ("Michael Jordan", "PERSON"), ("Saturday", "DATE"))
    assert found(doc, rules) == []


def test_a_longer_known_model_place_wins_over_the_name_inside_it(nlp, rules):
    doc = doc_with(nlp, "Floods in New South Wales.", ("New South Wales", "GPE"))
    assert found(doc, rules) == [("New South Wales", "place", "model")]


def test_a_town_the_model_called_a_person_is_rescued_after_a_locative_cue(nlp, rules):
    doc = doc_with(nlp, "Protests in Ferguson grew.", ("Ferguson", "PERSON"))
    assert found(doc, rules) == [("Ferguson", "place", "rescue")]
    doc = doc_with(nlp, "Ferguson said no.", ("Ferguson", "PERSON"))
    assert found(doc, rules) == []


def test_the_place_naming_an_institution_is_rescued(nlp, rules):
    doc = doc_with(nlp, "The Athens Police Department said.", ("Athens Police Department", "ORG"))
    assert found(doc, rules) == [("Athens", "place", "rescue")]


def test_weak_names_join_a_list_of_places(nlp, rules):
    doc = doc_with(nlp, "Raids in Paktika, Logar, and Laghman.")
    assert found(doc, rules) == [
        ("Paktika", "place", "ruler"),
        ("Logar", "place", "list"),
        ("Laghman", "place", "list"),
    ]
    assert found(doc_with(nlp, "Logar was quiet."), rules) == []  # alone, a weak name is no place


def test_a_name_inside_a_movements_name_is_rejected(nlp, rules):
    doc = doc_with(nlp, "Tehrik-i-Taliban Pakistan claimed it.", ("Pakistan", "GPE"))
    assert found(doc, rules) == [("Pakistan", "rejected", "ruler")]
    doc = doc_with(nlp, "Taliban fighters left Pakistan.", ("Pakistan", "GPE"))
    assert found(doc, rules) == [("Pakistan", "place", "ruler")]


def test_a_model_place_that_is_a_demonym_is_a_demonym(nlp, rules):
    # "Canadian" is also a town in Texas, so the gazetteer check knows it
    doc = doc_with(nlp, "The Canadian Food Inspection Agency said.", ("Canadian", "GPE"))
    assert found(doc, rules, steps_named("model")) == [("Canadian", "place", "model")]
    assert found(doc, rules, steps_named("model", "demonym")) == [("Canadian", "demonym", "model")]
    assert found(doc, rules) == [("Canadian", "demonym", "ruler")]


def test_a_hashtag_names_the_place_in_its_camel_case_parts(nlp, rules):
    doc = doc_with(nlp, "Thoughts with everyone #PrayForGaza")
    assert found(doc, rules) == [("Gaza", "place", "hashtag")]


def test_steps_can_be_chosen_and_run_in_order(nlp, rules):
    doc = doc_with(nlp, "Tehrik-i-Taliban Pakistan claimed it.", ("Pakistan", "GPE"))
    without_movement = tuple(step for step in STEPS if step.name != "movement")
    assert found(doc, rules, without_movement) == [("Pakistan", "place", "ruler")]
    assert [step.name for step in STEPS] == [
        "model",
        "ruler",
        "rescue",
        "definition",
        "feature",
        "dateline",
        "cued",
        "list",
        "longest",
        "kind",
        "movement",
        "demonym",
        "hashtag",
    ]


# --- the facade over a blank pipeline: documents, offsets, one sense per document ----------------


@pytest.fixture(scope="module")
def recognizer():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Gainesville"}, {"label": "GPE", "pattern": "Kabul"}])
    known = KNOWN.__contains__
    return Recognizer(place_names=NAMES, is_known_place=known, nlp=nlp)


def mentions(recognizer, text, sentences=None):
    return [
        (m.name, m.label, text[m.sentence.start : m.sentence.end])
        for m in recognizer.recognize(text, sentences if sentences is not None else [Span(0, len(text))])
    ]


def test_a_name_taken_as_a_place_once_is_one_wherever_it_stands_alone(recognizer):
    text = "Raids in Herat. Later Herat was calm, and Herat's governor spoke."
    names = [m[0] for m in mentions(recognizer, text)]
    assert names == ["Herat", "Herat", "Herat"]


def test_mentions_keep_exact_offsets_within_their_sentence(recognizer):
    text = "Clashes in Kabul.\n\nRefugees left Syria."
    found = recognizer.recognize(text, [Span(0, 17), Span(19, 39)])
    assert [(m.name, m.sentence) for m in found] == [("Kabul", Span(0, 17)), ("Syria", Span(19, 39))]
    assert all(text[m.start : m.end] == m.name for m in found)


def test_documents_stream_in_order_with_empty_ones_between(recognizer):
    texts = ["", "Clashes in Kabul.", "   ", "Refugees left Syria.", ""]
    results = recognizer.recognize_many((t, [Span(0, len(t))]) for t in texts)
    assert [[m.name for m in r] for r in results] == [[], ["Kabul"], [], ["Syria"], []]


def test_a_name_outside_every_sentence_given_is_no_mention(recognizer):
    text = "Kabul. Then Syria."
    assert [m[0] for m in mentions(recognizer, text, [Span(7, 18)])] == ["Syria"]
