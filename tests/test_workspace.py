"""The workspace store: ingest only what changed, queries that follow a selection, files never damaged."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from mapview.exc import (
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    WorkspaceCorruptError,
    WorkspaceError,
    WorkspaceVersionError,
)
from mapview.workspace import Selection, Workspace, ingest, queries
from mapview.workspace.documents import parsed_documents
from mapview.workspace.schema import SCHEMA_VERSION
from tests.workspace_support import TOY_VERSION, doc, toy_parse

DOCS = [
    doc("a", "Fighting in Herat. Later Kabul.", title="A", date="2024-03-04"),
    doc("b", "Floods in Helmand. Kabul sent aid. Kabul again.", title="B", date="5 March 2024"),
    doc("c", "Syrian forces near Mars.", title="C"),
]


def toy_ingest(workspace: Workspace, documents, **options):
    return ingest(workspace, documents, parse=toy_parse, version=TOY_VERSION, **options)


@pytest.fixture
def ws(tmp_path: Path):
    with Workspace.open(tmp_path / "w.mapview", create=True) as workspace:
        toy_ingest(workspace, DOCS)
        yield workspace


def test_ingest_stores_documents_and_mentions_whose_offsets_give_their_names(ws):
    stored = {p.document.id: p for p in parsed_documents(ws)}
    assert sorted(stored) == ["a", "b", "c"]
    for parsed in stored.values():
        for resolved in parsed.mentions:
            assert parsed.document.text[resolved.mention.start : resolved.mention.end] == resolved.mention.name
    assert [m.mention.name for m in stored["b"].mentions] == ["Helmand", "Kabul", "Kabul"]
    assert stored["a"].mentions[0].alternatives[0].name == "Kabul"
    assert stored["b"].document.date == "2024-03-05"  # normalised to ISO 8601


def test_place_summaries_count_mentions_and_documents_of_what_is_shown(ws):
    summary = {p.display_name: p for p in queries.place_summaries(ws, Selection())}
    assert (summary["Kabul"].mentions, summary["Kabul"].documents) == (3, 2)
    assert (summary["Kabul"].first_date, summary["Kabul"].last_date) == ("2024-03-04", "2024-03-05")
    assert "Syria" not in summary  # a demonym is not a mention of its country by default...
    with_demonyms = {p.display_name for p in queries.place_summaries(ws, Selection(demonyms=True))}
    assert "Syria" in with_demonyms  # ...unless asked
    hidden_b = {p.display_name: p for p in queries.place_summaries(ws, Selection().with_document("b", False))}
    assert (hidden_b["Kabul"].mentions, hidden_b["Kabul"].documents) == (1, 1) and "Helmand" not in hidden_b


def test_totals_and_every_query_agree_with_the_selection(ws):
    selection = Selection().with_document("a", False)
    total = queries.totals(ws, selection)
    places = queries.place_summaries(ws, selection)
    records = queries.mention_records(ws, selection)
    assert (total.documents, total.shown_documents) == (3, 2)
    assert total.places == len(places) and total.mentions == sum(p.mentions for p in places) == len(records)
    assert {r.doc_id for r in records} == {"b"}
    assert queries.count_mentions(ws, selection) == len(records)
    assert [p.document.id for p in parsed_documents(ws, selection)] == ["b", "c"]


@pytest.mark.parametrize(
    "selection",
    [
        Selection(),
        Selection(only=frozenset({"a", "c"})),
        Selection(hidden=frozenset({"a"})),
        Selection(date_from="2024-03-05"),
        Selection(date_to="2024-03-04", undated=False),
        Selection(date_from="2024-03-01", date_to="2024-03-31", undated=False),
        Selection().no_documents(),
        Selection().no_documents().with_document("b", True),
        Selection().only_document("c"),
    ],
)
def test_the_sql_filter_shows_exactly_what_selection_shows(ws, selection):
    by_sql = {p.document.id for p in parsed_documents(ws, selection)}
    by_python = {d.id for d in queries.document_summaries(ws) if selection.shows(d.id, d.date)}
    assert by_sql == by_python


def test_mentions_of_one_place_carry_their_sentence_and_document(ws):
    records = queries.mention_records(ws, Selection(), place_id="geonames:1138958")
    assert [(r.doc_id, r.name) for r in records] == [("a", "Kabul"), ("b", "Kabul"), ("b", "Kabul")]
    assert records[0].sentence == " Later Kabul." and records[0].title == "A"
    assert records[0].sentence[records[0].start - records[0].sentence_start :][:5] == "Kabul"


def test_reingesting_an_unchanged_corpus_parses_nothing(ws):
    report = toy_ingest(ws, DOCS)
    assert (report.parsed, report.unchanged) == (0, 3)


def test_a_changed_text_is_parsed_again_and_replaces_the_old_one(ws):
    report = toy_ingest(ws, [doc("a", "Now only Helmand.", title="A", date="2024-03-04")])
    assert report.parsed == 1
    stored = {p.document.id: p for p in parsed_documents(ws)}
    assert len(stored) == 3 and [m.mention.name for m in stored["a"].mentions] == ["Helmand"]


def test_new_fields_alone_update_the_document_without_parsing(ws):
    report = toy_ingest(ws, [doc("a", DOCS[0].text, title="A, revised", date="2024-03-04")])
    assert (report.parsed, report.updated_fields) == (0, 1)
    assert queries.document_summaries(ws, search="revised")[0].id == "a"


def test_another_pipeline_version_parses_everything_again(ws):
    from mapview.provenance import PipelineVersion

    report = ingest(ws, DOCS, parse=toy_parse, version=PipelineVersion("toy-2", {}))
    assert report.parsed == 3


def test_the_same_text_twice_is_one_document_when_asked(ws):
    report = toy_ingest(ws, [doc("pasted-1", DOCS[1].text)], dedupe_text=True, origin="paste")
    assert report.duplicates == [("pasted-1", "b")] and queries.count_documents(ws) == 3


def test_an_upload_never_replaces_a_different_document_of_the_same_name(ws):
    report = toy_ingest(ws, [doc("a", "Another text about Kabul.")], replace=False, origin="upload")
    assert report.renamed == [("a", "a~2")]
    assert sorted(queries.document_ids(ws)) == ["a", "a~2", "b", "c"]


def test_removing_a_document_takes_its_mentions_with_it(ws):
    from mapview.workspace.writes import remove_documents

    with ws.transaction() as db:
        assert remove_documents(db, ["b", "nope"]) == 1
    assert queries.count_documents(ws) == 2
    assert "Helmand" not in {p.display_name for p in queries.place_summaries(ws, Selection())}
    assert ws.query("SELECT count(*) FROM mentions m LEFT JOIN documents d ON d.pk = m.doc WHERE d.pk IS NULL") == [
        (0,)
    ]


def test_documents_page_and_search(ws):
    assert [d.id for d in queries.document_summaries(ws, limit=2)] == ["b", "a"]  # newest first, undated last
    assert [d.id for d in queries.document_summaries(ws, offset=2)] == ["c"]
    assert [d.id for d in queries.document_summaries(ws, search="c")] == ["c"]
    assert queries.document_summaries(ws, search="%") == []  # LIKE wildcards are text
    assert queries.document_summaries(ws)[1].mentions == 2


def test_revision_grows_with_each_change(ws):
    before = ws.revision
    toy_ingest(ws, [doc("d", "Kabul.")])
    assert ws.revision > before


# --- files that are not (good) workspaces are refused and never touched --------------------------


def _unchanged_after_refusal(path: Path, error: type[Exception]) -> None:
    before = path.read_bytes()
    with pytest.raises(error) as info:
        Workspace.open(path, create=True)
    assert isinstance(info.value, WorkspaceError) and str(path) in str(info.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"hello, not a database\n" * 20, os.urandom(4096)])
def test_a_file_that_is_not_a_workspace_is_refused_and_left_alone(tmp_path: Path, content: bytes):
    path = tmp_path / "notes.mapview"
    path.write_bytes(content)
    _unchanged_after_refusal(path, NotAWorkspaceError)


def test_another_sqlite_database_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    _unchanged_after_refusal(path, NotAWorkspaceError)


def test_a_truncated_workspace_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "w.mapview"
    with Workspace.open(path, create=True) as workspace:
        toy_ingest(workspace, DOCS * 1)
        workspace.query("PRAGMA wal_checkpoint(TRUNCATE)")
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    _unchanged_after_refusal(path, WorkspaceCorruptError)


def test_a_workspace_from_a_newer_mapview_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "w.mapview"
    Workspace.open(path, create=True).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    _unchanged_after_refusal(path, WorkspaceVersionError)


def test_an_older_workspace_is_migrated_when_opened(tmp_path: Path):
    from mapview.workspace.schema import APPLICATION_ID

    path = tmp_path / "old.mapview"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a workspace before any table existed
    db.close()
    with Workspace.open(path) as workspace:
        assert workspace.query("PRAGMA user_version") == [(SCHEMA_VERSION,)]
        toy_ingest(workspace, DOCS)
        assert queries.count_documents(workspace) == 3


def test_a_missing_workspace_is_an_error_unless_created(tmp_path: Path):
    with pytest.raises(WorkspaceError, match="no such workspace"):
        Workspace.open(tmp_path / "nope.mapview")
    assert not (tmp_path / "nope.mapview").exists()


_OPEN_AND_TRY_TO_WRITE = """
import sys
from mapview.exc import ReadOnlyWorkspaceError
from mapview.workspace import Workspace, queries
from tests.test_workspace import toy_ingest
from tests.workspace_support import doc
with Workspace.open(sys.argv[1]) as workspace:
    try:
        toy_ingest(workspace, [doc("x", "Kabul.")])
        refused = False
    except ReadOnlyWorkspaceError:
        refused = True
    print(workspace.readonly, queries.count_documents(workspace), refused)
"""


def test_a_workspace_that_cannot_be_written_opens_read_only():
    import shutil
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="mapview-ro-"))  # not under pytest's private tmp: another user reads it
    try:
        path = folder / "w.mapview"
        with Workspace.open(path, create=True) as workspace:
            toy_ingest(workspace, DOCS)
        path.chmod(0o444)
        folder.chmod(0o555)
        command = [sys.executable, "-c", _OPEN_AND_TRY_TO_WRITE, str(path)]
        if os.geteuid() == 0:  # root may write anything: try as an unprivileged user
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without setpriv to drop privileges")
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        root = Path(__file__).resolve().parent.parent
        if os.geteuid() == 0:
            drop = command[:4]  # setpriv and its options
            probe = subprocess.run([*drop, sys.executable, "-c", "import mapview"], capture_output=True, cwd=root)
            if probe.returncode != 0:  # a checkout under a private folder (mktemp -d is 0700)
                pytest.skip(f"an unprivileged user cannot read this checkout ({root})")
        result = subprocess.run(command, capture_output=True, text=True, cwd=root, timeout=120)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["True", "3", "True"]
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_opened_read_only_on_request_refuses_writes(tmp_path: Path):
    path = tmp_path / "w.mapview"
    Workspace.open(path, create=True).close()
    with Workspace.open(path, readonly=True) as workspace:
        assert workspace.readonly
        with pytest.raises(ReadOnlyWorkspaceError):
            toy_ingest(workspace, DOCS)
