"""The pieces spaCy sees: whole sentences within the limit, long ones cut at spaces, offsets kept."""

from __future__ import annotations

from mapview.recognize.pieces import MAX_WORD_CHARS, model_text, piece_ranges
from mapview.records import Span
from mapview.sentences import split_sentences


def test_pieces_hold_whole_sentences_within_the_limit():
    text = "One two. " * 50
    sentences = split_sentences(text)
    pieces = list(piece_ranges(text, sentences, 100))
    assert all(p.end - p.start <= 100 for p in pieces)
    assert pieces[0].start == sentences[0].start and pieces[-1].end == sentences[-1].end
    assert {p.start + s for p in pieces for s in p.sentence_starts} == {s.start for s in sentences}


def test_a_sentence_longer_than_the_limit_is_cut_at_spaces():
    text = "word " * 1000
    pieces = list(piece_ranges(text, [Span(0, len(text))], 300))
    assert len(pieces) > 10 and all(p.end - p.start <= 300 for p in pieces)
    assert all(text[p.end] == " " and text[p.start] != " " for p in pieces[:-1])  # no word cut in two
    assert pieces[0].sentence_starts == (0,) and all(p.sentence_starts == () for p in pieces[1:])


def test_blank_sentences_make_no_piece():
    text = "Kabul.    \n\n   Herat."
    pieces = list(piece_ranges(text, [Span(0, 6), Span(6, 15), Span(15, 21)], 100))
    assert [(p.start, p.end, p.sentence_starts) for p in pieces] == [(0, 21, (0, 15))]


def test_the_model_sees_long_runs_as_one_opaque_word_of_the_same_length():
    blob = "a" * (MAX_WORD_CHARS + 1)
    text = f"Convoys left {blob} for Kabul."
    seen = model_text(text, 0, len(text))
    assert len(seen) == len(text) and seen.endswith(" for Kabul.") and blob not in seen


def test_the_model_sees_a_line_in_capitals_in_title_case_of_the_same_length():
    text = "Storm report\nFLOODS CLOSE ROADS IN BOULDER AND THE DENVER AREA\nThe NATO and UN teams met."
    seen = model_text(text, 0, len(text))
    assert len(seen) == len(text)
    assert seen.splitlines() == [
        "Storm report",
        "Floods Close Roads in Boulder and the Denver Area",
        "The NATO and UN teams met.",  # acronyms in a sentence stay as written
    ]


def test_a_line_that_would_change_length_in_title_case_is_left_as_written():
    text = "ROADS CLOSED NEAR KİLİS TODAY"  # a dotted "İ" inside a word lowercases to two characters
    assert model_text(text, 0, len(text)) == text
