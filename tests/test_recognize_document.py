"""Document-level rules: a name taken as a place is found wherever else it stands alone, exactly where a
regular expression of all the names would find it, however many names a document holds."""

import random
import re

from mapview.recognize.document import standing_alone


def by_regex(text, names):
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


def test_names_standing_alone_are_found_as_the_alternation_of_all_names_finds_them():
    rng = random.Random(7)
    words = ["New", "York", "City", "Ill.", "St.", "Louis", "Yorker", "Kabul", "Kabul-based", "Zürich", "(AP)", "x"]
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice([" ", ", ", ".", "-", "", "\n"]) for _ in range(40))
        names = {" ".join(rng.sample(words, rng.randint(1, 3))) for _ in range(rng.randint(1, 12))}
        names = {n for n in names if len(n) > 2}
        assert list(standing_alone(text, names)) == by_regex(text, names)


def test_the_longest_name_wins_and_a_name_inside_a_word_is_not_found():
    text = "New York City officials, New Yorkers and the St. Louis office; York."
    found = [text[s:e] for s, e in standing_alone(text, {"New York", "New York City", "York", "St. Louis"})]
    assert found == ["New York City", "St. Louis", "York"]
