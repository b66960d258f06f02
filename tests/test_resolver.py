"""The resolver uses the document, not the name alone."""

import pytest

from mapview.records import Mention, Span
from mapview.resolver import Resolver

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
    [afghan] = resolver.resolve("Afghan fighters joined.", mentions("Afghan fighters joined.", "Afghan", label="demonym"))
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
