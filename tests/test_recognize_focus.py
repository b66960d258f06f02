"""The model reads windows around the words a rule could take as a place, and finds what it finds reading all.

Spots and windows on plain strings (no model); then the real model and index:
the mentions with windows are those of the model reading every word, the
gazetteer's cheap name check never says no where the full check says yes, and
the pipeline's stage clock counts what it ran.
"""

from __future__ import annotations

import pytest

from mapview.recognize.focus import Focus, windows
from mapview.records import Document
from mapview.sentences import split_sentences

KNOWN = {"Kabul", "Herat", "Atlantic", "Illinois", "Ill.", "US", "In", "March", "New York", "Grand Prairie", "Ittihad"}


@pytest.fixture(scope="module")
def focus() -> Focus:
    pytest.importorskip("spacy")  # the stop words come from spaCy's English data (no model)
    return Focus.of(KNOWN.__contains__, [("Afghan", "demonym"), ("Americans", "demonym"), ("Syria", "name")])


def spotted(focus: Focus, text: str) -> list[str]:
    return [text[s:e] for s, e in focus.spots(text)]


def test_known_capitalised_words_and_runs_are_spots(focus):
    text = "Police in New York and Kabul-based aid workers met Ittihad's coach in Grand Prairie."
    assert spotted(focus, text) == ["New York", "Kabul-based", "Ittihad", "Grand Prairie"]


def test_ruler_names_open_spots_even_inside_hyphenated_words(focus):
    assert spotted(focus, "Afghan and African-Americans fled Syria.") == ["Afghan", "African-Americans", "Syria"]


def test_a_known_part_of_a_lowercase_hyphenated_word_is_a_spot(focus):
    assert spotted(focus, "stores of the mid-Atlantic states") == ["mid-Atlantic"]


def test_function_words_and_months_alone_are_no_spots_but_capitals_are(focus):
    # places are called "In" and "March"; "US" in capitals is the country, not "us"
    assert spotted(focus, "In March the US said so.") == ["US"]


def test_abbreviations_are_checked_with_their_period(focus):
    assert spotted(focus, "A Springfield, Ill. man") == ["Ill"]


def test_feature_and_road_words_and_hashtags_are_spots(focus):
    assert spotted(focus, "A crash on Gillis Street and Highway 10 near I-75.") == ["Street", "Highway", "I-75"]
    text = "Praying for #ferguson tonight"
    assert focus.spots(text) == [(0, len(text))]


def test_a_sentence_of_unknown_words_has_no_spot(focus):
    assert focus.spots("Mr Smith said the Council would meet on Tuesday.") == []


def test_windows_reach_the_margin_around_spots_and_merge():
    assert windows([(3, 3), (5, 6), (30, 30)], 40, 2) == [(1, 9), (28, 33)]
    assert windows([(0, 1), (38, 39)], 40, 8) == [(0, 10), (30, 40)]
    assert windows([], 40, 8) == []


def test_the_models_products_run_on_one_blas_thread_inside_the_context():
    pytest.importorskip("threadpoolctl")
    import numpy  # noqa: F401  (its BLAS must be loaded to be limited)
    from threadpoolctl import threadpool_info

    from mapview.recognize.model import single_threaded

    with single_threaded():
        blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
        assert blas and all(pool["num_threads"] == 1 for pool in blas)


# --- with the real model and index -----------------------------------------------------------------

TEXTS = [
    "MANSFIELD -- A Springfield, Ill. man was found in Lake Vermont near Highway 10 on Tuesday.",
    "Kalena Horhn of Grand Prairie and Tom Reyes, 41, of Grovetown spoke at the University of Texas in Austin.",
    "Georgia Smith won the final. Later she flew from Atlanta, Georgia to Tbilisi, the capital of Georgia.",
    "Afghan forces and African-Americans in the mid-Atlantic states; the US Embassy in Kabul said Herat was calm.",
    "Police said the Athens Police Department found the car on Gillis Street, not far from the Bay Area.",
    "The small village of Bariyarpur is a town in Bihar. Obama met Netanyahu in Jerusalem and Ramallah.",
    "Nothing here names a place at all, and nobody is named either; it is only words in a row for a while. "
    "Then, much later in the same long paragraph, fighting broke out in Helmand and Kandahar provinces.",
    "#PrayForGaza trended as crowds gathered in Paris, Texas and in Paris, France.",
]


@pytest.mark.slow
def test_windows_give_the_mentions_of_the_model_reading_every_word(gazetteer):
    from mapview.recognize import Recognizer

    windowed = Recognizer.from_gazetteer(gazetteer, model_context=8)
    whole = Recognizer.from_gazetteer(gazetteer, model_context=None)
    items = [(text, split_sentences(text)) for text in TEXTS]
    found = list(windowed.recognize_many(items))
    assert found == list(whole.recognize_many(items))
    assert sum(len(mentions) for mentions in found) > 25


@pytest.mark.slow
def test_the_cheap_name_check_never_refuses_a_name_the_full_check_knows(gazetteer):
    from mapview.recognize import Recognizer

    recognizer = Recognizer.from_gazetteer(gazetteer)
    known = recognizer._rules().known
    assert known is not None
    names = ["Kabul", "Ill.", "U.S.", "Herat", "Hirat", "Ningarhar", "LAX", "UK", "Kiev", "New York", "Paktya"]
    for name in names:
        if known(name):
            assert gazetteer.may_name_a_place(name), name
    assert not gazetteer.may_name_a_place("Xqzvvt")
    assert gazetteer.may_name_a_place("Kabul")


@pytest.mark.slow
def test_the_stage_clock_counts_each_stage_of_a_parse():
    from mapview.pipeline import Geoparser

    geoparser = Geoparser()
    geoparser.parse(Document(id="d", text="Clashes in Herat and Kabul. " * 20))
    stages = geoparser.stage_seconds()
    assert {"sentences", "focus", "tokenizer", "NER", "rules", "document rules", "resolve"} <= set(stages)
    assert all(seconds >= 0 for seconds in stages.values())


@pytest.mark.shared
@pytest.mark.slow
def test_on_news_the_windows_give_the_mentions_of_the_model_reading_every_word(gazetteer):
    """The guard for new rules: one that reads an entity away from every spot fails here (see the focus module)."""
    from mapview.documents import load_documents
    from mapview.recognize import Recognizer
    from tests.conftest import EVAL

    documents = list(load_documents([EVAL / "lgl.jsonl"]))[:60]
    documents += list(load_documents([EVAL / "geovirus.jsonl"]))[:20]
    items = [(d.text, split_sentences(d.text)) for d in documents]
    windowed = list(Recognizer.from_gazetteer(gazetteer, model_context=8).recognize_many(items))
    whole = list(Recognizer.from_gazetteer(gazetteer, model_context=None).recognize_many(items))
    differing = [d.id for d, a, b in zip(documents, windowed, whole, strict=True) if a != b]
    assert not differing
