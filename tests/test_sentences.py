import pytest

from mapview.records import Span
from mapview.sentences import MAX_SENTENCE_CHARS, sentence_containing, split_sentences
from tests.conftest import SEEDS


def sentences(text):
    return [text[span.start : span.end] for span in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S. and the U.K. agreed. Talks ended.", ["the U.S. and the U.K. agreed.", "Talks ended."]),
        ("Dr. Smith met Gen. Petraeus. They talked.", ["Dr. Smith met Gen. Petraeus.", "They talked."]),
        ("He flew to St. Louis on Jan. 5. It rained.", ["He flew to St. Louis on Jan. 5.", "It rained."]),
        ("Prices rose 3.5 percent. Then fell.", ["Prices rose 3.5 percent.", "Then fell."]),
        ("J. R. R. Tolkien wrote it. Fans cheered.", ["J. R. R. Tolkien wrote it.", "Fans cheered."]),
        ("They waited... Nothing came. Then… Rain.", ["They waited... Nothing came.", "Then… Rain."]),
        ("Is it Herat? Yes! It is.", ["Is it Herat?", "Yes!", "It is."]),
        ('He said "go to Kabul." Then left.', ['He said "go to Kabul."', "Then left."]),
        ("Fighting (in Idlib.) Later, calm.", ["Fighting (in Idlib.)", "Later, calm."]),
        ("It ended in 2021. 2022 was calm.", ["It ended in 2021.", "2022 was calm."]),
        ("See e.g. the map. And i.e. this.", ["See e.g. the map.", "And i.e. this."]),
        ("Herat fell. کابل آرام بود.", ["Herat fell.", "کابل آرام بود."]),
        ("no break. after lowercase", ["no break. after lowercase"]),
    ],
)
def test_sentence_boundaries_and_abbreviations(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("First para ends\n\nsecond para starts lowercase", ["First para ends", "second para starts lowercase"]),
        (
            "Clashes erupt in Idlib province\nFighters moved on Monday.",
            ["Clashes erupt in Idlib province", "Fighters moved on Monday."],
        ),
        ("Fighters moved from the\nHerat area to Farah.", ["Fighters moved from the\nHerat area to Farah."]),
        ("They went on,\nKabul said.", ["They went on,\nKabul said."]),
        ("Places:\n- Herat\n- Kabul\n1. Idlib", ["Places:", "- Herat", "- Kabul", "1. Idlib"]),
        ("Title\r\n\r\nBody text.\r\n", ["Title", "Body text."]),
        ("   \n\n  ", []),
        ("", []),
    ],
)
def test_lines_and_paragraphs(text, expected):
    assert sentences(text) == expected


def test_offsets_are_exact_and_trimmed():
    text = "  Dr. Smith went to St. Louis.\n\n  The U.S. envoy met him.  "
    spans = split_sentences(text)
    assert spans == [Span(2, 30), Span(34, 57)]
    assert text[34:57] == "The U.S. envoy met him."


def _check_cover(text, spans):
    assert spans == sorted(spans, key=lambda s: s.start)
    covered = [False] * len(text)
    for span in spans:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        for index in range(span.start, span.end):
            assert not covered[index]
            covered[index] = True
    assert all(covered[i] for i, char in enumerate(text) if not char.isspace())


@pytest.mark.shared
@pytest.mark.parametrize("name", ["hasht-e-subh-terrorist-coalitions.txt", "stratheia-hts-taliban-links.txt"])
def test_seed_articles_split_into_clean_covering_sentences(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    spans = split_sentences(text)
    _check_cover(text, spans)
    assert len(spans) > 40
    assert "\n\n" not in "".join(text[s.start : s.end] for s in spans)


@pytest.mark.shared
def test_seed_sentence_with_us_embassy_is_whole():
    text = (SEEDS / "stratheia-hts-taliban-links.txt").read_text(encoding="utf-8")
    assert (
        "They have jointly carried out high-profile attacks, including the 2011 assault on the U.S. Embassy in Kabul."
    ) in sentences(text)


def test_long_sentences_are_cut_at_whitespace():
    text = "Herat " + "word " * 3000 + "end. Short one."
    spans = split_sentences(text)
    _check_cover(text, spans)
    assert all(span.end - span.start <= MAX_SENTENCE_CHARS for span in spans)
    assert all(text[span.start : span.end].endswith(("word", "end.", "one.")) for span in spans)
    assert sentences(text)[-1] == "Short one."


def test_long_text_without_spaces_is_still_cut():
    text = "x" * 4500
    assert [s.end - s.start for s in split_sentences(text)] == [2000, 2000, 500]


def test_sentence_containing_finds_every_offset():
    text = "Kabul is calm. Herat is not.\n\nIdlib fell."
    spans = split_sentences(text)
    for span in spans:
        for offset in range(span.start, span.end):
            assert sentence_containing(spans, offset) == span
    with pytest.raises(ValueError, match="sentence"):
        sentence_containing(spans, text.index(" Herat"))
    with pytest.raises(ValueError, match="sentence"):
        sentence_containing(spans, len(text) + 5)


@pytest.mark.parametrize(
    "text",
    [
        "Fighting in Kabul" + "." * 100_000 + "x",  # issue 13: 105 s before, quadratic in the dots
        "Fighting in Kabul" + ". " * 50_000 + "x",
        '."' * 50_000 + " Herat.",
        "Dr. " * 25_000 + "Herat.",
        "\n- " * 30_000,
        "a\n" * 50_000,
    ],
)
def test_pathological_text_splits_in_one_pass_and_covers_everything(text):
    spans = split_sentences(text)
    _check_cover(text, spans)
    assert all(span.end - span.start <= MAX_SENTENCE_CHARS for span in spans)


def test_a_run_of_dots_is_an_ellipsis_cut_into_pieces():
    text = "Fighting in Kabul" + "." * 5000 + " Then Herat fell. Calm returned."
    assert sentences(text)[0].startswith("Fighting in Kabul...")
    assert sentences(text)[-2].endswith(". Then Herat fell.") and sentences(text)[-1] == "Calm returned."
