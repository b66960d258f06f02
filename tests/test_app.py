"""The dashboard's flows under streamlit.testing.v1.AppTest (no browser), on a workspace.

The workspace is built with the dictionary parser of ``tests/workspace_support.py``
(and uploads are parsed with it too), so these tests are fast and know which
places each document names; tests/test_browser.py runs the real pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapview.documents import load_documents
from mapview.workspace import Selection, Workspace, ingest, queries
from mapview.workspace.exports import export_text
from tests.workspace_support import TOY_VERSION, toy_parse

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
SAMPLES = ROOT / "samples" / "reports.jsonl"


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    path = tmp_path / "samples.mapview"
    with Workspace.open(path, create=True) as workspace:
        ingest(workspace, load_documents([SAMPLES]), parse=toy_parse, version=TOY_VERSION)
    return path


def open_page() -> AppTest:
    """A visit to the page: its first run, then the rerun the map's "drawn" event brings.

    The event comes from the map's frame in a browser (tests/test_browser.py); here it is
    the rerun it causes.
    """
    return AppTest.from_file(APP, default_timeout=60).run().run()


@pytest.fixture
def app(workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setattr("mapview.pipeline.parse_documents", toy_parse)  # uploads and pasted text
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--workspace", str(workspace_path)])
    return open_page()


def map_args(at: AppTest) -> dict:
    [component] = list(at.get("component_instance"))
    return json.loads(json.loads(component.proto.json_args)["state"])


def map_places(at: AppTest) -> set[str]:
    table = map_args(at)["places"]
    return {dict(zip(table["columns"], row))["name"] for row in table["rows"]}


def caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "documents shown" in c.value)


def agree(at: AppTest, workspace_path: Path) -> Selection:
    """The map, the caption, the tables and the GeoJSON export show the same places; returns the selection."""
    selection: Selection = at.session_state["selection"]
    with Workspace.open(workspace_path, readonly=True) as workspace:
        total = queries.totals(workspace, selection)
        exported = json.loads(export_text(workspace, selection, "geojson"))
    names = {f["properties"]["name"] for f in exported["features"]}
    assert map_places(at) == names
    assert f"{total.shown_documents} of {total.documents} documents shown" in caption(at).replace("\\", "")
    assert f"{total.places} places" in caption(at) and len(names) == total.places
    mentions = at.dataframe[0].value
    assert set(mentions["Place"]) <= names and len(mentions) == total.mentions
    return selection


def test_a_workspace_opens_with_its_places_on_the_map(app: AppTest, workspace_path: Path) -> None:
    assert not app.exception
    assert {"Idlib", "Aleppo", "Kabul", "Herāt", "Helmand"} <= map_places(app)
    assert map_args(app)["basemap"]["countries"].startswith("../../app/static/vendor/")
    agree(app, workspace_path)


def test_one_selection_drives_map_caption_table_and_export(app: AppTest, workspace_path: Path) -> None:
    app.sidebar.checkbox(key="show::sample-03").uncheck().run()
    assert not agree(app, workspace_path).switched_on("sample-03")
    assert "5 of 6 documents shown" in caption(app)
    app.sidebar.checkbox(key="show::sample-03").check().run()
    assert "6 of 6 documents shown" in caption(app)
    agree(app, workspace_path)
    app.sidebar.button(key="show_none").click().run()
    assert map_places(app) == set() and "0 of 6" in caption(app)
    app.sidebar.button(key="only::sample-03").click().run()
    agree(app, workspace_path)
    assert map_args(app)["fit"]["ids"]  # "only" zooms to the document's places
    assert set(app.dataframe[0].value["Document"]) == {"Returnees strain services in Herat and Kabul"}
    app.sidebar.button(key="show_all").click().run()
    assert "6 of 6" in caption(app)


def test_a_toggle_sends_new_places_but_the_same_map(app: AppTest) -> None:
    before = map_args(app)
    app.sidebar.checkbox(key="show::sample-01").uncheck().run()
    after = map_args(app)
    assert after["places_key"] != before["places_key"]  # the browser applies only the places
    assert {k: v for k, v in after.items() if k not in ("places", "places_key")} == {
        k: v for k, v in before.items() if k not in ("places", "places_key")
    }


def test_uploads_are_kept_in_the_workspace(app: AppTest, workspace_path: Path, monkeypatch) -> None:
    note = b"Field note\n\nShelling was heard near Aleppo."
    records = b'{"id": "r1", "title": "Night report", "text": "Clashes in Herat."}\n'
    app.sidebar.file_uploader(key="uploads::0").set_value(
        [("field-note.txt", note, "text/plain"), ("more.jsonl", records, "application/json")]
    ).run()
    assert not app.exception
    assert "8 of 8 documents shown" in caption(app)
    assert "Night report" in set(app.dataframe[0].value["Document"])
    again = open_page()  # a new session (a reload)
    assert "8 of 8 documents shown" in caption(again)


def test_the_same_pasted_text_twice_is_one_document(app: AppTest) -> None:
    for _ in range(2):
        app.sidebar.text_area(key="paste_text").input("Convoy report\n\nTrucks left Damascus at dawn.")
        [submit] = [b for b in app.sidebar.button if b.label == "Add text"]
        submit.click().run()
    assert not app.exception
    assert "7 of 7 documents shown" in caption(app)
    assert any("already in the workspace" in t.value for t in app.sidebar.text)


def test_an_added_document_can_be_removed(app: AppTest, workspace_path: Path) -> None:
    app.sidebar.text_area(key="paste_text").input("Convoy report\n\nTrucks left Damascus at dawn.")
    [submit] = [b for b in app.sidebar.button if b.label == "Add text"]
    submit.click().run()
    [remove] = [b for b in app.sidebar.button if b.key and b.key.startswith("remove::")]
    assert not [b for b in app.sidebar.button if b.key == "remove::sample-01"]  # the corpus's own are hidden
    remove.click().run()
    assert "6 of 6 documents shown" in caption(app)
    agree(app, workspace_path)


def test_an_opened_place_sends_its_sentences_and_filters_the_table(app: AppTest) -> None:
    places = map_args(app)["places"]
    kabul = next(row[0] for row in places["rows"] if row[1] == "Kabul")
    app.session_state["selected_place"] = kabul
    app.run()
    selected = map_args(app)["selected"]
    assert selected["id"] == kabul and selected["total"] == len(selected["mentions"]) > 0
    for mention in selected["mentions"]:
        start = mention["start"] - mention["sentence_start"]
        assert mention["sentence"][start : start + len(mention["name"])] == "Kabul"
    table = app.dataframe[0].value
    assert set(table["Place"]) == {"Kabul"} and len(table) == selected["total"]


def test_titles_are_shown_as_text_not_markdown(tmp_path: Path, monkeypatch) -> None:
    from tests.workspace_support import doc

    path = tmp_path / "w.mapview"
    with Workspace.open(path, create=True) as workspace:
        ingest(
            workspace,
            [doc("x", "Attack in Kabul.", title="![x](http://tracker.example/p.png) **bold** :red[x]")],
            parse=toy_parse,
            version=TOY_VERSION,
        )
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--workspace", str(path)])
    at = open_page()
    label = at.sidebar.checkbox(key="show::x").label
    assert label.startswith(
        "\\!\\[x\\]\\(http\u200b\\:\\/\\/tracker\\.example\\/p\\.png\\) \\*\\*bold\\*\\* \\:red\\[x\\]"
    )


def test_a_read_only_workspace_opens_without_uploads(workspace_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("mapview.workspace.store._writable", lambda path: False)
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--workspace", str(workspace_path)])
    at = open_page()
    assert not at.exception and "6 of 6 documents shown" in caption(at)
    assert any("read-only" in i.value for i in at.sidebar.info)
    assert not at.sidebar.get("file_uploader")


def test_a_file_that_is_not_a_workspace_gives_a_clear_error_and_is_kept(tmp_path: Path, monkeypatch) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--workspace", str(notes)])
    at = open_page()
    assert at.error and "cannot be opened" in at.error[0].value
    assert "not a mapview workspace" in at.text[0].value
    assert notes.read_text() == "my notes\n"


def test_uploads_have_a_stated_limit_and_are_not_kept_in_the_widget(app: AppTest) -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    limit = config["server"]["maxUploadSize"]
    [uploader] = app.sidebar.get("file_uploader")
    assert f"up to {limit} MB" in uploader.proto.label  # the page says the limit Streamlit enforces
    app.sidebar.file_uploader(key="uploads::0").set_value([("n.txt", b"Talks in Kabul.", "text/plain")]).run()
    assert "7 of 7 documents shown" in caption(app)
    assert [u.key for u in app.sidebar.get("file_uploader")] == ["uploads::1"]  # a fresh, empty uploader


def test_the_first_run_sends_the_map_before_the_tables(workspace_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--workspace", str(workspace_path)])
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert map_places(at) and "6 of 6 documents shown" in caption(at)
    assert not at.dataframe and not at.get("download_button")  # the browser lays out the map alone first
    assert not at.sidebar.checkbox
    assert any("follow once the map" in c.value for c in at.caption)
    at.run()  # the rerun the map's "drawn" event causes
    with Workspace.open(workspace_path, readonly=True) as workspace:
        assert len(at.dataframe[0].value) == queries.totals(workspace, Selection()).mentions
    assert len(at.get("download_button")) == 4
    assert at.sidebar.checkbox(key="show::sample-03").value
    at.sidebar.checkbox(key="show::sample-03").uncheck().run()  # and from then on, every run draws them
    assert at.dataframe and at.get("download_button")
