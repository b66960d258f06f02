"""Lone surrogates never get past the loaders: repaired, counted, and never in a message."""

import pickle

from hypothesis import given
from hypothesis import strategies as st

from mapview.exc import DocumentError, DocumentParseError
from mapview.records import Document
from mapview.text_repair import REPLACEMENT, repair_fields, repair_notice, repair_text


def test_lone_surrogates_become_replacement_characters_and_are_counted():
    assert repair_text("Lone \ud800 in Herat \udfff.") == (f"Lone {REPLACEMENT} in Herat {REPLACEMENT}.", 2)
    assert repair_text("Kabul") == ("Kabul", 0)


def test_a_surrogate_pair_is_joined_into_its_character():
    assert repair_text("\ud83d\ude00 Kabul") == ("\U0001f600 Kabul", 1)


# Text of any code points, lone surrogates included.
any_text = st.text(
    st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()), max_size=200
)


@given(any_text)
def test_repaired_text_always_encodes_as_utf8(text):
    fixed, count = repair_text(text)
    fixed.encode("utf-8")
    assert (count == 0) == (fixed == text)
    assert repair_text(fixed) == (fixed, 0)


def test_a_documents_fields_are_repaired_with_counts_per_field():
    document = Document(id="b\udc80", text="Lone \ud800 in Herat.", title="T \udc00", source="s")
    fixed, counts = repair_fields(document)
    assert (fixed.id, fixed.text, fixed.title, fixed.source) == ("b\ufffd", "Lone \ufffd in Herat.", "T \ufffd", "s")
    assert counts == {"id": 1, "text": 1, "title": 1}
    notice = repair_notice(fixed.id, counts, where="c.jsonl:2")
    assert notice.kind == "repaired" and notice.count == 3 and "c.jsonl:2" in str(notice)
    str(notice).encode("utf-8")


def test_clean_documents_are_returned_as_they_are():
    document = Document(id="a", text="Kabul.")
    assert repair_fields(document) == (document, {})
    assert repair_fields(document)[0] is document


def test_error_messages_and_paths_are_valid_unicode():
    # a folder's file name that is not UTF-8 arrives as a surrogate escape
    error = DocumentError("caf\udce9.txt: looks like a binary file", path="/x/caf\udce9.txt", document_id="caf\udce9")
    for text in (str(error), error.path, error.document_id):
        text.encode("utf-8")


def test_document_errors_keep_their_fields_across_processes():
    error = DocumentParseError("c.jsonl:2 (id b): could not be parsed", path="c.jsonl", line=2, document_id="b")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.path, copy.line, copy.document_id) == (
        DocumentParseError,
        str(error),
        "c.jsonl",
        2,
        "b",
    )
