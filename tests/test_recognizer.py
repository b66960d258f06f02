"""The recognizer with the spaCy model: the seed articles' rules, offsets, pieces and processes.

Rule by rule on hand-made entities (no model): tests/test_recognize_steps.py."""

from __future__ import annotations

import pytest

from mapview.exc import RecognizerError
from mapview.recognize.model import load_pipeline
from mapview.sentences import split_sentences
from tests.conftest import SEEDS

HAND_NAMES = [  # (surface name, how the gazetteer matched it), as Gazetteer.names() gives them
    ("Herat", "name"),
    ("Farah", "name"),
    ("Logar", "name"),
    ("Helmand", "name"),
    ("Kabul", "name"),
    ("Pakistan", "name"),
    ("Afghanistan", "name"),
    ("Syria", "name"),
    ("Iraq", "name"),
    ("Uzbekistan", "name"),
    ("Iran", "name"),
    ("Islamabad", "name"),
    ("Turkistan", "name"),
    ("Sham", "alternate"),
    ("United States", "name"),
    ("Afghan", "demonym"),
    ("Syrian", "demonym"),
]


def seed(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")  # tests calling this are marked `shared`


@pytest.fixture(scope="module")
def recognizer():
    from mapview.recognize import Recognizer

    return Recognizer(place_names=HAND_NAMES)


def mentions(recognizer, text):
    return recognizer.recognize(text, split_sentences(text))


def names(found, label="place"):
    return [m.name for m in found if m.label == label]


# --- the model (no download, a clear error) -------------------------------------------------------


def test_a_missing_pipeline_is_a_clear_error():
    with pytest.raises(RecognizerError, match="no spaCy English pipeline"):
        load_pipeline("no_such_pipeline_package")


# --- with spaCy ----------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.slow
def test_mislabelled_provinces_are_places_when_given_as_patterns(recognizer):
    text = seed("stratheia-hts-taliban-links.txt")
    found = names(mentions(recognizer, text))
    assert {"Herat", "Farah", "Helmand", "Kabul", "Idlib"} <= set(found)
    text = seed("hasht-e-subh-terrorist-coalitions.txt")
    assert {"Logar", "Herat", "Kabul"} <= set(names(mentions(recognizer, text)))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, inside",
    [
        ("groups like Tehrik-i-Taliban Pakistan (TTP), Al-Qaeda and others.", "Pakistan"),
        ("the Haqqani Network, Tehreek-e-Taliban Pakistan (TTP), and Al-Qaeda Central.", "Pakistan"),
        ("links between Al-Qaeda, ISIS (Islamic State of Iraq and Syria), and others.", "Syria"),
        ("links between Al-Qaeda, ISIS (Islamic State of Iraq and Syria), and others.", "Iraq"),
        ("the Islamic Movement of Uzbekistan and the Taliban.", "Uzbekistan"),
        ("the Eastern Turkistan Islamic Movement operates there.", "Turkistan"),
        ("HTS (Hayat Tahrir al-Sham) gained ground.", "Sham"),
    ],
)
def test_a_name_inside_a_movements_name_is_not_a_mention(recognizer, text, inside):
    assert inside not in names(mentions(recognizer, text))


@pytest.mark.shared
@pytest.mark.slow
def test_the_seed_organisations_hold_no_mentions(recognizer):
    for file in ("stratheia-hts-taliban-links.txt", "hasht-e-subh-terrorist-coalitions.txt"):
        text = seed(file)
        found = mentions(recognizer, text)
        for org in (
            "Tehreek-e-Taliban Pakistan",
            "Tehrik-i-Taliban Pakistan",
            "Islamic State of Iraq and Syria",
            "Islamic Movement of Uzbekistan",
            "Eastern Turkistan Islamic Movement",
        ):
            start = text.find(org)
            while start >= 0:
                assert not [m for m in found if start <= m.start < start + len(org)], org
                start = text.find(org, start + 1)


@pytest.mark.slow
def test_a_branch_named_for_where_it_operates_keeps_the_place(recognizer):
    # "in X" locates the group; only names glued into a movement's name are dropped
    assert "Afghanistan" in names(mentions(recognizer, "Islamic State in Afghanistan claimed the attack."))


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, name",
    [
        ("Meanwhile, Kabul has continually dismissed Pakistan's claims.", "Kabul"),
        ("Conversely, Islamabad has consistently maintained that the bases are elsewhere.", "Islamabad"),
    ],
)
def test_a_capital_standing_for_its_government_is_a_place(recognizer, text, name):
    assert name in names(mentions(recognizer, text))


@pytest.mark.slow
def test_demonyms_are_kept_apart(recognizer):
    found = mentions(recognizer, "The source claims that Afghan fighters have joined HTS in Syria.")
    assert names(found, "demonym") == ["Afghan"] and names(found) == ["Syria"]


@pytest.mark.slow
def test_articles_and_possessives_are_not_part_of_a_mention(recognizer):
    found = names(mentions(recognizer, "Aid from the United States reached Syria's north and Syria’s east."))
    assert found == ["United States", "Syria", "Syria"]


@pytest.mark.shared
@pytest.mark.slow
def test_offsets_are_exact_and_inside_their_sentence(recognizer):
    text = seed("stratheia-hts-taliban-links.txt")
    found = mentions(recognizer, text)
    assert len(found) > 40
    for m in found:
        assert text[m.start : m.end] == m.name
        assert m.sentence.start <= m.start and m.end <= m.sentence.end


@pytest.mark.slow
def test_documents_stream_in_order_with_empty_ones_between(recognizer):
    texts = ["", "Clashes in Kabul.", "   ", "Refugees left Syria.", ""]
    results = list(recognizer.recognize_many((t, split_sentences(t)) for t in texts))
    assert [names(r) for r in results] == [[], ["Kabul"], [], ["Syria"], []]


@pytest.mark.slow
def test_a_huge_document_goes_through_in_pieces(recognizer):
    text = "Fighters moved from Herat to Kabul. " * 3000 + "x" * 50_000 + " Then Syria."
    found = mentions(recognizer, text)
    assert len(names(found)) == 6001
    assert all(text[m.start : m.end] == m.name for m in found)


@pytest.mark.slow
def test_a_gazetteer_check_drops_a_person_labelled_gpe():
    from mapview.recognize import Recognizer

    text = "Saakashvili said the troops left Tbilisi."
    everything = Recognizer()
    checked = Recognizer(is_known_place=lambda name: name == "Tbilisi")
    assert "Tbilisi" in names(mentions(everything, text))
    assert names(mentions(checked, text)) == ["Tbilisi"]


@pytest.mark.shared
@pytest.mark.slow
def test_with_the_real_gazetteer_every_seed_place_is_found(gazetteer):
    from mapview.recognize import Recognizer

    recognizer = Recognizer.from_gazetteer(gazetteer)
    expected = {
        "stratheia-hts-taliban-links.txt": {
            "Syria",
            "Idlib",
            "Afghanistan",
            "Kabul",
            "Herat",
            "Farah",
            "Helmand",
            "Iran",
            "Islamabad",
            "Pakistan",
            "Middle East",
            "South Asia",
            "Turkey",
            "Russia",
            "U.S.",
        },
        "hasht-e-subh-terrorist-coalitions.txt": {
            "Middle East",
            "South Asia",
            "Syria",
            "Afghanistan",
            "Pakistan",
            "Uzbekistan",
            "Tajikistan",
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
    for file, places in expected.items():
        found = set(names(mentions(recognizer, seed(file))))
        assert found == places, file


@pytest.mark.shared
@pytest.mark.slow
def test_two_processes_give_the_same_mentions_in_order(recognizer):
    texts = [
        seed("stratheia-hts-taliban-links.txt"),
        "",
        "Clashes in Kabul.",
        seed("hasht-e-subh-terrorist-coalitions.txt"),
    ]
    items = [(t, split_sentences(t)) for t in texts]
    assert list(recognizer.recognize_many(items, n_process=2)) == list(recognizer.recognize_many(items))


# --- what reaches the map (the real model and index) ----------------------------------------------


@pytest.fixture(scope="module")
def geoparser(gazetteer):
    from mapview.pipeline import Geoparser

    return Geoparser(gazetteer=gazetteer)


def mapped(geoparser, text, *, demonyms=False):
    from mapview.export import to_geojson
    from mapview.records import Document

    parsed = geoparser.parse(Document(id="d", text=text))
    return {f["properties"]["name"] for f in to_geojson([parsed], include_demonyms=demonyms)["features"]}


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, absent",
    [
        ("The Middle East Counterintelligence and Counterterrorism teams arrived in Kabul.", "Middle East"),
        ("Staff at the U.S. Embassy in Kabul were moved to the airport.", "United States"),
    ],
)
def test_an_institutions_name_puts_no_marker_where_the_institution_is_not(geoparser, text, absent):
    assert "Kabul" in mapped(geoparser, text) and absent not in mapped(geoparser, text)


@pytest.mark.slow
def test_demonyms_reach_the_map_as_their_country_only_when_asked(geoparser):
    text = "Russian troops crossed into Ukraine, and a Canadian reporter followed them."
    assert mapped(geoparser, text) == {"Ukraine"}
    assert mapped(geoparser, text, demonyms=True) == {"Ukraine", "Russia", "Canada"}


@pytest.mark.slow
def test_hyphenated_afghan_names_are_found_and_placed(geoparser):
    from mapview.records import Document

    text = "Fighting near Mazar-i-Sharif and Pul-e Khumri closed the Salang pass; aid reached Qala-i-Naw."
    found = {m.mention.name: m.place for m in geoparser.parse(Document(id="d", text=text)).mentions}
    assert set(found) == {"Mazar-i-Sharif", "Pul-e Khumri", "Salang", "Qala-i-Naw"}
    assert all(place is not None and place.country_code == "AF" for place in found.values())


def test_a_web_link_after_a_name_is_no_part_of_it(geoparser):
    from mapview.records import Document

    # the model runs "Japan" on into the links after it, as one organisation; a link is never part of a name
    text = "Magnitude 6.3 earthquake strikes off the coast of Japan http://t.co/6DZHuR8mkt http://t.co/bIC0DlZHtj"
    found = [(m.mention.name, m.place.country_code) for m in geoparser.parse(Document(id="d", text=text)).mentions]
    assert found == [("Japan", "JP")]
