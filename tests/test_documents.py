import codecs
import json
import os
import signal
import tracemalloc
from pathlib import Path

import pytest

from mapview.documents import documents_from_text, documents_from_upload, load_documents
from mapview.encodings import decode_text
from mapview.exc import (
    DocumentError,
    InvalidRecordError,
    NotRegularFileError,
    RecordTooDeepError,
    UnsupportedFormatError,
)
from tests.conftest import SEEDS

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = "Herat – “Farah” and Zürich.\r\nSecond line"


def load(*paths, **options):
    return list(load_documents(paths, **options))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_encodings_decode_to_the_exact_text(tmp_path, data, encoding):
    (tmp_path / "report.txt").write_bytes(data)
    [document] = load(tmp_path / "report.txt")
    assert document.text == TEXT
    assert decode_text(data).encoding == encoding


def test_latin1_is_the_last_fallback(tmp_path):
    # 0x81 is undefined in cp1252, so only latin-1 reads this.
    data = "Zürich café".encode("latin-1") + b" \x81"
    (tmp_path / "old.txt").write_bytes(data)
    assert load(tmp_path / "old.txt")[0].text == "Zürich café \x81"
    assert decode_text(data).encoding == "latin-1"


def test_binary_file_is_reported_by_name_and_the_folder_still_loads(tmp_path):
    (tmp_path / "a.txt").write_text("Kabul.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "c.md").write_text("# Herat", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.htm").write_text("<p>Idlib</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    errors = []
    documents = load(tmp_path, on_error=errors.append)
    assert [d.id for d in documents] == ["a.txt", "c.md", "sub/d.htm"]
    assert [d.text for d in documents] == ["Kabul.", "# Herat", "Idlib"]
    assert len(errors) == 1 and errors[0].path.endswith("b.txt") and "b.txt" in str(errors[0])


def test_binary_file_raises_without_on_error(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"PK\x03\x04\x00\x00")
    with pytest.raises(DocumentError, match=r"b\.txt"):
        load(tmp_path / "b.txt")


def test_empty_file_gives_an_empty_document(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    [document] = load(tmp_path / "empty.txt")
    assert (document.id, document.text, document.title, document.source) == ("empty.txt", "", "empty", "empty.txt")


def test_unreadable_file_is_reported_and_the_others_load(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Kabul.", encoding="utf-8")
    (tmp_path / "locked.txt").write_text("Herat.", encoding="utf-8")
    from mapview import documents

    real_open = documents.open_regular

    def fake_open(path):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(documents, "open_regular", fake_open)
    errors = []
    assert [d.id for d in load(tmp_path, on_error=errors.append)] == ["a.txt"]
    assert len(errors) == 1 and "locked.txt" in str(errors[0]) and "Permission denied" in str(errors[0])


def test_missing_path_and_unsupported_file_are_errors(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(DocumentError, match="no such file"):
        load(tmp_path / "nope.txt")
    with pytest.raises(UnsupportedFormatError, match=r"scan\.pdf"):
        load(tmp_path / "scan.pdf")


def test_jsonl_bad_line_is_reported_with_file_and_line_and_other_lines_kept(tmp_path):
    lines = ['{"id": "a", "text": "Herat."}', '{"id": "b", "text": ', "", '{"id": "c"}', '{"text": "Kabul."}']
    (tmp_path / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = []
    documents = load(tmp_path / "corpus.jsonl", on_error=errors.append)
    assert [(d.id, d.text) for d in documents] == [("a", "Herat."), ("corpus.jsonl#5", "Kabul.")]
    assert [(type(e), e.line) for e in errors] == [(InvalidRecordError, 2), (InvalidRecordError, 4)]
    assert all(str(e).startswith(f"{tmp_path / 'corpus.jsonl'}:{e.line}:") for e in errors)
    with pytest.raises(InvalidRecordError, match=r"corpus\.jsonl:2"):
        load(tmp_path / "corpus.jsonl")


def test_jsonl_ids_titles_and_meta_fields_are_kept():
    first, second = load(FIXTURES / "records.jsonl")
    assert (first.id, first.title, first.url, first.date, first.source) == (
        "101",
        "Herat report",
        "https://example.org/1",
        "2024-12-01",
        "records.jsonl",
    )
    assert (second.id, second.title, second.url, second.source) == (
        "records.jsonl#2",
        "Kabul",
        "https://example.org/2",
        "wire",
    )


def test_eval_corpus_records_keep_their_ids_and_offsets(tmp_path):
    record = {
        "id": "40450848",
        "text": "Alexandria woman charged.",
        "source": "lgl",
        "toponyms": [{"start": 0, "end": 10, "name": "Alexandria"}],
        "meta": {"title": "Alexandria woman", "url": "http://example.com/a"},
    }
    (tmp_path / "gold.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    [document] = load(tmp_path / "gold.jsonl")
    assert (document.id, document.title, document.source) == ("40450848", "Alexandria woman", "lgl")
    assert document.text[0:10] == "Alexandria"


def test_json_object_and_list(tmp_path):
    (tmp_path / "one.json").write_text('{"text": "Idlib."}', encoding="utf-8")
    (tmp_path / "many.json").write_text('[{"text": "A."}, {"id": 7, "text": "B."}]', encoding="utf-8")
    documents = load(tmp_path / "one.json", tmp_path / "many.json")
    assert [(d.id, d.text, d.title) for d in documents] == [
        ("one.json", "Idlib.", "one"),
        ("many.json#1", "A.", "many"),
        ("7", "B.", "many"),
    ]


def test_html_keeps_visible_text_only_and_takes_the_title():
    [document] = load(FIXTURES / "report.html")
    assert document.title == "Fighting near Herat & Farah"
    assert "Kandahar" not in document.text and "alert" not in document.text
    assert "Fighters moved from Herat to Farah on Monday." in document.text
    assert "Officials in Kabul – the capital – said little.\nMore\xa0later." in document.text
    assert document.text.startswith("Home\n\nClashes in western Afghanistan\n\nFighters")
    assert document.text.endswith("Idlib\nHelmand")


def test_html_declared_charset_is_used_when_not_utf8(tmp_path):
    page = '<meta charset="windows-1252"><title>Caf\u00e9</title><p>\u201cHerat\u201d</p>'
    (tmp_path / "page.html").write_bytes(page.encode("cp1252"))
    [document] = load(tmp_path / "page.html")
    assert (document.title, document.text) == ("Café", "“Herat”")


def test_newlines_are_kept_exactly(tmp_path):
    (tmp_path / "crlf.md").write_bytes(b"Title\r\n\r\nKabul.\rHerat.\n")
    assert load(tmp_path / "crlf.md")[0].text == "Title\r\n\r\nKabul.\rHerat.\n"


@pytest.mark.shared
def test_seed_articles_load():
    paths = sorted(SEEDS.glob("*.txt"))
    documents = load(*paths)
    names = [p.name for p in paths]
    assert len(names) == 2
    assert [d.id for d in documents] == names
    for document in documents:
        assert document.text == (SEEDS / document.id).read_text(encoding="utf-8")
        assert document.title == Path(document.id).stem and document.source == document.id
    assert "Idlib" in documents[1].text


def test_repeated_ids_are_made_unique(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(folder, encoding="utf-8")
    documents = load(tmp_path / "x" / "same.txt", tmp_path / "y" / "same.txt")
    assert [(d.id, d.text) for d in documents] == [("same.txt", "x"), ("same.txt~2", "y")]


def test_loading_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("A", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01")
    documents = load_documents([tmp_path])
    assert next(documents).text == "A"
    with pytest.raises(DocumentError):
        next(documents)


def test_huge_document_loads_within_a_small_multiple_of_its_size(tmp_path):
    size = 50 * 1024 * 1024
    line = "Fighters moved from Herat to Farah on Monday.\n"
    (tmp_path / "huge.txt").write_text(line * (size // len(line)), encoding="utf-8")
    tracemalloc.start()
    try:
        [document] = load(tmp_path / "huge.txt")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(document.text) == size // len(line) * len(line)
    assert peak < 3 * size


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("notes.txt", "Kabul.".encode("utf-16"), [("notes.txt", "Kabul.", "notes")]),
        ("page.html", b"<title>T</title><p>Herat</p>", [("page.html", "Herat", "T")]),
        ("c.jsonl", b'{"id": "x", "text": "A."}\n{"text": "B."}\n', [("x", "A.", None), ("c.jsonl#2", "B.", None)]),
    ],
)
def test_uploads(name, data, expected):
    assert [(d.id, d.text, d.title) for d in documents_from_upload(name, data)] == expected


def test_upload_of_an_unsupported_type_is_refused():
    with pytest.raises(UnsupportedFormatError, match=r"photo\.jpg"):
        documents_from_upload("photo.jpg", b"\xff\xd8\xff")


def test_pasted_text_has_a_stable_id_and_a_title_from_its_first_line():
    [first] = documents_from_text("\n  Fighting in Herat  \n\nMore.")
    [again] = documents_from_text("\n  Fighting in Herat  \n\nMore.")
    [other] = documents_from_text("Other.", title="Mine", id="p1")
    assert first.id == again.id and first.id.startswith("pasted-")
    assert (first.title, first.text) == ("Fighting in Herat", "\n  Fighting in Herat  \n\nMore.")
    assert (other.id, other.title) == ("p1", "Mine")


# Issue 13: one bad input never costs the good ones, and nothing is skipped without a word.


def test_lone_surrogates_in_a_jsonl_record_are_repaired_and_reported(tmp_path):
    lines = [
        '{"id": "a", "text": "Kabul."}',
        '{"id": "b\\udc00", "text": "Lone \\ud800 in Herat.", "title": "\\udfff"}',
        '{"id": "c", "text": "Idlib."}',
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    notices = []
    documents = load(tmp_path / "c.jsonl", on_notice=notices.append)
    assert [(d.id, d.text, d.title) for d in documents] == [
        ("a", "Kabul.", None),
        ("b\ufffd", "Lone \ufffd in Herat.", "\ufffd"),
        ("c", "Idlib.", None),
    ]
    [notice] = notices
    assert notice.kind == "repaired" and notice.count == 3 and f"{tmp_path / 'c.jsonl'}:2" in str(notice)


def test_a_file_name_that_is_not_utf8_gives_a_valid_id(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as file:
        file.write(b"Clashes in Herat.")
    notices = []
    [document] = load(tmp_path, on_notice=notices.append)
    assert (document.id, document.title, document.text) == ("caf\ufffd.txt", "caf\ufffd", "Clashes in Herat.")
    assert notices[0].kind == "repaired" and notices[0].document_id == "caf\ufffd.txt"


def test_half_a_surrogate_pair_in_utf16_is_repaired_not_refused(tmp_path):
    (tmp_path / "u.txt").write_bytes(codecs.BOM_UTF16_LE + "Herat ".encode("utf-16-le") + b"\x00\xd8")
    [document] = load(tmp_path / "u.txt")
    assert document.text == "Herat \ufffd"


def test_deeply_nested_json_is_a_named_error_and_other_records_load(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 3000, encoding="utf-8")
    lines = ['{"text": "Kabul."}', '{"text": "x", "meta": ' + "[" * 3000 + "]" * 3000 + "}", '{"text": "Herat."}']
    (tmp_path / "deep.jsonl").write_text("\n".join(lines), encoding="utf-8")
    errors = []
    documents = load(tmp_path / "deep.json", tmp_path / "deep.jsonl", on_error=errors.append)
    assert [d.text for d in documents] == ["Kabul.", "Herat."]
    assert [type(e) for e in errors] == [RecordTooDeepError, RecordTooDeepError]
    assert "deep.json" in str(errors[0]) and (errors[1].line, "nested deeper") == (2, "nested deeper")


def test_a_json_list_keeps_every_good_item_and_names_each_bad_one(tmp_path):
    (tmp_path / "list.json").write_text(
        '[{"text": "Kabul."}, {"text": 42}, {"text": "Herat."}, {"text": "Farah."}]', encoding="utf-8"
    )
    errors = []
    documents = load(tmp_path / "list.json", on_error=errors.append)
    assert [(d.id, d.text) for d in documents] == [
        ("list.json#1", "Kabul."),
        ("list.json#3", "Herat."),
        ("list.json#4", "Farah."),
    ]
    [error] = errors
    assert isinstance(error, InvalidRecordError) and "(item 2)" in str(error) and "text" in str(error)


def test_a_truncated_json_list_keeps_its_complete_items(tmp_path):
    (tmp_path / "cut.json").write_text('[{"text": "Kabul."}, {"text": "Herat."}, {"text": "Far', encoding="utf-8")
    errors = []
    assert [d.text for d in load(tmp_path / "cut.json", on_error=errors.append)] == ["Kabul.", "Herat."]
    assert len(errors) == 1 and "(item 3)" in str(errors[0])


@pytest.fixture
def no_hang():
    """Fail instead of blocking forever (a FIFO opened for reading waits for a writer)."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("loading blocked"))
    signal.alarm(20)
    yield
    signal.alarm(0)


def test_a_named_pipe_is_reported_and_never_opened(tmp_path, no_hang):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "a.txt").write_text("Kabul.", encoding="utf-8")
    errors = []
    assert [d.id for d in load(tmp_path / "pipe.txt", tmp_path, on_error=errors.append)] == ["a.txt"]
    assert [type(e) for e in errors] == [NotRegularFileError, NotRegularFileError]
    assert all("pipe.txt" in str(e) and "named pipe" in str(e) for e in errors)


def test_links_are_followed_once_and_dangling_ones_named(tmp_path):
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / "sub" / "a.txt").write_text("Kabul.", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("Herat.", encoding="utf-8")
    (reports / "linked").symlink_to(tmp_path / "elsewhere")  # a linked folder is read
    (reports / "sub" / "loop").symlink_to(reports)  # a loop back to the top
    (reports / "again.txt").symlink_to(reports / "sub" / "a.txt")  # the same file twice
    (reports / "gone.txt").symlink_to(tmp_path / "missing.txt")  # dangling
    errors, notices = [], []
    documents = load(reports, on_error=errors.append, on_notice=notices.append)
    assert sorted(d.text for d in documents) == ["Herat.", "Kabul."]
    assert [type(e) for e in errors] == [NotRegularFileError] and "gone.txt" in str(errors[0])
    assert sorted(n.kind for n in notices) == ["duplicate", "duplicate"]
    assert any("loop" in str(n) for n in notices) and any("again.txt" in str(n) for n in notices)


def test_files_of_other_types_in_a_folder_are_named_as_notices(tmp_path):
    (tmp_path / "a.txt").write_text("Kabul.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    notices = []
    assert [d.id for d in load(tmp_path, on_notice=notices.append)] == ["a.txt"]
    assert [(n.kind, "scan.pdf" in str(n)) for n in notices] == [("ignored", True)]


def test_documents_say_where_they_were_read(tmp_path):
    (tmp_path / "c.jsonl").write_text('{"text": "A."}\n\n{"id": "x", "text": "B."}\n', encoding="utf-8")
    (tmp_path / "l.json").write_text('[{"text": "C."}]', encoding="utf-8")
    origins = [str(d.origin) for d in load(tmp_path / "c.jsonl", tmp_path / "l.json")]
    assert origins == [f"{tmp_path / 'c.jsonl'}:1", f"{tmp_path / 'c.jsonl'}:3", f"{tmp_path / 'l.json'} (item 1)"]


def test_a_file_name_that_is_not_utf8_never_reaches_a_message(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.jsonl"), "wb") as file:
        file.write(b'{"text": "Herat \\ud800."}\n{"text": 5}\n')
    with open(os.path.join(folder, b"bad\xff.txt"), "wb") as file:
        file.write(b"\x00\x01\x02")
    errors, notices = [], []
    [document] = load(tmp_path, on_error=errors.append, on_notice=notices.append)
    assert str(document.origin) == f"{tmp_path}/caf\ufffd.jsonl:1"
    for text in [str(document.origin)] + [str(e) for e in errors] + [str(n) for n in notices]:
        text.encode("utf-8")
    assert len(errors) == 2 and len(notices) == 1
