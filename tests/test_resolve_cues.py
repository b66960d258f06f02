"""The words around a mention: kind words, offices, lists and capital appositions (no index needed)."""

import pytest

from mapview.records import Mention, Span
from mapview.resolve.cues import capital_of, coordinations, kind_cue, sentence_kind


def mentions(text, *names):
    """Mentions of each name at its first occurrence after the previous one, in the sentence holding it."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        sentence_start = text.rfind(". ", 0, start) + 1
        sentence_end = text.find(". ", start)
        span = Span(sentence_start, len(text) if sentence_end == -1 else sentence_end + 1)
        out.append(Mention(start, start + len(name), name, span))
        at = start + len(name)
    return out


def cue(text, name):
    [mention] = mentions(text, name)
    return kind_cue(text, mention)


@pytest.mark.parametrize(
    ("text", "name", "kind", "plural"),
    [
        ("Convoys crossed Kandahar province at night.", "Kandahar", "admin1", False),
        ("Shops reopened in the city of Kandahar.", "Kandahar", "city", False),
        ("Aid reached the provinces of Kunar and Nuristan.", "Kunar", "admin1", True),
        ("Aid reached Kunar and Nuristan provinces.", "Nuristan", "admin1", True),
        ("Farmers in districts like Marjah lost crops.", "Marjah", "admin2", True),
        ("Raqqa's governor met the elders.", "Raqqa", "admin1", False),
        ("Talks with the former Basra deputy governor stalled.", "Basra", "admin1", False),
        ("The mayor of Tripoli spoke first.", "Tripoli", "city", False),
        ("Flights to the capital, Kabul, resumed.", "Kabul", "city", False),
    ],
)
def test_a_kind_word_or_office_next_to_a_name_is_a_cue(text, name, kind, plural):
    found = cue(text, name)
    assert found is not None and (found.kind, found.plural) == (kind, plural)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Analysts in Homs expect more shelling.", "Homs"),
        ("Bread prices doubled in Aleppo's markets.", "Aleppo"),
        ("The capital of Nangarhar is busy.", "Nangarhar"),
        ("It is a quiet county including Dover and two villages.", "Dover"),
    ],
)
def test_no_cue_where_nothing_names_a_kind(text, name):
    assert cue(text, name) is None


def test_a_plural_kind_word_in_the_sentence_names_its_kind():
    text = "Clinics closed across several provinces. Nothing else changed."
    assert sentence_kind(text, (0, 40)) == "admin1"
    assert sentence_kind(text, (41, len(text))) is None


def test_names_joined_by_commas_and_a_conjunction_are_one_list():
    text = "Raids hit Herat, Farah, Helmand, and Kabul overnight."
    assert coordinations(text, mentions(text, "Herat", "Farah", "Helmand", "Kabul")) == [0, 0, 0, 0]
    text = "Raids hit Kabul and Faryab overnight."
    assert coordinations(text, mentions(text, "Kabul", "Faryab")) == [0, 0]


def test_a_place_and_its_container_are_no_list():
    text = "A bomb exploded in Lashkar Gah, Helmand on Monday."
    assert coordinations(text, mentions(text, "Lashkar Gah", "Helmand")) == [None, None]


def test_a_list_ends_at_words_or_a_sentence_end():
    text = "Raids hit Herat and Farah. Kabul, Ghazni and Zabul were calm, said officials in Kandahar."
    groups = coordinations(text, mentions(text, "Herat", "Farah", "Kabul", "Ghazni", "Zabul", "Kandahar"))
    assert groups == [0, 0, 2, 2, 2, None]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("We drove to Jalalabad, the capital of Nangarhar, at dawn.", ("Jalalabad", "Nangarhar"), {0: 1}),
        ("We drove to Lashkar Gah, provincial capital of Helmand.", ("Lashkar Gah", "Helmand"), {0: 1}),
        ("Nangarhar's capital, Jalalabad, was calm.", ("Nangarhar", "Jalalabad"), {1: 0}),
        ("Jalalabad and Nangarhar were calm.", ("Jalalabad", "Nangarhar"), {}),
        ("Herat and capital Kabul were calm.", ("Herat", "Kabul"), {}),
    ],
)
def test_a_capital_apposition_names_the_settlement_and_its_area(text, names, expected):
    assert capital_of(text, mentions(text, *names)) == expected
