"""The analyst's loop in headless Chromium, with the real pipeline: correct, reload, undo, re-ingest; dates."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import MAP_FRAME, ROOT, Dashboard, browser, dash, running_app, wait_until  # noqa: F401
from tests.workspace_support import ingest_command

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

DOCS = [
    {
        "id": "c-1",
        "title": "Returns",
        "date": "2024-03-04",
        "text": "Returns\n\nReturnees arrived in Herat on Tuesday. Officials in Kabul asked for help.",
    },
    {"id": "c-2", "title": "Aid", "date": "2024-03-20", "text": "Aid\n\nAid reached Kabul on Monday."},
]


def place_names(dash: Dashboard) -> set[str]:
    return {dash.frame().evaluate("(i) => window.mapviewMap.placeName(i)", i) for i in dash.place_ids()}


def correct_first_mention(dash: Dashboard, place: str, option: str | int) -> None:
    """Open ``place``'s popup, click Correct… on its first sentence, pick ``option`` (label or index), apply."""
    popup = dash.click_place(place)
    popup.locator(".mv-correct").first.click()
    panel = dash.page.locator(".st-key-correction_panel")
    panel.wait_for()
    radios = panel.locator('[data-testid="stRadio"]').first.locator("label")
    target = radios.nth(option) if isinstance(option, int) else radios.filter(has_text=option)
    chosen = target.inner_text()
    target.click()
    dash.idle()
    dash.after_map_update(lambda: panel.get_by_role("button", name="Apply").click())
    assert chosen


def exported(dash: Dashboard, tmp_path: Path, name: str) -> dict[str, Any]:
    dash.idle()
    return dash.download("GeoJSON", tmp_path / f"{name}.geojson")


def test_corrections_survive_a_reload_undo_and_a_new_parse(browser: Any, dash: Dashboard, tmp_path: Path) -> None:
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    workspace = tmp_path / "reports.mapview"
    with running_app("--docs", str(corpus), "--workspace", str(workspace)) as url:
        dash.open(url)
        herat = next(n for n in place_names(dash) if n.startswith("Her"))
        correct_first_mention(dash, "Kabul", 1)  # the model's first alternative
        by_user = [
            (f["properties"]["name"], m["name"])
            for f in exported(dash, tmp_path, "one")["features"]
            for m in f["properties"]["mentions"]
            if m["resolved_by"] == "user"
        ]
        assert len(by_user) == 1 and by_user[0][1] == "Kabul"
        moved_to = by_user[0][0]

        dash.page.reload()
        dash.wait_for_map()
        assert moved_to in place_names(dash)
        assert [
            m
            for f in exported(dash, tmp_path, "two")["features"]
            for m in f["properties"]["mentions"]
            if m["resolved_by"] == "user"
        ]

        correct_first_mention(dash, herat, "Not a place")
        assert herat not in place_names(dash)
        dash.page.get_by_text("Corrections", exact=True).click()
        dash.idle()
        dash.after_map_update(lambda: dash.page.get_by_role("button", name="Undo", exact=True).click())
        assert herat in place_names(dash)
        correct_first_mention(dash, herat, "Not a place")

        again = subprocess.run(
            ingest_command(corpus, workspace, "--reparse"),
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert again.returncode == 0 and "2 parsed" in again.stderr, again.stderr
        dash.page.reload()
        dash.wait_for_map()
        names = place_names(dash)
        assert herat not in names and moved_to in names
        assert dash.outside() == []


def test_a_date_range_keeps_only_documents_in_range(dash: Dashboard, tmp_path: Path) -> None:
    with running_app() as url:  # the bundled sample corpus, dated 2024-01-22 to 2024-06-27
        dash.open(url)
        assert dash.caption_numbers()["shown"] == 6

        def end_on_28_february() -> None:
            dash.page.locator('[aria-label="month, Documents dated end date"]').click()
            dash.page.keyboard.type("0228")  # 2024-02-28
            dash.page.keyboard.press("Escape")
            dash.page.get_by_text("Reported places").click()  # leaving the field applies the date

        dash.after_map_update(end_on_28_february)
        numbers = dash.caption_numbers()
        assert numbers["shown"] == 2
        collection = exported(dash, tmp_path, "dates")
        dates = {m["date"] for f in collection["features"] for m in f["properties"]["mentions"]}
        assert dates and all("2024-01-22" <= d <= "2024-02-28" for d in dates)
        assert len(collection["features"]) == numbers["places"] == dash.map_state()[1]
        table_dates = dash.page.locator('[data-testid="stDataFrame"]').first.inner_text()
        assert "2024-03" not in table_dates and "2024-06" not in table_dates
        wait_until(lambda: dash.page.frame_locator(MAP_FRAME).locator(".mv-marker, .mv-cluster").count())
