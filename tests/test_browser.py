"""End to end in headless Chromium: the dashboard as a user sees it, with no internet.

Starts ``streamlit run streamlit_app.py`` on a free port of 127.0.0.1 (on the
sample corpus, on a small corpus of its own with the real pipeline, and on a
workspace of 520 documents), drives Debian's chromium with Playwright, and
blocks and records every request.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import MAP_FRAME, Dashboard, browser, dash, running_app, wait_until  # noqa: F401

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PAYLOAD_TITLE = (
    '<img src=x onerror="window.__pwned=1;parent.__pwned=1">Payload report ![t](http://tracker.example/p.png)'
)
DOCS: list[dict[str, Any]] = [
    {
        "id": "b-1",
        "title": "Aleppo bulletin",
        "source": "Bulletin A",
        "url": "https://example.org/a",
        "text": "Aleppo bulletin\n\nResidents of Aleppo reported shelling on Monday. Aid reached Idlib later.",
    },
    {
        "id": "b-2",
        "title": "Herat returns",
        "source": "Bulletin B",
        "url": "https://example.org/b",
        "text": "Herat returns\n\nReturnees arrived in Herat on Tuesday. Officials in Kabul asked for help.",
    },
    {
        "id": "b-3",
        "title": "Helmand floods",
        "source": "Bulletin C",
        "url": "https://example.org/c",
        "text": "Helmand floods\n\nFloods hit Helmand province on Friday, farmers said.",
    },
    {
        "id": "b-4",
        "title": PAYLOAD_TITLE,
        "source": "<b onmouseover=alert(1)>wire</b> www.tracker.example",
        "url": "javascript:window.__pwned=4",
        "text": (
            "Payload report\n\nA cell claimed <script>window.__pwned=2;parent.__pwned=2</script> "
            'an attack near Damascus <img src=x onerror="window.__pwned=3;parent.__pwned=3"> {{ 7*7 }} on Sunday.'
        ),
    },
]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("corpus")
    corpus = folder / "reports.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    with running_app("--docs", str(corpus), "--workspace", str(folder / "reports.mapview")) as url:
        yield url


def sidebar_checkbox(dash: Dashboard, title: str) -> Any:
    return dash.page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text=title)


def test_the_sample_corpus_opens_offline_with_markers(dash: Dashboard, tmp_path: Path) -> None:
    with running_app() as url:
        frame = dash.open(url)
        assert frame.locator(".mv-marker, .mv-cluster").count() > 0
        assert dash.caption_numbers()["places"] == dash.map_state()[1] > 10
        # The first run sends the map alone; once it has drawn, the tables and exports follow unasked.
        dash.page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
        dash.page.get_by_role("button", name="GeoJSON").wait_for(timeout=60_000)
        dash.page.wait_for_timeout(1500)
        dash.page.screenshot(path=str(tmp_path / "dashboard.png"))
        assert dash.outside() == []


def test_markers_render_and_nothing_leaves_the_machine(app_url: str, dash: Dashboard) -> None:
    dash.open(app_url)
    assert dash.map_state()[1] == dash.caption_numbers()["places"] >= 6
    assert any(u.startswith(app_url + "app/static/vendor/leaflet/") for u in dash.requests)
    assert dash.outside() == []


def test_clicking_a_marker_shows_its_sentences_and_filters_the_table(app_url: str, dash: Dashboard) -> None:
    dash.open(app_url)
    popup = dash.click_place("Kabul")
    popup.locator(".mv-sentence").first.wait_for()
    sentence = popup.locator(".mv-sentence").first.inner_text()
    assert sentence == "Officials in Kabul asked for help."
    assert popup.locator("mark").first.inner_text() == "Kabul"
    assert "Herat returns" in popup.inner_text() and "Bulletin B" in popup.inner_text()
    assert popup.locator("a").first.get_attribute("href") == DOCS[1]["url"]
    dash.page.get_by_text("Mentions of Kabul (opened on the map): 1").wait_for()


def test_turning_a_document_off_and_on_from_the_sidebar(app_url: str, dash: Dashboard, tmp_path: Path) -> None:
    dash.open(app_url)
    before = dash.map_state()[1]
    ids = set(dash.place_ids())
    shown = dash.after_map_update(lambda: sidebar_checkbox(dash, "Herat returns").click())
    assert shown == before - 2 and dash.caption_numbers()["shown"] == 3  # Herat and Kabul are only there
    dash.idle()
    exported = dash.download("GeoJSON", tmp_path / "export.geojson")
    assert {f["properties"]["id"] for f in exported["features"]} == set(dash.place_ids())
    assert not {m["doc_id"] for f in exported["features"] for m in f["properties"]["mentions"]} & {"b-2"}
    assert dash.after_map_update(lambda: sidebar_checkbox(dash, "Herat returns").click()) == before
    assert set(dash.place_ids()) == ids


def test_script_payloads_show_as_text_and_run_nothing(app_url: str, dash: Dashboard) -> None:
    dash.open(app_url)
    popup = dash.click_place("Damascus")
    popup.locator(".mv-sentence").first.wait_for()
    text = popup.inner_text()
    assert "<script>window.__pwned=2;parent.__pwned=2</script>" in text
    assert 'onerror="window.__pwned=3' in text
    assert "{{ 7*7 }}" in text  # never evaluated as a template
    assert PAYLOAD_TITLE in text and DOCS[3]["source"] in text
    assert popup.locator("a").count() == 0  # a javascript: URL never becomes a link
    sidebar = dash.page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stCheckbox"]').first.wait_for()  # the document list follows the map
    assert "![t](http://tracker.example/p.png)" in sidebar.inner_text().replace("\u200b", "")  # as written
    assert sidebar.locator("img").count() == 0 and sidebar.locator("a[href*=tracker]").count() == 0
    dash.page.wait_for_timeout(500)
    assert dash.pwned() == [None, None]
    assert dash.outside() == []


def test_every_popup_and_message_stays_on_the_machine(app_url: str, dash: Dashboard, tmp_path: Path) -> None:
    dash.open(app_url)
    hostile = tmp_path / "![t](http:tracker.example) <img src=x onerror=parent.__pwned=5> www.tracker.example.txt"
    hostile.write_text('Note\n\nSeen near Homs. <img src="http://tracker.example/x.png">', encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("[[[", encoding="utf-8")
    documents = dash.caption_numbers()["documents"]
    dash.page.get_by_text("Add documents").click()
    dash.page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(hostile), str(empty)])
    wait_until(lambda: dash.caption_numbers()["documents"] == documents + 1, timeout=120)
    sidebar = dash.page.locator('[data-testid="stSidebar"]')
    # The file that could not be read is named, as text (the sidebar comes after the caption in a run).
    wait_until(lambda: "empty.json" in sidebar.inner_text(), timeout=60)
    for place_id in dash.place_ids():
        name = dash.frame().evaluate("(i) => window.mapviewMap.placeName(i)", place_id)
        if dash.frame().evaluate("(i) => !!window.mapviewMap.areaOf(i)", place_id):
            dash.frame().evaluate("(i) => window.mapviewMap.openArea(i)", place_id)
        else:
            dash.click_place(name)
        dash.page.frame_locator(MAP_FRAME).locator(".leaflet-popup-content").filter(has_text=name).last.locator(
            ".mv-sentence"
        ).first.wait_for()
    assert sidebar.locator("img").count() == 0 and sidebar.locator("a[href*=tracker]").count() == 0
    dash.page.wait_for_timeout(500)
    assert dash.pwned() == [None, None]
    assert dash.outside() == []


def test_an_upload_is_still_there_after_a_reload(app_url: str, dash: Dashboard, tmp_path: Path) -> None:
    dash.open(app_url)
    documents = dash.caption_numbers()["documents"]
    note = tmp_path / "field-note.txt"
    note.write_text("Field note from Mosul\n\nShelling was heard near Mosul at night.", encoding="utf-8")
    dash.page.get_by_text("Add documents").click()
    dash.page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(note))
    wait_until(lambda: dash.caption_numbers()["documents"] == documents + 1, timeout=120)
    dash.page.reload()
    dash.wait_for_map()
    assert dash.caption_numbers()["documents"] == documents + 1
    listed = sidebar_checkbox(dash, "field-note")
    listed.first.wait_for()  # the document list follows the map
    assert listed.count() == 1
    assert "Mosul" in [dash.frame().evaluate("(i) => window.mapviewMap.placeName(i)", i) for i in dash.place_ids()]


@pytest.fixture(scope="module")
def large_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """520 documents (the dictionary parser of tests/workspace_support.py: the store, not the pipeline)."""
    from mapview.workspace import Workspace, ingest
    from tests.workspace_support import PLACES, TOY_VERSION, doc, toy_parse

    names = sorted(PLACES)
    documents = [
        doc(
            f"d{i:03d}",
            f"Report {i}. Clashes in {names[i % len(names)]}. Aid reached {names[(i * 7 + 3) % len(names)]}.",
            title=f"Report {i:03d}",
        )
        for i in range(520)
    ]
    documents.append(doc("lone", "Report lone. Talks in Mars and Kabul.", title="Zz lone report"))
    path = tmp_path_factory.mktemp("large") / "large.mapview"
    with Workspace.open(path, create=True) as workspace:
        ingest(workspace, documents, parse=toy_parse, version=TOY_VERSION)
    return path


def test_a_large_workspace_keeps_map_caption_table_and_export_in_agreement(
    large_workspace: Path, dash: Dashboard, tmp_path: Path
) -> None:
    with running_app("--workspace", str(large_workspace)) as url:
        dash.open(url)
        # The first view frames the places (a fit made while the page still hid the frame once
        # zoomed to the limit on one spot, with no marker in view).
        in_view = dash.frame().evaluate(
            """() => { const m = window.mapviewMap, view = m.map.getBounds();
                       const shown = m.placeIds().map((i) => m.markerOf(i)).filter((k) => k);
                       return [shown.filter((k) => view.contains(k.getLatLng())).length, shown.length]; }"""
        )
        assert in_view[1] and in_view[0] >= 0.9 * in_view[1], in_view
        dash.page.get_by_role("textbox", name="Find a document").fill("lone")
        dash.page.keyboard.press("Enter")
        sidebar_checkbox(dash, "Zz lone report").wait_for()

        def check(step: str) -> None:
            dash.idle()
            numbers = dash.caption_numbers()
            exported = dash.download("GeoJSON", tmp_path / f"{step}.geojson")
            dash.page.get_by_role("radiogroup").get_by_text("Places", exact=True).click()  # not a column header
            table = dash.page.get_by_text("Places in the documents shown:").inner_text()
            assert f"shown: {numbers['places']} " in table, step
            assert dash.map_state()[1] == numbers["places"] == len(exported["features"]), step
            mentions = sum(f["properties"]["mention_count"] for f in exported["features"])
            assert mentions == numbers["mentions"], step
            dash.page.get_by_role("radiogroup").get_by_text("Mentions", exact=True).click()

        check("all")
        assert dash.caption_numbers()["shown"] == 521
        dash.after_map_update(lambda: sidebar_checkbox(dash, "Zz lone report").click())
        assert dash.caption_numbers()["shown"] == 520
        check("off")
        dash.after_map_update(lambda: sidebar_checkbox(dash, "Zz lone report").click())
        check("on")
        assert dash.caption_numbers()["shown"] == 521
