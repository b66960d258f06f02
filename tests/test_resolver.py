"""The resolver uses the document, not the name alone."""

import pytest

from mapview.records import Mention, Span
from mapview.resolve import Resolver

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def resolver(gazetteer):
    return Resolver(gazetteer)


def mentions(text, *names, label="place"):
    """Mentions of each name at its first occurrence after the previous one (one sentence)."""
    out, at = [], 0
    for name in names:
        start = text.index(name, at)
        out.append(Mention(start, start + len(name), name, Span(0, len(text)), label))
        at = start + len(name)
    return out


def resolve(resolver, text, *names):
    return resolver.resolve(text, mentions(text, *names))


def test_cue_word_after_the_name_picks_the_province(resolver):
    [herat] = resolve(resolver, "Fighting spread across Herat province.", "Herat")
    assert (herat.place.kind, herat.place.country_code) == ("admin1", "AF")


def test_cue_word_before_the_name_picks_the_city(resolver):
    [herat] = resolve(resolver, "Protests filled the city of Herat.", "Herat")
    assert (herat.place.kind, herat.place.country_code) == ("city", "AF")


def test_a_division_after_a_comma_contains_the_town(resolver):
    paris, _ = resolve(resolver, "The plant in Paris, Tenn. closed.", "Paris", "Tenn.")
    assert (paris.place.country_code, paris.place.admin1) == ("US", "Tennessee")


def test_other_mentions_pull_an_ambiguous_town_into_their_state(resolver):
    text = "A fire in Alexandria was investigated by Rapides Parish deputies and Pineville police."
    alexandria, *_ = resolve(resolver, text, "Alexandria", "Rapides Parish", "Pineville")
    assert (alexandria.place.country_code, alexandria.place.admin1) == ("US", "Louisiana")


def test_countries_named_in_the_document_pull_a_name_abroad(resolver):
    text = "Syria and Turkey traded fire; shelling hit Idlib and Aleppo near Hama."
    *_, hama = resolve(resolver, text, "Syria", "Turkey", "Idlib", "Aleppo", "Hama")
    assert hama.place.country_code == "SY"


def test_one_sense_per_document_unless_a_cue_says_otherwise(resolver):
    text = "Georgia voted. Atlanta and Savannah counted. Georgia certified its results."
    first, _, _, second = resolve(resolver, text, "Georgia", "Atlanta", "Savannah", "Georgia")
    assert first.place == second.place and first.place.country_code == "US"


def test_demonyms_resolve_to_countries(resolver):
    [afghan] = resolver.resolve(
        "Afghan fighters joined.", mentions("Afghan fighters joined.", "Afghan", label="demonym")
    )
    assert (afghan.place.kind, afghan.place.country_code) == ("country", "AF")


def test_confidence_and_alternatives(resolver):
    [springfield] = resolve(resolver, "They met in Springfield.", "Springfield")
    assert 0 < springfield.confidence < 0.9
    assert springfield.alternatives and springfield.place not in springfield.alternatives
    [syria] = resolve(resolver, "They met in Syria.", "Syria")
    assert syria.confidence > 0.9


def test_unknown_names_resolve_to_none(resolver):
    [nowhere] = resolve(resolver, "They met in Qqxzvw.", "Qqxzvw")
    assert nowhere.place is None and nowhere.confidence == 0.0


def inside(gazetteer, area, place):
    """True when ``place``'s point lies in ``area``'s shape."""
    from shapely import intersects_xy

    shape = gazetteer.shape(area.id)
    return shape is not None and bool(intersects_xy(shape, place.lon, place.lat))


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Analysts in Homs expect the siege to end.", "Homs", "SY"),
        ("Bread prices doubled in Aleppo's markets this winter.", "Aleppo", "SY"),
        ("Hotels in Erbil filled with families fleeing the fighting.", "Erbil", "IQ"),
        ("Engineers began rebuilding the old bridges of Mosul.", "Mosul", "IQ"),
    ],
)
def test_a_name_used_plainly_is_the_settlement_not_the_area_named_after_it(resolver, text, name, country):
    [found] = resolve(resolver, text, name)
    assert (found.place.kind, found.place.country_code) == ("city", country)
    assert any(p.kind != "city" for p in found.alternatives)  # the area was a candidate, and lost


def test_a_list_of_such_names_stays_settlements(resolver):
    text = "Bakeries in Raqqa, Deir ez-Zor and Hasakah ran out of flour."
    assert [m.place.kind for m in resolve(resolver, text, "Raqqa", "Deir ez-Zor", "Hasakah")] == ["city"] * 3


def test_a_cue_word_or_an_office_makes_it_the_area(resolver):
    [homs] = resolve(resolver, "Shelling resumed in rural Homs province.", "Homs")
    assert (homs.place.kind, homs.place.country_code) == ("admin1", "SY")
    [homs] = resolve(resolver, "The Homs governor toured the clinics.", "Homs")
    assert (homs.place.kind, homs.place.country_code) == ("admin1", "SY")


def test_a_plural_kind_word_makes_the_whole_list_areas(resolver):
    text = "Floods struck Herat, Farah, Helmand and Kabul provinces."
    found = resolve(resolver, text, "Herat", "Farah", "Helmand", "Kabul")
    assert [(m.place.kind, m.place.country_code) for m in found] == [("admin1", "AF")] * 4
    text = "Medics left the provinces of Homs and Hama."
    assert [m.place.kind for m in resolve(resolver, text, "Homs", "Hama")] == ["admin1", "admin1"]


def test_a_province_named_plainly_in_a_list_makes_the_others_provinces(resolver):
    text = "Night raids were reported in Helmand, Herat and Kandahar."
    found = resolve(resolver, text, "Helmand", "Herat", "Kandahar")
    assert [(m.place.kind, m.place.country_code) for m in found] == [("admin1", "AF")] * 3


def test_a_town_named_with_its_province_lies_inside_the_province(resolver, gazetteer):
    town, province = resolve(resolver, "A market in Lashkar Gah, Helmand reopened.", "Lashkar Gah", "Helmand")
    assert town.place.kind == "city" and province.place.kind == "admin1"
    assert inside(gazetteer, province.place, town.place)


def test_a_town_named_with_its_country_lies_in_that_country(resolver):
    town, _ = resolve(resolver, "A clinic in Hyderabad, Pakistan reopened.", "Hyderabad", "Pakistan")
    assert town.place.country_code == "PK"
    [alone] = resolve(resolver, "A clinic in Hyderabad reopened.", "Hyderabad")
    assert alone.place.country_code != "PK"  # the country was what decided it


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The convoy reached Jalalabad, the capital of Nangarhar, by noon.", ("Jalalabad", "Nangarhar")),
        ("The convoy reached Nangarhar's capital, Jalalabad, by noon.", ("Nangarhar", "Jalalabad")),
    ],
)
def test_the_capital_of_a_province_is_a_settlement_inside_it(resolver, gazetteer, text, names):
    found = dict(zip(names, resolve(resolver, text, *names)))
    city, province = found["Jalalabad"].place, found["Nangarhar"].place
    assert (city.kind, province.kind) == ("city", "admin1")
    assert inside(gazetteer, province, city)


def test_a_town_that_is_a_small_part_of_its_province_does_not_displace_it(resolver):
    [quebec] = resolve(resolver, "Voters in Quebec went to the polls.", "Quebec")
    assert (quebec.place.kind, quebec.place.country_code) == ("admin1", "CA")


@pytest.mark.parametrize(
    "text, names, expected",
    [
        # a small town far below the country of the same name, until its neighbours speak
        ("Water rose in Palestine; Tyler, Athens and Jacksonville closed schools.", ("Palestine", "Tyler"), "Texas"),
        # the second London of the world, named with the towns around it
        (
            "A fire in London was fought by crews from Sarnia, Strathroy and St. Thomas.",
            ("London", "Sarnia"),
            "Ontario",
        ),
    ],
)
def test_a_candidate_far_below_the_best_wins_when_the_document_speaks_for_it(resolver, text, names, expected):
    first, _ = resolve(resolver, text, *names)
    assert first.place.admin1 == expected


def test_without_context_the_best_known_place_stands(resolver):
    [london] = resolve(resolver, "A fire in London was put out.", "London")
    assert london.place.country_code == "GB"


def test_a_name_matched_only_by_a_loose_spelling_is_left_unplaced(resolver, gazetteer):
    # a small place the gazetteer lacks must not land on a namesake it matches only loosely
    assert all(c.matched_by == "variant" for c in gazetteer.lookup("Kibera", limit=5))
    [kibera] = resolve(resolver, "Nine people died in Kibera overnight.", "Kibera")
    assert kibera.place is None
