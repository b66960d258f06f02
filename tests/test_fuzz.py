"""Fuzzing with a bounded budget (``make fuzz`` runs 10,000 documents): nothing crashes, hangs or is lost.

Property tests (hypothesis) drive the loaders and the text scanners with any
bytes and any text; a short seeded run of ``tests/fuzz_support.py`` drives
the whole pipeline.
"""

import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapview import json_records
from mapview.documents import SUPPORTED_EXTENSIONS, documents_from_upload
from mapview.exc import DocumentError
from mapview.export import to_csv_rows, write_csv
from mapview.html_text import html_to_text
from mapview.recognize.pieces import model_text
from mapview.records import Document, Mention, ParsedDocument, ResolvedMention, Span
from mapview.sentences import MAX_SENTENCE_CHARS, split_sentences
from tests.fuzz_support import Tally, batches, run_batch, write_batch

BUDGET = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
any_text = st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()))
markup = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "<a ",
            "</",
            "<!--",
            "-->",
            "'",
            '"',
            "=",
            "&amp;",
            "&#",
            "<p>",
            "<script>",
            "</script>",
            "<title>",
            "Kabul",
            " ",
            "\n",
            "<!",
            "?",
        ]
    ),
    max_size=60,
)
json_like = st.lists(
    st.sampled_from(
        ["[", "]", "{", "}", ",", ":", '"', "\\", '"text"', '"Kabul"', "1", "null", " ", "\ud800", "1e999"]
    ),
    max_size=60,
)


@BUDGET
@given(st.binary(max_size=3000), st.sampled_from(SUPPORTED_EXTENSIONS))
def test_any_bytes_give_documents_or_named_errors(data, extension):
    errors = []
    try:
        documents = documents_from_upload(f"up{extension}", data, on_error=errors.append)
    except DocumentError:
        return  # binary or undecodable: refused by name
    for document in documents:
        for value in (document.id, document.text, document.title or ""):
            value.encode("utf-8")  # no lone surrogate passes the door
    assert all(isinstance(e, DocumentError) and "up" in str(e) for e in errors)


@BUDGET
@given(json_like)
def test_json_items_never_raise_and_are_numbered_in_order(parts):
    text = "".join(parts)
    found = list(json_records.items(text, max_depth=5))
    numbers = [item.item for item in found if item.item is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(item.problem is None or item.value is None for item in found)


@BUDGET
@given(any_text)
def test_sentences_cover_every_character_within_the_limit(text):
    spans = split_sentences(text)
    covered = set()
    for span in spans:
        assert 0 < span.end - span.start <= MAX_SENTENCE_CHARS
        assert not covered & set(range(span.start, span.end))
        covered |= set(range(span.start, span.end))
    assert all(i in covered for i, char in enumerate(text) if not char.isspace())


@BUDGET
@given(markup)
def test_html_text_is_text(parts):
    page = html_to_text("".join(parts))
    assert isinstance(page.text, str) and (page.title is None or page.title.strip())


@BUDGET
@given(any_text)
def test_the_models_view_keeps_every_offset(text):
    assert len(model_text(text, 0, len(text))) == len(text)


@BUDGET
@given(any_text)
def test_csv_cells_never_start_a_formula(title):
    mention = ResolvedMention(Mention(0, 5, "Kabul", Span(0, 6)), None, 0.0)
    row = next(to_csv_rows([ParsedDocument(Document(id="x", text="Kabul.", title=title), (mention,))]))
    cell = row["title"]
    invisible = "".join(chr(c) for c in range(33)) + "\x7f\u00a0\u200b\u200e\u200f\u2028\u2029\ufeff"
    assert cell.startswith("'") or not cell.lstrip(invisible).startswith(
        ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
    )
    buffer = io.StringIO(newline="")
    write_csv([ParsedDocument(Document(id="x", text="Kabul.", title=title), (mention,))], buffer)
    assert len(list(csv.reader(io.StringIO(buffer.getvalue(), newline="")))) == 2


@pytest.mark.slow
def test_a_short_fuzz_run_through_the_whole_pipeline_loses_nothing():
    from mapview.pipeline import Geoparser

    geoparser = Geoparser().load()
    tally = Tally()
    for files in batches(seed=2024, total=150, size=50):
        with tempfile.TemporaryDirectory() as folder:
            write_batch(Path(folder), files)
            run_batch(Path(folder), files, geoparser, tally)
    assert (tally.crashes, tally.hangs, tally.losses) == ([], [], []), tally.line()
    assert tally.documents >= 150


def test_jsonl_records_with_every_field_type_load_or_are_named(tmp_path):
    from mapview.documents import load_documents

    values = [None, 1, 1.5, True, "s", [], {}, [[1]], "\ud800"]
    lines = [
        json.dumps({"text": "Kabul.", field: value})
        for field in ("id", "title", "url", "date", "source")
        for value in values
    ] + [json.dumps({"text": value}) for value in values]
    (tmp_path / "c.jsonl").write_text("\n".join(lines), encoding="utf-8")
    errors = []
    documents = list(load_documents([tmp_path / "c.jsonl"], on_error=errors.append))
    assert len(documents) + len(errors) == len(lines)
    assert sorted({d.origin.line for d in documents} | {e.line for e in errors}) == list(range(1, len(lines) + 1))
