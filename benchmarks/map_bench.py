"""Map benchmark: what drawing areas costs the server and the page.

    .venv/bin/python benchmarks/map_bench.py

A workspace whose documents name all 34 Afghan provinces and 200 countries (the
gazetteer's own places) is opened in the dashboard in Debian's Chromium:

- ``server``: seconds to make the map's data for that selection (the places
  query and the JSON the page sends), median of 5;
- ``sent``: bytes of that data;
- ``added by the areas``: that data plus the province outlines the browser fetches
  for the filled countries in view; beside it the whole basemap (country outlines
  and labels, loaded by every page) and the total page weight;
- ``drawn``: seconds from opening the page to all 234 areas drawn.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, Dashboard, running_app  # noqa: E402


def area_parser(places: list) -> object:
    """A parse function naming ``places`` (ten per document), for a workspace of known areas."""
    from mapview.records import Document, Mention, ParsedDocument, ResolvedMention, Span

    def parse(documents: Iterable[Document], **_: object) -> Iterator[ParsedDocument]:
        for n, document in enumerate(documents):
            chunk = places[n * 10 : (n + 1) * 10]
            mentions, at = [], 0
            for place in chunk:
                start = document.text.index(place.name, at)
                at = start + len(place.name)
                mention = Mention(start, at, place.name, Span(0, len(document.text)))
                mentions.append(ResolvedMention(mention, place, 0.9))
            yield ParsedDocument(document, tuple(mentions))

    return parse


def main() -> int:
    from playwright.sync_api import sync_playwright

    from gazetteer import Gazetteer
    from mapview.provenance import PipelineVersion
    from mapview.records import Document
    from mapview.webmap.view import places_key, places_table
    from mapview.workspace import Selection, Workspace, ingest, queries

    gazetteer = Gazetteer()
    provinces = [p for p in gazetteer.matched_outlines().values() if p.country_code == "AF" and p.kind == "admin1"]
    countries = sorted((c for c in gazetteer.countries() if c.has_shape), key=lambda p: -(p.population or 0))[:200]
    places = sorted({p.id: p for p in provinces + countries}.values(), key=lambda p: p.id)
    documents = [
        Document(id=f"d{n}", text=" ".join(f"Reports from {p.name}." for p in places[n * 10 : (n + 1) * 10]))
        for n in range(-(-len(places) // 10))
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "areas.mapview"
        with Workspace.open(path, create=True) as workspace:
            ingest(workspace, documents, parse=area_parser(places), version=PipelineVersion("bench", {}))
            timings, sent = [], 0
            for _ in range(5):
                started = time.perf_counter()
                data = json.dumps(
                    {
                        "places": places_table(queries.place_summaries(workspace, Selection())),
                        "places_key": places_key(workspace, Selection()),
                    }
                )
                timings.append(time.perf_counter() - started)
                sent = len(data.encode())
        print(f"places: {len(provinces)} provinces + {len(countries)} countries ({len(places)} distinct)")
        print(f"server: {statistics.median(timings):.3f} s to make the map's data; sent: {sent / 1024:.1f} KB")
        with sync_playwright() as p, running_app("--workspace", str(path)) as url:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            dash = Dashboard(browser)
            sizes: dict[str, int] = {}

            def record(response) -> None:  # type: ignore[no-untyped-def]
                with contextlib.suppress(Exception):  # a response without a body (a redirect, a websocket)
                    sizes[response.url] = len(response.body())

            dash.page.on("response", record)
            started = time.perf_counter()
            frame = dash.open(url)
            frame.wait_for_function(
                f"() => Number(document.querySelector('#map').dataset.areas) >= {len(places)}", timeout=120_000
            )
            drawn = time.perf_counter() - started
            dash.page.wait_for_timeout(1000)
            basemap = sum(size for u, size in sizes.items() if "/basemap/" in u)
            # Countries and labels are the basemap every page loads; province files come only for filled
            # countries in view, so they and the data sent are what drawing these areas adds.
            provinces_fetched = sum(size for u, size in sizes.items() if "/basemap/admin1/" in u)
            print(f"drawn: {drawn:.2f} s from opening the page to {len(places)} areas filled")
            print(
                f"added by the areas: {(sent + provinces_fetched) / 2**20:.2f} MB (data sent and province outlines);"
                f" basemap {basemap / 2**20:.2f} MB; whole page {sum(sizes.values()) / 2**20:.2f} MB"
            )
            dash.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
