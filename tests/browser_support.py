"""Helpers for the browser tests: start the dashboard, drive Debian's Chromium, read the page.

Not a test module. The app is started exactly as a user would (``streamlit run
streamlit_app.py [-- --docs PATH | --workspace FILE]``) on a free port of 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MAP_FRAME = 'iframe[title$="mapview_map"]'


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (import this fixture into a browser test module)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def dash(browser: Any) -> Iterator[Dashboard]:
    """A fresh browser tab (import this fixture with ``browser``)."""
    tab = Dashboard(browser)
    yield tab
    tab.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(*app_args: str, timeout: float = 120.0, env: dict[str, str] | None = None) -> Iterator[str]:
    """Start the dashboard; yields its base URL; stops it on exit."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "streamlit_app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.runOnSave",
        "false",
    ]
    if app_args:
        command += ["--", *app_args]
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise RuntimeError(f"streamlit did not start (exit code {process.poll()}):\n{log.read()[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def is_local(url: str) -> bool:
    """True for URLs that stay on the machine (127.0.0.1, localhost, data:, blob:, about:)."""
    if url.startswith(("data:", "blob:", "about:")):
        return True
    host = url.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]
    return host in {"127.0.0.1", "localhost", "[::1]"}


def wait_until(predicate, timeout: float = 30.0, interval: float = 0.1):  # type: ignore[no-untyped-def]
    """Poll ``predicate`` until it returns a truthy value; returns it or raises TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(interval)


class Dashboard:
    """One browser tab on the dashboard; every request is recorded, those leaving the machine aborted."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
        self.requests: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", lambda route: route.continue_() if is_local(route.request.url) else route.abort())
        self.page = self.context.new_page()
        self.page.on("websocket", lambda ws: self.requests.append(ws.url))

    def close(self) -> None:
        self.context.close()

    def open(self, url: str, timeout: float = 180_000) -> Any:
        """Load the dashboard and wait for its first place on the map; returns the map's frame."""
        self.page.goto(url)
        self.wait_for_map(timeout)
        return self.frame()

    def wait_for_map(self, timeout: float = 180_000) -> None:
        """Wait until the map shows its first place: a marker, a cluster or a filled area."""
        self.page.wait_for_selector(MAP_FRAME, timeout=timeout)
        self.page.frame_locator(MAP_FRAME).locator(
            ".mv-marker, .mv-cluster, #map[data-areas]:not([data-areas='0'])"
        ).first.wait_for(timeout=timeout)

    def frame(self) -> Any:
        return self.page.query_selector(MAP_FRAME).content_frame()

    def seconds_to_first_paint(self) -> float:
        """Seconds from the page's navigation start to the paint of the map's first marker or cluster.

        The browser's own Element Timing of the markers (they carry ``elementtiming``), so a
        busy page does not add the test driver's polling delay to the figure.
        """
        painted = self.frame().evaluate(
            """() => new Promise((done) => {
                new PerformanceObserver((list, observer) => {
                    observer.disconnect();
                    const times = list.getEntries().map((e) => e.renderTime || e.loadTime);
                    done(performance.timeOrigin + Math.min(...times));
                }).observe({ type: "element", buffered: true });
            })"""
        )
        return (float(painted) - float(self.page.evaluate("() => performance.timeOrigin"))) / 1000

    def map_state(self) -> tuple[str | None, int]:
        """The places key the map last applied, and how many places it shows."""
        node = self.frame().locator("#map")
        return node.get_attribute("data-rendered"), int(node.get_attribute("data-places") or 0)

    def after_map_update(self, action: Any, timeout: float = 60.0) -> int:
        """Do ``action`` and wait until the map has applied new places; returns how many it shows."""
        before, _ = self.map_state()
        action()
        wait_until(lambda: self.map_state()[0] != before, timeout=timeout, interval=0.02)
        return self.map_state()[1]

    def idle(self) -> None:
        """Wait until Streamlit is not running the script."""
        self.page.wait_for_timeout(300)
        self.page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)

    def caption_numbers(self) -> dict[str, int]:
        """The numbers of the caption above the map: shown, documents, places, mentions."""
        text = self.page.get_by_text(re.compile(r"documents shown")).first.inner_text()
        match = re.search(r"(\d+) of (\d+) documents shown · (\d+) places · (\d+) mentions", text)
        assert match, text
        return dict(zip(("shown", "documents", "places", "mentions"), map(int, match.groups())))

    def place_ids(self) -> list[str]:
        return list(self.frame().evaluate("() => window.mapviewMap.placeIds()"))

    def reveal_place(self, name: str) -> Any:
        """Zoom in until the marker of the place called ``name`` is out of its cluster; returns the marker."""
        self.frame().evaluate(
            """(name) => new Promise((done) => {
            const map = window.mapviewMap;
            const id = map.placeIds().find((i) => map.placeName(i) === name);
            if (!map.reveal(id, () => setTimeout(done, 400))) { done(); }
        })""",
            name,
        )
        return self.page.frame_locator(MAP_FRAME).locator(f'.mv-marker[title="{name}"]').first

    def click_place(self, name: str) -> Any:
        """Click the marker of the place called ``name``; returns its popup once open."""
        self.frame().evaluate("() => { window.mapviewMap.map.closePopup(); }")  # an open popup may cover the marker
        self.reveal_place(name).click()
        # The popup closed before may still be fading out: take the one naming this place.
        popup = self.page.frame_locator(MAP_FRAME).locator(".leaflet-popup-content").filter(has_text=name).last
        popup.wait_for()
        return popup

    def download(self, label: str, path: Path) -> Any:
        """Click a download button; the file is saved at ``path`` and parsed when it is JSON."""
        button = self.page.get_by_role("button", name=label)
        button.scroll_into_view_if_needed()
        with self.page.expect_download(timeout=120_000) as download:
            button.click()
        download.value.save_as(path)
        return json.loads(path.read_text(encoding="utf-8")) if label == "GeoJSON" else path.read_text("utf-8")

    def outside(self) -> list[str]:
        return [u for u in self.requests if not is_local(u.replace("ws://", "http://", 1))]

    def pwned(self) -> list[Any]:
        return [self.page.evaluate("window.__pwned"), self.frame().evaluate("window.__pwned")]
