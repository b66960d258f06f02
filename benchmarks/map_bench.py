"""Map benchmark: server build time, page size, and time to visible markers in Chromium.

    .venv/bin/python benchmarks/map_bench.py [--sizes 100 1000 10000] [--documents 20] [--no-browser]

For each size, a synthetic corpus of that many distinct places (spread over
``--documents`` documents) is turned into layers once (as the app caches them),
then timed:

- ``build``: :func:`mapview.webmap.builder.build_map` plus the rendering
  ``streamlit_folium.st_folium`` does: ``first`` serializes the layers' data,
  ``rerun`` (median of 3) reuses it as the app does after a click or a toggle;
- ``html``: size of the standalone page (data included);
- ``visible``: from navigation to the first marker or cluster on screen, and
  to every document's layer on the map, in headless Debian Chromium loading
  the standalone page from a local server (assets from static/vendor).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import logging
import statistics
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mapview.webmap.assets import vendor_dir  # noqa: E402
from mapview.webmap.builder import build_map  # noqa: E402
from mapview.webmap.corpus import layer_specs  # noqa: E402
from mapview.webmap.synthetic import synthetic_corpus  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def server_build(specs: list) -> float:
    """Seconds for one rerun's map work: build the map, then st_folium's rendering."""
    from streamlit_folium import st_folium

    started = time.perf_counter()
    web = build_map(specs)
    st_folium(web.map, feature_group_to_add=web.layers, layer_control=web.control, key="map",
              returned_objects=["last_active_drawing"])
    return time.perf_counter() - started


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def browser_times(browser, url: str, documents: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Seconds to the first visible marker, and to every layer's markers."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort())
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(".mv-marker, .mv-cluster", state="visible", timeout=120_000)
    first = time.perf_counter() - started
    page.wait_for_function(
        """(n) => { for (let i = 0; i < n; i++) {
            if (!document.querySelector('.mv-doc-' + i)) return false; } return true; }""",
        arg=documents, timeout=120_000,
    )
    every = time.perf_counter() - started
    page.close()
    return first, every


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args(argv)
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    warnings.simplefilter("ignore")
    from streamlit import config

    config.set_option("global.showWarningOnDirectExecution", False)  # st_folium runs bare here

    build_map([])  # outlines read once per process, as in a running app
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "app" / "static").mkdir(parents=True)
        (site / "app" / "static" / "vendor").symlink_to(vendor_dir())
        server, base = serve(site)
        playwright = browser = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        print(f"{'places':>7} {'docs':>5} {'first build s':>14} {'rerun s':>8} {'html MB':>8}"
              f" {'first marker s':>15} {'all layers s':>13}")
        try:
            for size in args.sizes:
                documents = min(args.documents, size)
                specs = layer_specs(synthetic_corpus(places=size, documents=documents))
                first_build = server_build(specs)
                rerun = statistics.median(server_build(specs) for _ in range(3))
                html = build_map(specs).to_html()
                (site / f"map-{size}.html").write_text(html, encoding="utf-8")
                first = every = float("nan")
                if browser is not None:
                    first, every = browser_times(browser, f"{base}map-{size}.html", documents)
                mb = len(html.encode("utf-8")) / 1e6
                print(f"{size:>7} {documents:>5} {first_build:>14.3f} {rerun:>8.3f} {mb:>8.2f}"
                      f" {first:>15.2f} {every:>13.2f}")
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
