"""Refresh the README's screenshots: the dashboard on the bundled samples, and its review view.

    .venv/bin/python scripts/screenshot.py        # or: make screenshot

Starts the dashboard on ``samples/reports.jsonl`` (a workspace in a temporary
folder), opens it in Debian's Chromium, zooms to Afghanistan, opens Kabul's
popup, and writes ``docs/screenshot.png``; then opens the correction panel on
the least confident mention with the "To review" table and writes
``docs/review.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, Dashboard, running_app  # noqa: E402


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        workspace = Path(tmp) / "samples.mapview"
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with running_app("--docs", str(ROOT / "samples" / "reports.jsonl"), "--workspace", str(workspace)) as url:
            dash = Dashboard(browser)
            frame = dash.open(url)
            frame.evaluate("() => window.mapviewMap.map.setView([33.8, 65.5], 6, {animate: false})")
            dash.page.wait_for_timeout(1500)
            dash.click_place("Kabul").locator(".mv-sentence").first.wait_for()
            dash.page.wait_for_timeout(800)
            dash.page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))
            dash.page.get_by_text("To review", exact=True).click()
            dash.idle()
            grid = dash.page.locator('[data-testid="stDataFrame"]').first
            grid.scroll_into_view_if_needed()
            box = grid.bounding_box()
            dash.page.mouse.click(box["x"] + 15, box["y"] + 55)  # the first row's selection box
            dash.page.get_by_text("Correct a placement").wait_for()
            dash.idle()
            dash.page.get_by_text("The words name").scroll_into_view_if_needed()
            dash.page.wait_for_timeout(800)
            dash.page.screenshot(path=str(ROOT / "docs" / "review.png"))
            dash.close()
        browser.close()
    print("wrote docs/screenshot.png and docs/review.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
