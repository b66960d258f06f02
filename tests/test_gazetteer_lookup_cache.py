"""Look-ups are kept per gazetteer: the same answers again, each caller's list its own, forgotten on close."""

from __future__ import annotations


def test_a_repeated_lookup_gives_the_same_places_in_a_list_of_its_own(small_gazetteer):
    first = small_gazetteer.lookup("Kabul", limit=3)
    first.clear()  # the caller's list: emptying it changes nothing kept
    again = small_gazetteer.lookup("Kabul", limit=3)
    assert again and again == small_gazetteer.lookup("Kabul", limit=3)


def test_filters_are_part_of_what_is_kept(small_gazetteer):
    everything = small_gazetteer.lookup("Herat")
    provinces = small_gazetteer.lookup("Herat", kinds=["admin1"])
    from_a_generator = small_gazetteer.lookup("Herat", kinds=(kind for kind in ["admin1"]))
    assert {p.kind for p in provinces} == {"admin1"} and len(everything) > len(provinces)
    assert from_a_generator == provinces


def test_closing_forgets_the_kept_answers(small_gazetteer):
    before = small_gazetteer.lookup("Idleb")
    small_gazetteer.close()
    assert small_gazetteer.lookup("Idleb") == before


def test_the_cheap_check_agrees_with_lookup_on_the_small_index(small_gazetteer):
    for name in ["Kabul", "Herat", "Idleb", "U.S.", "Afghan", "Nowhere At All"]:
        strong = [p for p in small_gazetteer.lookup(name) if p.matched_by in ("name", "abbreviation")]
        if strong:
            assert small_gazetteer.may_name_a_place(name), name
    assert not small_gazetteer.may_name_a_place("Nowhere At All")


def test_one_kind_given_as_a_string_filters_as_a_list_of_it(small_gazetteer):
    assert small_gazetteer.lookup("Herat", kinds="admin1") == small_gazetteer.lookup("Herat", kinds=["admin1"])
