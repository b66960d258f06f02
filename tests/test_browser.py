"""End to end in headless Chromium: the dashboard as a user sees it, with no internet.

Starts ``streamlit run streamlit_app.py`` on a free port of 127.0.0.1 (once on
the sample corpus, once on a corpus of its own), drives Debian's chromium with
Playwright, blocks and records every request, and saves docs/screenshot.png.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import (
    CHROMIUM, CHROMIUM_ARGS, COUNT_MARKERS_JS, MAP_FRAME, ROOT, TOPMOST_MARKERS_JS, is_local,
    running_app, wait_until,
)

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PAYLOAD_TITLE = '<img src=x onerror="window.__pwned=1;parent.__pwned=1">Payload report'
DOCS: list[dict[str, Any]] = [
    {"id": "b-1", "title": "Aleppo bulletin", "source": "Bulletin A", "url": "https://example.org/a",
     "text": "Aleppo bulletin\n\nResidents of Aleppo reported shelling on Monday. Aid reached Idlib later."},
    {"id": "b-2", "title": "Herat returns", "source": "Bulletin B", "url": "https://example.org/b",
     "text": "Herat returns\n\nReturnees arrived in Herat on Tuesday. Officials in Kabul asked for help."},
    {"id": "b-3", "title": "Helmand floods", "source": "Bulletin C", "url": "https://example.org/c",
     "text": "Helmand floods\n\nFloods hit Helmand province on Friday, farmers said."},
    {"id": "b-4", "title": PAYLOAD_TITLE, "source": "<b onmouseover=alert(1)>wire</b>",
     "url": "javascript:window.__pwned=4",
     "text": ("Payload report\n\nA cell claimed <script>window.__pwned=2;parent.__pwned=2</script> "
              'an attack near Damascus <img src=x onerror="window.__pwned=3;parent.__pwned=3"> {{ 7*7 }} on Sunday.')},
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    corpus = tmp_path_factory.mktemp("corpus") / "reports.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    with running_app("--docs", str(corpus)) as url:
        yield url


class Session:
    """A page with every request recorded; requests that would leave the machine are aborted."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))

    def open(self, url: str) -> Any:
        """Load the dashboard; returns the map's frame once a marker is visible."""
        self.page.goto(url)
        self.page.wait_for_selector(MAP_FRAME, timeout=90_000)
        frame = self.page.frame_locator(MAP_FRAME)
        frame.locator(".mv-marker, .mv-cluster").first.wait_for(timeout=90_000)
        return self.frame()

    def settle(self) -> list[int]:
        """Wait until the markers stop changing (layers load in chunks, the view animates)."""
        last: list[Any] = []

        def steady() -> list[int] | None:
            now = [self.counts(), self.frame().evaluate(TOPMOST_MARKERS_JS)]
            same = now == last[-1:][0] if last else False
            last[:] = [now]
            return now[0] if same else None

        return wait_until(steady, interval=0.5)

    def idle(self) -> None:
        """Wait until Streamlit is not running the script."""
        self.page.wait_for_timeout(300)
        self.page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)

    def frame(self) -> Any:
        return self.page.query_selector(MAP_FRAME).content_frame()

    def counts(self) -> list[int]:
        frame = self.frame()
        return [frame.evaluate(COUNT_MARKERS_JS, i) for i in range(len(DOCS))]

    def outside(self) -> list[str]:
        return [u for u in self.requests if not is_local(u.replace("ws://", "http://", 1))]

    def pwned(self) -> list[Any]:
        return [self.page.evaluate("window.__pwned"), self.frame().evaluate("window.__pwned")]


@pytest.fixture
def session(browser: Any) -> Iterator[Session]:
    s = Session(browser)
    yield s
    s.context.close()


def _click_marker(session: Session, doc_index: int | None = None) -> Any:
    """Click a marker (of one document, or any) that nothing covers; returns its title and popup."""
    session.settle()
    frame = session.frame()
    candidates = wait_until(lambda: [
        m for m in frame.evaluate(TOPMOST_MARKERS_JS)
        if doc_index is None or f"mv-doc-{doc_index} " in m["cls"] + " "
    ])
    title = candidates[0]["title"]
    frame.locator(".mv-marker").nth(candidates[0]["index"]).click()
    popup = session.page.frame_locator(MAP_FRAME).locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.count() == 1
    return title, popup


def test_sample_corpus_opens_offline_with_markers(browser: Any) -> None:
    session = Session(browser)
    try:
        with running_app() as url:
            session.open(url)
            session.settle()  # layers arrive in chunks and clusters open as the view settles
            assert session.frame().locator(".mv-marker").count() > 0
            assert session.frame().locator(".mv-area").count() > 0  # provinces, countries, regions
            assert session.frame().locator(".mv-city").count() > 0
            _click_marker(session)
            session.page.wait_for_timeout(1500)
            (ROOT / "docs").mkdir(exist_ok=True)
            session.page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
            assert session.outside() == []
    finally:
        session.context.close()


def test_markers_render_and_nothing_leaves_the_machine(app_url: str, session: Session) -> None:
    session.open(app_url)
    wait_until(lambda: all(session.counts()[:3]))
    assert session.outside() == []
    assert any(u.startswith(app_url + "app/static/vendor/leaflet/") for u in session.requests)


def test_clicking_a_marker_shows_its_sentence_and_source(app_url: str, session: Session) -> None:
    session.open(app_url)
    title, popup = _click_marker(session, 1)
    text = popup.inner_text()
    doc = DOCS[1]
    sentence = popup.locator(".mv-sentence").first.inner_text()
    assert title in sentence and sentence in doc["text"]
    assert popup.locator("mark").first.inner_text() == title
    assert doc["title"] in text and doc["source"] in text
    assert popup.locator("a").first.get_attribute("href") == doc["url"]


def test_turning_a_document_off_removes_exactly_its_markers(app_url: str, session: Session) -> None:
    session.open(app_url)
    wait_until(lambda: all(session.counts()[:3]))
    before = session.settle()
    session.page.locator('[data-testid="stCheckbox"]').filter(has_text="Herat returns").click()
    wait_until(lambda: session.counts()[1] == 0)
    after = session.settle()  # clusters of the other layers re-form with an animation
    assert after == [before[0], 0, *before[2:]]
    # The map's own layer control turns documents off too.
    frame = session.page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-control-layers").hover()
    frame.locator(".leaflet-control-layers-overlays label").filter(has_text="Helmand floods").click()
    wait_until(lambda: session.counts()[2] == 0)
    after_control = session.settle()
    assert after_control == [before[0], 0, 0, before[3]]


def test_geojson_download_matches_visible_markers(app_url: str, session: Session, tmp_path: Path) -> None:
    session.open(app_url)
    session.page.locator('[data-testid="stCheckbox"]').filter(has_text="Aleppo bulletin").click()
    counts = wait_until(lambda: (c := session.counts())[0] == 0 and all(c[1:3]) and c)
    session.idle()
    button = session.page.get_by_role("button", name="GeoJSON")
    button.scroll_into_view_if_needed()
    with session.page.expect_download(timeout=90_000) as download:
        button.click()
    path = tmp_path / "export.geojson"
    download.value.save_as(path)
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["mentions"]
        for mention in feature["properties"]["mentions"]:
            assert {"doc_id", "title", "source", "sentence", "start", "end"} <= set(mention)
    per_doc = [sum(f["properties"]["doc_id"] == d["id"] for f in collection["features"]) for d in DOCS]
    assert per_doc == counts


def test_script_payloads_show_as_text_and_run_nothing(app_url: str, session: Session) -> None:
    session.open(app_url)
    wait_until(lambda: session.counts()[3])
    _, popup = _click_marker(session, 3)
    text = popup.inner_text()
    assert "<script>window.__pwned=2;parent.__pwned=2</script>" in text
    assert 'onerror="window.__pwned=3' in text
    assert "{{ 7*7 }}" in text  # never evaluated as a template on the server
    assert PAYLOAD_TITLE in text and DOCS[3]["source"] in text
    assert popup.locator("a").count() == 0  # a javascript: URL never becomes a link
    sidebar = session.page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Payload report" in sidebar
    frame = session.page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-control-layers").hover()
    assert PAYLOAD_TITLE in frame.locator(".leaflet-control-layers-overlays").inner_text()
    session.page.wait_for_timeout(500)
    assert session.pwned() == [None, None]
    assert session.outside() == []
