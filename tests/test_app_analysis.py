"""The analyst's loop under AppTest: correct, undo, review, filter by date, find a place."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from mapview.workspace import Workspace, queries
from mapview.workspace.decisions import decisions
from mapview.workspace.exports import export_text
from tests.test_app import caption, map_args, map_places, open_page, workspace_path  # noqa: F401  (fixture)


@pytest.fixture
def app(workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--workspace", str(workspace_path)])
    return open_page()


def first_mention(workspace_path: Path, name: str) -> int:
    with Workspace.open(workspace_path) as workspace:
        records = queries.mention_records(workspace, workspace_selection())
    return next(r.key for r in records if r.name == name)


def workspace_selection():  # the page's default selection
    from mapview.workspace import Selection

    return Selection()


def open_correction(app: AppTest, key: int) -> None:
    app.session_state["correcting"] = key
    app.run()
    assert any(h.value == "Correct a placement" for h in app.subheader)


def test_choosing_an_alternative_moves_the_mention_and_is_kept(app: AppTest, workspace_path: Path) -> None:
    key = first_mention(workspace_path, "Herat")
    open_correction(app, key)
    choice = app.radio(key=f"choice::{key}")
    assert choice.options[1].startswith("Kabul")  # the alternative the model ranked next
    choice.set_value(1).run()
    app.button(key=f"apply::{key}").click().run()
    assert not app.exception
    with Workspace.open(workspace_path) as workspace:
        [made] = decisions(workspace)
        exported = json.loads(export_text(workspace, app.session_state["selection"], "geojson"))
    assert (made.action, made.place_id, made.scope) == ("place", "geonames:1138958", "mention")
    kabul = next(f for f in exported["features"] if f["properties"]["name"] == "Kabul")
    assert any(m["resolved_by"] == "user" and m["name"] == "Herat" for m in kabul["properties"]["mentions"])
    again = open_page()  # a reload: still corrected
    again.segmented_control(key="table_view").set_value("Corrections").run()
    assert again.dataframe[0].value["Words"].tolist() == ["Herat"]


def test_not_a_place_leaves_the_map_and_undo_brings_it_back(app: AppTest, workspace_path: Path) -> None:
    before = map_places(app)
    key = first_mention(workspace_path, "Turkey")
    open_correction(app, key)
    choice = app.radio(key=f"choice::{key}")
    choice.set_value(len(choice.options) - 1).run()  # "Not a place"
    app.radio(key=f"scope::{key}").set_value("workspace").run()
    app.button(key=f"apply::{key}").click().run()
    assert map_places(app) == before - {"Turkey"}
    app.segmented_control(key="table_view").set_value("Corrections").run()
    assert app.selectbox(key="undo_choice").options[0].startswith("Turkey")
    app.button(key="undo").click().run()
    assert map_places(app) == before


def test_the_review_view_lists_the_least_confident_first(app: AppTest) -> None:
    app.segmented_control(key="table_view").set_value("To review").run()
    confidence = app.dataframe[0].value["Confidence"].tolist()
    assert confidence == sorted(confidence) and confidence


def test_a_date_range_filters_map_caption_tables_and_exports(app: AppTest, workspace_path: Path) -> None:
    app.sidebar.date_input(key="dates").set_value((dt.date(2024, 1, 22), dt.date(2024, 2, 28))).run()
    assert "2 of 6 documents shown" in caption(app)
    selection = app.session_state["selection"]
    assert (selection.date_from, selection.date_to) == (None, "2024-02-28")
    assert set(app.dataframe[0].value["Date"]) <= {"2024-01-22", "2024-02-08"}
    with Workspace.open(workspace_path) as workspace:
        exported = json.loads(export_text(workspace, selection, "geojson"))
    assert {m["date"] for f in exported["features"] for m in f["properties"]["mentions"]} <= {
        "2024-01-22",
        "2024-02-08",
    }
    assert map_places(app) == {f["properties"]["name"] for f in exported["features"]}


def test_finding_a_place_opens_it_on_the_map(app: AppTest) -> None:
    app.text_input(key="find_place").input("kab").run()
    found = app.selectbox(key="found_place")
    assert found.options[0].startswith("Kabul")
    found.select_index(0).run()
    args = map_args(app)
    assert args["focus"]["id"] == args["selected"]["id"]
    assert "Mentions of Kabul" in " ".join(c.value for c in app.caption)


def test_demonyms_can_count_as_their_country(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mapview.workspace import ingest
    from tests.workspace_support import TOY_VERSION, doc, toy_parse

    path = tmp_path / "w.mapview"
    with Workspace.open(path, create=True) as workspace:
        ingest(workspace, [doc("a", "Syrian forces left Kabul.")], parse=toy_parse, version=TOY_VERSION)
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--workspace", str(path)])
    at = open_page()
    assert map_places(at) == {"Kabul"} and "1 mentions" in caption(at)
    at.sidebar.toggle(key="demonyms").set_value(True).run()
    assert map_places(at) == {"Kabul", "Syria"} and "2 mentions" in caption(at)
