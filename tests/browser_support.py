"""Helpers for tests/test_browser.py: start the dashboard, drive Debian's Chromium.

Not a test module. The app is started exactly as a user would (``streamlit run
streamlit_app.py [-- --docs PATH]``) on a free port of 127.0.0.1.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

COUNT_MARKERS_JS = """(index) => {
    let n = document.querySelectorAll('.mv-marker.mv-doc-' + index).length;
    for (const c of document.querySelectorAll('.mv-cluster.mv-doc-' + index)) {
        n += parseInt(c.textContent, 10);
    }
    return n;
}"""
"""Markers of one document in the map frame: single markers plus clustered ones."""

TOPMOST_MARKERS_JS = """() => [...document.querySelectorAll('.mv-marker')].map((m, i) => {
    const r = m.getBoundingClientRect();
    const free = [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].every(([x, y]) => {
        const hit = document.elementFromPoint(r.left + r.width * x, r.top + r.height * y);
        return !!hit && m.contains(hit);
    });
    return {index: i, title: m.title, cls: m.className, free: free && r.top > 60};
}).filter((m) => m.free)"""
"""Markers a click would reach (not covered by another marker or a control)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_app(*app_args: str, timeout: float = 120.0) -> Iterator[str]:
    """Start the dashboard; yields its base URL; stops it on exit."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "streamlit_app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.headless", "true", "--server.runOnSave", "false",
    ]
    if app_args:
        command += ["--", *app_args]
    log = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
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


def wait_until(predicate, timeout: float = 20.0, interval: float = 0.2):  # type: ignore[no-untyped-def]
    """Poll ``predicate`` until it returns a truthy value; returns it or raises TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        time.sleep(interval)
